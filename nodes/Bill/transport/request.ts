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
import { sleep } from 'n8n-workflow';

import type { BillCredentialType } from './credentialTypes';
import { baseUrl, type BillBase } from './environment';
import { billErrors, describeFailure, toNodeApiError, trustHint, type FailureInfo } from './errors';
import { organizationLimiter, spendRateWindow, type RequestOutcome } from './limiter';
import { markSessionExpired, sessionAccountKey } from './session';

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
}

/** Bounded retries with exponential backoff and full jitter. */
export const RETRY = { attempts: 6, baseMs: 300, maxMs: 10_000 };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export type RetryDecision = { retry: true } | { retry: false };

/**
 * Whether a failed request may be sent again without risking a duplicate.
 * - BDC_1322 (concurrency) and HTTP 429: BILL refused the request, it did nothing.
 * - HTTP 503 and connection failures before sending: BILL did not process it.
 * - Other 5xx and resets mid-request: only for idempotent methods (a POST may have been applied).
 * - BDC_1144 (hourly cap): never; waiting the rest of the hour inside a workflow helps nobody.
 * - 401: n8n already signed in again and resent once; never loop.
 */
export function retryDecision(method: string, f: FailureInfo): RetryDecision {
	if (f.code === 'BDC_1144') return { retry: false };
	if (f.code === 'BDC_1322') return { retry: true };
	if (f.status === 401) return { retry: false };
	if (f.status === 429 || f.status === 503) return { retry: true };
	if (!f.status && f.notSent) return { retry: true };
	const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase());
	if (!f.status && f.networkCode) return { retry: idempotent };
	if (f.status && f.status >= 500) return { retry: idempotent };
	return { retry: false };
}

export function backoffMs(attempt: number): number {
	const ceiling = Math.min(RETRY.maxMs, RETRY.baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Key under which BILL counts concurrency: developer key + organization (or token / partner). */
function limitKey(type: BillCredentialType, credentials: ICredentialDataDecryptedObject): string {
	const root = String(credentials.environment ?? '') + String(credentials.baseUrl ?? '');
	let who: string;
	if (type === 'billSpendApi') who = `spend:${String(credentials.apiToken ?? '')}`;
	else if (type === 'billPartnerApi') who = `partner:${String(credentials.username ?? '')}`;
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
 * organization, Spend & Expense 60 calls/minute, safe retries, and errors without secrets.
 */
export async function billRequest(this: BillContext, req: BillRequest): Promise<unknown> {
	const credentials = await this.getCredentials(req.credentialType, req.itemIndex);
	const absolute = /^https?:\/\//i.test(req.path);
	const url = absolute ? req.path : `${baseUrl(credentials, req.base ?? 'connect')}${req.path}`;
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
		...(req.binary ? { encoding: 'arraybuffer' as const } : {}),
	};

	const key = limitKey(req.credentialType, credentials);
	const limiter = organizationLimiter(key, Number(credentials.sharedProcesses ?? 1));
	const spendWindow = req.credentialType === 'billSpendApi' ? spendRateWindow(key) : undefined;
	const account = sessionAccountKey(req.credentialType, credentials, baseUrl(credentials, 'connect'));
	const hasSession = req.credentialType !== 'billSpendApi';

	let refusedSince: number | undefined;
	for (let attempt = 0, refusals = 0; ; attempt++) {
		if (spendWindow) await spendWindow.take();
		await limiter.acquire();
		let failure: FailureInfo | undefined;
		let outcome: RequestOutcome = 'failed';
		try {
			const sentAt = Date.now();
			let response = await send.call(this, req.credentialType, options);
			if (response.statusCode === 401 && hasSession) {
				// BILL says the session expired (BDC_1109). Forget it, sign in again (once, shared with
				// every request that saw the same expiry) and resend this request once.
				const current = await this.getCredentials(req.credentialType, req.itemIndex);
				markSessionExpired(account, String(current.sessionToken ?? ''), sentAt);
				response = await send.call(this, req.credentialType, options, { ...current, sessionToken: '' });
			}
			if (response.statusCode < 400) {
				outcome = 'ok';
				return req.returnFullResponse ? response : response.body;
			}
			failure = failureFromResponse(response.statusCode, response.body);
			if (failure.code === 'BDC_1322' || failure.status === 429) outcome = 'refused';
		} catch (error) {
			failure = describeFailure(error);
		} finally {
			limiter.release(outcome);
			spendWindow?.adjust(outcome);
		}
		// Refused by BILL (BDC_1322, 429): nothing was done, so it is sent again, within a time budget.
		if (outcome === 'refused') {
			refusedSince ??= Date.now();
			const wait = limiter.refusalDelay(refusals++, refusedSince);
			if (wait !== undefined) {
				attempt--;
				await sleep(wait);
				continue;
			}
		}
		// retryDecision never retries BDC_1144 (hourly cap): the error says when the cap resets.
		if (outcome === 'refused' || !retryDecision(req.method, failure).retry || attempt + 1 >= RETRY.attempts) {
			const hint = failure.code === 'BDC_1144' ? hourlyCapMessage() : [req.hint, untrusted(req, failure) ? trustHint(await this.getCredentials(req.credentialType, req.itemIndex)) : undefined].filter(Boolean).join(' ') || undefined;
			throw toNodeApiError(this.getNode(), failure, { itemIndex: req.itemIndex, hint });
		}
		await sleep(backoffMs(attempt));
	}
}

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
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
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		credentialType,
		{ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true },
		extra,
	)) as FullResponse;
	return { statusCode: Number(response.statusCode ?? 200), body: response.body, headers: response.headers ?? {} };
}

function failureFromResponse(status: number, body: unknown): FailureInfo {
	const entries = billErrors(body);
	return {
		status,
		code: entries[0]?.code,
		billMessage: entries.map((e) => e.message).filter(Boolean).join(' ') || undefined,
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

/**
 * Follow BILL's pagination until `nextPage` is absent or `limit` records are collected.
 * Asks for `max = min(maxPageSize, remaining)`, so no page is fetched that Limit does not need.
 */
export async function billPaginate(this: BillContext, req: BillRequest, opts: PaginateOptions): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const remaining = () => (opts.limit === undefined ? opts.maxPageSize : Math.min(opts.maxPageSize, opts.limit - out.length));
	let token: string | undefined = opts.startToken || undefined;
	let pages = 0;
	for (;;) {
		const qs: IDataObject = { ...(req.qs ?? {}) };
		if (opts.style !== 'none') qs.max = remaining();
		if (opts.style === 'start') qs.start = out.length;
		if (token && opts.style === 'page') qs.page = token;
		if (token && opts.style === 'nextPage') qs.nextPage = token;
		const response = (await billRequest.call(this, { ...req, qs })) as ListPage | IDataObject[];
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
	}
}
