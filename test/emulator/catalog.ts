/**
 * The emulator's own list of BILL's endpoints and how each behaves when no custom handler answers
 * it: read from BILL's catalog as the repository carries it (test/fixtures), never from the node's
 * table of operations (nodes/Bill/resources), so that the emulator stays an independent witness.
 *
 * - `test/fixtures/endpoints.json`: BILL's v3 API reference menu (253 endpoints: method, path, body
 *   fields with whether each is required, query params, headers, notes such as "max=50" or "up to 20
 *   vendors per request"), captured from BILL's reference and its Postman collection.
 * - `test/fixtures/endpoints-extra.json` `postmanOnly`: the endpoints in BILL's current Postman
 *   collection that the reference menu above does not list (added later; body fields only as in the
 *   examples, without whether they are required). Its `docsIndexOnly_pathUnknown` names reference
 *   pages whose path no source gave: no route.
 * - `test/fixtures/endpoints-2026.json`: the endpoints BILL added after its Postman collection, from
 *   its changelog and current reference pages (exchange rates, mass payments, login organizations).
 *
 * Each endpoint's generic behaviour is decided here from its method and path shape (and the answer
 * BILL's catalog shows for GETs), with the endpoints where the shape misleads stated one by one
 * (`BEHAVIOUR_OF`). What a custom handler answers is in resources/ and family/.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { EmuBase } from './types';

/** What the generic routes do for an endpoint (generic.ts); `custom`: only a custom handler answers it (501 without one). */
export type EmuBehaviour =
	| 'list'
	| 'get'
	| 'create'
	| 'bulk-create'
	| 'update'
	| 'bulk-update'
	| 'replace'
	| 'bulk-replace'
	| 'archive'
	| 'bulk-archive'
	| 'restore'
	| 'bulk-restore'
	| 'delete'
	| 'upload'
	| 'download'
	| 'custom';

/** BILL's API families: the credential a call takes and where it is served. */
export type EmuApi = 'connect' | 'spend' | 'partner' | 'webhooks';

/** How a list pages: `page` / `nextPage` + `prevPage` tokens, `start` offset, or one page (`none`). */
export type EmuPagination = 'page' | 'nextPage' | 'start' | 'none';

/** The body of a bulk call: a JSON array, an array under a key of an object, or `ids=a,b` in the query. */
export type EmuBulkRequest = 'array' | 'idsQuery' | { key: string };

export interface EmuEndpoint {
	api: EmuApi;
	method: string;
	/** Path template as BILL writes it, e.g. `/v3/payments/{paymentId}/void`. */
	path: string;
	base: EmuBase;
	behaviour: EmuBehaviour;
	/** Where BILL documents it: its reference menu, only its Postman collection, or its 2026 changelog and pages. */
	source: 'reference' | 'postman' | 'changelog';
	/** What BILL refuses to go without (400 BDC_1108): body fields (of each element for bulk calls), query params, headers. */
	required: { body: string[]; query: string[]; headers: string[] };
	/** Lists: how they page and the largest `max` (other endpoints: `page`, 100). */
	pagination: EmuPagination;
	maxPageSize: number;
	/** Bulk calls: the body and the most elements one request takes (more → 400 BDC_1129). */
	bulk?: { request: EmuBulkRequest; limit: number };
	/** Uploads: the content type BILL's page names for the bytes. */
	uploadContentType?: string;
	/** Public (no sign-in). */
	noAuth: boolean;
}

/* ------------------------------------------------------------------ what a behaviour derives from a path */

export interface BehaviourTraits {
	/** The path's last param names the record (get, update, archive, …); otherwise every param is a scope. */
	namesRecord: boolean;
	/** BILL's path may end with a verb after the record or `bulk` (`/{id}/archive`, `/bulk/restore`, `/{id}/void`). */
	trailingVerb: 'always' | 'afterRecordOrBulk' | 'never';
	/** The path ends with `/bulk` (`/v3/vendors/bulk`), which is not part of the collection. */
	bulk: boolean;
}

const record: BehaviourTraits = { namesRecord: true, trailingVerb: 'never', bulk: false };
const collection: BehaviourTraits = { ...record, namesRecord: false };
const many: BehaviourTraits = { ...collection, bulk: true };

/** Every behaviour's traits: a new behaviour does not compile until it has its own. */
export const BEHAVIOURS: Record<EmuBehaviour, BehaviourTraits> = {
	list: collection,
	get: record,
	create: collection,
	'bulk-create': many,
	update: record,
	'bulk-update': many,
	replace: record,
	'bulk-replace': many,
	archive: { ...record, trailingVerb: 'always' },
	'bulk-archive': { ...many, trailingVerb: 'always' },
	restore: { ...record, trailingVerb: 'always' },
	'bulk-restore': { ...many, trailingVerb: 'always' },
	delete: record,
	upload: collection,
	download: { ...record, trailingVerb: 'afterRecordOrBulk' },
	custom: { ...record, trailingVerb: 'afterRecordOrBulk' },
};

/* ------------------------------------------------------------------ BILL's catalog */

interface CatalogField {
	name: string;
	required?: boolean;
}
interface CatalogEntry {
	api: EmuApi;
	method: string;
	path: string;
	queryParams?: Array<{ name: string; required?: boolean }>;
	bodyFields?: CatalogField[];
	contentType?: string | null;
	headers?: string[];
	response?: { kind?: string; keys?: string[] };
	notes?: string[];
}

const fixture = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures', name), 'utf8')) as T;

/** `METHOD /path` of an endpoint (both bases share GET /v3/health; the base is added where it matters). */
export const endpointKey = (method: string, p: string) => `${method.toUpperCase()} ${p}`;

/**
 * Endpoints whose method and path shape do not say what BILL does (the shape rules are in
 * `behaviourOf`): GETs that answer one object though their path names no record (or a list though it
 * does), POSTs to a collection that do something other than create, PUTs BILL treats as a change of
 * the given fields, and the record GETs that answer a download link.
 */
const BEHAVIOUR_OF: Record<string, EmuBehaviour> = {
	// A record with its `downloadLink` (BILL's example), whose bytes are fetched from the link.
	'GET /v3/attachments/{attachmentId}': 'download',
	'GET /v3/documents/{documentId}': 'download',
	'GET /v3/payments/{paymentId}/check-image': 'download',
	// One object (a status report or a set of options), not a page of records.
	'GET /v3/documents/upload-status': 'get',
	'GET /v3/funding-accounts/cards/funding-purposes': 'get',
	'GET /v3/organizations/industries': 'get',
	// Lists without a `results` key in the catalog's answer.
	'GET /v3/funding-accounts/cards': 'list',
	'GET /v3/login/organizations': 'list',
	'GET /v3/events/subscription/{subscriptionId}': 'list',
	'GET /v3/subscriptions': 'list',
	// A POST that acts (approve or deny bills, invite, verify, quote rates) rather than creates.
	'POST /v3/bill-approvals/actions': 'bulk-update',
	'POST /v3/network/invitation/customer/{customerId}': 'custom',
	'POST /v3/network/invitation/vendor/{vendorId}': 'custom',
	'POST /v3/payments/exchange-rate': 'custom',
	'POST /v3/risk-verifications': 'custom',
	'POST /v3/risk-verifications/phone': 'custom',
	// Receipts of a reimbursement / transaction: created under the record (the path has no list of its own).
	'POST /v3/spend/reimbursements/{reimbursementId}/receipts': 'create',
	'POST /v3/spend/transactions/{transactionId}/receipts': 'create',
	// Spend & Expense PUTs that change the fields sent (BILL's catalog names them "Update …", "Add … or update …").
	'PUT /v3/spend/budgets/{budgetId}/members/{userId}': 'update',
	'PUT /v3/spend/transactions/{transactionId}': 'update',
	'PUT /v3/spend/transactions/{transactionId}/custom-fields': 'update',
	// "Update a list of budget members in a budget": adds, changes and removes members in one call; answers `{status}`.
	'PUT /v3/spend/budgets/{budgetId}/members/bulk': 'custom',
};

/**
 * Required body fields where the catalog lists none or others: the Postman-only and 2026 endpoints
 * carry example fields only, and for bulk calls the fields are those of each element. [inferred]
 * where BILL's pages are silent: the fields without which the emulator cannot make the record.
 */
const REQUIRED_BODY: Record<string, string[]> = {
	'POST /v3/bill-approvals/policies': ['policyName', 'rules', 'approvers'],
	'POST /v3/classifications/accounting-classes': ['name'],
	'POST /v3/classifications/accounting-classes/bulk': ['name'],
	'POST /v3/classifications/employees': ['firstName', 'lastName'],
	'POST /v3/classifications/employees/bulk': ['firstName', 'lastName'],
	// The catalog lists `type` first; the emulator checks the name first [inferred: BILL's order of checks].
	'POST /v3/classifications/items': ['name', 'type'],
	'POST /v3/classifications/items/bulk': ['name', 'type'],
	'POST /v3/classifications/jobs': ['name'],
	'POST /v3/classifications/jobs/bulk': ['name'],
	'POST /v3/classifications/locations': ['name'],
	'POST /v3/classifications/locations/bulk': ['name'],
	'POST /v3/credit-memos': ['customerId', 'referenceNumber', 'creditDate', 'creditMemoLineItems'],
	'POST /v3/credit-memos/bulk': ['customerId', 'referenceNumber', 'creditDate', 'creditMemoLineItems'],
	'POST /v3/funding-accounts/banks': ['nameOnAccount', 'routingNumber', 'accountNumber', 'type', 'ownerType', 'bankName'],
	'POST /v3/payments/bulk': ['billId', 'amount'],
	'POST /v3/payments/mass': ['fundingAccount', 'payments'],
	'POST /v3/recurring-invoices': ['customerId', 'schedule', 'recurringInvoiceLineItems'],
	'POST /v3/spend/reimbursements/{reimbursementId}/receipts': ['url', 'filename'],
	'POST /v3/spend/transactions/{transactionId}/receipts': ['url'],
	'POST /v3/vendor-credits': ['vendorId', 'referenceNumber', 'creditDate', 'vendorCreditLineItems'],
	'POST /v3/vendor-credits/bulk': ['vendorId', 'referenceNumber', 'creditDate', 'vendorCreditLineItems'],
};

/** Bulk calls whose body or limit the catalog's notes do not give. */
const BULK_OF: Record<string, { request?: EmuBulkRequest; limit?: number }> = {
	// BILL's bulk payment body: `{fundingAccount, payments: [{billId, amount}], …}`.
	'POST /v3/payments/bulk': { request: { key: 'payments' } },
	// BILL's pages: up to 100 approvals per request; up to 100 vendors per exchange-rate request.
	'POST /v3/bill-approvals/actions': { limit: 100 },
	'POST /v3/payments/exchange-rate': { limit: 100 },
};

/** [inferred] The most elements of a bulk call whose page names no limit (BILL's other bulk pages: 50). */
const DEFAULT_BULK_LIMIT = 50;

/** Lists whose paging the catalog's query params do not show (a 2026 page without the params). */
const PAGINATION_OF: Record<string, EmuPagination> = {
	'GET /v3/login/organizations': 'page',
};

/**
 * The headers a call needs besides its credential: those the catalog marks `(… required)`
 * (`X-Idempotent-Key` of webhook subscriptions), and `organizationId`, which the catalog lists for the
 * partner calls that act in a child organization.
 */
function requiredHeaders(headers: string[]): string[] {
	return headers.flatMap((h) => (h === 'organizationId' ? [h] : (/^([\w-]+) \(.*required\)$/.exec(h)?.slice(1) ?? [])));
}

const isParam = (seg: string) => /^\{[^}]+\}$/.test(seg);

/** An endpoint's behaviour from its method and path shape (and, for a GET, the answer's shape), unless `BEHAVIOUR_OF` states it. */
function behaviourOf(e: CatalogEntry, gets: Set<string>): EmuBehaviour {
	const stated = BEHAVIOUR_OF[endpointKey(e.method, e.path)];
	if (stated) return stated;
	const segs = e.path.split('/');
	const last = segs[segs.length - 1];
	switch (e.method) {
		case 'GET':
			return e.response?.kind === 'array' || e.response?.keys?.includes('results') ? 'list' : 'get';
		case 'DELETE':
			return 'delete';
		case 'PATCH':
			return last === 'bulk' ? 'bulk-update' : 'update';
		case 'PUT':
			return last === 'bulk' ? 'bulk-replace' : 'replace';
		default:
	}
	if (last === 'bulk') return 'bulk-create';
	if (e.path.endsWith('/bulk/archive')) return 'bulk-archive';
	if (e.path.endsWith('/bulk/restore')) return 'bulk-restore';
	if ((last === 'archive' || last === 'restore') && isParam(segs[segs.length - 2])) return last;
	if (e.contentType === 'application/octet-stream' || e.contentType === '*/*') return 'upload';
	// A POST creates where BILL lists or gets what it posts to; any other POST is an action.
	const listed = gets.has(e.path) || [...gets].some((g) => g.startsWith(`${e.path}/{`) && isParam(g.slice(e.path.length + 1)));
	return listed ? 'create' : 'custom';
}

function endpointOf(e: CatalogEntry, source: EmuEndpoint['source'], gets: Set<string>): EmuEndpoint {
	const key = endpointKey(e.method, e.path);
	const behaviour = behaviourOf(e, gets);
	const query = e.queryParams ?? [];
	const names = query.map((q) => q.name);
	const notes = (e.notes ?? []).join(' ');
	const bulkTraits = BEHAVIOURS[behaviour].bulk || BULK_OF[key] !== undefined;
	const headers = e.headers ?? [];
	return {
		api: e.api,
		method: e.method,
		path: e.path,
		base: e.api === 'webhooks' ? 'connect-events' : 'connect',
		behaviour,
		source,
		required: {
			body: REQUIRED_BODY[key] ?? (behaviour === 'create' || behaviour === 'bulk-create' ? (e.bodyFields ?? []).filter((f) => f.required).map((f) => f.name) : []),
			query: query.filter((q) => q.required).map((q) => q.name),
			headers: requiredHeaders(headers),
		},
		// A custom handler may answer a page of records on another endpoint: BILL's default paging there.
		pagination: behaviour !== 'list' ? 'page' : (PAGINATION_OF[key] ?? (names.includes('nextPage') ? 'nextPage' : names.includes('page') ? 'page' : names.includes('start') ? 'start' : 'none')),
		maxPageSize: behaviour !== 'list' ? 100 : Number(/max=(\d+)/.exec(notes)?.[1] ?? 100),
		...(bulkTraits
			? {
					bulk: {
						request: BULK_OF[key]?.request ?? (behaviour === 'bulk-archive' || behaviour === 'bulk-restore' ? 'idsQuery' : 'array'),
						limit: BULK_OF[key]?.limit ?? Number(/up to (\d+)/.exec(notes)?.[1] ?? DEFAULT_BULK_LIMIT),
					},
				}
			: {}),
		...(behaviour === 'upload' && e.contentType ? { uploadContentType: e.contentType } : {}),
		noAuth: headers.some((h) => h.startsWith('none')),
	};
}

/** BILL's endpoints: the reference menu, then those only in its Postman collection, then its 2026 additions. */
function loadCatalog(): EmuEndpoint[] {
	const menu = fixture<CatalogEntry[]>('endpoints.json');
	const postman = fixture<{ postmanOnly: CatalogEntry[] }>('endpoints-extra.json').postmanOnly;
	const changelog = fixture<{ endpoints: CatalogEntry[] }>('endpoints-2026.json').endpoints;
	const all: Array<[CatalogEntry, EmuEndpoint['source']]> = [
		...menu.map((e): [CatalogEntry, EmuEndpoint['source']] => [e, 'reference']),
		...postman.map((e): [CatalogEntry, EmuEndpoint['source']] => [e, 'postman']),
		...changelog.map((e): [CatalogEntry, EmuEndpoint['source']] => [e, 'changelog']),
	];
	const gets = new Set(all.filter(([e]) => e.method === 'GET').map(([e]) => e.path));
	return all.map(([e, source]) => endpointOf(e, source, gets));
}

/** Every endpoint of BILL's the emulator serves. */
export const BILL_ENDPOINTS: readonly EmuEndpoint[] = loadCatalog();

/**
 * The endpoint `METHOD /path` of BILL's catalog (on `base` when given); throws when BILL's catalog
 * has none, or has it on both bases and no base is given.
 */
export function findEndpoint(method: string, p: string, base?: EmuBase, endpoints: readonly EmuEndpoint[] = BILL_ENDPOINTS): EmuEndpoint {
	const found = endpoints.filter((e) => e.method === method.toUpperCase() && e.path === p && (base === undefined || e.base === base));
	if (found.length === 0) throw new Error(`Emulator handler for ${endpointKey(method, p)}: BILL's catalog has no such endpoint (test/fixtures/endpoints*.json)`);
	if (found.length > 1) throw new Error(`Emulator handler for ${endpointKey(method, p)}: BILL serves it on ${found.map((e) => e.base).join(' and ')}; name the base`);
	return found[0];
}
