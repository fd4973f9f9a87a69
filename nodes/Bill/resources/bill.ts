import type { FieldDef } from '../catalog/types';
import { archiveOp, defineResource, getOp, listOp, type Noun, restoreOp } from './shared/operations';
import { billIdParam, idField } from './shared/ids';
import { type BodyMode, headerClassificationFields, lineItemClassificationFields, lineItemIdField } from './shared/fields';
import { FILTERS } from './shared/filters';

const noun: Noun = { one: 'bill', many: 'bills' };

/** One line of a bill. Existing lines are addressed by their ID in Replace and Update. */
const billLineItemFields = (mode: BodyMode): FieldDef[] => [
	...lineItemIdField(mode),
	{ name: 'amount', type: 'number', description: 'Line amount (quantity × price when both are set)' },
	{ name: 'description', type: 'string' },
	{ name: 'quantity', type: 'number' },
	{ name: 'price', type: 'number', description: 'Unit price' },
	{ name: 'classifications', type: 'object', description: 'How this line is classified in your books', fields: lineItemClassificationFields },
];

/** Body of a bill, written once for Create, Create Many, Replace and Update. */
export const billFields = (mode: BodyMode): FieldDef[] => {
	const required = mode !== 'update';
	return [
		idField('vendorId', { label: 'Vendor', what: 'The vendor who sent the bill', prefix: '009', locator: 'vendor', required }),
		{ name: 'dueDate', type: 'date', required, description: 'Date the bill is due' },
		{
			name: 'invoice',
			type: 'object',
			required,
			description: "The vendor's invoice this bill records",
			fields: [
				{ name: 'invoiceNumber', type: 'string', required, description: "Vendor's invoice number" },
				{ name: 'invoiceDate', type: 'date', required, description: 'Date of the invoice' },
			],
		},
		{
			name: 'billLineItems',
			label: 'Line Items',
			type: 'array',
			required,
			description:
				mode === 'replace'
					? 'All lines of the bill: lines left out are removed'
					: mode === 'update'
						? 'Lines to change (by ID) or add'
						: 'Lines of the bill; the bill amount is their sum',
			fields: billLineItemFields(mode),
		},
		{ name: 'description', type: 'string', description: 'Bill description' },
		{
			name: 'payFromChartOfAccountId',
			label: 'Pay From Chart of Account',
			type: 'string',
			optionsFrom: 'chartOfAccount',
			idPrefix: '0ca',
			description: 'Chart of account the bill is paid from. Begins with `0ca`.',
		},
		{ name: 'classifications', type: 'object', description: 'How the whole bill is classified in your books', fields: headerClassificationFields },
		{
			name: 'billApprovals',
			label: 'Include Approvers',
			type: 'boolean',
			default: true,
			description: 'Whether BILL adds the approvers of a matching approval policy to its answer',
		},
	];
};

/** Create and Create Many: a bill of the same vendor with the same invoice number is returned instead of posting another. */
const invoiceNumberGuard = { party: 'vendorId', partyFilter: 'vendorId', number: 'invoice.invoiceNumber' };

export const bill = defineResource({
	value: 'bill',
	name: 'Bill',
	api: 'connect',
	description: 'Amounts you owe vendors (accounts payable)',
	locator: {
		nameField: 'invoice.invoiceNumber',
		idPrefix: '00n',
		urlRegex: '(00n[0-9A-Za-z]+)',
		placeholder: '00n01ABCDEFGHIJ1234',
	},
	simplifyFields: ['id', 'vendorId', 'vendorName', 'invoice', 'dueDate', 'amount', 'paidAmount', 'dueAmount', 'paymentStatus', 'approvalStatus', 'archived', 'recordStatus'],
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a bill',
			description: 'Create a bill from a vendor invoice, with line items and their classifications',
			method: 'POST',
			path: '/v3/bills',
			kind: 'create',
			body: billFields('create'),
			duplicateGuard: invoiceNumberGuard,
		},
		{
			operation: 'createMany',
			name: 'Create Many',
			action: 'Create many bills',
			description:
				'Create one bill per input item, sent to BILL in batches of 100 (all-or-nothing per batch); the bills may belong to different vendors',
			method: 'POST',
			path: '/v3/bills/bulk',
			kind: 'createMany',
			body: billFields('create'),
			duplicateGuard: invoiceNumberGuard,
			bulk: { limit: 100 },
		},
		getOp(noun, '/v3/bills/{billId}', billIdParam),
		listOp(noun, '/v3/bills', {
			filterFields: FILTERS.bill,
			sortFields: ['dueDate', 'amount', 'createdTime', 'updatedTime', 'archived'],
		}),
		{
			operation: 'replace',
			name: 'Replace',
			action: 'Replace a bill',
			description:
				'Send the whole bill again: lines with an ID are kept or changed, lines without one are added, and existing lines you leave out are removed',
			method: 'PUT',
			path: '/v3/bills/{billId}',
			kind: 'replace',
			pathParams: [billIdParam],
			body: billFields('replace'),
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a bill',
			description: 'Update the fields you set; change a line by its ID (the ID stays the same) or add one without an ID',
			method: 'PATCH',
			path: '/v3/bills/{billId}',
			kind: 'update',
			pathParams: [billIdParam],
			body: billFields('update'),
		},
		archiveOp(noun, '/v3/bills/{billId}/archive', billIdParam),
		restoreOp(noun, '/v3/bills/{billId}/restore', billIdParam),
		{
			operation: 'recordPayment',
			name: 'Record Payment',
			action: 'Record a bill payment made outside BILL',
			description: 'Record a payment you made outside BILL (e.g. a hand-written check) and apply it to one or more bills of one vendor. No money moves.',
			method: 'POST',
			path: '/v3/bills/record-payment',
			source: 'postman',
			kind: 'action',
			body: [
				idField('vendorId', { label: 'Vendor', what: 'The vendor you paid', prefix: '009', locator: 'vendor' }),
				{ name: 'processDate', type: 'date', required: true, description: 'Date the payment was made' },
				{
					name: 'payments',
					type: 'array',
					required: true,
					description: 'Bills of the vendor the payment pays, and the amount applied to each',
					fields: [
						idField('billId', { label: 'Bill', what: 'A bill of the vendor', prefix: '00n', locator: 'bill' }),
						{ name: 'amount', type: 'number', required: true, description: 'Amount applied to this bill' },
					],
				},
				{ name: 'toPrintCheck', type: 'boolean', default: false, description: 'Whether the payment is a check still to be printed' },
			],
		},
	],
});
