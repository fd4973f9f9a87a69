/**
 * "Postman example → the node's form inputs", generically: the example is walked and every value is
 * put where the node's built description (the parameters a user sees) offers a field of that name:
 * scalars → fields, objects → collections, arrays of objects → fixedCollection `values` rows, arrays
 * of scalars → comma-separated text or multi-options. Nothing here is written per endpoint.
 *
 * The table of operations is used only to find things: which parameter a path variable is, and an
 * ID prefix to make a synthetic ID look like BILL's where the example has a `{{variable}}`.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, INodeProperties } from 'n8n-workflow';

import { Bill } from '../../nodes/Bill/Bill.node';
import { effectiveParameters } from '../support/effective';
import type { FieldDef, OperationDef } from '../../nodes/Bill/catalog/types';
import { bulkOfIds, isBulk } from '../../nodes/Bill/catalog/kinds';
import { P } from '../../nodes/Bill/helpers/description';
import { findResource, resources } from '../../nodes/Bill/resources';
import { kindOf, type PostmanItem } from './postman';

const description = new Bill().description;

/** The parameters the node shows for an operation (form mode). */
export function operationProperties(op: OperationDef): INodeProperties[] {
	// What the editor shows for the operation, however the description shares parameters (test/support/effective.ts).
	return (effectiveParameters(description, op) as INodeProperties[]).filter((p) => {
		const show = p.displayOptions?.show;
		return p.type !== 'notice' && !(show?.[P.specifyBody] && !show[P.specifyBody]!.includes('fields'));
	});
}

/** Parameters the description builder adds itself: never the home of a BILL field. */
const BUILT_IN = new Set<string>([P.returnAll, P.limit, P.filters, P.sort, P.simplify, P.specifyBody, P.jsonBody, P.binaryProperty, P.fileName, P.eventFamily]);
/** Collections that hold optional fields. */
const GROUPS = [P.additionalFields, P.updateFields, P.options];
/** Query keys of BILL's pagination: the node drives them itself (Return All / Limit). */
export const PAGE_TOKENS = ['page', 'nextPage', 'prevPage', 'start'];
/** Header names of authentication and content negotiation (the credential and transport set them). */
export const TRANSPORT_HEADERS = ['sessionid', 'devkey', 'apitoken', 'appkey', 'accept', 'content-type', 'x-idempotent-key'];

interface Slot {
	prop: INodeProperties;
	/** The collection it sits in, or undefined for a top-level parameter. */
	group?: string;
}

function slotFor(props: INodeProperties[], name: string): Slot | undefined {
	const top = props.find((p) => p.name === name && !BUILT_IN.has(p.name) && !GROUPS.includes(p.name as (typeof GROUPS)[number]));
	if (top) return { prop: top };
	for (const group of GROUPS) {
		const g = props.find((p) => p.name === group);
		const prop = (g?.options as INodeProperties[] | undefined)?.find((o) => o.name === name);
		if (prop) return { prop, group };
	}
	return undefined;
}

/**
 * Values that stand for "some value" in BILL's examples: Postman `{{variables}}`, and the literal
 * `string` of the examples generated from BILL's schema (an ID field cannot take it as is).
 */
const placeholder = (v: unknown) => typeof v === 'string' && (/\{\{\w+\}\}/.test(v) || v === 'string');

export interface NodeInputs {
	params: INodeParameters;
	items: INodeExecutionData[];
	/** Value given to each Postman path variable. */
	pathValues: Record<string, string>;
	/** Example keys the node offers no field for (`body.x.y`, `query.z`), for the report. */
	unplaced: string[];
}

/** Builds the inputs; synthetic IDs are numbered per call, so messages stay the same run to run. */
class Converter {
	private n = 0;
	readonly unplaced: string[] = [];

	constructor(private readonly op: OperationDef, private readonly props: INodeProperties[]) {}

	/** An ID for a `{{variable}}`: the prefix of the field's resource locator or of the table's field. */
	id(prop: INodeProperties | undefined, names: string[]): string {
		const byId = (prop?.modes as Array<{ name: string; validation?: Array<{ properties?: { regex?: string } }> }> | undefined)?.find((m) => m.name === 'id');
		const regexPrefix = /^\^(\w+)\[/.exec(byId?.validation?.[0]?.properties?.regex ?? '')?.[1];
		const prefix = regexPrefix ?? idPrefixOf(this.op, names) ?? '';
		return `${prefix}${prefix ? '01' : ''}CONTRACT${++this.n}`;
	}

	/** A value for an empty or `{{variable}}` example value, by the field's type. */
	synthetic(prop: INodeProperties, names: string[]): unknown {
		if (prop.type === 'resourceLocator' || /Ids?$/.test(prop.name) || prop.name === 'id') return this.id(prop, names);
		switch (prop.type) {
			case 'number':
				return 1;
			case 'boolean':
				return true;
			case 'dateTime':
				return '2026-01-31';
			case 'options':
				return (prop.options as Array<{ value: unknown }> | undefined)?.[0]?.value ?? 'contract';
			default:
				return `contract${++this.n}`;
		}
	}

	/** One example value → the parameter value of `prop`; undefined (and noted) when the shapes do not fit. */
	value(prop: INodeProperties, v: unknown, names: string[], at: string): unknown {
		if (v === null || v === '' || placeholder(v)) v = kindOf(v) === 'scalar' ? this.synthetic(prop, names) : v;
		const kind = kindOf(v);
		switch (prop.type) {
			case 'resourceLocator':
				return kind === 'scalar' ? { __rl: true, mode: 'id', value: String(v) } : this.misfit(at, kind, prop);
			case 'collection':
				return kind === 'object' ? this.object(prop.options as INodeProperties[], v as IDataObject, names, at) : this.misfit(at, kind, prop);
			case 'fixedCollection': {
				const rowsOption = (prop.options as Array<{ name: string; values: INodeProperties[] }>)[0];
				if (kind !== 'array' || !(v as unknown[]).every((x) => kindOf(x) === 'object')) return this.misfit(at, kind, prop);
				return { [rowsOption.name]: (v as IDataObject[]).map((row, i) => this.object(rowsOption.values, row, names, `${at}[${i}]`)) };
			}
			case 'json':
				return JSON.stringify(v);
			case 'multiOptions':
				return kind === 'array' ? v : [v];
			case 'string':
				if (kind === 'array' && (v as unknown[]).every((x) => kindOf(x) === 'scalar')) return (v as unknown[]).map((x) => (placeholder(x) ? this.id(prop, names) : String(x))).join(',');
				return kind === 'scalar' ? String(v) : this.misfit(at, kind, prop);
			case 'number':
				return kind === 'scalar' ? (Number.isFinite(Number(v)) ? Number(v) : v) : this.misfit(at, kind, prop);
			case 'boolean':
				return kind === 'scalar' ? v === true || v === 'true' : this.misfit(at, kind, prop);
			default:
				return kind === 'scalar' ? v : this.misfit(at, kind, prop);
		}
	}

	private misfit(at: string, kind: string, prop: INodeProperties): undefined {
		this.unplaced.push(`${at} (${kind} in BILL's example; the node's field is ${prop.type})`);
		return undefined;
	}

	/** The keys of an example object → values of the collection's (or row's) options. */
	object(options: INodeProperties[], value: IDataObject, names: string[], at: string): IDataObject {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value)) {
			const prop = options.find((o) => o.name === key);
			if (!prop) {
				this.unplaced.push(`${at}.${key}`);
				continue;
			}
			const converted = this.value(prop, v, [...names, key], `${at}.${key}`);
			if (converted !== undefined) out[key] = converted as IDataObject[string];
		}
		return out;
	}

	/** Puts one top-level example key where the node offers it (a parameter, or a field of a collection). */
	place(params: INodeParameters, key: string, v: unknown, at: string): boolean {
		const slot = slotFor(this.props, key);
		if (!slot) {
			this.unplaced.push(at);
			return false;
		}
		const converted = this.value(slot.prop, v, [key], at);
		if (converted === undefined) return false;
		if (slot.group) params[slot.group] = { ...((params[slot.group] as IDataObject | undefined) ?? {}), [key]: converted as IDataObject[string] } as INodeParameters;
		else params[key] = converted as INodeParameters[string];
		return true;
	}
}

/** The table's ID prefix of a field (path params, query, headers, body, bulk envelope), by its name path. */
/** The prefix of the IDs an ID bulk (Archive / Restore Many) takes: its resource's, as the node checks it. */
export function bulkIdPrefix(op: OperationDef): string | undefined {
	return resources.find((r) => r.operations.includes(op))?.locator?.idPrefix;
}

function idPrefixOf(op: OperationDef, names: string[]): string | undefined {
	const envelope = typeof op.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [];
	let fields: FieldDef[] | undefined = [...(op.pathParams ?? []), ...(op.query ?? []), ...(op.headers ?? []), ...(op.body ?? []), ...envelope];
	let field: FieldDef | undefined;
	for (const name of names) {
		field = fields?.find((f) => f.name === name);
		fields = field?.fields;
	}
	// The one ID of each item of an ID bulk (Archive / Restore Many): its resource's prefix, as the node checks it.
	if (!field) return names.join('.') === 'id' && bulkOfIds(op) ? bulkIdPrefix(op) : undefined;
	return field.idPrefix ?? (field.locator ? findResource(field.locator)?.locator?.idPrefix : undefined);
}

/** Elements of a bulk example: the array body, or the one array of objects in an object body (the rest is the envelope). */
export function bulkElements(body: unknown): { elements: IDataObject[]; envelope: IDataObject } {
	if (Array.isArray(body)) return { elements: body as IDataObject[], envelope: {} };
	const obj = (body ?? {}) as IDataObject;
	const arrays = Object.keys(obj).filter((k) => Array.isArray(obj[k]) && (obj[k] as unknown[]).every((x) => kindOf(x) === 'object'));
	if (arrays.length !== 1) return { elements: [obj], envelope: {} };
	const { [arrays[0]]: elements, ...envelope } = obj;
	return { elements: elements as IDataObject[], envelope };
}

export interface InputOptions {
	/** Number of input items for a bulk operation (default: the example's elements). */
	elements?: number;
	/** IDs of the input items of a bulk archive / restore (default: from the example's `ids`). */
	ids?: string[];
	/** Records a list should return (sets Limit; default: the example's `max`, else 10). */
	limit?: number;
}

/** The node's form inputs equivalent to the Postman example of `item` for the operation `op`. */
export function nodeInputs(item: PostmanItem, op: OperationDef, opts: InputOptions = {}): NodeInputs {
	const props = operationProperties(op);
	const c = new Converter(op, props);
	const params: INodeParameters = {};
	let items: INodeExecutionData[] = [{ json: {} }];

	// Path variables, by position: the table's `{name}` is the parameter's name.
	const pathValues: Record<string, string> = {};
	const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
	item.pathVars.forEach((v, i) => {
		const name = names[i];
		const slot = name ? slotFor(props, name) : undefined;
		if (!slot) {
			c.unplaced.push(`path.${v}`);
			return;
		}
		const value = c.id(slot.prop, [name]);
		pathValues[v] = value;
		params[name] = slot.prop.type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value;
	});

	// Query: lists are driven by Return All / Limit / Filters / Sort; bulk archive / restore by one ID per item.
	for (const q of item.query) {
		if (PAGE_TOKENS.includes(q.key)) continue;
		if (q.key === 'max' && op.kind === 'list') continue;
		if (q.key === 'filters' && props.some((p) => p.name === P.filters)) {
			const [field, operator, ...rest] = q.value.split(':');
			const value = rest.join(':');
			params[P.filters] = { filter: [{ field, operator, value: placeholder(value) ? c.id(undefined, [field]) : value }] };
			continue;
		}
		if (q.key === 'sort' && props.some((p) => p.name === P.sort)) {
			const [field, direction] = q.value.split(':');
			params[P.sort] = { sortBy: { field, direction: direction || 'asc' } };
			continue;
		}
		if (q.key === 'ids' && (isBulk(op) && bulkOfIds(op))) {
			const ids = opts.ids ?? q.value.split(',').map((v) => (placeholder(v) ? c.id(undefined, ['id']) : v.trim()));
			params[P.id] = '={{ $json.id }}';
			items = ids.map((id) => ({ json: { id } }));
			continue;
		}
		if (q.key === 'name' && op.kind === 'upload') {
			params[P.fileName] = q.value;
			continue;
		}
		c.place(params, q.key, q.value, `query.${q.key}`);
	}
	if (op.kind === 'list') Object.assign(params, { [P.returnAll]: false, [P.limit]: opts.limit ?? Number(item.query.find((q) => q.key === 'max')?.value || 10) });

	// Headers BILL wants as parameters (partner `organizationId`); authentication and content headers are the credential's.
	for (const h of item.headers) if (!TRANSPORT_HEADERS.includes(h.toLowerCase())) c.place(params, h, '', `header.${h}`);

	// Body.
	if (item.body?.kind === 'file') {
		params[P.binaryProperty] = 'data';
		items = [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 contract').toString('base64'), mimeType: 'application/pdf', fileName: 'contract.pdf' } } }];
	} else if (item.body?.kind === 'json') {
		const bulk = isBulk(op) && !(isBulk(op) && bulkOfIds(op));
		const { elements, envelope } = bulk ? bulkElements(item.body.value) : { elements: [item.body.value as IDataObject], envelope: {} };
		if (kindOf(elements[0]) !== 'object') c.unplaced.push(`body (${kindOf(elements[0])} in BILL's example)`);
		else for (const [key, v] of Object.entries(elements[0])) c.place(params, key, v, `body.${key}`);
		for (const [key, v] of Object.entries(envelope)) c.place(params, key, v, `body.${key}`);
		if (bulk) items = Array.from({ length: opts.elements ?? elements.length }, () => ({ json: {} }));
	}
	// An operation that waits for BILL's processing (bill documents) returns what it has at once:
	// the capture server has no processing to wait for.
	if (op.waitFor) params[P.options] = { ...((params[P.options] as IDataObject | undefined) ?? {}), maxWaitMinutes: 0 };
	return { params, items, pathValues, unplaced: c.unplaced };
}
