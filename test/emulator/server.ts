/**
 * BILL v3 emulator: a real HTTP server on 127.0.0.1 with BILL's authentication, sessions, limits,
 * error bodies and generic stateful routes for the endpoints of BILL's catalog (catalog.ts).
 * See README.md in this folder for the API.
 */
import { randomBytes } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { BILL_ENDPOINTS, type EmuBehaviour, type EmuEndpoint } from './catalog';
import { defaultSeed, type EmulatorConfig } from './config';
import { customCollectionAliases, customHandlers, customSeeders } from './resources';
import { BDC, bdcError } from './errors';
import { FaultInjector } from './faults';
import { bearerOf, signInRoute, SignIns, type SessionHost, type SignInRoute, type SignInSession } from './sign-ins';
import { stopDeliveries } from './webhooks/delivery';
import { findTarget, listResponse, runGeneric } from './generic';
import { DEFAULT_COLLECTION_ALIASES, compileTemplate, deriveRoute, matchTemplate, prefixFor, type CompiledTemplate } from './routes';
import { shaped } from './family/shapes';
import { Store, collectionOf, type Collection, type EmuRecord } from './store';
import type { CustomHandler, EmuAuth, EmuBase, Emulator, EmuRequest, EmuResponse, EmuRoute } from './types';

export { defaultSeed, SEED } from './config';
export type { EmulatorConfig } from './config';
export { bdcError, errorBody, BDC } from './errors';
export type { EmuRecord, Collection } from './store';

/** A live session: what a sign-in opened (sign-ins.ts `SignInSession`), its ID and when it was last used. */
export interface EmuSession extends SignInSession {
	id: string;
	lastUsed: number;
}

export interface RequestLogEntry {
	/** When the request arrived. */
	time: string;
	/** When the emulator sent its answer (absent while it is pending, or when the socket was dropped instead). */
	answered?: string;
	method: string;
	base: EmuBase | 'downloads' | 'unknown';
	path: string;
	query: Record<string, string>;
	status: number;
	/** Auth kind the request was handled with (never the secret values). */
	auth: EmuAuth['kind'];
	organizationId?: string;
	/** BDC code of an error response. */
	code?: string;
	/** Matched path template. */
	template?: string;
	/** Set when a fault was injected. */
	fault?: boolean;
	/** Message of an exception thrown by a handler. */
	error?: string;
	/** The JSON body of the answer, when `captureResponses` is on. */
	responseBody?: unknown;
}

export interface EmuCounters {
	/** `POST /v3/login` calls (all, including refused ones). */
	logins: number;
	/** `POST /v3/partner/login` calls. */
	partnerLogins: number;
	/** `POST /v3/partner/login-as-user` calls. */
	loginsAsUser: number;
	/** Every HTTP request received. */
	requests: number;
	/** Highest number of requests in flight at once, per org key. */
	peakConcurrency: Record<string, number>;
	/** Requests in flight now, per org key. */
	currentInFlight: Record<string, number>;
	/** Requests let in (counted in flight), per org key. */
	accepted: Record<string, number>;
	/** Requests refused with BDC_1322 (a 4th in flight), per org key. */
	refusedConcurrency: Record<string, number>;
}

export interface BillEmulatorOptions extends Partial<EmulatorConfig> {
	/** BILL's endpoints to serve with their generic behaviour (default: BILL's catalog, `BILL_ENDPOINTS` of catalog.ts). */
	endpoints?: readonly EmuEndpoint[];
	/** Custom handlers (default: `resources/index.ts`). Extra ones can be added with `emu.addHandler()`. */
	handlers?: CustomHandler[];
	/** Collection renames (default: merged `collectionAliases` of the custom modules). */
	collectionAliases?: Record<string, string>;
	/** Seed functions run at construction and on every reset (default: the custom modules' `seed`). */
	seeders?: Array<(emu: BillEmulator) => void>;
}

interface CatalogRoute {
	kind: 'catalog';
	base: EmuBase;
	method: string;
	compiled: CompiledTemplate;
	endpoint: EmuEndpoint;
	route: EmuRoute;
}

interface CustomRoute {
	kind: 'custom';
	base: EmuBase;
	method: string;
	compiled: CompiledTemplate;
	handler: CustomHandler;
}

type Route = CatalogRoute | CustomRoute;

interface StoredFile {
	data: Buffer;
	name: string;
	contentType: string;
	orgKey?: string;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const HOUR_MS = 3600_000;
const MINUTE_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class BillEmulator implements Emulator {
	config: EmulatorConfig;
	readonly store: Store;
	readonly faults = new FaultInjector();
	requestLog: RequestLogEntry[] = [];
	/** The request log keeps the most recent entries only (long emulator runs). */
	requestLogLimit = 50_000;
	/** Keep each answer's JSON body in the request log (contract tests compare it with BILL's examples). */
	captureResponses = false;
	counters: EmuCounters = BillEmulator.freshCounters();
	/** OAuth client credentials and the Accountant Console (sign-ins.ts). */
	readonly signIns = new SignIns(this);

	private server?: http.Server;
	private port = 0;
	private readonly sessions = new Map<string, EmuSession>();
	private readonly files = new Map<string, StoredFile>();
	private readonly downloads = new Map<string, string>();
	private readonly hourly = new Map<string, { window: number; count: number }>();
	private readonly loginHourly = new Map<string, { window: number; count: number }>();
	private readonly spendMinute = new Map<string, { window: number; count: number }>();
	private readonly sockets = new Set<import('net').Socket>();
	private routes: Route[] = [];
	private readonly endpoints: readonly EmuEndpoint[];
	private readonly aliases: Record<string, string>;
	private readonly seeders: Array<(emu: BillEmulator) => void>;
	private idCounter = 0;
	private clockOffsetMs = 0;
	/** Set by freezeTime(): the clock stands still at this instant (plus advanceTime offsets). */
	private frozenAtMs?: number;

	constructor(options: BillEmulatorOptions = {}) {
		const { endpoints, handlers, collectionAliases, seeders, ...config } = options;
		this.config = { ...defaultSeed(), ...config };
		this.endpoints = endpoints ?? BILL_ENDPOINTS;
		this.aliases = { ...DEFAULT_COLLECTION_ALIASES, ...(collectionAliases ?? customCollectionAliases) };
		this.seeders = seeders ?? customSeeders;
		this.store = new Store(
			{ newIdFor: (c) => this.idFor(c), newId: (p) => this.newId(p), now: () => this.now() },
			() => this.config.organizations[0]?.id ?? 'default',
		);
		for (const ep of this.endpoints) this.addCatalogRoute(ep);
		for (const h of handlers ?? customHandlers) this.addHandler(h);
		this.runSeeders();
	}

	private static freshCounters(): EmuCounters {
		return { logins: 0, partnerLogins: 0, loginsAsUser: 0, requests: 0, peakConcurrency: {}, currentInFlight: {}, accepted: {}, refusedConcurrency: {} };
	}

	// ---------------------------------------------------------------- lifecycle

	/** Starts listening on 127.0.0.1 (port 0 = random). Resolves with the base URL `http://127.0.0.1:PORT`. */
	async start(port = 0): Promise<string> {
		if (this.server) return this.baseUrl;
		const server = http.createServer((req, res) => {
			void this.handle(req, res);
		});
		server.keepAliveTimeout = 1000;
		server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		this.server = server;
		this.port = (server.address() as AddressInfo).port;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		stopDeliveries(this);
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/**
	 * BILL's view of one organization's limits: requests it let in, refused with BDC_1322 (a 4th in
	 * flight), the refused share of all its requests, and the peak in flight.
	 */
	limitReport(orgKey: string): { accepted: number; refused: number; refusedShare: number; peakInFlight: number } {
		const accepted = this.counters.accepted[orgKey] ?? 0;
		const refused = this.counters.refusedConcurrency[orgKey] ?? 0;
		return { accepted, refused, refusedShare: accepted + refused ? refused / (accepted + refused) : 0, peakInFlight: this.counters.peakConcurrency[orgKey] ?? 0 };
	}

	/** Most sign-ins (`POST /v3/login`) within one minute among the request log's entries from index `from` on (BILL lists login among the calls limited to 5 per minute). */
	peakLoginsPerMinute(from = 0): number {
		const times = this.requestLog.slice(from).filter((e) => e.method === 'POST' && e.path === '/v3/login').map((e) => Date.parse(e.time));
		return Math.max(0, ...times.map((a) => times.filter((b) => b >= a && b - a < 60_000).length));
	}

	/** Wipes data, sessions, files, logs, counters, rate windows, faults and the clock offset; keeps config and routes. */
	reset(): void {
		this.store.clear();
		this.sessions.clear();
		this.signIns.reset();
		this.files.clear();
		this.downloads.clear();
		this.hourly.clear();
		this.loginHourly.clear();
		this.spendMinute.clear();
		this.faults.clear();
		this.requestLog = [];
		this.counters = BillEmulator.freshCounters();
		this.clockOffsetMs = 0;
		this.frozenAtMs = undefined;
		this.runSeeders();
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get connectUrl(): string {
		return `${this.baseUrl}/connect`;
	}

	get eventsUrl(): string {
		return `${this.baseUrl}/connect-events`;
	}

	/** Core seed (an `organizations` record per org, a `users` record per configured user), then the custom seeders. */
	private runSeeders(): void {
		for (const org of this.config.organizations) {
			this.store.collection('organizations', org.id).insert({ id: org.id, name: org.name });
			for (const u of this.config.users.filter((x) => x.organizationIds.includes(org.id))) {
				this.store.collection('users', org.id).insert({
					id: u.userId,
					firstName: u.firstName ?? '',
					lastName: u.lastName ?? '',
					email: u.username,
					role: { type: u.role },
				});
			}
		}
		for (const s of this.seeders) s(this);
	}

	// ---------------------------------------------------------------- routes

	private addCatalogRoute(endpoint: EmuEndpoint): void {
		this.routes.push({
			kind: 'catalog',
			base: endpoint.base,
			method: endpoint.method,
			compiled: compileTemplate(endpoint.path),
			endpoint,
			route: deriveRoute(endpoint, this.aliases),
		});
		this.sortRoutes();
	}

	/**
	 * Adds (or, for the same method + template + base, replaces) a custom handler. A handler that names
	 * no base is served where BILL's catalog serves the same method and path, else under `/connect`.
	 */
	addHandler(h: CustomHandler): void {
		const method = h.method.toUpperCase();
		const base = h.base ?? this.routes.find((r): r is CatalogRoute => r.kind === 'catalog' && r.method === method && r.compiled.template === h.path)?.base ?? 'connect';
		this.routes = this.routes.filter((r) => !(r.kind === 'custom' && r.base === base && r.method === method && r.compiled.template === h.path));
		this.routes.push({ kind: 'custom', base, method, compiled: compileTemplate(h.path), handler: h });
		this.sortRoutes();
	}

	private sortRoutes(): void {
		// More static segments first; custom before catalog for the same specificity.
		this.routes.sort((a, b) => b.compiled.staticCount - a.compiled.staticCount || (a.kind === b.kind ? 0 : a.kind === 'custom' ? -1 : 1));
	}

	/** The derived route (collection, id, scope) of the endpoint `method path` (tests pass the node's operations). */
	routeOf(call: { method: string; path: string }): EmuRoute {
		const endpoint = this.endpoints.find((e) => e.method === call.method && e.path === call.path);
		return deriveRoute({ path: call.path, behaviour: endpoint?.behaviour ?? guessBehaviour(call.method, call.path) }, this.aliases);
	}

	private findRoute(base: EmuBase, method: string, path: string): { route: Route; params: Record<string, string>; catalog?: CatalogRoute } | undefined {
		for (const r of this.routes) {
			if (r.base !== base || r.method !== method) continue;
			const params = matchTemplate(r.compiled, path);
			if (!params) continue;
			let catalog: CatalogRoute | undefined;
			if (r.kind === 'catalog') catalog = r;
			else catalog = this.routes.find((t): t is CatalogRoute => t.kind === 'catalog' && t.base === base && t.method === method && t.compiled.template === r.compiled.template);
			return { route: r, params, catalog };
		}
		return undefined;
	}

	// ---------------------------------------------------------------- ids, time, store helpers

	/** A BILL-style id: 3-char prefix + `01` + 14 characters (e.g. `00901EMU0000000001A`). */
	newId(prefix: string): string {
		this.idCounter++;
		const tail = this.idCounter.toString(36).toUpperCase().padStart(11, '0');
		return `${prefix}01EMU${tail}`;
	}

	/** A new id for a record of `collection` (BILL prefix map; S&E ids are base64 global ids; webhook ids UUIDs). */
	idFor(collection: string): string {
		if (collection.startsWith('spend/')) {
			const type = (collection.split('/').pop() ?? 'Object').replace(/s$/, '').replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
			// Base64 global ids as S&E uses (`QnVkZ2V0OjE=` = "Budget:1"), without `/` or `+` so they sit in a path as is.
			for (;;) {
				this.idCounter++;
				const id = Buffer.from(`${type}:${this.idCounter}`).toString('base64');
				if (!/[/+]/.test(id)) return id;
			}
		}
		if (collection === 'subscriptions' || collection.startsWith('subscriptions/') || collection.startsWith('events/')) {
			return cryptoUuid();
		}
		return this.newId(prefixFor(collection));
	}

	/** Current time (ms), honouring `advanceTime()` and `freezeTime()`. */
	nowMs(): number {
		return (this.frozenAtMs ?? Date.now()) + this.clockOffsetMs;
	}

	/** Current time as ISO 8601 (`2026-01-31T12:00:00.000Z`). */
	now(): string {
		return new Date(this.nowMs()).toISOString();
	}

	/** Moves the emulator's clock forward (sessions expire, hourly windows roll over). */
	advanceTime(ms: number): void {
		this.clockOffsetMs += ms;
	}

	/**
	 * Stops the clock at `at` (default: the current time) until `unfreezeTime()`: `now()` returns
	 * exactly that instant, so records created or changed meanwhile get the same `createdTime` /
	 * `updatedTime`, as records BILL stamps within the same second or millisecond.
	 */
	freezeTime(at?: string | number): void {
		const target = at === undefined ? this.nowMs() : typeof at === 'number' ? at : Date.parse(at);
		this.frozenAtMs = target - this.clockOffsetMs;
	}

	/** The clock runs again, on from the real time (plus the advanceTime offset). */
	unfreezeTime(): void {
		this.frozenAtMs = undefined;
	}

	/** Org key of a request: whose data it sees. */
	orgKeyOf(req: EmuRequest): string {
		return req.auth.orgKey ?? req.auth.organizationId ?? this.config.organizations[0]?.id ?? 'default';
	}

	/** The caller's collection `name`. */
	collection(req: EmuRequest, name: string): Collection {
		return this.store.collection(name, this.orgKeyOf(req));
	}

	/**
	 * What BILL shows of a record: without its internal `_…` fields, in the shape BILL answers for
	 * its collection (the keys BILL's records carry, the store's keys BILL does not answer left out:
	 * family/shapes.ts).
	 */
	view(rec: EmuRecord | undefined): Record<string, unknown> | undefined {
		if (!rec) return undefined;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(rec)) if (!k.startsWith('_')) out[k] = v;
		const home = collectionOf(rec);
		return home ? shaped(home.name, out, (name, id) => this.store.collection(name, home.orgKey).get(id)) : out;
	}

	/** The record a request's path names (by id param, within its scope; the singleton when the path has no id). */
	findTarget(req: EmuRequest): { coll: Collection; rec?: EmuRecord } {
		return findTarget(this, req);
	}

	/** Runs the generic behaviour of the request's endpoint. */
	generic(req: EmuRequest): EmuResponse {
		return runGeneric(this, req);
	}

	/** Applies the request's `filters`, `sort`, `max` and page token to `records` and builds BILL's list response. */
	listResponse(req: EmuRequest, records: EmuRecord[]): EmuResponse {
		return listResponse(this, req, records);
	}

	// ---------------------------------------------------------------- files and download links

	/** Stores bytes and returns an absolute download link (`GET` it with a `sessionId` header). */
	addDownload(data: Buffer, name: string, contentType = 'application/octet-stream', orgKey?: string): string {
		const fileId = `f${this.files.size + 1}-${randomBytes(4).toString('hex')}`;
		this.files.set(fileId, { data, name, contentType, orgKey });
		const token = randomBytes(18).toString('base64url');
		this.downloads.set(token, fileId);
		return `${this.baseUrl}/downloads/${token}`;
	}

	/** The bytes behind a download link this emulator handed out. */
	fileOf(link: string): StoredFile | undefined {
		const token = link.split('/downloads/')[1];
		const fileId = token ? this.downloads.get(token) : undefined;
		return fileId ? this.files.get(fileId) : undefined;
	}

	// ---------------------------------------------------------------- sessions

	private createSession(s: SignInSession): EmuSession {
		const session: EmuSession = { ...s, id: randomBytes(24).toString('base64url'), lastUsed: this.nowMs() };
		this.sessions.set(session.id, session);
		return session;
	}

	/** A live session (mutable: e.g. set `trusted`), or undefined when unknown or expired. */
	getSession(sessionId: string | undefined): EmuSession | undefined {
		if (!sessionId) return undefined;
		const s = this.sessions.get(sessionId);
		if (!s) return undefined;
		if (this.nowMs() - s.lastUsed > s.idleMs) {
			this.sessions.delete(sessionId);
			return undefined;
		}
		return s;
	}

	/** Every session becomes invalid (next request → 401 BDC_1109). */
	expireAllSessions(): void {
		this.sessions.clear();
	}

	/** Number of valid sessions. */
	get sessionCount(): number {
		return [...this.sessions.keys()].filter((id) => this.getSession(id)).length;
	}

	private isTrustedDevice(rememberMeId: unknown, device: unknown, userId: string): boolean {
		if (typeof rememberMeId !== 'string' || typeof device !== 'string') return false;
		return this.config.mfaDevices.some((d) => d.rememberMeId === rememberMeId && d.device === device && (!d.userId || d.userId === userId));
	}

	// ---------------------------------------------------------------- rate windows

	private bump(map: Map<string, { window: number; count: number }>, key: string, windowMs: number): number {
		const window = Math.floor(this.nowMs() / windowMs);
		const cur = map.get(key);
		if (!cur || cur.window !== window) {
			map.set(key, { window, count: 1 });
			return 1;
		}
		cur.count++;
		return cur.count;
	}

	// ---------------------------------------------------------------- HTTP

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		this.counters.requests++;
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const query: Record<string, string> = {};
		url.searchParams.forEach((v, k) => {
			query[k] = v;
		});
		let base: RequestLogEntry['base'] = 'unknown';
		let path = url.pathname;
		if (path.startsWith('/connect-events/')) {
			base = 'connect-events';
			path = path.slice('/connect-events'.length);
		} else if (path.startsWith('/connect/')) {
			base = 'connect';
			path = path.slice('/connect'.length);
		} else if (path.startsWith('/downloads/')) {
			base = 'downloads';
		}
		const log: RequestLogEntry = { time: this.now(), method, base, path, query, status: 0, auth: 'none' };
		this.requestLog.push(log);
		if (this.requestLog.length > this.requestLogLimit * 1.1) this.requestLog.splice(0, this.requestLog.length - this.requestLogLimit);

		let rawBody: Buffer;
		try {
			rawBody = await readBody(req);
		} catch {
			log.status = 413;
			res.destroy();
			return;
		}

		let inFlightKey: string | undefined;
		const release = () => {
			if (inFlightKey !== undefined) {
				this.counters.currentInFlight[inFlightKey]--;
				inFlightKey = undefined;
			}
		};
		try {
			const result = await this.process(req, method, base, path, query, rawBody, log, (key) => {
				inFlightKey = key;
			});
			release();
			if (result === 'reset') {
				log.status = 0;
				req.socket.destroy();
				return;
			}
			this.send(res, result, log);
		} catch (err) {
			release();
			log.error = err instanceof Error ? err.message : String(err);
			this.send(res, bdcError(500, BDC.systemError.code, BDC.systemError.message, 'SERVER'), log);
		}
	}

	private send(res: http.ServerResponse, r: EmuResponse, log: RequestLogEntry): void {
		const status = r.status ?? 200;
		log.status = status;
		log.answered = this.now();
		if (Array.isArray(r.body) && r.body.length > 0 && typeof r.body[0] === 'object' && r.body[0] !== null && 'code' in r.body[0] && status >= 400) {
			log.code = String((r.body[0] as { code: unknown }).code);
		}
		const headers: Record<string, string | number> = { ...(r.headers ?? {}) };
		let payload: Buffer;
		if (r.raw) {
			payload = r.raw;
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/octet-stream';
		} else if (r.body === undefined) {
			payload = Buffer.alloc(0);
		} else {
			payload = Buffer.from(JSON.stringify(r.body));
			headers['Content-Type'] = 'application/json';
			// As sent: keys with undefined values are not part of the answer.
			if (this.captureResponses) log.responseBody = JSON.parse(payload.toString('utf8'));
		}
		headers['Content-Length'] = payload.length;
		res.writeHead(status, headers);
		res.end(payload);
	}

	private async process(
		req: http.IncomingMessage,
		method: string,
		base: RequestLogEntry['base'],
		path: string,
		query: Record<string, string>,
		rawBody: Buffer,
		log: RequestLogEntry,
		setInFlight: (key: string) => void,
	): Promise<EmuResponse | 'reset'> {
		const headers: Record<string, string | undefined> = {};
		for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;

		if (base === 'downloads') return this.serveDownload(method, path, headers, log);
		if (base === 'unknown' && path.replace(/\/$/, '') === '/authx/token') return this.signIns.token(method, headers, rawBody);
		if (base === 'unknown') return bdcError(404, BDC.apiNotSupported.code, BDC.apiNotSupported.message);

		// Body
		let body: unknown;
		const ctype = headers['content-type'] ?? '';
		if (rawBody.length > 0) {
			if (ctype.includes('json')) {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					return bdcError(400, BDC.jsonParse.code, BDC.jsonParse.message);
				}
			} else if (!ctype) {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					body = undefined;
				}
			}
		}

		const emuReq: EmuRequest = { method, path, base, params: {}, query, headers, body, rawBody, auth: { kind: 'none' } };

		// Built-in routes (authentication, health)
		const builtin = this.builtinRoute(base, method, path);
		let match: ReturnType<BillEmulator['findRoute']>;
		if (!builtin) {
			match = this.findRoute(base, method, path);
			if (!match) return bdcError(404, BDC.apiNotSupported.code, BDC.apiNotSupported.message);
			emuReq.params = match.params;
			emuReq.template = match.route.compiled.template;
			log.template = emuReq.template;
			if (match.catalog) {
				emuReq.endpoint = match.catalog.endpoint;
				emuReq.route = match.catalog.route;
			} else {
				emuReq.route = deriveRoute({ path: match.route.compiled.template, behaviour: guessBehaviour(method, match.route.compiled.template) }, this.aliases);
			}
		} else {
			emuReq.template = path;
			log.template = path;
		}

		// Authentication
		const authKind = builtin ? builtin.auth : this.authKindFor(base, path, emuReq.endpoint);
		const authResult = this.authenticate(authKind, headers, emuReq);
		log.auth = emuReq.auth.kind;
		log.organizationId = emuReq.auth.organizationId;
		if (authResult) return authResult;

		// Limits: hourly cap, S&E per-minute, per-org concurrency
		const limitErr = this.checkRateLimits(emuReq);
		if (limitErr) return limitErr;
		let inFlightKey: string | undefined;
		if (emuReq.auth.kind !== 'none') {
			inFlightKey = emuReq.auth.kind === 'spend' ? `spend:${this.orgKeyOf(emuReq)}` : this.orgKeyOf(emuReq);
			const current = this.counters.currentInFlight[inFlightKey] ?? 0;
			if (emuReq.auth.kind !== 'spend' && current >= this.config.maxConcurrentPerOrg) {
				this.counters.refusedConcurrency[inFlightKey] = (this.counters.refusedConcurrency[inFlightKey] ?? 0) + 1;
				return bdcError(this.config.limitErrorStatus, BDC.concurrency.code, BDC.concurrency.message);
			}
			this.counters.currentInFlight[inFlightKey] = current + 1;
			this.counters.accepted[inFlightKey] = (this.counters.accepted[inFlightKey] ?? 0) + 1;
			this.counters.peakConcurrency[inFlightKey] = Math.max(this.counters.peakConcurrency[inFlightKey] ?? 0, current + 1);
			setInFlight(inFlightKey);
		}

		// Latency (while in flight)
		if (this.config.latencyMs > 0) await sleep(this.config.latencyMs);

		// Faults applied before the request
		const fault = this.faults.take(method, base, path, rawBody);
		if (fault?.delayMs) await sleep(fault.delayMs);
		if (fault && fault.when !== 'after' && (fault.status !== undefined || fault.reset)) {
			log.fault = true;
			return fault.reset ? 'reset' : this.faults.response(fault);
		}

		// MFA-trusted session in production
		if (this.config.productionRules && needsTrustedSession(method, base, emuReq.template) && emuReq.auth.kind === 'org' && !emuReq.auth.trusted) {
			return bdcError(403, BDC.mfaRequired.code, BDC.mfaRequired.message);
		}

		let result: EmuResponse;
		if (builtin) result = await builtin.handle(emuReq);
		else if (match!.route.kind === 'custom') result = await match!.route.handler.handle(emuReq, this);
		else result = runGeneric(this, emuReq);

		if (fault && fault.when === 'after' && (fault.status !== undefined || fault.reset)) {
			log.fault = true;
			return fault.reset ? 'reset' : this.faults.response(fault);
		}
		return result;
	}

	// ---------------------------------------------------------------- auth

	private authKindFor(base: EmuBase, path: string, endpoint?: EmuEndpoint): EmuAuth['kind'] | 'any' {
		if (endpoint?.noAuth) return 'none';
		if (base === 'connect-events') return 'any';
		if (path.startsWith('/v3/spend/') || path === '/v3/spend') return 'spend';
		if (path.startsWith('/v3/partner/')) return 'partner';
		return 'org';
	}

	/** Fills `req.auth`; returns an error response when the request is not authenticated. */
	private authenticate(kind: EmuAuth['kind'] | 'any' | 'orgOrPartner', headers: Record<string, string | undefined>, req: EmuRequest): EmuResponse | undefined {
		const invalid = () => bdcError(401, BDC.sessionInvalid.code, BDC.sessionInvalid.message, 'DOWNSTREAM');
		if (kind === 'none') return undefined;
		const bearer = bearerOf(headers);
		if (bearer !== undefined) return this.signIns.authenticate(kind, bearer, req);
		if (kind === 'any') {
			if (headers.apitoken !== undefined) kind = 'spend';
			else if (headers.appkey !== undefined) kind = 'partner';
			else if (headers.devkey !== undefined) kind = 'org';
			else return bdcError(400, BDC.missingParam.code, `${BDC.missingParam.message}devKey, sessionId`);
		}
		if (kind === 'orgOrPartner') kind = headers.appkey !== undefined && headers.devkey === undefined ? 'partner' : 'org';

		if (kind === 'spend') {
			const token = headers.apitoken;
			const t = this.config.spendTokens.find((x) => x.token === token);
			if (!t) return bdcError(401, BDC.sessionInvalid.code, 'Invalid API token.', 'DOWNSTREAM'); // [inferred] S&E error text
			req.auth = { kind: 'spend', organizationId: t.organizationId, orgKey: t.organizationId, limitKey: `spend:${t.token}` };
			return undefined;
		}

		const session = this.getSession(headers.sessionid);
		if (kind === 'org') {
			if (!session || session.kind !== 'org') return invalid();
			if (!headers.devkey || !this.config.devKeys.includes(headers.devkey)) {
				return bdcError(401, BDC.devKeyInvalid.code, BDC.devKeyInvalid.message);
			}
			session.lastUsed = this.nowMs();
			req.auth = {
				kind: 'org',
				organizationId: session.organizationId,
				userId: session.userId,
				trusted: session.trusted,
				sessionId: session.id,
				orgKey: session.organizationId,
				limitKey: `dev:${headers.devkey}`,
			};
			return undefined;
		}
		// partner
		if (!session || session.kind !== 'partner') return invalid();
		const partner = this.config.partners.find((p) => p.partnerId === session.partnerId);
		if (!partner || headers.appkey !== partner.appKey) return bdcError(401, BDC.devKeyInvalid.code, BDC.devKeyInvalid.message);
		session.lastUsed = this.nowMs();
		const orgHeader = headers.organizationid;
		if (orgHeader !== undefined && !partner.organizationIds.includes(orgHeader)) {
			return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
		}
		req.auth = {
			kind: 'partner',
			partnerId: partner.partnerId,
			sessionId: session.id,
			organizationId: orgHeader,
			orgKey: orgHeader ?? `partner:${partner.partnerId}`,
			limitKey: `app:${partner.appKey}`,
		};
		return undefined;
	}

	private checkRateLimits(req: EmuRequest): EmuResponse | undefined {
		const key = req.auth.limitKey;
		if (!key) return undefined;
		if (req.auth.kind === 'spend') {
			const n = this.bump(this.spendMinute, key, MINUTE_MS);
			if (n > this.config.spendPerMinute) {
				// [inferred] status 429 and code: BILL documents 60/minute for S&E, not its error.
				return bdcError(429, BDC.spendRate.code, `${BDC.spendRate.message}${this.config.spendPerMinute}.`);
			}
			return undefined;
		}
		const n = this.bump(this.hourly, key, HOUR_MS);
		if (n > this.config.hourlyCap) {
			return bdcError(this.config.limitErrorStatus, BDC.hourlyCap.code, `${BDC.hourlyCap.message}${this.config.hourlyCap}.`);
		}
		return undefined;
	}

	// ---------------------------------------------------------------- built-in routes

	/** Health, and the sign-ins of the BILL API credentials (sign-ins.ts), before the catalog's routes. */
	private builtinRoute(base: EmuBase, method: string, path: string): SignInRoute | undefined {
		const p = path.replace(/\/$/, '');
		if (method === 'GET' && p === '/v3/health') {
			return { auth: 'none', handle: () => ({ body: { appId: 'bill-emulator', appEnv: 'emulator', appVersion: '3', bdcRegion: 'local' } }) };
		}
		if (base !== 'connect') return undefined;
		return signInRoute(this.sessionHost, method, p);
	}

	/** What the sign-ins borrow of the core: config, counters, sessions, login windows. */
	private readonly sessionHost: SessionHost = {
		config: () => this.config,
		counters: () => this.counters,
		store: () => this.store,
		signIns: () => this.signIns,
		createSession: (s) => this.createSession(s),
		getSession: (id) => this.getSession(id),
		endSession: (id) => this.sessions.delete(id),
		isTrustedDevice: (rememberMeId, device, userId) => this.isTrustedDevice(rememberMeId, device, userId),
		loginWindow: (key) => this.bump(this.loginHourly, key, HOUR_MS),
		requestWindow: (key) => this.bump(this.hourly, key, HOUR_MS),
	};

	// ---------------------------------------------------------------- downloads

	private serveDownload(method: string, path: string, headers: Record<string, string | undefined>, log: RequestLogEntry): EmuResponse {
		if (method !== 'GET') return bdcError(404, BDC.apiNotSupported.code, BDC.apiNotSupported.message);
		// A download link with an OAuth token [inferred: BILL shows the sessionId header only].
		const bearer = bearerOf(headers);
		const req = { auth: { kind: 'none' } } as EmuRequest;
		const refused = bearer !== undefined ? this.signIns.authenticate('download', bearer, req) : undefined;
		if (refused) return refused;
		const session = bearer !== undefined ? { kind: 'org' as const, organizationId: req.auth.organizationId, lastUsed: 0 } : this.getSession(headers.sessionid);
		if (!session) return bdcError(401, BDC.sessionInvalid.code, BDC.sessionInvalid.message, 'DOWNSTREAM');
		session.lastUsed = this.nowMs();
		log.auth = session.kind;
		log.organizationId = session.organizationId;
		const token = path.slice('/downloads/'.length);
		const fileId = this.downloads.get(token);
		const file = fileId ? this.files.get(fileId) : undefined;
		if (!file || (file.orgKey && session.kind === 'org' && file.orgKey !== session.organizationId)) {
			return bdcError(404, BDC.noData.code, BDC.noData.message);
		}
		return {
			raw: file.data,
			headers: {
				'Content-Type': file.contentType,
				'Content-Disposition': `attachment; filename="${file.name.replace(/"/g, '')}"`,
			},
		};
	}
}

function cryptoUuid(): string {
	const b = randomBytes(16);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = b.toString('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Behaviour of a custom route BILL's catalog does not list (only used to derive its collection). */
function guessBehaviour(method: string, template: string): EmuBehaviour {
	const endsWithParam = /\}$/.test(template);
	if (method === 'GET') return endsWithParam ? 'get' : 'list';
	if (method === 'PATCH') return 'update';
	if (method === 'PUT') return 'replace';
	if (method === 'DELETE') return 'delete';
	return endsWithParam ? 'create' : 'custom';
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * BILL's list of calls that need an MFA-trusted session in production (developer.bill.com
 * reference/setup, createmasspayment): payments, bulk and mass payments, creating or updating a
 * bank account, inviting a vendor in the BILL network. Auto-pay on vendors and recurring bills is
 * checked by their handlers (it depends on the body). Written here from BILL's pages, not from the
 * node's table.
 */
const TRUSTED_SESSION_CALLS = new Set([
	'POST /v3/payments',
	'POST /v3/payments/bulk',
	'POST /v3/payments/mass',
	'POST /v3/funding-accounts/banks',
	'PATCH /v3/funding-accounts/banks/{bankAccountId}',
	'POST /v3/network/invitation/vendor/{vendorId}',
]);

function needsTrustedSession(method: string, base: string, template: string | undefined): boolean {
	return base === 'connect' && !!template && TRUSTED_SESSION_CALLS.has(`${method} ${template}`);
}
