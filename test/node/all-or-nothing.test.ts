/**
 * Issue 20 #1/#2: what a failure leaves behind. With Continue On Fail off no item is sent until
 * every item passed the node's own checks, and when BILL refuses an item mid-run the error names
 * every item BILL already applied (with its BILL ID) and the items never sent. With Continue On
 * Fail on every item gets its own result or error. Money operations first. In-process n8n-core
 * workflows against the emulator.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AP_SEED } from '../emulator/family/accounts-payable';
import { SEED } from '../emulator/server';
import { byId, startBill, type BillTestContext } from '../support/bill';

let t: BillTestContext;
beforeAll(async () => {
	t = await startBill();
});
afterAll(async () => {
	await t.stop();
});
afterEach(() => t.emu.faults.clear());

const address = { line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };
const bankFunding = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };
const bills$ = () => t.emu.store.collection('bills', SEED.organizationId).list();
const json = (rows: IDataObject[]): INodeExecutionData[] => rows.map((r) => ({ json: r }));

function counter(method: string, path: string | RegExp) {
	const start = t.emu.requestLog.length;
	return () => t.emu.requestLog.slice(start).filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))).length;
}

async function vendor(name: string): Promise<string> {
	const r = await t.runOk('vendor', 'create', { name, address });
	return String(r.output[0].json.id);
}

async function bills(vendorId: string, amounts: number[]): Promise<Array<{ id: string; amount: number }>> {
	const out = [];
	for (const amount of amounts) {
		const r = await t.runOk('bill', 'create', {
			vendorId: byId(vendorId),
			dueDate: '2026-12-31',
			invoice: { invoiceNumber: `AON-${Math.round(Math.random() * 1e9)}`, invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount }] },
		});
		out.push({ id: String(r.output[0].json.id), amount });
	}
	return out;
}

const payParams = { billId: '={{ $json.billId }}', amount: '={{ $json.amount }}', fundingAccount: bankFunding };
const billParams = {
	vendorId: '={{ $json.vendorId }}',
	dueDate: '2026-12-31',
	invoice: { invoiceNumber: '={{ "AON-" + $json.n }}', invoiceDate: '2026-12-01' },
	billLineItems: { values: [{ amount: '={{ $json.amount }}' }] },
};

describe('Payment → Create Many (money)', () => {
	test('Continue On Fail off: an item failing the node\'s checks stops the run before any payment is sent', async () => {
		const v = await vendor('AON Pay Vendor');
		const [b0, b2] = await bills(v, [10, 30]);
		const sent = counter('POST', '/v3/payments/bulk');
		const r = await t.runOp('payment', 'createMany', payParams, json([{ billId: b0.id, amount: 10 }, { billId: 'not-a-bill', amount: 20 }, { billId: b2.id, amount: 30 }]));
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/Bill.*00n/);
		expect(r.error?.description).toMatch(/No item of this run was sent to BILL/);
		expect(sent()).toBe(0);
		expect((await t.runOk('bill', 'get', { billId: byId(b0.id) })).output[0].json).toMatchObject({ paymentStatus: 'UNPAID' });
	});

	test('Continue On Fail off: a bad amount (blank) stops the run before any payment is sent', async () => {
		const v = await vendor('AON Pay Blank');
		const [b0, b1] = await bills(v, [10, 20]);
		const sent = counter('POST', '/v3/payments/bulk');
		const r = await t.runOp('payment', 'createMany', payParams, json([{ billId: b0.id, amount: 10 }, { billId: b1.id, amount: '  ' }]));
		expect(r.success).toBe(false);
		expect(sent()).toBe(0);
	});

	test('Continue On Fail on: the valid items are paid, the invalid one gets its own error', async () => {
		const v = await vendor('AON Pay CoF');
		const [b0, b2] = await bills(v, [10, 30]);
		const r = await t.runOp('payment', 'createMany', payParams, json([{ billId: b0.id, amount: 10 }, { billId: 'not-a-bill', amount: 20 }, { billId: b2.id, amount: 30 }]), { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output.map((o) => [o.pairedItem, o.json.error === undefined ? o.json.billId : 'error'])).toEqual([
			[{ item: 0 }, b0.id],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, b2.id],
		]);
	});
});

describe('Bill → Create Many', () => {
	test('Continue On Fail off: item 1 with an invalid vendor ID → 0 bills created (issue 20 #1)', async () => {
		const v = await vendor('AON Bill Vendor');
		const before = bills$().length;
		const r = await t.runOp('bill', 'createMany', billParams, json([{ vendorId: v, n: 0, amount: 1 }, { vendorId: 'bad-vendor', n: 1, amount: 2 }, { vendorId: v, n: 2, amount: 3 }]));
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/Vendor.*009/);
		expect(r.error?.description).toMatch(/No item of this run was sent to BILL/);
		expect(bills$().length).toBe(before);
	});

	test('Continue On Fail off: BILL refuses the 2nd batch → the error names the 100 bills of batch 1 with their IDs; batch 3 is never sent', async () => {
		const v = await vendor('AON Bill Batches');
		const items = json(Array.from({ length: 201 }, (_, n) => ({ vendorId: v, n, amount: n + 1 })));
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/bills\/bulk$/, body: /"AON-100"/ }, status: 400, code: 'BDC_1171', message: 'Invalid vendor' });
		const sent = counter('POST', '/v3/bills/bulk');
		const r = await t.runOp('bill', 'createMany', { ...billParams, options: { maxConcurrency: 1 } }, items);
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/BDC_1171/);
		expect(sent()).toBe(2);
		const created = bills$().filter((b) => /^AON-\d+$/.test(String((b.invoice as { invoiceNumber?: string })?.invoiceNumber)) && b.vendorId === v);
		expect(created).toHaveLength(100);
		const description = String(r.error?.description);
		for (const b of created) expect(description).toContain(String(b.id));
		expect(description).toMatch(/Already applied in BILL, not undone: item 0 \(00n/);
		expect(description).toMatch(/Also failed: item 101–199\./);
		expect(description).toMatch(/Not sent: item 200\./);
	});
});

describe('Vendor → Create (per item, 3 at a time)', () => {
	test('Continue On Fail off: the first refused by BILL → the error names vendors 1 and 2 (in flight) with their IDs; items 3 and 4 are not started', async () => {
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/, body: /AON Refused/ }, status: 400, code: 'BDC_1102', message: 'Refused by BILL' });
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/, body: /AON Slow/ }, delayMs: 300, times: 2 });
		const sent = counter('POST', '/v3/vendors');
		const r = await t.runOp('vendor', 'create', { name: '={{ $json.name }}', address }, json([{ name: 'AON Refused' }, { name: 'AON Slow 1' }, { name: 'AON Slow 2' }, { name: 'AON Later 3' }, { name: 'AON Later 4' }]));
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/BDC_1102/);
		expect(sent()).toBe(3);
		const made = t.emu.store.collection('vendors', SEED.organizationId).list().filter((x) => /^AON (Slow|Later)/.test(String(x.name)));
		expect(made.map((x) => x.name).sort()).toEqual(['AON Slow 1', 'AON Slow 2']);
		const byName = Object.fromEntries(made.map((x) => [x.name, x.id]));
		expect(r.error?.description).toContain(`Already applied in BILL, not undone: item 1 (${byName['AON Slow 1']}); item 2 (${byName['AON Slow 2']}) (item 1–2: 2 of 5).`);
		expect(r.error?.description).toContain('Not sent: item 3–4.');
	});

	test('Continue On Fail off: an item with a bad value stops the run before any vendor is sent', async () => {
		const sent = counter('POST', '/v3/vendors');
		const r = await t.runOp('vendor', 'create', { name: '={{ $json.name }}', address, additionalFields: { email: '={{ $json.email }}', accountType: '={{ $json.type }}' } }, json([{ name: 'AON Check 0', type: 'BUSINESS' }, { name: 'AON Check 1', type: 'NOT_A_TYPE' }]));
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/cannot be "NOT_A_TYPE"/);
		expect(r.error?.description).toMatch(/No item of this run was sent to BILL/);
		expect(sent()).toBe(0);
	});

	test('Continue On Fail on: every item gets its own result or error', async () => {
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/, body: /AON CoF Refused/ }, status: 400, code: 'BDC_1102', message: 'Refused by BILL' });
		const r = await t.runOp('vendor', 'create', { name: '={{ $json.name }}', address }, json([{ name: 'AON CoF Refused' }, { name: 'AON CoF 1' }, { name: 'AON CoF 2' }, { name: 'AON CoF 3' }]), { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output.map((o) => [o.pairedItem, o.json.error ? 'error' : o.json.name])).toEqual([
			[{ item: 0 }, 'error'],
			[{ item: 1 }, 'AON CoF 1'],
			[{ item: 2 }, 'AON CoF 2'],
			[{ item: 3 }, 'AON CoF 3'],
		]);
	});
});
