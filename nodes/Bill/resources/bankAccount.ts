import type { FieldDef } from '../catalog/types';
import { archiveOp, defineResource, getOp, listOp, type Noun } from './shared/operations';
import { bankAccountIdParam, idField } from './shared/ids';
import { bankAccountOwnerTypeOptions, bankAccountTypeOptions } from './shared/fields';
import { FILTERS } from './shared/filters';

const noun: Noun = { one: 'bank account', many: 'bank accounts' };

const chartOfAccountField: FieldDef = {
	name: 'chartOfAccountId',
	label: 'Chart of Account',
	type: 'string',
	optionsFrom: 'chartOfAccount',
	idPrefix: '0ca',
	description: 'Chart of account the bank account is tracked in. Begins with `0ca`.',
};
const accessToAdminsField: FieldDef = {
	name: 'accessToAdmins',
	type: 'boolean',
	default: false,
	description: 'Whether every user with the Administrator role can use the bank account',
};

const usersPath = '/v3/funding-accounts/banks/users';

/** Bank accounts your organization pays from or gets paid to, and the users allowed to pay with them. */
export const bankAccount = defineResource({
	value: 'bankAccount',
	name: 'Bank Account',
	api: 'connect',
	description: "Your organization's bank accounts (funding accounts) and their users",
	locator: { nameField: 'bankName', idPrefix: 'bac', urlRegex: '(bac[0-9A-Za-z]+)', placeholder: 'bac01ABCDEFGHIJ1234' },
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a bank account',
			description:
				'Add a bank account to your organization (Administrator role required). BILL sends a test deposit to it: the account stays PENDING until Verify confirms the amount.',
			method: 'POST',
			path: '/v3/funding-accounts/banks',
			kind: 'create',
			body: [
				{ name: 'nameOnAccount', type: 'string', required: true, description: 'Full name on the bank account' },
				{ name: 'routingNumber', type: 'string', required: true, description: 'Bank routing number' },
				{ name: 'accountNumber', type: 'string', required: true, description: 'Bank account number' },
				{ name: 'type', type: 'options', options: bankAccountTypeOptions, required: true, default: 'CHECKING' },
				{ name: 'ownerType', type: 'options', options: bankAccountOwnerTypeOptions, required: true, default: 'BUSINESS' },
				{ name: 'bankName', type: 'string', required: true, description: 'Nickname of the bank account in BILL' },
				accessToAdminsField,
				chartOfAccountField,
			],
			mfa: true,
			hint: 'Needs a user with the Administrator role in the BILL organization.',
		},
		getOp(noun, '/v3/funding-accounts/banks/{bankAccountId}', bankAccountIdParam),
		listOp(noun, '/v3/funding-accounts/banks', {
			filterFields: FILTERS.bankAccount,
			sortFields: ['createdTime', 'updatedTime', 'archived'],
		}),
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a bank account',
			description:
				'Update a verified bank account. Routing number, account number and type cannot change: create another bank account instead.',
			method: 'PATCH',
			path: '/v3/funding-accounts/banks/{bankAccountId}',
			kind: 'update',
			mfa: true,
			pathParams: [bankAccountIdParam],
			body: [
				{ name: 'nameOnAccount', type: 'string', description: 'Full name on the bank account' },
				{ name: 'ownerType', type: 'options', options: bankAccountOwnerTypeOptions, default: 'BUSINESS' },
				{ name: 'bankName', type: 'string', description: 'Nickname of the bank account in BILL' },
				accessToAdminsField,
				{
					name: 'default',
					label: 'Default For',
					type: 'object',
					description: 'Whether this is the default account for paying bills and for receiving payments',
					fields: [
						{ name: 'payables', type: 'boolean', default: false, description: 'Whether bills are paid from this account by default' },
						{ name: 'receivables', type: 'boolean', default: false, description: 'Whether customer payments go to this account by default' },
					],
				},
				chartOfAccountField,
			],
		},
		archiveOp(noun, '/v3/funding-accounts/banks/{bankAccountId}/archive', bankAccountIdParam, {
			description:
				'Archive a bank account of your organization. BILL requires the account to be verified and its users to be verified first.',
		}),
		{
			operation: 'verify',
			name: 'Verify',
			action: 'Verify a bank account',
			description:
				'Confirm the amount of the test deposit BILL sent to a new bank account; after three failed attempts the account cannot be used. In sandbox, 0.50 always verifies.',
			method: 'POST',
			path: '/v3/funding-accounts/banks/{bankAccountId}/verify',
			kind: 'action',
			pathParams: [bankAccountIdParam],
			body: [{ name: 'depositAmount', type: 'number', required: true, description: 'Amount of the test deposit, e.g. 0.50' }],
		},
		listOp(
			{ many: 'bank account users' },
			usersPath,
			{
				description:
					'List who may pay with which bank account. A user whose verification status is NOMINATED must verify their identity before paying.',
				query: [{ name: 'currentUser', type: 'boolean', default: false, description: 'Whether to list only the signed-in user' }],
				filterFields: ['id', 'bankAccountId', 'userId', 'verificationStatus', 'archived', 'createdTime', 'updatedTime'],
				sortFields: ['archived', 'createdTime', 'updatedTime'],
			},
			{ operation: 'getUsers', name: 'Get Users' },
		),
		{
			operation: 'nominateUser',
			name: 'Nominate User',
			action: 'Nominate a bank account user',
			description:
				'Allow a user to pay with a verified bank account: BILL emails the user to verify their identity, then their status turns from NOMINATED to VERIFIED',
			method: 'POST',
			path: `${usersPath}/nominate`,
			kind: 'action',
			body: [
				idField('bankAccountId', { label: 'Bank Account', what: 'The verified bank account', prefix: 'bac', locator: 'bankAccount' }),
				idField('userId', { label: 'User', what: 'The user of your organization', prefix: '006' }),
			],
		},
		{
			operation: 'archiveUser',
			name: 'Archive User',
			action: 'Archive a bank account user',
			description: 'Withdraw a user from a bank account: the user is archived and no longer verified to pay with it',
			method: 'POST',
			path: `${usersPath}/{bankAccountUserId}/archive`,
			kind: 'archive',
			pathParams: [idField('bankAccountUserId', { label: 'Bank Account User ID', what: 'The bank account user (from Get Users)' })],
		},
	],
});
