import type { ResourceDef } from '../catalog/types';
import { organizationIdHeader } from './shared/partner';

export const partnerRole: ResourceDef = {
	value: 'partnerRole',
	name: 'Partner Role',
	api: 'partner',
	description: 'User roles available in an organization your partner account created',
	operations: [
		{
			resource: 'partnerRole',
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many roles of a partner organization',
			description: 'List the user roles of an organization (Administrator, Accountant, Approver, …)',
			api: 'partner',
			method: 'GET',
			path: '/v3/partner/roles',
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
			headers: [organizationIdHeader],
			filters: true,
			sort: true,
			filterFields: ['id', 'type'],
			sortFields: ['createdTime', 'updatedTime'],
		},
		{
			resource: 'partnerRole',
			operation: 'get',
			name: 'Get',
			action: 'Get a role of a partner organization',
			description: 'Get a user role of an organization',
			api: 'partner',
			method: 'GET',
			path: '/v3/partner/roles/{roleId}',
			kind: 'get',
			pathParams: [
				{ name: 'roleId', label: 'Role ID', type: 'string', required: true, idPrefix: '0po', description: 'The user role. IDs begin with `0po`.' },
			],
			headers: [organizationIdHeader],
		},
	],
};
