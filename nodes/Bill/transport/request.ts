import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { BillCredentialType } from './credentialTypes';
import { baseUrl, type BillBase } from './environment';
import { billCodeOf, billErrors, describeFailure, routeMissing, secretValuesOf, toNodeApiError, trustHint, type FailureInfo } from './errors';
import { organizationLimiter, spendRateWindow, type RequestOutcome } from './limiter';
import { RETRY, TIMEOUTS, parseRetryAfter, retryDecision, retryDelayMs, type RetryDecision } from './retry';
import { forClientOrganization, markSessionExpired, otherClientOrganization, sessionAccountKey } from './session';
import { followBillRedirects, onBillHost, requestElsewhere } from './hosts';
import { answerOf, UnusableAnswer, type FullResponse } from './response';

export type BillContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

export type { BillCredentialType } from './credentialTypes';

export interface BillRequest {
	credentialType: BillCredentialType;
	/** Which BILL base the path is under (Connect by default; webhooks use `connect-events`). */
	base?: BillBase;
	method: IHttpRequestMethods;
	/** `/v3/...` below the base, or an absolute URL (a `downloadLink`). */
	path: string;
	qs?: IDataObject;
	/** JSON object/array, or raw bytes for uploads. */
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	/** Content type of a Buffer body. */
	contentType?: string;
	/** Return the raw bytes (downloads). */
	binary?: boolean;
	returnFullResponse?: boolean;
	itemIndex?: number;
	/** Added to the error's description when the request fails. */
	hint?: string;
	/** The operation needs an MFA-trusted session in production: a failure explains the credential's trust state. */
	needsTrust?: boolean;
	/** What a POST/PATCH does, in words, for the error when it may have been applied (actions/outcome.ts). */
	subject?: RequestSubject;
	/** Accountant Console: the client organization of this item (empty: the credential's default). */
	organizationId?: string;
	/**
	 * Where BILL's pages give two paths for one endpoint (OperationDef.newerPath): the other path,
	 * sent once only when BILL answers that `path` is no route of its (errors.ts routeMissing).
	 */
	fallbackPath?: string;
}

/**
 * A POST/PATCH in the user's words, for the error when BILL may have applied it and the node cannot
 * tell: `BILL may have <done>: check <check> [for <createdNoun> created since …] before running <items> again`.
 */
export interface RequestSubject {
	/** "created this payment", "done “Void” on this payment", "created the payments of items 0–49". */
	done: string;
	/** Where to look: "Payment → Get Many". */
	check: string;
	/** For creates: the records to look for ("payments"), from the time the request was first sent. */
	createdNoun?: string;
	/** "item 3", "items 0–49". */
	items?: string;
}

export { RETRY, TIMEOUTS, retryDecision, type RetryDecision } from './retry';

/** Key under which BILL counts concurrency: developer key + organization (or token / partner). */
function limitKey(type: BillCredentialType, credentials: ICredentialDataDecryptedObject): string {
	const root = String(credentials.environment ?? '') + String(credentials.baseUrl ?? '');
	let who: string;
	if (type === 'billSpendApi') who = `spend:${String(credentials.apiToken ?? '')}`;
	else if (type === 'billPartnerApi') who = `partner:${String(credentials.username ?? '')}`;
	// OAuth apps are per organization [inferred: BILL counts their requests against it like a session's].
	else if (type === 'billOAuth2Api') who = `oauth:${String(credentials.clientId ?? '').trim()}`;
	else who = `org:${String(credentials.organizationId ?? '')}`;
	return createHash('sha256').update(`${root}|${who}`).digest('hex').slice(0, 24);
}

/** Whether BILL may have refused for want of an MFA-trusted session. */
function untrusted(req: BillRequest, f: FailureInfo): boolean {
	return f.code === 'BDC_1361' || f.code === 'BDC_1356' || (!!req.needsTrust && f.status === 403);
}

function hourlyCapMessage(): string {
	const now = new Date();
	const next = new Date(now);
	next.setUTCMinutes(60, 0, 0);
	const minutes = Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 60_000));
	return `Try again after ${next.toISOString().slice(11, 16)} UTC (in about ${minutes} minute${minutes === 1 ? '' : 's'}).`;
}

/**
 * The one way this package talks to BILL. Every node call goes through here:
 * session handled by the credential (n8n re-signs-in once on 401), at most 3 requests in flight per
 * organization, Spend & Expense 60 calls/minute, a timeout per request, safe retries (transport/retry.ts),
 * and errors without secrets.
 */
export async function billRequest(this: BillContext, req: BillRequest): Promise<unknown> {
	const { fallbackPath, ...first } = req;
	if (!fallbackPath) return await sendRequest.call(this, first);
	// BILL said the route does not exist, a refusal that did nothing: the same request once to the other path.
	return await sendRequest
		.call(this, first)
		.catch(async (error: unknown) => (routeMissing(error) ? await sendRequest.call(this, { ...first, path: fallbackPath }) : await Promise.reject(error)));
}

async function sendRequest(this: BillContext, req: BillRequest): Promise<unknown> {
	let credentials = await this.getCredentials(req.credentialType, req.itemIndex);
	// Accountant Console, another client organization than the credential's: its own session (session.ts).
	const perOrganization = req.credentialType === 'billConsoleApi' && otherClientOrganization(credentials, req.organizationId);
	if (perOrganization) credentials = await forClientOrganization(this, credentials, String(req.organizationId));
	const absolute = /^https?:\/\//i.test(req.path);
	const url = absolute ? req.path : `${baseUrl(credentials, req.base ?? 'connect')}${req.path}`;
	// Credentials go only to BILL's host (transport/hosts.ts).
	if (absolute && !onBillHost(url, credentials)) return answerOf(req, await requestElsewhere(this, req, url));
	const headers: IDataObject = { Accept: req.binary ? '*/*' : 'application/json', ...(req.headers ?? {}) };
	const isBuffer = Buffer.isBuffer(req.body);
	if (isBuffer) headers['Content-Type'] = req.contentType ?? 'application/octet-stream';
	else if (req.body !== undefined) headers['Content-Type'] = 'application/json';

	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		qs: req.qs,
		headers,
		body: req.body as IHttpRequestOptions['body'],
		json: !isBuffer && !req.binary,
		timeout: isBuffer || req.binary ? TIMEOUTS.fileMs : TIMEOUTS.apiMs,
		...(req.binary ? { encoding: 'arraybuffer' as const } : {}),
	};

	const key = limitKey(req.credentialType, credentials);
	const limiter = organizationLimiter(key, Number(credentials.sharedProcesses ?? 1));
	// S&E's 60 calls/minute also for S&E calls made with an OAuth token [inferred: BILL states the limit per S&E token].
	const spendCall = req.credentialType === 'billSpendApi' || (req.credentialType === 'billOAuth2Api' && /^\/v3\/spend(\/|$)/.test(req.path));
	const spendWindow = spendCall ? spendRateWindow(key) : undefined;
	const account = sessionAccountKey(req.credentialType, credentials, baseUrl(credentials, 'connect'));
	const hasSession = req.credentialType !== 'billSpendApi';
	const firstSent = new Date();

	let refusedSince: number | undefined;
	for (let attempt = 0, refusals = 0; ; attempt++) {
		if (spendWindow) await spendWindow.enter();
		await limiter.acquire();
		let failure: FailureInfo | undefined;
		let outcome: RequestOutcome = 'failed';
		try {
			const sentAt = Date.now();
			let response = await send.call(this, req.credentialType, options, perOrganization ? credentials : undefined);
			if (response.statusCode === 401 && perOrganization) {
				// A Console session for a client organization expired: one new session for it, then resend once.
				credentials = await forClientOrganization(this, credentials, String(req.organizationId), String(credentials.sessionToken));
				response = await send.call(this, req.credentialType, options, credentials);
			} else if (response.statusCode === 401 && hasSession) {
				// BILL says the session expired (BDC_1109): it refused the request without looking at it, so
				// sending it again after a sign-in is safe, whatever the method. Forget the session, sign in
				// again (once, shared with every request that saw the same expiry) and resend this request once.
				const current = await this.getCredentials(req.credentialType, req.itemIndex);
				markSessionExpired(account, String(current.sessionToken ?? ''), sentAt);
				response = await send.call(this, req.credentialType, options, { ...current, sessionToken: '' });
			}
			if (response.statusCode < 400) {
				outcome = 'ok';
				return answerOf(req, response);
			}
			failure = failureFromResponse(response.statusCode, response.body, response.headers);
			if (failure.code === 'BDC_1322' || failure.status === 429) outcome = 'refused';
		} catch (error) {
			if (error instanceof UnusableAnswer) throw error.toNodeError(this.getNode(), req.itemIndex, secretValuesOf(credentials));
			failure = describeFailure(error);
		} finally {
			// An S&E call's 429 is the minute's calls, which its window takes, not the requests in flight (limiter.ts).
			limiter.release(spendWindow ? spendWindow.leave(outcome, failure?.code) : outcome);
		}
		// ── Refusals (BDC_1322, 429): BILL did nothing, so the request is sent again after a pause, within ──
		// the organization-wide limiter's time budget (limiter.ts); a Retry-After asks for at least its time.
		if (outcome === 'refused') {
			refusedSince ??= Date.now();
			const budgeted = limiter.refusalDelay(refusals++, refusedSince);
			const asked = failure.retryAfterMs;
			const wait = budgeted === undefined || (asked !== undefined && asked > RETRY.retryAfterMaxMs) ? undefined : Math.max(budgeted, asked ?? 0);
			if (wait !== undefined) {
				attempt--;
				await sleep(wait);
				continue;
			}
		}
		const decision = retryDecision(req.method, failure, headers['X-Idempotent-Key'] !== undefined);
		const lastAttempt = attempt + 1 >= RETRY.attempts;
		if (outcome === 'refused') {
			throw await failureError.call(this, req, credentials, failure, decision, firstSent, options.timeout);
		}

		// ── Everything else: sent again only when retry.ts says it cannot do anything twice. ──
		const wait = decision.retry && !lastAttempt ? retryDelayMs(attempt, failure.retryAfterMs) : undefined;
		if (wait === undefined) throw await failureError.call(this, req, credentials, failure, decision, firstSent, options.timeout);
		await sleep(wait);
	}
}

/** The error a failed request ends with: BILL's code and fix, when to try again, and plainly whether BILL may have done it. */
async function failureError(this: BillContext, req: BillRequest, credentials: ICredentialDataDecryptedObject, failure: FailureInfo, decision: RetryDecision, firstSent: Date, timeoutMs?: number) {
	const hints: Array<string | undefined> = [];
	if (failure.code === 'BDC_1144') hints.push(hourlyCapMessage());
	else if (decision.retry && failure.retryAfterMs !== undefined && failure.retryAfterMs > RETRY.retryAfterMaxMs) hints.push(retryAfterMessage(failure.retryAfterMs));
	else {
		hints.push(failure.signInNote, req.hint);
		if (untrusted(req, failure)) hints.push(trustHint(await this.getCredentials(req.credentialType, req.itemIndex)));
	}
	const hint = hints.filter(Boolean).join(' ') || undefined;
	// The credential's secrets as they are now (a sign-in during this request may have changed the session).
	const secrets = secretValuesOf(credentials, await this.getCredentials(req.credentialType, req.itemIndex).catch(() => undefined));
	if (decision.action !== 'outcomeUnknown') return toNodeApiError(this.getNode(), failure, { itemIndex: req.itemIndex, hint, secrets });
	const unknown = outcomeUnknownText(req, failure, firstSent, timeoutMs);
	return toNodeApiError(this.getNode(), failure, { itemIndex: req.itemIndex, message: unknown.message, hint: unknown.hint, secrets });
}

/** "BILL may have created this payment: check Payment → Get Many for payments created since … before running item 2 again". */
export function outcomeUnknownText(req: Pick<BillRequest, 'subject' | 'method' | 'itemIndex'>, failure: FailureInfo, firstSent: Date, timeoutMs?: number): { message: string; hint: string } {
	const subject = req.subject;
	const items = subject?.items ?? (req.itemIndex === undefined ? 'it' : `item ${req.itemIndex}`);
	const since = `${firstSent.toISOString().slice(0, 10)} ${firstSent.toISOString().slice(11, 16)} UTC`;
	const look = subject ? `check ${subject.check}${subject.createdNoun ? ` for ${subject.createdNoun} created since ${since}` : ''}` : 'check in BILL';
	// BILL's own code and message, when it sent one, stay in the message (errors show their BDC_ code).
	const answered = failure.code ? ` (BILL answered ${failure.code}: ${failure.billMessage ?? ''})` : '';
	const message = `BILL may have ${subject?.done ?? `applied this ${req.method} request`}: ${look} before running ${items} again${answered}`;
	const timedOut = failure.networkCode === 'ECONNABORTED' || failure.networkCode === 'ETIMEDOUT';
	const cause = failure.status
		? `BILL (or a gateway in front of it) answered HTTP ${failure.status}${failure.code ? ` ${failure.code}` : ''} after the request reached it`
		: timedOut && timeoutMs
			? `no answer came within ${seconds(timeoutMs)} s (${failure.networkCode})`
			: `the connection was lost after the request was sent (${failure.networkCode ?? 'no answer'})`;
	const hint = `${cause}, so the node cannot tell whether BILL did it. BILL has no idempotency key for this request, and the node never sends it twice: that could pay or create twice.`;
	return { message, hint };
}

const seconds = (ms: number) => (ms < 10_000 ? String(Math.round(ms / 100) / 10) : String(Math.round(ms / 1000)));

function retryAfterMessage(ms: number): string {
	const at = new Date(Date.now() + ms);
	return `BILL asked to wait ${Math.ceil(ms / 1000)} s before sending again (Retry-After), longer than the node waits (${Math.round(RETRY.retryAfterMaxMs / 1000)} s): run it again after ${at.toISOString().slice(11, 19)} UTC.`;
}

/**
 * One HTTP exchange through n8n's authenticated request helper. HTTP errors come back as responses
 * (n8n's error wrapper would drop BILL's error array); a missing session is filled by the
 * credential's preAuthentication before sending, as n8n does. `credentialsDecrypted` forces a
 * sign-in by passing the credential with an empty session.
 */
async function send(
	this: BillContext,
	credentialType: BillCredentialType,
	options: IHttpRequestOptions,
	credentialsDecrypted?: ICredentialDataDecryptedObject,
): Promise<FullResponse> {
	const extra = credentialsDecrypted ? { credentialsDecrypted: { id: '', name: '', type: credentialType, data: credentialsDecrypted } } : undefined;
	return await followBillRedirects(this, options, async (opts) => {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, { ...opts, returnFullResponse: true, ignoreHttpStatusErrors: true }, extra)) as FullResponse;
		return { statusCode: Number(response.statusCode ?? 200), body: response.body, headers: response.headers ?? {} };
	});
}

function failureFromResponse(status: number, body: unknown, headers: IDataObject): FailureInfo {
	const entries = billErrors(body);
	const retryAfterMs = parseRetryAfter(headers['retry-after'] ?? headers['Retry-After']);
	return {
		status,
		code: entries[0]?.code,
		billMessage: entries.map((e) => e.message).filter(Boolean).join(' ') || undefined,
		...(retryAfterMs === undefined ? {} : { retryAfterMs }),
	};
}

/** The list shape of Connect, Spend & Expense and webhook lists. */
interface ListPage {
	results?: IDataObject[];
	nextPage?: string;
}

export interface PaginateOptions {
	/** 'page': `page=<token>`; 'nextPage': `nextPage=<token>`; 'start': offset; 'none': single request. */
	style: 'page' | 'nextPage' | 'start' | 'none';
	/** Stop after this many records (undefined = all). */
	limit?: number;
	/** BILL's largest page (100; S&E transactions 50). */
	maxPageSize: number;
	/** Key of the records in an object response (default `results`), e.g. `cards`. */
	itemsKey?: string;
	/** Continue from this page token (a list search's next page). */
	startToken?: string;
	/** Stop after this many pages (a list search shows one page at a time). */
	pages?: number;
	/** Told the token of the page after the last one read (undefined when there is none). */
	onNextPage?: (token: string | undefined) => void;
	/** Stop after a page for which this returns true (e.g. a list sorted newest first reached older records). */
	stopAfterPage?: (page: IDataObject[]) => boolean;
}

/** An error that ends a list after some of it was read: those records, for Continue On Fail to keep. */
export interface PartialRecords {
	partialRecords?: IDataObject[];
}

/**
 * Follow BILL's pagination until `nextPage` is absent or `limit` records are collected.
 * Asks for `max = min(maxPageSize, remaining)`, so no page is fetched that Limit does not need.
 * A page token BILL already returned ends the list with an error (else it would loop forever); a
 * failure after some pages (BILL's hourly cap in a long Return All) says how far it got and carries
 * the records read (`partialRecords`).
 */
export async function billPaginate(this: BillContext, req: BillRequest, opts: PaginateOptions): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const remaining = () => (opts.limit === undefined ? opts.maxPageSize : Math.min(opts.maxPageSize, opts.limit - out.length));
	let token: string | undefined = opts.startToken || undefined;
	const seen = new Set<string>(token ? [token] : []);
	let pages = 0;
	let read = 0;
	for (;;) {
		const qs: IDataObject = { ...(req.qs ?? {}) };
		if (opts.style !== 'none') qs.max = remaining();
		if (opts.style === 'start') qs.start = out.length;
		if (token && opts.style === 'page') qs.page = token;
		if (token && opts.style === 'nextPage') qs.nextPage = token;
		let response: ListPage | IDataObject[];
		try {
			response = (await billRequest.call(this, { ...req, qs })) as ListPage | IDataObject[];
		} catch (error) {
			throw read > 0 ? withProgress(error, out, read) : error;
		}
		read++;
		const page = Array.isArray(response) ? response : (((response as IDataObject | undefined)?.[opts.itemsKey ?? 'results'] as IDataObject[] | undefined) ?? []);
		for (const record of page) {
			if (opts.limit !== undefined && out.length >= opts.limit) break;
			out.push(record);
		}
		const full = opts.limit !== undefined && out.length >= opts.limit;
		if (opts.style === 'none' || opts.stopAfterPage?.(page)) return out;
		if (opts.style === 'start') {
			if (full || page.length < Number(qs.max)) return out;
			continue;
		}
		token = Array.isArray(response) ? undefined : response?.nextPage || undefined;
		opts.onNextPage?.(page.length === 0 ? undefined : token);
		if (full) return out;
		if (!token || page.length === 0 || (opts.pages !== undefined && ++pages >= opts.pages)) return out;
		if (seen.has(token)) {
			throw Object.assign(
				new NodeOperationError(this.getNode(), `BILL returned a page token it had already returned, after ${read} page${read === 1 ? '' : 's'} (${out.length} records): the list was stopped so that it does not loop forever`, {
					itemIndex: req.itemIndex,
					description: 'BILL\'s nextPage should lead to a new page each time. Narrow the list with Filters or use a Limit; if it happens again, report it to BILL support with the time of the run.',
				}),
				{ partialRecords: out },
			);
		}
		seen.add(token);
	}
}

/** The error of a list that failed after reading some of it: says how far it got, keeps the records. */
function withProgress(error: unknown, records: IDataObject[], pages: number): unknown {
	if (!(error instanceof NodeApiError) && !(error instanceof NodeOperationError)) return error;
	const why = billCodeOf(error) === 'BDC_1144' ? "BILL's hourly limit" : 'this error';
	error.message = `${error.message} (read ${records.length} record${records.length === 1 ? '' : 's'} on ${pages} page${pages === 1 ? '' : 's'} before ${why})`;
	return Object.assign(error, { partialRecords: records } satisfies PartialRecords);
}
