/** BILL list semantics: `filters`, `sort`, `max`, opaque page tokens. */
import { createHash } from 'crypto';
import type { EmuRecord } from './store';

export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'sw';
export const FILTER_OPS: FilterOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'sw'];

export interface Filter {
	field: string;
	op: FilterOp;
	/** Unquoted value; for in/nin the list of values. */
	value: string;
	values: string[];
}

export class ListError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (const ch of s) {
		if (ch === '"') quoted = !quoted;
		if (ch === sep && !quoted) {
			out.push(cur);
			cur = '';
		} else cur += ch;
	}
	out.push(cur);
	return out;
}

const unquote = (v: string) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);

/** Parses `field:op:value,field2:op:"a,b"`. Throws ListError on a bad operator or shape. */
export function parseFilters(raw: string | undefined): Filter[] {
	if (raw === undefined || raw.trim() === '') return [];
	return splitOutsideQuotes(raw, ',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const i1 = part.indexOf(':');
			const i2 = i1 < 0 ? -1 : part.indexOf(':', i1 + 1);
			if (i1 < 0 || i2 < 0) throw new ListError('BDC_1129', `Invalid parameter value for parameter,value: filters, ${part}`);
			const field = part.slice(0, i1).trim();
			const op = part.slice(i1 + 1, i2).trim() as FilterOp;
			const rawValue = part.slice(i2 + 1).trim();
			if (!FILTER_OPS.includes(op)) throw new ListError('BDC_1131', `Invalid list filter operator: ${op}`);
			if (!field) throw new ListError('BDC_1130', `Invalid list filter field: ${field}`);
			const value = unquote(rawValue);
			const values = op === 'in' || op === 'nin' ? value.split(',').map((v) => unquote(v.trim())) : [value];
			return { field, op, value, values };
		});
}

export function getPath(rec: unknown, path: string): unknown {
	let cur: unknown = rec;
	for (const key of path.split('.')) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[key];
	}
	return cur;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds of a BILL date / date-time value (no zone = UTC), or undefined. */
export function parseDate(v: string): number | undefined {
	if (!DATE_RE.test(v)) return undefined;
	let s = v;
	if (s.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
	const t = Date.parse(s);
	return Number.isNaN(t) ? undefined : t;
}

/** Compares a record value with a filter value: <0, 0, >0, or undefined when incomparable. */
function compare(recValue: unknown, filterValue: string): number | undefined {
	if (recValue === undefined || recValue === null) return undefined;
	if (typeof recValue === 'number') {
		const n = Number(filterValue);
		return Number.isNaN(n) ? undefined : recValue - n;
	}
	if (typeof recValue === 'boolean') {
		if (filterValue !== 'true' && filterValue !== 'false') return undefined;
		return Number(recValue) - Number(filterValue === 'true');
	}
	const s = String(recValue);
	const a = parseDate(s);
	const b = parseDate(filterValue);
	if (a !== undefined && b !== undefined) {
		// A date-only record value compares by day with a date-only filter value.
		return a - b;
	}
	if (/^-?\d+(\.\d+)?$/.test(s) && /^-?\d+(\.\d+)?$/.test(filterValue)) return Number(s) - Number(filterValue);
	return s < filterValue ? -1 : s > filterValue ? 1 : 0;
}

function matchesOne(rec: EmuRecord, f: Filter): boolean {
	const v = getPath(rec, f.field);
	// Array fields (e.g. S&E `budgetIds`): a filter matches when any element matches.
	if (Array.isArray(v)) return v.some((el) => matchesOne({ id: rec.id, [f.field]: el } as EmuRecord, f));
	switch (f.op) {
		case 'eq':
			return compare(v, f.value) === 0;
		case 'ne':
			return compare(v, f.value) !== 0;
		case 'gt': {
			const c = compare(v, f.value);
			return c !== undefined && c > 0;
		}
		case 'gte': {
			const c = compare(v, f.value);
			return c !== undefined && c >= 0;
		}
		case 'lt': {
			const c = compare(v, f.value);
			return c !== undefined && c < 0;
		}
		case 'lte': {
			const c = compare(v, f.value);
			return c !== undefined && c <= 0;
		}
		case 'in':
			return f.values.some((x) => compare(v, x) === 0);
		case 'nin':
			return !f.values.some((x) => compare(v, x) === 0);
		case 'sw':
			return v !== undefined && v !== null && String(v).toLowerCase().startsWith(f.value.toLowerCase());
	}
}

export function applyFilters(records: EmuRecord[], filters: Filter[]): EmuRecord[] {
	return filters.length === 0 ? records : records.filter((r) => filters.every((f) => matchesOne(r, f)));
}

export interface SortSpec {
	field: string;
	dir: 'asc' | 'desc';
}

/** `sort=field:asc,field2:desc` (order defaults to asc). */
export function parseSort(raw: string | undefined): SortSpec[] {
	if (raw === undefined || raw.trim() === '') return [];
	return raw
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p) => {
			const [field, dirRaw] = p.split(':');
			const dir = (dirRaw ?? 'asc').toLowerCase();
			if (dir !== 'asc' && dir !== 'desc') throw new ListError('BDC_1129', `Invalid parameter value for parameter,value: sort, ${p}`);
			return { field, dir };
		});
}

function sortValue(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === undefined || a === null) return 1;
	if (b === undefined || b === null) return -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
	const da = parseDate(String(a));
	const db = parseDate(String(b));
	if (da !== undefined && db !== undefined) return da - db;
	return String(a).localeCompare(String(b));
}

/** Stable sort (ties keep insertion order). */
export function applySort(records: EmuRecord[], specs: SortSpec[]): EmuRecord[] {
	if (specs.length === 0) return records;
	return records
		.map((r, i) => ({ r, i }))
		.sort((x, y) => {
			for (const s of specs) {
				const c = sortValue(getPath(x.r, s.field), getPath(y.r, s.field));
				if (c !== 0) return s.dir === 'asc' ? c : -c;
			}
			return x.i - y.i;
		})
		.map((x) => x.r);
}

/**
 * Opaque page tokens: base64url of the offset plus a signature of the query they belong to,
 * so a client can't build one and a token from another query is refused.
 */
export function encodePageToken(offset: number, querySig: string): string {
	return Buffer.from(JSON.stringify({ o: offset, s: querySig })).toString('base64url');
}

export function decodePageToken(token: string, querySig: string): number {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
		if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.s === querySig) return parsed.o;
	} catch {
		// fall through
	}
	throw new ListError('BDC_1129', `Invalid parameter value for parameter,value: page, ${token}`);
}

export function querySignature(parts: Array<string | undefined>): string {
	return createHash('sha1').update(parts.map((p) => p ?? '').join('\u0000')).digest('base64url').slice(0, 10);
}
