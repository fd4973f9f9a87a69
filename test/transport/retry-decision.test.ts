/**
 * Issue 16 §2: the whole retry decision as a table (method × answer → resend or not), each row
 * with its reason and, where BILL says something, where it says it. The decision is
 * nodes/Bill/transport/retry.ts; the rows below are what it must answer.
 *
 * BILL's documentation used:
 * - developer.bill.com/docs/api-rate-limits: BDC_1322 "All subsequent API requests fail until one
 *   concurrent request is completed" (a refusal: nothing done); BDC_1144 "All subsequent API
 *   requests must wait until the beginning of the next hour".
 * - auth.md §6 (BILL's common error codes): BDC_1109 "Session is invalid. Please log in." →
 *   re-login and retry; BDC_1101 / BDC_1102 credentials; 4XX client errors, 5XX server errors.
 * - auth.md §9: no idempotency key on Connect creates (only webhook subscription / security key).
 */
import { describeFailure, type FailureInfo } from '../../nodes/Bill/transport/errors';
import { parseRetryAfter, RETRY, retryDecision, retryDelayMs, type RetryAction } from '../../nodes/Bill/transport/retry';
import { itemsText, subjectOf } from '../../nodes/Bill/actions/outcome';
import { resources } from '../../nodes/Bill/resources';

type Row = [method: string, failure: FailureInfo, action: RetryAction, why: string];

const ALL = ['GET', 'PUT', 'DELETE', 'POST', 'PATCH'];
const SAFE = ['GET', 'PUT', 'DELETE'];
const UNSAFE = ['POST', 'PATCH'];
const each = (methods: string[], failure: FailureInfo, action: RetryAction, why: string): Row[] => methods.map((m) => [m, failure, action, why]);

const TABLE: Row[] = [
	// Refusals BILL documents: nothing was done, any method may be sent again.
	...each(ALL, { status: 400, code: 'BDC_1322' }, 'refused', 'BILL: concurrent requests "fail until one concurrent request is completed" — refused, not processed (api-rate-limits)'),
	...each(ALL, { status: 429 }, 'refused', 'HTTP 429 Too Many Requests refuses before processing [inferred: RFC 6585; BILL documents no 429]'),
	...each(ALL, { status: 429, code: 'BDC_1429' }, 'refused', 'Spend & Expense per-minute limit answered 429 [inferred code]'),
	// Refusals that a retry inside the workflow cannot outlast.
	...each(ALL, { status: 400, code: 'BDC_1144' }, 'final', 'BILL: hourly cap, "wait until the beginning of the next hour" — the error says when (api-rate-limits)'),
	...each(ALL, { status: 429, code: 'BDC_1144' }, 'final', 'the hourly cap whatever status carries it: BILL is detected by code (auth.md §7)'),
	// 401: the request layer already signed in again and resent once (BDC_1109: "re-login and retry", auth.md §6).
	...each(ALL, { status: 401, code: 'BDC_1109' }, 'final', 'refused again with a fresh session: the credential is at fault'),
	// Never left this machine.
	...each(ALL, { networkCode: 'ECONNREFUSED', notSent: true }, 'notSent', 'connection refused: nothing was sent'),
	...each(ALL, { networkCode: 'ENOTFOUND', notSent: true }, 'notSent', 'DNS found no host: nothing was sent'),
	...each(ALL, { networkCode: 'EAI_AGAIN', notSent: true }, 'notSent', 'DNS lookup failed for now: nothing was sent'),
	...each(ALL, { networkCode: 'EHOSTUNREACH', notSent: true }, 'notSent', 'no route to BILL: nothing was sent'),
	...each(ALL, { status: 503, signInFailed: true, notSent: true }, 'notSent', "the credential's sign-in got a 503, so the request itself was never sent"),
	...each(ALL, { networkCode: 'ECONNRESET', signInFailed: true, notSent: true }, 'notSent', 'the sign-in lost its connection: the request itself was never sent'),
	// Sent, and the answer says nothing about whether BILL applied it.
	...[500, 502, 503, 504].flatMap((status) => [
		...each(SAFE, { status }, 'idempotent', `HTTP ${status}: a GET/PUT/DELETE sent twice does no more than once`),
		...each(UNSAFE, { status }, 'outcomeUnknown', `HTTP ${status} may come from a gateway after BILL applied it; no idempotency key (auth.md §9): never resent`),
	]),
	...each(SAFE, { status: 503, code: 'BDC_1001' }, 'idempotent', 'BILL\'s "System error occurred." on a GET/PUT/DELETE'),
	...each(UNSAFE, { status: 500, code: 'BDC_1001' }, 'outcomeUnknown', 'BILL\'s "System error occurred." after a POST: it may have been applied'),
	...['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', undefined].flatMap((networkCode) => [
		...each(SAFE, { networkCode }, 'idempotent', `${networkCode ?? 'no answer'} after the request may have been written: safe to repeat a GET/PUT/DELETE`),
		...each(UNSAFE, { networkCode }, 'outcomeUnknown', `${networkCode ?? 'no answer'} after the request may have been written: a POST/PATCH is never resent`),
	]),
	// BILL answered: the same request gets the same answer.
	...each(ALL, { status: 400, code: 'BDC_1001' }, 'final', 'BILL refused the request as sent (auth.md §6: check fields)'),
	...each(ALL, { status: 400, code: 'BDC_1101' }, 'final', 'user name / password refused (auth.md §6)'),
	...each(ALL, { status: 403, code: 'BDC_1356' }, 'final', 'needs an MFA-trusted session'),
	...each(ALL, { status: 404, code: 'BDC_1120' }, 'final', 'BILL found no data for the ID (auth.md §6)'),
	...each(ALL, { status: 404, code: 'BDC_1121' }, 'final', 'API not supported: wrong path (auth.md §6)'),
	...each(ALL, { status: 501 }, 'final', 'not implemented: it will not be the next time either'),
	...each(ALL, { networkCode: 'ERR_CANCELED' }, 'final', 'the execution was cancelled'),
];

/** Requests carrying BILL's X-Idempotent-Key: "A response is cached for 24 hours per key … a repeat with the same key returns the cached response" (webhooks.md §1). */
const KEYED: Row[] = [
	['POST', { status: 503 }, 'idempotent', 'a repeat with the same X-Idempotent-Key gets the cached answer'],
	['POST', { networkCode: 'ECONNRESET' }, 'idempotent', 'a repeat with the same X-Idempotent-Key gets the cached answer'],
	['POST', { status: 400, code: 'BDC_1001' }, 'final', 'BILL refused it as sent'],
	['POST', { status: 400, code: 'BDC_1322' }, 'refused', 'refused, nothing done'],
];

describe('the retry decision, row by row', () => {
	test.each(KEYED)('%s with X-Idempotent-Key %j → %s (%s)', (method, failure, action) => {
		expect(retryDecision(method, failure, true).action).toBe(action);
	});

	test.each(TABLE)('%s %j → %s (%s)', (method, failure, action) => {
		const d = retryDecision(method, failure);
		expect(d.action).toBe(action);
		expect(d.retry).toBe(action === 'refused' || action === 'notSent' || action === 'idempotent');
		expect(d.reason.length).toBeGreaterThan(10);
	});

	test('no row lets a POST or PATCH be resent after it may have reached BILL', () => {
		const mayHaveReached = TABLE.filter(([m, f]) => UNSAFE.includes(m) && !f.notSent && f.code !== 'BDC_1322' && f.status !== 429);
		expect(mayHaveReached.length).toBeGreaterThan(10);
		for (const [m, f] of mayHaveReached) expect(retryDecision(m, f).retry).toBe(false);
	});
});

describe('what n8n and axios give, read into the decision', () => {
	const axiosError = (code: string, message: string) => Object.assign(new Error(message), { code, isAxiosError: true });
	/** n8n's helpers wrap the axios error (the original stays as `cause`). */
	const wrapped = (cause: Error, message = cause.message) => Object.assign(new Error(message), { cause });

	test.each([
		['ECONNREFUSED (nothing sent)', axiosError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'POST', 'notSent'],
		['ENOTFOUND (DNS)', axiosError('ENOTFOUND', 'getaddrinfo ENOTFOUND gateway.prod.bill.com'), 'POST', 'notSent'],
		['EAI_AGAIN (DNS)', wrapped(axiosError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN gateway.prod.bill.com')), 'PATCH', 'notSent'],
		['socket hang up', wrapped(axiosError('ECONNRESET', 'socket hang up')), 'POST', 'outcomeUnknown'],
		['socket hang up', wrapped(axiosError('ECONNRESET', 'socket hang up')), 'GET', 'idempotent'],
		['axios timeout', axiosError('ECONNABORTED', 'timeout of 60000ms exceeded'), 'POST', 'outcomeUnknown'],
		["n8n's words for a timeout, code lost", new Error('The connection was aborted, perhaps the server is offline'), 'POST', 'outcomeUnknown'],
		["n8n's words for a reset, code lost", new Error('The connection to the server was closed unexpectedly, perhaps it is offline.'), 'GET', 'idempotent'],
		["n8n's words for a refused connection, code lost", new Error('The service refused the connection - perhaps it is offline'), 'POST', 'notSent'],
		['a failed sign-in (503 at login)', Object.assign(new Error('BILL sign-in failed — HTTP 503'), { httpCode: '503' }), 'POST', 'notSent'],
		['a refused sign-in', Object.assign(new Error('BILL sign-in failed — BDC_1101: User name and/or password do not match our records. — Check the username'), { httpCode: '400' }), 'POST', 'final'],
		['partner log in as user failed', new Error('BILL partner "log in as user" sign-in failed — check the User ID and Organization ID: the user must belong to an organization of this partner'), 'POST', 'notSent'],
	] as const)('%s, %s → %s', (_label, error, method, action) => {
		expect(retryDecision(method, describeFailure(error)).action).toBe(action);
	});

	test("a refused sign-in keeps BILL's code; a partner log-in-as-user failure invents none", () => {
		expect(describeFailure(new Error('BILL sign-in failed — BDC_1101: User name and/or password do not match our records. — Check')).code).toBe('BDC_1101');
		expect(describeFailure(new Error('BILL partner "log in as user" sign-in failed — check the User ID and Organization ID: x')).code).toBeUndefined();
	});
});

describe('Retry-After', () => {
	const now = Date.parse('2026-12-07T10:00:00Z');
	test.each([
		['120', 120_000],
		['0', 0],
		['Mon, 07 Dec 2026 10:00:30 GMT', 30_000],
		['Mon, 07 Dec 2026 09:59:00 GMT', 0],
		['soon', undefined],
		['', undefined],
		[undefined, undefined],
		[['5'], 5000],
	])('%j → %j ms', (value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});

	test('honoured up to RETRY.retryAfterMaxMs; beyond it, no retry (the error says when)', () => {
		const wait = retryDelayMs(0, 2000)!;
		expect(wait).toBeGreaterThanOrEqual(2000);
		expect(wait).toBeLessThanOrEqual(2000 + Math.min(1000, RETRY.baseMs));
		expect(retryDelayMs(0, RETRY.retryAfterMaxMs + 1)).toBeUndefined();
		expect(retryDelayMs(3)).toBeLessThanOrEqual(Math.min(RETRY.maxMs, RETRY.baseMs * 8));
	});
});

describe('how an outcome-unknown error names the items', () => {
	test.each([
		[[3], 'item 3'],
		[[0, 1, 2], 'items 0–2'],
		[[0, 1, 5, 7, 8], 'items 0–1, 5, 7–8'],
		[Array.from({ length: 30 }, (_, k) => k * 2), `items ${Array.from({ length: 20 }, (_, k) => k * 2).join(', ')}, …`],
	])('%j → %s', (items, text) => {
		expect(itemsText(items)).toBe(text);
	});
});

describe('the words of an outcome-unknown error come from the table, for every POST and PATCH', () => {
	const changing = resources.flatMap((r) => r.operations.filter((o) => o.method === 'POST' || o.method === 'PATCH').map((o) => [`${r.name} → ${o.name}`, o] as const));

	test.each(changing)('%s', (_label, op) => {
		const s = subjectOf(op, resources, [2])!;
		expect(s.done).toMatch(/^(created|updated|created or updated|replaced|archived|restored|deleted) this [a-z]|^carried out “.+”$/i);
		expect(`${s.done} ${s.check} ${s.createdNoun ?? ''}`).not.toMatch(/undefined|null/);
		expect(s.items).toBe('item 2');
	});

	test.each([
		['payment', 'create', 'created this payment', 'Payment → Get Many', 'payments'],
		['payment', 'createMass', 'created this mass payment', 'Payment → Get Many', 'payments'],
		['payment', 'void', 'carried out “Void a payment”', 'Payment → Get Many', undefined],
		['vendor', 'update', 'updated this vendor', 'Vendor → Get Many', undefined],
		['vendor', 'upsert', 'created or updated this vendor', 'Vendor → Get Many', undefined],
		['bill', 'archive', 'archived this bill', 'Bill → Get Many', undefined],
	])('%s %s → "%s", check %s', (resource, operation, done, check, createdNoun) => {
		const op = resources.find((r) => r.value === resource)!.operations.find((o) => o.operation === operation)!;
		expect(subjectOf(op, resources, [0])).toEqual({ done, check, items: 'item 0', ...(createdNoun ? { createdNoun } : {}) });
	});

	test('a batch names its items; GET, PUT and DELETE need no words (they are resent)', () => {
		const payment = resources.find((r) => r.value === 'payment')!;
		const bulk = payment.operations.find((o) => o.operation === 'createMany')!;
		expect(subjectOf(bulk, resources, [50, 51, 52])?.done).toBe('created the payments of items 50–52');
		expect(subjectOf(payment.operations.find((o) => o.operation === 'get')!, resources, [0])).toBeUndefined();
	});
});
