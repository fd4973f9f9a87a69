/**
 * BILL Polling Trigger, issue 21, each case with a ledger of every record in every poll: a change
 * BILL lists late (20 s after its timestamp, beyond the old 1 s overlap), an edit of a bill paid
 * long ago (Paid does not fire), a bill paid then edited between two polls (Paid fires once), a
 * bill created just before the cursor and listed late (labelled created), 5,000 changes after a
 * day switched off (bounded executions, in order, none lost), and a failing activation poll (the
 * activation does not fail; the first poll that succeeds starts the cursor).
 * In-process: n8n-core's PollContext (test/polling/poll-host.ts) against the emulator's HTTP server. The
 * polls' local clock runs with BILL's clock here (the trigger only measures durations with it).
 */
import type { AxiosInstance } from 'axios';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_LATE_WINDOW_S, DEFAULT_MAX_ITEMS } from '../../nodes/BillPollingTrigger/poll';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { AP_SEED } from '../emulator/family/accounts-payable';
import { bdcError } from '../emulator/errors';
import type { BillEmulator } from '../emulator/server';
import type { EmuResponse } from '../emulator/types';
import { usePollingBill } from '../support/polling';
import { PollHost } from './poll-host';

const LATE_MS = DEFAULT_LATE_WINDOW_S * 1000;
const MINUTE = 60_000;

/** BILL's list of bills as the test shapes it: records not yet visible, or a failing list. */
const bills: { hidden: Set<string>; fail: boolean } = { hidden: new Set(), fail: false };

const polling = usePollingBill({
	vendorName: 'Issue 21 Vendor',
	listBills(req, e) {
		if (bills.fail) return bdcError(503, 'BDC_1001', 'System error occurred.');
		const res: EmuResponse = e.generic(req);
		const body = res.body as { results?: IDataObject[] } | undefined;
		if (body?.results) body.results = body.results.filter((r) => !bills.hidden.has(String(r.id)));
		return res;
	},
});
let emu: BillEmulator;
let base = '';
let api: AxiosInstance;
let vendorId = '';
beforeAll(() => ({ emu, base, api, vendorId } = polling));

afterEach(() => {
	bills.hidden.clear();
	bills.fail = false;
	emu.unfreezeTime();
	// The next case starts a late window after this one, with a fresh session (BILL's idle timeout).
	emu.advanceTime(LATE_MS + MINUTE);
	emu.expireAllSessions();
	resetSessionCache();
});

let seq = 0;
const billBody = (amount = 100) => ({ vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber: `I21-${++seq}`, invoiceDate: '2026-12-01' }, billLineItems: [{ amount }] });
const createBill = async (amount = 100): Promise<IDataObject> => {
	// The test's user signs in again after the sessions were expired (usePollingBill's api).
	const res = await api.post('/v3/bills', billBody(amount));
	return res.data;
};
const edit = async (id: unknown, description: string) => (await api.patch(`/v3/bills/${String(id)}`, { description })).data as IDataObject;
const pay = async (id: unknown, amount: number) => await api.post('/v3/payments', { billId: id, amount, fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId }, processingOptions: {} });

/** Every record of every poll of one case: `[poll, id, event, updatedTime]`, and the BILL list requests of each poll. */
class Ledger {
	readonly rows: Array<[number, string, string, string]> = [];
	readonly requests: number[] = [];
	private polls = 0;
	constructor(private readonly host: PollHost) {}
	async poll(): Promise<INodeExecutionData[]> {
		const mark = emu.requestLog.length;
		const { items, error } = await this.host.poll();
		if (error) throw error;
		this.polls++;
		// BILL list requests answered (a request refused for an expired session is sent again after the login)
		this.requests.push(emu.requestLog.slice(mark).filter((e) => e.method === 'GET' && e.status === 200 && (e.path === '/v3/bills' || e.path === '/v3/payments')).length);
		for (const i of items ?? []) this.rows.push([this.polls, String(i.json.id), String(i.json.event), String(i.json.updatedTime)]);
		return items ?? [];
	}
	/** How many times each record was emitted. */
	count(id: unknown): number {
		return this.rows.filter((r) => r[1] === String(id)).length;
	}
	print(name: string) {
		process.stdout.write(`[issue 21] ${name}: ${this.polls} polls, requests ${this.requests.join('/')}, ledger ${JSON.stringify(this.rows.length > 20 ? `${this.rows.length} rows` : this.rows)}\n`);
	}
}

test('a change BILL lists 20 s after its timestamp (a newer one listed at once) is emitted once, on a later poll', async () => {
	const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
	await host.activate();
	const ledger = new Ledger(host);
	const [late, quick] = [await createBill(), await createBill()];
	emu.advanceTime(MINUTE);
	await ledger.poll(); // both created: emitted
	emu.advanceTime(2 * MINUTE);
	const t = emu.nowMs();
	const lateVersion = await edit(late.id, 'listed late');
	bills.hidden.add(String(late.id)); // BILL lists it 20 s late
	emu.freezeTime(t + 3700);
	const quickVersion = await edit(quick.id, 'listed at once');
	emu.unfreezeTime();
	emu.advanceTime(5000);
	expect((await ledger.poll()).map((i) => i.json.id)).toEqual([quick.id]);
	emu.advanceTime(15_000);
	bills.hidden.clear(); // now visible, stamped 3.7 s before the cursor
	emu.advanceTime(40_000);
	expect((await ledger.poll()).map((i) => [i.json.id, i.json.description, i.json.event])).toEqual([[late.id, 'listed late', 'updated']]);
	for (let i = 0; i < 7; i++) {
		emu.advanceTime(MINUTE);
		expect(await ledger.poll()).toEqual([]);
	}
	ledger.print('late visibility');
	expect(ledger.rows.filter((r) => r[3] === lateVersion.updatedTime || r[3] === quickVersion.updatedTime)).toHaveLength(2);
	expect([ledger.count(late.id), ledger.count(quick.id)]).toEqual([2, 2]); // created + updated each
	// After the late window the polls are 1 request again.
	expect(ledger.requests.slice(-2)).toEqual([1, 1]);
});

test('Paid: an edit of a bill paid before activation never fires; a bill paid then edited between two polls fires once', async () => {
	const old = await createBill(40);
	await pay(old.id, 40);
	emu.advanceTime(MINUTE);
	const paidHost = new PollHost(base, { resource: 'bill', event: 'paid' });
	const anyHost = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
	await paidHost.activate();
	await anyHost.activate();
	const paid = new Ledger(paidHost);
	const any = new Ledger(anyHost);
	const fresh = await createBill(60);
	emu.advanceTime(MINUTE);
	await paid.poll();
	await any.poll();
	// Between two polls: the old paid bill is edited (an accounting sync, say); the fresh bill is paid, then edited.
	await edit(old.id, 'synced to accounting');
	await pay(fresh.id, 60);
	emu.advanceTime(1000);
	await edit(fresh.id, 'paid, then edited');
	emu.advanceTime(MINUTE);
	expect((await paid.poll()).map((i) => [i.json.id, i.json.event, i.json.paymentStatus, i.json.description])).toEqual([[fresh.id, 'paid', 'PAID', 'paid, then edited']]);
	expect((await any.poll()).map((i) => [i.json.id, i.json.event]).sort()).toEqual([[fresh.id, 'updated'], [old.id, 'updated']].sort());
	// Both edited again inside the late window, and later: Paid stays silent.
	await edit(old.id, 'synced again');
	await edit(fresh.id, 'edited again');
	for (let i = 0; i < 8; i++) {
		emu.advanceTime(MINUTE);
		await paid.poll();
		if (i === 6) await edit(old.id, 'synced a third time');
	}
	paid.print('paid');
	expect(paid.rows.map((r) => [r[1], r[2]])).toEqual([[String(fresh.id), 'paid']]);
	expect(paid.count(old.id)).toBe(0);
});

test('a bill created 400 ms before the cursor and listed after that poll is labelled created', async () => {
	const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
	await host.activate();
	const ledger = new Ledger(host);
	const t = emu.nowMs() + 1000;
	emu.freezeTime(t - 400);
	const near = await createBill();
	bills.hidden.add(String(near.id));
	emu.freezeTime(t);
	const cursorBill = await createBill();
	emu.unfreezeTime();
	emu.advanceTime(MINUTE);
	expect((await ledger.poll()).map((i) => [i.json.id, i.json.event])).toEqual([[cursorBill.id, 'created']]);
	bills.hidden.clear();
	emu.advanceTime(MINUTE);
	expect((await ledger.poll()).map((i) => [i.json.id, i.json.event])).toEqual([[near.id, 'created']]);
	await edit(near.id, 'now an update');
	emu.advanceTime(MINUTE);
	expect((await ledger.poll()).map((i) => [i.json.id, i.json.event])).toEqual([[near.id, 'updated']]);
	ledger.print('created near the cursor');
});

test('5,000 changes after a day switched off: executions of at most Max Items per Poll, oldest first, none lost or repeated', async () => {
	await createBill(); // BILL's newest before activation
	const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
	await host.activate();
	const ledger = new Ledger(host);
	const expected: string[] = [];
	for (let start = 0; start < 5000; start += 100) {
		const batch = Array.from({ length: 100 }, () => billBody(10));
		for (const b of (await api.post('/v3/bills/bulk', batch)).data as IDataObject[]) expected.push(`${String(b.id)}@${String(b.updatedTime)}`);
		emu.advanceTime(1000);
	}
	emu.advanceTime(24 * 60 * MINUTE);
	emu.expireAllSessions();
	resetSessionCache();
	const sizes: number[] = [];
	for (let i = 0; i < 12; i++) {
		emu.advanceTime(MINUTE);
		sizes.push((await ledger.poll()).length);
	}
	ledger.print('5,000 after a pause');
	process.stdout.write(`[issue 21] 5,000 after a pause: items per poll ${sizes.join('/')}\n`);
	expect(sizes).toEqual([...Array(10).fill(DEFAULT_MAX_ITEMS), 0, 0]);
	const emitted = ledger.rows.map((r) => `${r[1]}@${r[3]}`);
	expect(new Set(emitted).size).toBe(emitted.length);
	expect([...emitted].sort()).toEqual([...expected].sort());
	const times = ledger.rows.map((r) => Date.parse(r[3]));
	expect(times).toEqual([...times].sort((a, b) => a - b));
	// Bounded reads: the poll that finds the backlog reads it all once, the next ones only their batch.
	expect(ledger.requests[0]).toBe(50);
	expect(Math.max(...ledger.requests.slice(1, 10))).toBeLessThanOrEqual(6);
	expect(ledger.requests.slice(10)).toEqual([1, 1]);
});

test('BILL failing during the activation poll does not fail the activation; the first poll that succeeds starts the cursor', async () => {
	await createBill(); // older than the activation: never emitted
	const host = new PollHost(base, { resource: 'bill', event: 'createdOrUpdated' });
	bills.fail = true;
	await expect(host.activate()).resolves.toEqual({ items: null });
	const ledger = new Ledger(host);
	emu.advanceTime(MINUTE);
	const during = await createBill(); // made while BILL failed: before the cursor starts
	bills.fail = false;
	emu.advanceTime(MINUTE);
	expect(await ledger.poll()).toEqual([]); // starts the cursor
	const after = await createBill();
	emu.advanceTime(MINUTE);
	expect((await ledger.poll()).map((i) => i.json.id)).toEqual([after.id]);
	ledger.print('failing activation poll');
	expect(ledger.count(during.id)).toBe(0);
	// A second failure in a row is reported as any poll's error (n8n shows it); nothing is lost.
	const again = new PollHost(base, { resource: 'bill', event: 'created' });
	bills.fail = true;
	await again.activate();
	expect((await again.poll()).error?.message).toMatch(/BILL|System error|503|unavailable/i);
});
