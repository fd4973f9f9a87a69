/**
 * The probe's API: a tiny local HTTP server with BILL-like sessions (POST /login hands out a
 * session, everything else needs the `sessionId` header, an unknown session gets 401). It counts
 * logins and logs every request so tests can check what n8n sent.
 */
import { createHash } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';

export interface ProbeRequest {
	method: string;
	path: string;
	session?: string;
	status: number;
}

export class ProbeApi {
	/** Logins since the last reset() / clearLog(). */
	logins = 0;
	/** Sessions handed out since the last reset(): session ids are s1, s2, … */
	private issued = 0;
	readonly sessions = new Set<string>();
	log: ProbeRequest[] = [];
	/** When true, /login hands out sessions the API then refuses (a broken login). */
	brokenLogin = false;
	url = '';
	private server?: http.Server;

	/** Forgets everything: sessions, counters, the log. */
	reset() {
		this.clearLog();
		this.issued = 0;
		this.sessions.clear();
		this.brokenLogin = false;
	}

	/** Clears the log and the login counter; valid sessions stay valid. */
	clearLog() {
		this.logins = 0;
		this.log = [];
	}

	dataRequests() {
		return this.log.filter((r) => r.path !== '/login');
	}

	/** Listens on 127.0.0.1 (a free port unless given) and returns the base URL. */
	async start(port = 0): Promise<string> {
		this.server = http.createServer((req, res) => this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.url;
	}

	async stop() {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://probe');
			const session = req.headers.sessionid as string | undefined;
			const body = Buffer.concat(chunks);
			const reply = (status: number, payload: unknown) => {
				this.log.push({ method: req.method ?? '', path: url.pathname, session, status });
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			if (url.pathname === '/login' && req.method === 'POST') {
				let credentials: { username?: string; password?: string } = {};
				try {
					credentials = JSON.parse(body.toString() || '{}') as typeof credentials;
				} catch {
					return reply(400, { error: 'body is not JSON' });
				}
				if (credentials.username !== 'alice' || credentials.password !== 'secret') {
					return reply(401, { error: 'wrong username or password' });
				}
				this.logins++;
				const id = `s${++this.issued}`;
				if (!this.brokenLogin) this.sessions.add(id);
				return reply(200, { sessionId: id });
			}
			if (!session || !this.sessions.has(session)) {
				return reply(401, { error: 'invalid session' });
			}
			if (url.pathname.startsWith('/things/')) {
				const id = url.pathname.slice('/things/'.length);
				if (id === 'missing') return reply(404, { error: 'no such thing' });
				return reply(200, { id, user: url.searchParams.get('user') });
			}
			if (url.pathname === '/things') {
				return reply(200, [
					{ id: 't1', name: 'First' },
					{ id: 't2', name: 'Second' },
				]);
			}
			if (url.pathname === '/upload' && req.method === 'POST') {
				return reply(200, {
					bytes: body.length,
					sha256: createHash('sha256').update(body).digest('hex'),
					contentType: req.headers['content-type'],
				});
			}
			return reply(404, { error: 'no route' });
		});
	}
}
