import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { describeFailure, BILL_ERROR_HINTS, signInFailureText } from './errors';

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
	// Someone already replaced the session this caller holds: use theirs.
	if (state.latest && state.latest.sessionId !== current) return state.latest;
	const s = state;
	s.inFlight = login()
		.then((signedIn) => {
			s.latest = { ...signedIn, at: Date.now() };
			return signedIn;
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

