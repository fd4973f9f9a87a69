import { defineResource } from './shared/operations';
import { vendorIdParam } from './shared/ids';
import { bankAccountOwnerTypeOptions, bankAccountTypeOptions } from './shared/fields';

const path = '/v3/vendors/{vendorId}/bank-account';

/** A vendor has at most one bank account: BILL pays the vendor electronically with it. */
export const vendorBankAccount = defineResource({
	value: 'vendorBankAccount',
	name: 'Vendor Bank Account',
	api: 'connect',
	description: 'The bank account a vendor is paid to (one per vendor)',
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a vendor bank account',
			description:
				'Add the bank account of a vendor to enable electronic payments. BILL verifies it once within 2 business days: payments need a process date at least 2 business days ahead. To change it, delete it and create it again.',
			method: 'POST',
			path,
			kind: 'create',
			pathParams: [vendorIdParam],
			body: [
				{ name: 'accountNumber', type: 'string', required: true, description: 'Account number, or IBAN for international vendors' },
				{ name: 'routingNumber', type: 'string', description: 'Bank routing number; leave empty for an IBAN account number' },
				{ name: 'nameOnAccount', type: 'string', description: 'Name on the bank account' },
				{ name: 'type', type: 'options', options: bankAccountTypeOptions, default: 'CHECKING' },
				{ name: 'ownerType', type: 'options', options: bankAccountOwnerTypeOptions, default: 'BUSINESS' },
				{ name: 'paymentCurrency', type: 'options', optionList: 'getCurrencies', default: 'USD' },
				{
					name: 'regulatoryFields',
					type: 'array',
					description:
						"Regulatory fields some countries require for international bank accounts (see the vendor's configuration); name and value for each",
					fields: [
						{ name: 'name', type: 'string', required: true },
						{ name: 'value', type: 'string', required: true },
					],
				},
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a vendor bank account',
			description: 'Get the bank account of a vendor',
			method: 'GET',
			path,
			kind: 'get',
			pathParams: [vendorIdParam],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a vendor bank account',
			description: 'Delete the bank account of a vendor (the first step of changing it)',
			method: 'DELETE',
			path,
			kind: 'delete',
			pathParams: [vendorIdParam],
			response: { empty: true },
		},
	],
});
