/**
 * Connect AP journeys through the BILL node, run by n8n-core in-process against the emulator:
 * vendor → bill with line items and classifications → payment; 250 bills in 3 bulk requests;
 * a bill document uploaded and downloaded back byte for byte; every AP Get Many with Return All
 * over more than one page; bad input with clear messages.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { defaultSeed, INSTANT_DOCUMENT_PROCESSING, type DocumentProcessing } from '../emulator/config';
import { AP, AP_SEED } from '../emulator/family/accounts-payable';
import { SEED } from '../emulator/server';
import { binaryBuffer } from '../harness';
import { byId, useBill } from '../support/bill';

const t = useBill();

const address = { line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };
const bankFunding = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };

/** Requests the emulator received from now on, for `method path`. */
function counter(method: string, path: string | RegExp) {
	const start = t.emu.requestLog.length;
	return () => t.emu.requestLog.slice(start).filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))).length;
}

async function createVendor(name = 'Happy Music Supplies'): Promise<string> {
	const r = await t.runOp('vendor', 'create', { name, address, additionalFields: { email: 'info@happymusic.example', accountType: 'BUSINESS' } });
	expect(r.error?.message).toBeUndefined();
	return String(r.output[0].json.id);
}

async function createBill(vendorId: string, amounts: number[] = [149, 79.99]): Promise<Record<string, any>> {
	const r = await t.runOp('bill', 'create', {
		vendorId: byId(vendorId),
		dueDate: '2026-12-31T00:00:00.000Z',
		invoice: { invoiceNumber: `INV-${Math.round(Math.random() * 1e9)}`, invoiceDate: '2026-12-01' },
		billLineItems: { values: amounts.map((amount) => ({ amount })) },
	});
	expect(r.error?.message).toBeUndefined();
	return r.output[0].json as Record<string, any>;
}

describe('vendor → bill → payment', () => {
	test('a bill with line items and classifications is paid in full from a bank account', async () => {
		const vendorId = await createVendor();
		expect(vendorId).toMatch(/^009/);

		const created = await t.runOp('bill', 'create', {
			vendorId: byId(vendorId),
			dueDate: '2026-12-31T00:00:00.000Z',
			invoice: { invoiceNumber: '202501', invoiceDate: '2026-12-01T10:00:00.000Z' },
			billLineItems: {
				values: [
					{ amount: 149, description: 'USB audio interface', classifications: { chartOfAccountId: '0ca01EQUIPMENT', departmentId: '0de01STUDIO' } },
					{ amount: 80, quantity: 2, price: 40, description: 'Drum foot pedal', classifications: { chartOfAccountId: '0ca01SUPPLIES', customerId: '0cu01CLIENT' } },
				],
			},
			additionalFields: { description: 'Studio gear', classifications: { locationId: 'loc01AUSTIN' } },
		});
		expect(created.error?.message).toBeUndefined();
		const bill = created.output[0].json as Record<string, any>;
		expect(bill).toMatchObject({
			vendorId,
			dueDate: '2026-12-31',
			invoice: { invoiceNumber: '202501', invoiceDate: '2026-12-01' },
			amount: 229,
			dueAmount: 229,
			paymentStatus: 'UNPAID',
			description: 'Studio gear',
			classifications: { locationId: 'loc01AUSTIN' },
		});
		expect(bill.billLineItems).toEqual([
			expect.objectContaining({ amount: 149, classifications: { chartOfAccountId: '0ca01EQUIPMENT', departmentId: '0de01STUDIO' } }),
			expect.objectContaining({ amount: 80, quantity: 2, price: 40, classifications: { chartOfAccountId: '0ca01SUPPLIES', customerId: '0cu01CLIENT' } }),
		]);

		const paid = await t.runOp('payment', 'create', {
			amount: 229,
			fundingAccount: bankFunding,
			processingOptions: { requestPayFaster: false, requestCheckDeliveryType: 'STANDARD' },
			additionalFields: { billId: byId(bill.id), description: 'Invoice 202501' },
		});
		expect(paid.error?.message).toBeUndefined();
		expect(paid.output[0].json).toMatchObject({ billId: bill.id, vendorId, amount: 229, status: 'PAID', fundingAccount: bankFunding });
		expect(String(paid.output[0].json.id)).toMatch(/^stp/);

		const after = await t.runOp('bill', 'get', { billId: byId(bill.id) });
		expect(after.output[0].json).toMatchObject({ paidAmount: 229, dueAmount: 0, paymentStatus: 'PAID' });
		const payments = await t.runOp('payment', 'getAll', { returnAll: true, filters: { filter: [{ field: 'billId', operator: 'eq', value: bill.id }] } });
		expect(payments.output.map((i) => i.json.id)).toEqual([paid.output[0].json.id]);
	});

	test('bulk payment: one input item per bill, one funding account, results back on their items', async () => {
		const v = await createVendor('Bulk Pay Vendor');
		const bills = await Promise.all([createBill(v, [10]), createBill(v, [20]), createBill(v, [30])]);
		const requests = counter('POST', '/v3/payments/bulk');
		const r = await t.runOp(
			'payment',
			'createMany',
			{ billId: '={{ $json.billId }}', amount: '={{ $json.amount }}', fundingAccount: bankFunding },
			bills.map((b) => ({ json: { billId: b.id, amount: b.amount } })),
		);
		expect(r.error?.message).toBeUndefined();
		expect(requests()).toBe(1);
		expect(r.output.map((i) => [i.json.billId, i.json.amount, i.pairedItem])).toEqual(bills.map((b, k) => [b.id, b.amount, { item: k }]));
		const last = t.emu.requestLog.filter((e) => e.path === '/v3/payments/bulk').pop();
		expect(last?.status).toBe(201);
	});

	test('a scheduled payment is canceled and the bill is due again', async () => {
		const v = await createVendor('Cancel Vendor');
		const bill = await createBill(v, [50]);
		const later = new Date(Date.now() + 20 * 86400000).toISOString();
		const p = await t.runOp('payment', 'create', {
			amount: 50,
			fundingAccount: bankFunding,
			processingOptions: { requestPayFaster: false },
			additionalFields: { billId: byId(bill.id), processDate: later },
		});
		expect(p.output[0].json).toMatchObject({ status: 'SCHEDULED', processDate: later.slice(0, 10) });
		const c = await t.runOp('payment', 'cancel', { paymentId: byId(String(p.output[0].json.id)) });
		expect(c.output[0].json.status).toBe('CANCELED');
		expect((await t.runOp('bill', 'get', { billId: byId(bill.id) })).output[0].json).toMatchObject({ dueAmount: 50, paymentStatus: 'UNPAID' });
	});
});

describe('bulk bills', () => {
	test('250 input items become 250 bills in 3 requests (100 + 100 + 50), each result on its item', async () => {
		const v1 = await createVendor('Bulk One');
		const v2 = await createVendor('Bulk Two');
		const items: INodeExecutionData[] = Array.from({ length: 250 }, (_, n) => ({ json: { vendorId: n % 2 ? v2 : v1, n, amount: n + 1 } }));
		const requests = counter('POST', '/v3/bills/bulk');
		const r = await t.runOp(
			'bill',
			'createMany',
			{
				vendorId: '={{ $json.vendorId }}',
				dueDate: '2026-12-31',
				invoice: { invoiceNumber: '={{ "BULK-" + $json.n }}', invoiceDate: '2026-12-01' },
				billLineItems: { values: [{ amount: '={{ $json.amount }}', description: 'Line' }] },
			},
			items,
		);
		expect(r.error?.message).toBeUndefined();
		expect(requests()).toBe(3);
		expect(r.output).toHaveLength(250);
		r.output.forEach((out, k) => {
			expect(out.pairedItem).toEqual({ item: k });
			expect(out.json).toMatchObject({ vendorId: items[k].json.vendorId, amount: k + 1, invoice: { invoiceNumber: `BULK-${k}` } });
		});
		expect(new Set(r.output.map((o) => o.json.id)).size).toBe(250);
	});

	test('batches go out up to 3 at once (BILL\'s cap), never more, and each result still lands on its item', async () => {
		const v = await createVendor('Bulk Parallel');
		const items: INodeExecutionData[] = Array.from({ length: 700 }, (_, n) => ({ json: { n, amount: n + 1 } }));
		const params = {
			vendorId: byId(v),
			dueDate: '2026-12-31',
			invoice: { invoiceNumber: '={{ "PAR-" + $json.n }}', invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount: '={{ $json.amount }}', description: 'Line' }] },
		};
		t.emu.config.latencyMs = 150;
		try {
			t.emu.counters.peakConcurrency = {};
			const requests = counter('POST', '/v3/bills/bulk');
			const r = await t.runOp('bill', 'createMany', params, items);
			expect(r.error?.message).toBeUndefined();
			expect(requests()).toBe(7);
			expect(t.emu.counters.peakConcurrency[SEED.organizationId]).toBe(3);
			r.output.forEach((out, k) => expect([out.pairedItem, out.json.invoice]).toEqual([{ item: k }, expect.objectContaining({ invoiceNumber: `PAR-${k}` })]));
			// Max Concurrent Requests 1: one batch after another.
			t.emu.counters.peakConcurrency = {};
			const serial = await t.runOp('bill', 'createMany', { ...params, options: { maxConcurrency: 1 } }, items.slice(0, 300));
			expect(serial.output).toHaveLength(300);
			expect(t.emu.counters.peakConcurrency[SEED.organizationId]).toBe(1);
		} finally {
			t.emu.config.latencyMs = 0;
		}
	});
});

describe('bill documents', () => {
	async function uploadStatusDownload(bytes: Buffer, processing: DocumentProcessing) {
		t.emu.config.documentProcessing = { ...processing };
		const bill = await createBill(await createVendor('Docs Vendor'));
		const node = t.billNode;
		return await t.harness.run({
			nodes: [
				{ name: 'Start', type: 'harnessStart', parameters: {} },
				node('document', 'upload', { billId: byId(bill.id), binaryPropertyName: 'invoice', options: { waitForProcessing: false } }, 'Upload'),
				node('document', 'getUploadStatus', { ids: '={{ $json.id }}' }, 'Status'),
				node('document', 'download', { documentId: '={{ $json.documentId }}', binaryPropertyName: 'file' }, 'Download'),
			],
			connections: {
				Start: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
				Upload: { main: [[{ node: 'Status', type: 'main', index: 0 }]] },
				Status: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
			},
			startItems: [{ json: {}, binary: { invoice: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: 'invoice-202501.pdf' } } }],
		});
	}

	test('upload returns a 0du upload id, the status poll gives the 00h document, download gives the same bytes', async () => {
		const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256))]);
		const r = await uploadStatusDownload(bytes, INSTANT_DOCUMENT_PROCESSING);
		expect(r.error?.message).toBeUndefined();
		expect(String(r.byNode.Upload[0].json.id)).toMatch(/^0du/);
		expect(r.byNode.Status[0].json).toMatchObject({ status: 'UPLOADED', uploadId: r.byNode.Upload[0].json.id, documentId: expect.stringMatching(/^00h/) });
		const out = r.byNode.Download[0];
		expect(out.json).toMatchObject({ id: r.byNode.Status[0].json.documentId, name: 'invoice-202501.pdf' });
		const binary = out.binary!.file;
		expect(binary.fileName).toBe('invoice-202501.pdf');
		expect(binary.mimeType).toBe('application/pdf');
		expect(Buffer.compare(binaryBuffer(out, 'file'), bytes)).toBe(0);
	});

	test('while BILL still processes the upload there is no document to download yet', async () => {
		const r = await uploadStatusDownload(Buffer.from('slow file'), defaultSeed().documentProcessing);
		expect(r.byNode.Status[0].json).toEqual({ uploadId: r.byNode.Upload[0].json.id, status: 'IN_PROGRESS' });
		expect(r.success).toBe(false);
		expect(String(r.error?.message)).toContain('Document');
	});
});

describe('bill document upload waits for BILL by default', () => {
	test('Upload polls the upload status until BILL reports the document', async () => {
		// One second uploading; IVA_PROCESSING skipped here (the node's wait for processing is tested in payments-and-documents.test.ts).
		t.emu.config.documentProcessing = { inProgressMs: 1000, ivaProcessingMs: 0, neverFinish: false };
		const bill = await createBill(await createVendor('Waiting Vendor'));
		const from = t.emu.requestLog.length;
		const r = await t.runOp('document', 'upload', { billId: byId(bill.id), binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 wait').toString('base64'), mimeType: 'application/pdf', fileName: 'wait.pdf' } } },
		]);
		t.emu.config.documentProcessing = defaultSeed().documentProcessing;
		expect(r.error?.message).toBeUndefined();
		expect(r.output[0].json).toMatchObject({ status: 'UPLOADED', documentId: expect.stringMatching(/^00h/) });
		const polls = t.emu.requestLog.slice(from).filter((e) => e.path === '/v3/documents/upload-status');
		expect(polls.length).toBeGreaterThanOrEqual(2);
	});
});

describe('attachments and check images', () => {
	test('a vendor attachment uploads from a binary property and downloads back identical', async () => {
		const v = await createVendor('Attachment Vendor');
		const bytes = Buffer.from('W-9 for Attachment Vendor\n'.repeat(50));
		const up = await t.runOp('attachment', 'uploadToVendor', { vendorId: byId(v), binaryPropertyName: 'data', fileName: 'w9.txt' }, [
			{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'text/plain', fileName: 'original.txt' } } },
		]);
		expect(up.error?.message).toBeUndefined();
		expect(up.output[0].json).toMatchObject({ name: 'w9.txt' });
		const list = await t.runOp('attachment', 'getAllForVendor', { vendorId: byId(v), returnAll: true });
		expect(list.output.map((o) => o.json.id)).toEqual([up.output[0].json.id]);
		const down = await t.runOp('attachment', 'download', { attachmentId: String(up.output[0].json.id), binaryPropertyName: 'data' });
		expect(down.error?.message).toBeUndefined();
		expect(down.output[0].binary?.data.fileName).toBe('w9.txt');
		expect(Buffer.compare(binaryBuffer(down.output[0], 'data'), bytes)).toBe(0);
	});

	test('the check images of a check payment download as binary data (front and back)', async () => {
		const v = await createVendor('Check Vendor');
		const bill = await createBill(v, [12]);
		const paid = await t.runOp('payment', 'create', {
			amount: 12,
			fundingAccount: bankFunding,
			processingOptions: { requestPayFaster: false },
			additionalFields: { billId: byId(bill.id) },
		});
		expect(paid.output[0].json.disbursementType).toBe('CHECK');
		const r = await t.runOp('payment', 'downloadCheckImage', { paymentId: byId(String(paid.output[0].json.id)), binaryPropertyName: 'data' });
		expect(r.error?.message).toBeUndefined();
		expect(r.output).toHaveLength(2);
		for (const item of r.output) {
			expect(item.binary?.data.mimeType).toBe('image/png');
			expect(binaryBuffer(item, 'data').subarray(1, 4).toString()).toBe('PNG');
		}
	});
});

describe('Get Many with Return All pages through everything', () => {
	const org = SEED.organizationId;
	const coll = (name: string) => t.emu.store.collection(name, org);
	let vendorId: string;
	let billId: string;
	let customerId: string;
	let invoiceId: string;

	beforeAll(async () => {
		vendorId = await createVendor('Pages Vendor');
		billId = (await createBill(vendorId)).id;
		customerId = coll(AP.customers).insert({ name: 'Pages Customer' }, { prefix: '0cu' }).id;
		invoiceId = coll(AP.invoices).insert({ invoiceNumber: 'P-1', customerId }, { prefix: '00e' }).id;
		const many = (n: number, make: (i: number) => Record<string, unknown>, name: string, opts: { bare?: boolean; prefix?: string } = {}) => {
			for (let i = 0; i < n; i++) coll(name).insert(make(i), opts);
		};
		many(130, (i) => ({ name: `Seeded vendor ${i}`, address }), AP.vendors);
		many(130, (i) => ({ vendorId, dueDate: '2026-12-31', amount: i, dueAmount: i, billLineItems: [], invoice: { invoiceNumber: `S-${i}` } }), AP.bills);
		many(130, (i) => ({ vendorId, billId, amount: i, status: 'PAID' }), AP.payments);
		many(130, (i) => ({ vendorId, description: `R${i}`, schedule: { period: 'MONTHLY' } }), AP.recurringBills);
		many(130, (i) => ({ name: `d${i}.pdf`, downloadLink: 'x', _scope: { billId } }), AP.documents, { bare: true, prefix: '00h' });
		for (const [param, id] of [
			['vendorId', () => vendorId],
			['customerId', () => customerId],
			['invoiceId', () => invoiceId],
		] as const) {
			many(130, (i) => ({ name: `a${i}.pdf`, downloadLink: 'x', _scope: { [param]: id() } }), AP.attachments, { bare: true, prefix: '0at' });
		}
		many(130, (i) => ({ bankName: `Bank ${i}`, status: 'VERIFIED', type: 'CHECKING' }), AP.banks);
		many(130, () => ({ bankAccountId: AP_SEED.bankAccountId, userId: SEED.userId, verificationStatus: 'NOMINATED' }), AP.bankUsers);
		many(130, () => ({ cardAccountId: AP_SEED.cardAccountId, userId: SEED.userId, archived: false, verificationStatus: 'VERIFIED' }), AP.cardUsers, { bare: true, prefix: '0cu' });
		many(150, (i) => ({ vendorId, source: 'API', type: 'UPDATE', createdTime: new Date(0).toISOString(), user: { id: SEED.userId }, field: { name: `f${i}` } }), AP.audit, { bare: true, prefix: '0au' });
	});

	const cases: Array<[string, string, () => Record<string, unknown>, string, () => number]> = [
		['vendor', 'getAll', () => ({}), '/v3/vendors', () => coll(AP.vendors).size],
		['bill', 'getAll', () => ({}), '/v3/bills', () => coll(AP.bills).size],
		['payment', 'getAll', () => ({}), '/v3/payments', () => coll(AP.payments).size],
		['recurringBill', 'getAll', () => ({}), '/v3/recurringbills', () => coll(AP.recurringBills).size],
		['document', 'getAll', () => ({ billId: byId(billId) }), `/v3/documents/bills/{billId}`, () => 130],
		['attachment', 'getAllForVendor', () => ({ vendorId: byId(vendorId) }), '/v3/attachments/vendors/{vendorId}', () => 130],
		['attachment', 'getAllForCustomer', () => ({ customerId: byId(customerId) }), '/v3/attachments/customers/{customerId}', () => 130],
		['attachment', 'getAllForInvoice', () => ({ invoiceId: byId(invoiceId) }), '/v3/attachments/invoices/{invoiceId}', () => 130],
		['bankAccount', 'getAll', () => ({}), '/v3/funding-accounts/banks', () => coll(AP.banks).size],
		['bankAccount', 'getUsers', () => ({}), '/v3/funding-accounts/banks/users', () => coll(AP.bankUsers).size],
		['cardAccount', 'getUsers', () => ({}), '/v3/funding-accounts/cards/users', () => coll(AP.cardUsers).size],
		['report', 'getVendorAuditTrail', () => ({ vendorId: byId(vendorId) }), '/v3/reports/audit-trail/vendor/{vendorId}', () => coll(AP.audit).list((r) => r.vendorId === vendorId).length],
	];

	test.each(cases)('%s › %s', async (resource, operation, params, template, expected) => {
		const path = template.replace('{billId}', billId).replace('{vendorId}', vendorId).replace('{customerId}', customerId).replace('{invoiceId}', invoiceId);
		const requests = counter('GET', path);
		const r = await t.runOp(resource, operation, { ...params(), returnAll: true });
		expect(r.error?.message).toBeUndefined();
		const want = expected();
		expect(want).toBeGreaterThan(100);
		expect(r.output).toHaveLength(want);
		expect(new Set(r.output.map((o) => JSON.stringify(o.json))).size).toBe(want);
		expect(requests()).toBeGreaterThanOrEqual(2);
		const limited = await t.runOp(resource, operation, { ...params(), returnAll: false, limit: 7 });
		expect(limited.output).toHaveLength(7);
	});

	test('the single-response lists (card accounts, AP cards) give one item per element', async () => {
		const cards = await t.runOp('cardAccount', 'getAll', { cardUserStatus: 'VERIFIED', returnAll: true });
		expect(cards.error?.message).toBeUndefined();
		expect(cards.output.map((o) => o.json.id)).toEqual([AP_SEED.cardAccountId]);
		const ap = await t.runOp('apCard', 'getAll', { returnAll: true });
		expect(ap.output.map((o) => o.json.id)).toEqual([AP_SEED.apCardId]);
	});

	test('Card Account → Get Fee Rates outputs the fees BILL answers beside the cards, as one item, from the same request as Get Many', async () => {
		const requests = counter('GET', '/v3/funding-accounts/cards');
		const rates = await t.runOp('cardAccount', 'getFeeRates', { cardUserStatus: 'NOMINATED' });
		expect(rates.error?.message).toBeUndefined();
		expect(requests()).toBe(1);
		expect(t.emu.requestLog[t.emu.requestLog.length - 1].query).toEqual({ cardUserStatus: 'NOMINATED' });
		// The emulator's answer: {rates: {defaultCardAccountId, funding: {creditCardRate, debitCardRate}}, cards}.
		expect(rates.output.map((o) => o.json)).toEqual([{ defaultCardAccountId: null, funding: { creditCardRate: 2.9, debitCardRate: 2.9 } }]);
		expect(rates.output[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('bad input gets a clear message', () => {
	test('a missing required field is named before anything is sent', async () => {
		const v = await createVendor('Bad Input Vendor');
		const requests = counter('POST', '/v3/bills');
		// An expression that comes out empty: n8n itself refuses an empty required field in the editor.
		const r = await t.runOp('bill', 'create', {
			vendorId: byId(v),
			dueDate: '={{ $json.dueDate }}',
			invoice: { invoiceNumber: '1', invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount: 1 }] },
		});
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe('"Due Date" is required [item 0]');
		expect(requests()).toBe(0);
	});

	test('a malformed ID names the prefix BILL expects', async () => {
		const r = await t.runOp('payment', 'get', { paymentId: '={{ "00n01NOTAPAYMENT" }}' });
		expect(r.success).toBe(false);
		expect(String(r.error?.message)).toContain('stp');
	});

	test('a value outside BILL\'s enum lists the allowed values', async () => {
		const r = await t.runOp('payment', 'void', { paymentId: byId('stp01EMU0000000001'), type: '={{ "VOID_ALL" }}', reason: 'Duplicate' });
		expect(r.success).toBe(false);
		expect(String(r.error?.message)).toContain('VOID_ALL');
		expect(JSON.stringify(r.error)).toContain('VOID_AND_REISSUE');
	});

	test('BILL\'s refusal carries its BDC code; with Continue On Fail the other items still succeed', async () => {
		const v = await createVendor('Overpay Vendor');
		const threeBills = async () => {
			const bills = [await createBill(v, [10]), await createBill(v, [20]), await createBill(v, [30])];
			const items = [
				{ json: { billId: bills[0].id, amount: 10 } },
				{ json: { billId: bills[1].id, amount: 999 } },
				{ json: { billId: bills[2].id, amount: 30 } },
			];
			return { bills, items };
		};
		const params = { amount: '={{ $json.amount }}', fundingAccount: bankFunding, processingOptions: { requestPayFaster: false }, additionalFields: { billId: '={{ $json.billId }}' } };
		const failing = await t.runOp('payment', 'create', params, (await threeBills()).items);
		expect(failing.success).toBe(false);
		expect(String(failing.error?.message)).toContain('BDC_1159');
		expect(String(failing.error?.message)).toContain('999');

		const { bills, items } = await threeBills();
		const r = await t.runOp('payment', 'create', params, items, { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(3);
		expect(r.output[0].json).toMatchObject({ billId: bills[0].id, status: 'PAID' });
		expect(JSON.stringify(r.output[1].json)).toContain('BDC_1159');
		expect(r.output[2].json).toMatchObject({ billId: bills[2].id, status: 'PAID' });
	});

	test('a payment in production without an MFA-trusted session explains the MFA Remember Me ID', async () => {
		const v = await createVendor('MFA Vendor');
		const bill = await createBill(v, [5]);
		t.emu.config.productionRules = true;
		try {
			const r = await t.runOp('payment', 'create', {
				amount: 5,
				fundingAccount: bankFunding,
				processingOptions: { requestPayFaster: false },
				additionalFields: { billId: byId(bill.id) },
			});
			expect(r.success).toBe(false);
			expect(JSON.stringify(r.error)).toMatch(/MFA Remember Me/i);
		} finally {
			t.emu.config.productionRules = false;
		}
	});
});
