/**
 * Issue 16's queue-mode load run R times on one real n8n (the e2e test runs it twice): W workers,
 * the credential's *n8n Processes Using This Organization* S (1 = unset), runs alternating signed in
 * and every session expired. After `npm run build`:
 *
 *   BILL_N8N=oldest W=4 S=4 R=8 node scripts/run-ts.js bench/queue-repeat.ts
 */
import { rmSync } from 'fs';
import { dirname } from 'path';
import { packPackage } from '../test/e2e/n8n';
import { formatFigures, startQueueLoad } from '../test/e2e/queue-load';
const W = Number(process.env.W ?? 4), S = Number(process.env.S ?? W), R = Number(process.env.R ?? 6);
void (async () => {
	const tarball = packPackage();
	const load = await startQueueLoad(tarball, W, { credential: S > 1 ? { sharedProcesses: S } : {} });
	try {
		for (let r = 0; r < R; r++) {
			const f = await load.run({ expireSessions: r % 2 === 1 });
			process.stdout.write(`[W=${W} S=${S} run ${r}] ${formatFigures(f)}\n`);
			await new Promise((res) => setTimeout(res, 1500));
		}
	} finally {
		await load.stop();
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
})();
