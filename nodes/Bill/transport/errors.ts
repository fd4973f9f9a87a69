import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { NOT_SENT_NETWORK_CODES } from './retry';

/** One entry of BILL's v3 error array (auth.md §6). */
export interface BillErrorEntry {
	code?: string;
	message?: string;
	severity?: string;
	category?: string;
	timestamp?: string;
}

/** What we know about a failed request, with nothing secret in it. */
export interface FailureInfo {
	status?: number;
	/** BILL's code, e.g. `BDC_1109`. */
	code?: string;
	/** BILL's message. */
	billMessage?: string;
	/** Network error code (ECONNRESET, ECONNREFUSED, …) when no response came back. */
	networkCode?: string;
	/** Whether the request certainly did not reach BILL (safe to resend whatever the method). */
	notSent?: boolean;
	/** The credential's sign-in failed, so the request itself was never sent. */
	signInFailed?: boolean;
	/** What the sign-in failure adds after BILL's code and message (e.g. that the refusal is remembered). */
	signInNote?: string;
	/** What the answer's `Retry-After` header asks, in milliseconds. */
	retryAfterMs?: number;
	/** axios / n8n message, for context. */
	message?: string;
}

/** How to fix the common BILL errors (shown as the error's description). */
export const BILL_ERROR_HINTS: Record<string, string> = {
	BDC_1001: 'BILL could not process the request. Check for unknown or misspelt fields and the format of nested objects.',
	BDC_1002: 'BILL could not process the request. Check for unknown or misspelt fields and the format of nested objects.',
	BDC_1101: 'Check the username and password (or sync token name and value) and that they belong to the selected environment: sandbox and production accounts are separate.',
	BDC_1102: 'Check the developer key and that it was issued for the selected environment (sandbox or production).',
	BDC_1103: 'The developer key is inactive. Ask BILL support to activate it.',
	BDC_1107: 'The organization is locked out. Sign in to the BILL web app to resolve it.',
	BDC_1108: 'A required parameter is missing. Fill in the field BILL names in the message.',
	BDC_1109: 'The BILL session expired or is invalid. The node signs in again once by itself; if this persists, check the credential.',
	BDC_1110: 'The login is locked after failed attempts. Unlock it in the BILL web app, then retry.',
	BDC_1120: 'BILL found no data for the ID. Check that the ID exists in this organization and environment.',
	BDC_1121: 'BILL does not support this API path. Check the environment (the URL may point at the wrong service).',
	BDC_1144: 'BILL allows 20,000 requests per hour per developer key. Requests are refused until the start of the next hour.',
	BDC_1322: 'BILL allows 3 concurrent requests per organization. The node already waited and retried; lower Max Concurrent Requests or spread the workflows out.',
	BDC_1361:
		'BILL refused because the session is not MFA-trusted. In production, payments, bank accounts, auto-pay and vendor network invitations need an MFA-trusted session: set MFA Remember Me ID and Device Name in the BILL API credential.',
	BDC_1356:
		'This operation needs an MFA-trusted session in production (payments, bank accounts, auto-pay). Set MFA Remember Me ID and Device Name in the BILL API credential (see its hint for how to obtain them).',
};

/** A response body as a value: JSON text (a string or bytes) parsed, another value as it is; `undefined` for text that is not JSON. */
export function parsedBody(data: unknown): unknown {
	const body = Buffer.isBuffer(data) ? data.toString('utf8') : data;
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

/** Pull BILL's error entries out of a response body (array, `{errors:[…]}` or a JSON string). */
export function billErrors(data: unknown): BillErrorEntry[] {
	const body = parsedBody(data);
	if (Array.isArray(body)) return body.filter((e) => e && typeof e === 'object') as BillErrorEntry[];
	if (body && typeof body === 'object') {
		const obj = body as Record<string, unknown>;
		if (Array.isArray(obj.errors)) return billErrors(obj.errors);
		if (typeof obj.code === 'string') return [obj as BillErrorEntry];
	}
	return [];
}

/** Reduce any error thrown by n8n's request helpers to a secret-free summary. */
export function describeFailure(error: unknown): FailureInfo {
	const seen = new Set<unknown>();
	let current: unknown = error;
	const info: FailureInfo = {};
	// n8n wraps the axios error in NodeApiError (`cause`); walk down the chain.
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const e = current as Record<string, unknown> & { response?: { status?: number; data?: unknown } };
		if (e.response && typeof e.response === 'object') {
			info.status ??= typeof e.response.status === 'number' ? e.response.status : undefined;
			const entries = billErrors(e.response.data);
			if (entries.length && !info.code) {
				info.code = entries[0].code;
				info.billMessage = entries.map((x) => x.message).filter(Boolean).join(' ');
			}
		}
		if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code) && !info.networkCode) info.networkCode = e.code;
		if (!info.status && typeof e.httpCode === 'string' && /^\d{3}$/.test(e.httpCode)) info.status = Number(e.httpCode);
		if (!info.message && typeof e.message === 'string') info.message = e.message;
		current = e.cause;
	}
	// A failed sign-in reaches the node as n8n's NodeApiError with only its text and HTTP code: read BILL's code and message back from it.
	if (!info.code) {
		const signIn = errorTexts(error)
			.map((t) => SIGN_IN_FAILURE.exec(t))
			.find(Boolean);
		if (signIn) {
			info.code = signIn[1].trim();
			info.billMessage = signIn[2].trim();
		}
	}
	// n8n's NodeApiError keeps neither the response nor the error code: read the code back from its text.
	if (!info.networkCode) info.networkCode = networkCodeFromText(error);
	if (info.networkCode && NOT_SENT_NETWORK_CODES.has(info.networkCode) && !info.status) info.notSent = true;
	// The credential signs in before the request is sent: when that fails, the request never left.
	const signInText = errorTexts(error).find((t) => SIGN_IN_FAILED.test(t));
	if (signInText) {
		info.signInFailed = info.notSent = true;
		const note = SIGN_IN_NOTE.exec(signInText)?.[1];
		if (note) info.signInNote = redact(note);
	}
	if (info.message) info.message = redact(info.message);
	return info;
}

/** How transport/session.ts words a refused sign-in: `BILL sign-in failed — <code>: <message> — <hint>`. */
export function signInFailureText(what: string, code: string, message: string | undefined, rest: string[]): string {
	return [`${what} failed`, `${code}: ${message ?? ''}`.trim(), ...rest].join(' — ');
}
const SIGN_IN_FAILURE = /sign-in failed — ([^\s:—]+): ([^—]*?)(?: — |$)/;
/** Any failed sign-in of the credentials (transport/session.ts, credentials/BillApi): `… sign-in failed — …`. */
const SIGN_IN_FAILED = /sign-in failed —/;
/** transport/session.ts's note on a remembered refusal, at the end of the text. */
const SIGN_IN_NOTE = / — (BILL refused this sign-in .*)$/;

const NETWORK_PHRASES: Array<[RegExp, string]> = [
	[/\b(E[A-Z]{3,}[A-Z_]*)\b/, '$1'],
	[/socket hang up|closed unexpectedly/i, 'ECONNRESET'],
	[/refused the connection/i, 'ECONNREFUSED'],
	[/cannot be established|incorrect host/i, 'ENOTFOUND'],
	[/timed out/i, 'ETIMEDOUT'],
	// axios's own timeout (IHttpRequestOptions.timeout), as axios and n8n word it.
	[/connection was aborted|timeout of \d+ms exceeded/i, 'ECONNABORTED'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
];

/** The texts an error (n8n's wrapper) carries: message, description, messages. */
function errorTexts(error: unknown): string[] {
	const e = (error ?? {}) as { message?: unknown; messages?: unknown; description?: unknown };
	return [e.message, e.description, ...(Array.isArray(e.messages) ? e.messages : [])].filter((x): x is string => typeof x === 'string');
}

function networkCodeFromText(error: unknown): string | undefined {
	const texts = errorTexts(error);
	for (const text of texts) {
		for (const [re, code] of NETWORK_PHRASES) {
			const m = re.exec(text);
			if (m) return code === '$1' ? m[1] : code;
		}
	}
	return undefined;
}

/** Values that must never reach output, errors or logs. */
const SECRET_KEYS = ['password', 'devKey', 'sessionId', 'apiToken', 'appKey', 'rememberMeId', 'securityKey', 'token'];

/** Remove secret-looking `key: value` / `"key":"value"` pairs from a text. */
export function redact(text: string): string {
	let out = text;
	for (const key of SECRET_KEYS) {
		const re = new RegExp(`(["']?${key}["']?\\s*[:=]\\s*["']?)([^"'\\s,}&]+)`, 'gi');
		out = out.replace(re, '$1***');
	}
	return out;
}

/** Credential fields that are not secret; every other value a credential holds is treated as one. */
const NOT_SECRET_FIELDS = new Set(['environment', 'baseUrl', 'loginType', 'username', 'partnerUsername', 'userId', 'organizationId', 'deviceName', 'sessionTrusted']);

/**
 * The secret values of credentials (password, developer key, session, token, remember-me ID, …, at
 * any depth, e.g. OAuth token data): what must be removed from anything an error stores.
 */
export function secretValuesOf(...credentials: Array<Record<string, unknown> | undefined>): string[] {
	const out = new Set<string>();
	const walk = (value: unknown, key: string) => {
		if (NOT_SECRET_FIELDS.has(key)) return;
		if (typeof value === 'string') {
			if (value.trim().length >= 4) out.add(value.trim());
		} else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
	};
	for (const c of credentials) walk(c, '');
	return [...out].sort((a, b) => b.length - a.length);
}

/** A text without secrets: `key: value` shapes (redact) and every known secret value, as is or URL-encoded, whatever surrounds it. */
export function scrub(text: string, secrets: string[] = []): string {
	let out = redact(text);
	for (const secret of secrets) {
		for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
	}
	return out;
}

/**
 * The NodeApiError the user sees: `BDC_xxxx: BILL's message`, HTTP status, and how to fix it.
 * Built from a plain object so that no request header (devKey, sessionId, apiToken) is carried along;
 * the credential's secret values (`secrets`) are removed from the message, the description and the
 * stored payload (n8n keeps the payload's message in `messages` and the payload as the cause).
 */
export function toNodeApiError(node: INode, info: FailureInfo, extra?: { itemIndex?: number; hint?: string; message?: string; secrets?: string[] }): NodeApiError {
	const status = info.status;
	let message: string;
	if (info.code) message = `${info.code}: ${info.billMessage || 'BILL returned an error'}`;
	// (n8n replaces a message that names a network code with its own words: the code goes in the description.)
	else if (info.networkCode) message = networkMessage(info);
	else if (status) message = `BILL answered with HTTP ${status}`;
	else message = info.message || 'The request to BILL failed';
	const hints: string[] = [];
	// A message of the caller's own (the outcome of the request is unknown): BILL's answer goes first in the description.
	if (extra?.message) hints.push(message);
	if (info.code && BILL_ERROR_HINTS[info.code]) hints.push(BILL_ERROR_HINTS[info.code]);
	else if (status === 401) hints.push(BILL_ERROR_HINTS.BDC_1109);
	else if (status === 404 && !info.code) hints.push('Check the ID and the environment of the credential.');
	if (extra?.hint) hints.push(extra.hint);
	if (extra?.message) message = extra.message;
	const description = [status ? `HTTP ${status}` : info.networkCode, ...hints].filter(Boolean).join(' — ');
	const clean = scrub(message, extra?.secrets);
	const payload: JsonObject = { message: clean, ...(info.code ? { code: info.code } : {}), ...(status ? { httpCode: String(status) } : {}) };
	const error = new NodeApiError(node, payload, {
		message: clean,
		description: scrub(description, extra?.secrets),
		httpCode: status ? String(status) : undefined,
		itemIndex: extra?.itemIndex,
	});
	// Read back by the handlers (BDC_1144: how far a long run got) without parsing the text.
	if (info.code) error.context.billCode = info.code;
	return error;
}

function networkMessage(info: FailureInfo): string {
	if (info.notSent) return 'Could not reach BILL: the connection could not be made (check the environment / base URL and the network)';
	if (info.networkCode === 'ECONNABORTED' || info.networkCode === 'ETIMEDOUT') return 'BILL did not answer in time';
	if (info.networkCode === 'ECONNRESET' || info.networkCode === 'EPIPE') return 'The connection to BILL was lost before its answer came';
	return 'Could not reach BILL';
}

/** An item's error as n8n shows it: NodeApiError or NodeOperationError. */
export type ItemError = NodeApiError | NodeOperationError;

/** The item an error names (`context.itemIndex`, what n8n's editor shows as "Item Index"), if any. */
export function itemIndexOf(error: unknown): number | undefined {
	const index = (error as { context?: { itemIndex?: unknown } } | undefined)?.context?.itemIndex;
	return typeof index === 'number' ? index : undefined;
}

/** `… [item 3]` at the end of a message: n8n's own wording for an item's error (n8n-core's binary helpers, the Set and Code nodes). */
const ITEM_SUFFIX = /\s\[item \d+\]$/;

/**
 * The error of input item `itemIndex` as n8n shows it (the one place the node names the item of an
 * error, actions/router.ts): a NodeApiError/NodeOperationError whose `context.itemIndex` is the item
 * (the editor's error view shows it as "Item Index") and whose message ends in ` [item N]`, as
 * n8n's own nodes word it, so that the item is named wherever only the message travels (the error
 * item of Continue On Fail, an error workflow, the execution list). An error that already names an
 * item keeps its words; one error shared by several items (a failed bulk batch) is copied per item.
 */
export function forItem(node: INode, error: Error, itemIndex: number, shared = false): ItemError {
	let out: ItemError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(node, error, { itemIndex });
	if (shared && out === error) {
		out = Object.assign(Object.create(Object.getPrototypeOf(out) as object) as ItemError, out, { context: { ...out.context } });
		Object.defineProperties(out, { message: { value: error.message, writable: true, configurable: true }, stack: { value: error.stack, writable: true, configurable: true } });
	}
	out.context.itemIndex = itemIndex;
	if (!ITEM_SUFFIX.test(out.message)) out.message = `${out.message} [item ${itemIndex}]`;
	return out;
}

/**
 * Whether BILL answered that the request's route does not exist: HTTP 404 with BILL's BDC_1121
 * ("API not supported", BILL's error code list) or a 404 without BILL's error body (no route
 * answered it). Either way BILL did nothing. Not BILL's BDC_1120 "no data" (the route exists, the
 * record does not), nor any other status.
 */
export function routeMissing(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || String(error.httpCode ?? '') !== '404') return false;
	const code = billCodeOf(error);
	return code === undefined || code === 'BDC_1121';
}

/** BILL's code of an error the request layer made (`toNodeApiError`), if any. */
export function billCodeOf(error: unknown): string | undefined {
	const context = (error as { context?: { billCode?: unknown } } | undefined)?.context;
	return typeof context?.billCode === 'string' ? context.billCode : undefined;
}

/**
 * For an operation that needs an MFA-trusted session and failed: what the credential tells about
 * why the session may not be trusted, and the fix.
 */
export function trustHint(credentials: { loginType?: unknown; mfaRememberMeToken?: unknown; sessionTrusted?: unknown; clientId?: unknown; consoleApiToken?: unknown }): string {
	if (credentials.clientId !== undefined) {
		// [inferred] BILL documents MFA-trusted sessions (POST /v3/login with rememberMeId), nothing for OAuth tokens.
		return 'If BILL refused because the request is not MFA-trusted: BILL documents MFA trust for sign-in sessions only, not for OAuth client credentials. For payments, bank accounts and auto-pay in production set Authentication to "Sign-In or API Token" and use a BILL API credential with an MFA Remember Me ID.';
	}
	if (credentials.consoleApiToken !== undefined) {
		return 'If BILL refused because the session is not MFA-trusted: Accountant Console sessions are signed in without an MFA Remember Me ID. For payments, bank accounts and auto-pay in production use a BILL API credential of the client organization with an MFA Remember Me ID.';
	}
	if (credentials.loginType === 'syncToken') {
		return 'This credential signs in with a sync token, and BILL never makes sync-token sessions MFA-trusted: sign in as an Organization User with an MFA Remember Me ID for payments, bank accounts and auto-pay.';
	}
	const rememberMe = String(credentials.mfaRememberMeToken ?? '').trim();
	if (rememberMe && credentials.sessionTrusted === 'false') {
		return 'BILL signed this credential in WITHOUT an MFA-trusted session although it has an MFA Remember Me ID: the ID has expired (BILL keeps them 30 days) or does not belong to the Device Name. Get a new one with MFA → Generate Challenge, then MFA → Validate Challenge with Remember Me on, and paste it into the credential.';
	}
	if (!rememberMe) {
		return 'If BILL refused because the session is not MFA-trusted: in production, payments, bank accounts and auto-pay need MFA Remember Me ID and Device Name in the BILL API credential.';
	}
	return 'If BILL refused because the session is not MFA-trusted: check that the MFA Remember Me ID and Device Name of the credential belong together and are less than 30 days old.';
}
