/**
 * BILL's changes of 2025–2026 that the node had not followed (issue 17 §3), each through the BILL
 * node run in-process against the emulator: bills created or updated with `billApprovals: true`
 * answer with their approvers; a mass payment funded by WALLET or AP_CARD needs its processDate
 * (and a payment funded by WALLET), checked before anything is sent; bills and invoices carry
 * BILL's recordStatus (shown by Simplify), and a draft is not mistaken for an archived bill.
 */
import { SEED } from '../emulator/server';
import { byId, useBill } from '../support/bill';

const t = useBill(undefined, { resetEach: true });

const address = { line1: '1 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };

async function vendorId(): Promise<string> {
	const r = await t.runOk('vendor', 'create', { name: 'Approvals Vendor', address });
	return String(r.output[0].json.id);
}

const billParams = (vendor: string, number: string, amount: number, additionalFields: Record<string, unknown> = {}) => ({
	vendorId: byId(vendor),
	dueDate: '2026-12-31T00:00:00.000Z',
	invoice: { invoiceNumber: number, invoiceDate: '2026-12-01' },
	billLineItems: { values: [{ amount }] },
	additionalFields,
});

describe('bill approvals: billApprovals on bill create and update (BILL changelog 2025-11-05)', () => {
	test('with Include Approvers the answer has the approvers of the matching policy; without it, none yet', async () => {
		await t.runOk('billApproval', 'createPolicy', {
			policyName: 'Bills of $1,000 or more',
			rules: { values: [{ key: 'BILL_AMOUNT', op: 'gte', values: '1000' }] },
			approvers: SEED.userId,
		});
		const v = await vendorId();
		const plain = await t.runOk('bill', 'create', billParams(v, 'A-1', 1500));
		expect(plain.output[0].json.approvers).toEqual([]);
		const withApprovers = await t.runOk('bill', 'create', billParams(v, 'A-2', 1500, { billApprovals: true }));
		expect(withApprovers.output[0].json).toMatchObject({ approvalStatus: 'ASSIGNED', approvers: [{ userId: SEED.userId, status: 'WAITING', approverOrder: 0 }] });
		expect(withApprovers.output[0].json).not.toHaveProperty('billApprovals');

		const updated = await t.runOk('bill', 'update', { billId: byId(String(plain.output[0].json.id)), updateFields: { description: 'checked', billApprovals: true } });
		expect(updated.output[0].json).toMatchObject({ approvalStatus: 'ASSIGNED', description: 'checked' });
	});
});

describe('processDate for WALLET and AP_CARD funding (BILL reference createmasspayment, guide ap-payments)', () => {
	const massParams = (type: string, processDate?: string) => ({
		fundingAccount: { type, ...(type === 'WALLET' ? {} : { id: 'bac01EMU0000000001' }) },
		payments: { values: [{ billId: byId('00n01EMU0000000000X'), amount: 10 }] },
		...(processDate ? { additionalFields: { processDate } } : {}),
	});

	test.each(['WALLET', 'AP_CARD'])('Create Mass Payment funded by %s without a process date is refused before sending', async (type) => {
		const from = t.emu.requestLog.length;
		const r = await t.runOp('payment', 'createMass', massParams(type));
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe(`"processDate" is required when fundingAccount.type is ${type} [item 0]`);
		expect(t.emu.requestLog.slice(from).filter((e) => e.path === '/v3/payments/mass')).toEqual([]);
	});

	test('Payment → Create funded by WALLET without a process date is refused; by a bank account it is not checked', async () => {
		const from = t.emu.requestLog.length;
		const wallet = await t.runOp('payment', 'create', { amount: 5, fundingAccount: { type: 'WALLET' }, processingOptions: { requestPayFaster: false }, additionalFields: { billId: byId('00n01EMU0000000000X') } });
		expect(wallet.error?.message).toBe('"processDate" is required when fundingAccount.type is WALLET [item 0]');
		expect(t.emu.requestLog.slice(from).filter((e) => e.path === '/v3/payments')).toEqual([]);
		const bank = await t.runOp('payment', 'create', { amount: 5, fundingAccount: { type: 'BANK_ACCOUNT', id: 'bac01EMU0000000001' }, processingOptions: { requestPayFaster: false }, additionalFields: { billId: byId('00n01EMU0000000000X') } });
		expect(bank.error?.message ?? '').not.toMatch(/processDate/);
		expect(t.emu.requestLog.slice(from).filter((e) => e.path === '/v3/payments').length).toBeGreaterThan(0);
	});

	test('the emulator refuses the same mass payment on its own (BDC_1108 processDate)', async () => {
		const login = await fetch(`${t.base}/connect/v3/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey }),
		});
		const { sessionId } = (await login.json()) as { sessionId: string };
		const res = await fetch(`${t.base}/connect/v3/payments/mass`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', devKey: SEED.devKey, sessionId },
			body: JSON.stringify({ fundingAccount: { type: 'AP_CARD', id: 'x' }, payments: [{ billId: '00n01EMU0000000000X', amount: 1 }] }),
		});
		expect(res.status).toBe(400);
		expect(JSON.stringify(await res.json())).toMatch(/BDC_1108.*processDate/);
	});
});

describe('recordStatus of bills and invoices (BILL changelog 2026-03-20)', () => {
	test('a bill is ACTIVE, INACTIVE once archived, ACTIVE again once restored; Simplify shows it', async () => {
		const v = await vendorId();
		const created = await t.runOk('bill', 'create', billParams(v, 'R-1', 10));
		const id = String(created.output[0].json.id);
		expect(created.output[0].json.recordStatus).toBe('ACTIVE');
		expect((await t.runOk('bill', 'archive', { billId: byId(id) })).output[0].json).toMatchObject({ archived: true, recordStatus: 'INACTIVE' });
		const simplified = (await t.runOk('bill', 'get', { billId: byId(id), simplify: true })).output[0].json;
		expect(simplified).toMatchObject({ archived: true, recordStatus: 'INACTIVE' });
		expect((await t.runOk('bill', 'restore', { billId: byId(id) })).output[0].json).toMatchObject({ archived: false, recordStatus: 'ACTIVE' });
	});

	test('an invoice is ACTIVE, INACTIVE once archived; Simplify shows it', async () => {
		const cu = await t.runOk('customer', 'create', { name: 'Status Customer', email: 's@c.example' });
		const inv = await t.runOk('invoice', 'create', { customer: { id: String(cu.output[0].json.id) }, invoiceLineItems: { values: [{ quantity: 1, price: 5 }] } });
		const id = String(inv.output[0].json.id);
		expect(inv.output[0].json.recordStatus).toBe('ACTIVE');
		await t.runOk('invoice', 'archive', { invoiceId: byId(id) });
		expect((await t.runOk('invoice', 'get', { invoiceId: byId(id), simplify: true })).output[0].json).toMatchObject({ archived: true, recordStatus: 'INACTIVE' });
	});

	test('the duplicate guard: a draft bill (archived, DRAFT) with the invoice number is the existing bill; a deleted draft is not', async () => {
		const v = await vendorId();
		const bills = t.emu.store.collection('bills', SEED.organizationId);
		const seed = (number: string, recordStatus: string) =>
			bills.insert({ vendorId: v, archived: true, recordStatus, invoice: { invoiceNumber: number, invoiceDate: '2026-12-01' }, amount: 10, billLineItems: [] }, { prefix: '00n' });
		const draft = seed('D-1', 'DRAFT');
		seed('D-2', 'DRAFT_DELETED');
		const r = await t.runOk('bill', 'create', { ...billParams(v, '={{ $json.number }}', 10), options: { skipExisting: true } }, [{ json: { number: 'D-1' } }, { json: { number: 'D-2' } }]);
		expect(r.output.map((o) => [o.json._operation, o.json.recordStatus])).toEqual([
			['skipped', 'DRAFT'],
			['created', 'ACTIVE'],
		]);
		expect(r.output[0].json.id).toBe(draft.id);
	});
});

describe('Organization → Update: ACH transfer rules (BILL changelog 2025-11-05)', () => {
	test('individualTransferOut / individualTransferIn are sent under processingOptions and kept', async () => {
		const r = await t.runOk('organization', 'update', {
			organizationId: SEED.organizationId,
			updateFields: { processingOptions: { individualTransferOut: true, individualTransferIn: false } },
		});
		expect(r.output[0].json.processingOptions).toMatchObject({ individualTransferOut: true, individualTransferIn: false });
		const got = await t.runOk('organization', 'get', { organizationId: SEED.organizationId });
		expect(got.output[0].json.processingOptions).toMatchObject({ individualTransferOut: true });
	});

	test('Partner → Create Organization does not offer them (BILL documents them for Update only)', async () => {
		const { Bill } = await import('../../nodes/Bill/Bill.node');
		const { effectiveParameters } = await import('../support/effective');
		const fields = (resource: string, operation: string) => {
			const params = effectiveParameters(new Bill().description, { resource, operation }) as Array<{ name: string; options?: Array<{ name: string; options?: Array<{ name: string }> }> }>;
			const groups = params.filter((p) => p.name === 'updateFields' || p.name === 'additionalFields' || p.name === 'processingOptions');
			const all = groups.flatMap((g) => (g.name === 'processingOptions' ? [g] : (g.options ?? []).filter((o) => o.name === 'processingOptions')));
			return all.flatMap((p) => (p.options ?? []).map((o) => o.name)).sort();
		};
		expect(fields('organization', 'update')).toEqual(['individualTransferIn', 'individualTransferOut', 'mailingAddressSameAsPhysical']);
		expect(fields('partnerOrganization', 'create')).toEqual(['mailingAddressSameAsPhysical']);
	});
});
