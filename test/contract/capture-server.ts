/**
 * A small BILL-like HTTP server for the contract suite: it records every request exactly as the
 * node sent it (method, path, query, header names, body) and answers with what the test says
 * (a Postman example's status and body). Sign-in endpoints answer with a session unless the test
 * answers them itself. Nothing here knows the node's table.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface CapturedRequest {
	method: string;
	/** Path with base, e.g. `/connect/v3/bills/00n01X`. */
	path: string;
	/** Query keys and values (a repeated key keeps its last value). */
	query: Record<string, string>;
	/** Header names as sent (original case). */
	headerNames: string[];
	headers: Record<string, string>;
	/** Parsed JSON body, the raw text when it is not JSON, undefined when empty. */
	body: unknown;
	bodyBytes: number;
}

export interface Answer {
	status: number;
	/** JSON body; undefined sends an empty body. */
	body?: unknown;
	/** Raw bytes instead of JSON (file downloads). */
	raw?: Buffer;
}

/** BILL's sign-in endpoints: the credentials call them before the node's request. */
const SIGN_IN_PATHS = ['/connect/v3/login', '/connect/v3/partner/login', '/connect/v3/partner/login-as-user'];

export class CaptureServer {
	requests: CapturedRequest[] = [];
	/** Decides the answer to a request; undefined → the default (a session for sign-ins, else 200 `{}`). */
	answer: (req: CapturedRequest) => Answer | undefined = () => undefined;
	private server?: http.Server;

	get url(): string {
		return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	/** Forget what was captured and answer with the defaults again. */
	reset(): void {
		this.requests = [];
		this.answer = () => undefined;
	}

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => this.handle(req, Buffer.concat(chunks), res));
		});
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this.url;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const query: Record<string, string> = {};
		url.searchParams.forEach((v, k) => (query[k] = v));
		const headerNames: string[] = [];
		for (let i = 0; i < req.rawHeaders.length; i += 2) headerNames.push(req.rawHeaders[i]);
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : String(v ?? '');
		let body: unknown;
		if (raw.length) {
			const text = raw.toString('utf8');
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
		}
		const captured: CapturedRequest = { method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, query, headerNames, headers, body, bodyBytes: raw.length };
		this.requests.push(captured);
		const answer = this.answer(captured) ?? defaultAnswer(captured);
		const payload = answer.raw ?? (answer.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(answer.body)));
		res.writeHead(answer.status, {
			'Content-Type': answer.raw ? 'application/octet-stream' : 'application/json',
			'Content-Length': payload.length,
		});
		res.end(payload);
	}
}

function defaultAnswer(req: CapturedRequest): Answer {
	if (req.method === 'POST' && SIGN_IN_PATHS.includes(req.path)) return { status: 200, body: { sessionId: 'contract-session', trusted: false } };
	return { status: 200, body: {} };
}
