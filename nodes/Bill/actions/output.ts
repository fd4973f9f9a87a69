import type { IDataObject } from 'n8n-workflow';

import type { OperationDef, ResourceDef } from '../catalog/types';

/** Keys BILL may echo that are secrets: never in an output item. */
const SECRET_OUTPUT_KEYS = new Set(['sessionId', 'devKey', 'apiToken', 'password', 'appKey']);

/** One record as an output item's JSON: secrets removed; a scalar wrapped as `{ value }`. */
export function sanitize(entry: unknown): IDataObject {
	if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { value: entry as IDataObject[string] };
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(entry as IDataObject)) if (!SECRET_OUTPUT_KEYS.has(k)) out[k] = v;
	return out;
}

/** The Simplify option: the resource's key fields only. */
export function simplified(record: IDataObject, resource: ResourceDef | undefined): IDataObject {
	if (!resource?.simplifyFields) return record;
	const picked: IDataObject = {};
	for (const f of resource.simplifyFields) if (f in record) picked[f] = record[f];
	return picked;
}

/** BILL's response → output items' JSON. */
export function shapeOutput(op: OperationDef, response: unknown, resource?: ResourceDef, simplify = false): IDataObject[] {
	let data = response;
	if (op.response?.empty || data === undefined || data === null || data === '') return [{ success: true }];
	if (op.response?.unwrap && data && typeof data === 'object') data = (data as IDataObject)[op.response.unwrap];
	const list = Array.isArray(data) ? data : [data];
	return list.map((entry) => {
		const record = sanitize(entry);
		return simplify ? simplified(record, resource) : record;
	});
}
