/**
 * The emulator's Connect core handlers (test/emulator/resources/*.ts, shared rules in test/emulator/family/connect.ts), over HTTP: BILL's rules
 * the workflow tests do not reach (refusals, limits, single-use challenges, admin role, …).
 */
import axios, { type AxiosInstance } from 'axios';

import { SEED } from '../server';
import { useEmulator } from '../../support/emulator-http';
import { MESSAGES_PER_MINUTE, MFA_CODE, NETWORK_DIRECTORY, sentEmails } from '../family/connect';

const emu = useEmulator();
let http: AxiosInstance;

beforeAll(() => {
	http = axios.create({ baseURL: emu.connectUrl, validateStatus: () => true });
});
beforeEach(() => {
	emu.reset();
});

async function signIn(extra: Record<string, string> = {}) {
	const r = await http.post('/v3/login', { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey, ...extra });
	expect(r.status).toBe(200);
	const headers = { devKey: SEED.devKey, sessionId: r.data.sessionId as string };
	const call = async (method: string, url: string, data?: unknown, params?: Record<string, string>) => http.request({ method, url, data, params, headers });
	return { call, sessionId: r.data.sessionId as string, trusted: r.data.trusted as boolean };
}

const code = (r: { data: unknown }) => (Array.isArray(r.data) ? (r.data[0] as { code: string }).code : undefined);

async function customerWithInvoice(call: Awaited<ReturnType<typeof signIn>>['call'], lines = [{ quantity: 1, price: 100 }]) {
	const c = await call('POST', '/v3/customers', { name: `C ${Math.random()}`, email: 'c@example.com' });
	expect(c.status).toBe(201);
	const i = await call('POST', '/v3/invoices', { customer: { id: c.data.id }, invoiceLineItems: lines });
	expect(i.status).toBe(201);
	return { customer: c.data, invoice: i.data };
}

describe('invoices', () => {
	test('totals, default number and dates; unknown customers and classifications are refused', async () => {
		const { call } = await signIn();
		const { invoice } = await customerWithInvoice(call, [
			{ quantity: 2, price: 14.99 },
			{ quantity: 1, price: 50 },
		]);
		expect(invoice).toMatchObject({ totalAmount: 79.98, dueAmount: 79.98, status: 'OPEN', archived: false });
		expect(invoice.invoiceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(code(await call('POST', '/v3/invoices', { customer: { id: '0cu01NOSUCHCUSTOMR' }, invoiceLineItems: [{ quantity: 1 }] }))).toBe('BDC_1129');
		const badLine = await call('POST', '/v3/invoices', { customer: { id: invoice.customerId }, invoiceLineItems: [{ quantity: 1, classifications: { departmentId: '0de01NOSUCHDEPT000' } }] });
		expect(badLine.status).toBe(400);
		expect(JSON.stringify(badLine.data)).toContain('invoiceLineItems[0].classifications.departmentId');
		expect(code(await call('POST', '/v3/invoices', { customer: { id: invoice.customerId }, invoiceLineItems: [] }))).toBe('BDC_1129');
		expect(code(await call('POST', '/v3/invoices', { customer: { id: invoice.customerId } }))).toBe('BDC_1108');
	});

	test('record AR payment: same customer only, no overpaying an invoice, amount covers what is applied', async () => {
		const { call } = await signIn();
		const a = await customerWithInvoice(call);
		const b = await customerWithInvoice(call);
		const base = { paymentDate: '2026-01-02', paymentType: 'ACH' };
		const mixed = await call('POST', '/v3/invoices/record-payment', { ...base, amount: 20, invoices: [{ id: a.invoice.id, amount: 10 }, { id: b.invoice.id, amount: 10 }] });
		expect(JSON.stringify(mixed.data)).toContain("another customer's invoice");
		expect(code(await call('POST', '/v3/invoices/record-payment', { ...base, amount: 150, invoices: [{ id: a.invoice.id, amount: 150 }] }))).toBe('BDC_1159');
		expect(code(await call('POST', '/v3/invoices/record-payment', { ...base, amount: 5, invoices: [{ id: a.invoice.id, amount: 10 }] }))).toBe('BDC_1129');
		expect(code(await call('POST', '/v3/invoices/record-payment', { ...base, paymentType: 'BITCOIN', amount: 5, invoices: [{ id: a.invoice.id, amount: 5 }] }))).toBe('BDC_1129');
		const ok = await call('POST', '/v3/invoices/record-payment', { ...base, amount: 100, invoices: [{ id: a.invoice.id, amount: 100 }] });
		expect(ok.status).toBe(200);
		expect(ok.data.id).toMatch(/^0rp/);
		expect((await call('GET', `/v3/invoices/${a.invoice.id}`)).data).toMatchObject({ status: 'PAID', dueAmount: 0 });
		// Paid invoices cannot shrink below what was paid.
		const shrink = await call('PATCH', `/v3/invoices/${a.invoice.id}`, { invoiceLineItems: [{ id: a.invoice.invoiceLineItems[0].id, quantity: 1, price: 10 }] });
		expect(shrink.status).toBe(400);
		// Archived invoices take no payment.
		await call('POST', `/v3/invoices/${b.invoice.id}/archive`);
		expect(code(await call('POST', '/v3/invoices/record-payment', { ...base, amount: 5, invoices: [{ id: b.invoice.id, amount: 5 }] }))).toBe('BDC_1129');
	});

	test('email: valid recipients, an existing reply-to user, and BILL\'s 5 messages per minute', async () => {
		const { call } = await signIn();
		const { invoice } = await customerWithInvoice(call);
		const send = (to: unknown, userId: string = SEED.userId) => call('POST', `/v3/invoices/${invoice.id}/email`, { recipient: { to }, replyTo: { userId } });
		expect(code(await send(['not-an-email']))).toBe('BDC_1129');
		expect(code(await send([]))).toBe('BDC_1108');
		expect(code(await send(['a@example.com'], '00601NOSUCHUSER000'))).toBe('BDC_1129');
		for (let i = 0; i < MESSAGES_PER_MINUTE; i++) expect((await send(['a@example.com'])).status).toBe(200);
		const limited = await send(['a@example.com']);
		expect(limited.status).toBe(emu.config.limitErrorStatus);
		expect(JSON.stringify(limited.data)).toContain('per minute');
		expect(sentEmails(emu).filter((m) => m.invoiceId === invoice.id)).toHaveLength(MESSAGES_PER_MINUTE);
		emu.advanceTime(60_000);
		expect((await send(['a@example.com'])).status).toBe(200);
	});

	test('processingOptions.sendEmail emails the customer when the invoice is saved', async () => {
		const { call } = await signIn();
		const c = await call('POST', '/v3/customers', { name: 'Mailed', email: 'mailed@example.com' });
		const i = await call('POST', '/v3/invoices', { customer: { id: c.data.id }, invoiceLineItems: [{ quantity: 1, price: 1 }], processingOptions: { sendEmail: true } });
		expect(i.status).toBe(201);
		expect(sentEmails(emu)).toEqual([expect.objectContaining({ kind: 'invoice', to: ['mailed@example.com'], invoiceId: i.data.id })]);
	});
});

describe('network', () => {
	test('BILL Network search needs whole words of 3+ characters; RPPS matches parts and ZIP codes', async () => {
		const { call } = await signIn();
		const names = async (params: Record<string, string>) => ((await call('GET', '/v3/network', undefined, params)).data.results as Array<{ name: string }>).map((r) => r.name);
		expect(await names({ name: 'Music' })).toEqual(['Happy Music Supplies']);
		expect(await names({ name: 'Mus' })).toEqual([]);
		expect(await names({ name: 'pacific', scope: 'RPPS' })).toEqual(['Pacific Gas and Electric']);
		expect(await names({ name: 'pacific', scope: 'RPPS', zipOrPostalCode: '10001' })).toEqual([]);
		expect(await names({ name: 'Band', scope: 'ALL' })).toEqual(['Paperless Band']);
		expect(code(await call('GET', '/v3/network', undefined, { name: 'x', scope: 'MOON' }))).toBe('BDC_1129');
		expect(code(await call('GET', '/v3/network'))).toBe('BDC_1108');
	});

	test('one connection request at a time; no disconnecting while a payment is scheduled', async () => {
		const { call } = await signIn();
		const v = await call('POST', '/v3/vendors', { name: 'Happy', address: { line1: '1 Main', city: 'San Jose', zipOrPostalCode: '95002', country: 'US' } });
		const happy = NETWORK_DIRECTORY.find((e) => e.name === 'Happy Music Supplies')!;
		const invite = () => call('POST', `/v3/network/invitation/vendor/${v.data.id}`, { networkId: happy.id, networkType: 'BILL' });
		expect((await invite()).status).toBe(200);
		expect(code(await invite())).toBe('BDC_1129');
		expect((await call('GET', `/v3/vendors/${v.data.id}`)).data.networkStatus).toBe('PENDING');
		emu.collection({ auth: { organizationId: SEED.organizationId, kind: 'org' } } as never, 'payments').insert({ vendorId: v.data.id, status: 'SCHEDULED' });
		const blocked = await call('DELETE', `/v3/network/invitation/vendor/${v.data.id}`);
		expect(blocked.status).toBe(400);
		expect(JSON.stringify(blocked.data)).toContain('Cancel the scheduled or in-process payment');
		// RPPS is for vendors only.
		const c = await call('POST', '/v3/customers', { name: 'Cust', email: 'c@example.com' });
		const rpps = NETWORK_DIRECTORY.find((e) => e.network === 'RPPS')!;
		expect(code(await call('POST', `/v3/network/invitation/customer/${c.data.id}`, { networkId: rpps.id, networkType: 'RPPS' }))).toBe('BDC_1129');
		expect((await call('GET', `/v3/network/invitation/customer/0cu01NOSUCHCUSTOMR`)).status).toBe(404);
	});
});

describe('organization, users, roles', () => {
	test('only your organization; industry from BILL\'s list; unknown fields refused', async () => {
		const { call } = await signIn();
		expect((await call('GET', `/v3/organizations/${SEED.organizationId}`)).data).toMatchObject({ id: SEED.organizationId, address: { city: 'San Jose' } });
		expect(code(await call('GET', `/v3/organizations/${SEED.organizationId2}`))).toBe('BDC_1123');
		expect(code(await call('PATCH', `/v3/organizations/${SEED.organizationId}`, { industry: 'Space Mining' }))).toBe('BDC_1129');
		expect(code(await call('PATCH', `/v3/organizations/${SEED.organizationId}`, { taxIdType: 'VAT' }))).toBe('BDC_1129');
		expect(code(await call('PATCH', `/v3/organizations/${SEED.organizationId}`, { color: 'blue' }))).toBe('BDC_1129');
		expect((await call('GET', '/v3/organizations/industries')).data.results.length).toBeGreaterThan(5);
	});

	test('users: roles must exist, emails are unique, non-administrators are refused', async () => {
		const { call } = await signIn();
		const roles = (await call('GET', '/v3/roles')).data.results as Array<{ id: string; type: string }>;
		expect(roles.map((r) => r.type)).toEqual(expect.arrayContaining(['ADMINISTRATOR', 'ACCOUNTANT', 'APPROVER', 'PAYER', 'CLERK', 'AUDITOR']));
		const clerk = roles.find((r) => r.type === 'CLERK')!;
		const user = { firstName: 'A', lastName: 'B', email: 'ab@example.com', roleId: clerk.id, acceptTermsOfService: true };
		expect((await call('POST', '/v3/users', user)).status).toBe(201);
		expect(code(await call('POST', '/v3/users', user))).toBe('BDC_1129');
		expect(code(await call('POST', '/v3/users', { ...user, email: 'x@example.com', roleId: '0po01NOSUCHROLE000' }))).toBe('BDC_1129');
		const me = (await call('GET', `/v3/users/${SEED.userId}`)).data;
		expect(me).toMatchObject({ email: SEED.username, role: { type: 'ADMINISTRATOR' } });

		// A clerk signs in: administrator-only operations are refused.
		emu.config.users.push({ username: 'clerk@example.com', password: 'pw', userId: '00601EMUCLERK00001', organizationIds: [SEED.organizationId], role: 'CLERK' });
		const r = await http.post('/v3/login', { username: 'clerk@example.com', password: 'pw', organizationId: SEED.organizationId, devKey: SEED.devKey });
		const headers = { devKey: SEED.devKey, sessionId: r.data.sessionId };
		expect((await http.get(`/v3/organizations/${SEED.organizationId}`, { headers })).status).toBe(403);
		expect((await http.post('/v3/users', { ...user, email: 'y@example.com' }, { headers })).status).toBe(403);
		emu.config.users.pop();
	});
});

describe('MFA', () => {
	test('setup → validate → challenge → validate with Remember Me: trusted now and at the next login', async () => {
		const s = await signIn();
		expect(s.trusted).toBe(false);
		const setup = await s.call('POST', '/v3/mfa/setup', { phone: '(415) 555-0142', type: 'TEXT', primary: true });
		expect(setup.data.setupId).toEqual(expect.any(String));
		expect(code(await s.call('POST', '/v3/mfa/setup/validate', { setupId: setup.data.setupId, type: 'TEXT', token: '999999' }))).toBe('BDC_1355');
		expect((await s.call('POST', '/v3/mfa/setup/validate', { setupId: setup.data.setupId, type: 'TEXT', token: MFA_CODE })).data).toEqual({ status: 'SUCCESS' });
		// A setup validates once.
		expect(code(await s.call('POST', '/v3/mfa/setup/validate', { setupId: setup.data.setupId, type: 'TEXT', token: MFA_CODE }))).toBe('BDC_1129');
		const phones = (await s.call('GET', '/v3/mfa/phones')).data.results as Array<{ last4digits: string; primary: boolean }>;
		expect(phones.filter((p) => p.primary).map((p) => p.last4digits)).toEqual(['0142']);

		const ch = await s.call('POST', '/v3/mfa/challenge', {});
		const validate = (body: Record<string, unknown>) => s.call('POST', '/v3/mfa/challenge/validate', { challengeId: ch.data.challengeId, ...body });
		expect(code(await validate({ token: MFA_CODE, rememberMe: true }))).toBe('BDC_1108');
		const ok = await validate({ token: MFA_CODE, rememberMe: true, device: 'laptop', machineName: 'ci' });
		expect(ok.data.rememberMeId).toEqual(expect.any(String));
		expect(emu.getSession(s.sessionId)?.trusted).toBe(true);
		// Challenges are single-use.
		expect(code(await validate({ token: MFA_CODE }))).toBe('BDC_1129');

		const next = await signIn({ rememberMeId: ok.data.rememberMeId, device: 'laptop' });
		expect(next.trusted).toBe(true);
		expect((await signIn({ rememberMeId: ok.data.rememberMeId, device: 'phone' })).trusted).toBe(false);

		// Reset forgets the Remember Me IDs the handlers issued (the seeded one stays).
		emu.reset();
		expect((await signIn({ rememberMeId: ok.data.rememberMeId, device: 'laptop' })).trusted).toBe(false);
		expect((await signIn({ rememberMeId: SEED.rememberMeId, device: SEED.device })).trusted).toBe(true);
	});

	test('BILL refuses backup phones since March 2026; step-up needs a valid Remember Me ID', async () => {
		const s = await signIn();
		expect((await s.call('POST', '/v3/mfa/challenge', { useBackup: true })).status).toBe(400);
		expect((await s.call('POST', '/v3/mfa/setup', { phone: '4155550111', type: 'TEXT', primary: false })).status).toBe(400);
		// `primary` may be left out (BILL makes the phone primary).
		emu.advanceTime(61_000);
		expect(typeof (await s.call('POST', '/v3/mfa/setup', { phone: '4155550112', type: 'TEXT' })).data.setupId).toBe('string');
		expect(code(await s.call('POST', '/v3/mfa/step-up', { rememberMeId: 'nope', device: SEED.device }))).toBe('BDC_1356');
		expect(emu.getSession(s.sessionId)?.trusted).toBe(false);
		expect((await s.call('POST', '/v3/mfa/step-up', { rememberMeId: SEED.rememberMeId, device: SEED.device })).data).toEqual({ trusted: true });
		expect(emu.getSession(s.sessionId)?.trusted).toBe(true);
		expect(code(await s.call('POST', '/v3/mfa/setup', { phone: '123', type: 'TEXT', primary: true }))).toBe('BDC_1129');
		expect(code(await s.call('POST', '/v3/mfa/setup', { phone: '4155550100', type: 'SMOKE', primary: true }))).toBe('BDC_1129');
	});
});

describe('risk verification', () => {
	test('not started, phone first, then in progress', async () => {
		const { call } = await signIn();
		expect((await call('GET', '/v3/risk-verifications')).data).toMatchObject({ processingStatus: 'NOT_STARTED' });
		expect((await call('POST', '/v3/risk-verifications')).status).toBe(400);
		expect(code(await call('POST', '/v3/risk-verifications/phone', { phoneNumber: '4155550100', phoneType: 'PAGER' }))).toBe('BDC_1129');
		expect((await call('POST', '/v3/risk-verifications/phone', { phoneNumber: '4155550100', phoneType: 'MOBILE' })).status).toBe(200);
		const started = await call('POST', '/v3/risk-verifications');
		expect(started.data).toMatchObject({ processingStatus: 'IN_PROGRESS', decision: 'HOLD', referenceId: expect.any(String) });
		// Initiating again reports the same verification.
		expect((await call('POST', '/v3/risk-verifications')).data.referenceId).toBe(started.data.referenceId);
	});
});
