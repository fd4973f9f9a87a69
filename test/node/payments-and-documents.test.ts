/**
 * The BILL node against BILL's payments and bill documents as BILL documents them (bulk, international, mass), in-process on n8n-core
 * against the emulator:
 * - bulk payments: each input item gets the payment that paid ITS bill, also when BILL combines
 *   bills of a vendor into one payment and answers in another order than the request;
 * - international payments: exchange rate batch ID from Get Exchange Rate(s), next US business day;
 * - mass payments: created in one request, their status read later;
 * - bill documents: the upload waits through BILL's processing statuses, and when BILL is still
 *   processing at the end of Max Wait, the upload (ID and status) is the output, not an error.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AP_SEED } from '../emulator/family/accounts-payable';
import { apRecords } from '../support/emulator-http';
import { byId, useBill } from '../support/bill';
import type { AxiosInstance } from 'axios';
import axios from 'axios';
import { SEED } from '../emulator/server';

let api: AxiosInstance;
const { vendor } = apRecords(() => api);
const bankFunding = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };

const t = useBill({ spendPerMinute: 1_000_000 });
beforeAll(async () => {
	const login = await axios.post(`${t.base}/connect/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
	api = axios.create({ baseURL: `${t.base}/connect`, headers: { devKey: SEED.devKey, sessionId: login.data.sessionId }, validateStatus: () => true });
});

const countOf = (method: string, path: string, from: number) => t.emu.requestLog.slice(from).filter((e) => e.method === method && e.path === path).length;

async function billsOf(vendorId: string, amounts: number[]): Promise<Array<IDataObject>> {
	const r = await t.runOk(
		'bill',
		'createMany',
		{
			vendorId: byId(vendorId),
			dueDate: '2026-12-31',
			invoice: { invoiceNumber: '={{ "P26-" + $json.n + "-" + $json.r }}', invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount: '={{ $json.amount }}', description: 'Line' }] },
		},
		amounts.map((amount, n) => ({ json: { n, amount, r: Math.random() } })),
	);
	return r.output.map((o) => o.json);
}

/** The emulator's day and the next US business day after it. */
function nextBusinessDay(): string {
	const d = new Date(`${new Date(t.emu.nowMs()).toISOString().slice(0, 10)}T00:00:00Z`);
	do d.setUTCDate(d.getUTCDate() + 1);
	while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
	return d.toISOString().slice(0, 10);
}

describe('bulk payments: each item gets the payment of its own bill', () => {
	test('bills of a Combine Payments vendor in one payment, others one each, answered out of order: every item still gets its bill\'s payment', async () => {
		const combined = await vendor('Combined Co', { additionalInfo: { combinePayments: true } });
		const single = await vendor('Single Co');
		const a = await billsOf(combined, [10, 20, 30]);
		const b = await billsOf(single, [40, 50]);
		// Interleaved in the input: BILL groups and reorders them.
		const order = [a[0], b[0], a[1], b[1], a[2]];
		const from = t.emu.requestLog.length;
		const r = await t.runOp(
			'payment',
			'createMany',
			{ billId: byId('={{ $json.billId }}'), amount: '={{ $json.amount }}', fundingAccount: bankFunding },
			order.map((x) => ({ json: { billId: x.id, amount: x.amount } })),
		);
		expect(r.error?.message).toBeUndefined();
		expect(countOf('POST', '/v3/payments/bulk', from)).toBe(1);
		expect(r.output).toHaveLength(5);
		r.output.forEach((out, k) => {
			expect(out.pairedItem).toEqual({ item: k });
			const paid = (out.json.billPayments as IDataObject[]).map((bp) => bp.billId);
			expect(paid).toContain(order[k].id);
		});
		// The combined vendor's three items share one payment; the other vendor's two have one each.
		const ids = r.output.map((o) => o.json.id);
		expect(new Set([ids[0], ids[2], ids[4]]).size).toBe(1);
		expect(new Set([ids[1], ids[3], ids[0]]).size).toBe(3);
	});

	test('Create Many sends vendorId only at the top level, never per bill', async () => {
		const v = await vendor('Top Level Co');
		const bills = await billsOf(v, [5, 6]);
		const r = await t.runOp(
			'payment',
			'createMany',
			{ billId: byId('={{ $json.billId }}'), amount: '={{ $json.amount }}', fundingAccount: bankFunding, additionalFields: { vendorId: byId(v) } },
			bills.map((x) => ({ json: { billId: x.id, amount: x.amount } })),
		);
		expect(r.error?.message).toBeUndefined();
		expect(r.output.map((o) => o.json.vendorId)).toEqual([v, v]);
	});
});

describe('international payments', () => {
	test('Get Exchange Rate gives the batch ID; a EUR bill paid with it on the next US business day', async () => {
		const eur = await vendor('Euro GmbH', { billCurrency: 'EUR' });
		const [bill] = await billsOf(eur, [100]);
		const rate = (await t.runOk('payment', 'getExchangeRate', { vendorId: byId(eur), amount: 100 })).output[0].json;
		expect(Number.isInteger(rate.exchangeRateBatchId)).toBe(true);
		const params = { amount: 100, fundingAccount: bankFunding, processingOptions: { requestPayFaster: false } };
		const withoutBatch = await t.runOp('payment', 'create', { ...params, additionalFields: { billId: byId(String(bill.id)), processDate: nextBusinessDay() } });
		expect(withoutBatch.success).toBe(false);
		expect(`${withoutBatch.error?.message} ${withoutBatch.error?.description ?? ''}`).toMatch(/exchangeRateBatchId/);
		const paid = await t.runOk('payment', 'create', {
			...params,
			additionalFields: { billId: byId(String(bill.id)), processDate: nextBusinessDay(), exchangeRateBatchId: rate.exchangeRateBatchId },
		});
		expect(paid.output[0].json).toMatchObject({ billId: bill.id, processDate: nextBusinessDay() });
	});

	test('an exchange rate batch ID that is not a whole number is refused before anything is sent', async () => {
		const from = t.emu.requestLog.length;
		const r = await t.runOp('payment', 'create', {
			amount: 1,
			fundingAccount: bankFunding,
			processingOptions: { requestPayFaster: false },
			additionalFields: { billId: byId('00n01EMU0000000000X'), exchangeRateBatchId: 2.5 },
		});
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/Exchange Rate Batch ID.*whole number/);
		expect(countOf('POST', '/v3/payments', from)).toBe(0);
	});

	test('Get Exchange Rates: one input item per vendor, one request, each item its vendor\'s rate, one batch', async () => {
		const eur = await vendor('Rates EUR', { billCurrency: 'EUR' });
		const gbp = await vendor('Rates GBP', { billCurrency: 'GBP' });
		const from = t.emu.requestLog.length;
		const r = await t.runOk('payment', 'getExchangeRates', { vendorId: byId('={{ $json.vendorId }}'), amount: '={{ $json.amount }}' }, [
			{ json: { vendorId: gbp, amount: 10 } },
			{ json: { vendorId: eur, amount: 20 } },
		]);
		expect(countOf('POST', '/v3/payments/exchange-rate', from)).toBe(1);
		expect(r.output.map((o) => [o.json.vendorId, o.json.billCurrency])).toEqual([
			[gbp, 'GBP'],
			[eur, 'EUR'],
		]);
		expect(new Set(r.output.map((o) => o.json.exchangeRateBatchId)).size).toBe(1);
	});
});

describe('mass payments', () => {
	test('Create Mass Payment returns the batch; Get Mass Payment shows it completed later', async () => {
		const v = await vendor('Mass Co');
		const bills = await billsOf(v, [11, 12, 13]);
		const created = await t.runOk('payment', 'createMass', {
			fundingAccount: bankFunding,
			payments: { values: bills.map((b) => ({ billId: byId(String(b.id)), amount: b.amount })) },
		});
		const batch = created.output[0].json;
		expect(String(batch.paymentBatchId)).toMatch(/^bbq/);
		expect(batch.batchStatus).toBe('SCHEDULED');
		t.emu.advanceTime(t.emu.config.massPaymentProcessingMs + 1000);
		const status = (await t.runOk('payment', 'getMass', { paymentBatchId: batch.paymentBatchId })).output[0].json;
		expect(status).toMatchObject({ paymentBatchId: batch.paymentBatchId, batchStatus: 'COMPLETED', count: { completed: 3, failed: 0, total: 3 } });
	});
});

describe('bill document upload waits for BILL\'s processing', () => {
	const upload = async (billId: string, options: IDataObject) =>
		await t.runOp('document', 'upload', { billId: byId(billId), binaryPropertyName: 'data', options }, [
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 wait').toString('base64'), mimeType: 'application/pdf', fileName: 'invoice.pdf' } } } as INodeExecutionData,
		]);

	test('through IN_PROGRESS and IVA_PROCESSING to the uploaded document', async () => {
		const [bill] = await billsOf(await vendor('Docs Co'), [1]);
		t.emu.config.documentProcessing = { inProgressMs: 150, ivaProcessingMs: 300, neverFinish: false };
		const from = t.emu.requestLog.length;
		const r = await upload(String(bill.id), {});
		expect(r.error?.message).toBeUndefined();
		expect(r.output[0].json).toMatchObject({ status: 'UPLOADED', documentId: expect.stringMatching(/^00h/) });
		const statuses = t.emu.requestLog.slice(from).filter((e) => e.path === '/v3/documents/upload-status');
		expect(statuses.length).toBeGreaterThan(1);
	});

	test('still processing when Max Wait ends: the upload and its status are the output, not an error, and the file was sent once', async () => {
		const [bill] = await billsOf(await vendor('Slow Docs Co'), [1]);
		t.emu.config.documentProcessing = { inProgressMs: 50, ivaProcessingMs: 50, neverFinish: true };
		const from = t.emu.requestLog.length;
		const r = await upload(String(bill.id), { maxWaitMinutes: 0.02 });
		expect(r.success).toBe(true);
		expect(r.output[0].json).toMatchObject({ uploadId: expect.stringMatching(/^0du/), status: 'IVA_PROCESSING', processing: true });
		expect(countOf('POST', `/v3/documents/bills/${String(bill.id)}`, from)).toBe(1);
	});
});

describe('numbers an AI agent fills ($fromAI) skip the editor\'s checks: the node checks them', () => {
	test.each([
		['a Limit of 0', 0],
		['a Limit of 2.5', 2.5],
		['a Limit of -3', -3],
		['a Limit that is no number', 'many'],
	])('%s is refused before anything is sent', async (_label, limit) => {
		const from = t.emu.requestLog.length;
		const r = await t.runOp('vendor', 'getAll', { returnAll: false, limit });
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/"Limit" must be a whole number 1 or more/);
		expect(t.emu.requestLog.length).toBe(from);
	});

	test('an amount below its minimum is refused before anything is sent', async () => {
		const from = t.emu.requestLog.length;
		const refused = await t.runOp('payment', 'create', { amount: -5, fundingAccount: bankFunding, processingOptions: { requestPayFaster: false }, additionalFields: { billId: byId('00n01EMU0000000000X') } });
		expect(refused.success).toBe(false);
		expect(refused.error?.message).toMatch(/"Amount" must be at least 0/);
		expect(countOf('POST', '/v3/payments', from)).toBe(0);
	});
});
