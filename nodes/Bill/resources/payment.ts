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
const cardFundingPurposeField: FieldDef = {
	name: 'cardFundingPurpose',
	type: 'string',
	description:
		"Needed with a card account when BILL cannot identify the vendor's industry; Card Account › Get Funding Purposes lists the values",
};

/** Body of a single payment (POST /v3/payments). */
const paymentFields: FieldDef[] = [
	{ name: 'amount', type: 'number', required: true, description: "Amount to pay, in the bill's currency for international payments" },
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
];

/** One bill of a bulk payment: an element of the `payments` array. */
const bulkPaymentElementFields: FieldDef[] = [
	idField('billId', { label: 'Bill', what: 'The existing bill to pay', prefix: '00n', locator: 'bill' }),
	{ name: 'amount', type: 'number', required: true, description: 'Amount to pay on this bill (at most its due amount)' },
	idField('vendorId', { label: 'Vendor', what: "The bill's vendor (optional)", prefix: '009', locator: 'vendor', required: false }),
];

/**
 * Fields of the bulk payment body that sit beside the `payments` array, once per request
 * (`{ fundingAccount, processDate, …, payments: [...] }`).
 * TODO(lead): BulkDef has no place for them yet; they ride on `request` until `envelope` is typed.
 */
export const bulkPaymentEnvelopeFields: FieldDef[] = [
	fundingAccountField,
	processDateField,
	descriptionField,
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
			mfa: true,
		},
		{
			operation: 'createMany',
			name: 'Create Many',
			action: 'Create many payments',
			description:
				'Pay one existing bill per input item from one funding account, sent to BILL in batches of 50 bills (all-or-nothing per batch); the bills may belong to different vendors',
			method: 'POST',
			path: '/v3/payments/bulk',
			kind: 'createMany',
			body: bulkPaymentElementFields,
			bulk: { limit: 50, request: bulkPaymentRequest, responseKey: 'payments' },
			mfa: true,
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
	],
});
