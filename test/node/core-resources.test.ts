/**
 * Workflow tests for the Connect core resources (AR, classifications, network, organization,
 * users, roles, session, MFA, risk verification, health): real workflows on n8n-core with the BILL
 * node against the emulator.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SEED } from '../emulator/server';
import { MFA_CODE, sentEmails } from '../emulator/family/connect';
import { RISK_REVIEW_MS } from '../emulator/resources/riskVerification';
import { byId, CRED_IDS, useBill } from '../support/bill';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { resources } from '../../nodes/Bill/resources';

/** The seven classifications: the resources under `/v3/classifications/`. */
const classificationResources = resources.filter((r) => r.operations.every((o) => o.path.startsWith('/v3/classifications/')));

const t = useBill();
// BILL allows 5 emails/texts per minute per developer key: each test starts in a fresh minute.
beforeEach(() => {
	t.emu.advanceTime(61_000);
});

const items = (rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

/** Output JSON as the tests read it (values are passed back into node parameters). */
type Json = Record<string, any>;

/** Runs one operation and fails with BILL's / the node's message when it did not succeed. */
async function ok(resource: string, operation: string, params: INodeParameters = {}, input?: INodeExecutionData[]) {
	const r = await t.runOk(resource, operation, params, input);
	return r.output.map((i) => i.json as Json);
}

async function fails(resource: string, operation: string, params: INodeParameters = {}, input?: INodeExecutionData[]) {
	const r = await t.runOp(resource, operation, params, input);
	expect(r.success).toBe(false);
	return { message: String(r.error?.message ?? ''), description: String(r.error?.description ?? '') };
}

const requestsSince = (n: number) => t.emu.requestLog.slice(n);
const org = SEED.organizationId;

/* ------------------------------------------------------------------ AR journey */

describe('customer → invoice → send → record AR payment', () => {
	test('the whole journey, with line items and classifications, keeps BILL\'s amounts and status', async () => {
		const [coa] = await ok('chartOfAccount', 'create', { name: 'Sales', additionalFields: { account: { type: 'INCOME', number: '4000' } } });
		const [dept] = await ok('department', 'create', { name: 'Retail' });
		expect(String(coa.id)).toMatch(/^0ca/);

		const [customer] = await ok('customer', 'create', {
			name: 'Paperless Band',
			email: 'contact@paperlessband.org',
			additionalFields: {
				accountType: 'BUSINESS',
				contact: { firstName: 'Check', lastName: 'Mailworth' },
				billingAddress: { line1: '987 Side Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' },
			},
		});
		expect(customer).toMatchObject({ name: 'Paperless Band', archived: false, balance: { amount: 0 } });
		expect(String(customer.id)).toMatch(/^0cu/);

		const [invoice] = await ok('invoice', 'create', {
			customer: { id: customer.id },
			invoiceLineItems: {
				values: [
					{ description: 'Classic extreme drum sticks', quantity: 2, price: 14.99, classifications: { chartOfAccountId: coa.id, departmentId: dept.id } },
					{ description: 'Metal guitar picks (5-pack)', quantity: 1, price: 50 },
				],
			},
			additionalFields: { invoiceNumber: 'INV-202502', dueDate: '2026-12-31T00:00:00.000Z', classifications: { departmentId: dept.id } },
		});
		expect(invoice).toMatchObject({ invoiceNumber: 'INV-202502', dueDate: '2026-12-31', customerId: customer.id, totalAmount: 79.98, dueAmount: 79.98, status: 'OPEN' });
		const lines = invoice.invoiceLineItems as IDataObject[];
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatchObject({ quantity: 2, price: 14.99, classifications: { chartOfAccountId: coa.id, departmentId: dept.id } });
		expect(String(lines[0].id)).toMatch(/^00f/);

		// The request BILL received: the customer and lines nested as BILL documents them.
		const sent = t.emu.requestLog.filter((e) => e.method === 'POST' && e.path === '/v3/invoices');
		expect(sent).toHaveLength(1);

		const [sendResult] = await ok('invoice', 'send', {
			invoiceId: byId(String(invoice.id)),
			recipient: { to: 'ap@paperlessband.org, owner@paperlessband.org' },
			replyTo: { userId: SEED.userId },
		});
		expect(sendResult).toEqual({ success: true });
		expect(sentEmails(t.emu).filter((m) => m.invoiceId === invoice.id).map((m) => m.to)).toEqual([['ap@paperlessband.org', 'owner@paperlessband.org']]);

		// Partial payment first, then the rest plus an overpayment that stays as a credit.
		const [partial] = await ok('invoice', 'recordPayment', {
			amount: 50,
			paymentDate: '2026-01-15',
			paymentType: 'CHECK',
			invoices: { values: [{ id: invoice.id, amount: 50 }] },
			additionalFields: { customerId: customer.id, description: 'First check' },
		});
		expect(partial).toMatchObject({ customerId: customer.id, paymentType: 'CHECK', paymentDate: '2026-01-15', amount: 50, unappliedAmount: 0 });
		expect(String(partial.id)).toMatch(/^0rp/);
		expect((await ok('invoice', 'get', { invoiceId: byId(String(invoice.id)) }))[0]).toMatchObject({ status: 'PARTIAL_PAYMENT', dueAmount: 29.98 });
		expect((await ok('customer', 'get', { customerId: byId(String(customer.id)) }))[0]).toMatchObject({ balance: { amount: 29.98 } });

		const [rest] = await ok('invoice', 'recordPayment', {
			amount: 40,
			paymentDate: '2026-01-20',
			paymentType: 'CREDIT_CARD',
			invoices: { values: [{ id: invoice.id, amount: 29.98 }] },
		});
		expect(rest).toMatchObject({ amount: 40, unappliedAmount: 10.02 });
		const [paid] = await ok('invoice', 'get', { invoiceId: byId(String(invoice.id)) });
		expect(paid).toMatchObject({ status: 'PAID', dueAmount: 0, totalAmount: 79.98 });
		expect((paid.payments as IDataObject[]).map((p) => p.amount)).toEqual([50, 29.98]);
		expect((await ok('customer', 'get', { customerId: byId(String(customer.id)) }))[0]).toMatchObject({ balance: { amount: -10.02 } });

		// Simplify keeps the fields an overview needs.
		const [simple] = await ok('invoice', 'get', { invoiceId: byId(String(invoice.id)), simplify: true });
		expect(Object.keys(simple).sort()).toEqual(['archived', 'customerId', 'dueAmount', 'dueDate', 'id', 'invoiceDate', 'invoiceNumber', 'recordStatus', 'status', 'totalAmount']);
	});

	test('update changes one line, replace removes the lines left out, archive and restore round-trip', async () => {
		const [customer] = await ok('customer', 'create', { name: 'Happy Drummers', email: 'ar@happydrummers.example' });
		const [inv] = await ok('invoice', 'create', {
			customer: { id: customer.id },
			invoiceLineItems: { values: [{ description: 'Sticks', quantity: 2, price: 10 }, { description: 'Picks', quantity: 1, price: 5 }] },
		});
		const [l1, l2] = inv.invoiceLineItems as Json[];
		const [updated] = await ok('invoice', 'update', {
			invoiceId: byId(String(inv.id)),
			// n8n sends every number of a line (unset ones as 0): the price goes with the quantity.
			updateFields: { invoiceLineItems: { values: [{ id: l1.id, quantity: 3, price: 10 }] } },
		});
		expect(updated.totalAmount).toBe(35);
		expect((updated.invoiceLineItems as IDataObject[]).map((l) => l.id)).toEqual([l1.id, l2.id]);

		const [replaced] = await ok('invoice', 'replace', {
			invoiceId: byId(String(inv.id)),
			customer: { id: customer.id },
			invoiceLineItems: { values: [{ id: l2.id, quantity: 1, price: 5 }, { description: 'Gloves', quantity: 1, price: 29.99 }] },
		});
		const replacedLines = replaced.invoiceLineItems as IDataObject[];
		expect(replacedLines.map((l) => l.id)).toContain(l2.id);
		expect(replacedLines.map((l) => l.id)).not.toContain(l1.id);
		expect(replaced.totalAmount).toBe(34.99);

		expect((await ok('invoice', 'archive', { invoiceId: byId(String(inv.id)) }))[0].archived).toBe(true);
		expect((await ok('customer', 'get', { customerId: byId(String(customer.id)) }))[0]).toMatchObject({ balance: { amount: 0 } });
		expect((await ok('invoice', 'restore', { invoiceId: byId(String(inv.id)) }))[0].archived).toBe(false);
		expect((await ok('customer', 'get', { customerId: byId(String(customer.id)) }))[0]).toMatchObject({ balance: { amount: 34.99 } });

		// An invoice for a new customer given by name and email creates the customer.
		const [forNew] = await ok('invoice', 'create', {
			customer: { name: 'Walk-in Buyer', email: 'buyer@example.com' },
			invoiceLineItems: { values: [{ description: 'Strings', quantity: 1, price: 12 }] },
		});
		const [created] = await ok('customer', 'get', { customerId: byId(String(forNew.customerId)) });
		expect(created).toMatchObject({ name: 'Walk-in Buyer', email: 'buyer@example.com' });
	});
});

/* ------------------------------------------------------------------ classifications */

/** Create params per classification (required fields), and an update field. */
const CLASSIFICATION_CASES: Record<string, { create: (n: string) => INodeParameters; update: INodeParameters; check: IDataObject }> = {
	chartOfAccount: {
		create: (n) => ({ name: n, additionalFields: { account: { type: 'EXPENSE', number: '1-020' }, description: 'Prepaid expenses' } }),
		update: { updateFields: { description: 'Prepaid expenses for Q4' } },
		check: { description: 'Prepaid expenses for Q4', account: { type: 'EXPENSE', number: '1-020' } },
	},
	accountingClass: { create: (n) => ({ name: n }), update: { updateFields: { shortName: 'PS' } }, check: { shortName: 'PS' } },
	department: { create: (n) => ({ name: n }), update: { updateFields: { description: 'Sales floor' } }, check: { description: 'Sales floor' } },
	employee: { create: (n) => ({ firstName: 'James', lastName: n }), update: { updateFields: { lastName: 'Tarkowski' } }, check: { lastName: 'Tarkowski' } },
	item: {
		create: (n) => ({ name: n, type: 'SALES_TAX', additionalFields: { percentage: 3 } }),
		update: { updateFields: { percentage: 3.25 } },
		check: { type: 'SALES_TAX', percentage: 3.25 },
	},
	job: { create: (n) => ({ name: n }), update: { updateFields: { description: 'New cabinets' } }, check: { description: 'New cabinets' } },
	location: { create: (n) => ({ name: n }), update: { updateFields: { shortName: 'MAIN' } }, check: { shortName: 'MAIN' } },
};

describe.each(classificationResources.map((r) => [r.value, r] as const))('classification %s', (value, resource) => {
	const c = CLASSIFICATION_CASES[value];
	const prefix = resource.locator!.idPrefix!;
	const idParam = (id: unknown) => ({ id: byId(String(id)) });

	test('create → get → update → list → archive → restore', async () => {
		const [created] = await ok(value, 'create', c.create(`${value} one`));
		expect(String(created.id).startsWith(prefix)).toBe(true);
		expect(created.archived).toBe(false);
		const [got] = await ok(value, 'get', idParam(created.id));
		expect(got.id).toBe(created.id);
		const [updated] = await ok(value, 'update', { ...idParam(created.id), ...c.update });
		expect(updated).toMatchObject(c.check);
		const listed = await ok(value, 'getAll', { returnAll: true, filters: { filter: [{ field: 'id', operator: 'eq', value: created.id }] } });
		expect(listed.map((x) => x.id)).toEqual([created.id]);
		expect((await ok(value, 'archive', idParam(created.id)))[0].archived).toBe(true);
		const active = await ok(value, 'getAll', { returnAll: true, filters: { filter: [{ field: 'archived', operator: 'eq', value: 'false' }] } });
		expect(active.map((x) => x.id)).not.toContain(created.id);
		expect((await ok(value, 'restore', idParam(created.id)))[0].archived).toBe(false);
	});

	test('create many, update many, archive many and restore many map results back to the input items', async () => {
		const before = t.emu.requestLog.length;
		const names = ['A', 'B', 'C'].map((s) => `${value} bulk ${s}`);
		const createParams = c.create('={{ $json.name }}');
		const created = await ok(value, 'createMany', createParams, items(names.map((name) => ({ name }))));
		expect(created).toHaveLength(3);
		const nameField = value === 'employee' ? 'lastName' : 'name';
		expect(created.map((x) => x[nameField])).toEqual(names);
		const ids = created.map((x) => String(x.id));
		expect(ids.every((id) => id.startsWith(prefix))).toBe(true);

		const updateField = value === 'employee' ? 'firstName' : 'description';
		const updated = await ok(value, 'updateMany', { id: '={{ $json.id }}', updateFields: { [updateField]: '={{ "bulk " + $json.id }}' } }, items(ids.map((id) => ({ id }))));
		expect(updated.map((x) => x[updateField])).toEqual(ids.map((id) => `bulk ${id}`));

		const archived = await ok(value, 'archiveMany', { id: '={{ $json.id }}' }, items(ids.map((id) => ({ id }))));
		expect(archived.map((x) => [x.id, x.archived])).toEqual(ids.map((id) => [id, true]));
		const restored = await ok(value, 'restoreMany', { id: '={{ $json.id }}' }, items(ids.map((id) => ({ id }))));
		expect(restored.map((x) => [x.id, x.archived])).toEqual(ids.map((id) => [id, false]));

		// One request per bulk operation, the IDs in one `ids` query.
		const calls = requestsSince(before).filter((e) => e.path.includes('/bulk'));
		expect(calls.map((e) => `${e.method} ${e.path.replace(/.*\/bulk/, '/bulk')}`)).toEqual(['POST /bulk', 'PATCH /bulk', 'POST /bulk/archive', 'POST /bulk/restore']);
		expect(calls[2].query.ids).toBe(ids.join(','));
	});
});

test('item bulk create sends 120 items in 3 requests of at most 50 (BILL\'s limit)', async () => {
	const before = t.emu.requestLog.length;
	const created = await ok('item', 'createMany', { name: '={{ "Item " + $json.n }}', type: 'SERVICE' }, items(Array.from({ length: 120 }, (_, n) => ({ n }))));
	expect(created).toHaveLength(120);
	expect(created[119].name).toBe('Item 119');
	const calls = requestsSince(before).filter((e) => e.method === 'POST' && e.path === '/v3/classifications/items/bulk');
	expect(calls).toHaveLength(3);
	expect(calls.every((e) => e.status === 201)).toBe(true);
});

/* ------------------------------------------------------------------ Get Many over several pages */

describe('Get Many with Return All reads every page', () => {
	/** Puts `n` records straight into the emulator's store (fast set-up; the node only reads them). */
	function seed(collection: string, n: number, make: (i: number) => IDataObject) {
		const coll = t.emu.store.collection(collection, org);
		for (let i = 0; i < n; i++) coll.insert({ ...make(i), _seeded: true });
	}
	const cases: Array<[resource: string, collection: string, make: (i: number) => IDataObject]> = [
		['customer', 'customers', (i) => ({ name: `Paged customer ${i}`, email: `c${i}@example.com` })],
		['invoice', 'invoices', (i) => ({ invoiceNumber: `P-${i}`, totalAmount: 1, dueAmount: 1, status: 'OPEN' })],
		['user', 'users', (i) => ({ firstName: 'Paged', lastName: `User ${i}`, email: `u${i}@example.com` })],
		['role', 'roles', (i) => ({ type: 'CUSTOM', description: `Paged role ${i}` })],
		...classificationResources.map(
			(r): [string, string, (i: number) => IDataObject] => [r.value, `classifications/${r.operations.find((o) => o.operation === 'getAll')!.path.split('/').pop()}`, (i) => ({ name: `Paged ${i}`, lastName: `Paged ${i}` })],
		),
	];

	test.each(cases)('%s', async (resource, collection, make) => {
		seed(collection, 130, make);
		const total = t.emu.store.collection(collection, org).size;
		expect(total).toBeGreaterThan(100);
		const before = t.emu.requestLog.length;
		const all = await ok(resource, 'getAll', { returnAll: true });
		expect(all).toHaveLength(total);
		expect(new Set(all.map((x) => x.id)).size).toBe(total);
		const pages = requestsSince(before).filter((e) => e.method === 'GET' && e.status === 200);
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages.slice(1).every((e) => typeof e.query.page === 'string' && e.query.page.length > 0)).toBe(true);

		const limited = await ok(resource, 'getAll', { returnAll: false, limit: 7 });
		expect(limited).toHaveLength(7);
	});
});

/* ------------------------------------------------------------------ bad input */

describe('bad input gives clear messages; Continue On Fail keeps the other items', () => {
	// (An empty required field or an ID that fails the locator's pattern keeps n8n from running the
	// workflow at all; from an expression they reach the node, which names the field.)
	test('a missing required field is named', async () => {
		const { message } = await fails('customer', 'create', { name: 'No Email', email: '={{ $json.email }}' });
		expect(message).toMatch(/"Email" is required/);
	});

	test('a malformed ID names the field and the prefix', async () => {
		const { message } = await fails('invoice', 'get', { invoiceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, items([{ id: '0cu01ABCDEFGHIJ1234' }]));
		expect(message).toMatch(/"Invoice" must be a BILL ID that begins with 00e/);
	});

	test('a wrong enum value lists the allowed ones', async () => {
		const r = await t.runOp('invoice', 'recordPayment', {
			amount: 1,
			paymentDate: '2026-01-01',
			paymentType: '={{ "BITCOIN" }}',
			invoices: { values: [{ id: '00e01ABCDEFGHIJ1234', amount: 1 }] },
		});
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/"Payment Type" cannot be "BITCOIN"/);
		expect(String(r.error?.description)).toContain('CASH, CHECK, CREDIT_CARD, ACH, PAYPAL, OTHER');
	});

	test('a BILL error shows BILL\'s code and message', async () => {
		const [customer] = await ok('customer', 'create', { name: 'Overpayer', email: 'over@example.com' });
		const [inv] = await ok('invoice', 'create', { customer: { id: customer.id }, invoiceLineItems: { values: [{ quantity: 1, price: 10 }] } });
		const { message, description } = await fails('invoice', 'recordPayment', {
			amount: 20,
			paymentDate: '2026-01-01',
			paymentType: 'CASH',
			invoices: { values: [{ id: inv.id, amount: 20 }] },
		});
		expect(`${message} ${description}`).toContain('BDC_1159');
		const notFound = await fails('invoice', 'get', { invoiceId: byId('00e01NOSUCHINVOICE1') });
		expect(`${notFound.message} ${notFound.description}`).toContain('BDC_1120');
	});

	test('with Continue On Fail the good items still succeed, the bad one reports its error', async () => {
		const r = await t.runOp(
			'customer',
			'create',
			{ name: '={{ $json.name }}', email: '={{ $json.email }}' },
			items([
				{ name: 'Good One', email: 'one@example.com' },
				{ name: 'Bad Email', email: 'not-an-email' },
				{ name: 'Good Two', email: 'two@example.com' },
			]),
			{ continueOnFail: true },
		);
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(3);
		expect(r.output[0].json.name).toBe('Good One');
		expect(String(r.output[1].json.error)).toContain('BDC_1129');
		expect(r.output[2].json.name).toBe('Good Two');
	});

	test('with Continue On Fail a bulk batch error stays with its items', async () => {
		const r = await t.runOp('job', 'archiveMany', { id: '={{ $json.id }}' }, items([{ id: 'job01NOSUCHJOB00001' }]), { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(String(r.output[0].json.error)).toContain('BDC_1120');
	});
});

/* ------------------------------------------------------------------ network */

describe('BILL Network', () => {
	test('search, invite a vendor, check the status, delete the connection; invite by email', async () => {
		const found = await ok('network', 'search', { name: 'Happy Music Supplies', returnAll: true });
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ name: 'Happy Music Supplies', managedBy: { email: 'info@happymusicsupplies.org' } });
		expect(await ok('network', 'search', { name: 'Happ', returnAll: true })).toEqual([]);

		const [vendor] = await ok('vendor', 'create', { name: 'Happy', address: { line1: '123 Main Street', city: 'San Jose', zipOrPostalCode: '95002', country: 'US' } });
		const vendorId = byId(String(vendor.id));
		expect((await ok('network', 'getVendorInvitation', { vendorId }))[0]).toMatchObject({ id: vendor.id, status: 'NOT_CONNECTED' });
		expect(await ok('network', 'inviteVendor', { vendorId, networkId: found[0].id, networkType: 'BILL' })).toEqual([{ success: true }]);
		expect((await ok('network', 'getVendorInvitation', { vendorId }))[0]).toMatchObject({ status: 'PENDING', networkId: found[0].id });
		expect(await ok('network', 'deleteVendorConnection', { vendorId })).toEqual([{ success: true }]);
		expect((await ok('network', 'getVendorInvitation', { vendorId }))[0]).toMatchObject({ status: 'NOT_CONNECTED' });

		expect(await ok('network', 'inviteVendorByEmail', { vendorId, email: 'ar@happy.example' })).toEqual([{ success: true }]);
		expect(sentEmails(t.emu).some((m) => m.kind === 'vendorEmailInvitation' && m.vendorId === vendor.id)).toBe(true);
	});

	test('a verified national vendor (RPPS) connects at once with its account number and address', async () => {
		const [rpps] = await ok('network', 'search', { name: 'veriz', options: { scope: 'RPPS' }, returnAll: true });
		expect(String(rpps.id)).toMatch(/^0rv/);
		const addressId = (rpps.addresses as Json[])[0].id;
		const [vendor] = await ok('vendor', 'create', { name: 'Verizon', address: { line1: 'PO Box 660108', city: 'Dallas', zipOrPostalCode: '75266', country: 'US' } });
		const refused = await fails('network', 'inviteVendor', { vendorId: byId(String(vendor.id)), networkId: rpps.id, networkType: 'RPPS' });
		expect(refused.message + refused.description).toContain('rppsInformation.accountNumber');
		await ok('network', 'inviteVendor', {
			vendorId: byId(String(vendor.id)),
			networkId: rpps.id,
			networkType: 'RPPS',
			additionalFields: { rppsInformation: { accountNumber: '1234-5678', addressId } },
		});
		expect((await ok('network', 'getVendorInvitation', { vendorId: byId(String(vendor.id)) }))[0]).toMatchObject({ status: 'CONNECTED' });
	});

	test('invite a customer (auto-connect), accept an invitation as a new vendor', async () => {
		const [customer] = await ok('customer', 'create', { name: 'Paperless', email: 'contact@paperlessband.org' });
		await ok('network', 'inviteCustomer', { customerId: byId(String(customer.id)), networkId: '0nw01EMUPAPERLESSB', networkType: 'BILL' });
		expect((await ok('network', 'getCustomerInvitation', { customerId: byId(String(customer.id)) }))[0]).toMatchObject({ status: 'CONNECTED' });
		expect(await ok('network', 'deleteCustomerConnection', { customerId: byId(String(customer.id)) })).toEqual([{ success: true }]);

		await ok('network', 'acceptInvitation', { networkId: '0nw01EMUHAPPYMUSIC', type: 'VENDOR', additionalFields: { name: 'Happy Music (network)' } });
		const vendors = await ok('vendor', 'getAll', { returnAll: true, filters: { filter: [{ field: 'name', operator: 'eq', value: 'Happy Music (network)' }] } });
		expect(vendors).toHaveLength(1);
		expect(vendors[0].networkStatus).toBe('CONNECTED');
	});
});

/* ------------------------------------------------------------------ organization, users, roles */

describe('organization, users and roles', () => {
	test('organization details, update, industries and price plan', async () => {
		const [details] = await ok('organization', 'get', { organizationId: org });
		expect(details).toMatchObject({ id: org, name: 'Emulator Org' });
		const [industries] = await ok('organization', 'getIndustries');
		expect(industries.results).toContain('Music');
		const [updated] = await ok('organization', 'update', {
			organizationId: org,
			updateFields: { industry: 'Music', address: { zipOrPostalCode: '95003' }, companyOwner: { name: 'Emma Ulator', dateOfBirth: '1980-04-01' } },
		});
		expect(updated).toMatchObject({ industry: 'Music', address: { zipOrPostalCode: '95003', city: 'San Jose' }, companyOwner: { dateOfBirth: '1980-04-01' } });
		const [plan] = await ok('organization', 'getPricePlan', { organizationId: org });
		expect(plan).toMatchObject({ name: expect.any(String), monthlyPrice: expect.any(Number) });
		expect(Array.isArray(plan.planTerms)).toBe(true);
		const other = await fails('organization', 'get', { organizationId: SEED.organizationId2 });
		expect(other.message + other.description).toContain('BDC_1123');
	});

	test('roles, and a user created, updated, archived and restored', async () => {
		const roles = await ok('role', 'getAll', { returnAll: true, filters: { filter: [{ field: 'type', operator: 'eq', value: 'CLERK' }] } });
		expect(roles).toHaveLength(1);
		const [clerk] = roles;
		expect((await ok('role', 'get', { roleId: byId(String(clerk.id)) }))[0]).toMatchObject({ type: 'CLERK' });
		const [accountant] = await ok('role', 'getAll', { returnAll: true, filters: { filter: [{ field: 'type', operator: 'eq', value: 'ACCOUNTANT' }] } });

		const [user] = await ok('user', 'create', { firstName: 'Clark', lastName: 'Billenterson', email: 'clark@example.com', roleId: clerk.id, acceptTermsOfService: true });
		expect(user).toMatchObject({ firstName: 'Clark', role: { id: clerk.id, type: 'CLERK' } });
		expect(String(user.id)).toMatch(/^006/);
		const refused = await fails('user', 'create', { firstName: 'No', lastName: 'Terms', email: 'no@example.com', roleId: clerk.id, acceptTermsOfService: false });
		expect(refused.message + refused.description).toContain('acceptTermsOfService');

		const [updated] = await ok('user', 'update', { userId: byId(String(user.id)), updateFields: { lastName: 'Billson', roleId: accountant.id } });
		expect(updated).toMatchObject({ lastName: 'Billson', role: { type: 'ACCOUNTANT' } });
		expect((await ok('user', 'archive', { userId: byId(String(user.id)) }))[0].archived).toBe(true);
		expect((await ok('user', 'restore', { userId: byId(String(user.id)) }))[0].archived).toBe(false);
		expect((await ok('user', 'get', { userId: byId(String(user.id)) }))[0]).toMatchObject({ email: 'clark@example.com' });
	});
});

/* ------------------------------------------------------------------ session, MFA, risk, health */

describe('session, MFA, risk verification and health', () => {
	test('session details, log in and log out', async () => {
		const [session] = await ok('session', 'getSession');
		expect(session).toMatchObject({ organizationId: org, userId: SEED.userId });
		const [login] = await ok('session', 'login');
		// What BILL's sign-in returns, without the session: organization, user, trusted.
		expect(login).toEqual({ organizationId: org, userId: SEED.userId, trusted: false });
		expect(JSON.stringify(login)).not.toContain('sessionId');

		const before = t.emu.counters.logins;
		expect(await ok('session', 'logout')).toEqual([{ success: true }]);
		// The next call signs in again by itself.
		const [again] = await ok('session', 'getSession');
		expect(again.userId).toBe(SEED.userId);
		expect(t.emu.counters.logins - before).toBe(1);
	});

	test('MFA setup, challenge with Remember Me, then trusted sessions from the credential', async () => {
		const [setup] = await ok('mfa', 'addPhone', { phone: '4155550199', type: 'TEXT' });
		expect(typeof setup.setupId).toBe('string');
		const wrong = await fails('mfa', 'validatePhone', { setupId: setup.setupId, type: 'TEXT', token: '000000' });
		expect(wrong.message + wrong.description).toContain('BDC_1355');
		expect((await ok('mfa', 'validatePhone', { setupId: setup.setupId, type: 'TEXT', token: MFA_CODE }))[0]).toEqual({ status: 'SUCCESS' });
		const phones = await ok('mfa', 'getPhones', { returnAll: true });
		expect(phones.map((p) => p.last4digits).sort()).toEqual(['0100', '0199']);

		const [challenge] = await ok('mfa', 'generateChallenge');
		const [validated] = await ok('mfa', 'validateChallenge', { challengeId: challenge.challengeId, token: MFA_CODE, additionalFields: { rememberMe: true, device: 'n8n-test', machineName: 'ci' } });
		const rememberMeId = String(validated.rememberMeId);
		expect(rememberMeId.length).toBeGreaterThan(10);

		// Put the Remember Me ID in the credential: the next login is MFA-trusted.
		const stored = t.harness.credentialStore.get(CRED_IDS.billApi)!;
		t.harness.credentialStore.seed(CRED_IDS.billApi, { ...stored, data: { ...stored.data, mfaRememberMeToken: rememberMeId, deviceName: 'n8n-test', sessionToken: '' } });
		resetSessionCache();
		await ok('session', 'getSession');
		const sessionId = String(t.harness.credentialStore.get(CRED_IDS.billApi)!.data.sessionToken);
		expect(t.emu.getSession(sessionId)?.trusted).toBe(true);

		// Step-up marks an untrusted session as trusted.
		const plain = t.harness.credentialStore.get(CRED_IDS.billApi)!;
		t.harness.credentialStore.seed(CRED_IDS.billApi, { ...plain, data: { ...plain.data, mfaRememberMeToken: '', deviceName: '', sessionToken: '' } });
		resetSessionCache();
		await ok('session', 'getSession');
		const untrusted = String(t.harness.credentialStore.get(CRED_IDS.billApi)!.data.sessionToken);
		expect(t.emu.getSession(untrusted)?.trusted).toBe(false);
		expect((await ok('mfa', 'stepUp', { rememberMeId, device: 'n8n-test' }))[0]).toEqual({ trusted: true });
		expect(t.emu.getSession(untrusted)?.trusted).toBe(true);
	});

	test('risk verification needs a phone, then runs to a decision', async () => {
		expect((await ok('riskVerification', 'getPhoneStatus'))[0]).toEqual({ hasPhone: false });
		const early = await fails('riskVerification', 'initiate');
		expect(early.message + early.description).toContain('phone');
		expect(await ok('riskVerification', 'addPhone', { phoneNumber: '4155550123', phoneType: 'MOBILE' })).toEqual([{ success: true }]);
		expect((await ok('riskVerification', 'getPhoneStatus'))[0]).toEqual({ hasPhone: true });
		expect((await ok('riskVerification', 'initiate'))[0]).toMatchObject({ processingStatus: 'IN_PROGRESS', decision: 'HOLD' });
		t.emu.advanceTime(RISK_REVIEW_MS);
		expect((await ok('riskVerification', 'get'))[0]).toMatchObject({ processingStatus: 'COMPLETED', decision: 'APPROVED' });
	});

	test('health check', async () => {
		const [health] = await ok('health', 'check');
		expect(health).toMatchObject({ appId: expect.any(String), appVersion: expect.any(String) });
	});
});
