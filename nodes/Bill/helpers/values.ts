import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { allowedValues } from '../catalog/lists';
import type { FieldDef, ResourceDef } from '../catalog/types';
import { displayNameOf } from './description';

/**
 * Reading parameter values and turning them into what BILL expects, with errors that name the
 * field and say how to fix it.
 */

function isEmpty(v: unknown): boolean {
	return v === undefined || v === null || v === '' || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);
}

function fail(node: INode, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(node, message, { itemIndex, description });
}

/** A resource locator value ({__rl, mode, value}) → the ID, using the resource's URL regex in URL mode. */
function locatorValue(raw: unknown, field: FieldDef, resources: ResourceDef[]): unknown {
	if (!raw || typeof raw !== 'object' || !('__rl' in (raw as object))) return raw;
	const rl = raw as { mode?: string; value?: unknown };
	if (rl.mode === 'url' && typeof rl.value === 'string') {
		const regex = resources.find((r) => r.value === field.locator)?.locator?.urlRegex;
		const match = regex ? new RegExp(regex).exec(rl.value) : null;
		return match?.[1] ?? rl.value;
	}
	return rl.value;
}

/** `2026-01-31`, optionally with a time and an offset (`T10:00`, `T10:00:00.000Z`, ` 10:00:00+05:00`). */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** What may follow a written date: a time and a zone, as JavaScript prints a date (`Sat Jan 31 2026 10:00:00 GMT+0900 (…)`). */
const CLOCK_AND_ZONE = '(\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(\\s+(?:GMT|UTC)(?:[+-]\\d{4})?(?:\\s+\\([^)]*\\))?)?)?';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM-DD` when year, month and day make a day of the calendar. */
function calendarDate(year: number, month: number, day: number): string | undefined {
	const d = new Date(Date.UTC(year, month - 1, day));
	if (year < 1000 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
	return d.toISOString().slice(0, 10);
}

/**
 * A calendar date written the ways people and tools write one, read as that day whatever the
 * server's time zone: `2026-01-31` (or an ISO date-time: its date as written), `01/31/2026` (US
 * order, as BILL's web app shows dates), `Jan 31 2026`, `January 31, 2026`, `31 Jan 2026`, and
 * JavaScript's printed dates (`Sat Jan 31 2026 10:00:00 GMT+0900 (…)`, `Sat, 31 Jan 2026 10:00:00
 * GMT`: the date as written). Anything else, bare numbers included, is not a date.
 */
function dateOnly(text: string): string | undefined {
	let m = ISO_DATE_TIME.exec(text);
	if (m) return calendarDate(+m[1], +m[2], +m[3]);
	m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	if (m) return calendarDate(+m[3], +m[1], +m[2]);
	const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
	m = new RegExp(`^(?:[a-z]{3,9},?\\s+)?([a-z]{3,9})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})${CLOCK_AND_ZONE}$`, 'i').exec(text);
	if (m && month(m[1])) return calendarDate(+m[3], month(m[1]), +m[2]);
	m = new RegExp(`^(?:[a-z]{3,9},?\\s+)?(\\d{1,2})\\s+([a-z]{3,9})\\.?,?\\s+(\\d{4})${CLOCK_AND_ZONE}$`, 'i').exec(text);
	if (m && month(m[2])) return calendarDate(+m[3], month(m[2]), +m[1]);
	return undefined;
}

/**
 * A date (`YYYY-MM-DD`) or a date-time (ISO 8601, UTC). A date-time without an offset is read as
 * UTC (never the server's zone); a date alone is midnight UTC of that day.
 */
function toDate(value: unknown, withTime: boolean): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : withTime ? value.toISOString() : value.toISOString().slice(0, 10);
	if (typeof value !== 'string' && !(value && typeof value === 'object')) return undefined;
	const text = String(value).trim();
	const day = dateOnly(text);
	if (!day) return undefined;
	if (!withTime) return day;
	const time = ISO_DATE_TIME.exec(text);
	if (!time) {
		// A written date with a time: only with its zone (GMT / UTC); a date alone is midnight UTC.
		const clock = /\s\d{1,2}:\d{2}/.test(text);
		if (!clock) return `${day}T00:00:00.000Z`;
		const ms = /\s(?:GMT|UTC)/.test(text) ? Date.parse(text.replace(/\s+\([^)]*\)$/, '')) : NaN;
		return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
	}
	if (!time[4]) return `${day}T00:00:00.000Z`;
	const ms = Date.parse(`${day}T${time[4]}${time[5] ?? 'Z'}`);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A decimal number as people write one (`12`, `-3.5`, `1e3`); blank, hex, `Infinity` are not. */
function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	const text = String(value).trim();
	return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text) ? Number(text) : undefined;
}

function isPlainObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** What a value is, for messages: `a list`, `a number (1)`, `null`. */
function shapeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value === 'string' ? 'text' : `a ${typeof value}`} (${JSON.stringify(value)})`;
}

export interface EncodeContext {
	node: INode;
	itemIndex: number;
	resources: ResourceDef[];
	/** Label path for messages, e.g. "Bill Line Items → Amount". */
	path?: string;
}

/** Encode one field's raw parameter value. Returns undefined for "not set". */
export function encodeField(field: FieldDef, raw: unknown, ctx: EncodeContext): unknown {
	const label = ctx.path ? `${ctx.path} → ${displayNameOf(field)}` : displayNameOf(field);
	let value = locatorValue(raw, field, ctx.resources);
	if (isEmpty(value)) return undefined;
	switch (field.type) {
		case 'number': {
			const n = toNumber(value);
			if (n === undefined) return fail(ctx.node, ctx.itemIndex, `"${label}" must be a number (got "${String(value)}")`, 'Use a decimal number such as 12 or 149.99 (not blank, hex or Infinity). Nothing was sent to BILL.');
			// The editor checks min / max, but values an AI agent fills ($fromAI) or expressions compute do not pass through it.
			if (field.integer && !Number.isInteger(n)) fail(ctx.node, ctx.itemIndex, `"${label}" must be a whole number (got ${n})`, 'Nothing was sent to BILL.');
			if (field.min !== undefined && n < field.min) fail(ctx.node, ctx.itemIndex, `"${label}" must be at least ${field.min} (got ${n})`, 'Nothing was sent to BILL.');
			if (field.max !== undefined && n > field.max) fail(ctx.node, ctx.itemIndex, `"${label}" must be at most ${field.max} (got ${n})`, 'Nothing was sent to BILL.');
			return n;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'default') return undefined;
			if (value === 'true' || value === 'false') return value === 'true';
			return fail(ctx.node, ctx.itemIndex, `"${label}" must be true or false (got "${String(value)}")`);
		case 'date':
		case 'dateTime': {
			const d = toDate(value, field.type === 'dateTime');
			if (!d) fail(ctx.node, ctx.itemIndex, `"${label}" is not a date (got "${String(value)}")`, 'Use the date picker or a date like 2026-01-31 (also 01/31/2026 or Jan 31 2026). Nothing was sent to BILL.');
			return d;
		}
		case 'options': {
			const allowed = allowedValues(field);
			const v = String(value);
			if (allowed.length && !allowed.includes(v)) {
				fail(ctx.node, ctx.itemIndex, `"${label}" cannot be "${v}"`, `Allowed values: ${allowed.join(', ')}`);
			}
			return v;
		}
		case 'multiOptions':
		case 'stringList': {
			if (isPlainObject(value)) return fail(ctx.node, ctx.itemIndex, `"${label}" must be a list of values (got an object)`, 'Pass a list such as ["A", "B"] or comma-separated text.');
			const list = Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter(Boolean);
			const bad = list.findIndex((v) => (typeof v !== 'string' && typeof v !== 'number') || String(v).trim() === '');
			if (bad >= 0) return fail(ctx.node, ctx.itemIndex, `"${label}" value ${bad + 1} must be text (got ${shapeOf(list[bad])})`, 'Pass a list of texts such as ["A", "B"].');
			return field.type === 'stringList' ? list.map(String) : list;
		}
		case 'json':
			if (typeof value !== 'string') return value;
			try {
				return JSON.parse(value);
			} catch {
				return fail(ctx.node, ctx.itemIndex, `"${label}" is not valid JSON`, 'Check quotes, commas and brackets');
			}
		case 'object': {
			if (typeof value === 'string') value = encodeField({ ...field, type: 'json' }, value, ctx);
			if (!isPlainObject(value)) return fail(ctx.node, ctx.itemIndex, `"${label}" must be an object (got ${shapeOf(value)})`, 'Pass a JSON object such as {"line1": "…"}. Nothing was sent to BILL.');
			return encodeObject(field.fields ?? [], value, { ...ctx, path: label });
		}
		case 'array': {
			let rows: unknown = value;
			if (typeof rows === 'string') rows = encodeField({ ...field, type: 'json' }, rows, ctx);
			// The form's rows come as { values: [...] }; any other object is not a list.
			if (isPlainObject(rows) && Object.keys(rows).length === 1 && 'values' in rows) rows = rows.values ?? [];
			if (!Array.isArray(rows)) return fail(ctx.node, ctx.itemIndex, `"${label}" must be a list (got ${shapeOf(rows)})`, 'Pass a JSON array of objects such as [{"amount": 10}]. Nothing was sent to BILL.');
			const bad = rows.findIndex((row) => !isPlainObject(row));
			if (bad >= 0) return fail(ctx.node, ctx.itemIndex, `"${label} ${bad + 1}" must be an object (got ${shapeOf(rows[bad])})`, 'Each element of the list is one object such as {"amount": 10}. Nothing was sent to BILL.');
			// n8n fills every value of a fixedCollection row with its default: an optional number left at
			// 0 (workflows saved before row numbers defaulted to empty) was not set by the user (BILL would
			// read `price: 0` as a price), so it is not sent.
			const untouched = new Set((field.fields ?? []).filter((f) => f.type === 'number' && !f.required).map((f) => f.name));
			const encoded = rows.map((row, i) => {
				const cleaned = Object.fromEntries(Object.entries(row as IDataObject).filter(([k, v]) => !(untouched.has(k) && v === 0)));
				return encodeObject(field.fields ?? [], cleaned, { ...ctx, path: `${label} ${i + 1}` });
			});
			return encoded.length ? encoded : undefined;
		}
		default: {
			const v = typeof value === 'string' ? value.trim() : String(value);
			if (field.idPrefix && !v.startsWith(field.idPrefix)) {
				fail(
					ctx.node,
					ctx.itemIndex,
					`"${label}" must be a BILL ID that begins with ${field.idPrefix} (got "${v}")`,
					`Pick it from the list, or pass an ID such as ${field.idPrefix}01ABCDEFGHIJ1234`,
				);
			}
			return v;
		}
	}
}

/** Encode a dictionary of raw values using the field definitions; unknown keys pass through as is. */
export function encodeObject(fields: FieldDef[], raw: IDataObject | undefined, ctx: EncodeContext): IDataObject | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const out: IDataObject = {};
	const byName = new Map(fields.map((f) => [f.name, f]));
	for (const [key, rawValue] of Object.entries(raw)) {
		const field = byName.get(key);
		const v = field ? encodeField(field, rawValue, ctx) : rawValue;
		if (v !== undefined) out[key] = v as IDataObject[keyof IDataObject];
	}
	for (const f of fields) {
		if (f.required && ctx.path && out[f.name] === undefined && Object.keys(out).length) {
			fail(ctx.node, ctx.itemIndex, `"${ctx.path} → ${displayNameOf(f)}" is required`, `Add ${displayNameOf(f)} to ${ctx.path}`);
		}
	}
	return Object.keys(out).length ? out : undefined;
}

/** Read a top-level required parameter (resource locators resolved) and encode it; empty → clear error. */
export function requiredParam(ctx: IExecuteFunctions, field: FieldDef, itemIndex: number, resources: ResourceDef[]): unknown {
	const raw = ctx.getNodeParameter(field.name, itemIndex, undefined, { extractValue: true });
	const value = encodeField(field, raw, { node: ctx.getNode(), itemIndex, resources });
	if (value === undefined) {
		fail(ctx.getNode(), itemIndex, `"${displayNameOf(field)}" is required`, field.locator ? 'Pick it from the list or enter its ID' : `Fill in ${displayNameOf(field)}`);
	}
	return value;
}
