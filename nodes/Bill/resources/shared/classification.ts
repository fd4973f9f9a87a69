import type { FieldDef, OperationDef, ResourceDef } from '../../catalog/types';
import { classificationIdPrefixes } from './fields';

/**
 * BILL's seven general-ledger classifications (chart of accounts, accounting classes, departments,
 * employees, items, jobs, locations) share one shape of ten endpoints under
 * `/v3/classifications/<pathSegment>`. One factory writes them; each type only gives its fields.
 */
export interface ClassificationSpec {
	/** Resource value, e.g. `chartOfAccount`. */
	value: string;
	/** Resource name (Title Case), e.g. `Chart of Accounts`. */
	name: string;
	/** Lower-case singular / plural for descriptions: `chart of accounts` / `charts of accounts`. */
	singular: string;
	plural: string;
	/** Path segment after `/v3/classifications/`, e.g. `chart-of-accounts`. */
	pathSegment: string;
	/** Body fields; `forUpdate` makes every field optional (update, update many). */
	fields: (forUpdate: boolean) => FieldDef[];
	/** BILL's maximum per bulk create/update request. */
	bulkLimit: number;
	/** Maximum IDs per bulk archive/restore request. */
	bulkIdsLimit: number;
	/** ID prefix, e.g. `0ca`. */
	idPrefix: string;
	/** Key of the bulk responses, e.g. `chartOfAccounts`. */
	responseKey: string;
	/** Field shown in resource locator lists and searched with `sw`. */
	nameField: string;
	/** `loadOptions` method listing this classification (used for `parentId`). */
	loadOptions: string;
	description: string;
	filterFields: string[];
	sortFields: string[];
}

export function classificationResource(spec: ClassificationSpec): ResourceDef {
	const base = `/v3/classifications/${spec.pathSegment}`;
	const article = /^[aeiou]/i.test(spec.singular) ? 'an' : 'a';
	const idParam: FieldDef = {
		name: 'id',
		label: spec.name,
		type: 'string',
		required: true,
		locator: spec.value,
		idPrefix: spec.idPrefix,
		description: `The ${spec.singular}. IDs begin with \`${spec.idPrefix}\`.`,
	};
	const updateManyFields: FieldDef[] = [
		{
			name: 'id',
			label: `${spec.name} ID`,
			type: 'string',
			required: true,
			idPrefix: spec.idPrefix,
			description: `ID of the ${spec.singular} to update (begins with \`${spec.idPrefix}\`)`,
		},
		...spec.fields(true),
	];
	const op = (o: Omit<OperationDef, 'resource' | 'api'>): OperationDef => ({ resource: spec.value, api: 'connect', ...o });

	const operations: OperationDef[] = [
		op({
			operation: 'create',
			name: 'Create',
			action: `Create ${article} ${spec.singular}`,
			description: `Create a new ${spec.singular} in the BILL organization`,
			method: 'POST',
			path: base,
			kind: 'create',
			body: spec.fields(false),
		}),
		op({
			operation: 'createMany',
			name: 'Create Many',
			action: `Create many ${spec.plural}`,
			description: `Create one ${spec.singular} per input item, sent to BILL in batches of up to ${spec.bulkLimit}`,
			method: 'POST',
			path: `${base}/bulk`,
			kind: 'createMany',
			body: spec.fields(false),
			bulk: { limit: spec.bulkLimit, responseKey: spec.responseKey },
		}),
		op({
			operation: 'get',
			name: 'Get',
			action: `Get ${article} ${spec.singular}`,
			description: `Get the details of an existing ${spec.singular}`,
			method: 'GET',
			path: `${base}/{id}`,
			kind: 'get',
			pathParams: [idParam],
		}),
		op({
			operation: 'getAll',
			name: 'Get Many',
			action: `Get many ${spec.plural}`,
			description: `List ${spec.plural}, with filters and sorting`,
			method: 'GET',
			path: base,
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
			filters: true,
			sort: true,
			filterFields: spec.filterFields,
			sortFields: spec.sortFields,
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: `Update ${article} ${spec.singular}`,
			description: 'Update the fields you set; the others keep their values',
			method: 'PATCH',
			path: `${base}/{id}`,
			kind: 'update',
			pathParams: [idParam],
			body: spec.fields(true),
		}),
		op({
			operation: 'updateMany',
			name: 'Update Many',
			action: `Update many ${spec.plural}`,
			description: `Update one ${spec.singular} per input item (each item names its ID), sent to BILL in batches of up to ${spec.bulkLimit}`,
			method: 'PATCH',
			path: `${base}/bulk`,
			kind: 'updateMany',
			body: updateManyFields,
			bulk: { limit: spec.bulkLimit, responseKey: spec.responseKey },
		}),
		op({
			operation: 'archive',
			name: 'Archive',
			action: `Archive ${article} ${spec.singular}`,
			description: `Archive ${article} ${spec.singular}: BILL sets \`archived\` to true and keeps it; Restore brings it back`,
			method: 'POST',
			path: `${base}/{id}/archive`,
			kind: 'archive',
			pathParams: [idParam],
		}),
		op({
			operation: 'archiveMany',
			name: 'Archive Many',
			action: `Archive many ${spec.plural}`,
			description: `Archive one ${spec.singular} per input item (its ID) with BILL's bulk archive, up to ${spec.bulkIdsLimit} IDs per request`,
			method: 'POST',
			path: `${base}/bulk/archive`,
			kind: 'archiveMany',
			bulk: { limit: spec.bulkIdsLimit, request: 'idsQuery', responseKey: spec.responseKey },
		}),
		op({
			operation: 'restore',
			name: 'Restore',
			action: `Restore ${article} ${spec.singular}`,
			description: `Restore an archived ${spec.singular} (\`archived\` becomes false)`,
			method: 'POST',
			path: `${base}/{id}/restore`,
			kind: 'restore',
			pathParams: [idParam],
		}),
		op({
			operation: 'restoreMany',
			name: 'Restore Many',
			action: `Restore many ${spec.plural}`,
			description: `Restore one archived ${spec.singular} per input item (its ID) with BILL's bulk restore, up to ${spec.bulkIdsLimit} IDs per request`,
			method: 'POST',
			path: `${base}/bulk/restore`,
			kind: 'restoreMany',
			bulk: { limit: spec.bulkIdsLimit, request: 'idsQuery', responseKey: spec.responseKey },
		}),
	];

	return {
		value: spec.value,
		name: spec.name,
		api: 'connect',
		description: spec.description,
		locator: {
			nameField: spec.nameField,
			searchField: spec.nameField,
			idPrefix: spec.idPrefix,
			urlRegex: `(${spec.idPrefix}[0-9A-Za-z]{10,})`,
			placeholder: `${spec.idPrefix}01ABCDEFGHIJ1234`,
		},
		operations,
	};
}

/* ------------------------------------------------------------------ field sets per type */

export const parentField = (singular: string, idPrefix: string, loadOptions: string): FieldDef => ({
	name: 'parentId',
	label: 'Parent',
	type: 'string',
	loadOptions,
	idPrefix,
	description: `Parent ${singular}, when this one is a child (ID begins with \`${idPrefix}\`)`,
});

/**
 * Name, short name, description and parent: the shape of accounting classes, departments, jobs and
 * locations. BILL's schema marks `name` optional for some of them; every BILL example sets it and
 * the web app requires it, so the form asks for it [inferred].
 */
export const namedClassificationFields =
	(singular: string, idPrefix: string, loadOptions: string) =>
	(forUpdate: boolean): FieldDef[] => [
		{ name: 'name', type: 'string', required: !forUpdate, description: `Name of the ${singular}` },
		{ name: 'shortName', type: 'string', description: `Short name of the ${singular}` },
		{ name: 'description', type: 'string', description: `Description of the ${singular}` },
		parentField(singular, idPrefix, loadOptions),
	];

export const P = classificationIdPrefixes;

export const standardFilterFields = (nameFields: string[]) => ['id', ...nameFields, 'archived', 'createdTime', 'updatedTime'];
export const standardSortFields = (nameFields: string[]) => [...nameFields, 'createdTime', 'updatedTime', 'archived'];

/**
 * BILL documents a limit of 50 per bulk create for every classification (Postman descriptions).
 * It documents no limit for bulk archive/restore `ids`; 50 is used there too [inferred].
 */
export const BULK = 50;
