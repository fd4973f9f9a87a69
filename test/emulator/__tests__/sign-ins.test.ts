/**
 * The emulator's OAuth client credentials and Accountant Console sign-ins (sign-ins.ts) over real
 * HTTP, as BILL's pages describe them (docs/oauth-facts.md) — independent of the node's code.
 */
import { SEED } from '../server';
import { useEmulator } from '../../support/emulator-http';

const emu = useEmulator();
let base = '';

beforeAll(() => {
	base = emu.baseUrl;
});
beforeEach(() => emu.reset());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
async function tokenRequest(fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
	const res = await fetch(`${base}/authx/token`, { method: 'POST', headers: { 'content-type': contentType }, body: contentType.includes('json') ? JSON.stringify(fields) : form(fields) });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const good = { grant_type: 'client_credentials', client_id: SEED.oauthClientId, client_secret: SEED.oauthClientSecret };
async function token(): Promise<string> {
	const r = await tokenRequest(good);
	expect(r.status).toBe(200);
	return String(r.body.access_token);
}
async function get(path: string, headers: Record<string, string>, prefix = '/connect') {
	const res = await fetch(`${base}${prefix}${path}`, { headers });
	const text = await res.text();
	return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
const codeOf = (body: unknown) => (Array.isArray(body) ? (body[0] as { code?: string }).code : undefined);

describe('POST /authx/token', () => {
	test('client credentials as form data → a bearer token with its lifetime', async () => {
		const r = await tokenRequest(good);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
		expect(String(r.body.access_token).length).toBeGreaterThan(20);
		expect(emu.signIns.tokenRequests).toBe(1);
	});
	test.each([
		['unknown client', { ...good, client_id: 'nobody' }, 401, 'invalid_client', /Unknown client/],
		['wrong secret', { ...good, client_secret: 'wrong' }, 401, 'invalid_client', /secret/],
		['another grant', { ...good, grant_type: 'password' }, 400, 'unsupported_grant_type', /client_credentials/],
		['missing secret', { grant_type: 'client_credentials', client_id: SEED.oauthClientId }, 400, 'invalid_request', /required/],
	])('%s', async (_label, fields, status, error, description) => {
		const r = await tokenRequest(fields as Record<string, string>);
		expect(r.status).toBe(status);
		expect(r.body.error).toBe(error);
		expect(String(r.body.error_description)).toMatch(description);
	});
	test('JSON instead of form data → 400 invalid_request', async () => {
		expect((await tokenRequest(good, 'application/json')).status).toBe(400);
	});
});

describe('Authorization: Bearer', () => {
	test('AP/AR and Spend & Expense with the token alone (no devKey, no sessionId, no apiToken)', async () => {
		const t = await token();
		expect((await get('/v3/vendors', { authorization: `Bearer ${t}` })).status).toBe(200);
		expect((await get('/v3/spend/budgets', { authorization: `Bearer ${t}` })).status).toBe(200);
		expect(emu.counters.logins).toBe(0);
	});
	test('the token expires with the emulator clock → 401; a new token works', async () => {
		const t = await token();
		emu.advanceTime(3600_000 + 1000);
		const r = await get('/v3/vendors', { authorization: `Bearer ${t}` });
		expect(r.status).toBe(401);
		expect(codeOf(r.body)).toBe('BDC_1109');
		expect((await get('/v3/vendors', { authorization: `Bearer ${await token()}` })).status).toBe(200);
	});
	test('webhooks and partner calls refuse OAuth tokens (BILL: not supported)', async () => {
		const t = await token();
		expect((await get('/v3/subscriptions', { authorization: `Bearer ${t}` }, '/connect-events')).status).toBe(401);
		expect((await get('/v3/partner/organizations', { authorization: `Bearer ${t}` })).status).toBe(401);
	});
	test('permissions follow the user who created the app: no S&E role → 403 on S&E, AP/AR still served', async () => {
		const t = await token();
		emu.config.users.find((u) => u.userId === SEED.userId)!.spendRole = undefined;
		try {
			expect((await get('/v3/spend/budgets', { authorization: `Bearer ${t}` })).status).toBe(403);
			expect((await get('/v3/vendors', { authorization: `Bearer ${t}` })).status).toBe(200);
		} finally {
			emu.config.users.find((u) => u.userId === SEED.userId)!.spendRole = 'ADMIN';
		}
	});
	test('a creator without AP/AR access → 403 on AP/AR', async () => {
		const t = await token();
		const user = emu.config.users.find((u) => u.userId === SEED.userId)!;
		const role = user.role;
		user.role = 'NONE';
		try {
			expect((await get('/v3/vendors', { authorization: `Bearer ${t}` })).status).toBe(403);
		} finally {
			user.role = role;
		}
	});
	test('expireTokensAfter: the next request after n accepted ones finds the token expired', async () => {
		const t = await token();
		emu.signIns.expireTokensAfter(1);
		expect((await get('/v3/vendors', { authorization: `Bearer ${t}` })).status).toBe(200);
		expect((await get('/v3/vendors', { authorization: `Bearer ${t}` })).status).toBe(401);
	});
});

describe('Accountant Console', () => {
	async function consoleLogin(organizationId: string, consoleApiToken: string = SEED.consoleApiToken) {
		const res = await fetch(`${base}/connect/v3/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: SEED.consoleUsername, consoleApiToken, devKey: SEED.devKey, organizationId }),
		});
		return { status: res.status, body: (await res.json()) as Record<string, unknown> | Array<Record<string, unknown>> };
	}
	test('POST /v3/login with a Console API token → an organization session in the client organization', async () => {
		const r = await consoleLogin(SEED.clientOrganizationId2);
		expect(r.status).toBe(200);
		const { sessionId } = r.body as Record<string, string>;
		const info = await get('/v3/login/session', { devKey: SEED.devKey, sessionId });
		expect(info.body).toMatchObject({ organizationId: SEED.clientOrganizationId2 });
	});
	test('a wrong Console token → BDC_1101; an organization the Console does not reach → BDC_1123', async () => {
		expect(codeOf((await consoleLogin(SEED.clientOrganizationId, 'wrong')).body)).toBe('BDC_1101');
		expect(codeOf((await consoleLogin(SEED.organizationId)).body)).toBe('BDC_1123');
	});
	test('GET /v3/login/organizations: the client organizations with their console organization, 100 per page', async () => {
		const { sessionId } = (await consoleLogin(SEED.clientOrganizationId)).body as Record<string, string>;
		const first = await get('/v3/login/organizations?max=1', { devKey: SEED.devKey, sessionId });
		const page1 = first.body as { results: Array<Record<string, string>>; nextPage?: string };
		expect(page1.results).toHaveLength(1);
		expect(page1.results[0]).toMatchObject({ organizationId: SEED.clientOrganizationId, consoleOrganizationId: SEED.consoleOrganizationId });
		const second = (await get(`/v3/login/organizations?max=1&page=${page1.nextPage}`, { devKey: SEED.devKey, sessionId })).body as { results: Array<Record<string, string>>; nextPage?: string };
		expect(second.results.map((o) => o.organizationId)).toEqual([SEED.clientOrganizationId2]);
		expect(second.nextPage).toBeUndefined();
	});
});
