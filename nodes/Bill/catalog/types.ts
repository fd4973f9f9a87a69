/**
 * The table of operations: every BILL endpoint the node knows is described ONCE here, as data.
 * The node's parameters (description builder), the requests (executor), the emulator's routes
 * and the coverage test are all derived from these definitions.
 */
import type { OptionListMethod } from './lists';

/** Which BILL API an endpoint belongs to. Decides the base URL and the credential. */
export type ApiFamily = 'connect' | 'spend' | 'partner' | 'webhooks';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where BILL documents an endpoint (see OperationDef.source). */
export type OperationSource = 'reference' | 'postman' | 'changelog';

/**
 * Field types. Each maps to one n8n parameter type and one JSON encoding:
 * - string / number / boolean: as is
 * - date: n8n dateTime picker, sent as `yyyy-MM-dd`
 * - dateTime: n8n dateTime picker, sent as ISO 8601 (`2026-01-31T00:00:00.000Z`)
 * - options: single choice from `options`; multiOptions: array of strings from `options`
 * - stringList: array of strings, entered as a comma-separated string
 * - object: a nested object with `fields` (n8n collection / single fixedCollection)
 * - array: an array of objects with `fields` (n8n fixedCollection, multiple values)
 * - json: any JSON value, entered as JSON text
 */
export type FieldType =
	| 'string'
	| 'number'
	| 'boolean'
	| 'date'
	| 'dateTime'
	| 'options'
	| 'multiOptions'
	| 'stringList'
	| 'object'
	| 'array'
	| 'json';

export interface FieldOption {
	name: string;
	value: string;
	description?: string;
}

export interface FieldDef {
	/** BILL's name for the field: JSON key, query key or `{pathParam}` name. */
	name: string;
	/** (Named `label`, NOT `displayName`: n8n lint treats objects with displayName+name+type in nodes/ as node parameters.)
	 * Title Case label; derived from `name` when absent (`payFromChartOfAccountId` → "Pay From Chart Of Account ID"). */
	label?: string;
	type: FieldType;
	/** Required fields are shown at the top of the form; optional ones under Additional/Update Fields. */
	required?: boolean;
	/** Sentence case, says what BILL does with it; ID fields say their prefix (e.g. begins with `009`). */
	description?: string;
	default?: string | number | boolean;
	placeholder?: string;
	/** Enum values for options / multiOptions (string values are shown Title Cased). */
	options?: Array<string | FieldOption>;
	/** Children of an object / array field. */
	fields?: FieldDef[];
	/**
	 * An ID field that refers to a resource of this node: rendered as a resource locator
	 * (From List with search / By ID / By URL) using that resource's `locator` settings.
	 */
	locator?: string;
	/**
	 * An ID field offered as a small list of the records of this resource of the node (its Get Many,
	 * not archived), through the load-options method named after it (`optionsMethodName`).
	 */
	optionsFrom?: string;
	/** For `options`: a long list BILL accepts (currencies, …), offered through its load-options method (catalog/lists.ts). */
	optionList?: OptionListMethod;
	/** Expected ID prefix (e.g. `009`); checked before sending, with a clear error. */
	idPrefix?: string;
	/** Minimum / maximum for numbers. */
	min?: number;
	max?: number;
	/** A whole number (BILL's integer fields, e.g. an exchange rate batch ID). */
	integer?: boolean;
	/** Multi-line text. */
	rows?: number;
	/** Masked input (one-time codes, tokens), as n8n's `typeOptions.password`. */
	typeOptions?: { password?: boolean };
}

/**
 * What an operation does, in BILL's object model. The executor and the emulator use it:
 * `list` paginates, `createMany` batches input items, `upload` sends binary data, ….
 */
export type OperationKind =
	| 'list'
	| 'get'
	| 'create'
	| 'createMany'
	| 'update'
	| 'updateMany'
	| 'replace'
	| 'replaceMany'
	| 'archive'
	| 'archiveMany'
	| 'restore'
	| 'restoreMany'
	| 'delete'
	| 'upload'
	| 'download'
	| 'action'
	/** An action over many input items at once (one request for a batch), e.g. exchange rates for several vendors. */
	| 'actionMany'
	/**
	 * Create or Update: no endpoint of BILL's; the node finds the record by the field the user matches
	 * on (the resource's Get Many), then sends the resource's Update or Create (`upsert` says how).
	 */
	| 'upsert';

/** How a list endpoint pages. */
export type Pagination =
	/** Connect / webhooks: `max` + `page=<nextPage token>`, response `{nextPage, prevPage, results}` */
	| 'page'
	/** Spend & Expense: `max` + `nextPage=<token>` query, response `{nextPage, prevPage, results}` */
	| 'nextPage'
	/** Audit trail: `start` (offset) + `max`, response is an array */
	| 'start'
	/** Single request; response `{results}` or an array */
	| 'none';

/** BILL's filter operators (`filters=field:operator:value`). */
export type FilterOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'sw';

/**
 * A field BILL filters a list on, with the operators BILL allows for it (docs/filterable-fields).
 * A plain field name in `filterFields` is a field whose operators BILL does not document (catalog/filters.ts).
 */
export interface FilterFieldDef {
	name: string;
	operators: FilterOperator[];
}

export interface BulkDef {
	/** BILL's maximum number of elements per request (bills 100, vendors 20, items 50, …). */
	limit: number;
	/**
	 * How the batch is sent:
	 * - 'array' (default): JSON array body
	 * - { key }: object body `{ [key]: [...] }` (e.g. payments bulk)
	 * - 'idsQuery': no body, `ids=<id1>,<id2>` query (bulk archive/restore)
	 */
	request?: 'array' | 'idsQuery' | { key: string; envelope?: FieldDef[] };
	/** Where the per-element results are in the response: undefined = array body; a key = `{key: [...]}`. */
	responseKey?: string;
	/**
	 * How a result names the element(s) it answers, when not by `id` or position: the element's
	 * `element` value appears at the result's `result` path (`[]` walks arrays), e.g. bulk payments:
	 * `{ element: 'billId', result: 'billPayments[].billId' }` (BILL combines bills into one payment).
	 */
	match?: { element: string; result: string };
}

export interface OperationDef {
	/** Stable n8n value (workflows depend on it): singular camelCase resource, e.g. `bill`. */
	resource: string;
	/** Stable n8n value: create, createMany, get, getAll, update, updateMany, replace, archive, … */
	operation: string;
	/** Shown in the Operation list: "Create", "Get Many", "Pay", … (Title Case). */
	name: string;
	/** Shown in the actions panel and to AI agents: "Create a bill". */
	action: string;
	/** One or two sentences: what it does and BILL's rules for it. */
	description: string;
	api: ApiFamily;
	method: HttpMethod;
	/** BILL's path, with `{param}` placeholders, exactly as in BILL's catalog. */
	path: string;
	/**
	 * Where BILL documents the endpoint: 'reference' (default), its v3 API reference menu
	 * (test/fixtures/endpoints.json); 'postman', only its Postman collection: the endpoints BILL added
	 * after the reference menu (test/fixtures/endpoints-extra.json `postmanOnly`); 'changelog', only
	 * BILL's changelog and current API reference: added after the Postman collection
	 * (test/fixtures/endpoints-2026.json).
	 */
	source?: OperationSource;
	/**
	 * Where BILL's pages disagree on the path: the one its newer pages give (changelog, guides),
	 * while `path` stays its catalog's (reference menu or Postman collection). The node sends
	 * `newerPath` first and sends the same request once to `path` only when BILL answers that the
	 * route does not exist (transport/errors.ts routeMissing: 404 BDC_1121, or a 404 without BILL's
	 * error body; a refusal that did nothing), never on "no such record" (BDC_1120) or any other answer.
	 */
	newerPath?: string;
	/**
	 * Another output of the endpoint of operation `viewOf` of the same resource (same method, path and
	 * query; e.g. Card Account → Get Fee Rates outputs the `rates` of Get Many's answer, whose items are
	 * its `cards`): not a second endpoint of BILL's, so BILL's catalog, the emulator's routes and the
	 * contract suite count the endpoint once, through `viewOf`.
	 */
	viewOf?: string;
	kind: OperationKind;
	/** One entry per `{param}` in the path (usually an ID with `locator`). */
	pathParams?: FieldDef[];
	/** Query parameters other than pagination (`max`, `page`, `nextPage`, `filters`, `sort` are built in for lists). */
	query?: FieldDef[];
	/** JSON body fields (object body), or the fields of one element for bulk operations. */
	body?: FieldDef[];
	/** Extra headers BILL wants, filled from parameters (e.g. partner `organizationId`). */
	headers?: FieldDef[];
	/** For lists. Default 'page' for list kinds. */
	pagination?: Pagination;
	/** For lists: largest `max` BILL accepts (100; S&E transactions 50). */
	maxPageSize?: number;
	/** For lists: whether BILL's `filters` / `sort` query parameters apply. */
	filters?: boolean;
	sort?: boolean;
	/** Fields offered in the Filters / Sort UI. */
	filterFields?: Array<string | FilterFieldDef>;
	sortFields?: string[];
	/** For bulk kinds. */
	bulk?: BulkDef;
	/** For upload: content type BILL expects (default `application/octet-stream`). */
	uploadContentType?: string;
	/**
	 * Asynchronous result (bill documents): after the call, poll another operation of the same
	 * resource with the returned `id` in its `query` parameter until `field` has one of the `done`
	 * values (any other value, known or not, means BILL is still processing).
	 */
	waitFor?: { operation: string; query: string; field: string; done: string[] };
	/** For the upsert kind: the body fields a record can be matched on (the Match On list); the first is the default. */
	upsert?: { keys: string[] };
	/**
	 * A create's duplicate guard (the option Skip Existing Number): a record of the same `party` (a body path,
	 * filtered on `partyFilter` in the resource's Get Many) with the same `number` (a body path, read at
	 * the same path of BILL's records) is returned instead of creating another.
	 */
	duplicateGuard?: { party: string; partyFilter: string; number: string };
	/**
	 * BILL's conditional requirements: `field` (a body path) must be set when the body's `when.path`
	 * has one of `when.values` (e.g. a mass payment's processDate for WALLET and AP_CARD funding).
	 */
	requires?: Array<{ field: string; when: { path: string; values: string[] } }>;
	/** Production needs an MFA-trusted session (payments, bank accounts, auto-pay). */
	mfa?: boolean;
	/** Sends `X-Idempotent-Key` (UUID4), as BILL requires for some webhook calls. */
	idempotencyKey?: boolean;
	/** BILL's login endpoints: listed for coverage, executed by the credential rather than as a request. */
	noAuth?: boolean;
	/** Shown as a notice above the fields (BILL's rules: admin role, MFA, 6 MB, …). */
	hint?: string;
	/**
	 * The body BILL expects when the form offers no field: always these values (e.g. MFA Generate
	 * Challenge: `{ useBackup: false }`, the only value BILL accepts since 2026-03-30, which also keeps
	 * the request from going out without a body).
	 */
	fixedBody?: Record<string, string | number | boolean>;
	/** Response handling. `unwrap`: return this key of the response; `empty`: BILL returns no body. */
	response?: { unwrap?: string; empty?: boolean; array?: boolean };
}

export interface ResourceDef {
	/** Stable n8n value, singular camelCase. */
	value: string;
	/** Shown in the Resource list (Title Case). */
	name: string;
	description?: string;
	api: ApiFamily;
	/**
	 * How IDs of this resource are picked in resource locators:
	 * list/search with `getAll`, showing `nameField`, searching with BILL's `sw` filter on `searchField`.
	 */
	locator?: {
		nameField: string;
		searchField?: string;
		/** Prefix BILL IDs of this object begin with (e.g. `009`). */
		idPrefix?: string;
		/** Regex (with one capture group for the ID) to accept a BILL web app URL. */
		urlRegex?: string;
		placeholder?: string;
	};
	/** Fields kept by the Simplify option of Get / Get Many (large objects such as bills and invoices). */
	simplifyFields?: string[];
	operations: OperationDef[];
}
