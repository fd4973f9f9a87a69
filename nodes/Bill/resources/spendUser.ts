import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { spendAdminHint } from './shared/hints';
import { spendList, spendRoleOptions, spendUserIdParam } from './shared/spend';

const userFields = (forUpdate: boolean): FieldDef[] => [
	{ name: 'firstName', type: 'string', required: !forUpdate, description: 'First name' },
	{ name: 'lastName', type: 'string', required: !forUpdate, description: 'Last name' },
	{ name: 'email', type: 'string', required: !forUpdate, placeholder: 'name@email.com', description: 'Email address; BILL sends the invitation there' },
	{ name: 'role', type: 'options', options: spendRoleOptions, required: !forUpdate, default: 'MEMBER', description: 'Spend & Expense role of the user' },
	{ name: 'dateOfBirth', type: 'date', description: 'Date of birth' },
];

export const spendUser = defineResource({
	value: 'spendUser',
	name: 'Spend & Expense User',
	api: 'spend',
	description: 'People of the Spend & Expense company: admins, auditors, bookkeepers and members',
	locator: { nameField: 'email', placeholder: 'User UUID' },
	operations: [
		spendList({
			action: 'Get many Spend & Expense users',
			description: 'List the users of the company, with filters (BILL offers no sorting here)',
			path: '/v3/spend/users',
			filters: true,
			sort: false,
			filterFields: ['retired', 'email', 'role'],
		}),
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a Spend & Expense user',
			description: 'Add a user to the company with a role; BILL emails them an invitation',
			method: 'POST',
			path: '/v3/spend/users',
			kind: 'create',
			body: userFields(false),
			hint: spendAdminHint,
		},
		{
			operation: 'getCurrent',
			name: 'Get Current',
			action: 'Get the current Spend & Expense user',
			description: 'Get the user who generated the API token the credential uses',
			method: 'GET',
			path: '/v3/spend/users/current',
			kind: 'get',
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a Spend & Expense user',
			description: 'Get a user with role and status',
			method: 'GET',
			path: '/v3/spend/users/{userId}',
			kind: 'get',
			pathParams: [spendUserIdParam],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a Spend & Expense user',
			description: 'Update the fields you set; the others keep their values',
			method: 'PATCH',
			path: '/v3/spend/users/{userId}',
			kind: 'update',
			pathParams: [spendUserIdParam],
			body: userFields(true),
			hint: spendAdminHint,
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a Spend & Expense user',
			description: 'Delete a user. BILL cannot restore a deleted user.',
			method: 'DELETE',
			path: '/v3/spend/users/{userId}',
			kind: 'delete',
			pathParams: [spendUserIdParam],
			response: { empty: true },
			hint: spendAdminHint,
		},
	],
});
