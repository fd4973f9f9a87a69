import type { FieldDef } from '../catalog/types';
import { defineResource, listOp, upsertOp } from './shared/operations';
import { customerIdParam } from './shared/ids';
import { addressFields, contactNameFields, counterpartyAccountTypeOptions } from './shared/fields';
import { FILTERS } from './shared/filters';

/** Body of a customer (create and update). */
const customerFields = (forUpdate: boolean): FieldDef[] => [
	{ name: 'name', type: 'string', required: !forUpdate, description: 'Customer name' },
	{ name: 'email', type: 'string', required: !forUpdate, placeholder: 'name@email.com', description: 'Customer email address; BILL sends invoices here' },
	{ name: 'companyName', type: 'string', description: 'Customer company name' },
	{ name: 'contact', type: 'object', description: 'Contact person at the customer', fields: contactNameFields },
	{ name: 'accountType', type: 'options', options: counterpartyAccountTypeOptions, default: 'BUSINESS', description: 'Whether the customer is a business or a person' },
	{ name: 'phone', type: 'string', description: 'Customer phone number' },
	{ name: 'fax', type: 'string', description: 'Customer fax number' },
	{ name: 'description', type: 'string', description: 'Customer description' },
	{ name: 'invoiceCurrency', type: 'options', optionList: 'getCurrencies', default: 'USD', description: 'Currency the customer is invoiced in' },
	{
		name: 'paymentTermId',
		label: 'Payment Term ID',
		type: 'string',
		idPrefix: '00p',
		description: 'Payment term: the number of days the customer has to pay an invoice. Begins with `00p`.',
	},
	{ name: 'accountNumber', type: 'string', description: 'Customer account number; it appears on the customer\'s invoices' },
	{ name: 'billingAddress', type: 'object', description: 'Address invoices are billed to', fields: addressFields },
	{ name: 'shippingAddress', type: 'object', description: 'Address goods are shipped to', fields: addressFields },
];

export const customer = defineResource({
	value: 'customer',
	name: 'Customer',
	api: 'connect',
	description: 'Businesses and people you invoice',
	simplifyFields: ['id', 'name', 'email', 'companyName', 'accountType', 'balance', 'archived'],
	locator: {
		nameField: 'name',
		searchField: 'name',
		idPrefix: '0cu',
		urlRegex: '(0cu[0-9A-Za-z]{10,})',
		placeholder: '0cu01ABCDEFGHIJ1234',
	},
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a customer',
			description: 'Create a customer in the BILL organization; name and email are required',
			method: 'POST',
			path: '/v3/customers',
			kind: 'create',
			body: customerFields(false),
		},
		upsertOp({ one: 'customer', many: 'customers' }, '/v3/customers', customerFields(false), ['name', 'email', 'accountNumber', 'companyName']),
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a customer',
			description: 'Get the details of a customer, including its open balance',
			method: 'GET',
			path: '/v3/customers/{customerId}',
			kind: 'get',
			pathParams: [customerIdParam],
		},
		listOp(
			{ many: 'customers' },
			'/v3/customers',
			{
				filterFields: FILTERS.customer,
				sortFields: ['name', 'createdTime', 'updatedTime', 'archived'],
			},
		),
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a customer',
			description: 'Update the fields you set; the others keep their values',
			method: 'PATCH',
			path: '/v3/customers/{customerId}',
			kind: 'update',
			pathParams: [customerIdParam],
			body: customerFields(true),
		},
		{
			operation: 'archive',
			name: 'Archive',
			action: 'Archive a customer',
			description: 'Archive a customer (BILL keeps archived objects; Restore brings it back). Archiving an archived customer changes nothing.',
			method: 'POST',
			path: '/v3/customers/{customerId}/archive',
			kind: 'archive',
			pathParams: [customerIdParam],
		},
		{
			operation: 'restore',
			name: 'Restore',
			action: 'Restore a customer',
			description: 'Restore an archived customer',
			method: 'POST',
			path: '/v3/customers/{customerId}/restore',
			kind: 'restore',
			pathParams: [customerIdParam],
		},
	],
});
