import type { FieldDef, OperationDef, ResourceDef } from '../../catalog/types';
import { idField } from './operations';
import { invoiceClassificationFields, invoiceLineClassificationFields, lineItemClassificationFields, lineItemIdField } from './fields';

/**
 * Credit memos (AR: credit you give a customer) and vendor credits (AP: credit a vendor gives you).
 * Both have the same operation set (single and bulk create / update / replace, archive, restore),
 * generated here from one description per object family.
 */

/** create: new object; replace: PUT (all fields, lines left out are removed); update: PATCH. */
type Mode = 'create' | 'replace' | 'update';

interface CreditFamily {
	resource: string;
	one: string;
	many: string;
	/** Collection path, e.g. `/v3/credit-memos`. */
	path: string;
	idParam: FieldDef;
	/** JSON key of the line items and of the bulk responses. */
	bulkKey: string;
	/** Body fields (without `id`). */
	fields: (mode: Mode) => FieldDef[];
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

function creditOperations(f: CreditFamily): OperationDef[] {
	const base = { resource: f.resource, api: 'connect' as const, source: 'postman' as const };
	const itemPath = `${f.path}/{${f.idParam.name}}`;
	const ops: OperationDef[] = [
		{
			...base,
			operation: 'getAll',
			name: 'Get Many',
			action: `Get many ${f.many}`,
			description: `List ${f.many}, with filters and sorting`,
			method: 'GET',
			path: f.path,
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
			filters: true,
			sort: true,
			filterFields: f.filterFields,
			sortFields: ['creditDate', 'amount', 'createdTime', 'updatedTime', 'archived'],
		},
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

/* ------------------------------------------------------------------ credit memos */

// BILL's reference says credit memo IDs begin with `ccr`; not checked before sending [inferred].
const creditMemoIdParam = idField('creditMemoId', { label: 'Credit Memo', what: 'The credit memo (ID begins with `ccr`)', locator: 'creditMemo' });

const creditMemoFields = (mode: Mode): FieldDef[] => {
	const required = mode !== 'update';
	return [
		idField('customerId', { label: 'Customer', what: 'Customer the credit is for', prefix: '0cu', locator: 'customer', required }),
		{ name: 'referenceNumber', type: 'string', required, description: 'Your credit memo number (up to 100 characters)' },
		{ name: 'creditDate', type: 'date', required, description: 'Date the credit memo is issued' },
		{
			name: 'creditMemoLineItems',
			label: 'Line Items',
			type: 'array',
			required,
			description:
				'Lines of the credit memo. Set Price (amount = quantity × price) or Rate Percent (a percentage of the lines above it, e.g. -10 for a 10% discount), not both.',
			fields: [
				...lineItemIdField(mode),
				{ name: 'description', type: 'string' },
				{ name: 'quantity', type: 'number' },
				{ name: 'price', type: 'number', description: 'Unit price' },
				{ name: 'ratePercent', type: 'number', description: 'Percentage of the sum of the lines above this one' },
				{ name: 'taxable', type: 'boolean', default: false, description: 'Whether the sales tax item applies to this line' },
				{ name: 'classifications', type: 'object', fields: invoiceLineClassificationFields },
			],
		},
		{ name: 'description', type: 'string', description: 'Credit memo description' },
		{
			name: 'salesTaxItemId',
			label: 'Sales Tax Item',
			type: 'string',
			loadOptions: 'getItems',
			idPrefix: '0ii',
			description: 'SALES_TAX item applied to the taxable lines. Begins with `0ii`.',
		},
		{
			name: 'payToChartOfAccountId',
			label: 'Pay To Chart of Account',
			type: 'string',
			loadOptions: 'getChartOfAccounts',
			idPrefix: '0ca',
			description: 'Chart of account used when the credit is applied to an invoice payment (set this or Pay To Bank Account)',
		},
		{
			name: 'payToBankAccountId',
			label: 'Pay To Bank Account',
			type: 'string',
			loadOptions: 'getBankAccounts',
			idPrefix: 'bac',
			description: 'Bank account used when the credit is applied to an invoice payment (set this or Pay To Chart of Account)',
		},
		{ name: 'classifications', type: 'object', fields: invoiceClassificationFields },
	];
};

export const creditMemo: ResourceDef = {
	value: 'creditMemo',
	name: 'Credit Memo',
	api: 'connect',
	description: 'Credit you give a customer, applied to their invoices (accounts receivable)',
	locator: { nameField: 'referenceNumber', searchField: 'referenceNumber', urlRegex: '(ccr[0-9A-Za-z]+)', placeholder: 'ccr01ABCDEFGHIJ1234' },
	operations: creditOperations({
		resource: 'creditMemo',
		one: 'credit memo',
		many: 'credit memos',
		path: '/v3/credit-memos',
		idParam: creditMemoIdParam,
		bulkKey: 'creditMemos',
		fields: creditMemoFields,
		restorable: true,
		filterFields: ['id', 'customerId', 'referenceNumber', 'creditDate', 'status', 'amount', 'archived', 'createdTime', 'updatedTime'],
		archiveNote: 'Restore brings it back.',
	}),
};

/* ------------------------------------------------------------------ vendor credits */

const vendorCreditIdParam = idField('vendorCreditId', { label: 'Vendor Credit', what: 'The vendor credit', prefix: 'vcr', locator: 'vendorCredit' });

const vendorCreditFields = (mode: Mode): FieldDef[] => {
	const required = mode !== 'update';
	return [
		idField('vendorId', { label: 'Vendor', what: 'Vendor who gave the credit', prefix: '009', locator: 'vendor', required }),
		{ name: 'referenceNumber', type: 'string', required, description: 'Reference number of the credit' },
		{ name: 'creditDate', type: 'date', required, description: 'Date of the credit' },
		{
			name: 'vendorCreditLineItems',
			label: 'Line Items',
			type: 'array',
			required,
			description: 'Lines of the vendor credit; its amount is their sum',
			fields: [
				...lineItemIdField(mode),
				{ name: 'amount', type: 'number', description: 'Line amount' },
				{ name: 'description', type: 'string' },
				{ name: 'classifications', type: 'object', fields: lineItemClassificationFields },
			],
		},
		{ name: 'description', type: 'string', description: 'Vendor credit description' },
		{
			name: 'applyToChartOfAccountId',
			label: 'Apply To Chart of Account',
			type: 'string',
			loadOptions: 'getChartOfAccounts',
			idPrefix: '0ca',
			description: 'Chart of account the credit is booked to (set this or Apply To Bank Account)',
		},
		{
			name: 'applyToBankAccountId',
			label: 'Apply To Bank Account',
			type: 'string',
			loadOptions: 'getBankAccounts',
			idPrefix: 'bac',
			description: 'Bank account the credit is booked to (set this or Apply To Chart of Account)',
		},
	];
};

export const vendorCredit: ResourceDef = {
	value: 'vendorCredit',
	name: 'Vendor Credit',
	api: 'connect',
	description: 'Credit a vendor gives you, applied when you pay their bills (accounts payable)',
	locator: { nameField: 'referenceNumber', searchField: 'referenceNumber', idPrefix: 'vcr', urlRegex: '(vcr[0-9A-Za-z]+)', placeholder: 'vcr01ABCDEFGHIJ1234' },
	operations: creditOperations({
		resource: 'vendorCredit',
		one: 'vendor credit',
		many: 'vendor credits',
		path: '/v3/vendor-credits',
		idParam: vendorCreditIdParam,
		bulkKey: 'vendorCredits',
		fields: vendorCreditFields,
		restorable: false,
		filterFields: ['id', 'vendorId', 'referenceNumber', 'creditDate', 'status', 'amount', 'archived', 'createdTime', 'updatedTime'],
		archiveNote: 'BILL cannot restore an archived vendor credit.',
	}),
};
