import type { FieldDef } from '../../catalog/types';
import type { BodyMode } from './fields';
import { archiveManyOp, archiveOp, createManyOp, getOp, listOp, replaceManyOp, restoreManyOp, restoreOp, updateManyOp, type Op } from './operations';

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
	const bulk = { limit: BULK_LIMIT, responseKey: f.bulkKey };
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
		createManyOp(f, f.path, f.fields('create'), bulk, base),
		getOp(f, itemPath, f.idParam, { ...base, description: `Get a ${f.one} with its line items and where it was applied` }),
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
		updateManyOp(f, f.path, [elementId(f), ...f.fields('update')], bulk, base),
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
		replaceManyOp(f, f.path, [elementId(f), ...f.fields('replace')], bulk, base),
		archiveOp(f, `${itemPath}/archive`, f.idParam, { ...base, description: `Archive a ${f.one}. ${f.archiveNote}` }),
		archiveManyOp(f, f.path, bulk, { ...base, description: `Archive one ${f.one} per input item, in batches of ${BULK_LIMIT}. ${f.archiveNote}` }),
	];
	if (f.restorable) {
		ops.push(
			restoreOp(f, `${itemPath}/restore`, f.idParam, { ...base, description: `Restore an archived ${f.one}` }),
			restoreManyOp(f, f.path, bulk, base),
		);
	}
	return ops;
}
