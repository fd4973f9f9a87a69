/**
 * The BILL Polling Trigger's table (nodes/BillPollingTrigger/watched.ts) against the BILL node's
 * operations and the emulator: every watched list is read with its own credential and page size,
 * a record added to it is emitted once; the node's description in n8n's parameter engine; the
 * bookkeeping of one poll (advance) on its own.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { resources } from '../../nodes/Bill/resources';
import { BillPollingTrigger } from '../../nodes/BillPollingTrigger/BillPollingTrigger.node';
import { advance, type PollSettings, type PollState } from '../../nodes/BillPollingTrigger/poll';
import { credentialOf, eventsOf, findWatched, listOperation, WATCHED } from '../../nodes/BillPollingTrigger/watched';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { BillEmulator, SEED } from '../emulator/server';
import { PollHost } from './poll-host';
import { filterFieldsOf, operatorsOf } from '../../nodes/Bill/catalog/filters';

const node = new BillPollingTrigger();
const props = node.description.properties;

describe('the table', () => {
	test.each(WATCHED.map((l) => [l.resource, l] as const))('%s: read by the BILL node\'s Get Many, on its own timestamps', (_, list) => {
		const op = listOperation(list);
		expect(op.method).toBe('GET');
		expect(op.path).not.toContain('{');
		// Connect lists: the BILL node's table offers the same fields for its filters and sort (the
		// [inferred] ones rest on it). S&E lists rest on BILL's changelog and reference, newer than
		// the node's table (which lists neither updatedTime for transactions nor submittedTime).
		if (list.source !== 'FILTERABLE' && list.source !== 'NOT_IN_COPY') return;
		for (const event of eventsOf(list)) {
			if (list.query === 'filter') {
				// The trigger filters with the list's "after" operator, and with lte where a catch-up batch ends: BILL must allow both on the field.
				expect(filterFieldsOf(op).map((f) => f.name)).toContain(event.field);
				expect(operatorsOf(op, event.field)).toEqual(expect.arrayContaining([list.afterOp, 'lte']));
			}
			expect(op.sortFields ?? []).toContain(list.sortBy ?? event.field);
		}
	});

	test('the lists the issue names are watched, with the BILL API or the Spend & Expense credential', () => {
		const names = ['bill', 'vendor', 'invoice', 'customer', 'payment', 'receivablePayment', 'creditMemo', 'vendorCredit', 'recurringBill', 'recurringInvoice', 'transaction', 'reimbursement'];
		for (const name of names) expect(findWatched(name)).toBeDefined();
		expect(Object.fromEntries(WATCHED.map((l) => [l.resource, credentialOf(l)]))).toMatchObject({ bill: 'billApi', invoice: 'billApi', transaction: 'billSpendApi', reimbursement: 'billSpendApi' });
	});

	test('status events: bills, invoices and payments, on their BILL status fields', () => {
		const status = (resource: string) => eventsOf(findWatched(resource)!).filter((e) => typeof e.emits === 'object').map((e) => [e.value, (e.emits as { statusField: string }).statusField]);
		expect(status('bill')).toEqual(expect.arrayContaining([['paid', 'paymentStatus'], ['approved', 'approvalStatus']]));
		expect(status('invoice')).toEqual(expect.arrayContaining([['paid', 'status']]));
		expect(status('payment')).toEqual(expect.arrayContaining([['failed', 'singleStatus'], ['cleared', 'singleStatus']]));
	});
});

describe('the node description', () => {
	test('a polling trigger named as n8n names them', () => {
		expect(node.description).toMatchObject({ displayName: 'BILL Polling Trigger', name: 'billPollingTrigger', polling: true, group: ['trigger'], inputs: [] });
		expect(node.description.usableAsTool).toBeUndefined();
		expect(typeof node.poll).toBe('function');
	});

	test('Resource lists every watched list by its BILL node name, sorted; each has its own Event list', () => {
		const resource = props.find((p) => p.name === 'resource')!;
		const options = (resource.options as Array<{ name: string; value: string }>) ?? [];
		expect(options.map((o) => o.value).sort()).toEqual(WATCHED.map((l) => l.resource).sort());
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		expect(options.find((o) => o.value === 'bill')!.name).toBe(resources.find((r) => r.value === 'bill')!.name);
		for (const list of WATCHED) {
			const eventParams = props.filter((p) => p.name === 'event' && (p.displayOptions?.show?.resource as string[]).includes(list.resource));
			expect(eventParams).toHaveLength(1);
			expect((eventParams[0].options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(eventsOf(list).map((e) => e.value).sort());
		}
	});

	test('n8n\'s parameter engine resolves each resource: one event, the credential shown for it', () => {
		for (const list of WATCHED) {
			for (const event of eventsOf(list)) {
				const params = NodeHelpers.getNodeParameters(props, { resource: list.resource, event: event.value } as INodeParameters, true, false, null, null) as IDataObject;
				expect(params).toMatchObject({ resource: list.resource, event: event.value });
			}
			const shown = (node.description.credentials ?? []).filter((c) => (c.displayOptions?.show?.resource as string[] | undefined)?.includes(list.resource)).map((c) => c.name);
			expect(shown).toEqual([credentialOf(list)]);
			// With Authentication → OAuth Client Credentials, the OAuth credential serves every list.
			expect(credentialOf(list, 'oAuthClientCredentials')).toBe('billOAuth2Api');
		}
	});

	test('Simplify only where the BILL node has one', () => {
		const simplify = props.find((p) => p.name === 'simplify') as INodeProperties;
		const shown = (simplify.displayOptions!.show!.resource as string[]).sort();
		expect(shown).toEqual(WATCHED.filter((l) => resources.find((r) => r.value === l.resource)?.simplifyFields).map((l) => l.resource).sort());
	});
});

describe('one poll\'s bookkeeping (advance)', () => {
	const bill = findWatched('bill')!;
	const LATE = 300_000;
	const settings = (event: string, maxItems = 500): PollSettings => ({ list: bill, event: eventsOf(bill).find((e) => e.value === event)!, simplify: false, lateMs: LATE, maxItems });
	const T = Date.parse('2026-03-01T12:00:00.000Z');
	const at = (ms: number) => new Date(ms).toISOString();
	const rec = (id: string, updatedMs: number, extra: IDataObject = {}): IDataObject => ({ id, createdTime: at(T - 60_000), updatedTime: at(updatedMs), ...extra });
	const start = (settledMs: number, seen: string[] = []): PollState => ({ config: 'c', cursor: at(settledMs), settled: at(settledMs), aheadMs: null, seen, batches: [] });

	test('a record on two pages counts once, in its newest version; records without id or time are ignored', () => {
		const { emitted, state } = advance(start(T), [rec('a', T + 10), rec('a', T + 20), { id: 'x' }, { updatedTime: at(T + 5) }], settings('createdOrUpdated'), { nowMs: 0 });
		expect(emitted.map((e) => [e.record.id, e.record.updatedTime, e.label])).toEqual([['a', at(T + 20), 'updated']]);
		expect(state.cursor).toBe(at(T + 20));
	});

	test('the settled point stays a late window behind BILL\'s time (the newest timestamp it showed, then the local clock\'s progress)', () => {
		let { state } = advance(start(T), [rec('c', T + 300), rec('d', T + LATE + 2000)], settings('createdOrUpdated'), { nowMs: 1_000 });
		expect(state.cursor).toBe(at(T + LATE + 2000));
		expect(state.settled).toBe(at(T + 2000));
		expect(state.seen).toEqual([`d@${T + LATE + 2000}`]);
		// Nothing new, 1 s later on the local clock: BILL's time is at least 1 s further.
		({ state } = advance(state, [rec('d', T + LATE + 2000)], settings('createdOrUpdated'), { nowMs: 2_000 }));
		expect(state.settled).toBe(at(T + 3000));
		// A late window later: settled up to the cursor, nothing left to remember.
		({ state } = advance(state, [rec('d', T + LATE + 2000)], settings('createdOrUpdated'), { nowMs: 1_000 + LATE }));
		expect(state.settled).toBe(at(T + LATE + 2000));
		expect(state.seen).toEqual([]);
	});

	test('a BILL clock far from the local one changes nothing: only the local clock\'s progress counts', () => {
		for (const skew of [-90_000, 0, 90_000, 86_400_000]) {
			let { state } = advance(start(T), [rec('a', T + 100)], settings('createdOrUpdated'), { nowMs: T + 100 - skew });
			expect(state.settled).toBe(at(T));
			({ state } = advance(state, [rec('a', T + 100)], settings('createdOrUpdated'), { nowMs: T + 100 - skew + LATE }));
			expect(state.settled).toBe(at(T + 100));
		}
	});

	test('records at or before the settled point (a scan\'s last page) are neither emitted nor kept', () => {
		const { emitted, state } = advance(start(T), [rec('new', T + 1), rec('old', T - 1), rec('atSettled', T)], settings('createdOrUpdated'), { nowMs: 0 });
		expect(emitted.map((e) => e.record.id)).toEqual(['new']);
		expect(state.seen).toEqual([`new@${T + 1}`]);
	});

	test('Approved: judged by the approvers\' statusChangedTime, not by the bill\'s updatedTime', () => {
		const approved = (id: string, updatedMs: number, approvedMs: number) => rec(id, updatedMs, { approvalStatus: 'APPROVED', approvers: [{ status: 'APPROVED', statusChangedTime: at(approvedMs) }] });
		const { emitted, state } = advance(start(T), [approved('old', T + 10, T - 86_400_000), approved('new', T + 20, T + 15)], settings('approved'), { nowMs: 0 });
		expect(emitted.map((e) => e.record.id)).toEqual(['new']);
		// edited again within the late window: the approval was already emitted
		expect(advance(state, [approved('new', T + 30, T + 15)], settings('approved'), { nowMs: 1 }).emitted).toEqual([]);
	});

	test('Paid: judged by the bill\'s payments; a payment BILL lists later than the bill still fires it, once', () => {
		const paidBill = (updatedMs: number) => rec('b', updatedMs, { paymentStatus: 'PAID' });
		const evidence = (entries: Array<[string, number]>) => new Map([['b', entries]]);
		// The bill shows PAID, its payment is not listed yet: nothing, and the bill is judged again.
		let { emitted, state } = advance(start(T), [paidBill(T + 10)], settings('paid'), { nowMs: 0, evidence: new Map() });
		expect(emitted).toEqual([]);
		expect(state.seen).toEqual([]);
		({ emitted, state } = advance(state, [paidBill(T + 10)], settings('paid'), { nowMs: 1, evidence: evidence([['p1', T + 9]]) }));
		expect(emitted.map((e) => e.label)).toEqual(['paid']);
		({ emitted, state } = advance(state, [paidBill(T + 50)], settings('paid'), { nowMs: 2, evidence: evidence([['p1', T + 9]]) }));
		expect(emitted).toEqual([]);
		// a payment older than the settled point (paid before): an edit does not fire
		expect(advance(start(T), [paidBill(T + 10)], settings('paid'), { nowMs: 0, evidence: evidence([['p0', T - 5]]) }).emitted).toEqual([]);
	});

	test('catch-up: the oldest Max Items per Poll, the rest of their millisecond with them, the batch ends stored', () => {
		const records = [rec('a', T + 1), rec('b', T + 2), rec('c', T + 2), rec('d', T + 3), rec('e', T + 4), rec('f', T + 5)];
		const { emitted, state } = advance(start(T), records, settings('createdOrUpdated', 2), { nowMs: 0 });
		expect(emitted.map((e) => e.record.id)).toEqual(['a', 'b', 'c']);
		expect(state.cursor).toBe(at(T + 2));
		expect(state.batches).toEqual([T + 4, T + 5]);
	});
});

describe('every watched list against the emulator', () => {
	let emu: BillEmulator;
	let base = '';
	beforeAll(async () => {
		resetSessionCache();
		emu = new BillEmulator();
		base = await emu.start();
	});
	afterAll(async () => {
		await emu?.stop();
	});

	test.each(WATCHED.map((l) => [l.resource, l] as const))('%s: a record added in BILL is emitted once, read with the list\'s credential', async (_, list) => {
		const event = eventsOf(list)[0];
		const host = new PollHost(base, { resource: list.resource, event: event.value });
		expect((await host.activate()).items).toBeNull();
		const collection = emu.store.collection(emu.routeOf(listOperation(list)).collection, SEED.organizationId);
		emu.advanceTime(5000);
		const extra: IDataObject = list.resource === 'transaction' ? { occurredTime: emu.now(), isParent: true } : list.resource === 'reimbursement' ? { submittedTime: emu.now() } : {};
		const rec = collection.insert({ name: `Watched ${list.resource}`, ...extra });
		const mark = emu.requestLog.length;
		const items = (await host.poll()).items;
		expect((items ?? []).map((i) => [i.json.id, i.json.event])).toEqual([[rec.id, event.labelByCreation ? 'created' : event.value]]);
		const requests = emu.requestLog.slice(mark);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: listOperation(list).path, status: 200, auth: credentialOf(list) === 'billSpendApi' ? 'spend' : 'org' });
		expect((await host.poll()).items).toBeNull();
	});

	test('recurring bills (no time filter at BILL): the scan reads newest first and stops at the first older record', async () => {
		const list = findWatched('recurringBill')!;
		const collection = emu.store.collection(emu.routeOf(listOperation(list)).collection, SEED.organizationId);
		emu.freezeTime('2026-01-01T00:00:00.000Z');
		for (let i = 0; i < 150; i++) collection.insert({ description: `old ${i}` });
		emu.unfreezeTime();
		const host = new PollHost(base, { resource: 'recurringBill', event: 'createdOrUpdated' });
		await host.activate();
		emu.advanceTime(5000);
		const fresh = collection.insert({ description: 'new' });
		const mark = emu.requestLog.length;
		const items = (await host.poll()).items;
		expect((items ?? []).map((i) => i.json.id)).toEqual([fresh.id]);
		expect(emu.requestLog.slice(mark).map((e) => e.query)).toEqual([{ sort: 'updatedTime:desc', max: '100' }]);
	});
});
