/**
 * The emulator's Connect AP behaviour (test/emulator/resources/, shared rules in family/accounts-payable.ts) over HTTP, as a BILL
 * client sees it: bills computed from their lines, payments against a bill's due amount, cancel /
 * void / bulk, bill document uploads that complete after a status poll, attachments, the vendor
 * bank account, configuration and audit trail, and the funding accounts.
 */
import axios, { type AxiosInstance } from 'axios';

import { AP_SEED } from '../family/accounts-payable';
import { SEED } from '../server';
import { address, apRecords, code, message, orgSession, useEmulator } from '../../support/emulator-http';

const emu = useEmulator();
let api: AxiosInstance;

const login = (extra: Record<string, string> = {}) => orgSession(emu, extra);
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const { vendor, bill } = apRecords(() => api);

const bank = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };

beforeAll(async () => {
	api = await login();
});

describe('bills', () => {
	test('create computes the amounts from the lines and gives every line an ID', async () => {
		const v = await vendor();
		const b = await bill(v, [{ amount: 149, description: 'USB audio interface' }, { quantity: 2, price: 40, description: 'Drum pedal' }]);
		expect(b.id).toMatch(/^00n/);
		expect(b).toMatchObject({ vendorId: v, vendorName: 'Happy Music Supplies', amount: 229, dueAmount: 229, paidAmount: 0, paymentStatus: 'UNPAID', archived: false });
		expect(b.billLineItems.map((l: any) => l.amount)).toEqual([149, 80]);
		expect(new Set(b.billLineItems.map((l: any) => l.id)).size).toBe(2);
		const vendorAfter = await api.get(`/v3/vendors/${v}`);
		expect(vendorAfter.data.balance.amount).toBe(229);
	});

	test('a bill needs an existing vendor, a due date in yyyy-MM-dd and at least one line', async () => {
		const v = await vendor();
		const base = { vendorId: v, dueDate: '2026-12-31', invoice: { invoiceNumber: '1', invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 1 }] };
		const noVendor = await api.post('/v3/bills', { ...base, vendorId: '00901NOSUCHVENDOR' });
		expect(noVendor.status).toBe(400);
		expect(message(noVendor)).toContain('vendorId');
		const badDate = await api.post('/v3/bills', { ...base, dueDate: '12/31/2026' });
		expect(message(badDate)).toContain('dueDate');
		const noLines = await api.post('/v3/bills', { ...base, billLineItems: [] });
		expect(code(noLines)).toBe('BDC_1108');
	});

	test('PATCH changes a line by ID, PUT drops the lines it leaves out', async () => {
		const v = await vendor();
		const b = await bill(v);
		const [l1, l2] = b.billLineItems;
		const patched = await api.patch(`/v3/bills/${b.id}`, { billLineItems: [{ id: l1.id, amount: 179 }] });
		expect(patched.status).toBe(200);
		expect(patched.data.billLineItems).toHaveLength(2);
		expect(patched.data.billLineItems[0]).toMatchObject({ id: l1.id, amount: 179 });
		expect(patched.data.amount).toBe(258.99);
		const replaced = await api.put(`/v3/bills/${b.id}`, {
			vendorId: v,
			dueDate: '2026-12-31',
			invoice: { invoiceNumber: '202501', invoiceDate: '2026-12-01' },
			billLineItems: [{ id: l2.id, amount: 79.99 }, { amount: 29.99, description: 'Gloves' }],
		});
		expect(replaced.status).toBe(200);
		expect(replaced.data.billLineItems.map((l: any) => l.id)).not.toContain(l1.id);
		expect(replaced.data.billLineItems[0].id).toBe(l2.id);
		expect(replaced.data.amount).toBe(109.98);
		const unknownLine = await api.patch(`/v3/bills/${b.id}`, { billLineItems: [{ id: 'nope', amount: 1 }] });
		expect(unknownLine.status).toBe(400);
	});

	test('bulk creates all bills or none, up to 100 per request', async () => {
		const v = await vendor();
		const one = { vendorId: v, dueDate: '2026-12-31', invoice: { invoiceNumber: 'B', invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 10 }] };
		const before = (await api.get('/v3/bills', { params: { max: 100, filters: `vendorId:eq:${v}` } })).data.results.length;
		const bad = await api.post('/v3/bills/bulk', [one, { ...one, dueDate: 'soon' }]);
		expect(bad.status).toBe(400);
		expect(message(bad)).toContain('[1]');
		expect((await api.get('/v3/bills', { params: { max: 100, filters: `vendorId:eq:${v}` } })).data.results.length).toBe(before);
		const tooMany = await api.post('/v3/bills/bulk', Array(101).fill(one));
		expect(code(tooMany)).toBe('BDC_1129');
		const ok = await api.post('/v3/bills/bulk', Array(100).fill(one));
		expect(ok.status).toBe(201);
		expect(Array.isArray(ok.data)).toBe(true);
		expect(ok.data).toHaveLength(100);
	});
});

describe('payments', () => {
	test('a payment of the amount due pays the bill; overpaying is refused', async () => {
		const v = await vendor();
		const b = await bill(v);
		const over = await api.post('/v3/payments', { billId: b.id, amount: 229, fundingAccount: bank, processingOptions: {} });
		expect(over.status).toBe(400);
		expect(code(over)).toBe('BDC_1159');
		const part = await api.post('/v3/payments', { vendorId: v, billId: b.id, amount: 100, fundingAccount: bank, processingOptions: { requestPayFaster: false } });
		expect(part.status).toBe(201);
		expect(part.data.id).toMatch(/^stp/);
		expect(part.data).toMatchObject({ billId: b.id, vendorId: v, amount: 100, status: 'PAID', disbursementType: 'CHECK', fundingAccount: bank });
		expect(part.data.billPayments[0]).toMatchObject({ billId: b.id, amount: 100 });
		let after = (await api.get(`/v3/bills/${b.id}`)).data;
		expect(after).toMatchObject({ paidAmount: 100, dueAmount: 128.99, paymentStatus: 'PARTIAL' });
		const rest = await api.post('/v3/payments', { billId: b.id, amount: 128.99, fundingAccount: bank, processingOptions: {} });
		expect(rest.status).toBe(201);
		after = (await api.get(`/v3/bills/${b.id}`)).data;
		expect(after).toMatchObject({ paidAmount: 228.99, dueAmount: 0, paymentStatus: 'PAID' });
	});

	test('a payment needs a verified funding account, a bill or createBill, and a vendor address for checks', async () => {
		const v = await vendor();
		const b = await bill(v);
		expect(code(await api.post('/v3/payments', { amount: 1, fundingAccount: bank, processingOptions: {} }))).toBe('BDC_1108');
		const wrongType = await api.post('/v3/payments', { billId: b.id, amount: 1, fundingAccount: { type: 'CASH' }, processingOptions: {} });
		expect(message(wrongType)).toContain('fundingAccount.type');
		const pending = await api.post('/v3/funding-accounts/banks', { nameOnAccount: 'A', routingNumber: '074000010', accountNumber: '12345678', type: 'CHECKING', ownerType: 'BUSINESS', bankName: 'New' });
		const unverified = await api.post('/v3/payments', { billId: b.id, amount: 1, fundingAccount: { type: 'BANK_ACCOUNT', id: pending.data.id }, processingOptions: {} });
		expect(message(unverified)).toContain('verify');
		const noAddress = await api.post('/v3/vendors', { name: 'No Address Inc', address: { country: 'US' } });
		const b2 = await bill(noAddress.data.id);
		const check = await api.post('/v3/payments', { billId: b2.id, amount: 1, fundingAccount: bank, processingOptions: {} });
		expect(message(check)).toContain('check');
		const created = await api.post('/v3/payments', { vendorId: v, amount: 42, fundingAccount: bank, processingOptions: { createBill: true } });
		expect(created.status).toBe(201);
		const newBill = (await api.get(`/v3/bills/${created.data.billId}`)).data;
		expect(newBill).toMatchObject({ vendorId: v, amount: 42, paymentStatus: 'PAID' });
		const both = await api.post('/v3/payments', { vendorId: v, billId: b.id, amount: 1, fundingAccount: bank, processingOptions: { createBill: true } });
		expect(message(both)).toContain('createBill');
	});

	test('a scheduled payment can be canceled (bill due again), a processed one only voided', async () => {
		const v = await vendor();
		const b = await bill(v);
		const later = await api.post('/v3/payments', { billId: b.id, amount: 228.99, processDate: inDays(10), fundingAccount: bank, processingOptions: {} });
		expect(later.data).toMatchObject({ status: 'SCHEDULED', singleStatus: 'SCHEDULED' });
		expect((await api.get(`/v3/bills/${b.id}`)).data).toMatchObject({ scheduledAmount: 228.99, dueAmount: 0, paymentStatus: 'SCHEDULED' });
		expect(message(await api.post(`/v3/payments/${later.data.id}/void`, { type: 'VOID_ONLY', reason: 'x' }))).toContain('cancel');
		const canceled = await api.post(`/v3/payments/${later.data.id}/cancel`);
		expect(canceled.status).toBe(200);
		expect(canceled.data.status).toBe('CANCELED');
		expect((await api.get(`/v3/bills/${b.id}`)).data).toMatchObject({ scheduledAmount: 0, dueAmount: 228.99, paymentStatus: 'UNPAID' });

		const now = await api.post('/v3/payments', { billId: b.id, amount: 228.99, fundingAccount: bank, processingOptions: {} });
		expect(message(await api.post(`/v3/payments/${now.data.id}/cancel`))).toContain('Void');
		const wrongType = await api.post(`/v3/payments/${now.data.id}/void`, { type: 'VOID_ALL', reason: 'Duplicate' });
		expect(code(wrongType)).toBe('BDC_1129');
		expect(code(await api.post(`/v3/payments/${now.data.id}/void`, { type: 'VOID_ONLY' }))).toBe('BDC_1108');
		const voided = await api.post(`/v3/payments/${now.data.id}/void`, { type: 'VOID_ONLY', reason: 'Duplicate' });
		expect(voided.status).toBe(200);
		expect(voided.data.status).toBe('VOID');
		expect(voided.data.voidInfo[0]).toMatchObject({ type: 'VOID_ONLY', reason: 'Duplicate' });
		expect((await api.get(`/v3/bills/${b.id}`)).data).toMatchObject({ paidAmount: 0, dueAmount: 228.99, paymentStatus: 'UNPAID' });
	});

	test('bulk payment: one funding account, {payments} in and out, all or nothing, 50 bills at most', async () => {
		const v1 = await vendor('One');
		const v2 = await vendor('Two');
		const b1 = await bill(v1);
		const b2 = await bill(v2, [{ amount: 50 }]);
		const bad = await api.post('/v3/payments/bulk', { fundingAccount: bank, payments: [{ billId: b1.id, amount: 10 }, { billId: b2.id, amount: 51 }] });
		expect(code(bad)).toBe('BDC_1159');
		expect((await api.get(`/v3/bills/${b1.id}`)).data.paidAmount).toBe(0);
		const wrongVendor = await api.post('/v3/payments/bulk', { vendorId: v1, fundingAccount: bank, payments: [{ billId: b2.id, amount: 1 }] });
		expect(message(wrongVendor)).toContain('vendorId');
		const tooMany = await api.post('/v3/payments/bulk', { fundingAccount: bank, payments: Array(51).fill({ billId: b1.id, amount: 0.01 }) });
		expect(code(tooMany)).toBe('BDC_1129');
		const ok = await api.post('/v3/payments/bulk', { processDate: today(), fundingAccount: bank, payments: [{ billId: b1.id, amount: 228.99 }, { billId: b2.id, amount: 50 }] });
		expect(ok.status).toBe(201);
		// One payment per bill (neither vendor combines payments), not in the request's order.
		expect(ok.data.payments.map((p: any) => [p.billId, p.vendorId])).toEqual([
			[b2.id, v2],
			[b1.id, v1],
		]);
		expect((await api.get(`/v3/bills/${b2.id}`)).data.paymentStatus).toBe('PAID');
	});

	test('payment options, and the check images of a check payment', async () => {
		const v = await vendor();
		const b = await bill(v);
		const options = await api.get('/v3/payments/options', { params: { vendorId: v, amount: 100 } });
		expect(options.status).toBe(200);
		expect(options.data.fundingOptions.banks.find((x: any) => x.id === AP_SEED.bankAccountId)).toMatchObject({ available: true, processDate: today() });
		expect(code(await api.get('/v3/payments/options', { params: { vendorId: v } }))).toBe('BDC_1108');
		const p = await api.post('/v3/payments', { billId: b.id, amount: 10, fundingAccount: bank, processingOptions: {} });
		const images = await api.get(`/v3/payments/${p.data.id}/check-image`);
		expect(images.data.results).toHaveLength(2);
		const file = await api.get(images.data.results[0].downloadLink, { responseType: 'arraybuffer', baseURL: '' });
		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('image/png');
		expect(Buffer.from(file.data).subarray(1, 4).toString()).toBe('PNG');
	});

	test('with production rules, a payment needs an MFA-trusted session', async () => {
		const v = await vendor();
		const b = await bill(v);
		emu.config.productionRules = true;
		try {
			const untrusted = await api.post('/v3/payments', { billId: b.id, amount: 1, fundingAccount: bank, processingOptions: {} });
			expect(untrusted.status).toBe(403);
			const autoPay = await api.patch(`/v3/vendors/${v}`, { autoPay: { enabled: true, bankAccountId: AP_SEED.bankAccountId } });
			expect(autoPay.status).toBe(403);
			const trusted = await login({ rememberMeId: SEED.rememberMeId, device: SEED.device });
			expect((await trusted.post('/v3/payments', { billId: b.id, amount: 1, fundingAccount: bank, processingOptions: {} })).status).toBe(201);
		} finally {
			emu.config.productionRules = false;
		}
	});
});

describe('documents and attachments', () => {
	test('a bill document upload returns a 0du id that becomes a 00h document after a few minutes', async () => {
		const b = await bill(await vendor());
		const bytes = Buffer.from('%PDF-1.4\n' + 'x'.repeat(1000));
		const up = await api.post(`/v3/documents/bills/${b.id}`, bytes, { params: { name: 'invoice.pdf' }, headers: { 'Content-Type': '*/*' } });
		expect(up.status).toBe(200);
		expect(up.data.id).toMatch(/^0du/);
		expect((await api.get(`/v3/documents/bills/${b.id}`)).data.results).toHaveLength(0);
		expect((await api.get('/v3/documents/upload-status', { params: { ids: up.data.id } })).data).toEqual([{ uploadId: up.data.id, status: 'IN_PROGRESS' }]);
		emu.advanceTime(3 * 60_000);
		const status = await api.get('/v3/documents/upload-status', { params: { ids: up.data.id } });
		expect(status.data).toEqual([{ documentId: expect.stringMatching(/^00h/), uploadId: up.data.id, status: 'UPLOADED' }]);
		const doc = await api.get(`/v3/documents/${status.data[0].documentId}`);
		expect(doc.data).toMatchObject({ id: status.data[0].documentId, name: 'invoice.pdf' });
		const file = await api.get(doc.data.downloadLink, { baseURL: '', responseType: 'arraybuffer' });
		expect(Buffer.compare(Buffer.from(file.data), bytes)).toBe(0);
		expect(file.headers['content-type']).toBe('application/pdf');
		expect((await api.get(`/v3/documents/bills/${b.id}`)).data.results.map((d: any) => d.id)).toEqual([doc.data.id]);
	});

	test('uploads need a name and at most 6 MB; unknown bills and upload ids are refused', async () => {
		const b = await bill(await vendor());
		expect(code(await api.post(`/v3/documents/bills/${b.id}`, Buffer.from('x'), { headers: { 'Content-Type': '*/*' } }))).toBe('BDC_1108');
		const big = await api.post(`/v3/documents/bills/${b.id}`, Buffer.alloc(6 * 1024 * 1024 + 1), { params: { name: 'big.pdf' }, headers: { 'Content-Type': '*/*' }, maxBodyLength: Infinity });
		expect(big.status).toBe(400);
		expect(message(big)).toContain('6 MB');
		expect((await api.post('/v3/documents/bills/00n01NOSUCHBILL', Buffer.from('x'), { params: { name: 'a.pdf' } })).status).toBe(404);
		expect((await api.get('/v3/documents/upload-status', { params: { ids: '0du01UNKNOWN' } })).status).toBe(400);
	});

	test('attachments hang on an existing vendor and download back as uploaded', async () => {
		const v = await vendor();
		const bytes = Buffer.from('W-9 form');
		expect((await api.post('/v3/attachments/vendors/00901NOSUCH', bytes, { params: { name: 'w9.txt' }, headers: { 'Content-Type': 'application/octet-stream' } })).status).toBe(404);
		const up = await api.post(`/v3/attachments/vendors/${v}`, bytes, { params: { name: 'w9.txt' }, headers: { 'Content-Type': 'application/octet-stream' } });
		expect(up.status).toBe(200);
		expect(up.data).toMatchObject({ name: 'w9.txt', downloadLink: expect.any(String) });
		const list = await api.get(`/v3/attachments/vendors/${v}`);
		expect(list.data.results.map((a: any) => a.id)).toEqual([up.data.id]);
		const other = await vendor('Other');
		expect((await api.get(`/v3/attachments/vendors/${other}`)).data.results).toEqual([]);
		const got = await api.get(`/v3/attachments/${up.data.id}`);
		const file = await api.get(got.data.downloadLink, { baseURL: '', responseType: 'arraybuffer' });
		expect(Buffer.from(file.data).toString()).toBe('W-9 form');
		expect(file.headers['content-type']).toBe('text/plain');
	});
});

describe('vendors', () => {
	test('one bank account per vendor: create, refuse a second, delete, create again', async () => {
		const v = await vendor();
		expect((await api.get(`/v3/vendors/${v}/bank-account`)).status).toBe(404);
		const body = { nameOnAccount: 'Bill Vendorson', accountNumber: '111222333', routingNumber: '074000010', type: 'CHECKING', ownerType: 'BUSINESS', paymentCurrency: 'USD' };
		const created = await api.post(`/v3/vendors/${v}/bank-account`, body);
		expect(created.status).toBe(200);
		expect(created.data).toEqual(body);
		expect((await api.get(`/v3/vendors/${v}`)).data.paymentInformation.bankAccount).toEqual(body);
		const second = await api.post(`/v3/vendors/${v}/bank-account`, body);
		expect(message(second)).toContain('Delete');
		expect((await api.post(`/v3/vendors/${v}/bank-account`, { ...body, routingNumber: undefined, accountNumber: undefined })).status).toBe(400);
		const del = await api.delete(`/v3/vendors/${v}/bank-account`);
		expect(del.status).toBe(204);
		expect((await api.get(`/v3/vendors/${v}/bank-account`)).status).toBe(404);
		expect((await api.post(`/v3/vendors/${v}/bank-account`, { accountNumber: '1', routingNumber: '12' })).status).toBe(400);
		expect((await api.post(`/v3/vendors/${v}/bank-account`, body)).status).toBe(200);
	});

	test('a vendor with a new bank account is paid by ACH once BILL verified the account (2 business days)', async () => {
		const v = await vendor('ACH Vendor', { paymentInformation: { payeeName: 'ACH Vendor', bankAccount: { nameOnAccount: 'ACH', accountNumber: '999888777', routingNumber: '074000010' } } });
		expect((await api.get(`/v3/vendors/${v}/bank-account`)).data.accountNumber).toBe('999888777');
		const b = await bill(v);
		const tooSoon = await api.post('/v3/payments', { billId: b.id, amount: 10, fundingAccount: bank, processingOptions: {} });
		expect(message(tooSoon)).toContain('process date');
		const ok = await api.post('/v3/payments', { billId: b.id, amount: 10, processDate: inDays(5), fundingAccount: bank, processingOptions: {} });
		expect(ok.data).toMatchObject({ disbursementType: 'ACH', status: 'SCHEDULED' });
	});

	test('vendor create validates what BILL validates; bulk keeps its 20 limit and {vendors} shape', async () => {
		expect(code(await api.post('/v3/vendors', { name: 'No address' }))).toBe('BDC_1108');
		expect(message(await api.post('/v3/vendors', { name: 'X', address, accountType: 'COMPANY' }))).toContain('accountType');
		const bulk = await api.post('/v3/vendors/bulk', [
			{ name: 'A', address },
			{ name: 'B', address },
		]);
		expect(bulk.status).toBe(201);
		expect(bulk.data.vendors.map((x: any) => x.name)).toEqual(['A', 'B']);
		expect(code(await api.post('/v3/vendors/bulk', Array(21).fill({ name: 'A', address })))).toBe('BDC_1129');
	});

	test('configuration: international payment rules by country, currency and account type', async () => {
		const dk = await api.get('/v3/vendors/configuration/international-payments', { params: { country: 'DK', billCurrency: 'EUR', accountType: 'BUSINESS' } });
		expect(dk.status).toBe(200);
		expect(dk.data.validations.fields.map((f: any) => f.name)).toContain('accountNumber');
		expect(dk.data.paymentPurpose.required).toBe(false);
		const inr = await api.get('/v3/vendors/configuration/international-payments', { params: { country: 'IN', billCurrency: 'INR', accountType: 'PERSON' } });
		expect(inr.data.paymentPurpose).toMatchObject({ required: true, type: 'CODE' });
		expect(message(await api.get('/v3/vendors/configuration/international-payments', { params: { country: 'DK', billCurrency: 'EURO', accountType: 'BUSINESS' } }))).toContain('billCurrency');
		expect(code(await api.get('/v3/vendors/configuration/international-payments', { params: { country: 'DK' } }))).toBe('BDC_1108');
		const v = await vendor('Dansk', { address: { ...address, country: 'DK' }, billCurrency: 'DKK' });
		const conf = await api.get(`/v3/vendors/${v}/configuration`);
		expect(conf.data.internationalPayments.validations.fields[0].description).toContain('IBAN');
	});

	test('audit trail: one record per changed field, paged with start and max', async () => {
		const v = await vendor('Audited');
		await api.patch(`/v3/vendors/${v}`, { email: 'new@audited.example', phone: '555' });
		await api.post(`/v3/vendors/${v}/archive`);
		const all = await api.get(`/v3/reports/audit-trail/vendor/${v}`, { params: { includeArchived: true, max: 100 } });
		expect(all.status).toBe(200);
		const changes = all.data.filter((r: any) => r.type === 'UPDATE').map((r: any) => [r.field.name, r.field.value.previous, r.field.value.current]);
		expect(changes).toEqual([
			['email', 'info@happymusic.example', 'new@audited.example'],
			['phone', '', '555'], // BILL's view of the vendor before: phone "" (family/shapes.ts)
			['archived', 'false', 'true'],
		]);
		expect(all.data[0]).toMatchObject({ source: 'API', type: 'CREATE', user: { id: SEED.userId } });
		const page2 = await api.get(`/v3/reports/audit-trail/vendor/${v}`, { params: { includeArchived: true, start: 2, max: 2 } });
		expect(page2.data).toEqual(all.data.slice(2, 4));
		expect((await api.get(`/v3/reports/audit-trail/vendor/${v}`)).status).toBe(404);
	});
});

describe('funding accounts', () => {
	test('a bank account is PENDING until the test deposit is verified; only then can it be updated or used', async () => {
		const created = await api.post('/v3/funding-accounts/banks', { nameOnAccount: 'Agatha Ffringe', routingNumber: '074000010', accountNumber: '111222333', type: 'CHECKING', ownerType: 'BUSINESS', bankName: 'Chase' });
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({ status: 'PENDING', default: { payables: false, receivables: false }, createdBy: SEED.userId });
		const id = created.data.id;
		expect(id).toMatch(/^bac/);
		expect(message(await api.patch(`/v3/funding-accounts/banks/${id}`, { bankName: 'Main' }))).toContain('verify');
		expect((await api.post(`/v3/funding-accounts/banks/${id}/verify`, { depositAmount: 0.3 })).data).toEqual({ verified: false });
		expect((await api.post(`/v3/funding-accounts/banks/${id}/verify`, { depositAmount: 0.5 })).data).toEqual({ verified: true });
		const updated = await api.patch(`/v3/funding-accounts/banks/${id}`, { bankName: 'Main', default: { payables: true } });
		expect(updated.data).toMatchObject({ bankName: 'Main', status: 'VERIFIED', default: { payables: true } });
		expect((await api.get(`/v3/funding-accounts/banks/${AP_SEED.bankAccountId}`)).data.default.payables).toBe(false);
		expect(message(await api.patch(`/v3/funding-accounts/banks/${id}`, { routingNumber: '011000015' }))).toContain('routingNumber');
		expect(code(await api.post('/v3/funding-accounts/banks', { nameOnAccount: 'x' }))).toBe('BDC_1108');
	});

	test('three wrong deposit amounts make a bank account unusable', async () => {
		const { data } = await api.post('/v3/funding-accounts/banks', { nameOnAccount: 'A', routingNumber: '074000010', accountNumber: '4444', type: 'SAVINGS', ownerType: 'PERSONAL', bankName: 'B' });
		for (let i = 0; i < 3; i++) await api.post(`/v3/funding-accounts/banks/${data.id}/verify`, { depositAmount: 1 });
		const fourth = await api.post(`/v3/funding-accounts/banks/${data.id}/verify`, { depositAmount: 0.5 });
		expect(fourth.status).toBe(400);
		expect((await api.get(`/v3/funding-accounts/banks/${data.id}`)).data.status).toBe('INVALID');
	});

	test('bank account users: nominate, list (current user), archive', async () => {
		emu.config.users.push({ username: 'clerk@example.com', password: 'pw', userId: '00601EMULATOR0009', organizationIds: [SEED.organizationId], role: 'CLERK' });
		const nominated = await api.post('/v3/funding-accounts/banks/users/nominate', { bankAccountId: AP_SEED.bankAccountId, userId: '00601EMULATOR0009' });
		expect(nominated.data).toEqual({ status: 'SUCCESS' });
		expect(message(await api.post('/v3/funding-accounts/banks/users/nominate', { bankAccountId: AP_SEED.bankAccountId, userId: '00601NOBODY' }))).toContain('userId');
		const all = await api.get('/v3/funding-accounts/banks/users', { params: { filters: `bankAccountId:eq:${AP_SEED.bankAccountId}` } });
		const clerk = all.data.results.find((u: any) => u.userId === '00601EMULATOR0009');
		expect(clerk).toMatchObject({ verificationStatus: 'NOMINATED', archived: false });
		const mine = await api.get('/v3/funding-accounts/banks/users', { params: { currentUser: true } });
		expect(mine.data.results.every((u: any) => u.userId === SEED.userId)).toBe(true);
		const archived = await api.post(`/v3/funding-accounts/banks/users/${clerk.id}/archive`);
		expect(archived.data).toMatchObject({ archived: true, verificationStatus: 'UNVERIFIED' });
		const clerkApi = axios.create({ baseURL: emu.connectUrl, validateStatus: () => true });
		const s = await clerkApi.post('/v3/login', { username: 'clerk@example.com', password: 'pw', organizationId: SEED.organizationId, devKey: SEED.devKey });
		const asClerk = await clerkApi.post('/v3/funding-accounts/banks', { nameOnAccount: 'x', routingNumber: '074000010', accountNumber: '1234', type: 'CHECKING', ownerType: 'BUSINESS', bankName: 'x' }, { headers: { devKey: SEED.devKey, sessionId: s.data.sessionId } });
		expect(asClerk.status).toBe(403);
		expect(message(asClerk)).toContain('ADMINISTRATOR');
	});

	test('card accounts by user status, funding purposes, card users, AP cards, permissions', async () => {
		const verified = await api.get('/v3/funding-accounts/cards', { params: { cardUserStatus: 'VERIFIED' } });
		expect(verified.data.cards.map((c: any) => c.id)).toEqual([AP_SEED.cardAccountId]);
		expect(verified.data.rates.defaultCardAccountId).toBe(AP_SEED.cardAccountId);
		const nominated = await api.get('/v3/funding-accounts/cards', { params: { cardUserStatus: 'NOMINATED' } });
		expect(nominated.data.cards.map((c: any) => c.id)).toEqual([AP_SEED.nominatedCardAccountId]);
		expect(message(await api.get('/v3/funding-accounts/cards', { params: { cardUserStatus: 'ALL' } }))).toContain('cardUserStatus');
		expect((await api.get(`/v3/funding-accounts/cards/${AP_SEED.cardAccountId}`)).data).toMatchObject({ brand: 'visa', last4: '4242' });
		const v = await vendor();
		const purposes = await api.get('/v3/funding-accounts/cards/funding-purposes', { params: { vendorId: v, brand: 'visa' } });
		expect(purposes.data.results.length).toBeGreaterThan(0);
		const identified = await vendor('Known', { additionalInfo: { taxId: '12-3456789', taxIdType: 'EIN' } });
		const none = await api.get('/v3/funding-accounts/cards/funding-purposes', { params: { vendorId: identified, brand: 'visa' } });
		expect(none.status).toBe(200);
		expect(none.data).toBe('');
		const users = await api.get('/v3/funding-accounts/cards/users', { params: { currentUser: true } });
		expect(users.data.results.map((u: any) => u.verificationStatus).sort()).toEqual(['NOMINATED', 'VERIFIED']);
		const ap = await api.get('/v3/funding-accounts/ap-cards');
		expect(Array.isArray(ap.data)).toBe(true);
		expect(ap.data[0].id).toBe(AP_SEED.apCardId);
		const perms = await api.get('/v3/funding-accounts/permissions');
		expect(perms.data).toMatchObject({ organization: { card: { payByCard: true } }, user: { payOnline: true } });
	});
});
