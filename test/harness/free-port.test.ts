/**
 * The ports the end-to-end tests hand to n8n (scripts/n8n.js freePort): n8n binds a port seconds
 * after it is chosen, while other test processes (the second e2e file, the other n8n version's
 * suite, the in-process suite's servers on port 0) run beside it. A port must therefore be handed
 * to one process only, and never fall in the range the OS hands out for port 0.
 */
import { execFileSync } from 'child_process';
import net from 'net';
import { join } from 'path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'n8n.js');

/** `count` ports asked for at once by another Node process. */
function portsFromAnotherProcess(count: number): Promise<number[]> {
	const code = `const { freePort } = require(${JSON.stringify(SCRIPT)}); Promise.all(Array.from({ length: ${count} }, () => freePort())).then((p) => process.stdout.write(JSON.stringify(p)));`;
	return new Promise((resolve, reject) => {
		try {
			resolve(JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' })) as number[]);
		} catch (error) {
			reject(error as Error);
		}
	});
}

test('ports asked for by 4 processes at once are all different and below the ephemeral range', async () => {
	const all = (await Promise.all([0, 1, 2, 3].map(async () => await portsFromAnotherProcess(30)))).flat();
	expect(all).toHaveLength(120);
	expect(new Set(all).size).toBe(120);
	for (const port of all) {
		expect(port).toBeGreaterThanOrEqual(20000);
		expect(port).toBeLessThan(32000);
	}
});

test('a port handed out is not handed out again while n8n may still be starting on it', async () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { freePort } = require(SCRIPT) as { freePort: () => Promise<number> };
	const taken = await freePort();
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(taken, '127.0.0.1', resolve));
	try {
		// the claim holds for 10 minutes (n8n binds within seconds; then listening on it fails anyway)
		const more = await Promise.all(Array.from({ length: 50 }, async () => await freePort()));
		expect(more).not.toContain(taken);
	} finally {
		server.close();
	}
});
