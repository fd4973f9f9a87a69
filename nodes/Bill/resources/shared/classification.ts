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

const parentField = (singular: string, idPrefix: string, loadOptions: string): FieldDef => ({
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
const namedClassificationFields =
	(singular: string, idPrefix: string, loadOptions: string) =>
	(forUpdate: boolean): FieldDef[] => [
		{ name: 'name', type: 'string', required: !forUpdate, description: `Name of the ${singular}` },
		{ name: 'shortName', type: 'string', description: `Short name of the ${singular}` },
		{ name: 'description', type: 'string', description: `Description of the ${singular}` },
		parentField(singular, idPrefix, loadOptions),
	];

/** Chart of accounts account types (BILL's enum, as in its API reference examples). */
export const chartOfAccountTypeOptions = [
	'UNSPECIFIED',
	'ACCOUNTS_PAYABLE',
	'ACCOUNTS_RECEIVABLE',
	'BANK',
	'COST_OF_GOODS_SOLD',
	'CREDIT_CARD',
	'EQUITY',
	'EXPENSE',
	'FIXED_ASSET',
	'INCOME',
	'LONG_TERM_LIABILITY',
	'OTHER_ASSET',
	'OTHER_CURRENT_ASSET',
	'OTHER_CURRENT_LIABILITY',
	'OTHER_EXPENSE',
	'OTHER_INCOME',
	'NON_POSTING',
];

/**
 * Item types. INVENTORY, PAYMENT, FIXED_ASSET, OTHER_CHARGE, SALES_TAX, SALES_TAX_GROUP and
 * DISCOUNT appear in BILL's examples and changelog; SERVICE, NON_INVENTORY, SUBTOTAL and GROUP are
 * BILL's other item categories (v2 list) [inferred].
 */
export const itemTypeOptions = [
	'SERVICE',
	'INVENTORY',
	'NON_INVENTORY',
	'OTHER_CHARGE',
	'DISCOUNT',
	'SALES_TAX',
	'SALES_TAX_GROUP',
	'PAYMENT',
	'FIXED_ASSET',
	'SUBTOTAL',
	'GROUP',
];

const P = classificationIdPrefixes;

const chartOfAccountFields = (forUpdate: boolean): FieldDef[] => [
	{ name: 'name', type: 'string', required: !forUpdate, description: 'Name of the chart of accounts' },
	{ name: 'description', type: 'string', description: 'Description of the chart of accounts' },
	parentField('chart of accounts', P.chartOfAccount, 'getChartOfAccounts'),
	{
		name: 'account',
		type: 'object',
		description: 'General ledger account type and number',
		fields: [
			{ name: 'type', type: 'options', options: chartOfAccountTypeOptions, default: 'EXPENSE', description: 'Account type in your general ledger' },
			{ name: 'number', type: 'string', description: 'Account number, e.g. 1-020' },
		],
	},
];

const employeeFields = (forUpdate: boolean): FieldDef[] => [
	{ name: 'firstName', type: 'string', required: !forUpdate, description: 'Employee first name' },
	{ name: 'lastName', type: 'string', required: !forUpdate, description: 'Employee last name' },
	{ name: 'shortName', type: 'string', description: 'Employee short name' },
	parentField('employee', P.employee, 'getEmployees'),
];

const itemFields = (forUpdate: boolean): FieldDef[] => [
	{ name: 'name', type: 'string', required: !forUpdate, description: 'Item name' },
	{ name: 'type', type: 'options', options: itemTypeOptions, required: !forUpdate, default: 'SERVICE', description: 'Item category' },
	{ name: 'shortName', type: 'string', description: 'Item short name' },
	{ name: 'description', type: 'string', description: 'Item description (sales)' },
	parentField('item', P.item, 'getItems'),
	{ name: 'price', type: 'number', description: 'Item sales price' },
	{
		name: 'percentage',
		type: 'number',
		description: 'Tax or discount percentage, for DISCOUNT, SALES_TAX and OTHER_CHARGE items (e.g. 3.25)',
	},
	{ name: 'taxable', type: 'boolean', default: false, description: 'Whether the item is taxable' },
	{
		name: 'chartOfAccountId',
		label: 'Chart of Account',
		type: 'string',
		loadOptions: 'getChartOfAccounts',
		idPrefix: P.chartOfAccount,
		description: 'Chart of accounts of the item (income). Begins with `0ca`.',
	},
	{
		name: 'expenseChartOfAccountId',
		label: 'Expense Chart of Account',
		type: 'string',
		loadOptions: 'getChartOfAccounts',
		idPrefix: P.chartOfAccount,
		description: 'Chart of accounts used when the item is on bills or purchases. Begins with `0ca`.',
	},
	{ name: 'purchaseDescription', type: 'string', description: 'Item description on bills or purchases' },
	{ name: 'purchaseCost', type: 'number', description: 'Item purchase cost in your accounting system' },
];

const standardFilterFields = (nameFields: string[]) => ['id', ...nameFields, 'archived', 'createdTime', 'updatedTime'];
const standardSortFields = (nameFields: string[]) => [...nameFields, 'createdTime', 'updatedTime', 'archived'];

/**
 * BILL documents a limit of 50 per bulk create for every classification (Postman descriptions).
 * It documents no limit for bulk archive/restore `ids`; 50 is used there too [inferred].
 */
const BULK = 50;

export const chartOfAccount = classificationResource({
	value: 'chartOfAccount',
	name: 'Chart of Accounts',
	singular: 'chart of accounts',
	plural: 'charts of accounts',
	pathSegment: 'chart-of-accounts',
	fields: chartOfAccountFields,
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.chartOfAccount,
	responseKey: 'chartOfAccounts',
	nameField: 'name',
	loadOptions: 'getChartOfAccounts',
	description: 'General ledger accounts used to classify bills, invoices and their lines',
	filterFields: [...standardFilterFields(['name']), 'account.type', 'account.number', 'parentId'],
	sortFields: standardSortFields(['name']),
});

export const accountingClass = classificationResource({
	value: 'accountingClass',
	name: 'Accounting Class',
	singular: 'accounting class',
	plural: 'accounting classes',
	pathSegment: 'accounting-classes',
	fields: namedClassificationFields('accounting class', P.accountingClass, 'getAccountingClasses'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.accountingClass,
	responseKey: 'accountingClasses',
	nameField: 'name',
	loadOptions: 'getAccountingClasses',
	description: 'Classes that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});

export const department = classificationResource({
	value: 'department',
	name: 'Department',
	singular: 'department',
	plural: 'departments',
	pathSegment: 'departments',
	fields: namedClassificationFields('department', P.department, 'getDepartments'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.department,
	responseKey: 'departments',
	nameField: 'name',
	loadOptions: 'getDepartments',
	description: 'Departments that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});

export const employee = classificationResource({
	value: 'employee',
	name: 'Employee',
	singular: 'employee',
	plural: 'employees',
	pathSegment: 'employees',
	fields: employeeFields,
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.employee,
	responseKey: 'employees',
	nameField: 'lastName',
	loadOptions: 'getEmployees',
	description: 'Employees that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['firstName', 'lastName', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['lastName', 'firstName']),
});

export const item = classificationResource({
	value: 'item',
	name: 'Item',
	singular: 'item',
	plural: 'items',
	pathSegment: 'items',
	fields: itemFields,
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.item,
	responseKey: 'items',
	nameField: 'name',
	loadOptions: 'getItems',
	description: 'Products and services you buy or sell, used on bill and invoice lines',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'type', 'parentId'],
	sortFields: standardSortFields(['name', 'type']),
});

export const job = classificationResource({
	value: 'job',
	name: 'Job',
	singular: 'job',
	plural: 'jobs',
	pathSegment: 'jobs',
	fields: namedClassificationFields('job', P.job, 'getJobs'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.job,
	responseKey: 'jobs',
	nameField: 'name',
	loadOptions: 'getJobs',
	description: 'Jobs (projects) that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});

export const location = classificationResource({
	value: 'location',
	name: 'Location',
	singular: 'location',
	plural: 'locations',
	pathSegment: 'locations',
	fields: namedClassificationFields('location', P.location, 'getLocations'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.location,
	responseKey: 'locations',
	nameField: 'name',
	loadOptions: 'getLocations',
	description: 'Locations that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});

export const classificationResources: ResourceDef[] = [chartOfAccount, accountingClass, department, employee, item, job, location];
