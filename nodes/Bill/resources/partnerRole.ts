import { defineResource, listOp } from './shared/operations';
import { organizationIdHeader } from './shared/partner';

export const partnerRole = defineResource({
	value: 'partnerRole',
	name: 'Partner Role',
	api: 'partner',
	description: 'User roles available in an organization your partner account created',
	operations: [
		listOp(
			{ many: 'roles of a partner organization' },
			'/v3/partner/roles',
			{
				description: 'List the user roles of an organization (Administrator, Accountant, Approver, …)',
				filterFields: ['id', 'type'],
				sortFields: ['createdTime', 'updatedTime'],
			},
			{ headers: [organizationIdHeader] },
		),
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a role of a partner organization',
			description: 'Get a user role of an organization',
			method: 'GET',
			path: '/v3/partner/roles/{roleId}',
			kind: 'get',
			pathParams: [
				{ name: 'roleId', label: 'Role ID', type: 'string', required: true, idPrefix: '0po', description: 'The user role. IDs begin with `0po`.' },
			],
			headers: [organizationIdHeader],
		},
	],
});
