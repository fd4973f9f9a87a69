/**
 * The BILL emulator core against a real HTTP server on 127.0.0.1: authentication and sessions,
 * limits, generic routes of endpoint definitions (catalog.ts), pagination, filters, bulk, binary
 * round trip, fault injection.
 */
import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { randomBytes } from 'crypto';
import { allOperations } from '../../../nodes/Bill/resources';
import { BILL_ENDPOINTS, type EmuEndpoint } from '../catalog';
import { deriveRoute } from '../routes';
import { BillEmulator, defaultSeed, SEED, type BillEmulatorOptions } from '../server';
import type { CustomHandler } from '../types';

const http = axios.create({ validateStatus: () => true, maxBodyLength: Infinity, maxContentLength: Infinity });

/** BILL's vendor endpoints, from the emulator's catalog. */
const vendorEndpoints = BILL_ENDPOINTS.filter((e) => e.path.startsWith('/v3/vendors') && !e.path.endsWith('/bank-account'));

function ep(partial: Partial<EmuEndpoint> & Pick<EmuEndpoint, 'method' | 'path' | 'behaviour'>): EmuEndpoint {
	const api = partial.api ?? 'connect';
	return {
		api,
		base: api === 'webhooks' ? 'connect-events' : 'connect',
		source: 'reference',
		required: { body: [], query: [], headers: [] },
		pagination: 'page',
		maxPageSize: 100,
		noAuth: false,
		...partial,
	};
}

/** Endpoints made for these tests (BILL's catalog has not every shape). */
const testEndpoints: EmuEndpoint[] = [
	ep({ method: 'GET', path: '/v3/widgets', behaviour: 'list', pagination: 'page' }),
	ep({ method: 'POST', path: '/v3/widgets', behaviour: 'create', required: { body: ['name'], query: [], headers: [] } }),
	ep({ method: 'GET', path: '/v3/widgets/{widgetId}', behaviour: 'get' }),
	ep({ method: 'PUT', path: '/v3/widgets/{widgetId}', behaviour: 'replace' }),
	ep({ method: 'DELETE', path: '/v3/widgets/{widgetId}', behaviour: 'delete' }),
	ep({ method: 'POST', path: '/v3/widgets/bulk', behaviour: 'bulk-create', bulk: { limit: 3, request: { key: 'widgets' } } }),
	ep({ method: 'PATCH', path: '/v3/widgets/bulk', behaviour: 'bulk-update', bulk: { limit: 3, request: 'array' } }),
	ep({ method: 'POST', path: '/v3/widgets/bulk/archive', behaviour: 'bulk-archive', bulk: { limit: 3, request: 'idsQuery' } }),
	ep({ method: 'POST', path: '/v3/widgets/bulk/restore', behaviour: 'bulk-restore', bulk: { limit: 3, request: 'idsQuery' } }),
	ep({ method: 'POST', path: '/v3/widgets/{widgetId}/polish', behaviour: 'custom' }),
	ep({ method: 'POST', path: '/v3/widgets/{widgetId}/pay', behaviour: 'custom' }),
	ep({ method: 'GET', path: '/v3/reports/widgets/{widgetId}', behaviour: 'list', pagination: 'start' }),
	ep({ method: 'POST', path: '/v3/attachments/vendors/{vendorId}', behaviour: 'upload' }),
	ep({ method: 'GET', path: '/v3/attachments/vendors/{vendorId}', behaviour: 'list', pagination: 'page' }),
	ep({ method: 'GET', path: '/v3/attachments/{attachmentId}', behaviour: 'download' }),
	ep({ api: 'spend', method: 'GET', path: '/v3/spend/budgets', behaviour: 'list', pagination: 'nextPage' }),
	ep({ api: 'spend', method: 'POST', path: '/v3/spend/budgets', behaviour: 'create' }),
	ep({ api: 'spend', method: 'DELETE', path: '/v3/spend/budgets/{budgetId}', behaviour: 'delete' }),
	ep({ api: 'partner', method: 'GET', path: '/v3/partner/organizations', behaviour: 'list' }),
	ep({ api: 'webhooks', method: 'GET', path: '/v3/subscriptions', behaviour: 'list' }),
	ep({ api: 'webhooks', method: 'POST', path: '/v3/subscriptions', behaviour: 'create' }),
];

let emu: BillEmulator;
let connect: string;

async function startEmu(options: BillEmulatorOptions = {}): Promise<void> {
	emu = new BillEmulator({ endpoints: [...vendorEndpoints, ...testEndpoints], handlers: [], seeders: [], ...options });
	await emu.start();
	connect = emu.connectUrl;
}

afterEach(async () => {
	await emu?.stop();
});

async function login(extra: Record<string, unknown> = {}): Promise<string> {
	const r = await http.post(`${connect}/v3/login`, {
		username: SEED.username,
		password: SEED.password,
		organizationId: SEED.organizationId,
		devKey: SEED.devKey,
		...extra,
	});
	expect(r.status).toBe(200);
	return r.data.sessionId as string;
}

function orgHeaders(sessionId: string) {
	return { devKey: SEED.devKey, sessionId };
}

async function call(method: string, path: string, sessionId: string, data?: unknown, config: AxiosRequestConfig = {}): Promise<AxiosResponse> {
	return http.request({ method, url: `${connect}${path}`, data, ...config, headers: { ...orgHeaders(sessionId), ...(config.headers as object) } });
}

function expectBdc(r: AxiosResponse, status: number, code: string, message?: string | RegExp): void {
	expect(r.status).toBe(status);
	expect(Array.isArray(r.data)).toBe(true);
	expect(r.data).toHaveLength(1);
	const e = r.data[0];
	expect(Object.keys(e).sort()).toEqual(['category', 'code', 'message', 'severity', 'timestamp']);
	expect(e.code).toBe(code);
	expect(e.severity).toBe('ERROR');
	expect(['REQUEST', 'APPLICATION', 'SERVER', 'DOWNSTREAM']).toContain(e.category);
	expect(e.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
	if (typeof message === 'string') expect(e.message).toBe(message);
	else if (message) expect(e.message).toMatch(message);
}

/** Moves the emulator clock to just after the start of a fixed rate window (no test straddles a boundary). */
function alignClock(windowMs: number): void {
	emu.advanceTime(windowMs - (emu.nowMs() % windowMs) + 5);
}

function seedVendors(n: number, make: (i: number) => Record<string, unknown> = (i) => ({ name: `Vendor ${i}` })): string[] {
	const c = emu.store.collection('vendors', SEED.organizationId);
	return Array.from({ length: n }, (_, i) => c.insert(make(i)).id);
}

// ------------------------------------------------------------------------------------------------

describe('authentication and sessions', () => {
	beforeEach(() => startEmu());

	test('login returns BILL\'s session object; session info works; logout ends the session', async () => {
		const r = await http.post(`${connect}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
		expect(r.status).toBe(200);
		expect(Object.keys(r.data).sort()).toEqual(['organizationId', 'sessionId', 'trusted', 'userId']);
		expect(r.data).toMatchObject({ organizationId: SEED.organizationId, userId: SEED.userId, trusted: false });
		const sid = r.data.sessionId as string;
		const info = await call('GET', '/v3/login/session', sid);
		expect(info.status).toBe(200);
		expect(info.data).toEqual({ organizationId: SEED.organizationId, userId: SEED.userId, mfaStatus: expect.any(String), mfaBypass: false });
		const out = await call('POST', '/v3/logout', sid);
		expect(out.status).toBe(200);
		expect(out.data).toBe('');
		expectBdc(await call('GET', '/v3/vendors', sid), 401, 'BDC_1109', 'Session is invalid.  Please log in.');
		expect(emu.counters.logins).toBe(1);
	});

	test('rememberMeId + device give a trusted session; a wrong one does not', async () => {
		const ok = await http.post(`${connect}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey, rememberMeId: SEED.rememberMeId, device: SEED.device });
		expect(ok.data.trusted).toBe(true);
		const bad = await http.post(`${connect}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey, rememberMeId: 'nope', device: SEED.device });
		expect(bad.data.trusted).toBe(false);
	});

	test('wrong password → BDC_1101, wrong dev key → BDC_1102, foreign org → BDC_1123, missing field → BDC_1108', async () => {
		const base = { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey };
		expectBdc(await http.post(`${connect}/v3/login`, { ...base, password: 'wrong' }), 400, 'BDC_1101', 'User name and/or password do not match our records.');
		expectBdc(await http.post(`${connect}/v3/login`, { ...base, username: 'nobody@example.com' }), 400, 'BDC_1101');
		expectBdc(await http.post(`${connect}/v3/login`, { ...base, devKey: 'wrong' }), 401, 'BDC_1102', 'Developer key is invalid.');
		expectBdc(await http.post(`${connect}/v3/login`, { ...base, organizationId: '00801NOTMINE' }), 400, 'BDC_1123');
		expectBdc(await http.post(`${connect}/v3/login`, { ...base, password: undefined }), 400, 'BDC_1108', /password/);
		expect(emu.counters.logins).toBe(5);
	});

	test('missing, unknown or partner session on an org route → 401 BDC_1109; bad devKey header → BDC_1102', async () => {
		expectBdc(await http.get(`${connect}/v3/vendors`, { headers: { devKey: SEED.devKey } }), 401, 'BDC_1109', 'Session is invalid.  Please log in.');
		expectBdc(await http.get(`${connect}/v3/vendors`, { headers: orgHeaders('made-up') }), 401, 'BDC_1109');
		const sid = await login();
		expectBdc(await http.get(`${connect}/v3/vendors`, { headers: { devKey: 'other', sessionId: sid } }), 401, 'BDC_1102');
		const p = await http.post(`${connect}/v3/partner/login`, { username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey });
		expectBdc(await http.get(`${connect}/v3/vendors`, { headers: orgHeaders(p.data.sessionId) }), 401, 'BDC_1109');
	});

	test('sessions expire after the idle time; every accepted request refreshes the timer', async () => {
		emu.config.sessionIdleMs = 10 * 60 * 1000;
		const sid = await login();
		emu.advanceTime(6 * 60 * 1000);
		expect((await call('GET', '/v3/vendors', sid)).status).toBe(200);
		emu.advanceTime(6 * 60 * 1000); // 12 min after login, 6 after the last request
		expect((await call('GET', '/v3/vendors', sid)).status).toBe(200);
		emu.advanceTime(10 * 60 * 1000 + 1);
		expectBdc(await call('GET', '/v3/vendors', sid), 401, 'BDC_1109', 'Session is invalid.  Please log in.');
		// A refused request does not revive it.
		expectBdc(await call('GET', '/v3/vendors', sid), 401, 'BDC_1109');
	});

	test('idle expiry in real time (sessionIdleMs = 500 ms)', async () => {
		emu.config.sessionIdleMs = 500;
		const sid = await login();
		expect((await call('GET', '/v3/vendors', sid)).status).toBe(200);
		await new Promise((r) => setTimeout(r, 700));
		expectBdc(await call('GET', '/v3/vendors', sid), 401, 'BDC_1109');
	});

	test('expireAllSessions invalidates every session', async () => {
		const a = await login();
		const b = await login();
		emu.expireAllSessions();
		expectBdc(await call('GET', '/v3/vendors', a), 401, 'BDC_1109');
		expectBdc(await call('GET', '/v3/vendors', b), 401, 'BDC_1109');
		expect(emu.sessionCount).toBe(0);
	});

	test('a sync token works as username/password, with a never-trusted, longer session', async () => {
		const r = await http.post(`${connect}/v3/login`, { username: SEED.syncTokenName, password: SEED.syncTokenValue, organizationId: SEED.organizationId, devKey: SEED.devKey, rememberMeId: SEED.rememberMeId, device: SEED.device });
		expect(r.status).toBe(200);
		expect(r.data.trusted).toBe(false);
		emu.advanceTime(40 * 60 * 1000);
		expect((await call('GET', '/v3/vendors', r.data.sessionId)).status).toBe(200);
	});

	test('partner login, partner routes with appKey, login-as-user gives an org session', async () => {
		const bad = await http.post(`${connect}/v3/partner/login`, { username: SEED.partnerUsername, password: 'x', appKey: SEED.appKey });
		expectBdc(bad, 400, 'BDC_1101');
		const p = await http.post(`${connect}/v3/partner/login`, { username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey });
		expect(p.status).toBe(200);
		expect(Object.keys(p.data)).toEqual(['sessionId']);
		const psid = p.data.sessionId as string;
		const list = await http.get(`${connect}/v3/partner/organizations`, { headers: { appKey: SEED.appKey, sessionId: psid } });
		expect(list.status).toBe(200);
		expectBdc(await http.get(`${connect}/v3/partner/organizations`, { headers: { appKey: 'wrong', sessionId: psid } }), 401, 'BDC_1102');
		const orgSid = await login();
		expectBdc(await http.get(`${connect}/v3/partner/organizations`, { headers: { appKey: SEED.appKey, sessionId: orgSid } }), 401, 'BDC_1109');

		const las = await http.post(
			`${connect}/v3/partner/login-as-user`,
			{ userId: SEED.userId, organizationId: SEED.organizationId2, rememberMeId: SEED.rememberMeId, device: SEED.device },
			{ headers: { appKey: SEED.appKey, sessionId: psid } },
		);
		expect(las.status).toBe(200);
		expect(las.data).toEqual({ sessionId: expect.any(String), trusted: true });
		const info = await call('GET', '/v3/login/session', las.data.sessionId);
		expect(info.data.organizationId).toBe(SEED.organizationId2);
		// Partner logout ends the partner session.
		expect((await http.post(`${connect}/v3/logout`, undefined, { headers: { appKey: SEED.appKey, sessionId: psid } })).status).toBe(200);
		expectBdc(await http.get(`${connect}/v3/partner/organizations`, { headers: { appKey: SEED.appKey, sessionId: psid } }), 401, 'BDC_1109');
		expect(emu.counters).toMatchObject({ partnerLogins: 2, loginsAsUser: 1 });
	});

	test('Spend & Expense: apiToken header; bad token → 401; per-minute cap → 429', async () => {
		emu.config.spendPerMinute = 3;
		alignClock(60_000);
		const h = { apiToken: SEED.spendToken };
		const created = await http.post(`${connect}/v3/spend/budgets`, { name: 'Travel' }, { headers: h });
		expect(created.status).toBe(200);
		expect(typeof created.data.id).toBe('string');
		expect((await http.get(`${connect}/v3/spend/budgets`, { headers: h })).data.results).toHaveLength(1);
		expect((await http.get(`${connect}/v3/spend/budgets`, { headers: { apiToken: 'nope' } })).status).toBe(401);
		expect((await http.get(`${connect}/v3/spend/budgets`, { headers: { devKey: SEED.devKey, sessionId: await login() } })).status).toBe(401);
		expect((await http.get(`${connect}/v3/spend/budgets`, { headers: h })).status).toBe(200);
		const limited = await http.get(`${connect}/v3/spend/budgets`, { headers: h });
		expect(limited.status).toBe(429);
		expect(limited.data[0].message).toMatch(/per minute/);
		emu.advanceTime(60_000);
		expect((await http.get(`${connect}/v3/spend/budgets`, { headers: h })).status).toBe(200);
	});

	test('200 logins per dev key per hour (configurable) → BDC_1144', async () => {
		emu.config.loginHourlyCap = 2;
		alignClock(3600_000);
		await login();
		await login();
		const r = await http.post(`${connect}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
		expectBdc(r, 400, 'BDC_1144', /per hour/);
		emu.advanceTime(3600_000);
		await login();
	});

	test('the request log and counters never contain secrets', async () => {
		const sid = await login({ rememberMeId: SEED.rememberMeId, device: SEED.device });
		await call('GET', '/v3/vendors', sid);
		await http.get(`${connect}/v3/spend/budgets`, { headers: { apiToken: SEED.spendToken } });
		await http.post(`${connect}/v3/partner/login`, { username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey });
		const dump = JSON.stringify([emu.requestLog, emu.counters]);
		for (const secret of [SEED.password, SEED.devKey, sid, SEED.spendToken, SEED.partnerPassword, SEED.appKey, SEED.rememberMeId]) {
			expect(dump).not.toContain(secret);
		}
		expect(emu.requestLog.map((l) => [l.method, l.path, l.status, l.auth])).toEqual([
			['POST', '/v3/login', 200, 'none'],
			['GET', '/v3/vendors', 200, 'org'],
			['GET', '/v3/spend/budgets', 200, 'spend'],
			['POST', '/v3/partner/login', 200, 'none'],
		]);
	});
});

describe('limits', () => {
	beforeEach(() => startEmu());

	test('a 4th concurrent request of one org gets BDC_1322; peak concurrency never exceeds 3', async () => {
		const sid = await login();
		emu.config.latencyMs = 600;
		const rs = await Promise.all([0, 1, 2, 3].map(() => call('GET', '/v3/vendors', sid)));
		const statuses = rs.map((r) => r.status).sort();
		expect(statuses).toEqual([200, 200, 200, 400]);
		const refused = rs.find((r) => r.status === 400)!;
		expectBdc(refused, 400, 'BDC_1322', 'Max number of concurrent requests per organization reached.');
		expect(emu.counters.peakConcurrency[SEED.organizationId]).toBe(3);
		expect(emu.counters.currentInFlight[SEED.organizationId]).toBe(0);
		// Another organization has its own cap.
		const sid2 = await login({ organizationId: SEED.organizationId2 });
		const mixed = await Promise.all([sid, sid, sid, sid2].map((s) => call('GET', '/v3/vendors', s)));
		expect(mixed.every((r) => r.status === 200)).toBe(true);
	});

	test('8 parallel requests: the cap holds at every moment and every refusal is BDC_1322 (status configurable)', async () => {
		const sid = await login();
		emu.config.latencyMs = 600;
		emu.config.limitErrorStatus = 429;
		const rs = await Promise.all(Array.from({ length: 8 }, () => call('GET', '/v3/vendors', sid)));
		const ok = rs.filter((r) => r.status === 200);
		const refused = rs.filter((r) => r.status !== 200);
		expect(ok).toHaveLength(3);
		for (const r of refused) expectBdc(r, 429, 'BDC_1322');
		expect(emu.counters.peakConcurrency[SEED.organizationId]).toBe(3);
	});

	test('hourly cap per developer key → BDC_1144 until the next hour', async () => {
		emu.config.sessionIdleMs = 2 * 3600_000;
		alignClock(3600_000);
		const sid = await login(); // the login counts too
		emu.config.hourlyCap = 4;
		for (let i = 0; i < 3; i++) expect((await call('GET', '/v3/vendors', sid)).status).toBe(200);
		expectBdc(await call('GET', '/v3/vendors', sid), 400, 'BDC_1144', 'Max number of allowed requests per hour reached: 4.');
		expectBdc(await call('GET', '/v3/vendors', sid), 400, 'BDC_1144');
		emu.advanceTime(3600_000);
		expect((await call('GET', '/v3/vendors', sid)).status).toBe(200);
	});

	test('BILL\'s defaults: 3 concurrent per org, 20000 per hour, 200 logins per hour, 35 min idle, limit status 400', () => {
		const d = defaultSeed();
		expect(d).toMatchObject({ maxConcurrentPerOrg: 3, hourlyCap: 20000, loginHourlyCap: 200, sessionIdleMs: 35 * 60 * 1000, limitErrorStatus: 400, spendPerMinute: 60 });
		expect(new BillEmulator({ endpoints: [], handlers: [], seeders: [] }).config.hourlyCap).toBe(20000);
	});
});

describe('pagination', () => {
	beforeEach(() => startEmu());

	async function readAll(sid: string, max = 100): Promise<{ ids: string[]; pages: number; lastPage: Record<string, unknown> }> {
		const ids: string[] = [];
		let page: string | undefined;
		let pages = 0;
		let last: Record<string, unknown> = {};
		do {
			const r = await call('GET', '/v3/vendors', sid, undefined, { params: { max, ...(page ? { page } : {}) } });
			expect(r.status).toBe(200);
			pages++;
			expect(r.data.results.length).toBeLessThanOrEqual(max);
			ids.push(...r.data.results.map((v: { id: string }) => v.id));
			page = r.data.nextPage;
			last = r.data;
			expect(pages).toBeLessThan(100);
		} while (page);
		return { ids, pages, lastPage: last };
	}

	test.each([0, 1, 100, 101, 1234])('%i records are returned exactly once', async (n) => {
		const seeded = seedVendors(n);
		const sid = await login();
		const { ids, pages, lastPage } = await readAll(sid);
		expect(ids).toHaveLength(n);
		expect(new Set(ids).size).toBe(n);
		expect(ids.sort()).toEqual([...seeded].sort());
		expect(pages).toBe(Math.max(1, Math.ceil(n / 100)));
		expect('nextPage' in lastPage).toBe(false);
		if (n === 0) expect(lastPage).toEqual({ results: [] });
	});

	test('default page size is 20; prevPage goes back; tokens are opaque and bound to the query', async () => {
		seedVendors(45);
		const sid = await login();
		const p1 = await call('GET', '/v3/vendors', sid);
		expect(p1.data.results).toHaveLength(20);
		expect(p1.data.prevPage).toBeUndefined();
		expect(typeof p1.data.nextPage).toBe('string');
		expect(p1.data.nextPage).not.toMatch(/^\d+$/);
		const p2 = await call('GET', '/v3/vendors', sid, undefined, { params: { page: p1.data.nextPage } });
		expect(p2.data.results[0].name).toBe('Vendor 20');
		const back = await call('GET', '/v3/vendors', sid, undefined, { params: { page: p2.data.prevPage } });
		expect(back.data.results[0].name).toBe('Vendor 0');
		const p3 = await call('GET', '/v3/vendors', sid, undefined, { params: { page: p2.data.nextPage } });
		expect(p3.data.results).toHaveLength(5);
		expect(p3.data.nextPage).toBeUndefined();
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { page: 'garbage' } }), 400, 'BDC_1129');
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { page: Buffer.from('20').toString('base64') } }), 400, 'BDC_1129');
		// A token from another query (different sort) is refused.
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { page: p1.data.nextPage, sort: 'name:desc' } }), 400, 'BDC_1129');
	});

	test('max above 100 (or not a positive integer) → BILL 400', async () => {
		const sid = await login();
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { max: 101 } }), 400, 'BDC_1129', /max/);
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { max: 0 } }), 400, 'BDC_1129');
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { max: 'ten' } }), 400, 'BDC_1129');
		expect((await call('GET', '/v3/vendors', sid, undefined, { params: { max: 100 } })).status).toBe(200);
	});

	test('Spend & Expense lists page with the nextPage query parameter', async () => {
		const c = emu.store.collection('spend/budgets', SEED.organizationId);
		for (let i = 0; i < 7; i++) c.insert({ name: `B${i}` });
		const h = { apiToken: SEED.spendToken };
		const seen: string[] = [];
		let next: string | undefined;
		do {
			const r = await http.get(`${connect}/v3/spend/budgets`, { headers: h, params: { max: 3, ...(next ? { nextPage: next } : {}) } });
			expect(r.status).toBe(200);
			seen.push(...r.data.results.map((b: { name: string }) => b.name));
			next = r.data.nextPage;
		} while (next);
		expect(seen).toEqual(['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6']);
	});

	test('start pagination (audit trail style) returns arrays', async () => {
		const c = emu.store.collection('reports/widgets', SEED.organizationId);
		for (let i = 0; i < 5; i++) c.insert({ n: i, _scope: { widgetId: 'w1' } });
		c.insert({ n: 99, _scope: { widgetId: 'w2' } });
		const sid = await login();
		const r1 = await call('GET', '/v3/reports/widgets/w1', sid, undefined, { params: { start: 0, max: 3 } });
		expect(r1.data.map((x: { n: number }) => x.n)).toEqual([0, 1, 2]);
		const r2 = await call('GET', '/v3/reports/widgets/w1', sid, undefined, { params: { start: 3, max: 3 } });
		expect(r2.data.map((x: { n: number }) => x.n)).toEqual([3, 4]);
		expect(r2.data[0]._scope).toBeUndefined();
	});
});

describe('filters and sort', () => {
	beforeEach(() => startEmu());

	function seedMix(): void {
		const c = emu.store.collection('vendors', SEED.organizationId);
		c.insert({ name: 'Happy Music', accountType: 'BUSINESS', billCurrency: 'USD', balance: 10, createdTime: '2025-09-05T10:00:00.000Z', address: { country: 'US' } });
		c.insert({ name: 'Hapless Co', accountType: 'PERSON', billCurrency: 'CAD', balance: 250.5, createdTime: '2025-09-30T23:59:59.000Z', address: { country: 'CA' } });
		c.insert({ name: 'Zed Ltd', accountType: 'NONE', billCurrency: 'EUR', balance: 99, createdTime: '2025-10-01T00:00:00.000Z', address: { country: 'DE' } });
		c.insert({ name: 'Archived Inc', accountType: 'BUSINESS', billCurrency: 'USD', balance: 5, archived: true, createdTime: '2025-08-01T00:00:00.000Z' });
	}

	async function names(sid: string, params: Record<string, string>): Promise<string[]> {
		const r = await call('GET', '/v3/vendors', sid, undefined, { params });
		expect(r.status).toBe(200);
		return r.data.results.map((v: { name: string }) => v.name);
	}

	test('eq ne gt gte lt lte in nin sw, quoted values, dates, compound AND, nested fields', async () => {
		seedMix();
		const sid = await login();
		expect(await names(sid, { filters: 'accountType:eq:BUSINESS' })).toEqual(['Happy Music', 'Archived Inc']);
		expect(await names(sid, { filters: 'billCurrency:ne:USD' })).toEqual(['Hapless Co', 'Zed Ltd']);
		expect(await names(sid, { filters: 'balance:gt:10' })).toEqual(['Hapless Co', 'Zed Ltd']);
		expect(await names(sid, { filters: 'balance:gte:10' })).toEqual(['Happy Music', 'Hapless Co', 'Zed Ltd']);
		expect(await names(sid, { filters: 'balance:lt:99' })).toEqual(['Happy Music', 'Archived Inc']);
		expect(await names(sid, { filters: 'balance:lte:99' })).toEqual(['Happy Music', 'Zed Ltd', 'Archived Inc']);
		expect(await names(sid, { filters: 'billCurrency:in:"USD,CAD"' })).toEqual(['Happy Music', 'Hapless Co', 'Archived Inc']);
		expect(await names(sid, { filters: 'accountType:nin:"NONE,PERSON"' })).toEqual(['Happy Music', 'Archived Inc']);
		expect(await names(sid, { filters: 'name:sw:"Hap"' })).toEqual(['Happy Music', 'Hapless Co']);
		expect(await names(sid, { filters: 'createdTime:gte:"2025-09-01T00:00:00.000Z",createdTime:lt:"2025-10-01T00:00:00.000Z"' })).toEqual(['Happy Music', 'Hapless Co']);
		// Other accepted date-time formats (no zone = UTC) and plain dates.
		expect(await names(sid, { filters: 'createdTime:gte:"2025-09-30T23:59",createdTime:lt:2025-10-01' })).toEqual(['Hapless Co']);
		expect(await names(sid, { filters: 'createdTime:lt:"2025-09-01T00:00:00.000"' })).toEqual(['Archived Inc']);
		expect(await names(sid, { filters: 'address.country:eq:CA' })).toEqual(['Hapless Co']);
		expect(await names(sid, { filters: 'name:sw:Hap,billCurrency:eq:CAD' })).toEqual(['Hapless Co']);
	});

	test('archived records: listed by default (BILL sorts lists by archived), excluded by archived:eq:false or includeArchived=false', async () => {
		seedMix();
		const sid = await login();
		expect(await names(sid, {})).toHaveLength(4);
		expect(await names(sid, { filters: 'archived:eq:false' })).toEqual(['Happy Music', 'Hapless Co', 'Zed Ltd']);
		expect(await names(sid, { filters: 'archived:eq:true' })).toEqual(['Archived Inc']);
		expect(await names(sid, { includeArchived: 'false' })).toHaveLength(3);
		emu.config.includeArchivedByDefault = false;
		expect(await names(sid, {})).toHaveLength(3);
		expect(await names(sid, { filters: 'archived:eq:true' })).toEqual(['Archived Inc']);
		expect(await names(sid, { includeArchived: 'true' })).toHaveLength(4);
	});

	test('sort field:asc|desc, default asc, numbers, dates, combined with filters and pagination', async () => {
		seedMix();
		const sid = await login();
		expect(await names(sid, { sort: 'name:asc' })).toEqual(['Archived Inc', 'Hapless Co', 'Happy Music', 'Zed Ltd']);
		expect(await names(sid, { sort: 'name' })).toEqual(['Archived Inc', 'Hapless Co', 'Happy Music', 'Zed Ltd']);
		expect(await names(sid, { sort: 'balance:desc' })).toEqual(['Hapless Co', 'Zed Ltd', 'Happy Music', 'Archived Inc']);
		expect(await names(sid, { sort: 'createdTime:desc', filters: 'archived:eq:false' })).toEqual(['Zed Ltd', 'Hapless Co', 'Happy Music']);
		const first = await call('GET', '/v3/vendors', sid, undefined, { params: { sort: 'name:desc', max: 2 } });
		const second = await call('GET', '/v3/vendors', sid, undefined, { params: { sort: 'name:desc', max: 2, page: first.data.nextPage } });
		expect([...first.data.results, ...second.data.results].map((v: { name: string }) => v.name)).toEqual(['Zed Ltd', 'Happy Music', 'Hapless Co', 'Archived Inc']);
	});

	test('bad operator → BDC_1131; bad shape / sort order → BDC_1129', async () => {
		const sid = await login();
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { filters: 'name:like:x' } }), 400, 'BDC_1131', /like/);
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { filters: 'name' } }), 400, 'BDC_1129');
		expectBdc(await call('GET', '/v3/vendors', sid, undefined, { params: { sort: 'name:up' } }), 400, 'BDC_1129');
	});
});

describe('generic routes of the endpoints', () => {
	beforeEach(() => startEmu());

	test('derived collection / id / scope', () => {
		expect(deriveRoute({ path: '/v3/vendors/{vendorId}', behaviour: 'get' })).toEqual({ collection: 'vendors', idParam: 'vendorId', scopeParams: [] });
		expect(deriveRoute({ path: '/v3/classifications/items/bulk/archive', behaviour: 'bulk-archive' })).toEqual({ collection: 'classifications/items', idParam: undefined, scopeParams: [] });
		expect(deriveRoute({ path: '/v3/spend/budgets/{budgetId}', behaviour: 'delete' }).collection).toBe('spend/budgets');
		expect(deriveRoute({ path: '/v3/spend/budgets/{budgetId}/members/{userId}', behaviour: 'get' })).toEqual({ collection: 'spend/budgets/members', idParam: 'userId', scopeParams: ['budgetId'] });
		expect(deriveRoute({ path: '/v3/vendors/{vendorId}/archive', behaviour: 'archive' })).toEqual({ collection: 'vendors', idParam: 'vendorId', scopeParams: [] });
		expect(deriveRoute({ path: '/v3/payments/{paymentId}/void', behaviour: 'custom' })).toEqual({ collection: 'payments', idParam: 'paymentId', scopeParams: [] });
		expect(deriveRoute({ path: '/v3/vendors/bulk', behaviour: 'bulk-create' }).collection).toBe('vendors');
		expect(deriveRoute({ path: '/v3/attachments/vendors/{vendorId}', behaviour: 'upload' }, { 'attachments/vendors': 'attachments' })).toEqual({ collection: 'attachments', idParam: undefined, scopeParams: ['vendorId'] });
	});

	test('vendor create / get / update (deep merge) / archive / restore with BILL ids and shapes', async () => {
		const sid = await login();
		const c = await call('POST', '/v3/vendors', sid, { name: 'Acme', address: { line1: '1 Main St', city: 'San Jose', zipOrPostalCode: '95002', country: 'US' } });
		expect(c.status).toBe(201);
		expect(c.data.id).toMatch(/^009[0-9A-Z]{16}$/);
		expect(c.data).toMatchObject({ name: 'Acme', archived: false });
		expect(Date.parse(c.data.createdTime)).not.toBeNaN();
		expect(c.data.updatedTime).toBe(c.data.createdTime);
		const id = c.data.id as string;
		expect((await call('GET', `/v3/vendors/${id}`, sid)).data).toEqual(c.data);
		emu.advanceTime(1000);
		const u = await call('PATCH', `/v3/vendors/${id}`, sid, { email: 'a@acme.test', address: { city: 'Oakland' } });
		expect(u.status).toBe(200);
		// Deep merge keeps the other lines; BILL answers every line of an address ("" where not given) and the country's name (family/shapes.ts).
		expect(u.data.address).toEqual({ line1: '1 Main St', line2: '', city: 'Oakland', stateOrProvince: '', zipOrPostalCode: '95002', country: 'US', countryName: 'United States' });
		expect(u.data.email).toBe('a@acme.test');
		expect(u.data.updatedTime > u.data.createdTime).toBe(true);
		const a = await call('POST', `/v3/vendors/${id}/archive`, sid);
		expect(a.data.archived).toBe(true);
		expect((await call('POST', `/v3/vendors/${id}/archive`, sid)).data.archived).toBe(true);
		expect((await call('POST', `/v3/vendors/${id}/restore`, sid)).data.archived).toBe(false);
		expectBdc(await call('GET', '/v3/vendors/00901MISSING', sid), 404, 'BDC_1120', 'No data found.');
		expectBdc(await call('PATCH', '/v3/vendors/00901MISSING', sid, { name: 'x' }), 404, 'BDC_1120');
	});

	test('required body fields from the table are enforced (BDC_1108); malformed JSON → BDC_1122', async () => {
		const sid = await login();
		expectBdc(await call('POST', '/v3/vendors', sid, { shortName: 'x' }), 400, 'BDC_1108', /name/);
		const bad = await call('POST', '/v3/vendors', sid, '{"name":', { headers: { 'Content-Type': 'application/json' }, transformRequest: [(d) => d] });
		expectBdc(bad, 400, 'BDC_1122');
	});

	test('data is per organization', async () => {
		const a = await login();
		const b = await login({ organizationId: SEED.organizationId2 });
		const v = await call('POST', '/v3/vendors', a, { name: 'Only in A', address: { line1: 'x' } });
		expect((await call('GET', '/v3/vendors', b)).data.results).toEqual([]);
		expectBdc(await call('GET', `/v3/vendors/${v.data.id}`, b), 404, 'BDC_1120');
	});

	test('replace (PUT) and delete', async () => {
		const sid = await login();
		const w = await call('POST', '/v3/widgets', sid, { name: 'W', color: 'red', size: 3 });
		expect(w.data.id).toMatch(/^wid01/);
		const r = await call('PUT', `/v3/widgets/${w.data.id}`, sid, { name: 'W2' });
		expect(r.data).toEqual({ id: w.data.id, name: 'W2', archived: false, createdTime: w.data.createdTime, updatedTime: expect.any(String) });
		const d = await call('DELETE', `/v3/widgets/${w.data.id}`, sid);
		expect(d.status).toBe(200);
		expect(d.data).toEqual({ status: 'SUCCESS' });
		expectBdc(await call('GET', `/v3/widgets/${w.data.id}`, sid), 404, 'BDC_1120');
		// Spend & Expense deletes answer an empty 200.
		const h = { apiToken: SEED.spendToken };
		const b = await http.post(`${connect}/v3/spend/budgets`, { name: 'x' }, { headers: h });
		const bd = await http.delete(`${connect}/v3/spend/budgets/${encodeURIComponent(b.data.id)}`, { headers: h });
		expect(bd.status).toBe(200);
		expect(bd.data).toBe('');
	});

	test('createMany: array body, op.bulk.limit enforced all-or-nothing, response `{vendors: [...]}` as BILL\'s example', async () => {
		const sid = await login();
		const twenty = Array.from({ length: 20 }, (_, i) => ({ name: `Bulk ${i}`, address: { line1: 'x' } }));
		const ok = await call('POST', '/v3/vendors/bulk', sid, twenty);
		expect(ok.status).toBe(201);
		expect(Object.keys(ok.data)).toEqual(['vendors']);
		expect(ok.data.vendors).toHaveLength(20);
		expect(ok.data.vendors.every((v: { id: string }) => v.id.startsWith('009'))).toBe(true);
		const tooMany = await call('POST', '/v3/vendors/bulk', sid, [...twenty, { name: 'one more', address: { line1: 'x' } }]);
		expectBdc(tooMany, 400, 'BDC_1129', /20/);
		const oneBad = await call('POST', '/v3/vendors/bulk', sid, [{ name: 'fine', address: { line1: 'x' } }, { shortName: 'no name' }]);
		expectBdc(oneBad, 400, 'BDC_1108');
		expect(emu.store.collection('vendors', SEED.organizationId).size).toBe(20);
		expectBdc(await call('POST', '/v3/vendors/bulk', sid, { name: 'not an array' }), 400, 'BDC_1122');
	});

	// Bulk answers are `{<collection>: [...]}` as in BILL's examples, whatever the table's `bulk.responseKey` says (the widgets have none).
	test('createMany with {key: [...]} body, updateMany, archiveMany / restoreMany with ids query', async () => {
		const sid = await login();
		const c = await call('POST', '/v3/widgets/bulk', sid, { widgets: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
		expect(c.status).toBe(201);
		const ids = c.data.widgets.map((w: { id: string }) => w.id);
		expectBdc(await call('POST', '/v3/widgets/bulk', sid, { widgets: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] }), 400, 'BDC_1129');
		expectBdc(await call('POST', '/v3/widgets/bulk', sid, [{ name: 'a' }]), 400, 'BDC_1108', /widgets/);
		const u = await call('PATCH', '/v3/widgets/bulk', sid, [{ id: ids[0], name: 'A' }, { id: ids[1], name: 'B' }]);
		expect(u.data.widgets.map((w: { name: string }) => w.name)).toEqual(['A', 'B']);
		expectBdc(await call('PATCH', '/v3/widgets/bulk', sid, [{ id: ids[0], name: 'AA' }, { id: 'nope', name: 'x' }]), 404, 'BDC_1120');
		expect((await call('GET', `/v3/widgets/${ids[0]}`, sid)).data.name).toBe('A');
		const arch = await call('POST', '/v3/widgets/bulk/archive', sid, undefined, { params: { ids: `${ids[0]},${ids[2]}` } });
		expect(arch.data.widgets.map((w: { archived: boolean }) => w.archived)).toEqual([true, true]);
		expect((await call('GET', `/v3/widgets/${ids[1]}`, sid)).data.archived).toBe(false);
		expectBdc(await call('POST', '/v3/widgets/bulk/archive', sid), 400, 'BDC_1108', /ids/);
		const rest = await call('POST', '/v3/widgets/bulk/restore', sid, undefined, { params: { ids: ids[0] } });
		expect(rest.data.widgets[0]).toMatchObject({ id: ids[0], archived: false });
	});

	test('action without a custom handler → 501; a custom handler overrides the generic route', async () => {
		const sid = await login();
		const w = await call('POST', '/v3/widgets', sid, { name: 'W' });
		const r = await call('POST', `/v3/widgets/${w.data.id}/polish`, sid);
		expect(r.status).toBe(501);
		expect(r.data[0].message).toMatch(/no handler/);
		const handler: CustomHandler = {
			method: 'POST',
			path: '/v3/widgets/{widgetId}/polish',
			handle(req, e: BillEmulator) {
				expect(req.endpoint?.behaviour).toBe('custom');
				expect(req.route).toEqual({ collection: 'widgets', idParam: 'widgetId', scopeParams: [] });
				const coll = e.collection(req, 'widgets');
				return { body: e.view(coll.update(req.params.widgetId, { shiny: true })) };
			},
		};
		emu.addHandler(handler);
		const r2 = await call('POST', `/v3/widgets/${w.data.id}/polish`, sid);
		expect(r2.status).toBe(200);
		expect(r2.data).toMatchObject({ id: w.data.id, shiny: true });
		// Override of a generic kind too.
		emu.addHandler({ method: 'GET', path: '/v3/widgets/{widgetId}', handle: () => ({ body: { custom: true } }) });
		expect((await call('GET', `/v3/widgets/${w.data.id}`, sid)).data).toEqual({ custom: true });
	});

	test('unknown paths and wrong bases → 404 BDC_1121', async () => {
		const sid = await login();
		expectBdc(await call('GET', '/v3/nothing-here', sid), 404, 'BDC_1121', 'API not supported.');
		expectBdc(await call('DELETE', '/v3/vendors', sid), 404, 'BDC_1121');
		// Webhook routes live under /connect-events, not under /connect.
		expectBdc(await call('GET', '/v3/subscriptions', sid), 404, 'BDC_1121');
		const ev = await http.get(`${emu.eventsUrl}/v3/subscriptions`, { headers: orgHeaders(sid) });
		expect(ev.status).toBe(200);
		expect(ev.data).toEqual({ results: [] });
		// The webhooks API takes any of the three credentials; none → 400.
		expect((await http.get(`${emu.eventsUrl}/v3/subscriptions`, { headers: { apiToken: SEED.spendToken } })).status).toBe(200);
		expect((await http.get(`${emu.eventsUrl}/v3/subscriptions`)).status).toBe(400);
		const health = await http.get(`${emu.eventsUrl}/v3/health`);
		expect(Object.keys(health.data).sort()).toEqual(['appEnv', 'appId', 'appVersion', 'bdcRegion']);
		expectBdc(await http.get(`${emu.baseUrl}/elsewhere`), 404, 'BDC_1121');
	});

	test("productionRules: BILL's trusted-session calls need an MFA-trusted session (403 BDC_1361), and no other call does", async () => {
		const plain = await login();
		const trusted = await login({ rememberMeId: SEED.rememberMeId, device: SEED.device });
		// A widget call is not on BILL's list of trusted-session calls.
		emu.addHandler({ method: 'POST', path: '/v3/widgets/{widgetId}/pay', handle: () => ({ body: { paid: true } }) });
		emu.addHandler({ method: 'POST', path: '/v3/funding-accounts/banks', handle: () => ({ body: { id: 'bac01EMU' } }) });
		const bank = { nameOnAccount: 'Ops', accountNumber: '123456789', routingNumber: '074000010', type: 'CHECKING', ownerType: 'BUSINESS' };
		emu.config.productionRules = true;
		expect((await call('POST', '/v3/widgets/w/pay', plain)).status).toBe(200);
		expectBdc(await call('POST', '/v3/funding-accounts/banks', plain, bank), 403, 'BDC_1361', 'Untrusted session.');
		expect((await call('POST', '/v3/funding-accounts/banks', trusted, bank)).data).toEqual({ id: 'bac01EMU' });
		// Calls BILL does not list are unaffected.
		expect((await call('GET', '/v3/vendors', plain)).status).toBe(200);
	});
});

describe('upload and download', () => {
	beforeEach(() => startEmu());

	test('a 5 MB file round-trips byte-identical through upload → download link → GET with sessionId', async () => {
		const sid = await login();
		const bytes = randomBytes(5 * 1024 * 1024);
		const up = await call('POST', '/v3/attachments/vendors/00901V1', sid, bytes, { params: { name: 'big file.pdf' }, headers: { 'Content-Type': 'application/octet-stream' } });
		expect(up.status).toBe(200);
		expect(Object.keys(up.data).sort()).toEqual(['createdTime', 'downloadLink', 'id', 'name']);
		expect(up.data.name).toBe('big file.pdf');
		const meta = await call('GET', `/v3/attachments/${up.data.id}`, sid);
		expect(meta.status).toBe(200);
		expect(meta.data.downloadLink).toBe(up.data.downloadLink);
		expect(meta.data.downloadLink.startsWith(`${emu.baseUrl}/downloads/`)).toBe(true);
		const dl = await http.get(meta.data.downloadLink, { headers: { sessionId: sid }, responseType: 'arraybuffer' });
		expect(dl.status).toBe(200);
		expect(dl.headers['content-type']).toBe('application/octet-stream');
		expect(dl.headers['content-disposition']).toContain('big file.pdf');
		expect(Buffer.compare(Buffer.from(dl.data), bytes)).toBe(0);
		// Listing is scoped by the owner in the path.
		expect((await call('GET', '/v3/attachments/vendors/00901V1', sid)).data.results.map((a: { id: string }) => a.id)).toEqual([up.data.id]);
		expect((await call('GET', '/v3/attachments/vendors/00901V2', sid)).data.results).toEqual([]);
		// The link needs the session header.
		expectBdc(await http.get(meta.data.downloadLink), 401, 'BDC_1109');
		expect((await http.get(`${emu.baseUrl}/downloads/not-a-token`, { headers: { sessionId: sid } })).status).toBe(404);
	});

	test('more than 6 MB → BILL 400, nothing stored; name is required', async () => {
		const sid = await login();
		const big = Buffer.alloc(6 * 1024 * 1024 + 1, 1);
		expectBdc(await call('POST', '/v3/attachments/vendors/00901V1', sid, big, { params: { name: 'x.bin' }, headers: { 'Content-Type': 'application/octet-stream' } }), 400, 'BDC_1129', /6 MB/);
		expectBdc(await call('POST', '/v3/attachments/vendors/00901V1', sid, Buffer.from('hi'), { headers: { 'Content-Type': 'application/octet-stream' } }), 400, 'BDC_1108', /name/);
		expect((await call('GET', '/v3/attachments/vendors/00901V1', sid)).data.results).toEqual([]);
		const exact = Buffer.alloc(6 * 1024 * 1024, 2);
		expect((await call('POST', '/v3/attachments/vendors/00901V1', sid, exact, { params: { name: 'x.bin' }, headers: { 'Content-Type': 'application/octet-stream' } })).status).toBe(200);
	});
});

describe('fault injection', () => {
	beforeEach(() => startEmu());

	const vendorCount = () => emu.store.collection('vendors', SEED.organizationId).size;
	const vendor = { name: 'F', address: { line1: 'x' } };

	test("'before' answers the error without applying the request", async () => {
		const sid = await login();
		const f = emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/ }, status: 503 });
		const r = await call('POST', '/v3/vendors', sid, vendor);
		expectBdc(r, 503, 'BDC_1001');
		expect(vendorCount()).toBe(0);
		expect(f.hits).toBe(1);
		expect((await call('POST', '/v3/vendors', sid, vendor)).status).toBe(201);
		expect(vendorCount()).toBe(1);
		expect(emu.requestLog.filter((l) => l.fault)).toHaveLength(1);
	});

	test("'after' applies the request, then answers the error", async () => {
		const sid = await login();
		emu.faults.add({ match: { path: /^\/v3\/vendors$/ }, status: 500, when: 'after' });
		expect((await call('POST', '/v3/vendors', sid, vendor)).status).toBe(500);
		expect(vendorCount()).toBe(1);
	});

	test('times, BDC codes and status; only matching requests are hit', async () => {
		const sid = await login();
		emu.faults.add({ match: { method: 'GET', path: /^\/v3\/vendors/ }, times: 2, status: 400, code: 'BDC_1322', message: 'Max number of concurrent requests per organization reached.' });
		expect((await call('POST', '/v3/vendors', sid, vendor)).status).toBe(201);
		expectBdc(await call('GET', '/v3/vendors', sid), 400, 'BDC_1322');
		expectBdc(await call('GET', '/v3/vendors', sid), 400, 'BDC_1322');
		expect((await call('GET', '/v3/vendors', sid)).status).toBe(200);
		expect(emu.faults.pending).toHaveLength(0);
	});

	test('reset destroys the socket (before: not applied; after: applied)', async () => {
		const sid = await login();
		emu.faults.add({ match: { path: /^\/v3\/vendors$/ }, reset: true });
		await expect(http.post(`${connect}/v3/vendors`, vendor, { headers: orgHeaders(sid) })).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|socket hang up/) });
		expect(vendorCount()).toBe(0);
		emu.faults.add({ match: { path: /^\/v3\/vendors$/ }, reset: true, when: 'after' });
		await expect(http.post(`${connect}/v3/vendors`, vendor, { headers: orgHeaders(sid) })).rejects.toBeTruthy();
		expect(vendorCount()).toBe(1);
		expect(emu.counters.currentInFlight[SEED.organizationId]).toBe(0);
	});

	test('delay-only faults slow matching requests; global latencyMs slows all', async () => {
		const sid = await login();
		emu.faults.add({ match: { path: /^\/v3\/vendors$/ }, delayMs: 200 });
		let t = Date.now();
		expect((await call('GET', '/v3/vendors', sid)).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(190);
		emu.config.latencyMs = 120;
		t = Date.now();
		await call('GET', '/v3/login/session', sid);
		expect(Date.now() - t).toBeGreaterThanOrEqual(110);
	});

	test('reset() wipes data, sessions, log, counters and faults', async () => {
		const sid = await login();
		await call('POST', '/v3/vendors', sid, vendor);
		emu.faults.add({ status: 503, times: 5 });
		emu.reset();
		expect(vendorCount()).toBe(0);
		expect(emu.requestLog).toEqual([]);
		expect(emu.counters.logins).toBe(0);
		expect(emu.faults.pending).toEqual([]);
		expectBdc(await call('GET', '/v3/vendors', sid), 401, 'BDC_1109');
	});
});

describe('custom module hooks', () => {
	test('seeders run at construction and on every reset; collection aliases merge derived collections', async () => {
		let runs = 0;
		await startEmu({
			collectionAliases: { 'reports/widgets': 'widgets' },
			seeders: [
				(e) => {
					runs++;
					e.store.collection('widgets').insert({ name: 'seeded', _scope: { widgetId: 'w1' } });
				},
			],
		});
		expect(runs).toBe(1);
		// Core seed: the organization and its users.
		expect(emu.store.collection('organizations', SEED.organizationId).get(SEED.organizationId)).toMatchObject({ name: 'Emulator Org' });
		expect(emu.store.collection('users', SEED.organizationId).get(SEED.userId)).toMatchObject({ email: SEED.username });
		const sid = await login();
		// `/v3/reports/widgets/{widgetId}` now reads the `widgets` collection, scoped by widgetId.
		const r = await call('GET', '/v3/reports/widgets/w1', sid);
		expect(r.data.map((w: { name: string }) => w.name)).toEqual(['seeded']);
		expect((await call('GET', '/v3/reports/widgets/w2', sid)).data).toEqual([]);
		emu.reset();
		expect(runs).toBe(2);
		expect(emu.store.collection('widgets').size).toBe(1);
	});

	test('errors are logged with their BDC code and the matched template', async () => {
		await startEmu();
		const sid = await login();
		await call('GET', '/v3/vendors/00901NOPE', sid);
		const last = emu.requestLog[emu.requestLog.length - 1];
		expect(last).toMatchObject({ method: 'GET', path: '/v3/vendors/00901NOPE', status: 404, code: 'BDC_1120', template: '/v3/vendors/{vendorId}', auth: 'org', organizationId: SEED.organizationId });
	});

	test('each entry has its arrival and its answer time: the answer comes after the latency', async () => {
		await startEmu();
		const sid = await login();
		emu.config.latencyMs = 50;
		await call('GET', '/v3/vendors/00901NOPE', sid);
		emu.config.latencyMs = 0;
		const last = emu.requestLog[emu.requestLog.length - 1];
		expect(Date.parse(last.answered ?? '') - Date.parse(last.time)).toBeGreaterThanOrEqual(45);
	});
});

describe("the node's table against the emulator with its custom handlers", () => {
	test('every operation of the table has a route under its base (never "API not supported")', async () => {
		emu = new BillEmulator();
		await emu.start();
		const sid = (await http.post(`${emu.connectUrl}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey })).data.sessionId as string;
		const psid = (await http.post(`${emu.connectUrl}/v3/partner/login`, { username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey })).data.sessionId as string;
		expect(allOperations.length).toBeGreaterThan(0);
		const unrouted: string[] = [];
		for (const o of allOperations) {
			if (o.noAuth || o.path === '/v3/logout') continue;
			const url = `${o.api === 'webhooks' ? emu.eventsUrl : emu.connectUrl}${o.path.replace(/\{[^}]+\}/g, 'x0')}`;
			const headers =
				o.api === 'spend'
					? { apiToken: SEED.spendToken }
					: o.api === 'partner'
						? { appKey: SEED.appKey, sessionId: psid, organizationId: SEED.organizationId }
						: orgHeaders(sid);
			const r = await http.request({ method: o.method, url, headers, data: o.kind === 'upload' ? Buffer.from('x') : undefined });
			if (r.status === 404 && Array.isArray(r.data) && r.data[0]?.code === 'BDC_1121') unrouted.push(`${o.method} ${o.path}`);
			expect(r.status).not.toBe(401);
		}
		expect(unrouted).toEqual([]);
		expect(emu.counters.peakConcurrency[SEED.organizationId]).toBeLessThanOrEqual(3);
	});
});
