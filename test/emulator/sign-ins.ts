/**
 * BILL's newer sign-ins, kept out of server.ts (docs/oauth-facts.md, from BILL's pages — never from
 * the node's code):
 * - OAuth client credentials: `POST /authx/token` (form data `grant_type=client_credentials`,
 *   `client_id`, `client_secret`) → an access token sent as `Authorization: Bearer …` on AP, AR and
 *   Spend & Expense calls, with exactly the product permissions of the user who created the app;
 *   not accepted for webhooks or partner operations.
 * - Accountant Console: `POST /v3/login` with `username` (Console email), `consoleApiToken`, `devKey`,
 *   `organizationId` of a client organization → an ordinary organization session;
 *   `GET /v3/login/organizations` lists the organizations a session can reach (100 per page).
 */
import { randomBytes } from 'crypto';

import type { EmulatorConfig } from './config';
import { BDC, bdcError } from './errors';
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
