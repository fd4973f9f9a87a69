import type { FailureInfo } from './errors';

/**
 * Whether a failed request to BILL may be sent again, and why: the one place the package decides.
 *
 * Money moves once. BILL documents no idempotency key for payments, bills or any other Connect
 * create (auth.md §9: only the webhook subscription and security-key calls take `X-Idempotent-Key`),
 * so a POST or PATCH that may have reached BILL is never resent: not after a 5xx, a timeout or a
 * connection lost after the request was written. What is resent:
 * - refusals BILL documents as "nothing done": `BDC_1322` ("All subsequent API requests fail until
 *   one concurrent request is completed", developer.bill.com/docs/api-rate-limits) and HTTP 429;
 * - requests that never left this machine (connection refused, DNS), or whose sign-in failed so the
 *   request itself was never sent;
 * - methods whose resend changes nothing more than the first send: GET, HEAD, OPTIONS, PUT, DELETE,
 *   and a POST carrying BILL's `X-Idempotent-Key` (BILL answers a repeat of the key from its cache).
 * The 401 re-sign-in (BILL's `BDC_1109` "Session is invalid. Please log in.", auth.md §6: "re-login
 * and retry") is not decided here: the request layer signs in and resends once inside an attempt,
 * since BILL refused the session before looking at the request.
 */

/** What happens after a failure. */
export type RetryAction =
	/** BILL refused the request and did nothing (BDC_1322, 429): send again, after a pause. */
	| 'refused'
	/** The request never reached BILL: send again, whatever the method. */
	| 'notSent'
	/** It may have reached BILL, but sending it again changes nothing more (GET/PUT/DELETE): send again. */
	| 'idempotent'
	/** A POST/PATCH that may have been applied: never resent; the error says to check BILL first. */
	| 'outcomeUnknown'
	/** BILL answered for good (a 4xx, the hourly cap): the same request gets the same answer. */
	| 'final';

export interface RetryDecision {
	retry: boolean;
	action: RetryAction;
	/** Why, in one sentence (shown by the table test and the README). */
	reason: string;
}

/** Methods whose second send leaves BILL as the first one did (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Network failures raised before the request was written: the connection was never made, so
 * nothing reached BILL. Everything else without an answer (ECONNRESET / "socket hang up",
 * ETIMEDOUT, ECONNABORTED (axios timeout), EPIPE, …) may come after BILL read the request.
 */
export const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Answers that say nothing about the request itself: a server or gateway in trouble, which may pass with time. */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

const decide = (retry: boolean, action: RetryAction, reason: string): RetryDecision => ({ retry, action, reason });

/**
 * @param keyed the request carries BILL's `X-Idempotent-Key` (webhook subscription and security-key
 *   creates): BILL caches the answer per key for 24 hours and a repeat with the same key returns it
 *   (webhooks.md §1, BILL's webhook API general rules), so a resend with the same key does nothing twice.
 */
export function retryDecision(method: string, f: FailureInfo, keyed = false): RetryDecision {
	const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase()) || keyed;
	if (f.code === 'BDC_1144') return decide(false, 'final', "BILL's hourly cap: every request is refused until the next hour, so waiting inside a workflow helps nobody; the error says when");
	if (f.code === 'BDC_1322') return decide(true, 'refused', 'BILL refused it for the 3-in-flight limit and did nothing ("all subsequent API requests fail until one concurrent request is completed")');
	// [inferred] BILL documents no HTTP 429 (its limits answer BDC codes); a 429 from BILL or a gateway is a refusal: RFC 6585 says the request was not served.
	if (f.status === 429) return decide(true, 'refused', 'Too Many Requests: refused before processing [inferred: BILL does not document 429; RFC 6585 says the request was not served]');
	if (f.status === 401) return decide(false, 'final', 'the session was refused again right after a fresh sign-in: the credential is at fault, not the moment');
	if (f.code === 'ERR_CANCELED' || f.networkCode === 'ERR_CANCELED') return decide(false, 'final', 'the execution was cancelled');
	const transient = f.status === undefined || TRANSIENT_STATUSES.has(f.status);
	if (f.notSent && transient) return decide(true, 'notSent', f.signInFailed ? 'the sign-in failed, so the request itself was never sent' : 'the connection was never made, so nothing reached BILL');
	if (!transient) return decide(false, 'final', `BILL answered HTTP ${f.status}${f.code ? ` ${f.code}` : ''}: the same request gets the same answer`);
	const what = f.status ? `HTTP ${f.status}` : (f.networkCode ?? 'no answer');
	if (keyed) return decide(true, 'idempotent', `${what} after the request may have reached BILL, but it carries X-Idempotent-Key: BILL answers a repeat with the same key from its 24-hour cache`);
	if (idempotent) return decide(true, 'idempotent', `${what} after the request may have reached BILL, but ${method.toUpperCase()} may be sent twice without doing more`);
	return decide(false, 'outcomeUnknown', `${what} after the request may have reached BILL: a gateway error or a lost connection can follow the change, and BILL has no idempotency key, so a ${method.toUpperCase()} is never resent`);
}

/**
 * Bounded retries with exponential backoff and full jitter; Retry-After honoured up to
 * `retryAfterMaxMs`. [inferred] BILL documents no Retry-After: 60 s is as long as a workflow item
 * reasonably waits; a longer ask fails at once with the time to run again.
 */
export const RETRY = { attempts: 6, baseMs: 300, maxMs: 10_000, retryAfterMaxMs: 60_000 };

export function backoffMs(attempt: number): number {
	const ceiling = Math.min(RETRY.maxMs, RETRY.baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * A `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an HTTP date) in milliseconds from
 * `now`; undefined when absent or unreadable. BILL documents none; gateways in front of it may send one.
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before attempt `attempt + 1`: what Retry-After asks (plus a little jitter so that
 * processes do not come back in step), else the backoff. Undefined when Retry-After asks for longer
 * than the node waits: the error then says when to run again.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number | undefined {
	if (retryAfterMs === undefined) return backoffMs(attempt);
	if (retryAfterMs > RETRY.retryAfterMaxMs) return undefined;
	return retryAfterMs + Math.round(Math.random() * Math.min(1000, RETRY.baseMs));
}

/**
 * How long one request may take before the node gives up on it (IHttpRequestOptions.timeout; n8n's
 * default is 300 s, and a timed-out GET retried six times would hold one of the organization's 3
 * slots for half an hour). [inferred] BILL answers API calls in seconds and documents no timeout;
 * files (uploads up to 6 MB, downloads) get longer.
 */
export const TIMEOUTS = { apiMs: 60_000, fileMs: 300_000 };
