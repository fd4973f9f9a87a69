/**
 * Benchmark section of `npm run bench`: BILL requests per poll of the BILL Polling Trigger with 0,
 * 1 and 250 changes, against its own emulator (`BENCH_POLL_EXISTING` older bills, 1,000 by
 * default), polled in-process the way n8n runs polling nodes (test/polling/poll-host.ts: n8n-core's
 * PollContext, the harness's credentials). Polls are a minute apart on BILL's clock; changes are
 * made through BILL's API (bills created with POST /v3/bills/bulk). Requests are counted by the
 * emulator. Alone: `node scripts/run-ts.js bench/polling.ts`.
 */
import { join } from 'path';

import { POLL_CLOCK } from '../nodes/BillPollingTrigger/poll';
import { BillEmulator, SEED } from '../test/emulator/server';
import { PollHost } from '../test/polling/poll-host';

export interface PollFigure {
	changes: number;
	/** GET requests of the bills list in this poll. */
	requests: number;
	/** Sign-ins in this poll (the first one signs in). */
	logins: number;
	emitted: number;
}

export interface PollingFigures {
	/** Bills in BILL before activation (older than the changes). */
	existing: number;
	activation: PollFigure;
	/** Polls a minute apart with 0, 1, 250 changes, then 0 until the late window (default 5 min) has passed. */
	polls: PollFigure[];
	/** Every change of the measured polls emitted exactly once. */
	missed: number;
	duplicated: number;
}

const ADDRESS = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };

export async function pollingBench(existing = Number(process.env.BENCH_POLL_EXISTING ?? 1000)): Promise<PollingFigures> {
	const emu = new BillEmulator();
	const base = await emu.start();
	// The trigger measures time between polls with the local clock: here the polls are a minute
	// apart on BILL's clock, so its local clock runs with BILL's.
	const localClock = POLL_CLOCK.now;
	POLL_CLOCK.now = () => emu.nowMs();
	try {
		const login = await fetch(`${base}/connect/v3/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey }),
		});
		const headers = { 'content-type': 'application/json', devKey: SEED.devKey, sessionId: ((await login.json()) as { sessionId: string }).sessionId };
		const post = async (path: string, body: unknown) => {
			const res = await fetch(`${base}/connect${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
			if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
			return (await res.json()) as unknown;
		};
		const vendor = (await post('/v3/vendors', { name: 'Bench Poll Vendor', accountType: 'BUSINESS', address: ADDRESS })) as { id: string };
		let seq = 0;
		const createBills = async (count: number) => {
			const created: Array<{ id: string; updatedTime: string }> = [];
			for (let start = 0; start < count; start += 100) {
				const batch = Array.from({ length: Math.min(100, count - start) }, () => ({
					vendorId: vendor.id,
					dueDate: '2026-12-31',
					invoice: { invoiceNumber: `POLL-${++seq}`, invoiceDate: '2026-12-01' },
					billLineItems: [{ amount: 10 }],
				}));
				created.push(...((await post('/v3/bills/bulk', batch)) as typeof created));
			}
			return created;
		};
		await createBills(existing);
		emu.advanceTime(600_000); // the existing bills are older (less than a session's 35 idle minutes)

		const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
		const expected = new Set<string>();
		const emitted: string[] = [];
		const measure = async (changes: number, poll: () => ReturnType<PollHost['poll']>): Promise<PollFigure> => {
			const mark = emu.requestLog.length;
			const logins = emu.counters.logins;
			const { items, error } = await poll();
			if (error) throw error;
			for (const item of items ?? []) emitted.push(`${String(item.json.id)}@${String(item.json.updatedTime)}`);
			const requests = emu.requestLog.slice(mark).filter((e) => e.method === 'GET' && e.path === '/v3/bills').length;
			return { changes, requests, logins: emu.counters.logins - logins, emitted: items?.length ?? 0 };
		};

		const activation = await measure(0, async () => await host.activate());
		const polls: PollFigure[] = [];
		for (const changes of [0, 1, 250, 0, 0, 0, 0, 0, 0, 0]) {
			emu.advanceTime(60_000); // n8n's shortest poll interval
			for (const bill of await createBills(changes)) expected.add(`${bill.id}@${bill.updatedTime}`);
			polls.push(await measure(changes, async () => await host.poll()));
		}
		return {
			existing,
			activation,
			polls,
			missed: [...expected].filter((k) => !emitted.includes(k)).length,
			duplicated: emitted.length - new Set(emitted).size + emitted.filter((k) => !expected.has(k)).length,
		};
	} finally {
		POLL_CLOCK.now = localClock;
		await emu.stop();
	}
}

/**
 * The report's row: ours per poll, and what a Schedule Trigger + HTTP Request node that lists every
 * bill at each poll would cost (computed: ⌈bills / 100⌉ pages + 1 login per execution).
 */
export function pollingRow(f: PollingFigures): [string, string, string, string, string] {
	const [none, one, burst, ...after] = f.polls;
	let bills = f.existing;
	const listAll = f.polls.map((p) => {
		bills += p.changes;
		return Math.ceil(bills / 100) + 1;
	});
	const ours = f.polls.slice(0, 3).reduce((s, p) => s + p.requests + p.logins, 0);
	const theirs = listAll.slice(0, 3).reduce((s, n) => s + n, 0);
	return [
		`Polling Trigger: BILL requests per poll with 0 / 1 / 250 changes (${f.existing.toLocaleString('en-US')} older bills)`,
		`${none.requests} / ${one.requests} / ${burst.requests} (emitted ${none.emitted} / ${one.emitted} / ${burst.emitted}); polls after the burst ${after.map((p) => p.requests).join(' / ')}; activation ${f.activation.requests}; ${f.missed} missed, ${f.duplicated} duplicated`,
		`${listAll.slice(0, 3).join(' / ')} (computed: list every bill each poll + login)`,
		`${(listAll[0] / none.requests).toFixed(0)}× (0 changes)`,
		`${ours} / ${theirs} (3 polls, logins included)`,
	];
}

if (process.argv[1]?.endsWith(join('bench', 'polling.ts'))) {
	pollingBench()
		.then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`))
		.catch((error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exit(1);
		});
}
