/**
 * A BILL partner through real n8n workflows against the emulator: create an organization, give it
 * a user (role from the organization's roles, phone for risk verification), check the sign-in as
 * that user, then work in the organization as that user with a BILL API credential in
 * "Partner: Log In as User" mode — and no session ever reaches the node's output.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../emulator/server';
import { byId, CRED_IDS, credentialsFor, useBill } from '../support/bill';

const t = useBill({}, { resetEach: true });

const json = (r: { output: Array<{ json: IDataObject }> }, i = 0) => r.output[i].json;

const ok = (resource: string, operation: string, params: IDataObject = {}) => t.runOk(resource, operation, params);

/** Creates an organization with an administrator user, as a partner would. */
async function newOrganizationWithUser() {
	const org = json(
		await ok('partnerOrganization', 'create', {
			name: 'Rice Cakes Inc',
			address: { line1: '987 Home St', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' },
			additionalFields: { phone: '4155550199', companyOwner: { name: 'Noodle Soupsmith', dateOfBirth: '1985-01-01' }, taxIdType: 'EIN', taxId: '999888777' },
		}),
	);
	expect(org.id).toMatch(/^008/);
	const roles = await ok('partnerRole', 'getAll', { organizationId: byId(String(org.id)), returnAll: true });
	const admin = roles.output.map((o) => o.json).find((r) => r.type === 'ADMINISTRATOR')!;
	expect(admin.id).toMatch(/^0po/);
	const user = json(
		await ok('partnerUser', 'create', {
			organizationId: byId(String(org.id)),
			firstName: 'Tomato',
			email: 'tsoupsmith@ricecakes.org',
			username: 'tsoupsmith',
			acceptTermsOfService: true,
			additionalFields: { lastName: 'Soupsmith', roleId: String(admin.id) },
		}),
	);
	expect(user).toMatchObject({ firstName: 'Tomato', lastName: 'Soupsmith', archived: false, role: { id: admin.id, type: 'ADMINISTRATOR' } });
	expect(user.id).toMatch(/^006/);
	return { org, user, admin };
}

describe('partner: organization, user, log in as the user', () => {
	it('creates an organization and a user, then works in it as that user through the credential', async () => {
		const { org, user } = await newOrganizationWithUser();

		// Every partner user/role call carried the organization in the organizationId header.
		const scoped = t.emu.requestLog.filter((e) => /^\/v3\/partner\/(users|roles)/.test(e.path));
		expect(scoped.length).toBeGreaterThanOrEqual(2);
		expect(scoped.every((e) => e.organizationId === org.id && e.status < 300)).toBe(true);

		// The organization is listed for the partner.
		const orgs = await ok('partnerOrganization', 'getAll', { returnAll: true });
		expect(orgs.output.map((o) => o.json.id)).toContain(org.id);

		// Phone for risk verification.
		const phone = await ok('partnerRiskVerification', 'addPhone', { organizationId: byId(String(org.id)), userId: String(user.id), phoneNumber: '(415) 555-0123', phoneType: 'MOBILE' });
		expect(json(phone)).toEqual({ success: true });

		// Log In as User: BILL answers a session; the node outputs only what is not secret.
		const check = await ok('partnerSession', 'loginAsUser', { organizationId: byId(String(org.id)), userId: String(user.id) });
		expect(json(check).trusted).toBe(false);
		expect(json(check)).not.toHaveProperty('sessionId');
		expect(JSON.stringify(check.output)).not.toMatch(/sessionId/i);
		expect(t.emu.counters.loginsAsUser).toBe(1);

		// Working in the organization as the user: a BILL API credential in "Partner: Log In as User" mode.
		const asUser = 'cred-as-user';
		const base = credentialsFor(t.base);
		const credentials = {
			...base,
			[asUser]: {
				type: 'billApi',
				name: 'BILL as Tomato',
				data: {
					...base[CRED_IDS.billApi].data,
					loginType: 'partnerLoginAsUser',
					partnerUsername: SEED.partnerUsername,
					partnerPassword: SEED.partnerPassword,
					appApiKey: SEED.appKey,
					userId: String(user.id),
					organizationId: String(org.id),
					sessionToken: '',
				},
			},
		};
		const node = (name: string, resource: string, operation: string, parameters: IDataObject = {}) => ({
			...t.billNode(resource, operation, parameters as never, name),
			credentials: { billApi: { id: asUser, name: 'BILL as Tomato' } },
		});
		const before = t.emu.counters.loginsAsUser;
		const run = await t.harness.run({
			nodes: [
				{ name: 'Start', type: 'harnessStart', parameters: {} },
				node('Initiate', 'riskVerification', 'initiate'),
				node('Status', 'riskVerification', 'get'),
			],
			connections: {
				Start: { main: [[{ node: 'Initiate', type: 'main', index: 0 }]] },
				Initiate: { main: [[{ node: 'Status', type: 'main', index: 0 }]] },
			},
			credentials,
		});
		if (!run.success) throw new Error(`${run.error?.message} ${run.error?.description ?? ''}`);
		expect(run.byNode.Status[0].json).toMatchObject({ processingStatus: 'IN_PROGRESS' });
		// One partner sign-in + log in as user for both nodes; the calls ran in the new organization.
		expect(t.emu.counters.loginsAsUser - before).toBe(1);
		const orgCalls = t.emu.requestLog.filter((e) => e.path === '/v3/risk-verifications');
		expect(orgCalls.map((e) => [e.method, e.organizationId, e.auth, e.status])).toEqual([
			['POST', org.id, 'org', 200],
			['GET', org.id, 'org', 200],
		]);
		expect(JSON.stringify(run.byNode)).not.toMatch(/sessionId/i);
	});

	it('manages users of the organization: update, archive, restore, roles', async () => {
		const { org, user } = await newOrganizationWithUser();
		const roles = await ok('partnerRole', 'getAll', { organizationId: byId(String(org.id)), returnAll: true });
		const approver = roles.output.map((o) => o.json).find((r) => r.type === 'APPROVER')!;
		const role = json(await ok('partnerRole', 'get', { organizationId: byId(String(org.id)), roleId: String(approver.id) }));
		expect(role).toMatchObject({ id: approver.id, type: 'APPROVER' });

		const updated = json(await ok('partnerUser', 'update', { organizationId: byId(String(org.id)), userId: String(user.id), updateFields: { lastName: 'Soupsmithson', roleId: String(approver.id) } }));
		expect(updated).toMatchObject({ lastName: 'Soupsmithson', role: { type: 'APPROVER' } });
		expect(json(await ok('partnerUser', 'archive', { organizationId: byId(String(org.id)), userId: String(user.id) })).archived).toBe(true);
		expect(json(await ok('partnerUser', 'restore', { organizationId: byId(String(org.id)), userId: String(user.id) })).archived).toBe(false);
		const users = await ok('partnerUser', 'getAll', { organizationId: byId(String(org.id)), returnAll: true });
		expect(users.output.map((o) => o.json.email)).toEqual(['tsoupsmith@ricecakes.org']);

		// The organization's own user list (signed in to the seeded org) does not see this org's users.
		expect(t.emu.store.collection('users', SEED.organizationId).get(String(user.id))).toBeUndefined();

		const plan = await ok('partnerOrganization', 'updatePricePlan', { organizationId: byId(String(org.id)), pricePlanType: 'PricePlan1' });
		expect(json(plan)).toEqual({ status: 'SUCCESS' });
	});

	it('refuses a user without accepted terms and an organization the partner does not own', async () => {
		const { org } = await newOrganizationWithUser();
		const r = await t.runOp('partnerUser', 'create', {
			organizationId: byId(String(org.id)),
			firstName: 'No',
			email: 'no@ricecakes.org',
			username: 'no',
			acceptTermsOfService: false,
		} as never);
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/acceptTermsOfService/);

		const foreign = await t.runOp('partnerUser', 'getAll', { organizationId: byId('00801NOTMINE00001'), returnAll: true } as never);
		expect(foreign.success).toBe(false);
		expect(foreign.error?.message).toMatch(/BDC_1123/);
	});

	it('lets BILL refuse partner user calls without the organizationId header', async () => {
		const login = await fetch(`${t.emu.connectUrl}/v3/partner/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey }),
		});
		const { sessionId } = (await login.json()) as { sessionId: string };
		const res = await fetch(`${t.emu.connectUrl}/v3/partner/users`, { headers: { sessionId, appKey: SEED.appKey } });
		expect(res.status).toBe(400);
		const body = (await res.json()) as Array<{ code: string; message: string }>;
		expect(body[0]).toMatchObject({ code: 'BDC_1108' });
		expect(body[0].message).toMatch(/organizationId/);
	});

	it('forgets organizations created by partners on reset', async () => {
		const { org } = await newOrganizationWithUser();
		expect(t.emu.config.organizations.some((o) => o.id === org.id)).toBe(true);
		t.emu.reset();
		expect(t.emu.config.organizations.some((o) => o.id === org.id)).toBe(false);
		expect(t.emu.config.partners[0].organizationIds).toEqual([SEED.organizationId, SEED.organizationId2]);
	});
});
