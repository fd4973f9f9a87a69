/**
 * The BILL Polling Trigger over several polls, in-process (n8n-core's PollContext, the harness's
 * credentials, the emulator's real HTTP server): the cursor comes from BILL's timestamps, every
 * page is read before it moves, a failed poll changes nothing, records stamped in the same second
 * are emitted once, status events, the manual test, n8n's restart, sessions, and the request
 * count per poll.
 */
import axios, { type AxiosInstance } from 'axios';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resources } from '../../nodes/Bill/resources';
import { DEFAULT_LATE_WINDOW_S, type PollState } from '../../nodes/BillPollingTrigger/poll';
import { AP_SEED } from '../emulator/family/accounts-payable';
import { bdcError } from '../emulator/errors';
import { BillEmulator, SEED } from '../emulator/server';
import type { EmuRequest } from '../emulator/types';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { usePollingBill } from '../support/polling';
import { PollHost } from './poll-host';

/** Hooks the test can set around the emulator's generic GET /v3/bills (there is no custom one). */
const billsHook: { before?: (req: EmuRequest) => void; failPages?: boolean } = {};

/** The default late window; the polls' clock runs with BILL's here (only durations count). */
const LATE_MS = DEFAULT_LATE_WINDOW_S * 1000;

const polling = usePollingBill({
	vendorName: 'Poll Vendor',
	listBills(req, e) {
		billsHook.before?.(req);
		if (billsHook.failPages && req.query.page) return bdcError(500, 'BDC_1001', 'System error occurred.');
		return e.generic(req);
	},
});
let emu: BillEmulator;
let base = '';
let api: AxiosInstance;
let vendorId = '';
beforeAll(() => ({ emu, base, api, vendorId } = polling));

afterEach(() => {
	billsHook.before = undefined;
	billsHook.failPages = false;
	emu.unfreezeTime();
	emu.faults.clear();
});

let invoiceSeq = 0;
async function createBill(amount = 100): Promise<IDataObject> {
	invoiceSeq++;
	return (await api.post('/v3/bills', { vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber: `P-${invoiceSeq}`, invoiceDate: '2026-12-01' }, billLineItems: [{ amount }] })).data;
}

async function createBills(count: number): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let start = 0; start < count; start += 100) {
		const batch = Array.from({ length: Math.min(100, count - start) }, () => {
			invoiceSeq++;
			return { vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber: `P-${invoiceSeq}`, invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 10 }] };
		});
		out.push(...((await api.post('/v3/bills/bulk', batch)).data as IDataObject[]));
	}
	return out;
}

const describeBill = (id: string, description: string) => api.patch(`/v3/bills/${id}`, { description });

/** List requests a callback made (GET of the list's path), with their query. */
async function listRequests(path: string, run: () => Promise<unknown>): Promise<Array<Record<string, string>>> {
	const mark = emu.requestLog.length;
	await run();
	return emu.requestLog.slice(mark).filter((e) => e.method === 'GET' && e.path === path).map((e) => e.query);
}

const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => i.json.id);
const events = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => [i.json.id, i.json.event]);
const stateOf = (host: PollHost) => host.state.pollState as unknown as PollState;

/**
 * Bookkeeping across polls: every change the test makes is a (record, updatedTime) the trigger
 * must emit exactly once. Missed and duplicated are counted for the report.
 */
class Ledger {
	readonly expected = new Set<string>();
	readonly emitted: string[] = [];
	expect(records: IDataObject[]) {
		for (const r of records) this.expected.add(`${String(r.id)}@${String(r.updatedTime)}`);
	}
	record(items: INodeExecutionData[] | null) {
		for (const i of items ?? []) this.emitted.push(`${String(i.json.id)}@${String(i.json.updatedTime)}`);
	}
	get missed() {
		return [...this.expected].filter((k) => !this.emitted.includes(k));
	}
	get duplicated() {
		return this.emitted.filter((k, i) => this.emitted.indexOf(k) !== i);
	}
	get unexpected() {
		return this.emitted.filter((k) => !this.expected.has(k));
	}
}
const ledger = new Ledger();

/** Reads a bill as BILL has it now (the version the trigger should emit). */
const current = async (id: unknown) => (await api.get(`/v3/bills/${String(id)}`)).data as IDataObject;

describe('first activation', () => {
	test('emits nothing old, costs one request, and takes the cursor from BILL\'s newest updatedTime, not the local clock', async () => {
		emu.freezeTime('2026-01-15T10:00:00.000Z'); // BILL's clock: far from this machine's
		await createBill();
		const newest = await createBill();
		emu.unfreezeTime();
		const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
		const queries = await listRequests('/v3/bills', async () => expect((await host.activate()).items).toBeNull());
		expect(queries).toEqual([{ sort: 'updatedTime:desc', max: '100' }]);
		expect(stateOf(host).cursor).toBe('2026-01-15T10:00:00.000Z');
		expect(newest.updatedTime).toBe('2026-01-15T10:00:00.000Z');
	});

	test('an empty list: the cursor stays empty and the first record is emitted as created', async () => {
		const host = new PollHost(base, { resource: 'vendorCredit', event: 'createdOrUpdated' });
		expect((await host.activate()).items).toBeNull();
		expect(stateOf(host).cursor).toBeNull();
		expect((await host.poll()).items).toBeNull();
		const credit = (await api.post('/v3/vendor-credits', { vendorId, referenceNumber: 'VC-1', creditDate: '2026-12-01', vendorCreditLineItems: [{ amount: 5 }] })).data;
		expect(events((await host.poll()).items)).toEqual([[credit.id, 'created']]);
	});

	test('"Include Changes Since" emits the changes since that date on the first poll', async () => {
		emu.freezeTime('2026-02-01T08:00:00.000Z');
		const old = await createBill();
		emu.freezeTime('2026-02-03T08:00:00.000Z');
		const recent = await createBill();
		emu.unfreezeTime();
		const host = new PollHost(base, { resource: 'bill', event: 'created', options: { since: '2026-02-02T00:00:00' } });
		const items = (await host.activate()).items;
		expect(ids(items)).toContain(recent.id);
		expect(ids(items)).not.toContain(old.id);
		expect((await host.poll()).items).toBeNull();
	});
	test('a change within a second of the activation cursor: the re-read starts after that cursor, not before it', async () => {
		// 150 bills stamped in one second before activation: the first poll reads one page (100).
		const t = emu.nowMs() + 1000;
		emu.freezeTime(t);
		await createBills(150);
		const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
		expect((await host.activate()).items).toBeNull();
		emu.freezeTime(t + 300);
		const late = await createBill();
		expect(ids((await host.poll()).items)).toEqual([late.id]);
		const queries = await listRequests('/v3/bills', async () => expect((await host.poll()).items).toBeNull());
		expect(queries).toEqual([{ filters: `updatedTime:gt:"${new Date(t).toISOString()}"`, sort: 'updatedTime:desc', max: '100' }]);
		emu.unfreezeTime();
		emu.advanceTime(2000); // BILL's clock never runs backwards
	});
});

describe('changes across polls', () => {
	let hosts: Record<'any' | 'created' | 'updated', PollHost>;

	beforeAll(async () => {
		hosts = {
			any: new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' }),
			created: new PollHost(base, { resource: 'bill', event: 'created' }),
			updated: new PollHost(base, { resource: 'bill', event: 'updated' }),
		};
		for (const h of Object.values(hosts)) await h.activate();
	});

	test('a poll with no changes is one request: updatedTime after the cursor, newest first, 100 per page', async () => {
		const cursor = stateOf(hosts.any).cursor!;
		const queries = await listRequests('/v3/bills', async () => expect((await hosts.any.poll()).items).toBeNull());
		expect(queries).toEqual([{ filters: `updatedTime:gt:"${new Date(Date.parse(cursor)).toISOString()}"`, sort: 'updatedTime:desc', max: '100' }]);
	});

	test('after a poll that moved the cursor, the next polls read the late window again, then only what is newer', async () => {
		emu.advanceTime(LATE_MS + 1000);
		await hosts.any.poll(); // a late window after the previous polls: what they read is settled
		const before = stateOf(hosts.any).cursor!;
		expect(stateOf(hosts.any).settled).toBe(before);
		const bill = await createBill();
		ledger.expect([bill]);
		ledger.record((await hosts.any.poll()).items);
		expect(stateOf(hosts.any).cursor).toBe(bill.updatedTime);
		// Within the late window: read again from a late window before BILL's time (at least the
		// bill's timestamp, plus the local clock's progress since), never before the settled cursor.
		const lowerOf = (queries: Array<Record<string, string>>) => {
			expect(queries).toHaveLength(1);
			expect(queries[0]).toMatchObject({ sort: 'updatedTime:desc', max: '100' });
			return Date.parse(/^updatedTime:gt:"(.+)"$/.exec(queries[0].filters)![1]);
		};
		const billMs = Date.parse(String(bill.updatedTime));
		let lower = lowerOf(await listRequests('/v3/bills', async () => expect((await hosts.any.poll()).items).toBeNull()));
		expect(lower).toBeGreaterThanOrEqual(Math.max(Date.parse(before), billMs - LATE_MS));
		expect(lower).toBeLessThan(billMs);
		emu.advanceTime(LATE_MS);
		lower = lowerOf(await listRequests('/v3/bills', async () => expect((await hosts.any.poll()).items).toBeNull()));
		expect(lower).toBeLessThan(billMs);
		expect(stateOf(hosts.any).settled).toBe(bill.updatedTime);
		const queries = await listRequests('/v3/bills', async () => expect((await hosts.any.poll()).items).toBeNull());
		expect(queries).toEqual([{ filters: `updatedTime:gt:"${new Date(Date.parse(String(bill.updatedTime))).toISOString()}"`, sort: 'updatedTime:desc', max: '100' }]);
		await hosts.created.poll();
		await hosts.updated.poll();
	});

	test('a new bill: Created and Created or Updated emit it as "created", Updated does not', async () => {
		const bill = await createBill();
		ledger.expect([bill]);
		const any = (await hosts.any.poll()).items;
		ledger.record(any);
		expect(events(any)).toEqual([[bill.id, 'created']]);
		expect(events((await hosts.created.poll()).items)).toEqual([[bill.id, 'created']]);
		expect((await hosts.updated.poll()).items).toBeNull();
		expect(any![0].json).toMatchObject({ event: 'created', id: bill.id, vendorId, amount: 100, paymentStatus: 'UNPAID' });
	});

	test('an update: Updated and Created or Updated emit it once as "updated", Created does not', async () => {
		const [bill] = await createBills(1);
		ledger.expect([bill]);
		ledger.record((await hosts.any.poll()).items);
		await hosts.updated.poll();
		await hosts.created.poll();
		await new Promise((r) => setTimeout(r, 5)); // a later millisecond than the creation
		await describeBill(String(bill.id), 'changed once');
		const changed = await current(bill.id);
		ledger.expect([changed]);
		const any = (await hosts.any.poll()).items;
		ledger.record(any);
		expect(events(any)).toEqual([[bill.id, 'updated']]);
		expect(any![0].json.description).toBe('changed once');
		expect(events((await hosts.updated.poll()).items)).toEqual([[bill.id, 'updated']]);
		expect((await hosts.created.poll()).items).toBeNull();
		for (const h of Object.values(hosts)) expect((await h.poll()).items).toBeNull();
	});

	test('records stamped in the same second as the cursor: each emitted once, none missed', async () => {
		const [a, b, c] = await createBills(3);
		ledger.expect([a, b, c]);
		ledger.record((await hosts.any.poll()).items);
		const t = emu.nowMs() + 2000;
		emu.freezeTime(t);
		await describeBill(String(a.id), 'same second A');
		const first = (await hosts.any.poll()).items;
		ledger.record(first);
		expect(ids(first)).toEqual([a.id]);
		const stamp = String((await current(a.id)).updatedTime);
		expect(stateOf(hosts.any).cursor).toBe(stamp);
		// After that poll, BILL shows b stamped with the cursor's very timestamp, and c stamped 400 ms
		// before it (a change BILL made visible late): both are in the second the next poll reads again.
		await describeBill(String(b.id), 'same second B');
		emu.freezeTime(t - 400);
		await describeBill(String(c.id), 'same second C, visible late');
		expect((await current(b.id)).updatedTime).toBe(stamp);
		const second = (await hosts.any.poll()).items;
		ledger.record(second);
		expect(ids(second)).toEqual([c.id, b.id]);
		expect(stateOf(hosts.any).cursor).toBe(stamp);
		ledger.expect([await current(a.id), await current(b.id), await current(c.id)]);
		const third = (await hosts.any.poll()).items;
		ledger.record(third);
		expect(third).toBeNull();
		emu.unfreezeTime();
		emu.advanceTime(3000); // BILL's clock never runs backwards
	});

	test('250 changes: every page read, one item per record, oldest first, ⌈250/100⌉ = 3 requests', async () => {
		emu.advanceTime(LATE_MS + 60_000);
		ledger.record((await hosts.any.poll()).items); // settles the late window of the earlier changes
		const bills = await createBills(250);
		ledger.expect(bills);
		let items: INodeExecutionData[] | null = null;
		const queries = await listRequests('/v3/bills', async () => (items = (await hosts.any.poll()).items));
		ledger.record(items);
		expect(queries).toHaveLength(3);
		expect(queries.slice(1).every((q) => typeof q.page === 'string')).toBe(true);
		expect(new Set(ids(items)).size).toBe(250);
		expect(ids(items).sort()).toEqual(bills.map((b) => b.id).sort());
		const times = items!.map((i) => Date.parse(String(i.json.updatedTime)));
		expect(times).toEqual([...times].sort((x, y) => x - y));
		expect(stateOf(hosts.any).cursor).toBe(String(items![249].json.updatedTime));
	});

	test('a poll failing midway changes nothing; the next poll emits every change once', async () => {
		emu.advanceTime(60_000);
		const bills = await createBills(250);
		ledger.expect(bills);
		const before = JSON.parse(JSON.stringify(hosts.any.state));
		billsHook.failPages = true;
		const failed = await hosts.any.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toMatch(/BILL|System error|500/i);
		expect(hosts.any.state).toEqual(before);
		billsHook.failPages = false;
		const retried = (await hosts.any.poll()).items;
		ledger.record(retried);
		expect(ids(retried).sort()).toEqual(bills.map((b) => b.id).sort());
		const after = (await hosts.any.poll()).items;
		ledger.record(after);
		expect(after).toBeNull();
	});

	test('a record changed while the pages are read is not lost: it comes with the next poll', async () => {
		emu.advanceTime(60_000);
		const bills = await createBills(250);
		ledger.expect(bills);
		// Newest first: bills[10] is on the last page. It changes after page 1 was read.
		const moved = bills[10];
		let changed = false;
		billsHook.before = (req) => {
			if (req.query.page && !changed) {
				changed = true;
				emu.store.collection('bills', SEED.organizationId).update(String(moved.id), { description: 'changed during the poll' });
			}
		};
		const first = (await hosts.any.poll()).items;
		ledger.record(first);
		billsHook.before = undefined;
		expect(changed).toBe(true);
		const second = (await hosts.any.poll()).items;
		ledger.record(second);
		ledger.expect([await current(moved.id)]);
		const all = [...ids(first), ...ids(second)];
		expect(new Set(all)).toEqual(new Set(bills.map((b) => b.id)));
		expect(ids(second)).toContain(moved.id);
		expect(second!.find((i) => i.json.id === moved.id)!.json.description).toBe('changed during the poll');
	});

	test('across all these polls: 0 missed, 0 duplicated', () => {
		// The one version no poll could read: the bill changed while the pages were read was only
		// ever seen in its changed version (emitted), never in the version it was created with.
		const superseded = ledger.missed.filter((k) => ledger.emitted.some((e) => e.split('@')[0] === k.split('@')[0]));
		expect(superseded).toHaveLength(1);
		const missed = ledger.missed.filter((k) => !superseded.includes(k));
		expect({ missed, duplicated: ledger.duplicated, unexpected: ledger.unexpected }).toEqual({ missed: [], duplicated: [], unexpected: [] });
		expect(ledger.emitted.length).toBeGreaterThan(750);
		process.stdout.write(`[poll-trigger] ${ledger.emitted.length} records emitted across the polls: ${missed.length} missed, ${ledger.duplicated.length} duplicated\n`);
	});
});

describe('status events', () => {
	const bank = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };

	test('bill Paid: emitted once when the bill becomes paid, not for later edits or unpaid bills', async () => {
		const host = new PollHost(base, { resource: 'bill', event: 'paid' });
		await host.activate();
		const bill = await createBill(80);
		await createBill(50); // stays unpaid
		expect((await host.poll()).items).toBeNull();
		await api.post('/v3/payments', { billId: bill.id, amount: 80, fundingAccount: bank, processingOptions: {} });
		const paid = (await host.poll()).items;
		expect(events(paid)).toEqual([[bill.id, 'paid']]);
		expect(paid![0].json).toMatchObject({ paymentStatus: 'PAID', paidAmount: 80, dueAmount: 0 });
		await describeBill(String(bill.id), 'edited after payment');
		expect((await host.poll()).items).toBeNull();
	});

	test('bill Partially Paid, then Paid', async () => {
		const partial = new PollHost(base, { resource: 'bill', event: 'partiallyPaid' });
		const paid = new PollHost(base, { resource: 'bill', event: 'paid' });
		await partial.activate();
		await paid.activate();
		const bill = await createBill(100);
		await api.post('/v3/payments', { billId: bill.id, amount: 40, fundingAccount: bank, processingOptions: {} });
		expect(events((await partial.poll()).items)).toEqual([[bill.id, 'partiallyPaid']]);
		expect((await paid.poll()).items).toBeNull();
		await api.post('/v3/payments', { billId: bill.id, amount: 60, fundingAccount: bank, processingOptions: {} });
		expect((await partial.poll()).items).toBeNull();
		expect(events((await paid.poll()).items)).toEqual([[bill.id, 'paid']]);
	});

	test('invoice Paid after a received payment', async () => {
		const customerId = (await api.post('/v3/customers', { name: 'Poll Customer', email: 'poll@customer.example', accountType: 'BUSINESS' })).data.id;
		const host = new PollHost(base, { resource: 'invoice', event: 'paid' });
		await host.activate();
		const invoice = (await api.post('/v3/invoices', { customer: { id: customerId }, invoiceNumber: 'POLL-1', invoiceDate: '2026-12-01', dueDate: '2026-12-31', invoiceLineItems: [{ quantity: 1, price: 250 }] })).data;
		expect((await host.poll()).items).toBeNull();
		await api.post('/v3/invoices/record-payment', { paymentDate: '2026-12-05', paymentType: 'CHECK', amount: 250, invoices: [{ id: invoice.id, amount: 250 }] });
		const items = (await host.poll()).items;
		expect(events(items)).toEqual([[invoice.id, 'paid']]);
		expect(items![0].json.status).toBe('PAID');
	});

	test('payment Failed when BILL reports a failed funding', async () => {
		const host = new PollHost(base, { resource: 'payment', event: 'failed' });
		await host.activate();
		const bill = await createBill(30);
		const payment = (await api.post('/v3/payments', { billId: bill.id, amount: 30, fundingAccount: bank, processingOptions: {} })).data;
		expect((await host.poll()).items).toBeNull();
		// No BILL endpoint makes a payment fail: BILL does, and the payment's singleStatus and updatedTime change.
		emu.store.collection('payments', SEED.organizationId).update(String(payment.id), { singleStatus: 'FUNDING_FAILED_ACTION_NEEDED' });
		const items = (await host.poll()).items;
		expect(events(items)).toEqual([[payment.id, 'failed']]);
		expect((await host.poll()).items).toBeNull();
	});
});

describe('manual test ("Fetch Test Event")', () => {
	test('returns the newest matching record and stores nothing', async () => {
		const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
		const bill = await createBill(7);
		const run = await host.manual();
		expect(run.success).toBe(true);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ id: bill.id, event: 'created' });
		expect(run.staticData).toEqual({});
		// and activation afterwards still starts from BILL's newest record, emitting nothing old
		expect((await host.activate()).items).toBeNull();
	});

	test('a status event returns the newest record with that status', async () => {
		const host = new PollHost(base, { resource: 'bill', event: 'paid', simplify: true });
		const bill = await createBill(15);
		await api.post('/v3/payments', { billId: bill.id, amount: 15, fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId }, processingOptions: {} });
		await createBill(16); // newer, unpaid
		const run = await host.manual();
		expect(run.items.map((i) => [i.json.id, i.json.event])).toEqual([[bill.id, 'paid']]);
		// Simplify: the fields the BILL node's Simplify keeps for bills, and the event
		const simplified = resources.find((r) => r.value === 'bill')!.simplifyFields!;
		expect(Object.keys(run.items[0].json).sort()).toEqual(['event', ...simplified].sort());
		expect(simplified).toContain('paymentStatus');
	});
});

describe('n8n restarts and sessions', () => {
	test('after a restart (static data saved only with executions) nothing is emitted twice', async () => {
		const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
		await host.activate();
		const a = await createBill();
		expect(ids((await host.poll()).items)).toEqual([a.id]); // saved with this execution
		emu.advanceTime(60_000);
		const b = await createBill();
		const second = (await host.poll()).items;
		expect({ cursor: stateOf(host).cursor, a: a.updatedTime, b: b.updatedTime, got: (second ?? []).map((i) => `${String(i.json.id)}@${String(i.json.updatedTime)}@${String(i.json.createdTime)}`) }).toMatchObject({ got: [`${String(b.id)}@${String(b.updatedTime)}@${String(b.createdTime)}`] }); // saved
		emu.advanceTime(60_000);
		expect((await host.poll()).items).toBeNull(); // cursor unchanged, nothing saved
		const restarted = await host.restart();
		expect(restarted.items).toBeNull();
		const c = await createBill();
		expect(ids((await host.poll()).items)).toEqual([c.id]);
		expect(host.executions.flat().map((i) => i.json.id)).toEqual([a.id, b.id, c.id]);
	});

	test('polls share the credential\'s session (one login) and sign in again once when BILL expires it', async () => {
		resetSessionCache();
		const host = new PollHost(base, { resource: 'vendor', event: 'createdOrUpdated' });
		const logins = emu.counters.logins;
		await host.activate();
		await host.poll();
		await host.poll();
		expect(emu.counters.logins - logins).toBe(1);
		emu.expireAllSessions();
		const vendor = (await axios.post(`${base}/connect/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey })).data;
		const v = (await axios.post(`${base}/connect/v3/vendors`, { name: 'After Expiry', accountType: 'BUSINESS', address: { line1: '1', city: 'Austin', zipOrPostalCode: '78701', country: 'US' } }, { headers: { devKey: SEED.devKey, sessionId: vendor.sessionId } })).data;
		expect(ids((await host.poll()).items)).toEqual([v.id]);
		expect(emu.counters.logins - logins).toBe(3); // ours again + the test's own
	});

	test('requests go through the node\'s limiter: never more than 3 in flight', async () => {
		emu.counters.peakConcurrency = {};
		const hosts = Array.from({ length: 6 }, () => new PollHost(base, { resource: 'bill', event: 'created' }));
		emu.config.latencyMs = 30;
		try {
			await Promise.all(hosts.map((h) => h.activate()));
			await Promise.all(hosts.map((h) => h.poll()));
		} finally {
			emu.config.latencyMs = 0;
		}
		expect(Math.max(...Object.values(emu.counters.peakConcurrency))).toBeLessThanOrEqual(3);
		expect(emu.requestLog.filter((e) => e.code === 'BDC_1322')).toEqual([]);
	});
});

describe('example workflow (examples/bills-paid-polling.json)', () => {
	test('its trigger, as configured there, feeds its summary node one message per paid bill', async () => {
		const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'bills-paid-polling.json'), 'utf8')) as {
			nodes: Array<{ name: string; type: string; parameters: Record<string, any>; credentials?: Record<string, { id: string }> }>;
		};
		const trigger = workflow.nodes.find((n) => n.type === 'CUSTOM.billPollingTrigger')!;
		expect(trigger.credentials?.billApi.id).toBe('bill-local-emulator');
		const host = new PollHost(base, trigger.parameters);
		await host.activate();
		const bill = await createBill(42.5);
		await api.post('/v3/payments', { billId: bill.id, amount: 42.5, fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId }, processingOptions: {} });
		const items = (await host.poll()).items!;
		expect(items).toHaveLength(1);
		const jsCode = String(workflow.nodes.find((n) => n.name === 'Build Summary')!.parameters.jsCode);
		// the Code node runs its code as the body of an async function
		const run = new Function('$input', `return (async () => {\n${jsCode}\n})();`) as (input: { all: () => INodeExecutionData[] }) => Promise<INodeExecutionData[]>;
		const out = await run({ all: () => items });
		expect(out.map((o) => o.json)).toEqual([{ text: `:white_check_mark: Bill ${String((bill.invoice as IDataObject).invoiceNumber)} from Poll Vendor is paid $42.50`, billId: bill.id, event: 'paid' }]);
	});
});
