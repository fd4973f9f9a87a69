/**
 * Issue 16 §2–3: money moves once. In-process n8n-core workflows against the emulator, whose fault
 * injection applies a request and then answers 503 / drops the connection (`when: 'after'`): a
 * POST that may have reached BILL is never resent — single payments, bulk (Create Many) and mass
 * payments — and its error says plainly that BILL may have done it and where to look, item by item
 * with Continue On Fail. GET, PUT and DELETE are still retried; a timed-out GET is retried, a
 * timed-out POST never; Retry-After is honoured.
 */
import type { AxiosInstance } from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { RETRY, TIMEOUTS } from '../../nodes/Bill/transport/request';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { AP_SEED } from '../emulator/family/accounts-payable';
import type { FaultSpec } from '../emulator/faults';
import { byId, credentialsFor, startBill, type BillTestContext } from '../support/bill';
import { apRecords, orgSession } from '../support/emulator-http';

let t: BillTestContext;
let api: AxiosInstance;
const { vendor, bill } = apRecords(() => api);
const bankFunding = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };
/** Payment → Create's parameters for a bill. */
const pay = (b: { id: string; amount: number | string }) => ({ amount: b.amount, fundingAccount: bankFunding, processingOptions: { requestPayFaster: false }, additionalFields: { billId: byId(b.id) } });

beforeAll(async () => {
	t = await startBill();
	api = await orgSession(t.emu);
});
afterAll(async () => t.stop());
beforeEach(() => t.emu.faults.clear());

const requests = (method: string, path: string | RegExp, from: number) =>
	t.emu.requestLog.slice(from).filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path)));

/** Payments in the emulator that pay `billId` (a bulk payment may pay several bills). */
function paymentsOf(billId: string): Array<Record<string, unknown>> {
	return t.emu.store
		.collection('payments')
		.list()
		.filter((p) => p.billId === billId || ((p.billPayments as IDataObject[] | undefined) ?? []).some((bp) => bp.billId === billId));
}

async function unpaidBills(n: number): Promise<Array<{ id: string; amount: number }>> {
	const v = await vendor(`Faulty Co ${Math.random()}`);
	const out: Array<{ id: string; amount: number }> = [];
	for (let i = 0; i < n; i++) {
		const b = await bill(v, [{ amount: 10 + i }]);
		out.push({ id: String(b.id), amount: Number(b.amount) });
	}
	return out;
}

/** BILL applied the request, then the answer was lost. */
const AFTER_FAULTS: Array<[string, FaultSpec]> = [
	['applied, then HTTP 503', { status: 503, when: 'after' }],
	['applied, then the connection dropped', { reset: true, when: 'after' }],
];

const createdSince = /created since \d{4}-\d\d-\d\d \d\d:\d\d UTC/;

describe.each(AFTER_FAULTS)('a payment %s is never sent twice', (_label, fault) => {
	test('Payment → Create: one request, one payment, and the error says BILL may have created it', async () => {
		const [b] = await unpaidBills(1);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...fault, match: { method: 'POST', path: /^\/v3\/payments$/ } });
		const r = await t.runOp('payment', 'create', pay(b));
		expect(r.success).toBe(false);
		expect(requests('POST', '/v3/payments', from)).toHaveLength(1);
		expect(paymentsOf(b.id)).toHaveLength(1);
		expect(r.error?.message).toMatch(/^BILL may have created this payment: check Payment → Get Many for payments created since .* before running item 0 again(?: \(BILL answered BDC_\d+: [^)]*\))? \[item \d+\]$/);
		expect(r.error?.message).toMatch(createdSince);
		expect(r.error?.description).toMatch(/never sends it twice/);
	});

	test('Payment → Create with Continue On Fail: the item whose answer was lost gets an error item paired to it; the other is paid once', async () => {
		const bills = await unpaidBills(2);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...fault, match: { method: 'POST', path: /^\/v3\/payments$/ } });
		const r = await t.runOp(
			'payment',
			'create',
			{ ...pay({ id: '={{ $json.id }}', amount: '={{ $json.amount }}' }) },
			bills.map((b) => ({ json: b })),
			{ continueOnFail: true },
		);
		expect(r.success).toBe(true);
		expect(requests('POST', '/v3/payments', from)).toHaveLength(2);
		for (const b of bills) expect(paymentsOf(b.id)).toHaveLength(1);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const failed = r.output.filter((o) => o.json.error !== undefined);
		expect(failed).toHaveLength(1);
		const index = (failed[0].pairedItem as { item: number }).item;
		expect(String(failed[0].json.error)).toContain(`before running item ${index} again`);
		expect(String(failed[0].json.error)).toMatch(/^BILL may have created this payment: check Payment → Get Many/);
	});

	test('Payment → Create Many (bulk): one request, each bill paid once, every item of the batch told', async () => {
		const bills = await unpaidBills(3);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...fault, match: { method: 'POST', path: /^\/v3\/payments\/bulk$/ } });
		const params = { billId: byId('={{ $json.id }}'), amount: '={{ $json.amount }}', fundingAccount: bankFunding };
		const r = await t.runOp('payment', 'createMany', params, bills.map((b) => ({ json: b })), { continueOnFail: true });
		expect(requests('POST', '/v3/payments/bulk', from)).toHaveLength(1);
		for (const b of bills) expect(paymentsOf(b.id)).toHaveLength(1);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const o of r.output) expect(String(o.json.error)).toMatch(/^BILL may have created the payments of items 0–2: check Payment → Get Many for payments created since .* before running items 0–2 again(?: \(BILL answered BDC_\d+: [^)]*\))? \[item \d+\]$/);
	});

	test('Payment → Create Mass Payment: one request, one batch, each bill paid once when BILL processes it', async () => {
		const bills = await unpaidBills(2);
		const from = t.emu.requestLog.length;
		const batchesBefore = t.emu.store.collection('payments/mass').size;
		t.emu.faults.add({ ...fault, match: { method: 'POST', path: /^\/v3\/payments\/mass$/ } });
		const r = await t.runOp('payment', 'createMass', { fundingAccount: bankFunding, payments: { values: bills.map((b) => ({ billId: byId(b.id), amount: b.amount })) } });
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/^BILL may have created this mass payment: check Payment → Get Many for payments created since/);
		expect(requests('POST', '/v3/payments/mass', from)).toHaveLength(1);
		const batches = t.emu.store.collection('payments/mass').list();
		expect(batches.length - batchesBefore).toBe(1);
		// BILL processes the batch later: still one payment per bill.
		t.emu.advanceTime(t.emu.config.massPaymentProcessingMs + 1000);
		const status = await api.get(`/v3/payments/mass/${String(batches[batches.length - 1].id)}`);
		expect(status.data.batchStatus).toBe('COMPLETED');
		for (const b of bills) expect(paymentsOf(b.id)).toHaveLength(1);
	});
});

describe('other answers after a POST/PATCH reached BILL', () => {
	test.each([502, 504, 500])('a payment answered HTTP %i is not resent', async (status) => {
		const [b] = await unpaidBills(1);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status, when: 'after', match: { method: 'POST', path: /^\/v3\/payments$/ } });
		const r = await t.runOp('payment', 'create', pay(b));
		expect(requests('POST', '/v3/payments', from)).toHaveLength(1);
		expect(paymentsOf(b.id)).toHaveLength(1);
		expect(r.error?.message).toMatch(/^BILL may have created this payment/);
		expect(r.error?.description).toContain(`HTTP ${status}`);
	});

	test('a PATCH (Vendor → Update) answered 503 is not resent and says BILL may have updated the vendor', async () => {
		const v = await vendor('Patch Co');
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status: 503, when: 'after', match: { method: 'PATCH' } });
		const r = await t.runOp('vendor', 'update', { vendorId: byId(v), updateFields: { email: 'new@patch.example' } });
		expect(requests('PATCH', `/v3/vendors/${v}`, from)).toHaveLength(1);
		expect(r.error?.message).toMatch(/^BILL may have updated this vendor: check Vendor → Get Many before running item 0 again(?: \(BILL answered BDC_\d+: [^)]*\))? \[item \d+\]$/);
		expect((await api.get(`/v3/vendors/${v}`)).data.email).toBe('new@patch.example');
	});

	test('an action (Payment → Void) names the operation', async () => {
		const [b] = await unpaidBills(1);
		const paid = await t.runOk('payment', 'create', pay(b));
		t.emu.faults.add({ reset: true, when: 'after', match: { method: 'POST', path: /\/void$/ } });
		const r = await t.runOp('payment', 'void', { paymentId: byId(String(paid.output[0].json.id)), type: 'VOID_ONLY', reason: 'Test' });
		expect(r.error?.message).toMatch(/^BILL may have carried out “Void a payment”: check Payment → Get Many before running item 0 again(?: \(BILL answered BDC_\d+: [^)]*\))? \[item \d+\]$/);
	});

	test('BDC_1322 and 429 (refused: nothing done) are resent, and the payment happens once', async () => {
		const [b] = await unpaidBills(1);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status: 400, code: 'BDC_1322', message: 'Max number of concurrent requests per organization reached.', match: { method: 'POST', path: /^\/v3\/payments$/ } });
		t.emu.faults.add({ status: 429, code: 'BDC_1429', match: { method: 'POST', path: /^\/v3\/payments$/ } });
		const r = await t.runOp('payment', 'create', pay(b));
		expect(r.error?.message).toBeUndefined();
		expect(requests('POST', '/v3/payments', from)).toHaveLength(3);
		expect(paymentsOf(b.id)).toHaveLength(1);
	});

	test.each(AFTER_FAULTS)('a POST with BILL\'s X-Idempotent-Key (webhook subscription) %s is resent with the same key: one subscription', async (_label, fault) => {
		const subscriptions = () => t.emu.store.collection('subscriptions').list().filter((x) => x.name === name);
		const name = `Keyed ${Math.random()}`;
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...fault, match: { method: 'POST', path: /^\/v3\/subscriptions$/ } });
		const r = await t.runOp('webhookSubscription', 'create', {
			eventFamily: 'organization',
			name,
			notificationUrl: `http://127.0.0.1:9/bill/${name.slice(6)}`,
			events: { values: [{ type: 'bill.created', version: '1' }] },
			status: { enabled: true },
		});
		expect(r.error?.message).toBeUndefined();
		expect(String(r.output[0].json.securityKey).length).toBeGreaterThan(10);
		expect(requests('POST', '/v3/subscriptions', from)).toHaveLength(2);
		expect(subscriptions()).toHaveLength(1);
	});

	test('a payment refused for an expired session (401 BDC_1109) is sent once more after a new sign-in: BILL refused it, one payment', async () => {
		const [b] = await unpaidBills(1);
		await t.runOk('vendor', 'getAll', { returnAll: false, limit: 1 });
		t.emu.expireAllSessions();
		api = await orgSession(t.emu);
		const from = t.emu.requestLog.length;
		const r = await t.runOp('payment', 'create', pay(b));
		expect(r.error?.message).toBeUndefined();
		expect(requests('POST', '/v3/payments', from).map((e) => e.status)).toEqual([401, 201]);
		expect(paymentsOf(b.id)).toHaveLength(1);
	});

	test('a payment whose sign-in failed (503 at login) was never sent: it is sent after a new sign-in, once', async () => {
		const [b] = await unpaidBills(1);
		resetSessionCache();
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status: 503, match: { method: 'POST', path: /^\/v3\/login$/ } });
		const r = await t.runOp('payment', 'create', pay(b), undefined, undefined, credentialsFor(t.base));
		expect(r.error?.message).toBeUndefined();
		expect(requests('POST', '/v3/login', from)).toHaveLength(2);
		expect(requests('POST', '/v3/payments', from)).toHaveLength(1);
		expect(paymentsOf(b.id)).toHaveLength(1);
	});

	test('a 503 before BILL applied it is not resent either: the node cannot tell the two apart', async () => {
		const [b] = await unpaidBills(1);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status: 503, when: 'before', match: { method: 'POST', path: /^\/v3\/payments$/ } });
		const r = await t.runOp('payment', 'create', pay(b));
		expect(requests('POST', '/v3/payments', from)).toHaveLength(1);
		expect(paymentsOf(b.id)).toHaveLength(0);
		expect(r.error?.message).toMatch(/^BILL may have created this payment/);
	});
});

describe('GET, PUT and DELETE are still retried', () => {
	test.each(AFTER_FAULTS)('GET (Vendor → Get) %s twice: retried, succeeds', async (_label, fault) => {
		const v = await vendor('Get Co');
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...fault, times: 2, match: { method: 'GET', path: /^\/v3\/vendors\// } });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(v) });
		expect(r.error?.message).toBeUndefined();
		expect(r.output[0].json.id).toBe(v);
		expect(requests('GET', `/v3/vendors/${v}`, from)).toHaveLength(3);
	});

	test.each(AFTER_FAULTS)('PUT (Bill → Replace) %s: retried, succeeds, one bill', async (_label, fault) => {
		const v = await vendor('Put Co');
		const b = await bill(v, [{ amount: 5 }]);
		const before = t.emu.store.collection('bills').size;
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...fault, match: { method: 'PUT' } });
		const body = { vendorId: v, dueDate: '2026-12-31', invoice: { invoiceNumber: `PUT-${Math.random()}`, invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 7 }] };
		const r = await t.runOp('bill', 'replace', { billId: byId(String(b.id)), specifyBody: 'json', jsonBody: JSON.stringify(body) });
		expect(r.error?.message).toBeUndefined();
		expect(r.output[0].json.amount).toBe(7);
		expect(requests('PUT', `/v3/bills/${String(b.id)}`, from)).toHaveLength(2);
		expect(t.emu.store.collection('bills').size).toBe(before);
	});

	test.each(AFTER_FAULTS)('DELETE (Attachment → Delete) %s: retried, and the second answer is BILL\'s own', async (_label, fault) => {
		const v = await vendor('Delete Co');
		const up = await t.runOk('attachment', 'uploadToVendor', { vendorId: byId(v), binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 x').toString('base64'), mimeType: 'application/pdf', fileName: 'x.pdf' } } },
		]);
		const id = String(up.output[0].json.id);
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ ...fault, when: 'before', match: { method: 'DELETE' } });
		const r = await t.runOp('attachment', 'delete', { attachmentId: id });
		expect(r.error?.message).toBeUndefined();
		expect(requests('DELETE', `/v3/attachments/${id}`, from)).toHaveLength(2);
	});
});

describe('timeouts', () => {
	const saved = { ...TIMEOUTS };
	afterEach(() => Object.assign(TIMEOUTS, saved));

	test('a GET that times out is retried within the bounded attempts', async () => {
		const v = await vendor('Slow Get Co');
		TIMEOUTS.apiMs = 300;
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ delayMs: 1500, match: { method: 'GET', path: /^\/v3\/vendors\// } });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(v) });
		expect(r.error?.message).toBeUndefined();
		expect(requests('GET', `/v3/vendors/${v}`, from)).toHaveLength(2);
	});

	test('a GET that always times out gives up after RETRY.attempts', async () => {
		const v = await vendor('Dead Get Co');
		TIMEOUTS.apiMs = 200;
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ delayMs: 400, times: Infinity, match: { method: 'GET', path: /^\/v3\/vendors\// } });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(v) });
		t.emu.faults.clear();
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe('BILL did not answer in time [item 0]');
		expect(r.error?.description).toMatch(/^ECONNABORTED|^ETIMEDOUT/);
		expect(requests('GET', `/v3/vendors/${v}`, from)).toHaveLength(RETRY.attempts);
	});

	test('a payment that times out is never resent, and BILL applying it late leaves one payment', async () => {
		const [b] = await unpaidBills(1);
		TIMEOUTS.apiMs = 300;
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ delayMs: 800, match: { method: 'POST', path: /^\/v3\/payments$/ } });
		const r = await t.runOp('payment', 'create', pay(b));
		expect(r.error?.message).toMatch(/^BILL may have created this payment/);
		expect(r.error?.description).toMatch(/no answer came within 0\.3 s/);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(requests('POST', '/v3/payments', from)).toHaveLength(1);
		expect(paymentsOf(b.id)).toHaveLength(1);
	});

	test('an upload gets the longer file timeout', async () => {
		const v = await vendor('Slow Upload Co');
		TIMEOUTS.apiMs = 200;
		TIMEOUTS.fileMs = 5000;
		t.emu.faults.add({ delayMs: 500, match: { method: 'POST', path: /^\/v3\/attachments\/vendors\// } });
		const r = await t.runOp('attachment', 'uploadToVendor', { vendorId: byId(v), binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 slow').toString('base64'), mimeType: 'application/pdf', fileName: 'slow.pdf' } } },
		]);
		expect(r.error?.message).toBeUndefined();
		expect(r.output[0].json.name).toBe('slow.pdf');
	});
});

describe('Retry-After', () => {
	const gapMs = (entries: Array<{ time: string }>) => Date.parse(entries[1].time) - Date.parse(entries[0].time);

	test('a 503 on a GET with Retry-After: 1 (seconds) waits at least that long before the retry', async () => {
		const v = await vendor('Retry After Co');
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status: 503, headers: { 'Retry-After': '1' }, match: { method: 'GET', path: /^\/v3\/vendors\// } });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(v) });
		expect(r.error?.message).toBeUndefined();
		const calls = requests('GET', `/v3/vendors/${v}`, from);
		expect(calls).toHaveLength(2);
		// The node's own backoff in tests is at most 200 ms: a gap of a second is Retry-After's.
		expect(gapMs(calls)).toBeGreaterThanOrEqual(950);
	});

	test('a 429 on a POST with Retry-After as an HTTP date is resent after that date, once', async () => {
		const from = t.emu.requestLog.length;
		const at = new Date(Date.now() + 2000).toUTCString();
		t.emu.faults.add({ status: 429, code: 'BDC_1429', headers: { 'Retry-After': at }, match: { method: 'POST', path: /^\/v3\/vendors$/ } });
		const name = `Dated Co ${Math.random()}`;
		const r = await t.runOp('vendor', 'create', { name, address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' } });
		expect(r.error?.message).toBeUndefined();
		const calls = requests('POST', '/v3/vendors', from);
		expect(calls).toHaveLength(2);
		expect(Date.parse(calls[1].time)).toBeGreaterThanOrEqual(Date.parse(at) - 50);
		expect(t.emu.store.collection('vendors').list().filter((x) => x.name === name)).toHaveLength(1);
	});

	test('a Retry-After longer than the node waits fails at once and says when to run again', async () => {
		const v = await vendor('Wait An Hour Co');
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ status: 503, headers: { 'Retry-After': '3600' }, match: { method: 'GET', path: /^\/v3\/vendors\// } });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(v) });
		expect(r.success).toBe(false);
		expect(r.error?.description).toMatch(/asked to wait 3600 s .*Retry-After.*run it again after \d\d:\d\d:\d\d UTC/);
		expect(requests('GET', `/v3/vendors/${v}`, from)).toHaveLength(1);
	});
});
