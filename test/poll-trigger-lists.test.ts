/**
 * The BILL Polling Trigger's table (nodes/BillPollingTrigger/watched.ts) against the BILL node's
 * operations and the emulator: every watched list is read with its own credential and page size,
 * a record added to it is emitted once; the node's description in n8n's parameter engine; the
 * bookkeeping of one poll (advance) on its own.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { resources } from '../nodes/Bill/resources';
import { BillPollingTrigger } from '../nodes/BillPollingTrigger/BillPollingTrigger.node';
import { advance, OVERLAP_MS, STATUS_MEMORY, type PollSettings, type PollState } from '../nodes/BillPollingTrigger/poll';
import { credentialOf, eventsOf, findWatched, listOperation, WATCHED } from '../nodes/BillPollingTrigger/watched';
import { resetSessionCache } from '../nodes/Bill/transport/session';
import { BillEmulator, SEED } from './emulator/server';
import { PollHost } from './poll-host';
import { filterFieldsOf, operatorsOf } from '../nodes/Bill/catalog/filters';

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
				// The trigger filters with gte (overlap) and the list's "after" operator: BILL must allow both on the field.
				expect(filterFieldsOf(op).map((f) => f.name)).toContain(event.field);
				expect(operatorsOf(op, event.field)).toEqual(expect.arrayContaining(['gte', list.afterOp]));
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
	const settings = (event: string): PollSettings => ({ list: bill, event: eventsOf(bill).find((e) => e.value === event)!, simplify: false });
	const T = Date.parse('2026-03-01T12:00:00.000Z');
	const at = (ms: number) => new Date(ms).toISOString();
	const rec = (id: string, updatedMs: number, extra: IDataObject = {}): IDataObject => ({ id, createdTime: at(T - 60_000), updatedTime: at(updatedMs), ...extra });
	const start = (cursorMs: number, seen: string[] = []): PollState => ({ config: 'c', cursor: at(cursorMs), settledAt: null, seen, inStatus: [] });

	test('a record on two pages counts once, in its newest version; records without id or time are ignored', () => {
		const { emitted, state } = advance(start(T), [rec('a', T + 10), rec('a', T + 20), { id: 'x' }, { updatedTime: at(T + 5) }], settings('createdOrUpdated'));
		expect(emitted.map((e) => [e.record.id, e.record.updatedTime, e.label])).toEqual([['a', at(T + 20), 'updated']]);
		expect(state.cursor).toBe(at(T + 20));
	});

	test('the seen keys keep only the overlap window before the new cursor', () => {
		const old = [`a@${T - 5000}`, `b@${T - 500}`];
		const { state } = advance(start(T, old), [rec('c', T + 300), rec('d', T + 2000)], settings('createdOrUpdated'));
		expect(state.cursor).toBe(at(T + 2000));
		expect(state.seen.sort()).toEqual([`c@${T + 300}`, `d@${T + 2000}`].filter((k) => Number(k.split('@')[1]) >= T + 2000 - OVERLAP_MS).sort());
	});

	test('records older than cursor − overlap (a scan\'s last page) are neither emitted nor kept', () => {
		const { emitted, state } = advance(start(T), [rec('new', T + 1), rec('old', T - OVERLAP_MS - 1)], settings('createdOrUpdated'));
		expect(emitted.map((e) => e.record.id)).toEqual(['new']);
		expect(state.seen).toEqual([`new@${T + 1}`]);
	});

	test('after a settled cursor, the overlap never reaches back to it: older unseen records stay out', () => {
		// settled at T; the new cursor T + 300 ms; an old record at T − 200 ms that was never kept in seen
		const state: PollState = { config: 'c', cursor: at(T + 300), settledAt: at(T), seen: [`n@${T + 300}`], inStatus: [] };
		const { emitted, state: next } = advance(state, [rec('n', T + 300), rec('old', T - 200), rec('atSettled', T), rec('late', T + 100)], settings('createdOrUpdated'));
		expect(emitted.map((e) => e.record.id)).toEqual(['late']);
		expect(next.settledAt).toBe(at(T + 300));
	});

	test('status memory is bounded: the oldest records are forgotten first', () => {
		const many = Array.from({ length: STATUS_MEMORY + 10 }, (_, i) => rec(`b${i}`, T + 1 + i, { paymentStatus: 'PAID' }));
		const { emitted, state } = advance(start(T), many, settings('paid'));
		expect(emitted).toHaveLength(STATUS_MEMORY + 10);
		expect(state.inStatus).toHaveLength(STATUS_MEMORY);
		expect(state.inStatus[0]).toBe('b10');
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
