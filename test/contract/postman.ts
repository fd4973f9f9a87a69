/**
 * BILL's own Postman collection ("BILL v3 API", test/fixtures/bill-v3-api.postman_collection.json,
 * as BILL publishes it): its request items, matched to the node's operations by method,
 * base and path template, and the structure comparisons the contract suite judges with.
 *
 * Everything here reads BILL's material; the node's table is used only to FIND the operation an
 * item belongs to (method + base + path template), never as the expected answer.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { OperationDef } from '../../nodes/Bill/catalog/types';

export type Base = 'connect' | 'connect-events';

export interface PostmanQuery {
	key: string;
	value: string;
	/** Postman's "disabled": an optional parameter BILL documents but the example does not send. */
	disabled: boolean;
}

export interface PostmanResponse {
	name: string;
	code: number;
	/** Parsed JSON body; undefined when the example has no body. */
	body: unknown;
}

export interface PostmanItem {
	/** Folder path and item name, e.g. "AP & AR › bills › Create a bill". */
	label: string;
	method: string;
	base: Base;
	/** `/v3/bills/:billId` as Postman writes it. */
	template: string;
	/** Names of the `:var` segments, in order. */
	pathVars: string[];
	query: PostmanQuery[];
	/** Header names of the request, as Postman writes them. */
	headers: string[];
	/** JSON example body, a file upload, or none. */
	body?: { kind: 'json'; value: unknown; repairs: string[] } | { kind: 'file' };
	responses: PostmanResponse[];
}

interface RawItem {
	name: string;
	item?: RawItem[];
	request?: {
		method: string;
		header?: Array<{ key: string }>;
		body?: { mode: string; raw?: string };
		url: { host: string[]; path: string[]; query?: Array<{ key: string; value?: string | null; disabled?: boolean }> };
	};
	response?: Array<{ name: string; code: number; body?: string | null }>;
}

export const COLLECTION_FILE = path.join(__dirname, '..', 'fixtures', 'bill-v3-api.postman_collection.json');

/**
 * Postman bodies are hand-written; a few are not JSON. Each repair is named so that the item it
 * was needed for is listed (allow-list kind `postman-json`), never applied silently.
 */
const JSON_REPAIRS: Array<{ name: string; apply: (raw: string) => string }> = [
	{ name: 'trailing comma', apply: (raw) => raw.replace(/,(\s*[}\]])/g, '$1') },
	{ name: 'doubled quote before a key', apply: (raw) => raw.replace(/""(\w+)"\s*:/g, '"$1":') },
	{ name: 'unquoted {{variable}}', apply: (raw) => raw.replace(/:\s*(\{\{\w+\}\})/g, ': "$1"') },
];

export function parseLenient(raw: string): { value: unknown; repairs: string[] } {
	const repairs: string[] = [];
	let text = raw;
	for (;;) {
		try {
			return { value: JSON.parse(text), repairs };
		} catch (error) {
			const next = JSON_REPAIRS.find((r) => !repairs.includes(r.name) && r.apply(text) !== text);
			if (!next) throw new Error(`Postman body is not JSON even after ${repairs.join(', ') || 'no repair'}: ${(error as Error).message}`);
			repairs.push(next.name);
			text = next.apply(text);
		}
	}
}

function parseBody(raw: string | null | undefined): unknown {
	if (!raw?.trim()) return undefined;
	return parseLenient(raw).value;
}

function toItem(raw: RawItem, folders: string[]): PostmanItem {
	const req = raw.request!;
	const segments = req.url.path;
	const body = req.body?.mode === 'file' ? ({ kind: 'file' } as const) : req.body?.raw?.trim() ? { kind: 'json' as const, ...parseLenient(req.body.raw) } : undefined;
	return {
		label: [...folders, raw.name].join(' › '),
		method: req.method.toUpperCase(),
		base: req.url.host.join('').includes('webhookBaseUrl') ? 'connect-events' : 'connect',
		template: `/${segments.join('/')}`,
		pathVars: segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1)),
		query: (req.url.query ?? []).map((q) => ({ key: q.key, value: q.value ?? '', disabled: !!q.disabled })),
		headers: (req.header ?? []).map((h) => h.key),
		body,
		responses: (raw.response ?? []).map((r) => ({ name: r.name, code: r.code, body: parseBody(r.body) })),
	};
}

let cache: PostmanItem[] | undefined;

/** Every request item of the collection, in collection order. */
export function loadPostmanItems(): PostmanItem[] {
	if (cache) return cache;
	const collection = JSON.parse(fs.readFileSync(COLLECTION_FILE, 'utf8')) as { item: RawItem[] };
	const out: PostmanItem[] = [];
	const walk = (items: RawItem[], folders: string[]) => {
		for (const it of items) {
			if (it.item) walk(it.item, [...folders, it.name]);
			else if (it.request) out.push(toItem(it, folders));
		}
	};
	walk(collection.item, []);
	cache = out;
	return out;
}

/** `/v3/bills/:billId` and `/v3/bills/{billId}` → `/v3/bills/{}`. */
const shapeOfTemplate = (template: string) => template.replace(/:\w+|\{\w+\}/g, '{}');

const baseOfOp = (op: OperationDef): Base => (op.api === 'webhooks' ? 'connect-events' : 'connect');

/** The node's operation for a Postman item: same method, base and path template (undefined when the node has none). */
export function operationFor(item: PostmanItem, operations: OperationDef[]): OperationDef | undefined {
	const key = shapeOfTemplate(item.template);
	const found = operations.filter((op) => op.method === item.method && baseOfOp(op) === item.base && shapeOfTemplate(op.path) === key);
	if (found.length > 1) throw new Error(`${item.label}: ${found.length} operations of the node match ${item.method} ${item.template}`);
	return found[0];
}

/** `/connect/v3/bills/00n01X` for the item's template with the given path values. */
export function concretePath(item: PostmanItem, values: Record<string, string>): string {
	const filled = item.template.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? `:${name}`));
	return `/${item.base}${filled}`;
}

/** Whether a request path (with base) is an instance of the item's template. */
export function pathMatches(item: PostmanItem, requestPath: string): boolean {
	const re = new RegExp(`^/${item.base}${item.template.replace(/:\w+/g, '[^/]+')}$`);
	return re.test(requestPath);
}

/* ------------------------------------------------------------------ structure */

type Kind = 'object' | 'array' | 'scalar';

export function kindOf(v: unknown): Kind {
	if (Array.isArray(v)) return 'array';
	if (v && typeof v === 'object') return 'object';
	return 'scalar';
}

export interface StructureOptions {
	/** Report keys present in `actual` but absent from `expected` (default true). */
	extra?: boolean;
	/** Report keys of `expected` absent from `actual` (default true). */
	missing?: boolean;
	/** Compare array lengths (default true). */
	lengths?: boolean;
	/** With `lengths` off: still report an empty list where BILL's example has elements (default true). */
	emptyLists?: boolean;
	/** A `null` in `actual` stands for any value (BILL and the emulator send null for an absent optional object). */
	nullMatchesAny?: boolean;
}

/**
 * Differences of key structure between BILL's example and what we got: missing and extra keys,
 * object / array / scalar mismatches and array lengths, recursively. Values are not compared.
 */
export function structureDiff(expected: unknown, actual: unknown, at: string, opts: StructureOptions = {}): string[] {
	const { extra = true, missing = true, lengths = true, emptyLists = true, nullMatchesAny = false } = opts;
	if (nullMatchesAny && actual === null) return [];
	const ek = kindOf(expected);
	const ak = kindOf(actual);
	if (ek !== ak) return [`${at}: ${ek} in BILL's example, ${ak} here`];
	if (ek === 'object') {
		const e = expected as Record<string, unknown>;
		const a = actual as Record<string, unknown>;
		const out: string[] = [];
		for (const key of Object.keys(e)) {
			if (!(key in a)) {
				if (missing) out.push(`${at}.${key}: missing`);
			} else out.push(...structureDiff(e[key], a[key], `${at}.${key}`, opts));
		}
		if (extra) for (const key of Object.keys(a)) if (!(key in e)) out.push(`${at}.${key}: not in BILL's example`);
		return out;
	}
	if (ek === 'array') {
		const e = expected as unknown[];
		const a = actual as unknown[];
		const out: string[] = [];
		if (lengths && e.length !== a.length) out.push(`${at}: ${e.length} element(s) in BILL's example, ${a.length} here`);
		else if (emptyLists && e.length && !a.length) out.push(`${at}: empty here, BILL's example has elements`);
		// Elements of one array share a structure: compare each one we got with BILL's first (or same-index) element.
		if (e.length) a.forEach((x, i) => out.push(...structureDiff(e[Math.min(i, e.length - 1)], x, `${at}[${i}]`, opts)));
		return out;
	}
	return [];
}

/** A value of BILL's examples that stands for "some value": a Postman `{{variable}}` or the schema's literal `string`. */
const isPlaceholder = (v: unknown) => typeof v === 'string' && (/\{\{\w+\}\}/.test(v) || v === 'string');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** BILL's enum values are upper case with underscores (BANK_ACCOUNT, ACH, BUSINESS). */
const ENUM = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{2,}$/;
/** BILL's object IDs: a three-character prefix, then letters and digits (`00901…`, `0cu01…`, `bac01…`). */
const BILL_ID = /^[0-9a-z]{3}[0-9][0-9A-Za-z]{8,}$/;

/**
 * Differences of the values the node sent from BILL's example, where both have a scalar at the same
 * path (structureDiff reports the rest): the JSON type (an amount sent as "228.99"), an enum value
 * other than BILL's (BANK_ACOUNT), a date or date-time in another format (31/12/2025), an ID without
 * the example's prefix. The node is given the example's own values, so any of these is the node's.
 */
export function valueDiff(expected: unknown, actual: unknown, at: string): string[] {
	const ek = kindOf(expected);
	if (ek !== kindOf(actual)) return [];
	if (ek === 'object') {
		const e = expected as Record<string, unknown>;
		const a = actual as Record<string, unknown>;
		return Object.keys(e).filter((k) => k in a).flatMap((k) => valueDiff(e[k], a[k], `${at}.${k}`));
	}
	if (ek === 'array') {
		const e = expected as unknown[];
		return e.length ? (actual as unknown[]).flatMap((x, i) => valueDiff(e[Math.min(i, e.length - 1)], x, `${at}[${i}]`)) : [];
	}
	if (expected === null || actual === null || expected === undefined || isPlaceholder(expected)) return [];
	const show = (v: unknown) => JSON.stringify(v);
	if (typeof expected !== typeof actual) return [`${at}: a ${typeof expected} in BILL's example (${show(expected)}), a ${typeof actual} here (${show(actual)})`];
	if (typeof expected !== 'string') return expected === actual ? [] : [`${at}: ${show(expected)} in BILL's example, ${show(actual)} here`];
	const a = actual as string;
	if (DATE.test(expected) && !DATE.test(a)) return [`${at}: a date (yyyy-MM-dd) in BILL's example, ${show(a)} here`];
	if (DATE_TIME.test(expected) && !DATE_TIME.test(a)) return [`${at}: a date-time (ISO 8601) in BILL's example, ${show(a)} here`];
	if (ENUM.test(expected) && a !== expected) return [`${at}: enum value ${show(expected)} in BILL's example, ${show(a)} here`];
	if (BILL_ID.test(expected) && !a.startsWith(expected.slice(0, 3))) return [`${at}: an ID beginning with ${expected.slice(0, 3)} in BILL's example, ${show(a)} here`];
	return [];
}

/* ------------------------------------------------------------------ what a response documents */

/** Keys the node never outputs (secrets), whatever BILL returns. */
export const SECRET_KEYS = ['sessionId', 'devKey', 'apiToken', 'password', 'appKey'];

export interface DocumentedRecords {
	/** How BILL wraps the records: a bare array, a list page `{results, nextPage?, prevPage?}`, `{<key>: [...]}`, one object, or no body. */
	wrapper: 'array' | 'list' | 'key' | 'object' | 'empty';
	key?: string;
	records: Array<Record<string, unknown>>;
}

/**
 * The records a success example documents, read from BILL's example alone:
 * a JSON array → its elements; `{results, nextPage?, prevPage?}` (BILL's list page; the last page has no
 * `nextPage` [third-party], auth.md §8) → `results`;
 * an object whose only key holds an array of objects (`{creditMemos: [...]}`) → that array;
 * any other object (e.g. `{results: ["a", "b"]}`, values rather than records) → itself; no body → nothing.
 */
export function documentedRecords(body: unknown): DocumentedRecords {
	if (body === undefined || body === null || body === '') return { wrapper: 'empty', records: [] };
	if (Array.isArray(body)) return { wrapper: 'array', records: body.map(asRecord) };
	if (typeof body !== 'object') return { wrapper: 'object', records: [asRecord(body)] };
	const obj = body as Record<string, unknown>;
	const keys = Object.keys(obj);
	const arrayOfObjects = (v: unknown) => Array.isArray(v) && v.every((x) => kindOf(x) === 'object');
	if (arrayOfObjects(obj.results) && keys.every((k) => ['results', 'nextPage', 'prevPage'].includes(k))) {
		return { wrapper: 'list', key: 'results', records: (obj.results as unknown[]).map(asRecord) };
	}
	if (keys.length === 1 && arrayOfObjects(obj[keys[0]])) {
		return { wrapper: 'key', key: keys[0], records: (obj[keys[0]] as unknown[]).map(asRecord) };
	}
	return { wrapper: 'object', records: [obj] };
}

function asRecord(v: unknown): Record<string, unknown> {
	return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}

/** A record as the node may show it: without secret keys. */
export function withoutSecrets(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([k]) => !SECRET_KEYS.includes(k)));
}

/** How a wrapper is named in messages. */
export function wrapperName(d: DocumentedRecords): string {
	if (d.wrapper === 'key') return `{${d.key}: [...]}`;
	if (d.wrapper === 'list') return '{results: [...], nextPage?, prevPage?}';
	return d.wrapper;
}

/** BILL's error array of an error example: the first entry's code and message. */
export function documentedError(body: unknown): { code?: string; message?: string } {
	const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
	return { code: typeof first?.code === 'string' ? first.code : undefined, message: typeof first?.message === 'string' ? first.message : undefined };
}
