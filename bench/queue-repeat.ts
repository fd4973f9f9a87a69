/**
 * Issue 16's queue-mode load run R times on one real n8n (the e2e test runs it twice): W workers,
 * the credential's *n8n Processes Using This Organization* S (1 = unset), runs alternating signed in
 * and every session expired. After `npm run build`:
 *
 *   BILL_N8N=oldest W=4 S=4 R=8 node scripts/run-ts.js bench/queue-repeat.ts
 *
 * Each run also prints where BILL's span went (from the emulator's request log): the share of it
 * with 0, 1, 2 and 3+ requests in flight, and the tail after the organization was last full (3 in
 * flight): time BILL could have used and did not.
 */
import { rmSync } from 'fs';
import { dirname } from 'path';
import { packPackage } from '../test/e2e/n8n';
import type { RequestLogEntry } from '../test/emulator/server';
import { formatFigures, startQueueLoad } from '../test/e2e/queue-load';
const W = Number(process.env.W ?? 4), S = Number(process.env.S ?? W), R = Number(process.env.R ?? 6);
void (async () => {
	const tarball = packPackage();
	const load = await startQueueLoad(tarball, W, { credential: S > 1 ? { sharedProcesses: S } : {} });
	try {
		for (let r = 0; r < R; r++) {
			const from = load.emu.requestLog.length;
			const f = await load.run({ expireSessions: r % 2 === 1 });
			process.stdout.write(`[W=${W} S=${S} run ${r}] ${formatFigures(f)}\n  ${inFlightShares(load.emu.requestLog.slice(from))}\n`);
			await new Promise((res) => setTimeout(res, 1500));
		}
	} finally {
		await load.stop();
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
})();

/** BILL's span by requests in flight (let-in requests of the organization, logins apart). */
function inFlightShares(log: RequestLogEntry[]): string {
	const spans = log
		.filter((e) => e.organizationId && e.path !== '/v3/login' && e.code !== 'BDC_1322' && e.answered)
		.map((e) => [Date.parse(e.time), Date.parse(e.answered!)] as const);
	if (!spans.length) return 'no requests';
	const events = spans.flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
	const at = [0, 0, 0, 0];
	let level = 0, last = events[0][0], lastFull = last;
	for (const [t, d] of events) {
		at[Math.min(level, 3)] += t - last;
		if (level >= 3) lastFull = t;
		level += d;
		last = t;
	}
	const total = last - events[0][0];
	const pct = (ms: number) => `${((ms / total) * 100).toFixed(0)} %`;
	return `in flight over BILL's span ${(total / 1000).toFixed(1)} s: 0 ${pct(at[0])}, 1 ${pct(at[1])}, 2 ${pct(at[2])}, 3 ${pct(at[3])}; tail after last full ${((last - lastFull) / 1000).toFixed(2)} s`;
}
