import type { FieldDef } from '../catalog/types';
import { archiveOp, defineResource, getOp, listOp, type Noun, restoreOp, upsertOp } from './shared/operations';
import { vendorIdParam } from './shared/ids';
import { addressFields, bankAccountOwnerTypeOptions, bankAccountTypeOptions, counterpartyAccountTypeOptions, paymentPurposeFields } from './shared/fields';
import { FILTERS } from './shared/filters';

const noun: Noun = { one: 'vendor', many: 'vendors' };

/** Body of a vendor (create, update and each element of Create Many). */
const vendorFields = (forUpdate: boolean): FieldDef[] => [
	{ name: 'name', type: 'string', required: !forUpdate, description: 'Vendor name' },
	{ name: 'shortName', type: 'string', description: 'Vendor short name' },
	{
		name: 'accountNumber',
		type: 'string',
		description: 'Your account number with the vendor, as on its billing statements (e.g. for utility or credit card bills)',
	},
	{
		name: 'accountType',
		type: 'options',
		options: counterpartyAccountTypeOptions,
		default: 'BUSINESS',
		description: 'Whether the vendor is a business or a person',
	},
	{ name: 'email', type: 'string', placeholder: 'name@email.com', description: 'Vendor email address' },
	{ name: 'phone', type: 'string', description: 'Vendor phone number' },
	{
		name: 'address',
		type: 'object',
		required: !forUpdate,
		description: 'Vendor address. Line 1, city, ZIP and country (with a payee name) are needed for check payments and network invitations.',
		fields: addressFields,
	},
	{
		name: 'billCurrency',
		type: 'options',
		optionList: 'getCurrencies',
		default: 'USD',
		description: 'Currency the vendor bills you in; other than USD makes this an international vendor',
	},
	{
		name: 'paymentInformation',
		type: 'object',
		description: 'How the vendor is paid. A bank account enables electronic payments (BILL verifies it within 2 business days).',
		fields: [
			{ name: 'payeeName', type: 'string', description: 'Name printed on checks' },
			{ name: 'email', type: 'string', description: 'Email for payment notifications' },
			{
				name: 'bankAccount',
				type: 'object',
				fields: [
					{ name: 'nameOnAccount', type: 'string' },
					{ name: 'accountNumber', type: 'string', description: 'Account number, or IBAN for international vendors' },
					{ name: 'routingNumber', type: 'string', description: 'Leave empty for an IBAN account' },
					{ name: 'type', type: 'options', options: bankAccountTypeOptions, default: 'CHECKING' },
					{ name: 'ownerType', type: 'options', options: bankAccountOwnerTypeOptions, default: 'BUSINESS' },
					{ name: 'paymentCurrency', type: 'options', optionList: 'getCurrencies', default: 'USD' },
					// [inferred] placement: BILL lists bankCountry and regulatoryFields with the bank account
					// fields of an international vendor (docs/creating-an-international-vendor).
					{ name: 'bankCountry', type: 'string', placeholder: 'DK', description: "Two-letter ISO code of the country of the vendor's bank (international vendors)" },
					{
						name: 'regulatoryFields',
						type: 'array',
						description:
							'Bank details BILL requires for the country, bill currency and account type of an international vendor: Vendor → Get International Payments Configuration lists them (validations.fields)',
						fields: [
							{ name: 'name', type: 'string', required: true, description: 'Name of the field, as the configuration lists it' },
							{ name: 'value', type: 'string', required: true },
						],
					},
				],
			},
			{
				name: 'paymentPurpose',
				type: 'object',
				description: 'Needed by some countries for international payments; Get International Payments Configuration says which',
				fields: paymentPurposeFields,
			},
		],
	},
	{
		name: 'additionalInfo',
		type: 'object',
		fields: [
			{ name: 'taxId', type: 'string', label: 'Tax ID' },
			{ name: 'taxIdType', type: 'options', label: 'Tax ID Type', options: ['EIN', 'SSN'], default: 'EIN' },
			{
				name: 'track1099',
				type: 'boolean',
				label: 'Track 1099',
				description: 'Whether BILL tracks this vendor for 1099 reporting',
				default: false,
			},
			{ name: 'leadTimeInDays', type: 'number', description: 'Days before the due date that a payment is sent' },
			{ name: 'combinePayments', type: 'boolean', description: 'Whether payments to this vendor are combined', default: false },
			{ name: 'paymentTermId', type: 'string', label: 'Payment Term ID' },
			{ name: 'companyName', type: 'string' },
		],
	},
	{
		name: 'autoPay',
		type: 'object',
		description: "Automatic payment of this vendor's bills. Enabling it in production needs an MFA-trusted session.",
		fields: [
			{ name: 'enabled', type: 'boolean', description: 'Whether auto-pay is enabled', default: false },
			{ name: 'bankAccountId', type: 'string', label: 'Bank Account', optionsFrom: 'bankAccount', description: 'Bank account bills are paid from. Begins with `bac`.' },
			{ name: 'maxAmount', type: 'number', description: 'Largest bill amount paid automatically' },
			{ name: 'daysBeforeDueDate', type: 'number', description: 'Days before the due date that the payment is scheduled' },
		],
	},
];

export const vendor = defineResource({
	value: 'vendor',
	name: 'Vendor',
	api: 'connect',
	description: 'Businesses and people you pay',
	locator: {
		nameField: 'name',
		searchField: 'name',
		idPrefix: '009',
		urlRegex: '(009[0-9A-Za-z]+)',
		placeholder: '00901ABCDEFGHIJ1234',
	},
	simplifyFields: ['id', 'name', 'email', 'phone', 'accountType', 'billCurrency', 'address', 'balance', 'networkStatus', 'archived'],
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a vendor',
			description: 'Create a vendor in the BILL organization. Name and address are required; a bank account enables electronic payments.',
			method: 'POST',
			path: '/v3/vendors',
			kind: 'create',
			body: vendorFields(false),
		},
		{
			operation: 'createMany',
			name: 'Create Many',
			action: 'Create many vendors',
			description: 'Create one vendor per input item, sent to BILL in batches of 20 (all-or-nothing per batch)',
			method: 'POST',
			path: '/v3/vendors/bulk',
			kind: 'createMany',
			body: vendorFields(false),
			bulk: { limit: 20, responseKey: 'vendors' },
		},
		upsertOp(noun, '/v3/vendors', vendorFields(false), ['name', 'email', 'accountNumber', 'shortName']),
		getOp(noun, '/v3/vendors/{vendorId}', vendorIdParam),
		listOp(noun, '/v3/vendors', {
			filterFields: FILTERS.vendor,
			sortFields: ['name', 'createdTime', 'updatedTime', 'archived'],
		}),
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a vendor',
			description: 'Update the fields you set; the others keep their values. A bank account is changed with Vendor Bank Account › Delete then Create.',
			method: 'PATCH',
			path: '/v3/vendors/{vendorId}',
			kind: 'update',
			pathParams: [vendorIdParam],
			body: vendorFields(true),
		},
		archiveOp(noun, '/v3/vendors/{vendorId}/archive', vendorIdParam),
		restoreOp(noun, '/v3/vendors/{vendorId}/restore', vendorIdParam),
		{
			operation: 'getConfiguration',
			name: 'Get Configuration',
			action: 'Get a vendor configuration',
			description:
				'Get the international payments configuration of an existing vendor: the payment purpose and bank regulatory fields BILL requires to pay it',
			method: 'GET',
			path: '/v3/vendors/{vendorId}/configuration',
			kind: 'get',
			pathParams: [vendorIdParam],
		},
		{
			operation: 'getInternationalPaymentsConfiguration',
			name: 'Get International Payments Configuration',
			action: 'Get international payments configuration',
			description:
				'Before creating an international (not USD) vendor, get the payment purpose and bank regulatory fields BILL requires for its country, currency and account type',
			method: 'GET',
			path: '/v3/vendors/configuration/international-payments',
			kind: 'get',
			query: [
				{ name: 'country', type: 'string', required: true, description: 'Two-letter ISO country code of the vendor', placeholder: 'GB' },
				{ name: 'billCurrency', type: 'options', optionList: 'getCurrencies', required: true, default: 'EUR' },
				{ name: 'accountType', type: 'options', options: counterpartyAccountTypeOptions, required: true, default: 'BUSINESS' },
			],
		},
	],
});
