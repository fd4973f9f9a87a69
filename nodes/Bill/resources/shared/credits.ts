import type { FieldDef } from '../../catalog/types';
import type { BodyMode } from './fields';
import { listOp, type Op } from './operations';

/**
 * Credit memos (AR: credit you give a customer) and vendor credits (AP: credit a vendor gives you).
 * Both have the same operation set (single and bulk create / update / replace, archive, restore),
 * generated here from one description per object family.
 */

export interface CreditFamily {
	one: string;
	many: string;
	/** Collection path, e.g. `/v3/credit-memos`. */
	path: string;
	idParam: FieldDef;
	/** JSON key of the line items and of the bulk responses. */
	bulkKey: string;
	/** Body fields (without `id`). */
	fields: (mode: BodyMode) => FieldDef[];
	/** Whether BILL can restore an archived object (vendor credits: no). */
	restorable: boolean;
	filterFields: string[];
	/** Extra sentence for Archive. */
	archiveNote: string;
}

// BILL documents up to 50 objects per bulk create; it states no limit for the other bulk calls, so
// they use the same 50 [inferred].
const BULK_LIMIT = 50;


function elementId(f: CreditFamily): FieldDef {
	return { ...f.idParam, name: 'id', label: f.idParam.label ?? undefined, required: true, description: `The ${f.one} to change. ${f.idParam.description ?? ''}`.trim() };
}

export function creditOperations(f: CreditFamily): Op[] {
	// BILL documents credit memos and vendor credits only in its Postman collection.
	const base = { source: 'postman' as const };
	const itemPath = `${f.path}/{${f.idParam.name}}`;
	const ops: Op[] = [
		listOp(f, f.path, { filterFields: f.filterFields, sortFields: ['creditDate', 'amount', 'createdTime', 'updatedTime', 'archived'] }, base),
		{
			...base,
			operation: 'create',
			name: 'Create',
			action: `Create a ${f.one}`,
			description: `Create a ${f.one} with its line items`,
			method: 'POST',
			path: f.path,
			kind: 'create',
			body: f.fields('create'),
		},
		{
			...base,
			operation: 'createMany',
			name: 'Create Many',
			action: `Create many ${f.many}`,
			description: `Create one ${f.one} per input item, sent to BILL in batches of ${BULK_LIMIT}`,
			method: 'POST',
			path: `${f.path}/bulk`,
			kind: 'createMany',
			body: f.fields('create'),
			bulk: { limit: BULK_LIMIT, responseKey: f.bulkKey },
		},
		{
			...base,
			operation: 'get',
			name: 'Get',
			action: `Get a ${f.one}`,
			description: `Get a ${f.one} with its line items and where it was applied`,
			method: 'GET',
			path: itemPath,
			kind: 'get',
			pathParams: [f.idParam],
		},
		{
			...base,
			operation: 'update',
			name: 'Update',
			action: `Update a ${f.one}`,
			description: 'Update the fields and lines you set (lines by ID); the others keep their values',
			method: 'PATCH',
			path: itemPath,
			kind: 'update',
			pathParams: [f.idParam],
			body: f.fields('update'),
		},
		{
			...base,
			operation: 'updateMany',
			name: 'Update Many',
			action: `Update many ${f.many}`,
			description: `Update one ${f.one} per input item (by ID), sent to BILL in batches of ${BULK_LIMIT}`,
			method: 'PATCH',
			path: `${f.path}/bulk`,
			kind: 'updateMany',
			body: [elementId(f), ...f.fields('update')],
			bulk: { limit: BULK_LIMIT, responseKey: f.bulkKey },
		},
		{
			...base,
			operation: 'replace',
			name: 'Replace',
			action: `Replace a ${f.one}`,
			description: `Replace a whole ${f.one}: add, change or remove line items (lines left out are removed)`,
			method: 'PUT',
			path: itemPath,
			kind: 'replace',
			pathParams: [f.idParam],
			body: f.fields('replace'),
		},
		{
			...base,
			operation: 'replaceMany',
			name: 'Replace Many',
			action: `Replace many ${f.many}`,
			description: `Replace one whole ${f.one} per input item (by ID), sent to BILL in batches of ${BULK_LIMIT}`,
			method: 'PUT',
			path: `${f.path}/bulk`,
			kind: 'replaceMany',
			body: [elementId(f), ...f.fields('replace')],
			bulk: { limit: BULK_LIMIT, responseKey: f.bulkKey },
		},
		{
			...base,
			operation: 'archive',
			name: 'Archive',
			action: `Archive a ${f.one}`,
			description: `Archive a ${f.one}. ${f.archiveNote}`,
			method: 'POST',
			path: `${itemPath}/archive`,
			kind: 'archive',
			pathParams: [f.idParam],
		},
		{
			...base,
			operation: 'archiveMany',
			name: 'Archive Many',
			action: `Archive many ${f.many}`,
			description: `Archive one ${f.one} per input item, in batches of ${BULK_LIMIT}. ${f.archiveNote}`,
			method: 'POST',
			path: `${f.path}/bulk/archive`,
			kind: 'archiveMany',
			bulk: { limit: BULK_LIMIT, request: 'idsQuery', responseKey: f.bulkKey },
		},
	];
	if (f.restorable) {
		ops.push(
			{
				...base,
				operation: 'restore',
				name: 'Restore',
				action: `Restore a ${f.one}`,
				description: `Restore an archived ${f.one}`,
				method: 'POST',
				path: `${itemPath}/restore`,
				kind: 'restore',
				pathParams: [f.idParam],
			},
			{
				...base,
				operation: 'restoreMany',
				name: 'Restore Many',
				action: `Restore many ${f.many}`,
				description: `Restore one archived ${f.one} per input item, in batches of ${BULK_LIMIT}`,
				method: 'POST',
				path: `${f.path}/bulk/restore`,
				kind: 'restoreMany',
				bulk: { limit: BULK_LIMIT, request: 'idsQuery', responseKey: f.bulkKey },
			},
		);
	}
	return ops;
}
