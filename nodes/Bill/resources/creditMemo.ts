import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { idField } from './shared/ids';
import { type BodyMode, invoiceClassificationFields, invoiceLineClassificationFields, lineItemIdField } from './shared/fields';
import { creditOperations } from './shared/credits';

// BILL's reference says credit memo IDs begin with `ccr`; not checked before sending [inferred].
const creditMemoIdParam = idField('creditMemoId', { label: 'Credit Memo', what: 'The credit memo (ID begins with `ccr`)', locator: 'creditMemo' });

const creditMemoFields = (mode: BodyMode): FieldDef[] => {
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
			optionsFrom: 'item',
			idPrefix: '0ii',
			description: 'SALES_TAX item applied to the taxable lines. Begins with `0ii`.',
		},
		{
			name: 'payToChartOfAccountId',
			label: 'Pay To Chart of Account',
			type: 'string',
			optionsFrom: 'chartOfAccount',
			idPrefix: '0ca',
			description: 'Chart of account used when the credit is applied to an invoice payment (set this or Pay To Bank Account)',
		},
		{
			name: 'payToBankAccountId',
			label: 'Pay To Bank Account',
			type: 'string',
			optionsFrom: 'bankAccount',
			idPrefix: 'bac',
			description: 'Bank account used when the credit is applied to an invoice payment (set this or Pay To Chart of Account)',
		},
		{ name: 'classifications', type: 'object', fields: invoiceClassificationFields },
	];
};

export const creditMemo = defineResource({
	value: 'creditMemo',
	name: 'Credit Memo',
	api: 'connect',
	description: 'Credit you give a customer, applied to their invoices (accounts receivable)',
	locator: { nameField: 'referenceNumber', searchField: 'referenceNumber', urlRegex: '(ccr[0-9A-Za-z]+)', placeholder: 'ccr01ABCDEFGHIJ1234' },
	operations: creditOperations({
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
});
