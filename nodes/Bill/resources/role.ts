import { defineResource, listOp } from './shared/operations';

export const role = defineResource({
	value: 'role',
	name: 'Role',
	api: 'connect',
	description: 'User roles of the organization (what each user may do)',
	locator: {
		nameField: 'description',
		idPrefix: '0po',
		urlRegex: '(0po[0-9A-Za-z]{10,})',
		placeholder: '0po01ABCDEFGHIJ1234',
	},
	operations: [
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a user role',
			description: 'Get the details of a user role',
			method: 'GET',
			path: '/v3/roles/{roleId}',
			kind: 'get',
			pathParams: [
				{
					name: 'roleId',
					label: 'Role',
					type: 'string',
					required: true,
					locator: 'role',
					idPrefix: '0po',
					description: 'The user role. IDs begin with `0po`.',
				},
			],
		},
		listOp(
			{ many: 'user roles' },
			'/v3/roles',
			{
				description: 'List the user roles of the organization (Administrator, Accountant, Approver, Payer, Clerk, Auditor and custom roles)',
				filterFields: ['id', 'type', 'createdTime', 'updatedTime'],
				sortFields: ['type', 'createdTime', 'updatedTime'],
			},
		),
	],
});
