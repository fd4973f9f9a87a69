import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrl } from './environment';
import { describeFailure, BILL_ERROR_HINTS, parsedBody, signInFailureText } from './errors';
import { TIMEOUTS } from './retry';

/**
 * Sign-in coalescing for the credentials' `preAuthentication`.
 *
 * n8n calls preAuthentication when the stored session is empty, and again for EVERY request that
 * gets a 401 (each resends once). With 3 requests in flight that would mean 3 logins, and BILL allows
 * 200 per hour. Here, per account, at most one login runs at a time; callers that arrive while it
 * runs get its session, and a caller holding a session older than the newest one we obtained gets the
 * newest one without a login. Net effect: one login per expiry, however many requests saw it.
 * Sessions are kept in memory only (never logged); n8n also stores the new one in the credential.
 */
/** What a sign-in gives: the session, and whether BILL made it MFA-trusted (`trusted` of its login answer). */
export interface SignedIn {
	sessionId: string;
	trusted?: boolean;
}

interface AccountState {
	/** The newest session this process obtained, and when (epoch ms). */
	latest?: SignedIn & { at?: number };
	inFlight?: Promise<SignedIn>;
	/** BILL's last refusal of this account's sign-in (its text, no secret) and when. */
	refused?: { at: number; error: Error };
}

/**
 * BILL's answers to a sign-in that a retry cannot change: the credential itself is refused
 * (auth.md §6: BDC_1101 user name / password, BDC_1102 developer key invalid, BDC_1103 developer key
 * inactive, BDC_1107 organization locked out, BDC_1110 login locked). BILL locks users out after failed
 * sign-ins and allows 200 logins per developer key per hour, so such a refusal is remembered for the
 * account (in this process's memory, under the hash of the credential's values: a changed credential is
 * a new account and is tried at once) and every sign-in meanwhile fails at once with it.
 */
export const SIGN_IN_REFUSAL = {
	codes: new Set(['BDC_1101', 'BDC_1102', 'BDC_1103', 'BDC_1107', 'BDC_1110']),
	/** [inferred] BILL states no lock-out window; 5 minutes keeps a polling trigger with a wrong password to 12 attempts an hour. */
	rememberMs: 5 * 60_000,
};

function rememberedRefusal(refused: { at: number; error: Error }): Error {
	const minutes = Math.max(1, Math.ceil((refused.at + SIGN_IN_REFUSAL.rememberMs - Date.now()) / 60_000));
	const seconds = Math.max(1, Math.round((Date.now() - refused.at) / 1000));
	const text = `${refused.error.message} — BILL refused this sign-in ${seconds} s ago, so the node does not try again for ${minutes} more minute${minutes === 1 ? '' : 's'} (failed sign-ins can lock the BILL user out); a corrected credential is tried at once`;
	return Object.assign(new Error(text), { httpCode: (refused.error as { httpCode?: string }).httpCode });
}

const accounts = new Map<string, AccountState>();

export function accountKey(parts: unknown[]): string {
	return createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex');
}

/**
 * @param key identifies the account (hash of environment, user, password, org, keys)
 * @param current the session the caller holds ('' when none)
 * @param login performs one real login and returns the new session
 */
export async function coalescedLogin(key: string, current: string, login: () => Promise<SignedIn>): Promise<SignedIn> {
	let state = accounts.get(key);
	if (!state) {
		state = {};
		accounts.set(key, state);
	}
	if (state.inFlight) return await state.inFlight;
	if (state.refused && Date.now() - state.refused.at < SIGN_IN_REFUSAL.rememberMs) throw rememberedRefusal(state.refused);
	// Someone already replaced the session this caller holds: use theirs.
	if (state.latest && state.latest.sessionId !== current) return state.latest;
	const s = state;
	s.inFlight = login()
		.then((signedIn) => {
			s.latest = { ...signedIn, at: Date.now() };
			s.refused = undefined;
			return signedIn;
		})
		.catch((error: unknown) => {
			const code = describeFailure(error).code;
			if (error instanceof Error && code && SIGN_IN_REFUSAL.codes.has(code)) s.refused = { at: Date.now(), error };
			throw error;
		})
		.finally(() => {
			s.inFlight = undefined;
		});
	return await s.inFlight;
}

/**
 * The request layer saw BILL refuse `token` (401) for a request sent at `sentAt`: forget the
 * session this process holds when it is that token or older than the request (in queue mode
 * another process may have stored a newer session meanwhile, so the stored token alone does not
 * tell), so that the next sign-in really signs in instead of handing an expired session back.
 * A session obtained after the request was sent is kept: that request's 401 was for an older one.
 */
export function markSessionExpired(key: string, token: string, sentAt?: number): void {
	const state = accounts.get(key);
	if (!state?.latest) return;
	if ((token && state.latest.sessionId === token) || (sentAt !== undefined && (state.latest.at ?? 0) <= sentAt)) state.latest = undefined;
}

/** Identifies one BILL account across the credential types (hash; nothing secret is kept in it). */
export function sessionAccountKey(type: string, credentials: ICredentialDataDecryptedObject, connectBase: string): string {
	if (type === 'billPartnerApi') return accountKey([connectBase, 'partner', credentials.username, credentials.password, credentials.appApiKey]);
	if (type === 'billConsoleApi') return consoleAccountKey(credentials, connectBase, String(credentials.organizationId ?? ''));
	if (type === 'billOAuth2Api') return accountKey([connectBase, 'oauth', String(credentials.clientId ?? '').trim(), credentials.clientSecret]);
	const partner = credentials.loginType === 'partnerLoginAsUser';
	return accountKey([
		connectBase,
		credentials.loginType,
		partner ? credentials.partnerUsername : credentials.username,
		partner ? credentials.partnerPassword : credentials.password,
		credentials.appApiKey,
		credentials.userId,
		String(credentials.organizationId ?? '').trim(),
		credentials.developerApiKey,
		String(credentials.mfaRememberMeToken ?? '').trim(),
	]);
}

/** For tests: forget every known session. */
export function resetSessionCache(): void {
	accounts.clear();
}

/** POST a BILL login endpoint and return its body; failures become a clear, secret-free Error. */
export async function loginRequest(helper: IHttpRequestHelper, url: string, body: Record<string, unknown>, what: string): Promise<ICredentialDataDecryptedObject> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		json: true,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		timeout: TIMEOUTS.apiMs,
	};
	let f;
	try {
		return (await helper.helpers.httpRequest(options)) as ICredentialDataDecryptedObject;
	} catch (error) {
		f = describeFailure(error);
	}
	const hint = f.code && BILL_ERROR_HINTS[f.code] ? BILL_ERROR_HINTS[f.code] : f.status === 401 || f.status === 400 ? BILL_ERROR_HINTS.BDC_1101 : undefined;
	const hints = hint ? [hint] : [];
	let text: string;
	// BILL's code and message in the text (errors.ts reads them back: n8n keeps only the text and the HTTP code of a failed sign-in).
	if (f.code) text = signInFailureText(what, f.code, f.billMessage, hints);
	else if (f.status) text = [`${what} failed`, `HTTP ${f.status}`, ...hints].join(' — ');
	else text = [`${what} failed`, `could not reach ${url} (${f.networkCode ?? 'no answer'}); check the environment / base URL`].join(' — ');
	throw Object.assign(new Error(text), { httpCode: f.status ? String(f.status) : undefined });
}

/** `POST /v3/partner/login`: a partner session (used by the partner credential and by log-in-as-user). */
export async function partnerLogin(helper: IHttpRequestHelper, connectBase: string, account: { username: unknown; password: unknown; appKey: unknown }): Promise<string> {
	const res = await loginRequest(helper, `${connectBase}/v3/partner/login`, account, 'BILL partner sign-in');
	return String(res.sessionId);
}


/** What BILL's token endpoint answers (RFC 6749 §5.1 [inferred]: BILL's page shows no example body). */
export interface AccessToken {
	accessToken: string;
	/** Seconds, when BILL says. */
	expiresIn?: number;
}

/**
 * `POST /authx/token` with `grant_type=client_credentials`, `client_id`, `client_secret` as form
 * data (BILL's "Create an access token"). Failures become an Error that says what is wrong in words
 * (unknown client, wrong secret, wrong environment), never the secret.
 */
export async function clientCredentialsToken(helper: IHttpRequestHelper, url: string, clientId: string, clientSecret: string): Promise<AccessToken> {
	const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString();
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let response: { statusCode?: number; body?: unknown };
	try {
		response = (await helper.helpers.httpRequest(options)) as { statusCode?: number; body?: unknown };
	} catch (error) {
		const f = describeFailure(error);
		throw Object.assign(new Error(`BILL OAuth sign-in failed — could not reach ${url} (${f.networkCode ?? 'no answer'}); check the Environment (sandbox, production or the custom base URL)`), {
			httpCode: undefined,
		});
	}
	const status = Number(response.statusCode ?? 200);
	const data = parseJson(response.body);
	const token = data && typeof data.access_token === 'string' ? data.access_token : '';
	if (status < 400 && token) {
		const expiresIn = Number(data?.expires_in);
		return { accessToken: token, expiresIn: Number.isFinite(expiresIn) ? expiresIn : undefined };
	}
	// No httpCode: n8n would replace the text with its generic "Authorization failed" for a 401 (the credential test shows only the message).
	throw Object.assign(new Error(tokenFailureText(status, data, url)), { httpCode: undefined });
}

function parseJson(body: unknown): Record<string, unknown> | undefined {
	const value = parsedBody(body);
	if (Array.isArray(value)) return { billError: value[0] };
	return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/**
 * BILL does not document the token endpoint's errors: this reads RFC 6749 §5.2 (`error`,
 * `error_description`) and BILL's own `[{code, message}]` array [inferred], and words the causes.
 */
export function tokenFailureText(status: number, data: Record<string, unknown> | undefined, url: string): string {
	const billError = data?.billError as { code?: string; message?: string } | undefined;
	const error = String(data?.error ?? billError?.code ?? '');
	const description = String(data?.error_description ?? billError?.message ?? '');
	const said = [error, description].filter(Boolean).join(': ');
	const env = 'Sandbox and production apps are separate: check that the Environment is the one the app was created in.';
	let cause: string;
	if (status === 404) cause = `there is no token endpoint at ${url}. Check the Environment (a custom base URL must serve /authx/token).`;
	else if (/secret/i.test(description)) cause = 'the Client Secret is wrong for this Client ID. Copy it again from the developer app in the BILL web app (a new secret replaces the old one).';
	else if (/unknown|not found|does not exist|no such/i.test(description)) cause = `BILL does not know this Client ID. ${env}`;
	else if (error === 'invalid_client' || status === 401) cause = `BILL does not accept this Client ID and Client Secret: the ID is unknown or the secret is wrong. ${env}`;
	else if (error === 'unauthorized_client' || status === 403) cause = 'the developer app may not use client credentials, or the BILL user who created it can no longer sign in. Check the app in the BILL web app.';
	else if (status >= 500) cause = `BILL's token endpoint answered HTTP ${status}; try again later.`;
	else if (status < 400) cause = 'BILL answered without an access token.';
	else cause = 'BILL refused the token request.';
	// Worded like a refused sign-in, so that the node's error reads the cause back (errors.ts).
	const code = error || `HTTP ${status}`;
	return signInFailureText('BILL OAuth sign-in', code.replace(/[:—]/g, ' '), `${cause}${said ? ` (BILL said: ${said.replace(/—/g, '-')})` : ''}`, []);
}

/** One Accountant Console user in one client organization (sessions are per organization). */
function consoleAccountKey(credentials: ICredentialDataDecryptedObject, connectBase: string, organizationId: string): string {
	return accountKey([connectBase, 'console', String(credentials.username ?? '').trim().toLowerCase(), credentials.consoleApiToken, credentials.developerApiKey, organizationId.trim()]);
}

/**
 * A session in one client organization of an Accountant Console: `POST /v3/login` with the Console
 * email, Console API token, developer key and the client organization (BILL's API login reference).
 * One sign-in per organization at a time; `current` is the session the caller holds ('' or refused).
 */
export async function consoleSignIn(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, organizationId: string, current: string): Promise<string> {
	const org = organizationId.trim();
	if (!/^008[0-9A-Za-z]+$/.test(org)) {
		throw Object.assign(new Error(`The client organization ID "${org}" must begin with 008 (for example 00801ABCDEFGHIJ1234): set Client Organization ID, or the Default Client Organization ID of the BILL Accountant Console credential`), { httpCode: undefined });
	}
	const connect = baseUrl(credentials, 'connect');
	const signedIn = await coalescedLogin(consoleAccountKey(credentials, connect, org), current, async () => {
		const body = { username: credentials.username, consoleApiToken: credentials.consoleApiToken, devKey: credentials.developerApiKey, organizationId: org };
		const res = await loginRequest(helper, `${connect}/v3/login`, body, 'BILL Console sign-in');
		return { sessionId: String(res.sessionId), trusted: res.trusted === true };
	});
	return signedIn.sessionId;
}

/**
 * Whether a Console request goes to another client organization than the credential's default
 * one. The default organization's session is n8n's (stored in the credential, reused by later
 * executions and workers); the others are kept in memory here, one sign-in per organization.
 */
export function otherClientOrganization(credentials: ICredentialDataDecryptedObject, organizationId: string | undefined): boolean {
	const org = String(organizationId ?? '').trim();
	return org !== '' && org !== String(credentials.organizationId ?? '').trim();
}

/**
 * The Console credential as the request layer sends it for another client organization: that
 * organization and its session. `refused` is a session BILL just refused (401).
 */
export async function forClientOrganization(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	organizationId: string,
	refused?: string,
): Promise<ICredentialDataDecryptedObject> {
	const org = organizationId.trim();
	if (refused) markSessionExpired(consoleAccountKey(credentials, baseUrl(credentials, 'connect'), org), refused);
	return { ...credentials, organizationId: org, sessionToken: await consoleSignIn(helper, credentials, org, refused ?? '') };
}
