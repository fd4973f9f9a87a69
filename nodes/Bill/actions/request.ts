import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { filterCondition, filterFieldsOf, operatorsOf } from '../catalog/filters';
import { baseOf, credentialTypeOf, kindOf } from '../catalog/kinds';
import type { FieldDef, FilterOperator, OperationDef, ResourceDef } from '../catalog/types';
import type { EventFamily } from '../transport/credentialTypes';
import { consoleRefused, CONSOLE, OAUTH, oauthRefused, type Authentication } from '../catalog/authentication';
import type { BillCredentialType, BillRequest } from '../transport/request';
import { P } from '../helpers/description';
import { encodeField, requiredParam } from '../helpers/values';
import { subjectOf } from './outcome';

/**
 * One input item's request for an operation, built the same way for every handler (one item, a
 * list, a bulk batch, an upload): credential, base, method, path, query, headers and body.
 */

export function credentialTypeFor(ctx: IExecuteFunctions, op: OperationDef, itemIndex = 0): BillCredentialType {
	const family = op.api === 'webhooks' ? (ctx.getNodeParameter(P.eventFamily, itemIndex, 'organization') as EventFamily) : undefined;
	// Partner resources have no Authentication parameter (only the BILL Partner API credential serves them).
	const authentication = op.api === 'partner' ? 'signIn' : (ctx.getNodeParameter(P.authentication, 0, 'signIn') as Authentication);
	const refused = authentication === OAUTH ? oauthRefused(op.api, op.resource) : authentication === CONSOLE ? consoleRefused(op.api) : undefined;
	if (refused) throw new NodeOperationError(ctx.getNode(), refused, { itemIndex });
	return credentialTypeOf(op.api, family, authentication, op.resource);
}

export function optionsOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter(P.options, itemIndex, {}) ?? {}) as IDataObject;
}

/** `/v3/bills/{billId}` with the item's values, each checked and URL-encoded. */
function buildPath(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number, resources: ResourceDef[], template = op.path): string {
	let path = template;
	for (const f of op.pathParams ?? []) {
		const v = requiredParam(ctx, { ...f, required: true }, itemIndex, resources);
		path = path.replace(`{${f.name}}`, encodeURIComponent(String(v)));
	}
	return path;
}

/** Required fields are top-level parameters; optional ones are read from `group` (a collection's value). */
export function readGroup(ctx: IExecuteFunctions, fields: FieldDef[] | undefined, itemIndex: number, resources: ResourceDef[], group: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const f of fields ?? []) {
		const v = f.required ? requiredParam(ctx, f, itemIndex, resources) : encodeField(f, group[f.name], { node: ctx.getNode(), itemIndex, resources });
		if (v !== undefined) out[f.name] = v as IDataObject[string];
	}
	return out;
}

/** The request of one item, without its body: what every handler sends. */
export function requestFor(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number, resources: ResourceDef[]): BillRequest {
	const opts = optionsOf(ctx, itemIndex);
	const headers = readGroup(ctx, op.headers, itemIndex, resources, opts);
	for (const [k, v] of Object.entries(headers)) headers[k] = String(v);
	if (op.idempotencyKey) headers['X-Idempotent-Key'] = randomUUID();
	const credentialType = credentialTypeFor(ctx, op, itemIndex);
	return {
		credentialType,
		...(credentialType === 'billConsoleApi' ? { organizationId: String(ctx.getNodeParameter(P.clientOrganizationId, itemIndex, '') ?? '').trim() } : {}),
		base: baseOf(op),
		method: op.method,
		// BILL's pages give two paths (OperationDef.newerPath): the newer first, the catalog's only if BILL has no such route.
		...(op.newerPath
			? { path: buildPath(ctx, op, itemIndex, resources, op.newerPath), fallbackPath: buildPath(ctx, op, itemIndex, resources) }
			: { path: buildPath(ctx, op, itemIndex, resources) }),
		qs: readGroup(ctx, op.query, itemIndex, resources, opts),
		headers,
		itemIndex,
		needsTrust: op.mfa,
		subject: subjectOf(op, resources, [itemIndex]),
	};
}

/** The optional body fields of the form: Additional Fields or Update Fields, by kind. */
export function fieldGroupOf(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter(P[kindOf(op).fieldGroup], itemIndex, {}) ?? {}) as IDataObject;
}

/** The bulk envelope fields (sent once per request beside the elements), e.g. a bulk payment's top-level fields. */
export function envelopeFields(op: OperationDef): FieldDef[] {
	return typeof op.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [];
}

/** The value at a dotted path (`invoice.invoiceNumber`). */
export function valueAt(record: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as IDataObject)[k] : undefined), record);
}

/** BILL's conditional requirements of the operation (OperationDef.requires), checked before anything is sent. */
function checkRequires(ctx: IExecuteFunctions, op: OperationDef, body: IDataObject | undefined, itemIndex: number): IDataObject | undefined {
	for (const r of op.requires ?? []) {
		const when = String(valueAt(body, r.when.path) ?? '');
		const value = valueAt(body, r.field);
		if (r.when.values.includes(when) && (value === undefined || value === null || String(value).trim() === '')) {
			throw new NodeOperationError(ctx.getNode(), `"${r.field}" is required when ${r.when.path} is ${when}`, {
				itemIndex,
				description: `BILL refuses this request without ${r.field} for ${when}: set it. Nothing was sent to BILL.`,
			});
		}
	}
	return body;
}

/** The JSON body for this item: JSON mode, or the form's fields, with BILL's conditional requirements checked. */
export function bodyFor(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number, resources: ResourceDef[]): IDataObject | undefined {
	return checkRequires(ctx, op, bodyOf(ctx, op, itemIndex, resources), itemIndex);
}

function bodyOf(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number, resources: ResourceDef[]): IDataObject | undefined {
	if (!op.body?.length) return op.fixedBody ? { ...op.fixedBody } : undefined;
	const mode = ctx.getNodeParameter(P.specifyBody, itemIndex, 'fields') as string;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter(P.jsonBody, itemIndex, '{}');
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw);
			} catch {
				throw new NodeOperationError(ctx.getNode(), '"JSON Body" is not valid JSON', { itemIndex, description: 'Check quotes, commas and brackets' });
			}
		}
		if (!parsed || typeof parsed !== 'object') {
			throw new NodeOperationError(ctx.getNode(), '"JSON Body" must be a JSON object', { itemIndex });
		}
		return parsed as IDataObject;
	}
	const group = fieldGroupOf(ctx, op, itemIndex);
	const body = readGroup(ctx, op.body, itemIndex, resources, group);
	const known = new Set([...op.body, ...envelopeFields(op)].map((f) => f.name));
	// Fields a user added to the collection that the table does not know (e.g. from an older version) pass through.
	for (const [k, v] of Object.entries(group)) if (!(k in body) && !known.has(k)) body[k] = v;
	return body;
}

/** The envelope of a bulk request for this item (read from its Additional Fields). */
export function envelopeFor(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number, resources: ResourceDef[]): IDataObject {
	const fields = envelopeFields(op);
	return fields.length ? readGroup(ctx, fields, itemIndex, resources, fieldGroupOf(ctx, op, itemIndex)) : {};
}

/** BILL's `filters` and `sort` query values from the Filters and Sort parameters, checked against what the list accepts. */
export function listQuery(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number): IDataObject {
	const qs: IDataObject = {};
	if (op.filters) {
		const rows = ((ctx.getNodeParameter(P.filters, itemIndex, {}) as IDataObject).filter ?? []) as IDataObject[];
		const known = filterFieldsOf(op);
		const parts = rows
			.filter((r) => String(r.field ?? '').trim() && String(r.value ?? '').trim() !== '')
			.map((r) => {
				const field = String(r.field).trim();
				const operator = String(r.operator ?? 'eq');
				const allowed = operatorsOf(op, field);
				if (known.length && !known.some((f) => f.name === field)) {
					throw new NodeOperationError(ctx.getNode(), `BILL does not filter this list on "${field}"`, {
						itemIndex,
						description: `Filter on one of: ${known.map((f) => f.name).join(', ')}. Nothing was sent to BILL.`,
					});
				}
				if (!allowed.includes(operator as FilterOperator)) {
					throw new NodeOperationError(ctx.getNode(), `BILL does not allow the operator "${operator}" on "${field}"`, {
						itemIndex,
						description: `Use one of: ${allowed.join(', ')}. Nothing was sent to BILL.`,
					});
				}
				return filterCondition(field, operator, String(r.value));
			});
		if (parts.length) qs.filters = parts.join(',');
	}
	if (op.sort) {
		const s = (ctx.getNodeParameter(P.sort, itemIndex, {}) as IDataObject).sortBy as IDataObject | undefined;
		const field = String(s?.field ?? '').trim();
		if (field) {
			if (op.sortFields?.length && !op.sortFields.includes(field)) {
				throw new NodeOperationError(ctx.getNode(), `BILL does not sort this list by "${field}"`, {
					itemIndex,
					description: `Sort by one of: ${op.sortFields.join(', ')}. Nothing was sent to BILL.`,
				});
			}
			qs.sort = `${field}:${String(s?.direction ?? 'asc')}`;
		}
	}
	return qs;
}

/**
 * A whole number within bounds, whoever filled it: the editor checks min/max, but values an AI
 * agent fills (`$fromAI`) or an expression computes reach the node unchecked.
 */
export function wholeNumber(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
	const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (!Number.isInteger(n) || n < min || n > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be a whole number ${range} (got ${JSON.stringify(value)})`, {
			itemIndex,
			description: `Set ${label} to a whole number ${range}. Nothing was sent to BILL.`,
		});
	}
	return n;
}
