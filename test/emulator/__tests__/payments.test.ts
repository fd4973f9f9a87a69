/**
 * The emulator's payments as BILL documents them, over HTTP:
 * - bulk payments: 50 bills at most, `{billId, amount}` lines with `vendorId` only at the top level,
 *   lines ≥ 0, all or nothing, a `combinePayments` vendor's bills combined 35 to a payment, results
 *   not in the request's order (matched through `billPayments[].billId`);
 * - international payments: `exchangeRateBatchId` and the next US business day for vendors billed
 *   in another currency, exchange rates of one vendor (GET) or several (POST) in the 2026 shape,
 *   batches that expire after 20 minutes of emulator time;
 * - mass payments: up to 2000 bills, MFA-trusted, processed later (per bill completed or failed),
 *   `mass-payment.updated` notifications when the batch status changes.
 * Expected values come from BILL's pages (see the emulator's comments), not from the node's table.
 */
import type { AxiosInstance } from 'axios';
import { createHmac, randomUUID } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { BILL_ENDPOINTS } from '../catalog';
import { AP_SEED } from '../family/accounts-payable';
import { BillEmulator, SEED } from '../server';
import { apRecords, code, message, orgSession, useEmulator } from '../../support/emulator-http';

const emu = useEmulator();
let api: AxiosInstance;
const { vendor, bill } = apRecords(() => api);

const bank = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };
const MINUTE = 60_000;

/** The emulator's day (UTC) and the US business day after it (weekends skipped). */
const emuDay = () => new Date(emu.nowMs()).toISOString().slice(0, 10);
function nextBusinessDay(): string {
	const d = new Date(`${emuDay()}T00:00:00Z`);
	do d.setUTCDate(d.getUTCDate() + 1);
	while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
	return d.toISOString().slice(0, 10);
}

/** `n` bills of `vendorId` (one request), each of `amount`. */
async function bills(vendorId: string, n: number, amount = 10): Promise<Array<Record<string, any>>> {
	const one = { vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber: 'B', invoiceDate: '2026-12-01' }, billLineItems: [{ amount }] };
	const r = await api.post('/v3/bills/bulk', Array.from({ length: n }, (_, i) => ({ ...one, invoice: { ...one.invoice, invoiceNumber: `B-${i}-${Math.random()}` } })));
	expect(r.status).toBe(201);
	return r.data;
}

const lines = (list: Array<Record<string, any>>, amount?: number) => list.map((b) => ({ billId: b.id, amount: amount ?? b.dueAmount }));
/** billId → the payment (and its billPayments entry) that pays it. */
function byBill(payments: Array<Record<string, any>>): Map<string, { payment: Record<string, any>; amount: number }> {
	const m = new Map<string, { payment: Record<string, any>; amount: number }>();
	for (const p of payments) for (const bp of p.billPayments) m.set(bp.billId, { payment: p, amount: bp.amount });
	return m;
}

beforeAll(async () => {
	api = await orgSession(emu);
});

describe('bulk payments (POST /v3/payments/bulk)', () => {
	test("a combinePayments vendor's bills become one payment, listing each bill in billPayments; others one payment each; not in request order", async () => {
		const combined = await vendor('Combined Supplies', { additionalInfo: { combinePayments: true } });
		const single = await vendor('Single Supplies');
		const [a1, a2, a3] = await bills(combined, 3, 100);
		const [b1, b2] = await bills(single, 2, 40);
		const request = [a1, b1, a2, b2, a3];
		const r = await api.post('/v3/payments/bulk', { processDate: emuDay(), fundingAccount: bank, payments: lines(request) });
		expect(r.status).toBe(201);
		const payments = r.data.payments as Array<Record<string, any>>;
		expect(payments).toHaveLength(3);
		const combinedPayment = payments.find((p) => p.vendorId === combined)!;
		expect(combinedPayment).toMatchObject({ amount: 300, vendorId: combined, status: 'PAID' });
		expect(combinedPayment.id).toMatch(/^stp/);
		expect(combinedPayment.billPayments).toEqual(
			[a1, a2, a3].map((b) => ({ id: expect.stringMatching(/^blp/), billId: b.id, amount: 100, vendorCredits: [] })),
		);
		expect(payments.filter((p) => p.vendorId === single).map((p) => p.billPayments.length)).toEqual([1, 1]);
		// Every bill is paid exactly once, and pairing results with the request by position would be wrong.
		const paid = byBill(payments);
		expect([...paid.keys()].sort()).toEqual(request.map((b) => b.id).sort());
		expect(payments.map((p) => p.billPayments[0].billId)).not.toEqual(request.slice(0, payments.length).map((b) => b.id));
		for (const b of request) expect((await api.get(`/v3/bills/${b.id}`)).data).toMatchObject({ paymentStatus: 'PAID', dueAmount: 0 });
	});

	test('without combining, one payment per bill, still not in the order of the request', async () => {
		const one = await vendor('Order One');
		const two = await vendor('Order Two');
		const request = [...(await bills(one, 2, 3)), ...(await bills(two, 1, 4))];
		const r = await api.post('/v3/payments/bulk', { processDate: emuDay(), fundingAccount: bank, payments: lines(request) });
		expect(r.status).toBe(201);
		const order = r.data.payments.map((p: any) => p.billId);
		expect([...order].sort()).toEqual(request.map((b) => b.id).sort());
		expect(order).not.toEqual(request.map((b) => b.id));
		for (const p of r.data.payments) expect(p.billPayments).toEqual([{ id: expect.stringMatching(/^blp/), billId: p.billId, amount: p.amount, vendorCredits: [] }]);
	});

	test('BILL combines at most 35 bills in one payment: 40 bills of one vendor are two payments (35 + 5)', async () => {
		const v = await vendor('Forty Bills', { additionalInfo: { combinePayments: true } });
		const list = await bills(v, 40, 5);
		const r = await api.post('/v3/payments/bulk', { processDate: emuDay(), fundingAccount: bank, payments: lines(list) });
		expect(r.status).toBe(201);
		const sizes = (r.data.payments as Array<Record<string, any>>).map((p) => p.billPayments.length);
		expect([...sizes].sort((x, y) => x - y)).toEqual([5, 35]);
		expect(byBill(r.data.payments).size).toBe(40);
		expect(r.data.payments.map((p: any) => p.amount).sort()).toEqual([175, 25].sort());
	});

	test("the limit is 50 bills, the handler's own, whatever an endpoint list says", async () => {
		const tabled = new BillEmulator({
			endpoints: BILL_ENDPOINTS.map((e) => (e.method === 'POST' && e.path === '/v3/payments/bulk' && e.bulk ? { ...e, bulk: { ...e.bulk, limit: 10 } } : e)),
		});
		await tabled.start();
		try {
			const own = await orgSession(tabled);
			const records = apRecords(() => own);
			const v = await records.vendor('Limits');
			const one = { vendorId: v, dueDate: '2026-12-31', invoice: { invoiceNumber: 'L', invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 1 }] };
			const made = await own.post('/v3/bills/bulk', Array.from({ length: 51 }, (_, i) => ({ ...one, invoice: { ...one.invoice, invoiceNumber: `L-${i}` } })));
			const list = made.data as Array<Record<string, any>>;
			const tooMany = await own.post('/v3/payments/bulk', { fundingAccount: bank, payments: lines(list) });
			expect(code(tooMany)).toBe('BDC_1129');
			expect(message(tooMany)).toContain('50');
			const fifty = await own.post('/v3/payments/bulk', { processDate: new Date(tabled.nowMs()).toISOString().slice(0, 10), fundingAccount: bank, payments: lines(list.slice(0, 50)) });
			expect(fifty.status).toBe(201);
			expect(fifty.data.payments).toHaveLength(50);
		} finally {
			await tabled.stop();
		}
	});

	test('vendorId is a top-level field only; a line has billId and amount, zero or positive; all or nothing', async () => {
		const v = await vendor('Lines');
		const [x, y] = await bills(v, 2, 20);
		const perLine = await api.post('/v3/payments/bulk', { fundingAccount: bank, payments: [{ billId: x.id, amount: 20, vendorId: v }] });
		expect(code(perLine)).toBe('BDC_1129');
		expect(message(perLine)).toContain('payments[0].vendorId');
		expect(message(perLine)).toContain('top-level');
		const negative = await api.post('/v3/payments/bulk', { fundingAccount: bank, payments: [{ billId: x.id, amount: -1 }] });
		expect(message(negative)).toContain('payments[0].amount');
		const secondFails = await api.post('/v3/payments/bulk', { fundingAccount: bank, payments: [{ billId: x.id, amount: 20 }, { billId: y.id, amount: 21 }] });
		expect(code(secondFails)).toBe('BDC_1159');
		expect((await api.get(`/v3/bills/${x.id}`)).data).toMatchObject({ paidAmount: 0, dueAmount: 20 });
		const zero = await api.post('/v3/payments/bulk', { vendorId: v, processDate: emuDay(), fundingAccount: bank, payments: [{ billId: x.id, amount: 0 }, { billId: y.id, amount: 20 }] });
		expect(zero.status).toBe(201);
		expect(byBill(zero.data.payments).get(x.id)?.amount).toBe(0);
		expect(byBill(zero.data.payments).get(y.id)?.amount).toBe(20);
	});
});

describe('international payments', () => {
	test('GET /v3/payments/exchange-rate answers the 2026 shape: currencies, rate, integer batch ID, vendor, range, expiry', async () => {
		const eur = await vendor('Happy Music Supplies DK', { billCurrency: 'EUR' });
		const r = await api.get('/v3/payments/exchange-rate', { params: { vendorId: eur, amount: 1000, baseCurrency: true } });
		expect(r.status).toBe(200);
		expect(Object.keys(r.data).sort()).toEqual(['amountRange', 'baseCurrency', 'billCurrency', 'exchangeRate', 'exchangeRateBatchId', 'expirationTime', 'paymentCurrency', 'vendorId']);
		expect(r.data).toMatchObject({ billCurrency: 'EUR', paymentCurrency: 'EUR', baseCurrency: 'USD', vendorId: eur, amountRange: { from: expect.any(Number), to: expect.any(Number) } });
		expect(Number.isInteger(r.data.exchangeRateBatchId)).toBe(true);
		expect(r.data.exchangeRate).toBeGreaterThan(0);
		const expiresIn = Date.parse(r.data.expirationTime) - emu.nowMs();
		expect(expiresIn).toBeGreaterThan(0);
		expect(expiresIn).toBeLessThanOrEqual(20 * MINUTE);

		const usdPaidInEur = await vendor('Billed in USD, paid in EUR', { paymentInformation: { bankAccount: { accountNumber: 'DK5000400440116243', routingNumber: '', paymentCurrency: 'EUR' } } });
		expect((await api.get('/v3/payments/exchange-rate', { params: { vendorId: usdPaidInEur, amount: 10 } })).data).toMatchObject({ billCurrency: 'USD', paymentCurrency: 'EUR' });
		const domestic = await api.get('/v3/payments/exchange-rate', { params: { vendorId: await vendor('Domestic'), amount: 10 } });
		expect(domestic.status).toBe(400);
		expect(code(await api.get('/v3/payments/exchange-rate', { params: { vendorId: eur } }))).toBe('BDC_1108');
	});

	test('POST /v3/payments/exchange-rate: an array of {vendorId, amount} in, one quote per vendor out, all of one batch', async () => {
		const eur = await vendor('Euro Vendor', { billCurrency: 'EUR' });
		const gbp = await vendor('Pound Vendor', { billCurrency: 'GBP' });
		const r = await api.post('/v3/payments/exchange-rate', [
			{ vendorId: eur, amount: 1000 },
			{ vendorId: gbp, amount: 250.5 },
		]);
		expect(r.status).toBe(200);
		expect(r.data.map((q: any) => [q.vendorId, q.billCurrency])).toEqual([
			[eur, 'EUR'],
			[gbp, 'GBP'],
		]);
		expect(new Set(r.data.map((q: any) => q.exchangeRateBatchId)).size).toBe(1);
		expect(r.data[0].exchangeRate).not.toBe(r.data[1].exchangeRate);
		expect((await api.post('/v3/payments/exchange-rate', { vendorId: eur, amount: 1 })).status).toBe(400);
		expect(message(await api.post('/v3/payments/exchange-rate', [{ vendorId: eur, amount: 1 }, { vendorId: gbp }]))).toContain('[1].amount');
		expect(message(await api.post('/v3/payments/exchange-rate', [{ vendorId: '00901NOSUCHVENDOR', amount: 1 }]))).toContain('[0].vendorId');
	});

	test('a vendor billed in EUR: payment needs the current exchangeRateBatchId and the next US business day; the rate is recorded', async () => {
		const eur = await vendor('Euro Payee', { billCurrency: 'EUR' });
		const b = await bill(eur, [{ amount: 1000 }]);
		const pay = (extra: Record<string, unknown>) => api.post('/v3/payments', { billId: b.id, amount: 400, fundingAccount: bank, processingOptions: {}, ...extra });
		const noBatch = await pay({ processDate: nextBusinessDay() });
		expect(code(noBatch)).toBe('BDC_1108');
		expect(message(noBatch)).toContain('exchangeRateBatchId');
		const quote = (await api.get('/v3/payments/exchange-rate', { params: { vendorId: eur, amount: 400 } })).data;
		const today = await pay({ exchangeRateBatchId: quote.exchangeRateBatchId, processDate: emuDay() });
		expect(message(today)).toContain('next US business day');
		expect(code(await pay({ exchangeRateBatchId: String(quote.exchangeRateBatchId), processDate: nextBusinessDay() }))).toBe('BDC_1129');
		const ok = await pay({ exchangeRateBatchId: quote.exchangeRateBatchId, processDate: nextBusinessDay() });
		expect(ok.status).toBe(201);
		expect(ok.data).toMatchObject({ amount: 400, processDate: nextBusinessDay(), status: 'SCHEDULED', exchangeRate: quote.exchangeRate });
		expect(ok.data.fundingAmount).toBeCloseTo(400 / quote.exchangeRate, 2);
		// Without a process date BILL sets the next US business day.
		const defaulted = await pay({ exchangeRateBatchId: quote.exchangeRateBatchId });
		expect(defaulted.data.processDate).toBe(nextBusinessDay());
		expect((await api.get(`/v3/bills/${b.id}`)).data).toMatchObject({ scheduledAmount: 800, dueAmount: 200 });
	});

	test('a batch expires after 20 minutes of emulator time: its ID is refused, a new quote has a new ID', async () => {
		const eur = await vendor('Expiring Rates', { billCurrency: 'EUR' });
		const b = await bill(eur, [{ amount: 50 }]);
		const first = (await api.get('/v3/payments/exchange-rate', { params: { vendorId: eur, amount: 50 } })).data;
		emu.advanceTime(20 * MINUTE);
		api = await orgSession(emu);
		const late = await api.post('/v3/payments', { billId: b.id, amount: 50, fundingAccount: bank, processingOptions: {}, exchangeRateBatchId: first.exchangeRateBatchId, processDate: nextBusinessDay() });
		expect(late.status).toBe(400);
		expect(message(late)).toContain(String(first.exchangeRateBatchId));
		const second = (await api.get('/v3/payments/exchange-rate', { params: { vendorId: eur, amount: 50 } })).data;
		expect(second.exchangeRateBatchId).not.toBe(first.exchangeRateBatchId);
		expect(Date.parse(second.expirationTime)).toBeGreaterThan(Date.parse(first.expirationTime));
		// A vendor billed in USD needs no batch, but a stale one is still refused.
		const usd = await bill(await vendor('Dollar Payee'), [{ amount: 10 }]);
		expect((await api.post('/v3/payments', { billId: usd.id, amount: 10, fundingAccount: bank, processingOptions: {} })).status).toBe(201);
		const usd2 = await bill(await vendor('Dollar Payee 2'), [{ amount: 10 }]);
		expect((await api.post('/v3/payments', { billId: usd2.id, amount: 10, fundingAccount: bank, processingOptions: {}, exchangeRateBatchId: first.exchangeRateBatchId })).status).toBe(400);
	});

	test('bulk: a EUR vendor among USD ones needs the top-level batch ID, else nothing is paid', async () => {
		const eur = await vendor('Bulk Euro', { billCurrency: 'EUR' });
		const usd = await vendor('Bulk Dollar');
		const [e] = await bills(eur, 1, 70);
		const [u] = await bills(usd, 1, 30);
		const body = { fundingAccount: bank, processDate: nextBusinessDay(), payments: lines([u, e]) };
		const refused = await api.post('/v3/payments/bulk', body);
		expect(code(refused)).toBe('BDC_1108');
		expect(message(refused)).toContain('exchangeRateBatchId');
		expect((await api.get(`/v3/bills/${u.id}`)).data.scheduledAmount).toBe(0);
		const { exchangeRateBatchId, exchangeRate } = (await api.post('/v3/payments/exchange-rate', [{ vendorId: eur, amount: 70 }])).data[0];
		const ok = await api.post('/v3/payments/bulk', { ...body, exchangeRateBatchId });
		expect(ok.status).toBe(201);
		expect(byBill(ok.data.payments).get(e.id)?.payment).toMatchObject({ vendorId: eur, exchangeRate, processDate: nextBusinessDay() });
		expect(byBill(ok.data.payments).get(u.id)?.payment).toMatchObject({ vendorId: usd, exchangeRate: 1 });
	});
});

/** Collects the notifications BILL sends (answers 200). */
async function receiver(): Promise<{ url: string; bodies: Array<{ raw: string; signature: string }>; close: () => Promise<void> }> {
	const bodies: Array<{ raw: string; signature: string }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			bodies.push({ raw: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-bill-sha-signature']) });
			res.end('ok');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return { url, bodies, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('mass payments (POST /v3/payments/mass, GET /v3/payments/mass/{paymentBatchId})', () => {
	test('needs an MFA-trusted session in production; answers a bbq batch ID, SCHEDULED, and the counts', async () => {
		const v = await vendor('Mass Trusted');
		const list = await bills(v, 2, 15);
		emu.config.productionRules = true;
		try {
			const untrusted = await api.post('/v3/payments/mass', { fundingAccount: bank, payments: lines(list) });
			expect(untrusted.status).toBe(403);
			expect(code(untrusted)).toBe('BDC_1361');
			const trusted = await orgSession(emu, { rememberMeId: SEED.rememberMeId, device: SEED.device });
			const r = await trusted.post('/v3/payments/mass', { fundingAccount: bank, payments: lines(list) });
			expect(r.status).toBe(201);
			expect(r.data).toEqual({
				paymentBatchId: expect.stringMatching(/^bbq/),
				batchStatus: 'SCHEDULED',
				count: { scheduled: 2, failed: 0, completed: 0, total: 2 },
				updatedTime: expect.any(String),
			});
		} finally {
			emu.config.productionRules = false;
		}
	});

	test('BILL processes it later: each bill completed (with its payment) or failed (with the error); counts follow', async () => {
		const v = await vendor('Mass Vendor');
		const [p1, p2, p3] = await bills(v, 3, 25);
		const r = await api.post('/v3/payments/mass', {
			processDate: emuDay(),
			fundingAccount: bank,
			payments: [
				{ billId: p1.id, amount: 25 },
				{ billId: p2.id, amount: 26 },
				{ billId: '00n01NOSUCHBILL', amount: 1 },
				{ billId: p3.id, amount: 10 },
			],
		});
		expect(r.status).toBe(201);
		const id = r.data.paymentBatchId;
		const before = await api.get(`/v3/payments/mass/${id}`);
		expect(before.data).toMatchObject({ paymentBatchId: id, batchStatus: 'SCHEDULED', count: { scheduled: 4, failed: 0, completed: 0, total: 4 } });
		expect(before.data.payments.map((p: any) => p.status)).toEqual(['SCHEDULED', 'SCHEDULED', 'SCHEDULED', 'SCHEDULED']);
		expect((await api.get(`/v3/bills/${p1.id}`)).data.paidAmount).toBe(0);

		emu.advanceTime(emu.config.massPaymentProcessingMs);
		const after = await api.get(`/v3/payments/mass/${id}`);
		expect(after.data).toMatchObject({ batchStatus: 'COMPLETED', count: { scheduled: 0, failed: 2, completed: 2, total: 4 } });
		const [c1, f2, f3, c4] = after.data.payments;
		expect(c1).toMatchObject({ billId: p1.id, status: 'COMPLETED', paymentId: expect.stringMatching(/^stp/) });
		expect(f2).toMatchObject({ billId: p2.id, status: 'FAILED', error: { code: 'BDC_1159' } });
		expect(f3).toMatchObject({ billId: '00n01NOSUCHBILL', status: 'FAILED', error: { code: 'BDC_1129' } });
		expect(c4).toMatchObject({ billId: p3.id, status: 'COMPLETED' });
		const payment = await api.get(`/v3/payments/${c1.paymentId}`);
		expect(payment.data).toMatchObject({ billId: p1.id, amount: 25, vendorId: v });
		expect((await api.get(`/v3/bills/${p3.id}`)).data).toMatchObject({ paidAmount: 10, dueAmount: 15 });
		expect(Date.parse(after.data.updatedTime)).toBeGreaterThan(Date.parse(before.data.updatedTime));
		expect((await api.get('/v3/payments/mass/bbq01NOSUCHBATCH')).status).toBe(404);
	});

	test('whole-batch checks answer at once: 2000 bills at most, {billId, amount} lines, funding account, batch ID for a EUR vendor', async () => {
		const v = await vendor('Mass Limits');
		const [b] = await bills(v, 1, 5);
		const tooMany = await api.post('/v3/payments/mass', { fundingAccount: bank, payments: Array(2001).fill({ billId: b.id, amount: 0.01 }) });
		expect(code(tooMany)).toBe('BDC_1129');
		expect(message(tooMany)).toContain('2000');
		expect(message(await api.post('/v3/payments/mass', { fundingAccount: bank, payments: [{ billId: b.id, amount: 5, vendorId: v }] }))).toContain('payments[0].vendorId');
		expect(code(await api.post('/v3/payments/mass', { payments: [{ billId: b.id, amount: 5 }] }))).toBe('BDC_1108');
		expect((await api.post('/v3/payments/mass', { fundingAccount: bank, exchangeRateBatchId: 1, payments: [{ billId: b.id, amount: 5 }] })).status).toBe(400);
		// A EUR vendor's bill without a batch ID fails on its own, the others are paid.
		const eur = await vendor('Mass Euro', { billCurrency: 'EUR' });
		const [e] = await bills(eur, 1, 5);
		const r = await api.post('/v3/payments/mass', { fundingAccount: bank, processDate: emuDay(), payments: lines([b, e]) });
		emu.advanceTime(emu.config.massPaymentProcessingMs);
		const done = await api.get(`/v3/payments/mass/${r.data.paymentBatchId}`);
		expect(done.data.payments.map((p: any) => [p.billId, p.status, p.error?.code])).toEqual([
			[b.id, 'COMPLETED', undefined],
			[e.id, 'FAILED', 'BDC_1108'],
		]);
	});

	test('a batch whose timer fires before the emulator clock says it is due is processed when due, not skipped', async () => {
		// Node's timers and Date.now() round differently: about one timer in eight fires a millisecond
		// "early" by the clock. Here the clock is set back 60 ms after the batch is created.
		const hook = await receiver();
		const processing = emu.config.massPaymentProcessingMs;
		emu.config.massPaymentProcessingMs = 100;
		try {
			await api.post(
				`${emu.eventsUrl}/v3/subscriptions`,
				{ name: 'mass-early', status: { enabled: true }, events: [{ type: 'mass-payment.updated', version: '1' }], notificationUrl: hook.url },
				{ baseURL: '', headers: { 'X-Idempotent-Key': randomUUID() } },
			);
			const list = await bills(await vendor('Mass Early'), 1, 3);
			const r = await api.post('/v3/payments/mass', { processDate: emuDay(), fundingAccount: bank, payments: lines(list) });
			emu.advanceTime(-60);
			for (let i = 0; i < 100 && hook.bodies.length < 2; i++) await new Promise((res) => setTimeout(res, 50));
			expect(hook.bodies.map((b) => JSON.parse(b.raw).batchStatus)).toEqual(['SCHEDULED', 'COMPLETED']);
			expect(JSON.parse(hook.bodies[1].raw).paymentBatchId).toBe(r.data.paymentBatchId);
		} finally {
			emu.advanceTime(60);
			emu.config.massPaymentProcessingMs = processing;
			await hook.close();
		}
	});

	test('mass-payment.updated: SCHEDULED on creation, COMPLETED when BILL has processed the batch, flat payload, signed', async () => {
		const hook = await receiver();
		const processing = emu.config.massPaymentProcessingMs;
		emu.config.massPaymentProcessingMs = 200;
		try {
			const sub = await api.post(
				`${emu.eventsUrl}/v3/subscriptions`,
				{ name: 'mass', status: { enabled: true }, events: [{ type: 'mass-payment.updated', version: '1' }], notificationUrl: hook.url },
				{ baseURL: '', headers: { 'X-Idempotent-Key': randomUUID() } },
			);
			expect(sub.status).toBe(200);
			const v = await vendor('Mass Notified');
			const list = await bills(v, 2, 8);
			const r = await api.post('/v3/payments/mass', { processDate: emuDay(), fundingAccount: bank, payments: lines(list) });
			const id = r.data.paymentBatchId;
			// No GET: BILL processes the batch on its own and notifies.
			for (let i = 0; i < 100 && hook.bodies.length < 2; i++) await new Promise((res) => setTimeout(res, 50));
			const payloads = hook.bodies.map((b) => JSON.parse(b.raw));
			expect(payloads.map((p) => [p.metadata.eventType, p.paymentBatchId, p.batchStatus])).toEqual([
				['mass-payment.updated', id, 'SCHEDULED'],
				['mass-payment.updated', id, 'COMPLETED'],
			]);
			expect(payloads[0].count).toEqual({ scheduled: 2, failed: 0, completed: 0, total: 2 });
			expect(payloads[1].count).toEqual({ scheduled: 0, failed: 0, completed: 2, total: 2 });
			expect(Object.keys(payloads[1]).sort()).toEqual(['batchStatus', 'count', 'metadata', 'paymentBatchId', 'updatedTime']);
			expect(payloads[1].metadata).toMatchObject({ subscriptionId: sub.data.id, organizationId: SEED.organizationId, version: '1' });
			for (const b of hook.bodies) expect(b.signature).toBe(createHmac('sha256', sub.data.securityKey).update(b.raw).digest('base64'));
			const events = await api.get(`${emu.eventsUrl}/v3/events/subscription/${sub.data.id}`, { baseURL: '', params: { entityId: id } });
			expect(events.data.results ?? events.data).toHaveLength(2);
		} finally {
			emu.config.massPaymentProcessingMs = processing;
			await hook.close();
		}
	});
});
