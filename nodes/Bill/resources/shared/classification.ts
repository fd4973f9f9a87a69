import type { FieldDef, ResourceDef } from '../../catalog/types';
import { classificationIdPrefixes } from './fields';
import { archiveManyOp, archiveOp, createManyOp, defineResource, getOp, listOp, restoreManyOp, restoreOp, updateManyOp } from './operations';

/**
 * BILL's seven general-ledger classifications (chart of accounts, accounting classes, departments,
 * employees, items, jobs, locations) share one shape of ten endpoints under
 * `/v3/classifications/<pathSegment>`. One factory writes them; each type only gives its fields.
 */
/**
 * BILL documents a limit of 50 per bulk create for every classification (Postman descriptions).
 * It documents no limit for bulk archive/restore `ids`; 50 is used there too [inferred].
 */
const BULK = 50;

export interface ClassificationSpec {
	/** Resource value, e.g. `chartOfAccount`; its ID prefix is the one in `classificationIdPrefixes`. */
	value: keyof typeof classificationIdPrefixes;
	/** Resource name (Title Case), e.g. `Chart of Accounts`. */
	name: string;
	/** Lower-case singular / plural for descriptions: `chart of accounts` / `charts of accounts`. */
	singular: string;
	plural: string;
	/** Path segment after `/v3/classifications/`, e.g. `chart-of-accounts`. */
	pathSegment: string;
	/** Key of the bulk responses, e.g. `chartOfAccounts`. */
	responseKey: string;
	description: string;
	/**
	 * Body fields, given the Parent field; `forUpdate` makes every field optional (update, update
	 * many). Default: name, short name, description and parent.
	 */
	fields?: (forUpdate: boolean, parent: FieldDef) => FieldDef[];
	/** Field shown in resource locator lists and searched with `sw`. Default `name`. */
	nameField?: string;
	/** Default: the fields of the name, short name, description and parent shape. */
	filterFields?: string[];
	sortFields?: string[];
}

export function classificationResource(spec: ClassificationSpec): ResourceDef {
	const base = `/v3/classifications/${spec.pathSegment}`;
	const idPrefix = classificationIdPrefixes[spec.value];
	const parent = parentField(spec.value, spec.singular, idPrefix);
	const fields = (forUpdate: boolean) => (spec.fields ?? namedClassificationFields(spec.singular))(forUpdate, parent);
	const nameField = spec.nameField ?? 'name';
	const article = /^[aeiou]/i.test(spec.singular) ? 'an' : 'a';
	const noun = { one: spec.singular, many: spec.plural };
	const bulk = { limit: BULK, responseKey: spec.responseKey };
	const idParam: FieldDef = {
		name: 'id',
		label: spec.name,
		type: 'string',
		required: true,
		locator: spec.value,
		idPrefix,
		description: `The ${spec.singular}. IDs begin with \`${idPrefix}\`.`,
	};
	const updateManyFields: FieldDef[] = [
		{
			name: 'id',
			label: `${spec.name} ID`,
			type: 'string',
			required: true,
			idPrefix,
			description: `ID of the ${spec.singular} to update (begins with \`${idPrefix}\`)`,
		},
		...fields(true),
	];
	return defineResource({
		value: spec.value,
		name: spec.name,
		api: 'connect',
		description: spec.description,
		locator: {
			nameField,
			searchField: nameField,
			idPrefix,
			urlRegex: `(${idPrefix}[0-9A-Za-z]{10,})`,
			placeholder: `${idPrefix}01ABCDEFGHIJ1234`,
		},
		operations: [
			{
				operation: 'create',
				name: 'Create',
				action: `Create ${article} ${spec.singular}`,
				description: `Create a new ${spec.singular} in the BILL organization`,
				method: 'POST',
				path: base,
				kind: 'create',
				body: fields(false),
			},
			createManyOp(noun, base, fields(false), bulk, { description: `Create one ${spec.singular} per input item, sent to BILL in batches of up to ${BULK}` }),
			getOp(noun, `${base}/{id}`, idParam, { description: `Get the details of an existing ${spec.singular}` }),
			listOp({ many: spec.plural }, base, {
				filterFields: spec.filterFields ?? [...standardFilterFields(['name', 'shortName']), 'parentId'],
				sortFields: spec.sortFields ?? standardSortFields(['name']),
			}),
			{
				operation: 'update',
				name: 'Update',
				action: `Update ${article} ${spec.singular}`,
				description: 'Update the fields you set; the others keep their values',
				method: 'PATCH',
				path: `${base}/{id}`,
				kind: 'update',
				pathParams: [idParam],
				body: fields(true),
			},
			updateManyOp(noun, base, updateManyFields, bulk, { description: `Update one ${spec.singular} per input item (each item names its ID), sent to BILL in batches of up to ${BULK}` }),
			archiveOp(noun, `${base}/{id}/archive`, idParam, { description: `Archive ${article} ${spec.singular}: BILL sets \`archived\` to true and keeps it; Restore brings it back` }),
			archiveManyOp(noun, base, bulk, { description: `Archive one ${spec.singular} per input item (its ID) with BILL's bulk archive, up to ${BULK} IDs per request` }),
			restoreOp(noun, `${base}/{id}/restore`, idParam, { description: `Restore an archived ${spec.singular} (\`archived\` becomes false)` }),
			restoreManyOp(noun, base, bulk, { description: `Restore one archived ${spec.singular} per input item (its ID) with BILL's bulk restore, up to ${BULK} IDs per request` }),
		],
	});
}

/* ------------------------------------------------------------------ field sets per type */

/** The Parent field offers the records of the classification itself. */
const parentField = (value: string, singular: string, idPrefix: string): FieldDef => ({
	name: 'parentId',
	label: 'Parent',
	type: 'string',
	optionsFrom: value,
	idPrefix,
	description: `Parent ${singular}, when this one is a child (ID begins with \`${idPrefix}\`)`,
});

/**
 * Name, short name, description and parent: the shape of accounting classes, departments, jobs and
 * locations. BILL's schema marks `name` optional for some of them; every BILL example sets it and
 * the web app requires it, so the form asks for it [inferred].
 */
const namedClassificationFields =
	(singular: string) =>
	(forUpdate: boolean, parent: FieldDef): FieldDef[] => [
		{ name: 'name', type: 'string', required: !forUpdate, description: `Name of the ${singular}` },
		{ name: 'shortName', type: 'string', description: `Short name of the ${singular}` },
		{ name: 'description', type: 'string', description: `Description of the ${singular}` },
		parent,
	];

export const standardFilterFields = (nameFields: string[]) => ['id', ...nameFields, 'archived', 'createdTime', 'updatedTime'];
export const standardSortFields = (nameFields: string[]) => [...nameFields, 'createdTime', 'updatedTime', 'archived'];
