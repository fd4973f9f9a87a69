import type { FieldDef } from '../catalog/types';
import { defineResource, listOp } from './shared/operations';
import { organizationAdminHint } from './shared/hints';

const userId: FieldDef = {
	name: 'userId',
	label: 'User',
	type: 'string',
	required: true,
	locator: 'user',
	idPrefix: '006',
	description: 'The user. IDs begin with `006`.',
};

const roleIdField = (required: boolean): FieldDef => ({
	name: 'roleId',
	label: 'Role',
	type: 'string',
	required,
	optionsFrom: 'role',
	idPrefix: '0po',
	description: 'User role (Administrator, Accountant, Approver, Payer, Clerk, Auditor or a custom role). IDs begin with `0po`.',
});

export const user = defineResource({
	value: 'user',
	name: 'User',
	api: 'connect',
	description: 'People who can sign in to your BILL organization',
	locator: {
		nameField: 'email',
		searchField: 'email',
		idPrefix: '006',
		urlRegex: '(006[0-9A-Za-z]{10,})',
		placeholder: '00601ABCDEFGHIJ1234',
	},
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a user',
			description: 'Add a user to the organization; BILL emails them to finish signing up',
			method: 'POST',
			path: '/v3/users',
			kind: 'create',
			body: [
				{ name: 'firstName', type: 'string', required: true, description: 'User first name' },
				{ name: 'lastName', type: 'string', required: true, description: 'User last name' },
				{ name: 'email', type: 'string', required: true, placeholder: 'name@email.com', description: 'User email address; BILL sends the sign-up email here' },
				roleIdField(true),
				{
					name: 'acceptTermsOfService',
					type: 'boolean',
					required: true,
					default: false,
					description: 'Whether the user accepts the BILL terms of service; BILL creates the user only when this is on',
				},
			],
			hint: organizationAdminHint,
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Get the details of a user, including their role',
			method: 'GET',
			path: '/v3/users/{userId}',
			kind: 'get',
			pathParams: [userId],
		},
		listOp(
			{ many: 'users' },
			'/v3/users',
			{
				description: 'List the users of the organization, with filters and sorting',
				filterFields: ['id', 'firstName', 'lastName', 'email', 'archived', 'createdTime', 'updatedTime'],
				sortFields: ['lastName', 'firstName', 'email', 'createdTime', 'updatedTime', 'archived'],
			},
		),
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a user',
			description: 'Update a user\'s name or role',
			method: 'PATCH',
			path: '/v3/users/{userId}',
			kind: 'update',
			pathParams: [userId],
			body: [
				{ name: 'firstName', type: 'string', description: 'User first name' },
				{ name: 'lastName', type: 'string', description: 'User last name' },
				roleIdField(false),
			],
		},
		{
			operation: 'archive',
			name: 'Archive',
			action: 'Archive a user',
			description: 'Archive a user: they can no longer sign in (Restore brings them back)',
			method: 'POST',
			path: '/v3/users/{userId}/archive',
			kind: 'archive',
			pathParams: [userId],
		},
		{
			operation: 'restore',
			name: 'Restore',
			action: 'Restore a user',
			description: 'Restore an archived user',
			method: 'POST',
			path: '/v3/users/{userId}/restore',
			kind: 'restore',
			pathParams: [userId],
		},
	],
});
