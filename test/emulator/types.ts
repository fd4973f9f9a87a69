/**
 * Contract between the emulator core (server.ts, store, auth, limits) and the per-family custom
 * handlers in ./resources/ (one module per BILL resource; rules a family shares in ./family/).
 * Generic behaviour (CRUD, list, archive, bulk) is the emulator's own per endpoint of BILL's catalog
 * (catalog.ts); a custom handler overrides one `METHOD path-template` where BILL does more.
 */
import type { EmuEndpoint } from './catalog';
import type { EmulatorConfig } from './config';
import type { Collection, EmuRecord, Store } from './store';

export type EmuBase = 'connect' | 'connect-events';

export interface EmuAuth {
	/** org: devKey + sessionId; partner: appKey + sessionId; spend: apiToken; none: public. */
	kind: 'org' | 'partner' | 'spend' | 'none';
	organizationId?: string;
	userId?: string;
	/** MFA-trusted session. */
	trusted?: boolean;
	partnerId?: string;
	sessionId?: string;
	/** Whose data the request sees: the organization id, or `partner:<partnerId>` for partner-level calls. */
	orgKey?: string;
	/** Developer key / app key / api token the request was counted against (never logged). */
	limitKey?: string;
}

export interface EmuRequest {
	method: string;
	/** Path below the base, e.g. `/v3/vendors/00901...`. */
	path: string;
	base: EmuBase;
	/** Values of the `{params}` of the matched path template. */
	params: Record<string, string>;
	query: Record<string, string>;
	headers: Record<string, string | undefined>;
	/** Parsed JSON body (undefined when none or not JSON). */
	body: unknown;
	rawBody: Buffer;
	auth: EmuAuth;
	/** The endpoint of BILL's catalog this request matched (catalog.ts), when there is one. */
	endpoint?: EmuEndpoint;
	/** Collection / id / scope derived from the matched path template (see README "Routing"). */
	route?: EmuRoute;
	/** The path template that matched (catalog path or custom handler path). */
	template?: string;
}

/** What the generic handlers derive from an endpoint's path template. */
export interface EmuRoute {
	/** Store collection, e.g. `vendors`, `classifications/items`, `spend/budgets/members`. */
	collection: string;
	/** Path param naming the record (last param when the path ends with it). */
	idParam?: string;
	/** Other path params: stored on created records and used to filter lists. */
	scopeParams: string[];
}

export interface EmuResponse {
	status?: number;
	/** JSON body; ignored when `raw` is set. `undefined` = empty body. */
	body?: unknown;
	raw?: Buffer;
	headers?: Record<string, string>;
}

/**
 * What handlers and seeders use of the running emulator; `BillEmulator` (server.ts) implements it.
 * Declared here, apart from server.ts, so that the modules server.ts loads (resources/, family/,
 * handlers.ts, generic.ts, webhooks/) can be typed without importing server.ts back.
 */
export interface Emulator {
	config: EmulatorConfig;
	readonly store: Store;
	newId(prefix: string): string;
	/** Emulator time (it can be advanced), in ms and as BILL's ISO timestamp. */
	nowMs(): number;
	now(): string;
	/** The organization (or partner) a request acts for: the key of its data. */
	orgKeyOf(req: EmuRequest): string;
	collection(req: EmuRequest, name: string): Collection;
	/** A record as BILL shows it (internal `_` fields left out). */
	view(rec: EmuRecord | undefined): Record<string, unknown> | undefined;
	/** The endpoint's generic answer (generic.ts). */
	generic(req: EmuRequest): EmuResponse;
	listResponse(req: EmuRequest, records: EmuRecord[]): EmuResponse;
	addDownload(data: Buffer, name: string, contentType?: string, orgKey?: string): string;
	/** The live session of a `sessionId` (an MFA step-up makes it trusted). */
	getSession(sessionId: string | undefined): { trusted: boolean } | undefined;
}

/**
 * A handler for one `METHOD path-template`, given the running emulator as `Emulator` (no handler
 * module imports server.ts). The resource modules make theirs with `forEndpoint()` (handlers.ts),
 * which checks the endpoint against BILL's catalog (catalog.ts); `emu.addHandler()` also takes
 * handlers with a route of their own.
 */
export interface CustomHandler {
	method: string;
	/** Path template as BILL writes it, e.g. `/v3/payments/{paymentId}/void`. */
	path: string;
	base?: EmuBase;
	/**
	 * `METHOD /path` of the endpoint of BILL's catalog the handler serves (`forEndpoint` in
	 * handlers.ts); absent for a route the catalog does not have.
	 */
	endpoint?: string;
	handle(req: EmuRequest, emu: Emulator): EmuResponse | Promise<EmuResponse>;
}
