import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, randomString, sleep } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import type { FieldDef, OperationDef, ResourceDef } from '../catalog/types';
import { credentialTypeOf, type EventFamily } from '../transport/credentialTypes';
import { billPaginate, billRequest, type BillCredentialType, type BillRequest } from '../transport/request';
import { BULK_KINDS, ID_LIST_KINDS, MAX_UPLOAD_BYTES, P } from './description';
import { encodeField, requiredParam } from './values';

/** Executes one operation of the table, for one input item or (bulk kinds) for all of them. */

export const MFA_HINT =
	'If BILL refused because the session is not MFA-trusted: in production, payments, bank accounts and auto-pay need MFA Remember Me ID and Device Name in the BILL API credential.';

const SECRET_OUTPUT_KEYS = new Set(['sessionId', 'devKey', 'apiToken', 'password', 'appKey']);

export function credentialTypeFor(ctx: IExecuteFunctions, op: OperationDef, itemIndex = 0): BillCredentialType {
	const family = op.api === 'webhooks' ? (ctx.getNodeParameter(P.eventFamily, itemIndex, 'organization') as EventFamily) : undefined;
	return credentialTypeOf(op.api, family);
}

function options(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter(P.options, itemIndex, {}) ?? {}) as IDataObject;
}

function encodeCtx(ctx: IExecuteFunctions, itemIndex: number, resources: ResourceDef[]) {
	return { node: ctx.getNode(), itemIndex, resources };
}

/** `/v3/bills/{billId}` with the item's values, each checked and URL-encoded. */
function buildPath(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number, resources: ResourceDef[]): string {
	let path = op.path;
	for (const f of op.pathParams ?? []) {
		const v = requiredParam(ctx, { ...f, required: true }, itemIndex, resources);
		path = path.replace(`{${f.name}}`, encodeURIComponent(String(v)));
	}
	return path;
}

function readGroup(ctx: IExecuteFunctions, fields: FieldDef[] | undefined, itemIndex: number, resources: ResourceDef[], group: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const f of fields ?? []) {
		const v = f.required ? requiredParam(ctx, f, itemIndex, resources) : encodeField(f, group[f.name], encodeCtx(ctx, itemIndex, resources));
		if (v !== undefined) out[f.name] = v as IDataObject[string];
	}
	return out;
}

/** Quote a filter value the way BILL's `filters` syntax wants it. */
export function filterValue(operator: string, value: string): string {
	const v = value.trim();
	if (operator === 'in' || operator === 'nin') return `"${v.split(',').map((s) => s.trim()).filter(Boolean).join(',')}"`;
	if (/^".*"$/.test(v)) return v;
	if (operator === 'sw' || /^\d{4}-\d{2}-\d{2}/.test(v) || /[^A-Za-z0-9_.-]/.test(v)) return `"${v.replace(/"/g, '')}"`;
	return v;
}

function listQuery(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number): IDataObject {
	const qs: IDataObject = {};
	if (op.filters) {
		const rows = ((ctx.getNodeParameter(P.filters, itemIndex, {}) as IDataObject).filter ?? []) as IDataObject[];
		const parts = rows
			.filter((r) => String(r.field ?? '').trim() && String(r.value ?? '').trim() !== '')
			.map((r) => `${String(r.field).trim()}:${String(r.operator ?? 'eq')}:${filterValue(String(r.operator ?? 'eq'), String(r.value))}`);
		if (parts.length) qs.filters = parts.join(',');
	}
	if (op.sort) {
		const s = (ctx.getNodeParameter(P.sort, itemIndex, {}) as IDataObject).sortBy as IDataObject | undefined;
		if (s?.field) qs.sort = `${String(s.field)}:${String(s.direction ?? 'asc')}`;
	}
	return qs;
}

/** The JSON body for this item: JSON mode, or the form's fields. */
export function buildBody(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number, resources: ResourceDef[]): IDataObject | undefined {
	if (!op.body?.length) return undefined;
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
	const update = ['update', 'updateMany', 'replace', 'replaceMany'].includes(op.kind);
	const group = (ctx.getNodeParameter(update ? P.updateFields : P.additionalFields, itemIndex, {}) ?? {}) as IDataObject;
	const body = readGroup(ctx, op.body, itemIndex, resources, group);
	const envelope = typeof op.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [];
	for (const [k, v] of Object.entries(group)) if (!(k in body) && !op.body.some((f) => f.name === k) && !envelope.some((f) => f.name === k)) body[k] = v;
	return body;
}

function sanitize(value: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(value)) if (!SECRET_OUTPUT_KEYS.has(k)) out[k] = v;
	return out;
}

/** BILL's response → output items. */
export function shapeOutput(op: OperationDef, response: unknown, resource?: ResourceDef, simplify = false): IDataObject[] {
	let data = response;
	if (op.response?.empty || data === undefined || data === null || data === '') return [{ success: true }];
	if (op.response?.unwrap && data && typeof data === 'object') data = (data as IDataObject)[op.response.unwrap];
	const list = Array.isArray(data) ? data : [data];
	return list.map((entry) => {
		const obj = entry && typeof entry === 'object' ? sanitize(entry as IDataObject) : { value: entry as IDataObject[string] };
		if (simplify && resource?.simplifyFields) {
			const picked: IDataObject = {};
			for (const f of resource.simplifyFields) if (f in obj) picked[f] = obj[f];
			return picked;
		}
		return obj;
	});
}

function hintFor(op: OperationDef): string | undefined {
	return op.mfa ? MFA_HINT : undefined;
}

/** Run one non-bulk operation for one item. */
export async function executeItem(this: IExecuteFunctions, op: OperationDef, resource: ResourceDef, resources: ResourceDef[], itemIndex: number): Promise<INodeExecutionData[]> {
	const credentialType = credentialTypeFor(this, op, itemIndex);
	const opts = options(this, itemIndex);
	const path = buildPath(this, op, itemIndex, resources);
	const qs = readGroup(this, op.query, itemIndex, resources, opts);
	const headers = readGroup(this, op.headers, itemIndex, resources, opts);
	for (const [k, v] of Object.entries(headers)) headers[k] = String(v);
	if (op.idempotencyKey) headers['X-Idempotent-Key'] = randomUUID();
	const req: BillRequest = {
		credentialType,
		base: op.api === 'webhooks' ? 'connect-events' : 'connect',
		method: op.method,
		path,
		qs,
		headers,
		itemIndex,
		hint: hintFor(op),
	};

	if (op.noAuth) {
		// BILL's own sign-in endpoints: the credential signs in (once, and only when needed);
		// the node reports the session it got, never its secret.
		if (op.api === 'partner') {
			await billRequest.call(this, { ...req, method: 'GET', path: '/v3/partner/organizations', qs: { max: 1 } });
			return [{ json: { success: true, signedIn: 'partner' }, pairedItem: { item: itemIndex } }];
		}
		const session = await billRequest.call(this, { ...req, method: 'GET', path: '/v3/login/session', qs: {} });
		return [{ json: { success: true, ...sanitize(session as IDataObject) }, pairedItem: { item: itemIndex } }];
	}

	if (op.kind === 'list') {
		const returnAll = this.getNodeParameter(P.returnAll, itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter(P.limit, itemIndex, 50) as number);
		const records = await billPaginate.call(
			this,
			{ ...req, qs: { ...qs, ...listQuery(this, op, itemIndex) } },
			{ style: op.pagination ?? 'page', limit, maxPageSize: op.maxPageSize ?? 100, itemsKey: op.response?.unwrap },
		);
		const simplify = this.getNodeParameter(P.simplify, itemIndex, false) as boolean;
		const perRecord: OperationDef = { ...op, response: { ...op.response, unwrap: undefined } };
		return records.map((r) => ({ json: shapeOutput(perRecord, r, resource, simplify)[0], pairedItem: { item: itemIndex } }));
	}

	if (op.kind === 'upload') {
		const property = this.getNodeParameter(P.binaryProperty, itemIndex) as string;
		const binary: IBinaryData = this.helpers.assertBinaryData(itemIndex, property);
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		const name = ((this.getNodeParameter(P.fileName, itemIndex, '') as string) || binary.fileName || `upload-${randomString(8)}`).trim();
		if (buffer.length > MAX_UPLOAD_BYTES) {
			throw new NodeOperationError(this.getNode(), `The file "${name}" is ${(buffer.length / 1024 / 1024).toFixed(1)} MB; BILL accepts uploads up to 6 MB`, {
				itemIndex,
				description: `Compress or split the file in "${property}" before uploading. Nothing was sent to BILL.`,
			});
		}
		const response = await billRequest.call(this, { ...req, qs: { ...qs, name }, body: buffer, contentType: op.uploadContentType ?? 'application/octet-stream' });
		const wait = op.waitFor && (opts.waitForProcessing ?? true) !== false;
		const finalResponse = wait ? await waitForResult.call(this, op, resource, credentialType, response as IDataObject, itemIndex) : response;
		return shapeOutput(op, finalResponse, resource).map((json) => ({ json, pairedItem: { item: itemIndex } }));
	}

	if (op.kind === 'download') {
		const meta = (await billRequest.call(this, req)) as IDataObject;
		const unwrapped = op.response?.unwrap && meta && typeof meta === 'object' && !Array.isArray(meta) ? meta[op.response.unwrap] : meta;
		const records = (Array.isArray(unwrapped) ? unwrapped : [unwrapped]) as Array<IDataObject | undefined>;
		const outputs: INodeExecutionData[] = [];
		for (const record of records) {
			const link = record?.downloadLink ?? record?.downloadUrl ?? record?.url;
			if (typeof link !== 'string' || !link) {
				throw new NodeOperationError(this.getNode(), 'BILL returned no download link for this file', { itemIndex, description: 'The file may still be processing; try again in a minute.' });
			}
			const file = (await billRequest.call(this, {
				credentialType,
				method: 'GET',
				path: link,
				binary: true,
				returnFullResponse: true,
				itemIndex,
			})) as { body: Buffer | ArrayBuffer; headers: IDataObject };
			const bytes = Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body);
			const disposition = String(file.headers?.['content-disposition'] ?? '');
			const fromHeader = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
			const fileName = String(record?.name ?? record?.fileName ?? (fromHeader ? decodeURIComponent(fromHeader) : 'download'));
			const mimeType = String(file.headers?.['content-type'] ?? 'application/octet-stream').split(';')[0];
			const property = this.getNodeParameter(P.binaryProperty, itemIndex, 'data') as string;
			const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
			const json = shapeOutput({ ...op, response: undefined }, record, resource)[0];
			delete json.downloadLink;
			outputs.push({ json, binary: { [property]: binary }, pairedItem: { item: itemIndex } });
		}
		return outputs;
	}

	const body = buildBody(this, op, itemIndex, resources);
	const response = await billRequest.call(this, { ...req, body });
	const simplify = op.kind === 'get' ? (this.getNodeParameter(P.simplify, itemIndex, false) as boolean) : false;
	return shapeOutput(op, response, resource, simplify).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/** Poll `op.waitFor.operation` with the upload's id until BILL no longer reports it pending (bounded). */
async function waitForResult(
	this: IExecuteFunctions,
	op: OperationDef,
	resource: ResourceDef,
	credentialType: BillCredentialType,
	started: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const spec = op.waitFor!;
	const statusOp = resource.operations.find((o) => o.operation === spec.operation);
	const id = started?.id;
	if (!statusOp || typeof id !== 'string') return started;
	let last: IDataObject = started;
	for (let attempt = 0; attempt < (spec.attempts ?? 30); attempt++) {
		const res = (await billRequest.call(this, { credentialType, method: statusOp.method, path: statusOp.path, qs: { [spec.query]: id }, itemIndex })) as IDataObject | IDataObject[];
		last = (Array.isArray(res) ? res.find((r) => r.id === id || r.uploadId === id) ?? res[0] : res) ?? last;
		if (!spec.pending.includes(String(last?.[spec.field] ?? ''))) return last;
		await sleep(spec.intervalMs ?? 1000);
	}
	throw new NodeOperationError(this.getNode(), `BILL is still processing upload ${id}`, {
		itemIndex,
		description: `Check it later with ${resource.name} → ${statusOp.name}, or turn off Wait for Processing`,
	});
}

export interface BulkOutcome {
	/** Per input item: output items, or the error for that item. */
	results: Array<{ items?: INodeExecutionData[]; error?: Error }>;
}

/**
 * Bulk kinds: one element per input item, sent in batches of BILL's limit; each result (or the
 * batch's error) goes back to its item. Items whose own fields are invalid fail alone.
 */
export async function executeBulk(this: IExecuteFunctions, op: OperationDef, resource: ResourceDef, resources: ResourceDef[], itemCount: number): Promise<BulkOutcome> {
	if (!BULK_KINDS.includes(op.kind)) throw new NodeOperationError(this.getNode(), `${op.resource}:${op.operation} is not a bulk operation`);
	const results: BulkOutcome['results'] = new Array(itemCount).fill(undefined).map(() => ({}));
	const elements: Array<{ index: number; value: IDataObject | string }> = [];
	const idsOnly = ID_LIST_KINDS.includes(op.kind) || op.bulk?.request === 'idsQuery';
	for (let i = 0; i < itemCount; i++) {
		try {
			if (idsOnly) {
				const id = String(this.getNodeParameter(P.id, i, '') ?? '').trim();
				if (!id) throw new NodeOperationError(this.getNode(), `"${resource.name} ID" is required`, { itemIndex: i, description: 'Map the ID of this input item, e.g. {{ $json.id }}' });
				elements.push({ index: i, value: id });
			} else {
				elements.push({ index: i, value: buildBody(this, op, i, resources) ?? {} });
			}
		} catch (error) {
			results[i].error = error as Error;
		}
	}
	const limit = Math.max(1, op.bulk?.limit ?? 100);
	const batches: Array<typeof elements> = [];
	for (let k = 0; k < elements.length; k += limit) batches.push(elements.slice(k, k + limit));

	for (const batch of batches) {
		const first = batch[0].index;
		try {
			const credentialType = credentialTypeFor(this, op, first);
			const path = buildPath(this, op, first, resources);
			const qs = readGroup(this, op.query, first, resources, options(this, first));
			let body: IDataObject | IDataObject[] | undefined;
			if (idsOnly) qs.ids = batch.map((e) => e.value).join(',');
			else if (op.bulk?.request && typeof op.bulk.request === 'object') {
				const envelope = op.bulk.request.envelope?.length ? readGroup(this, op.bulk.request.envelope, first, resources, (this.getNodeParameter(P.additionalFields, first, {}) ?? {}) as IDataObject) : {};
				body = { ...envelope, [op.bulk.request.key]: batch.map((e) => e.value as IDataObject) };
			}
			else body = batch.map((e) => e.value as IDataObject);
			const response = await billRequest.call(this, {
				credentialType,
				base: op.api === 'webhooks' ? 'connect-events' : 'connect',
				method: op.method,
				path,
				qs,
				body,
				itemIndex: first,
				hint: hintFor(op),
			});
			let list: unknown = response;
			if (op.bulk?.responseKey && response && typeof response === 'object') list = (response as IDataObject)[op.bulk.responseKey];
			if (Array.isArray(list) && list.length === batch.length) {
				batch.forEach((e, k) => (results[e.index].items = [{ json: sanitize(list[k] as IDataObject), pairedItem: { item: e.index } }]));
			} else if (Array.isArray(list) && idsOnly) {
				const byId = new Map((list as IDataObject[]).map((r) => [String(r.id), r]));
				batch.forEach((e) => (results[e.index].items = [{ json: byId.get(String(e.value)) ?? { id: e.value, success: true }, pairedItem: { item: e.index } }]));
			} else {
				batch.forEach((e) => (results[e.index].items = [{ json: idsOnly ? { id: e.value, success: true } : shapeOutput(op, response)[0], pairedItem: { item: e.index } }]));
			}
		} catch (error) {
			for (const e of batch) results[e.index].error = error as Error;
		}
	}
	return { results };
}

