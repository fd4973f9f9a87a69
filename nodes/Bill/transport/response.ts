import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { BillRequest } from './request';
import { parsedBody, scrub } from './errors';

/** One HTTP exchange, HTTP errors included. */
export interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

/**
 * An answer the node cannot use (a page that is not JSON, a redirect it will not follow): an
 * error that says what came back. Never retried: the same request gets the same page.
 */
export class UnusableAnswer extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly status?: number,
	) {
		super(message);
	}

	toNodeError(node: INode, itemIndex?: number, secrets?: string[]): NodeApiError {
		const message = scrub(this.message, secrets);
		return new NodeApiError(node, { message }, { message, description: scrub(this.description, secrets), httpCode: this.status ? String(this.status) : undefined, itemIndex });
	}
}

/** A short, readable excerpt of a page: its title, or its text without tags. */
function excerpt(text: string): string {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
	const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
	return plain.length > 120 ? `${plain.slice(0, 117)}...` : plain;
}

/**
 * A successful answer, checked: where BILL sends JSON, a body that is not JSON (an HTML page
 * answered with 200 by a captive portal, a proxy or a wrong Base URL) is an error, not 0 records.
 */
export function answerOf(req: BillRequest, response: FullResponse): unknown {
	if (!req.binary) {
		const type = String(response.headers['content-type'] ?? '').toLowerCase();
		const body = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
		const notJson = typeof body === 'string' && body.trim() !== '' && (parsedBody(body) === undefined || /html|xml/.test(type));
		if (notJson) {
			throw new UnusableAnswer(
				`BILL answered HTTP ${response.statusCode} with ${type ? type.split(';')[0] : 'a body'} instead of JSON: "${excerpt(String(body))}"`,
				'Something other than BILL answered: a captive portal, a proxy or a wrong Base URL in the credential. Nothing in this answer was used.',
				response.statusCode,
			);
		}
	}
	return req.returnFullResponse ? response : response.body;
}
