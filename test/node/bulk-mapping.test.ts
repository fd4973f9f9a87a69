/**
 * Bulk results back to their input items (nodes/Bill/actions/bulk.ts): each item gets its own
 * result or an error — never another item's result, never BILL's whole answer.
 */
import { Batcher, mapBulkResults, planBatches, valuesAt, type BulkElement } from '../../nodes/Bill/actions/bulk';
import type { OperationDef } from '../../nodes/Bill/catalog/types';

type BulkOp = Pick<OperationDef, 'bulk' | 'kind'>;
const createMany: BulkOp = { kind: 'createMany', bulk: { limit: 100 } };
const updateMany: BulkOp = { kind: 'updateMany', bulk: { limit: 100 } };
const archiveMany: BulkOp = { kind: 'archiveMany', bulk: { limit: 100, request: 'idsQuery', responseKey: 'items' } };
const payMany: BulkOp = { kind: 'createMany', bulk: { limit: 50, request: { key: 'payments' }, responseKey: 'payments', match: { element: 'billId', result: 'billPayments[].billId' } } };

const els = (...values: Array<Record<string, unknown> | string>) => values.map((value, index) => ({ index, value: value as BulkElement['value'] }));
const jsons = (r: ReturnType<typeof mapBulkResults>) => r.map((x) => ('json' in x ? x.json : { ERROR: x.error }));

describe('mapBulkResults', () => {
	test('one result per element, in order: paired by position', () => {
		const r = mapBulkResults(createMany, els({ name: 'a' }, { name: 'b' }), [{ id: '1', name: 'a' }, { id: '2', name: 'b' }]);
		expect(jsons(r)).toEqual([{ id: '1', name: 'a' }, { id: '2', name: 'b' }]);
		expect(r.map((x) => x.index)).toEqual([0, 1]);
	});

	test('fewer results than elements: every item gets an error, none gets another item result', () => {
		const r = mapBulkResults(createMany, els({ name: 'a' }, { name: 'b' }, { name: 'c' }), [{ id: '1' }, { id: '2' }]);
		expect(r.every((x) => 'error' in x)).toBe(true);
		expect(r.map((x) => ('error' in x ? x.error : ''))[0]).toMatch(/2 result\(s\) for 3 element/);
	});

	test('an answer with lists but no per-element results is never given to the items', () => {
		const envelope = { payments: [{ id: 'p1' }], other: [1] };
		const r = mapBulkResults(createMany, els({ a: 1 }, { a: 2 }), envelope);
		expect(r.every((x) => 'error' in x)).toBe(true);
	});

	test('a batch-level acknowledgement gives each item its own element', () => {
		const r = mapBulkResults(updateMany, els({ billId: 'b1', action: 'APPROVE' }, { billId: 'b2', action: 'DENY' }), { status: 'SUCCESS' });
		expect(jsons(r)).toEqual([
			{ billId: 'b1', action: 'APPROVE', status: 'SUCCESS', success: true },
			{ billId: 'b2', action: 'DENY', status: 'SUCCESS', success: true },
		]);
	});

	test('elements with IDs are matched by ID whatever the order; a missing one fails alone', () => {
		const r = mapBulkResults(updateMany, els({ id: 'x', n: 1 }, { id: 'y', n: 2 }, { id: 'z', n: 3 }), [{ id: 'z', v: 3 }, { id: 'x', v: 1 }]);
		expect(jsons(r)).toEqual([{ id: 'x', v: 1 }, { ERROR: expect.stringMatching(/no result for ID y/) }, { id: 'z', v: 3 }]);
	});

	test('ID bulk (archive many): by ID under the response key', () => {
		const r = mapBulkResults(archiveMany, els('i1', 'i2'), { items: [{ id: 'i2', archived: true }, { id: 'i1', archived: true }] });
		expect(jsons(r)).toEqual([{ id: 'i1', archived: true }, { id: 'i2', archived: true }]);
	});

	test('combined payments: bills of one vendor in one payment go to each of their items; a bill in no payment gets an error', () => {
		const answer = {
			payments: [
				{ id: 'stp1', vendorId: 'v1', billPayments: [{ billId: 'b1', amount: 10 }, { billId: 'b3', amount: 30 }] },
				{ id: 'stp2', vendorId: 'v2', billPayments: [{ billId: 'b2', amount: 20 }] },
			],
		};
		const r = mapBulkResults(payMany, els({ billId: 'b1', amount: 10 }, { billId: 'b2', amount: 20 }, { billId: 'b3', amount: 30 }, { billId: 'b4', amount: 40 }), answer);
		expect(r.map((x) => ('json' in x ? x.json.id : 'error'))).toEqual(['stp1', 'stp2', 'stp1', 'error']);
		expect('error' in r[3] && r[3].error).toMatch(/no result for billId b4/);
	});

	test('combined payments: same number of payments as bills but in another order still go by bill', () => {
		const answer = { payments: [{ id: 'stp2', billPayments: [{ billId: 'b2' }] }, { id: 'stp1', billPayments: [{ billId: 'b1' }] }] };
		const r = mapBulkResults(payMany, els({ billId: 'b1' }, { billId: 'b2' }), answer);
		expect(r.map((x) => ('json' in x ? x.json.id : 'error'))).toEqual(['stp1', 'stp2']);
	});

	test('outputs go through the secret filter', () => {
		const r = mapBulkResults(createMany, els({ a: 1 }), [{ id: '1', sessionId: 's', devKey: 'k', apiToken: 't' }]);
		expect(jsons(r)).toEqual([{ id: '1' }]);
	});
});

describe('planBatches', () => {
	const e = (index: number, requestKey = 'k') => ({ index, value: {}, requestKey });

	test('batches of the limit, in input order', () => {
		expect(planBatches([e(0), e(1), e(2), e(3), e(4)], 2).map((b) => b.map((x) => x.index))).toEqual([[0, 1], [2, 3], [4]]);
	});

	test('a batch is handed back as soon as it is full, so it can leave while later items are read', () => {
		const batcher = new Batcher(2);
		expect(batcher.add(e(0))).toBeUndefined();
		expect(batcher.add(e(1, 'other'))).toBeUndefined();
		expect(batcher.add(e(2))?.map((x) => x.index)).toEqual([0, 2]);
		expect(batcher.add(e(3))).toBeUndefined();
		expect(batcher.flush().map((b) => b.map((x) => x.index))).toEqual([[1], [3]]);
		expect(batcher.flush()).toEqual([]);
	});

	test('items whose requests differ (path, query, credential, envelope) are never sent together', () => {
		const batches = planBatches([e(0, 'vendor A'), e(1, 'vendor B'), e(2, 'vendor A'), e(3, 'vendor B')], 100);
		expect(batches.map((b) => b.map((x) => x.index))).toEqual([[0, 2], [1, 3]]);
	});
});

test('valuesAt walks arrays marked []', () => {
	expect(valuesAt({ a: [{ b: 1 }, { b: 2 }], c: { d: 'x' } }, 'a[].b')).toEqual([1, 2]);
	expect(valuesAt({ c: { d: 'x' } }, 'c.d')).toEqual(['x']);
	expect(valuesAt({ c: null }, 'c.d')).toEqual([]);
});
