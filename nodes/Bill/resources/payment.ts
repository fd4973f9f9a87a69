import type { FieldDef } from '../catalog/types';
import { defineResource, getOp, listOp, type Noun } from './shared/operations';
import { idField, paymentIdParam } from './shared/ids';
import { paymentPurposeFields } from './shared/fields';
import { FILTERS } from './shared/filters';

const noun: Noun = { one: 'payment', many: 'payments' };

const fundingAccountField: FieldDef = {
	name: 'fundingAccount',
	type: 'object',
	required: true,
	description: 'Where the money comes from',
	fields: [
		{
			name: 'type',
			type: 'options',
			required: true,
			default: 'BANK_ACCOUNT',
			options: [
				{ name: 'Bank Account', value: 'BANK_ACCOUNT', description: 'A verified bank account of your organization (ID begins with `bac`)' },
				{ name: 'Card Account', value: 'CARD_ACCOUNT', description: 'A credit or debit card account (may need a card funding purpose)' },
				{ name: 'AP Card', value: 'AP_CARD', description: 'Your BILL AP Card, for vendors who accept virtual cards' },
				{ name: 'Wallet', value: 'WALLET', description: 'Your BILL balance (no ID needed)' },
			],
		},
		{ name: 'id', label: 'Funding Account ID', type: 'string', description: 'ID of the bank account, card account or AP card. Not needed for Wallet.' },
	],
};

const checkDeliveryOptions = ['STANDARD', 'UPS_1DAY', 'UPS_2DAY', 'RTP_DELIVERY'];

const processDateField: FieldDef = {
	name: 'processDate',
	type: 'date',
	description:
		"Date BILL withdraws the funds from the funding account. Get Payment Options lists the possible dates; a vendor's new bank account needs 2 business days.",
};
const descriptionField: FieldDef = {
	name: 'description',
	type: 'string',
	description: 'Printed in the check memo, or in the bank descriptor of an electronic payment',
};
const transactionNumberField: FieldDef = { name: 'transactionNumber', type: 'string', description: 'Your own reference for the payment' };
/**
 * International payments (BILL changelog 2026-01-20): a vendor whose bill currency is not USD is
 * paid at the rate of an exchange rate batch, whose ID BILL requires; such a payment's process
 * date must be the next US business day. A batch expires (20 minutes in production).
 */
const exchangeRateBatchIdField: FieldDef = {
	name: 'exchangeRateBatchId',
	label: 'Exchange Rate Batch ID',
	type: 'number',
	integer: true,
	min: 1,
	description:
		"Required by BILL when a vendor's bill currency is not USD: the batch ID from Get Exchange Rate or Get Exchange Rates (it expires after 20 minutes in production). Process Date must then be the next US business day.",
};
const internationalHint =
	'Paying a vendor whose bill currency is not USD? Get the exchange rate batch ID first (Payment → Get Exchange Rate, or Get Exchange Rates for several vendors), set it as Exchange Rate Batch ID and set Process Date to the next US business day: BILL refuses other dates for these payments.';

const cardFundingPurposeField: FieldDef = {
	name: 'cardFundingPurpose',
	type: 'string',
	description:
		"Needed with a card account when BILL cannot identify the vendor's industry; Card Account › Get Funding Purposes lists the values",
};

/** Body of a single payment (POST /v3/payments). */
const paymentFields: FieldDef[] = [
	{ name: 'amount', type: 'number', required: true, min: 0, description: "Amount to pay, in the bill's currency for international payments" },
	fundingAccountField,
	{
		name: 'processingOptions',
		type: 'object',
		required: true,
		description: 'How BILL processes the payment',
		fields: [
			{ name: 'requestPayFaster', type: 'boolean', default: false, description: 'Whether to ask for faster delivery (fees may apply)' },
			{
				name: 'createBill',
				type: 'boolean',
				default: false,
				description: 'Whether BILL creates the bill for this payment (set Vendor, not Bill)',
			},
			{ name: 'requestCheckDeliveryType', type: 'options', options: checkDeliveryOptions, default: 'STANDARD', description: 'Delivery of a check payment' },
		],
	},
	idField('billId', { label: 'Bill', what: 'The bill to pay (leave empty with Create Bill)', prefix: '00n', locator: 'bill', required: false }),
	idField('vendorId', { label: 'Vendor', what: 'The vendor to pay', prefix: '009', locator: 'vendor', required: false }),
	processDateField,
	descriptionField,
	transactionNumberField,
	cardFundingPurposeField,
	{ name: 'paymentPurpose', type: 'object', description: 'Needed by some countries for international payments', fields: paymentPurposeFields },
	exchangeRateBatchIdField,
];

/** One bill of a bulk or mass payment: an element of the `payments` array (BILL documents billId and amount only). */
const billPaymentFields: FieldDef[] = [
	idField('billId', { label: 'Bill', what: 'The existing bill to pay', prefix: '00n', locator: 'bill' }),
	{ name: 'amount', type: 'number', required: true, min: 0, description: 'Amount to pay on this bill (at most its due amount; zero or more)' },
];

/**
 * Fields of the bulk payment body that sit beside the `payments` array, once per request
 * (`{ fundingAccount, processDate, …, payments: [...] }`).
 * TODO(lead): BulkDef has no place for them yet; they ride on `request` until `envelope` is typed.
 */
export const bulkPaymentEnvelopeFields: FieldDef[] = [
	fundingAccountField,
	idField('vendorId', {
		label: 'Vendor',
		what: 'Only when every bill of the request is of this vendor (leave empty to pay bills of several vendors)',
		prefix: '009',
		locator: 'vendor',
		required: false,
	}),
	processDateField,
	descriptionField,
	exchangeRateBatchIdField,
	{
		name: 'processingOptions',
		type: 'object',
		description: 'How BILL processes the payments',
		fields: [
			{ name: 'requestPayFaster', type: 'boolean', default: false, description: 'Whether to ask for faster delivery (fees may apply)' },
			{ name: 'requestCheckDeliveryType', type: 'options', options: checkDeliveryOptions, default: 'STANDARD', description: 'Delivery of check payments' },
		],
	},
	transactionNumberField,
	cardFundingPurposeField,
];

const bulkPaymentRequest = { key: 'payments', envelope: bulkPaymentEnvelopeFields };

/** Mass payment body: the bulk payment fields and the bills, in one request of up to 2,000 bills. */
const massPaymentFields: FieldDef[] = [
	...bulkPaymentEnvelopeFields,
	{ name: 'payments', label: 'Bills', type: 'array', required: true, description: 'The bills to pay (up to 2,000), each with the amount to pay', fields: billPaymentFields },
];

const massPaymentBatchIdParam: FieldDef = {
	name: 'paymentBatchId',
	label: 'Payment Batch ID',
	type: 'string',
	required: true,
	idPrefix: 'bbq',
	placeholder: 'bbq01ABCDEFGHIJ1234',
	description: 'The mass payment, as Create Mass Payment returned it. IDs begin with `bbq`.',
};

export const payment = defineResource({
	value: 'payment',
	name: 'Payment',
	api: 'connect',
	description: 'Payments of bills to vendors',
	locator: {
		nameField: 'vendorName',
		idPrefix: 'stp',
		urlRegex: '(stp[0-9A-Za-z]+)',
		placeholder: 'stp01ABCDEFGHIJ1234',
	},
	simplifyFields: ['id', 'billId', 'vendorId', 'vendorName', 'amount', 'processDate', 'status', 'singleStatus', 'disbursementType', 'fundingAccount', 'confirmationNumber'],
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a payment',
			description:
				'Pay a bill (or pay a vendor and let BILL create the bill) from a bank account, card account, AP card or your BILL balance. The amount cannot exceed what is due.',
			method: 'POST',
			path: '/v3/payments',
			kind: 'create',
			body: paymentFields,
			// BILL's guide (docs/ap-payments): processDate is required for WALLET funding.
			requires: [{ field: 'processDate', when: { path: 'fundingAccount.type', values: ['WALLET'] } }],
			mfa: true,
			hint: internationalHint,
		},
		{
			operation: 'createMany',
			name: 'Create Many',
			action: 'Create many payments',
			description:
				"Pay one existing bill per input item from one funding account, sent to BILL in batches of 50 bills (all-or-nothing per batch); the bills may belong to different vendors. Each item outputs the payment that paid its bill: BILL combines up to 35 bills of a vendor with Combine Payments into one payment",
			method: 'POST',
			path: '/v3/payments/bulk',
			kind: 'createMany',
			body: billPaymentFields,
			bulk: { limit: 50, request: bulkPaymentRequest, responseKey: 'payments', match: { element: 'billId', result: 'billPayments[].billId' } },
			mfa: true,
			hint: internationalHint,
		},
		getOp(noun, '/v3/payments/{paymentId}', paymentIdParam),
		listOp(noun, '/v3/payments', {
			filterFields: FILTERS.payment,
			sortFields: ['processDate', 'amount', 'createdTime', 'updatedTime'],
		}),
		{
			operation: 'getOptions',
			name: 'Get Payment Options',
			action: 'Get vendor payment options',
			description:
				"List how a vendor can be paid an amount: the funding accounts of your organization, the payment methods the vendor accepts, fees and process and delivery dates",
			method: 'GET',
			path: '/v3/payments/options',
			kind: 'get',
			query: [
				idField('vendorId', { label: 'Vendor', what: 'The vendor to pay', prefix: '009', locator: 'vendor' }),
				{ name: 'amount', type: 'number', required: true, description: 'Amount to pay' },
			],
		},
		{
			operation: 'cancel',
			name: 'Cancel',
			action: 'Cancel a payment',
			description:
				'Cancel a scheduled payment before BILL starts processing it; once processing has started, use Void instead',
			method: 'POST',
			path: '/v3/payments/{paymentId}/cancel',
			kind: 'action',
			pathParams: [paymentIdParam],
		},
		{
			operation: 'void',
			name: 'Void',
			action: 'Void a payment',
			description: 'Ask BILL to void a payment that has started processing and can no longer be canceled',
			method: 'POST',
			path: '/v3/payments/{paymentId}/void',
			kind: 'action',
			pathParams: [paymentIdParam],
			body: [
				{
					name: 'type',
					label: 'Void Type',
					type: 'options',
					required: true,
					default: 'VOID_ONLY',
					options: [
						{ name: 'Void Only', value: 'VOID_ONLY', description: 'Void the payment' },
						{ name: 'Void and Reissue', value: 'VOID_AND_REISSUE', description: 'Void the payment and send it again' },
						{ name: 'Void and Reissue as Virtual Card', value: 'VOID_AND_REISSUE_VCARD', description: 'Void the payment and send it again as a virtual card' },
						{ name: 'Void and Credit', value: 'VOID_AND_CREDIT', description: 'Void the payment and keep the amount as a vendor credit' },
					],
				},
				{ name: 'reason', type: 'string', required: true, description: 'Why the payment is voided' },
			],
		},
		{
			operation: 'downloadCheckImage',
			name: 'Download Check Image',
			action: 'Download the check images of a payment',
			description: 'Download the front and back images of a check BILL sent to a vendor, as binary data',
			method: 'GET',
			path: '/v3/payments/{paymentId}/check-image',
			kind: 'download',
			pathParams: [paymentIdParam],
			response: { unwrap: 'results' },
		},
		{
			operation: 'getExchangeRate',
			name: 'Get Exchange Rate',
			action: 'Get the exchange rate for a vendor payment',
			description: "Get BILL's current foreign exchange rate for paying an international vendor an amount, and until when it holds",
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
		{
			operation: 'getExchangeRates',
			name: 'Get Exchange Rates',
			action: 'Get exchange rates for several vendors',
			description:
				"Get BILL's current exchange rates for paying several international vendors, in one request: one input item per vendor, each output item the rate of its vendor with the exchange rate batch ID to pay with",
			method: 'POST',
			path: '/v3/payments/exchange-rate',
			source: 'changelog',
			kind: 'actionMany',
			body: [
				idField('vendorId', { label: 'Vendor', what: 'The international vendor', prefix: '009', locator: 'vendor' }),
				{ name: 'amount', type: 'number', required: true, min: 0, description: "Amount to pay, in the vendor's bill currency" },
			],
			// [inferred] BILL documents one element ({vendorId, amount}) and "for multiple vendors", not the
			// array's size limit nor the answer's shape: one rate object per vendor, named by vendorId.
			bulk: { limit: 100, match: { element: 'vendorId', result: 'vendorId' } },
			hint: 'BILL needs the international payment information of each vendor to quote a rate. All rates of one request share one exchange rate batch ID.',
		},
		{
			operation: 'createMass',
			name: 'Create Mass Payment',
			action: 'Create a mass payment',
			description:
				'Pay up to 2,000 bills in one request. BILL creates the payments asynchronously and returns a payment batch ID: check it with Get Mass Payment, or let a BILL Trigger on mass-payment.updated tell you',
			method: 'POST',
			path: '/v3/payments/mass',
			source: 'changelog',
			kind: 'create',
			body: massPaymentFields,
			// BILL's reference (createmasspayment): processDate is required for WALLET and AP_CARD funding.
			requires: [{ field: 'processDate', when: { path: 'fundingAccount.type', values: ['WALLET', 'AP_CARD'] } }],
			mfa: true,
			hint: internationalHint,
		},
		{
			operation: 'getMass',
			name: 'Get Mass Payment',
			action: 'Get the status of a mass payment',
			description: 'Get the status of a mass payment: each bill scheduled, completed (with its payment) or failed, and the counts',
			method: 'GET',
			path: '/v3/payments/mass/{paymentBatchId}',
			source: 'changelog',
			kind: 'get',
			pathParams: [massPaymentBatchIdParam],
		},
	],
});
