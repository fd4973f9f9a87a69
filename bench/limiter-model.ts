/**
 * A model of issue 16's load for tuning the adaptive limiter (nodes/Bill/transport/limiter.ts)
 * quickly: P "processes" (one AdaptiveLimiter each, as each n8n process has its own) run 6
 * executions × 30 requests (3 items at a time, as the node's router does) against a stand-in BILL
 * that holds a request for `latency` ms and refuses a 4th in flight at once (BDC_1322). The request
 * loop is billRequest's: acquire, send, release with the outcome, a refused request sent again after
 * `refusalDelay`. No HTTP, no n8n: what it measures is the algorithm alone (the in-process test
 * test/transport/queue-limits.test.ts and the e2e test add the real request path).
 *
 *   node scripts/run-ts.js bench/limiter-model.ts [runs=10] [processes=1,2,4] [latencyMs=100]
 */
import { sleep } from 'n8n-workflow';

import { ADAPTIVE, AdaptiveLimiter, mapConcurrent } from '../nodes/Bill/transport/limiter';

export interface ModelFigures {
	processes: number;
	requests: number;
	refused: number;
	/** Refusals in the first `coldLatencies` latencies (every process's first burst). */
	coldRefused: number;
	/** Refusals by how many of the process's own requests were in flight then (0, 1, 2, 3+). */
	byOwn: number[];
	peak: number;
	failed: number;
	timeOverLimit: number;
	/** Executions per process, most first (e.g. "3,2,1,0"). */
	split: string;
}

const EXECUTIONS = 6;
const ITEMS = 30;
const PER_EXECUTION = 3;
const MAX = 3;
const WORK_MS = Number(process.env.MODEL_WORK_MS ?? 3);

export async function modelRun(processes: number, latencyMs = 100, options: { startSpreadMs?: number; hint?: number; randomSplit?: boolean } = {}): Promise<ModelFigures> {
	const limiters = Array.from({ length: processes }, () => new AdaptiveLimiter(MAX, options.hint ?? 1));
	let inFlight = 0;
	let peak = 0;
	let requests = 0;
	let refused = 0;
	let coldRefused = 0;
	const byOwn = [0, 0, 0, 0];
	const started = Date.now();
	const send = async (): Promise<'ok' | 'refused'> => {
		requests++;
		await sleep(1 + Math.random() * 2); // the way to BILL
		if (inFlight >= MAX) {
			refused++;
			if (Date.now() - started < 3 * latencyMs) coldRefused++;
			await sleep(1 + Math.random() * 2);
			return 'refused';
		}
		peak = Math.max(peak, ++inFlight);
		await sleep(latencyMs * (1 + Math.random() * 0.1));
		inFlight--;
		await sleep(1 + Math.random() * 2); // the way back
		return 'ok';
	};
	const request = async (l: AdaptiveLimiter): Promise<boolean> => {
		let since: number | undefined;
		for (let n = 0; ; ) {
			await l.acquire();
			const outcome = await send();
			if (outcome === 'refused') byOwn[Math.min(3, l.inFlight - 1)]++;
			l.release(outcome);
			if (outcome === 'ok') return true;
			since ??= Date.now();
			const wait = l.refusalDelay(n++, since);
			if (wait === undefined) return false;
			await sleep(wait);
		}
	};
	// round robin (an even split), or each execution to a random process (as n8n's workers take jobs)
	const owners = Array.from({ length: EXECUTIONS }, (_, e) => (options.randomSplit ? Math.floor(Math.random() * processes) : e % processes));
	const runs = await Promise.all(
		Array.from({ length: EXECUTIONS }, async (_, e) => {
			if (options.startSpreadMs) await sleep(Math.random() * options.startSpreadMs);
			const l = limiters[owners[e]];
			const done = await mapConcurrent(
				Array.from({ length: ITEMS }, (_x, i) => i),
				PER_EXECUTION,
				async () => {
					await sleep(Math.random() * WORK_MS); // the node's own work per item (MODEL_WORK_MS, default 3)
					return await request(l);
				},
			);
			return done.every(Boolean);
		}),
	);
	const ms = Date.now() - started;
	return {
		processes,
		requests,
		refused,
		coldRefused,
		byOwn,
		peak,
		failed: runs.filter((ok) => !ok).length,
		timeOverLimit: ms / ((EXECUTIONS * ITEMS * latencyMs) / MAX),
		split: limiters
			.map((_, p) => owners.filter((o) => o === p).length)
			.sort((a, b) => b - a)
			.join(','),
	};
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)} %`;

if (process.argv[1]?.endsWith('limiter-model.ts')) {
	const runs = Number(process.argv[2] ?? 10);
	const counts = (process.argv[3] ?? '1,2,4').split(',').map(Number);
	const latency = Number(process.argv[4] ?? 100);
	const spread = Number(process.env.MODEL_SPREAD_MS ?? 200);
	const hint = process.env.MODEL_HINT ? Number(process.env.MODEL_HINT) : undefined;
	const randomSplit = process.env.MODEL_SPLIT === 'random';
	// MODEL_ADAPTIVE='{"minWindow":0.03}' tries other tuning
	if (process.env.MODEL_ADAPTIVE) Object.assign(ADAPTIVE, JSON.parse(process.env.MODEL_ADAPTIVE));
	void (async () => {
		for (const p of counts) {
			const all: ModelFigures[] = [];
			for (let r = 0; r < runs; r++) all.push(await modelRun(p, latency, { startSpreadMs: spread, hint, randomSplit }));
			const shares = all.map((f) => f.refused / f.requests).sort((a, b) => a - b);
			const times = all.map((f) => f.timeOverLimit).sort((a, b) => a - b);
			const sum = (k: 'requests' | 'refused' | 'coldRefused' | 'failed') => all.reduce((s, f) => s + f[k], 0);
			const own = [0, 1, 2, 3].map((k) => all.reduce((s, f) => s + f.byOwn[k], 0)).join('/');
			process.stdout.write(
				`${p} process(es), ${runs} runs: refused ${pct(sum('refused'), sum('requests'))} (${shares.map((s) => (s * 100).toFixed(1)).join(' ')}), cold ${sum('coldRefused')} of ${sum('refused')}, by own in flight 0/1/2/3 ${own}, peak ${Math.max(...all.map((f) => f.peak))}, failed ${sum('failed')}, time ${times[0].toFixed(2)}–${times[times.length - 1].toFixed(2)}× (median ${times[Math.floor(times.length / 2)].toFixed(2)})\n`,
			);
		}
	})();
}
