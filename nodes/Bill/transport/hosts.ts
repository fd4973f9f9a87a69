import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrl } from './environment';
import type { BillContext, BillRequest } from './request';
import { UnusableAnswer, type FullResponse } from './response';

/**
 * Where BILL's credentials may go: only to the credential's own BILL host.
 *
 * n8n follows redirects itself and, on a redirect to another host, drops only `Authorization`:
 * BILL's `devKey` and `sessionId` headers would follow the request anywhere. So every request to
 * BILL is sent with `disableFollowRedirect` and redirects are followed here: to the same host
 * (GET only) with the credentials, to another host only for a file download and without them.
 * A download link on another host (a file store) is fetched without any BILL header. BILL does not
 * document whether its download links or redirects leave its gateway host [inferred].
 */

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return '';
	}
}

/** Whether an absolute URL is on the credential's BILL host (same scheme, host and port). */
export function onBillHost(url: string, credentials: ICredentialDataDecryptedObject): boolean {
	return originOf(url) !== '' && originOf(url) === originOf(baseUrl(credentials, 'connect'));
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** The absolute URL a redirect answer points to, or undefined when it is not a redirect. */
export function redirectTarget(response: FullResponse, from: string): string | undefined {
	if (!REDIRECT_STATUSES.has(response.statusCode)) return undefined;
	const location = response.headers.location ?? response.headers.Location;
	if (typeof location !== 'string' || !location) return undefined;
	try {
		return new URL(location, from).toString();
	} catch {
		return undefined;
	}
}

/**
 * One request to BILL with its credentials (`authenticated`), redirects followed by the rules above.
 * Throws UnusableAnswer for a redirect it does not follow.
 */
export async function followBillRedirects(
	ctx: BillContext,
	options: IHttpRequestOptions,
	authenticated: (options: IHttpRequestOptions) => Promise<FullResponse>,
): Promise<FullResponse> {
	let current: IHttpRequestOptions = { ...options, disableFollowRedirect: true };
	const billOrigin = originOf(current.url);
	for (let hop = 0; ; hop++) {
		const response = await authenticated(current);
		const target = redirectTarget(response, current.url);
		if (!target) return response;
		const method = String(current.method ?? 'GET').toUpperCase();
		if (method !== 'GET' && method !== 'HEAD') {
			throw new UnusableAnswer(
				`BILL answered the ${method} with a redirect (HTTP ${response.statusCode}) to ${hostOf(target)}; the node does not follow it`,
				'Check in BILL whether the change was applied before running again. A proxy in front of BILL or a wrong Base URL can cause this.',
				response.statusCode,
			);
		}
		if (hop >= MAX_REDIRECTS) throw new UnusableAnswer(`BILL redirected more than ${MAX_REDIRECTS} times`, 'Check the environment and Base URL of the credential.', response.statusCode);
		if (originOf(target) === billOrigin) {
			current = { ...current, url: target, qs: undefined };
			continue;
		}
		// Another host: only a file is fetched there, and without BILL's credentials.
		if (current.encoding === 'arraybuffer') return await fetchWithoutCredentials(ctx, target);
		throw new UnusableAnswer(
			`BILL redirected the request to another host (${hostOf(target)}); the node sends BILL credentials only to BILL and did not follow`,
			'Check the environment and Base URL of the credential: a proxy, captive portal or wrong host may be answering instead of BILL.',
			response.statusCode,
		);
	}
}

/** A file on another host: no BILL header at all (n8n follows its redirects; there is nothing to leak). */
export async function fetchWithoutCredentials(ctx: BillContext, url: string): Promise<FullResponse> {
	const response = (await ctx.helpers.httpRequest({
		method: 'GET',
		url,
		headers: { Accept: '*/*' },
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode?: number; body: unknown; headers?: Record<string, unknown> };
	return { statusCode: Number(response.statusCode ?? 200), body: response.body, headers: (response.headers ?? {}) as FullResponse['headers'] };
}

/**
 * A request whose absolute URL (a download link) is not on BILL's host: a file fetched without
 * credentials (a failure is an error naming the host), anything else refused.
 */
export async function requestElsewhere(ctx: BillContext, req: BillRequest, url: string): Promise<FullResponse> {
	if (!req.binary || req.method !== 'GET') {
		throw new UnusableAnswer(`The node sends BILL credentials only to BILL, not to ${hostOf(url)}`, "Use a path below the credential's BILL base URL.").toNodeError(ctx.getNode(), req.itemIndex);
	}
	const response = await fetchWithoutCredentials(ctx, url);
	if (response.statusCode >= 400) {
		throw new UnusableAnswer(`The file host ${hostOf(url)} answered HTTP ${response.statusCode}`, 'The download link may have expired: run the node again to get a new one.', response.statusCode).toNodeError(ctx.getNode(), req.itemIndex);
	}
	return response;
}
