/**
 * Issue 16 §1, Spend & Expense: BILL allows 60 S&E calls per minute (auth.md §7; per token
 * [third-party]), for every n8n process using the token. Several n8n processes (simulated
 * in-process, test/support/processes.ts: each its own module registry, so its own per-token
 * window) run S&E executions at once against the emulator, which counts S&E calls per token and
 * minute and answers 429 beyond 60. Measured from BILL's side (the emulator's request log):
 * failed executions, 429 refusals, calls per minute, time.
 */
import { startBill, type BillTestContext } from '../support/bill';
import { simulatedProcesses } from '../support/processes';

const EXECUTIONS = 6;
const ITEMS = 15;
const CALLS = EXECUTIONS * ITEMS; // 90: more than BILL's 60 in one minute

interface SpendFigures {
	processes: number;
	failed: number;
	calls: number;
	refused: number;
	/** Most calls BILL let in within one of its minutes. */
	peakPerMinute: number;
	seconds: number;
	errors: string[];
}

/** `EXECUTIONS` executions of S&E User → Get Current over `ITEMS` items, spread over `processes` processes, all at once. */
async function spendLoad(t: BillTestContext, processes: number): Promise<SpendFigures> {
	const procs = simulatedProcesses(t.base, processes);
	// a fresh minute at BILL (its S&E count is per minute): every run meets the same limit
	t.emu.advanceTime(60_000 - (t.emu.nowMs() % 60_000) + 10);
	const from = t.emu.requestLog.length;
	const started = Date.now();
	const items = Array.from({ length: ITEMS }, (_, n) => ({ json: { n } }));
	const runs = await Promise.all(Array.from({ length: EXECUTIONS }, async (_, e) => await procs[e % processes].runOp('spendUser', 'getCurrent', {}, items)));
	const seconds = (Date.now() - started) / 1000;
	const log = t.emu.requestLog.slice(from).filter((e) => e.path.startsWith('/v3/spend/'));
	const perMinute = new Map<number, number>();
	for (const e of log.filter((x) => x.status < 400)) {
		const minute = Math.floor(Date.parse(e.time) / 60_000);
		perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
	}
	return {
		processes,
		failed: runs.filter((r) => !r.success || r.output.length !== ITEMS).length,
		calls: log.length,
		refused: log.filter((e) => e.status === 429).length,
		peakPerMinute: Math.max(0, ...perMinute.values()),
		seconds,
		errors: runs.filter((r) => !r.success).map((r) => r.error?.message ?? ''),
	};
}

const report = (f: SpendFigures) =>
	process.stdout.write(
		`[queue-limits S&E] ${f.processes} process(es): ${EXECUTIONS - f.failed}/${EXECUTIONS} ok, ${f.refused} of ${f.calls} calls refused (${((f.refused / f.calls) * 100).toFixed(1)} %), at most ${f.peakPerMinute} let in per minute, ${f.seconds.toFixed(1)} s\n`,
	);

const PROCESSES = [1, 2, 4];
const figures = new Map<number, SpendFigures>();

// Each count has its own emulator (its own token count at BILL) and they run side by side: each run spans BILL's minute.
beforeAll(async () => {
	await Promise.all(
		PROCESSES.map(async (processes) => {
			const t = await startBill();
			try {
				figures.set(processes, await spendLoad(t, processes));
				report(figures.get(processes)!);
			} finally {
				await t.stop();
			}
		}),
	);
}, 300_000);

describe(`Spend & Expense, one token, several n8n processes (${EXECUTIONS} executions × ${ITEMS} calls at once; BILL allows 60 per minute)`, () => {
	for (const processes of PROCESSES) {
		test(`${processes} process(es): no failed execution, every call done, at most 60 per minute, refusals ≤ 5 %`, () => {
			const f = figures.get(processes)!;
			expect(f.errors).toEqual([]);
			expect(f.failed).toBe(0);
			expect(f.calls - f.refused).toBe(CALLS);
			expect(f.peakPerMinute).toBeLessThanOrEqual(60);
			if (processes === 1) expect(f.refused).toBe(0);
			expect(f.refused / f.calls).toBeLessThanOrEqual(0.05);
		});
	}
});
