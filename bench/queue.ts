/**
 * Benchmark section of `npm run bench`: BILL's organization-wide limits in n8n's queue mode
 * (issue 16). For 1, 2 and 4 workers (BENCH_QUEUE_WORKERS, concurrency 5 each): a real n8n in queue
 * mode with Redis runs 6 executions at once of Webhook → 30 vendor IDs → BILL Vendor → Get
 * (test/e2e/queue-load.ts, the load the end-to-end test asserts) against the emulator with 100 ms
 * per request that refuses a 4th request in flight; figures are BILL's: time ÷ BILL's limit
 * (requests × latency ÷ 3) as the client's wall time and, in brackets, as BILL's span (its first
 * request for the organization to its last answer), BDC_1322 refusals, failed executions, peak in flight, logins.
 * Skipped without redis-server. Alone: `node scripts/run-ts.js bench/queue.ts` (after `npm run
 * build`; writes bench/results/queue-latest-<n8n version>.md and .json, e.g. bench/results/queue-latest-2.8.4.md).
 */
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

import { HAS_REDIS, N8N_VERSION, packPackage, ROOT } from '../test/e2e/n8n';
import { formatFigures, QUEUE_LOAD, startQueueLoad, type QueueLoadFigures } from '../test/e2e/queue-load';

export const QUEUE_WORKERS = (process.env.BENCH_QUEUE_WORKERS ?? '1,2,4').split(',').map(Number);

/**
 * The credential's *n8n Processes Using This Organization* per worker count: the number of workers,
 * as the README advises (the end-to-end test does the same; 1 is the default, unset).
 */
export const benchSharedProcesses = (workers: number) => workers;

/** Figures per worker count: the first run (sessions signed in) and a run after every session expired. */
export async function queueBench(log: (m: string) => void = () => {}): Promise<Array<{ first: QueueLoadFigures; expired: QueueLoadFigures }>> {
	if (!HAS_REDIS) return [];
	const tarball = packPackage();
	const out: Array<{ first: QueueLoadFigures; expired: QueueLoadFigures }> = [];
	try {
		for (const workers of QUEUE_WORKERS) {
			const load = await startQueueLoad(tarball, workers, { credential: { sharedProcesses: benchSharedProcesses(workers) } });
			try {
				const first = await load.run();
				log(`queue mode: ${formatFigures(first)}`);
				const expired = await load.run({ expireSessions: true });
				log(`queue mode, sessions expired: ${formatFigures(expired)}`);
				out.push({ first, expired });
			} finally {
				await load.stop();
			}
		}
	} finally {
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
	return out;
}

const cell = (f: QueueLoadFigures) =>
	`${f.timeOverLimit.toFixed(2)}× BILL's limit (at BILL ${f.billOverLimit.toFixed(2)}×), ${f.refused} of ${f.requests} refused (${(f.refusedShare * 100).toFixed(1)} %), ${f.failed} failed, peak ${f.peakInFlight}, ${f.logins} login(s)`;

/** Bench rows: one per worker count, this build's first run and the run after sessions expired. */
export function queueRows(figures: Array<{ first: QueueLoadFigures; expired: QueueLoadFigures }>): Array<[string, string, string, string, string]> {
	const one = figures.find((f) => f.first.workers === 1);
	return figures.map(({ first, expired }) => [
		`Queue mode, ${first.workers} worker(s) (concurrency ${QUEUE_LOAD.concurrency}${benchSharedProcesses(first.workers) > 1 ? `, n8n Processes Using This Organization ${benchSharedProcesses(first.workers)}` : ''}): ${QUEUE_LOAD.executions} executions × ${QUEUE_LOAD.items} Vendor → Get at once`,
		cell(first),
		`after every session expired: ${cell(expired)}`,
		one && first.workers !== 1 ? `${(first.wallMs / one.first.wallMs).toFixed(2)}× the time of 1 worker` : '—',
		`${first.requests} / ${expired.requests}`,
	]);
}

if (process.argv[1]?.endsWith(join('bench', 'queue.ts'))) {
	queueBench((m) => process.stdout.write(`[bench] ${m}\n`))
		.then((figures) => {
			const header = ['Scenario', 'First run', 'Run after sessions expired', 'Time ÷ 1 worker', 'Requests'];
			const table = [header, header.map(() => '---'), ...queueRows(figures)].map((r) => `| ${r.join(' | ')} |`).join('\n');
			const results = join(ROOT, 'bench', 'results');
			mkdirSync(results, { recursive: true });
			writeFileSync(join(results, `queue-latest-${N8N_VERSION}.md`), `# Queue mode (n8n ${N8N_VERSION}, ${new Date().toISOString()})\n\n${table}\n`);
			writeFileSync(join(results, `queue-latest-${N8N_VERSION}.json`), `${JSON.stringify(figures, null, 2)}\n`);
			process.stdout.write(`\n${table}\n`);
		})
		.catch((error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exit(1);
		});
}
