import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { idField } from './shared/ids';
import { type BodyMode, lineItemClassificationFields, lineItemIdField } from './shared/fields';
import { creditOperations } from './shared/credits';

const vendorCreditIdParam = idField('vendorCreditId', { label: 'Vendor Credit', what: 'The vendor credit', prefix: 'vcr', locator: 'vendorCredit' });

const vendorCreditFields = (mode: BodyMode): FieldDef[] => {
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
			optionsFrom: 'chartOfAccount',
			idPrefix: '0ca',
			description: 'Chart of account the credit is booked to (set this or Apply To Bank Account)',
		},
		{
			name: 'applyToBankAccountId',
			label: 'Apply To Bank Account',
			type: 'string',
			optionsFrom: 'bankAccount',
			idPrefix: 'bac',
			description: 'Bank account the credit is booked to (set this or Apply To Chart of Account)',
		},
	];
};

export const vendorCredit = defineResource({
	value: 'vendorCredit',
	name: 'Vendor Credit',
	api: 'connect',
	description: 'Credit a vendor gives you, applied when you pay their bills (accounts payable)',
	locator: { nameField: 'referenceNumber', searchField: 'referenceNumber', idPrefix: 'vcr', urlRegex: '(vcr[0-9A-Za-z]+)', placeholder: 'vcr01ABCDEFGHIJ1234' },
	operations: creditOperations({
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
});
