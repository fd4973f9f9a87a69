import type { BulkDef, FieldDef, FilterFieldDef, OperationDef, Pagination, ResourceDef } from '../../catalog/types';

/**
 * Building blocks of the resource files: a resource with its operations, and the operations every
 * BILL object family has (get, list, archive, restore, and BILL's bulk endpoints under
 * `<collection>/bulk`), written once.
 */

/** An operation as a resource file writes it: its resource value and API family come from the resource. */
export type Op = Omit<OperationDef, 'resource' | 'api'>;

/** A resource and all its operations; each operation gets the resource's value and API family. */
export function defineResource(def: Omit<ResourceDef, 'operations'> & { operations: Op[] }): ResourceDef {
	const { operations, ...resource } = def;
	return { ...resource, operations: operations.map((op) => ({ resource: def.value, api: def.api, ...op })) };
}

/** How an object family is named in the operation texts. */
export interface Noun {
	/** Lower case, e.g. "recurring bill". */
	one: string;
	/** Lower case plural, e.g. "recurring bills". */
	many: string;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

export function getOp(n: Noun, path: string, idParam: FieldDef, extra: Partial<Op> = {}): Op {
	return {
		operation: 'get',
		name: 'Get',
		action: `Get ${article(n.one)} ${n.one}`,
		description: `Get the details of ${article(n.one)} ${n.one}`,
		method: 'GET',
		path,
		kind: 'get',
		pathParams: [idParam],
		...extra,
	};
}

/** A Connect list, by default with `max` + `page` paging (and BILL's filters/sort when `filterFields` are given). */
export function listOp(
	n: Pick<Noun, 'many'>,
	path: string,
	o: {
		filterFields?: Array<string | FilterFieldDef>;
		sortFields?: string[];
		pathParams?: FieldDef[];
		query?: FieldDef[];
		description?: string;
		/** Default 'page'; 'none' for the lists BILL returns in one response. */
		pagination?: Pagination;
	} = {},
	extra: Partial<Op> = {},
): Op {
	return {
		operation: 'getAll',
		name: 'Get Many',
		action: `Get many ${n.many}`,
		description: o.description ?? `List ${n.many}${o.filterFields ? ', with filters and sorting' : ''}`,
		method: 'GET',
		path,
		kind: 'list',
		pagination: o.pagination ?? 'page',
		...(o.pagination === 'none' ? {} : { maxPageSize: 100 }),
		...(o.pathParams ? { pathParams: o.pathParams } : {}),
		...(o.query ? { query: o.query } : {}),
		...(o.filterFields ? { filters: true, filterFields: o.filterFields } : {}),
		...(o.sortFields ? { sort: true, sortFields: o.sortFields } : {}),
		...extra,
	};
}

export function archiveOp(n: Noun, path: string, idParam: FieldDef, extra: Partial<Op> = {}): Op {
	return {
		operation: 'archive',
		name: 'Archive',
		action: `Archive ${article(n.one)} ${n.one}`,
		description: `Archive ${article(n.one)} ${n.one}: BILL keeps it with \`archived\` set to true and Restore brings it back. Archiving an archived ${n.one} changes nothing.`,
		method: 'POST',
		path,
		kind: 'archive',
		pathParams: [idParam],
		...extra,
	};
}

export function restoreOp(n: Noun, path: string, idParam: FieldDef, extra: Partial<Op> = {}): Op {
	return {
		operation: 'restore',
		name: 'Restore',
		action: `Restore ${article(n.one)} ${n.one}`,
		description: `Restore an archived ${n.one}, so that any BILL operation can use it again. Restoring a restored ${n.one} changes nothing.`,
		method: 'POST',
		path,
		kind: 'restore',
		pathParams: [idParam],
		...extra,
	};
}

/**
 * BILL's bulk endpoints of a collection (`path`, e.g. `/v3/credit-memos`): create / update /
 * replace many at `<path>/bulk` with one body element per input item (update and replace: the
 * element's `id` field first), archive / restore many at `<path>/bulk/archive|restore` with the
 * items' IDs in `ids=`. `limit` is BILL's maximum per request, `responseKey` the key of the
 * records in BILL's answer. The default descriptions can be replaced through `extra`.
 */
export type BulkOf = Pick<BulkDef, 'limit' | 'responseKey'>;

type BulkKind = 'createMany' | 'updateMany' | 'replaceMany' | 'archiveMany' | 'restoreMany';

const BULK_SHAPES: Record<BulkKind, { method: Op['method']; suffix: string; ids: boolean; describe: (n: Noun, limit: number) => string }> = {
	createMany: { method: 'POST', suffix: '/bulk', ids: false, describe: (n, l) => `Create one ${n.one} per input item, sent to BILL in batches of ${l}` },
	updateMany: { method: 'PATCH', suffix: '/bulk', ids: false, describe: (n, l) => `Update one ${n.one} per input item (by ID), sent to BILL in batches of ${l}` },
	replaceMany: { method: 'PUT', suffix: '/bulk', ids: false, describe: (n, l) => `Replace one whole ${n.one} per input item (by ID), sent to BILL in batches of ${l}` },
	archiveMany: { method: 'POST', suffix: '/bulk/archive', ids: true, describe: (n, l) => `Archive one ${n.one} per input item, in batches of ${l}` },
	restoreMany: { method: 'POST', suffix: '/bulk/restore', ids: true, describe: (n, l) => `Restore one archived ${n.one} per input item, in batches of ${l}` },
};

function bulkOp(kind: BulkKind, n: Noun, path: string, body: FieldDef[] | undefined, bulk: BulkOf, extra: Partial<Op>): Op {
	const shape = BULK_SHAPES[kind];
	const verb = kind.slice(0, -'Many'.length);
	return {
		operation: kind,
		name: `${verb.charAt(0).toUpperCase()}${verb.slice(1)} Many`,
		action: `${verb.charAt(0).toUpperCase()}${verb.slice(1)} many ${n.many}`,
		description: shape.describe(n, bulk.limit),
		method: shape.method,
		path: `${path}${shape.suffix}`,
		kind,
		...(body ? { body } : {}),
		bulk: shape.ids ? { limit: bulk.limit, request: 'idsQuery', responseKey: bulk.responseKey } : bulk,
		...extra,
	};
}

export const createManyOp = (n: Noun, path: string, body: FieldDef[], bulk: BulkOf, extra: Partial<Op> = {}): Op => bulkOp('createMany', n, path, body, bulk, extra);
export const updateManyOp = (n: Noun, path: string, body: FieldDef[], bulk: BulkOf, extra: Partial<Op> = {}): Op => bulkOp('updateMany', n, path, body, bulk, extra);
export const replaceManyOp = (n: Noun, path: string, body: FieldDef[], bulk: BulkOf, extra: Partial<Op> = {}): Op => bulkOp('replaceMany', n, path, body, bulk, extra);
export const archiveManyOp = (n: Noun, path: string, bulk: BulkOf, extra: Partial<Op> = {}): Op => bulkOp('archiveMany', n, path, undefined, bulk, extra);
export const restoreManyOp = (n: Noun, path: string, bulk: BulkOf, extra: Partial<Op> = {}): Op => bulkOp('restoreMany', n, path, undefined, bulk, extra);

/**
 * Create or Update (the upsert kind): the record whose `keys[i]` field equals the item's value is
 * updated with the fields given, else one is created (`path`: the resource's Create). BILL has no
 * such endpoint; nodes/Bill/actions/upsert.ts composes it of the resource's Get Many, Update and Create.
 */
export function upsertOp(n: Noun, path: string, body: FieldDef[], keys: string[]): Op {
	return {
		operation: 'upsert',
		name: 'Create or Update',
		action: `Create or update ${article(n.one)} ${n.one}`,
		description: `Update the ${n.one} found by Match On, or create it (output _operation: updated or created)`,
		method: 'POST',
		path,
		kind: 'upsert',
		body,
		upsert: { keys },
	};
}
