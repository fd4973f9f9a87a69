import type { FieldDef, OperationDef } from '../../catalog/types';
import { idField, invoiceIdParam } from '../shared/operations';
import { adminHint as orgAdminHint } from '../connect/organization';
import { receiptFields, reimbursementIdParam, transactionIdParam } from '../shared/spend';
import { partnerHint } from '../shared/partner';

/**
 * Operations BILL added (after the reference menu) to resources the node has already: they are
 * merged into those resources by `resource` value.
 */

/* ------------------------------------------------------------------ Connect */

const organizationIdParam: FieldDef = {
	name: 'organizationId',
	label: 'Organization ID',
	type: 'string',
	required: true,
	idPrefix: '008',
	placeholder: '00801ABCDEFGHIJ1234',
	description: 'Your BILL organization (begins with `008`), the one set in the credential',
};

const connectOperations: OperationDef[] = [
	{
		resource: 'attachment',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete an attachment',
		description: 'Delete an attachment of a vendor, customer or invoice. BILL cannot restore it.',
		api: 'connect',
		method: 'DELETE',
		path: '/v3/attachments/{attachmentId}',
		source: 'postman',
		kind: 'delete',
		pathParams: [{ name: 'attachmentId', label: 'Attachment ID', type: 'string', required: true, description: 'The attachment (its `id` in the attachment lists)' }],
	},
	{
		resource: 'bill',
		operation: 'recordPayment',
		name: 'Record Payment',
		action: 'Record a bill payment made outside BILL',
		description: 'Record a payment you made outside BILL (e.g. a hand-written check) and apply it to one or more bills of one vendor. No money moves.',
		api: 'connect',
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
	{
		resource: 'invoice',
		operation: 'getPaymentLink',
		name: 'Get Payment Link',
		action: 'Get an invoice payment link',
		description: 'Get a link where the customer can pay the invoice online',
		api: 'connect',
		method: 'POST',
		path: '/v3/invoices/{invoiceId}/payment-link',
		source: 'postman',
		kind: 'action',
		pathParams: [invoiceIdParam],
		body: [
			idField('customerId', { label: 'Customer', what: 'Customer of the invoice', prefix: '0cu', locator: 'customer' }),
			{ name: 'email', type: 'string', required: true, placeholder: 'name@email.com', description: 'Email of the customer contact who pays' },
			{ name: 'returnUrl', label: 'Return URL', type: 'string', description: 'Page the customer returns to after paying' },
		],
	},
	{
		resource: 'organization',
		operation: 'getBillingStatements',
		name: 'Get Billing Statements',
		action: 'Get organization billing statements',
		description: "List the monthly statements of BILL's charges to the organization, with amount and payment status",
		api: 'connect',
		method: 'GET',
		path: '/v3/organizations/{organizationId}/billing-statements',
		source: 'postman',
		kind: 'list',
		pagination: 'page',
		maxPageSize: 100,
		pathParams: [organizationIdParam],
		query: [
			{ name: 'invoiceDateFrom', type: 'date', description: 'Only statements dated on or after this date' },
			{ name: 'invoiceDateTo', type: 'date', description: 'Only statements dated on or before this date' },
		],
		hint: orgAdminHint,
	},
	{
		resource: 'organization',
		operation: 'getBillingStatement',
		name: 'Get Billing Statement',
		action: 'Get an organization billing statement',
		description: 'Get one billing statement with its charge details and CSV / PDF download links',
		api: 'connect',
		method: 'GET',
		path: '/v3/organizations/{organizationId}/billing-statements/{billingStatementId}',
		source: 'postman',
		kind: 'get',
		pathParams: [
			organizationIdParam,
			{ name: 'billingStatementId', label: 'Billing Statement ID', type: 'string', required: true, description: 'The statement (its `id` in Get Billing Statements)' },
		],
		hint: orgAdminHint,
	},
	{
		resource: 'payment',
		operation: 'getExchangeRate',
		name: 'Get Exchange Rate',
		action: 'Get the exchange rate for a vendor payment',
		description: "Get BILL's current foreign exchange rate for paying an international vendor an amount, and until when it holds",
		api: 'connect',
		method: 'GET',
		path: '/v3/payments/exchange-rate',
		source: 'postman',
		kind: 'get',
		query: [
			idField('vendorId', { label: 'Vendor', what: 'The international vendor', prefix: '009', locator: 'vendor' }),
			{ name: 'amount', type: 'number', required: true, description: 'Payment amount' },
			{
				name: 'baseCurrency',
				type: 'boolean',
				default: false,
				// [inferred] BILL's example sends baseCurrency=true without describing it.
				description: 'Whether the amount is in your base currency (USD) rather than the vendor currency',
			},
		],
	},
];

/* ------------------------------------------------------------------ Partner */

const partnerOperations: OperationDef[] = [
	{
		resource: 'partnerOrganization',
		operation: 'updatePricePlan',
		name: 'Update Price Plan',
		action: 'Update the price plan of an organization',
		description: 'Set the BILL price plan of an organization your partner account created',
		api: 'partner',
		method: 'PATCH',
		path: '/v3/partner/organizations/{organizationId}/price-plan',
		source: 'postman',
		kind: 'update',
		pathParams: [
			{
				name: 'organizationId',
				label: 'Organization',
				type: 'string',
				required: true,
				locator: 'partnerOrganization',
				idPrefix: '008',
				description: 'The organization (created by your partner account). IDs begin with `008`.',
			},
		],
		body: [{ name: 'pricePlanType', type: 'string', required: true, placeholder: 'PricePlan1', description: 'Price plan agreed with BILL for your partner program' }],
		hint: partnerHint,
	},
];

/* ------------------------------------------------------------------ Spend & Expense */

const receiptIdParam: FieldDef = {
	name: 'receiptId',
	label: 'Receipt ID',
	type: 'string',
	required: true,
	description: 'The receipt (its `uuid` in the receipts of the object)',
};

const spendOperations: OperationDef[] = [
	{
		resource: 'reimbursement',
		operation: 'addReceipt',
		name: 'Add Receipt',
		action: 'Add a receipt to a reimbursement',
		description: 'Attach one more receipt image to a reimbursement',
		api: 'spend',
		method: 'POST',
		path: '/v3/spend/reimbursements/{reimbursementId}/receipts',
		source: 'postman',
		kind: 'create',
		pathParams: [reimbursementIdParam],
		body: receiptFields,
		hint: 'Upload the image first: Create Image Upload URL, then PUT the JPG or PNG to the returned URL.',
	},
	{
		resource: 'reimbursement',
		operation: 'deleteReceipt',
		name: 'Delete Receipt',
		action: 'Delete a receipt of a reimbursement',
		description: 'Remove a receipt from a reimbursement. BILL cannot restore it.',
		api: 'spend',
		method: 'DELETE',
		path: '/v3/spend/reimbursements/{reimbursementId}/receipts/{receiptId}',
		source: 'postman',
		kind: 'delete',
		pathParams: [reimbursementIdParam, receiptIdParam],
		response: { empty: true },
	},
	{
		resource: 'transaction',
		operation: 'createReceiptUploadUrl',
		name: 'Create Receipt Upload URL',
		action: 'Create a transaction receipt upload URL',
		description: 'Get a temporary URL to PUT a receipt image (JPG or PNG) to, before adding it to a transaction',
		api: 'spend',
		method: 'POST',
		path: '/v3/spend/transactions/receipt-upload-url',
		source: 'postman',
		kind: 'action',
	},
	{
		resource: 'transaction',
		operation: 'addReceipt',
		name: 'Add Receipt',
		action: 'Add a receipt to a transaction',
		description: 'Attach a receipt image to a card transaction',
		api: 'spend',
		method: 'POST',
		path: '/v3/spend/transactions/{transactionId}/receipts',
		source: 'postman',
		kind: 'create',
		pathParams: [transactionIdParam],
		body: [{ ...receiptFields[0], description: 'The URL returned by Create Receipt Upload URL, after the image was PUT to it' }],
		hint: 'Upload the image first: Create Receipt Upload URL, then PUT the JPG or PNG to the returned URL.',
	},
	{
		resource: 'transaction',
		operation: 'deleteReceipt',
		name: 'Delete Receipt',
		action: 'Delete a receipt of a transaction',
		description: 'Remove a receipt from a card transaction. BILL cannot restore it.',
		api: 'spend',
		method: 'DELETE',
		path: '/v3/spend/transactions/{transactionId}/receipts/{receiptId}',
		source: 'postman',
		kind: 'delete',
		pathParams: [transactionIdParam, receiptIdParam],
		response: { empty: true },
	},
	{
		resource: 'transaction',
		operation: 'respondTo3dsChallenge',
		name: 'Respond to 3DS Challenge',
		action: 'Accept or reject a 3-D Secure challenge',
		description: 'Accept or reject the 3-D Secure challenge of an online card purchase (BILL announces it with the spend.three-ds-challenge.created webhook)',
		api: 'spend',
		method: 'POST',
		path: '/v3/spend/transactions/{acsTransactionId}/3ds-challenge',
		source: 'postman',
		kind: 'action',
		pathParams: [
			{
				name: 'acsTransactionId',
				label: 'ACS Transaction ID',
				type: 'string',
				required: true,
				description: 'ID of the 3-D Secure challenge, from the spend.three-ds-challenge.created notification',
			},
		],
		body: [
			{
				name: 'action',
				type: 'options',
				required: true,
				default: 'ACCEPT',
				options: [
					{ name: 'Accept', value: 'ACCEPT', description: 'The cardholder made this purchase' },
					{ name: 'Reject', value: 'REJECT', description: 'Decline the purchase' },
				],
				description: 'Answer to the challenge',
			},
		],
	},
];

export const extraOperationList: OperationDef[] = [...connectOperations, ...partnerOperations, ...spendOperations];
