/**
 * The journeys of issue 6 through a real n8n (the version BILL_N8N names; `import:credentials`, `import:workflow`,
 * `execute`) with the package loaded from dist/ as a custom extension, against the emulator:
 * AP (vendor → bill → document up/down → MFA-trusted payment, and the refusal without MFA), AR
 * (customer → invoice → send → record payment), Return All over three pages and Create Many in two
 * bulk requests, a Spend & Expense and a partner call, and a session that expires halfway through
 * an execution (one extra login), then reused by the next execution (zero logins).
 * Needs `npm run build` first. One n8n user folder and one import of every workflow for the file.
 */
import { join } from 'path';

import { AP, AP_SEED } from '../emulator/family/accounts-payable';
import { sentEmails } from '../emulator/family/connect';
import { INSTANT_DOCUMENT_PROCESSING } from '../emulator/config';
import { BillEmulator, SEED } from '../emulator/server';
import type { CustomHandler } from '../emulator/types';
import { billNodes, byId, chain, code, e2eCredentials, E2E_CREDS, manual, requestsSince, type E2ECredKey } from './bill-e2e';
import { N8n, ROOT, type E2EWorkflow, type ExecuteResult } from './n8n';

let emu: BillEmulator;
let n8n: N8n;
const ids: Record<string, string> = {};

/** A small "PDF" with every byte value, so that an encoding slip changes it. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256))]);
const address = { line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };
const bankFunding = { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId };
const billId = "={{ $('Create Bill').first().json.id }}";

function workflows(): Record<string, E2EWorkflow> {
	const { bill } = billNodes(n8n);
	const ap = (credential: E2ECredKey, withDocument: boolean): E2EWorkflow => {
		const nodes = [
			manual(),
			bill('Create Vendor', 'vendor', 'create', { name: 'Happy Music Supplies', address, additionalFields: { email: 'info@happymusic.example' } }, { credential }),
			bill(
				'Create Bill',
				'bill',
				'create',
				{
					vendorId: byId('={{ $json.id }}'),
					dueDate: '2026-12-31T00:00:00.000Z',
					invoice: { invoiceNumber: '={{ "AP-" + $execution.id }}', invoiceDate: '2026-12-01' },
					billLineItems: { values: [{ amount: 149, description: 'USB audio interface' }, { amount: 80, description: 'Drum pedal' }] },
				},
				{ credential },
			),
			...(withDocument
				? [
						code(
							'Invoice PDF',
							`return [{ json: { billId: $('Create Bill').first().json.id }, binary: { invoice: { data: '${PDF.toString('base64')}', mimeType: 'application/pdf', fileName: 'invoice-202501.pdf' } } }];`,
						),
						// waits for BILL to process the upload (the node polls the upload status)
						bill('Upload Document', 'document', 'upload', { billId: byId('={{ $json.billId }}'), binaryPropertyName: 'invoice' }, { credential }),
						bill('Download Document', 'document', 'download', { documentId: '={{ $json.documentId }}', binaryPropertyName: 'file' }, { credential }),
						code(
							'Read Download',
							"const buffer = await this.helpers.getBinaryDataBuffer(0, 'file');\n" +
								"const file = $input.first().binary.file;\n" +
								'return [{ json: { base64: buffer.toString("base64"), fileName: file.fileName, mimeType: file.mimeType } }];',
						),
					]
				: []),
			bill(
				'Pay Bill',
				'payment',
				'create',
				{
					amount: "={{ $('Create Bill').first().json.amount }}",
					fundingAccount: bankFunding,
					processingOptions: { requestPayFaster: false, requestCheckDeliveryType: 'STANDARD' },
					additionalFields: { billId: byId(billId), description: 'Invoice 202501' },
				},
				{ credential },
			),
			bill('Get Bill', 'bill', 'get', { billId: byId(billId) }, { credential }),
		];
		return { name: `AP journey (${credential})`, nodes, connections: chain(...nodes.map((n) => n.name)) };
	};
	const invoiceId = "={{ $('Create Invoice').first().json.id }}";
	const ar: E2EWorkflow = {
		name: 'AR journey',
		nodes: [
			manual(),
			bill('Create Customer', 'customer', 'create', { name: 'Paperless Band', email: 'contact@paperlessband.org', additionalFields: { accountType: 'BUSINESS' } }),
			bill('Create Invoice', 'invoice', 'create', {
				customer: { id: '={{ $json.id }}' },
				invoiceLineItems: { values: [{ description: 'Drum sticks', quantity: 2, price: 14.99 }, { description: 'Guitar picks', quantity: 1, price: 50 }] },
				additionalFields: { invoiceNumber: '={{ "AR-" + $execution.id }}', dueDate: '2026-12-31T00:00:00.000Z' },
			}),
			bill('Send Invoice', 'invoice', 'send', { invoiceId: byId(invoiceId), recipient: { to: 'ap@paperlessband.org' }, replyTo: { userId: SEED.userId } }),
			bill('Record Payment', 'invoice', 'recordPayment', {
				amount: 79.98,
				paymentDate: '2026-01-15',
				paymentType: 'CHECK',
				invoices: { values: [{ id: invoiceId, amount: 79.98 }] },
				additionalFields: { customerId: "={{ $('Create Customer').first().json.id }}" },
			}),
			bill('Get Invoice', 'invoice', 'get', { invoiceId: byId(invoiceId) }),
		],
		connections: chain('Manual', 'Create Customer', 'Create Invoice', 'Send Invoice', 'Record Payment', 'Get Invoice'),
	};
	const pagesAndBulk: E2EWorkflow = {
		name: 'Return All and Create Many',
		nodes: [
			manual(),
			bill('List Vendors', 'vendor', 'getAll', { returnAll: true }),
			code(
				'150 Bills',
				'return $input.all().slice(0, 150).map((item, n) => ({ json: { vendorId: item.json.id, n, amount: n + 1 } }));',
			),
			bill('Create Bills', 'bill', 'createMany', {
				vendorId: '={{ $json.vendorId }}',
				dueDate: '2026-12-31',
				invoice: { invoiceNumber: '={{ "BULK-" + $json.n }}', invoiceDate: '2026-12-01' },
				billLineItems: { values: [{ amount: '={{ $json.amount }}', description: 'Line' }] },
			}),
		],
		connections: chain('Manual', 'List Vendors', '150 Bills', 'Create Bills'),
	};
	const spendAndPartner: E2EWorkflow = {
		name: 'S&E and partner',
		nodes: [
			manual(),
			bill('Current S&E User', 'spendUser', 'getCurrent'),
			bill('Partner Organizations', 'partnerOrganization', 'getAll', { returnAll: true }),
		],
		connections: chain('Manual', 'Current S&E User', 'Partner Organizations'),
	};
	const expiry: E2EWorkflow = {
		name: 'Session expiry',
		nodes: [
			manual(),
			bill('List Vendors', 'vendor', 'getAll', { returnAll: true }, { executeOnce: true }),
			bill('Create Vendor', 'vendor', 'create', { name: '={{ "After expiry " + $execution.id }}', address }, { executeOnce: true }),
		],
		connections: chain('Manual', 'List Vendors', 'Create Vendor'),
	};
	return { apMfa: ap('billApiMfa', true), apPlain: ap('billApi', false), ar, pagesAndBulk, spendAndPartner, expiry };
}

beforeAll(async () => {
	// Bill documents are processed at once here; BILL's few minutes are tested in test/node/accounts-payable.test.ts.
	emu = new BillEmulator({ documentProcessing: { ...INSTANT_DOCUMENT_PROCESSING } });
	const base = await emu.start();
	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	await n8n.importCredentials(e2eCredentials(base));
	const all = workflows();
	const imported = await n8n.importWorkflows(Object.values(all));
	Object.keys(all).forEach((key, i) => (ids[key] = imported[i]));
});

afterAll(async () => {
	await n8n?.dispose();
	await emu?.stop();
});

/** Runs a workflow and returns the run with the emulator's logins and requests during it. */
async function run(key: string) {
	const logins = emu.counters.logins;
	const from = emu.requestLog.length;
	const result = await n8n.execute(ids[key]);
	return { result, logins: emu.counters.logins - logins, from };
}

function ok(result: ExecuteResult) {
	if (!result.success) throw new Error(`execution failed: ${JSON.stringify(result.error ?? result.stderr.slice(-2000))}`);
	return result;
}

const store = (name: string) => emu.store.collection(name, SEED.organizationId);

describe('AP journey in production mode (MFA-trusted sessions required for payments)', () => {
	beforeAll(() => {
		emu.config.productionRules = true;
	});
	afterAll(() => {
		emu.config.productionRules = false;
	});

	test('with the MFA Remember Me ID: vendor → bill → document round trip → payment, one login', async () => {
		const { result, logins, from } = await run('apMfa');
		ok(result);
		const vendor = result.byNode['Create Vendor'][0].json;
		const bill = result.byNode['Create Bill'][0].json;
		expect(vendor).toMatchObject({ name: 'Happy Music Supplies', id: expect.stringMatching(/^009/) });
		expect(bill).toMatchObject({ vendorId: vendor.id, amount: 229, dueAmount: 229, paymentStatus: 'UNPAID' });

		// document: upload 0du… processed into document 00h…, downloaded byte for byte
		expect(result.byNode['Upload Document'][0].json).toMatchObject({
			status: 'UPLOADED',
			uploadId: expect.stringMatching(/^0du/),
			documentId: expect.stringMatching(/^00h/),
		});
		expect(requestsSince(emu.requestLog, from, 'GET', '/v3/documents/upload-status').length).toBeGreaterThanOrEqual(1);
		const download = result.byNode['Read Download'][0].json;
		expect(download).toMatchObject({ fileName: 'invoice-202501.pdf', mimeType: 'application/pdf' });
		expect(Buffer.compare(Buffer.from(String(download.base64), 'base64'), PDF)).toBe(0);

		expect(result.byNode['Pay Bill'][0].json).toMatchObject({ billId: bill.id, vendorId: vendor.id, amount: 229, status: 'PAID', fundingAccount: bankFunding });
		expect(result.output[0].json).toMatchObject({ id: bill.id, paidAmount: 229, dueAmount: 0, paymentStatus: 'PAID' });

		expect(logins).toBe(1);
		const payments = requestsSince(emu.requestLog, from, 'POST', '/v3/payments');
		expect(payments.map((e) => e.status)).toEqual([201]);
		expect(requestsSince(emu.requestLog, from).filter((e) => e.status >= 400)).toEqual([]);
	});

	test('without it: the payment is refused with the MFA explanation and the bill stays unpaid', async () => {
		const { result, from } = await run('apPlain');
		expect(result.success).toBe(false);
		expect(result.run?.data.resultData.lastNodeExecuted).toBe('Pay Bill');
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/MFA-trusted session.*MFA Remember Me ID/s);
		const payments = requestsSince(emu.requestLog, from, 'POST', '/v3/payments');
		expect(payments.map((e) => [e.status, e.code])).toEqual([[403, 'BDC_1361']]);
		const billId = String(result.byNode['Create Bill'][0].json.id);
		expect(store(AP.bills).get(billId)).toMatchObject({ paymentStatus: 'UNPAID', dueAmount: 229 });
	});
});

test('AR journey: customer → invoice → send → record payment, the invoice is paid', async () => {
	const { result, logins } = await run('ar');
	ok(result);
	const customer = result.byNode['Create Customer'][0].json;
	const invoice = result.byNode['Create Invoice'][0].json;
	expect(invoice).toMatchObject({ customerId: customer.id, totalAmount: 79.98, dueAmount: 79.98, status: 'OPEN' });
	expect(result.byNode['Send Invoice'][0].json).toEqual({ success: true });
	expect(sentEmails(emu).filter((m) => m.invoiceId === invoice.id).map((m) => m.to)).toEqual([['ap@paperlessband.org']]);
	expect(result.byNode['Record Payment'][0].json).toMatchObject({ customerId: customer.id, amount: 79.98, paymentType: 'CHECK' });
	expect(result.output[0].json).toMatchObject({ id: invoice.id, status: 'PAID', dueAmount: 0 });
	// the plain credential signed in during the previous execution: its stored session is reused
	expect(logins).toBe(0);
});

test('Return All reads 250+ vendors in 3 pages; Create Many sends 150 bills in 2 bulk requests', async () => {
	for (let i = 0; i < 250; i++) store(AP.vendors).insert({ name: `Seeded vendor ${i}`, address }, { prefix: '009' });
	const vendors = store(AP.vendors).size;
	expect(vendors).toBeGreaterThan(250);
	expect(vendors).toBeLessThanOrEqual(300);
	const bills = store(AP.bills).size;

	const { result, from } = await run('pagesAndBulk');
	ok(result);
	expect(result.byNode['List Vendors']).toHaveLength(vendors);
	expect(new Set(result.byNode['List Vendors'].map((i) => i.json.id)).size).toBe(vendors);
	expect(requestsSince(emu.requestLog, from, 'GET', '/v3/vendors').map((e) => e.status)).toEqual([200, 200, 200]);

	expect(result.output).toHaveLength(150);
	expect(requestsSince(emu.requestLog, from, 'POST', '/v3/bills/bulk').map((e) => e.status)).toEqual([201, 201]);
	result.output.forEach((item, n) => expect(item.json).toMatchObject({ amount: n + 1, invoice: { invoiceNumber: `BULK-${n}` } }));
	expect(new Set(result.output.map((i) => i.json.id)).size).toBe(150);
	expect(store(AP.bills).size - bills).toBe(150);
});

test('a Spend & Expense call (API token) and a partner call (partner session)', async () => {
	const partnerLogins = emu.counters.partnerLogins;
	const { result, from } = await run('spendAndPartner');
	ok(result);
	expect(result.byNode['Current S&E User'][0].json).toMatchObject({ role: 'ADMIN' });
	const spend = requestsSince(emu.requestLog, from, 'GET', /^\/v3\/spend\//);
	expect(spend.map((e) => [e.auth, e.status])).toEqual([['spend', 200]]);
	expect(result.output.map((i) => i.json.id).sort()).toEqual([SEED.organizationId, SEED.organizationId2]);
	expect(requestsSince(emu.requestLog, from, 'GET', /^\/v3\/partner\/organizations/).map((e) => [e.auth, e.status])).toEqual([['partner', 200]]);
	expect(emu.counters.partnerLogins - partnerLogins).toBe(1);
});

describe('session lifetime across executions', () => {
	/** GET /v3/vendors as usual, but every session expires right after the second page. */
	function expireAfterSecondPage(): { pages: number } {
		const state = { pages: 0 };
		const handler: CustomHandler = {
			method: 'GET',
			path: '/v3/vendors',
			handle(req, e: BillEmulator) {
				const response = e.generic(req);
				if (++state.pages === 2) e.expireAllSessions();
				return response;
			},
		};
		emu.addHandler(handler);
		return state;
	}

	test('the session expires halfway through Return All: the run succeeds with exactly one extra login', async () => {
		const before = (await n8n.exportCredentials()).find((c) => c.id === E2E_CREDS.billApi.id)?.data.sessionToken;
		expect(String(before ?? '')).not.toBe('');
		const hook = expireAfterSecondPage();
		try {
			const { result, logins, from } = await run('expiry');
			ok(result);
			expect(logins).toBe(1);
			const pages = requestsSince(emu.requestLog, from, 'GET', '/v3/vendors');
			// pages 1 and 2, page 3 refused (BDC_1109), sign in, page 3 again
			expect(pages.map((e) => [e.status, e.code])).toEqual([
				[200, undefined],
				[200, undefined],
				[401, 'BDC_1109'],
				[200, undefined],
			]);
			expect(pages[3].query).toEqual(pages[2].query);
			expect(result.byNode['List Vendors'].length).toBe(store(AP.vendors).size - 1);
			expect(result.output[0].json).toMatchObject({ name: expect.stringMatching(/^After expiry/), id: expect.stringMatching(/^009/) });
			expect(requestsSince(emu.requestLog, from, 'POST', '/v3/vendors').map((e) => e.status)).toEqual([201]);
		} finally {
			emu.addHandler({ method: 'GET', path: '/v3/vendors', handle: (req, e: BillEmulator) => e.generic(req) });
		}
		expect(hook.pages).toBe(3);
		const after = (await n8n.exportCredentials()).find((c) => c.id === E2E_CREDS.billApi.id)?.data.sessionToken;
		expect(String(after ?? '')).not.toBe('');
		expect(after).not.toBe(before);
	});

	test('the next execution reuses the session n8n stored: zero logins, no refused request', async () => {
		const { result, logins, from } = await run('expiry');
		ok(result);
		expect(logins).toBe(0);
		expect(requestsSince(emu.requestLog, from).filter((e) => e.status >= 400)).toEqual([]);
		expect(requestsSince(emu.requestLog, from, 'GET', '/v3/vendors')).toHaveLength(3);
	});
});
