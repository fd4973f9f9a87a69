/**
 * `npm run emulator` entry: scripts/run-ts.js compiles the TypeScript on the fly, the CLI listens on
 * 127.0.0.1 at the requested port, prints the base URL and seeded credentials, and stops on SIGTERM.
 */
import axios from 'axios';
import { spawn } from 'child_process';
import { join } from 'path';

const root = join(__dirname, '..', '..', '..');

test('cli.ts starts on --port 0, serves BILL login, prints credentials, exits 0 on SIGTERM', async () => {
	const child = spawn(process.execPath, ['scripts/run-ts.js', 'test/emulator/cli.ts', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr.on('data', (d: Buffer) => (err += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	try {
		const base = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no start line; stdout: ${out}; stderr: ${err}`)), 45_000);
			child.stdout.on('data', () => {
				const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
				if (m) {
					clearTimeout(timer);
					resolve(m[1]);
				}
			});
		});
		await new Promise((r) => setTimeout(r, 100));
		for (const s of ['00801EMULATOR0001', 'emulator@example.com', 'emulator-password', 'emulator-dev-key', 'emulator-spend-token', 'emulator-app-key', 'emulator-remember-me']) {
			expect(out).toContain(s);
		}
		const r = await axios.post(`${base}/connect/v3/login`, { username: 'emulator@example.com', password: 'emulator-password', organizationId: '00801EMULATOR0001', devKey: 'emulator-dev-key' });
		expect(r.status).toBe(200);
		expect(typeof r.data.sessionId).toBe('string');
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		await expect(axios.get(`${base}/connect/v3/health`, { timeout: 2000 })).rejects.toBeTruthy();
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}, 60_000);
