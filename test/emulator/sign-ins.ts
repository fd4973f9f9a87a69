/**
 * BILL's sign-ins, kept out of server.ts (docs/oauth-facts.md, from BILL's pages — never from
 * the node's code):
 * - OAuth client credentials: `POST /authx/token` (form data `grant_type=client_credentials`,
 *   `client_id`, `client_secret`) → an access token sent as `Authorization: Bearer …` on AP, AR and
 *   Spend & Expense calls, with exactly the product permissions of the user who created the app;
 *   not accepted for webhooks or partner operations.
 * - Accountant Console: `POST /v3/login` with `username` (Console email), `consoleApiToken`, `devKey`,
 *   `organizationId` of a client organization → an ordinary organization session;
 *   `GET /v3/login/organizations` lists the organizations a session can reach (100 per page).
 * - The BILL API credential's sign-ins (`signInRoute`): `POST /v3/login`, `GET /v3/login/session`,
 *   `POST /v3/logout`, `POST /v3/partner/login`, `POST /v3/partner/login-as-user` (README "Auth").
 */
import { randomBytes } from 'crypto';

import type { EmulatorConfig } from './config';
import { BDC, bdcError } from './errors';
import type { Store } from './store';
import type { EmuAuth, EmuRequest, EmuResponse } from './types';

interface IssuedToken {
	clientId: string;
	organizationId: string;
	userId: string;
	expiresAt: number;
}

/** What the emulator core lends this module. */
export interface SignInHost {
	config: EmulatorConfig;
	nowMs(): number;
}

/** A session the Console opened in a client organization (the core's session fields it needs). */
export interface ConsoleSessionInput {
	kind: 'org';
	organizationId: string;
	userId: string;
	trusted: boolean;
	sync: boolean;
	idleMs: number;
	consoleUser: string;
}

/** Where a bearer token may be used: the auth kind the path needs (server.ts authKindFor). */
export type BearerUse = EmuAuth['kind'] | 'any' | 'orgOrPartner' | 'download';

export class SignIns {
	private readonly tokens = new Map<string, IssuedToken>();

	/** `POST /authx/token` answers, refused ones included. */
	tokenRequests = 0;

	constructor(private readonly host: SignInHost) {}

	reset(): void {
		this.tokens.clear();
		this.usesLeft = undefined;
		this.tokenRequests = 0;
	}

	/** Every access token becomes invalid (as when BILL's short-lived tokens expire). */
	expireAllTokens(): void {
		this.tokens.clear();
	}

	private usesLeft?: number;

	/** The tokens issued so far expire after `n` more accepted requests (an expiry in the middle of a run). */
	expireTokensAfter(n: number): void {
		this.usesLeft = n;
	}

	get tokenCount(): number {
		return [...this.tokens.values()].filter((t) => t.expiresAt > this.host.nowMs()).length;
	}

	/**
	 * `POST /authx/token`. BILL documents the request, not its error answers: these follow RFC 6749
	 * §5.2 (`{error, error_description}`, 400 / 401) [inferred], as does the success body
	 * `{access_token, token_type: 'Bearer', expires_in}` [inferred].
	 */
	token(method: string, headers: Record<string, string | undefined>, rawBody: Buffer): EmuResponse {
		this.tokenRequests++;
		if (method !== 'POST') return { status: 405, body: { error: 'invalid_request', error_description: 'Use POST' } };
		if (!(headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
			return oauthError(400, 'invalid_request', 'Send the form as application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(rawBody.toString('utf8'));
		const grant = form.get('grant_type');
		const clientId = form.get('client_id');
		const secret = form.get('client_secret');
		if (!grant || !clientId || !secret) return oauthError(400, 'invalid_request', 'grant_type, client_id and client_secret are required');
		if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported');
		const app = this.host.config.oauthApps.find((a) => a.clientId === clientId);
		if (!app) return oauthError(401, 'invalid_client', 'Unknown client'); // [inferred] wording
		if (app.clientSecret !== secret) return oauthError(401, 'invalid_client', 'Invalid client secret'); // [inferred] wording
		const accessToken = randomBytes(32).toString('base64url');
		const ttl = this.host.config.oauthTokenTtlMs;
		this.tokens.set(accessToken, { clientId, organizationId: app.organizationId, userId: app.createdBy, expiresAt: this.host.nowMs() + ttl });
		return { body: { access_token: accessToken, token_type: 'Bearer', expires_in: Math.floor(ttl / 1000) } };
	}

	/**
	 * Checks `Authorization: Bearer …` for a call that needs `use`, and fills `req.auth` as the
	 * app's organization and creating user. Unknown or expired → 401 [inferred code: BILL's
	 * invalid-session BDC_1109]; webhooks and partner calls → 401 (BILL: not supported);
	 * a product the creating user has no role in → 403 [inferred code and message].
	 */
	authenticate(use: BearerUse, bearer: string, req: EmuRequest): EmuResponse | undefined {
		if (this.usesLeft !== undefined && this.usesLeft-- <= 0) {
			this.usesLeft = undefined;
			this.tokens.clear();
		}
		const t = this.tokens.get(bearer);
		if (!t || t.expiresAt <= this.host.nowMs()) {
			if (t) this.tokens.delete(bearer);
			return bdcError(401, BDC.sessionInvalid.code, 'Invalid or expired access token.', 'DOWNSTREAM');
		}
		if (use === 'any' || use === 'partner') {
			return bdcError(401, BDC.sessionInvalid.code, 'OAuth access tokens are not supported for this API. Use your existing authentication.', 'DOWNSTREAM');
		}
		const user = this.host.config.users.find((u) => u.userId === t.userId);
		if (use === 'spend') {
			if (!user?.spendRole) return bdcError(403, 'BDC_1140', 'The user who created this app has no Spend & Expense access.'); // [inferred]
			req.auth = { kind: 'spend', organizationId: t.organizationId, userId: t.userId, orgKey: t.organizationId, limitKey: `spend-oauth:${t.clientId}` };
			return undefined;
		}
		if (!user || !user.organizationIds.includes(t.organizationId) || user.role === 'NONE') {
			return bdcError(403, 'BDC_1140', 'The user who created this app has no Accounts Payable / Receivable access.'); // [inferred]
		}
		req.auth = { kind: 'org', organizationId: t.organizationId, userId: t.userId, trusted: false, orgKey: t.organizationId, limitKey: `oauth:${t.clientId}` };
		return undefined;
	}

	/**
	 * `POST /v3/login` with a Console API token (the core has checked the fields, developer key and
	 * login cap). Wrong token → 400 BDC_1101 as a wrong password [inferred]; an organization the
	 * Console does not reach → 400 BDC_1123.
	 */
	consoleLogin(b: Record<string, unknown>, open: (s: ConsoleSessionInput) => { id: string }): EmuResponse {
		const user = this.host.config.consoleUsers.find((u) => u.username.toLowerCase() === String(b.username).toLowerCase() && u.consoleApiToken === b.consoleApiToken);
		if (!user) return bdcError(400, BDC.wrongPassword.code, BDC.wrongPassword.message);
		const orgId = String(b.organizationId);
		if (!user.organizationIds.includes(orgId)) return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
		const s = open({ kind: 'org', organizationId: orgId, userId: user.userId, trusted: false, sync: false, idleMs: this.host.config.sessionIdleMs, consoleUser: user.username });
		return { body: { sessionId: s.id, organizationId: orgId, userId: user.userId, trusted: false } };
	}

	/**
	 * `GET /v3/login/organizations`: the organizations the session can reach, 100 per page
	 * (`page` → `nextPage`). Item fields `organizationId`, `organizationName`,
	 * `consoleOrganizationId`, `consoleOrganizationName` [inferred: BILL names "organizations and
	 * console organizations", not the fields].
	 */
	loginOrganizations(req: EmuRequest, session: { userId?: string; consoleUser?: string }): EmuResponse {
		const cfg = this.host.config;
		const nameOf = (id: string) => cfg.organizations.find((o) => o.id === id)?.name ?? id;
		const console = session.consoleUser ? cfg.consoleUsers.find((u) => u.username === session.consoleUser) : undefined;
		const ids = console ? console.organizationIds : (cfg.users.find((u) => u.userId === session.userId)?.organizationIds ?? []);
		const all = ids.map((id) => ({
			organizationId: id,
			organizationName: nameOf(id),
			...(console ? { consoleOrganizationId: console.consoleOrganizationId, consoleOrganizationName: nameOf(console.consoleOrganizationId) } : {}),
		}));
		const start = req.query.page ? Number(Buffer.from(req.query.page, 'base64url').toString('utf8')) || 0 : 0;
		const max = Math.min(100, Math.max(1, Number(req.query.max ?? 100) || 100));
		const results = all.slice(start, start + max);
		const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
		return { body: { results, ...(next ? { nextPage: next } : {}) } };
	}
}

function oauthError(status: number, error: string, description: string): EmuResponse {
	return { status, body: { error, error_description: description } };
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerOf(headers: Record<string, string | undefined>): string | undefined {
	const m = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
	return m ? m[1].trim() : undefined;
}

/* ------------------------------------------------------------------ the BILL API credential's sign-ins */

/** A session as a sign-in opens it (server.ts `EmuSession` adds its ID and last use). */
export interface SignInSession {
	kind: 'org' | 'partner';
	organizationId?: string;
	userId?: string;
	partnerId?: string;
	/** MFA-trusted (a custom `/v3/mfa/step-up` handler may set it). */
	trusted: boolean;
	/** Opened with a sync token (no MFA, longer idle time). */
	sync: boolean;
	/** Opened by an Accountant Console user (its username) in a client organization. */
	consoleUser?: string;
	idleMs: number;
}

/** What the emulator core lends the sign-in routes (server.ts `sessionHost`). */
export interface SessionHost {
	config(): EmulatorConfig;
	counters(): { logins: number; partnerLogins: number; loginsAsUser: number };
	store(): Store;
	signIns(): SignIns;
	createSession(s: SignInSession): { id: string };
	getSession(sessionId: string | undefined): (SignInSession & { id: string }) | undefined;
	endSession(sessionId: string): void;
	isTrustedDevice(rememberMeId: unknown, device: unknown, userId: string): boolean;
	/** Counts a sign-in in its clock hour (per dev key or app key); the count so far. */
	loginWindow(key: string): number;
	/** Counts a request against the hourly cap of a dev key; the count so far. */
	requestWindow(key: string): number;
}

/** A sign-in route: the authentication it needs (`orgOrPartner`: either session) and its answer. */
export interface SignInRoute {
	auth: EmuAuth['kind'] | 'orgOrPartner';
	handle(req: EmuRequest): EmuResponse | Promise<EmuResponse>;
}

const bodyObject = (req: EmuRequest): Record<string, unknown> => (typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {});
const missingField = (f: string) => bdcError(400, BDC.missingParam.code, `${BDC.missingParam.message}${f}.`);

/**
 * BILL's sign-in endpoints of the BILL API credential (developer.bill.com reference: API login,
 * session info, logout, partner login, login as user; login organizations from its 2026 changelog),
 * served before the catalog's routes; `p` is the path without a trailing slash.
 */
export function signInRoute(h: SessionHost, method: string, p: string): SignInRoute | undefined {
	if (method === 'POST' && p === '/v3/login') return { auth: 'none', handle: (r) => login(h, r) };
	if (method === 'GET' && p === '/v3/login/session') return { auth: 'org', handle: (r) => sessionInfo(h, r) };
	if (method === 'GET' && p === '/v3/login/organizations') {
		return { auth: 'org', handle: (r) => h.signIns().loginOrganizations(r, h.getSession(r.auth.sessionId) ?? { userId: r.auth.userId }) };
	}
	if (method === 'POST' && p === '/v3/logout') return { auth: 'orgOrPartner', handle: (r) => logout(h, r) };
	if (method === 'POST' && p === '/v3/partner/login') return { auth: 'none', handle: (r) => partnerLogin(h, r) };
	if (method === 'POST' && p === '/v3/partner/login-as-user') return { auth: 'partner', handle: (r) => loginAsUser(h, r) };
	return undefined;
}

function login(h: SessionHost, req: EmuRequest): EmuResponse {
	const config = h.config();
	h.counters().logins++;
	const b = bodyObject(req);
	const consoleLogin = b.consoleApiToken !== undefined;
	for (const f of ['username', consoleLogin ? 'consoleApiToken' : 'password', 'organizationId', 'devKey']) {
		if (typeof b[f] !== 'string' || b[f] === '') return missingField(f);
	}
	const devKey = b.devKey as string;
	if (!config.devKeys.includes(devKey)) return bdcError(401, BDC.devKeyInvalid.code, BDC.devKeyInvalid.message);
	if (h.loginWindow(devKey) > config.loginHourlyCap) {
		return bdcError(config.limitErrorStatus, BDC.hourlyCap.code, `${BDC.hourlyCap.message}${config.loginHourlyCap}.`);
	}
	h.requestWindow(`dev:${devKey}`);
	const orgId = b.organizationId as string;
	if (consoleLogin) return h.signIns().consoleLogin(b, (s) => h.createSession(s));
	const sync = config.syncTokens.find((t) => t.name === b.username && t.value === b.password);
	if (sync) {
		if (sync.organizationId !== orgId) return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
		const s = h.createSession({ kind: 'org', organizationId: orgId, userId: sync.userId, trusted: false, sync: true, idleMs: config.syncSessionIdleMs });
		return { body: { sessionId: s.id, organizationId: orgId, userId: sync.userId, trusted: false } };
	}
	const user = config.users.find((u) => u.username.toLowerCase() === String(b.username).toLowerCase() && u.password === b.password);
	if (!user) return bdcError(400, BDC.wrongPassword.code, BDC.wrongPassword.message);
	if (!config.organizations.some((o) => o.id === orgId) || !user.organizationIds.includes(orgId)) {
		return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
	}
	const trusted = h.isTrustedDevice(b.rememberMeId, b.device, user.userId);
	const s = h.createSession({ kind: 'org', organizationId: orgId, userId: user.userId, trusted, sync: false, idleMs: config.sessionIdleMs });
	return { body: { sessionId: s.id, organizationId: orgId, userId: user.userId, trusted } };
}

function sessionInfo(h: SessionHost, req: EmuRequest): EmuResponse {
	const session = h.getSession(req.auth.sessionId);
	const mfa = h.config().mfaDevices.some((d) => !d.userId || d.userId === req.auth.userId);
	return {
		body: {
			organizationId: req.auth.organizationId,
			userId: req.auth.userId,
			mfaStatus: session?.sync ? 'DISABLED' : mfa ? 'ENABLED' : 'DISABLED',
			mfaBypass: false,
		},
	};
}

function logout(h: SessionHost, req: EmuRequest): EmuResponse {
	if (req.auth.sessionId) h.endSession(req.auth.sessionId);
	return { status: 200 };
}

function partnerLogin(h: SessionHost, req: EmuRequest): EmuResponse {
	const config = h.config();
	h.counters().partnerLogins++;
	const b = bodyObject(req);
	for (const f of ['username', 'password', 'appKey']) {
		if (typeof b[f] !== 'string' || b[f] === '') return missingField(f);
	}
	if (!config.partners.some((p) => p.appKey === b.appKey)) return bdcError(401, BDC.devKeyInvalid.code, BDC.devKeyInvalid.message);
	if (h.loginWindow(`app:${String(b.appKey)}`) > config.loginHourlyCap) {
		return bdcError(config.limitErrorStatus, BDC.hourlyCap.code, `${BDC.hourlyCap.message}${config.loginHourlyCap}.`);
	}
	const partner = config.partners.find((p) => p.appKey === b.appKey && p.username.toLowerCase() === String(b.username).toLowerCase() && p.password === b.password);
	if (!partner) return bdcError(400, BDC.wrongPassword.code, BDC.wrongPassword.message);
	const s = h.createSession({ kind: 'partner', partnerId: partner.partnerId, trusted: false, sync: false, idleMs: config.sessionIdleMs });
	return { body: { sessionId: s.id } };
}

function loginAsUser(h: SessionHost, req: EmuRequest): EmuResponse {
	const config = h.config();
	h.counters().loginsAsUser++;
	const b = bodyObject(req);
	for (const f of ['userId', 'organizationId']) {
		if (typeof b[f] !== 'string' || b[f] === '') return missingField(f);
	}
	const partner = config.partners.find((p) => p.partnerId === req.auth.partnerId);
	const orgId = b.organizationId as string;
	if (!partner || !partner.organizationIds.includes(orgId)) return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
	const userId = b.userId as string;
	const store = h.store();
	const known =
		config.users.some((u) => u.userId === userId && u.organizationIds.includes(orgId)) ||
		store.collection('partner/users', orgId).get(userId) !== undefined ||
		store.collection('users', orgId).get(userId) !== undefined;
	if (!known) return bdcError(400, 'BDC_1111', `No active user for: ${userId}, ${orgId}.`);
	const trusted = h.isTrustedDevice(b.rememberMeId, b.device, userId);
	const s = h.createSession({ kind: 'org', organizationId: orgId, userId, trusted, sync: false, idleMs: config.sessionIdleMs });
	return { body: { sessionId: s.id, trusted } };
}
