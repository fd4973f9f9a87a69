/**
 * Issue 17 §4: an item's error names the item as n8n does. n8n's editor shows an error's
 * `context.itemIndex` as "Item Index" (error view, n8n-editor-ui 2.8.4 and 2.41.3), and n8n's own
 * code ends such a message with ` [item N]` (n8n-core's binary helpers, the Set and Code nodes,
 * n8n-workflow's filter parameter). The router does both, once, for every item-level error
 * (transport/errors.ts forItem): the node's own checks, BILL's refusals, a bulk element, and the
 * error items of Continue On Fail, each paired with its input. In-process n8n-core workflows
 * against the emulator.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AP_SEED } from '../emulator/family/accounts-payable';
import { byId, startBill, type BillTestContext } from '../support/bill';

const address = { line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };
let t: BillTestContext;
let vendorId: string;
beforeAll(async () => {
	t = await startBill();
	vendorId = String((await t.runOk('vendor', 'create', { name: 'IE Vendor', address })).output[0].json.id);
});
afterAll(async () => {
	await t.stop();
});
afterEach(() => t.emu.faults.clear());

const json = (rows: IDataObject[]): INodeExecutionData[] => rows.map((r) => ({ json: r }));
const itemIndexOf = (error: unknown) => (error as { context?: { itemIndex?: unknown } } | undefined)?.context?.itemIndex;

async function bill(amount: number): Promise<string> {
	const r = await t.runOk('bill', 'create', {
		vendorId: byId(vendorId),
		dueDate: '2026-12-31',
		invoice: { invoiceNumber: `IE-${Math.round(Math.random() * 1e9)}`, invoiceDate: '2026-12-01' },
		billLineItems: { values: [{ amount }] },
	});
	return String(r.output[0].json.id);
}

describe('a per-item operation', () => {
	test("the node's own check of item 2 names item 2 (message and itemIndex)", async () => {
		const r = await t.runOp('bill', 'create', { vendorId: byId(vendorId), dueDate: '={{ $json.due }}', invoice: { invoiceNumber: '={{ "IE-own-" + $json.n }}', invoiceDate: '2026-12-01' }, billLineItems: { values: [{ amount: 1 }] } }, json([{ n: 0, due: '2026-12-31' }, { n: 1, due: '2026-12-31' }, { n: 2, due: '' }]));
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe('"Due Date" is required [item 2]');
		expect(itemIndexOf(r.error)).toBe(2);
	});

	test("BILL's refusal of item 1 is a NodeApiError naming item 1, with BILL's code", async () => {
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/, body: /IE Refused/ }, status: 400, code: 'BDC_1102', message: 'Refused by BILL' });
		const r = await t.runOp('vendor', 'create', { name: '={{ $json.name }}', address }, json([{ name: 'IE Fine' }, { name: 'IE Refused' }]));
		expect(r.success).toBe(false);
		expect((r.error as { name?: string }).name).toBe('NodeApiError');
		expect((r.error as { httpCode?: string }).httpCode).toBe('400');
		expect(r.error?.message).toBe('BDC_1102: Refused by BILL [item 1]');
		expect(itemIndexOf(r.error)).toBe(1);
	});

	test('Continue On Fail: the error item is paired with its input and names it', async () => {
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/, body: /IE CoF Refused/ }, status: 400, code: 'BDC_1102', message: 'Refused by BILL' });
		const r = await t.runOp('vendor', 'create', { name: '={{ $json.name }}', address }, json([{ name: 'IE CoF 0' }, { name: 'IE CoF Refused' }, { name: '' }]), { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output.map((o) => [o.pairedItem, o.json.error ?? o.json.name])).toEqual([
			[{ item: 0 }, 'IE CoF 0'],
			[{ item: 1 }, 'BDC_1102: Refused by BILL [item 1]'],
			[{ item: 2 }, '"Name" is required [item 2]'],
		]);
	});
});

describe('a bulk operation (Payment → Create Many)', () => {
	const payParams = { billId: '={{ $json.billId }}', amount: '={{ $json.amount }}', fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId } };

	test('the invalid element names its item; nothing is sent', async () => {
		const b0 = await bill(10);
		const r = await t.runOp('payment', 'createMany', payParams, json([{ billId: b0, amount: 10 }, { billId: 'not-a-bill', amount: 20 }]));
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/\[item 1\]$/);
		expect(itemIndexOf(r.error)).toBe(1);
		expect(r.error?.description).toMatch(/No item of this run was sent to BILL/);
	});

	test('Continue On Fail: a refused batch gives each of its items its own error naming it, paired with it', async () => {
		const [b0, b1, b2] = [await bill(10), await bill(20), await bill(30)];
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/payments\/bulk$/ }, status: 400, code: 'BDC_1171', message: 'Refused batch' });
		const r = await t.runOp('payment', 'createMany', payParams, json([{ billId: b0, amount: 10 }, { billId: 'not-a-bill', amount: 20 }, { billId: b1, amount: 20 }, { billId: b2, amount: 30 }]), { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		const errors = r.output.map((o) => String(o.json.error));
		expect(errors[1]).toMatch(/\[item 1\]$/);
		// One batch (items 0, 2, 3) refused by BILL: one error, worded for each item.
		for (const i of [0, 2, 3]) expect(errors[i]).toMatch(new RegExp(`^BDC_1171: Refused batch \\[item ${i}\\]$`));
	});
});
