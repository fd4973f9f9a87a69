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

function toDate(value: unknown, withTime: boolean): string | undefined {
	if (isEmpty(value)) return undefined;
	const text = String(value).trim();
	if (!withTime && /^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) return undefined;
	const iso = new Date(ms).toISOString();
	return withTime ? iso : iso.slice(0, 10);
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
			const n = typeof value === 'number' ? value : Number(String(value).trim());
			if (!Number.isFinite(n)) fail(ctx.node, ctx.itemIndex, `"${label}" must be a number (got "${String(value)}")`);
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
			if (!d) fail(ctx.node, ctx.itemIndex, `"${label}" is not a date (got "${String(value)}")`, 'Use the date picker or a date like 2026-01-31');
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
			return Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter(Boolean);
		case 'stringList':
			return Array.isArray(value) ? value.map(String) : String(value).split(',').map((s) => s.trim()).filter(Boolean);
		case 'json':
			if (typeof value !== 'string') return value;
			try {
				return JSON.parse(value);
			} catch {
				return fail(ctx.node, ctx.itemIndex, `"${label}" is not valid JSON`, 'Check quotes, commas and brackets');
			}
		case 'object': {
			if (typeof value === 'string') value = encodeField({ ...field, type: 'json' }, value, ctx);
			return encodeObject(field.fields ?? [], value as IDataObject, { ...ctx, path: label });
		}
		case 'array': {
			let rows: unknown = value;
			if (typeof rows === 'string') rows = encodeField({ ...field, type: 'json' }, rows, ctx);
			if (rows && typeof rows === 'object' && !Array.isArray(rows)) rows = (rows as IDataObject).values ?? [];
			if (!Array.isArray(rows)) return fail(ctx.node, ctx.itemIndex, `"${label}" must be a list`);
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
