/**
 * Issue 16 §1 (BDC_1144) and §3 (pagination): long runs against the emulator, in-process on n8n-core.
 * - BILL's hourly cap in the middle of a Return All or a Create Many: the run fails fast with the
 *   time to retry and says how far it got; with Continue On Fail what was done keeps its output and
 *   the rest get error items (items after the cap are not even sent).
 * - A page token BILL already returned stops the list with a clear error instead of looping.
 */
import type { IDataObject } from 'n8n-workflow';

import { startBill, type BillTestContext } from '../support/bill';

let t: BillTestContext;
beforeAll(async () => {
	t = await startBill();
});
afterAll(async () => t.stop());
beforeEach(() => {
	t.emu.faults.clear();
	t.emu.store.clear();
});

const address = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };
const HOURLY_CAP = { status: 400, code: 'BDC_1144', message: 'Max number of allowed requests per hour reached: 20000.', times: Infinity };
const calls = (method: string, path: string, from: number) => t.emu.requestLog.slice(from).filter((e) => e.method === method && e.path === path);

function seedVendors(n: number) {
	for (let i = 0; i < n; i++) t.emu.store.collection('vendors').insert({ name: `Vendor ${String(i).padStart(4, '0')}`, address }, { prefix: '009' });
}

describe("BILL's hourly cap (BDC_1144) in the middle of a Return All", () => {
	test('fails fast with the time to retry and says how many records it read', async () => {
		seedVendors(450);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...HOURLY_CAP, skip: 3, match: { method: 'GET', path: /^\/v3\/vendors$/ } });
		const r = await t.runOp('vendor', 'getAll', { returnAll: true });
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe("BDC_1144: Max number of allowed requests per hour reached: 20000. (read 300 records on 3 pages before BILL's hourly limit) [item 0]");
		expect(r.error?.description).toMatch(/Try again after \d\d:\d\d UTC/);
		expect(calls('GET', '/v3/vendors', from)).toHaveLength(4);
	});

	test('with Continue On Fail, the records read are the output, followed by the error item', async () => {
		seedVendors(450);
		t.emu.faults.add({ ...HOURLY_CAP, skip: 3, match: { method: 'GET', path: /^\/v3\/vendors$/ } });
		const r = await t.runOp('vendor', 'getAll', { returnAll: true }, undefined, { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(301);
		expect(new Set(r.output.slice(0, 300).map((o) => o.json.id)).size).toBe(300);
		expect(String(r.output[300].json.error)).toMatch(/^BDC_1144: .*read 300 records on 3 pages before BILL's hourly limit/);
		expect(r.output.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});

describe("BILL's hourly cap (BDC_1144) in the middle of a Create Many", () => {
	const hundred = Array.from({ length: 100 }, (_, n) => ({ json: { n } }));
	const params = { name: '={{ "Bulk " + $json.n }}', address, options: { maxConcurrency: 1 } };

	test('with Continue On Fail: the 40 created keep their output, the others get error items, and no batch is sent after the cap', async () => {
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...HOURLY_CAP, skip: 2, match: { method: 'POST', path: /^\/v3\/vendors\/bulk$/ } });
		const r = await t.runOp('vendor', 'createMany', params, hundred, { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output.map((o) => o.pairedItem)).toEqual(hundred.map((_, item) => ({ item })));
		const done = r.output.filter((o) => o.json.error === undefined);
		expect(done.map((o) => o.json.name)).toEqual(Array.from({ length: 40 }, (_, n) => `Bulk ${n}`));
		expect(t.emu.store.collection('vendors').size).toBe(40);
		// Batches of 20: two created, the third refused, the last two never sent.
		expect(calls('POST', '/v3/vendors/bulk', from)).toHaveLength(3);
		const errors = r.output.slice(40).map((o) => String(o.json.error));
		for (const e of errors) expect(e).toMatch(/BDC_1144.*— 40 of 100 items done before BILL's hourly limit \[item \d+\]$/);
		expect(errors.slice(20).every((e) => e.startsWith("Not sent: BILL's hourly limit was reached earlier in this run"))).toBe(true);
	});

	test('without Continue On Fail: the node fails and says how far it got', async () => {
		t.emu.faults.add({ ...HOURLY_CAP, skip: 2, match: { method: 'POST', path: /^\/v3\/vendors\/bulk$/ } });
		const r = await t.runOp('vendor', 'createMany', params, hundred);
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe("BDC_1144: Max number of allowed requests per hour reached: 20000. — 40 of 100 items done before BILL's hourly limit [item 40]");
		expect(r.error?.description).toMatch(/Try again after \d\d:\d\d UTC/);
	});

	test('one request per item (Vendor → Create): the items after the cap are not sent', async () => {
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...HOURLY_CAP, skip: 4, match: { method: 'POST', path: /^\/v3\/vendors$/ } });
		const r = await t.runOp('vendor', 'create', params, hundred.slice(0, 10), { continueOnFail: true });
		expect(r.output.filter((o) => o.json.error === undefined)).toHaveLength(4);
		expect(calls('POST', '/v3/vendors', from)).toHaveLength(5);
		for (const o of r.output.slice(4)) expect(String(o.json.error)).toMatch(/— 4 of 10 items done before BILL's hourly limit \[item \d+\]$/);
	});
});

describe('a Create Many stopped by a batch whose outcome is unknown (no Continue On Fail)', () => {
	test('sends no batch after it, and the error says which items BILL has, so that a rerun of the others does not create them twice', async () => {
		const hundred = Array.from({ length: 100 }, (_, n) => ({ json: { n } }));
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status: 503, when: 'after', skip: 2, match: { method: 'POST', path: /^\/v3\/vendors\/bulk$/ } });
		const r = await t.runOp('vendor', 'createMany', { name: '={{ "Bulk " + $json.n }}', address, options: { maxConcurrency: 1 } }, hundred);
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/^BILL may have created the vendors of items 40–59: check Vendor → Get Many for vendors created since .* before running items 40–59 again/);
		expect(r.error?.description).toMatch(/Already applied in BILL, not undone: item 0 \(.*; item 39 \(\w+\) \(item 0–39: 40 of 100\)\. Also failed: item 41–59\. Not sent: item 60–99\./);
		expect(calls('POST', '/v3/vendors/bulk', from)).toHaveLength(3);
		expect(t.emu.store.collection('vendors').size).toBe(60);
	});
});

describe('a page token BILL already returned', () => {
	/** BILL's customer list answering one record per page, with `nextPage = tokenOf(page number)`; counts the pages served. */
	function customerPages(tokenOf: (n: number) => string): { count: number } {
		const served = { count: 0 };
		t.emu.addHandler({
			method: 'GET',
			path: '/v3/customers',
			handle: () => {
				served.count++;
				return { body: { results: [{ id: `0cu01PAGE${served.count}` }], nextPage: tokenOf(served.count) } };
			},
		});
		return served;
	}

	test('stops the list with a clear error instead of looping, and says how far it got', async () => {
		const served = customerPages((n) => (n === 2 ? 'TOKEN-B' : 'TOKEN-A'));
		const r = await t.runOp('customer', 'getAll', { returnAll: true }, undefined, { continueOnFail: true });
		expect(served.count).toBe(3);
		const error = r.output.find((o) => o.json.error !== undefined);
		expect(String(error?.json.error)).toBe('BILL returned a page token it had already returned, after 3 pages (3 records): the list was stopped so that it does not loop forever [item 0]');
		expect(r.output.filter((o) => o.json.error === undefined).map((o) => (o.json as IDataObject).id)).toEqual(['0cu01PAGE1', '0cu01PAGE2', '0cu01PAGE3']);
	});

	test('the same token twice in a row (BILL handing back the page asked for) stops after the second page', async () => {
		const served = customerPages(() => 'STUCK');
		const r = await t.runOp('customer', 'getAll', { returnAll: true });
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/^BILL returned a page token it had already returned, after 2 pages/);
		expect(served.count).toBe(2);
	});
});
