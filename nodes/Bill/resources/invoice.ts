import type { FieldDef } from '../catalog/types';
import { defineResource, listOp } from './shared/operations';
import { idField, invoiceIdParam, uncheckedInvoiceIdParam } from './shared/ids';
import { type BodyMode, invoiceClassificationFields, invoiceLineClassificationFields, lineItemIdField } from './shared/fields';
import { emailLimitHint } from './shared/hints';
import { FILTERS } from './shared/filters';

/** One invoice line item (create / replace / update); `id` keeps an existing line on replace and update. */
export const invoiceLineItemFields = (mode: BodyMode): FieldDef[] => [
	...lineItemIdField(mode, '00f'),
	{ name: 'description', type: 'string', description: 'What the line is for' },
	{ name: 'quantity', type: 'number', required: mode !== 'update', default: 1, description: 'Quantity' },
	{ name: 'price', type: 'number', description: 'Unit price' },
	// Left empty, it is not sent (values.ts): BILL computes it from quantity × price.
	{ name: 'amount', type: 'number', description: 'Line amount, instead of a unit price (BILL computes it as quantity × price when left empty)' },
	{ name: 'classifications', type: 'object', description: 'General ledger classifications of the line', fields: invoiceLineClassificationFields },
];

/** Body of an invoice (create, replace, update). */
export const invoiceFields = (mode: BodyMode): FieldDef[] => [
	{
		name: 'customer',
		type: 'object',
		required: mode !== 'update',
		description: 'Customer the invoice is for: an existing customer ID, or a name and email to create a new customer with the invoice',
		fields: [
			{ name: 'id', label: 'Customer ID', type: 'string', idPrefix: '0cu', description: 'Existing customer (begins with `0cu`)' },
			{ name: 'name', type: 'string', description: 'Name of a new customer (with email, instead of an ID)' },
			{ name: 'email', type: 'string', placeholder: 'name@email.com', description: 'Email of a new customer (with name, instead of an ID)' },
		],
	},
	{
		name: 'invoiceLineItems',
		label: 'Line Items',
		type: 'array',
		required: mode !== 'update',
		description:
			mode === 'replace'
				? 'The complete list of lines: lines with an ID are kept and changed, lines without one are added, missing ones are removed'
				: 'Invoice lines; the invoice total is the sum of quantity × price',
		fields: invoiceLineItemFields(mode),
	},
	{ name: 'invoiceNumber', type: 'string', description: 'Your invoice number, in your own numbering scheme' },
	{ name: 'invoiceDate', type: 'date', description: 'Invoice date (sent as yyyy-MM-dd)' },
	{ name: 'dueDate', type: 'date', description: 'Due date (sent as yyyy-MM-dd)' },
	{
		name: 'payToChartOfAccountId',
		label: 'Pay To Chart of Account',
		type: 'string',
		optionsFrom: 'chartOfAccount',
		idPrefix: '0ca',
		description: 'Chart of accounts that receives the invoice payment. Begins with `0ca`.',
	},
	{ name: 'classifications', type: 'object', description: 'General ledger classifications of the invoice', fields: invoiceClassificationFields },
	{
		name: 'processingOptions',
		type: 'object',
		fields: [
			{
				name: 'sendEmail',
				type: 'boolean',
				default: false,
				description: 'Whether BILL emails the invoice to the customer when it is saved (limited to 5 emails per minute)',
			},
		],
	},
];

/** AR payment types BILL accepts when recording a payment received outside BILL ("Recording an AR payment"). */
export const arPaymentTypeOptions = ['CASH', 'CHECK', 'CREDIT_CARD', 'ACH', 'PAYPAL', 'OTHER'];

export const invoice = defineResource({
	value: 'invoice',
	name: 'Invoice',
	api: 'connect',
	description: 'Amounts customers owe you (accounts receivable)',
	simplifyFields: ['id', 'invoiceNumber', 'customerId', 'invoiceDate', 'dueDate', 'totalAmount', 'dueAmount', 'status', 'archived', 'recordStatus'],
	locator: {
		nameField: 'invoiceNumber',
		// BILL does not filter invoices on their number: the search narrows the page it lists.
		idPrefix: '00e',
		urlRegex: '(00e[0-9A-Za-z]{10,})',
		placeholder: '00e01ABCDEFGHIJ1234',
	},
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create an invoice',
			description: 'Create an invoice for an existing customer (or a new one given by name and email) with line items and classifications',
			method: 'POST',
			path: '/v3/invoices',
			kind: 'create',
			body: invoiceFields('create'),
			duplicateGuard: { party: 'customer.id', partyFilter: 'customerId', number: 'invoiceNumber' },
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get an invoice',
			description: 'Get the details of an invoice: lines, amounts due, status and payments',
			method: 'GET',
			path: '/v3/invoices/{invoiceId}',
			kind: 'get',
			pathParams: [invoiceIdParam],
		},
		listOp(
			{ many: 'invoices' },
			'/v3/invoices',
			{
				filterFields: FILTERS.invoice,
				sortFields: ['invoiceNumber', 'invoiceDate', 'dueDate', 'totalAmount', 'createdTime', 'updatedTime', 'archived'],
			},
		),
		{
			operation: 'update',
			name: 'Update',
			action: 'Update an invoice',
			description: 'Update the fields you set; lines you list by ID are changed, the others are kept',
			method: 'PATCH',
			path: '/v3/invoices/{invoiceId}',
			kind: 'update',
			pathParams: [invoiceIdParam],
			body: invoiceFields('update'),
		},
		{
			operation: 'replace',
			name: 'Replace',
			action: 'Replace an invoice',
			description: 'Replace an invoice and its list of lines: lines with an ID are kept, new lines are added, lines left out are removed',
			method: 'PUT',
			path: '/v3/invoices/{invoiceId}',
			kind: 'replace',
			pathParams: [invoiceIdParam],
			body: invoiceFields('replace'),
		},
		{
			operation: 'archive',
			name: 'Archive',
			action: 'Archive an invoice',
			description: 'Archive an invoice (BILL keeps archived objects; Restore brings it back)',
			method: 'POST',
			path: '/v3/invoices/{invoiceId}/archive',
			kind: 'archive',
			pathParams: [invoiceIdParam],
		},
		{
			operation: 'restore',
			name: 'Restore',
			action: 'Restore an invoice',
			description: 'Restore an archived invoice',
			method: 'POST',
			path: '/v3/invoices/{invoiceId}/restore',
			kind: 'restore',
			pathParams: [invoiceIdParam],
		},
		{
			operation: 'send',
			name: 'Send',
			action: 'Send an invoice by email',
			description: 'Email the invoice to one or more addresses; replies go to the BILL user you name',
			method: 'POST',
			path: '/v3/invoices/{invoiceId}/email',
			kind: 'action',
			pathParams: [invoiceIdParam],
			body: [
				{
					name: 'recipient',
					type: 'object',
					required: true,
					description: 'Who receives the invoice',
					fields: [
						{ name: 'to', type: 'stringList', required: true, placeholder: 'ap@customer.com, owner@customer.com', description: 'Email addresses, separated by commas' },
					],
				},
				{
					name: 'replyTo',
					type: 'object',
					required: true,
					description: 'BILL user whose email address receives replies',
					fields: [
						{
							name: 'userId',
							label: 'User ID',
							type: 'string',
							required: true,
							idPrefix: '006',
							description: 'BILL user (begins with `006`); Session → Get Session returns your own user ID',
						},
					],
				},
			],
			hint: emailLimitHint,
			response: { empty: true },
		},
		{
			operation: 'recordPayment',
			name: 'Record Payment',
			action: 'Record an invoice payment',
			description:
				'Record a payment received outside BILL and apply it to one or more invoices of one customer; any unapplied amount stays as a customer credit',
			method: 'POST',
			path: '/v3/invoices/record-payment',
			kind: 'action',
			body: [
				{ name: 'amount', type: 'number', required: true, description: 'Total amount received' },
				{ name: 'paymentDate', type: 'date', required: true, description: 'Date the payment was received (sent as yyyy-MM-dd)' },
				{ name: 'paymentType', type: 'options', options: arPaymentTypeOptions, required: true, default: 'CHECK', description: 'How the customer paid' },
				{
					name: 'invoices',
					type: 'array',
					required: true,
					description: 'Invoices the payment is applied to; they must belong to the same customer',
					fields: [
						{ name: 'id', label: 'Invoice ID', type: 'string', required: true, idPrefix: '00e', description: 'Invoice (begins with `00e`)' },
						{ name: 'amount', type: 'number', required: true, description: 'Amount applied to this invoice' },
					],
				},
				{ name: 'customerId', label: 'Customer ID', type: 'string', idPrefix: '0cu', description: 'Customer who paid (begins with `0cu`)' },
				{ name: 'description', type: 'string', description: 'Note about the payment' },
			],
		},
		{
			operation: 'getPaymentLink',
			name: 'Get Payment Link',
			action: 'Get an invoice payment link',
			description: 'Get a link where the customer can pay the invoice online',
			method: 'POST',
			path: '/v3/invoices/{invoiceId}/payment-link',
			source: 'postman',
			kind: 'action',
			pathParams: [uncheckedInvoiceIdParam],
			body: [
				idField('customerId', { label: 'Customer', what: 'Customer of the invoice', prefix: '0cu', locator: 'customer' }),
				{ name: 'email', type: 'string', required: true, placeholder: 'name@email.com', description: 'Email of the customer contact who pays' },
				{ name: 'returnUrl', label: 'Return URL', type: 'string', description: 'Page the customer returns to after paying' },
			],
		},
	],
});
