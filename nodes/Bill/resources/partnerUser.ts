import type { FieldDef } from '../catalog/types';
import { defineResource, listOp } from './shared/operations';
import { partnerHint } from './shared/hints';
import { organizationIdHeader, partnerUserIdParam } from './shared/partner';

const roleIdField: FieldDef = {
	name: 'roleId',
	label: 'Role ID',
	type: 'string',
	idPrefix: '0po',
	description: 'User role in the organization (see Partner Role → Get Many). IDs begin with `0po`.',
};

export const partnerUser = defineResource({
	value: 'partnerUser',
	name: 'Partner User',
	api: 'partner',
	description: 'Users of an organization your partner account created',
	operations: [
		listOp(
			{ many: 'users of a partner organization' },
			'/v3/partner/users',
			{
				description: 'List the users of an organization, with filters and sorting',
				filterFields: ['id', 'email', 'archived', 'createdTime', 'updatedTime'],
				sortFields: ['createdTime', 'updatedTime'],
			},
			{ headers: [organizationIdHeader] },
		),
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a user in a partner organization',
			description: 'Create a user in an organization. Then add their phone (Partner Risk Verification) and sign in as them to start risk verification.',
			method: 'POST',
			path: '/v3/partner/users',
			kind: 'create',
			headers: [organizationIdHeader],
			hint: partnerHint,
			body: [
				{ name: 'firstName', type: 'string', required: true, description: 'First name' },
				{ name: 'email', type: 'string', required: true, placeholder: 'name@email.com', description: 'Email address' },
				{ name: 'username', type: 'string', required: true, description: 'Username the user signs in with' },
				{ name: 'acceptTermsOfService', type: 'boolean', required: true, default: false, description: 'Whether the user accepts the BILL terms of service (BILL requires true)' },
				{ name: 'lastName', type: 'string', description: 'Last name' },
				roleIdField,
				{ name: 'externalReferenceId', label: 'External Reference ID', type: 'string', description: 'ID of the user in your own system' },
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a user of a partner organization',
			description: 'Get a user of an organization with their role',
			method: 'GET',
			path: '/v3/partner/users/{userId}',
			kind: 'get',
			pathParams: [partnerUserIdParam],
			headers: [organizationIdHeader],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a user of a partner organization',
			description: 'Update the fields you set; the others keep their values',
			method: 'PATCH',
			path: '/v3/partner/users/{userId}',
			kind: 'update',
			pathParams: [partnerUserIdParam],
			headers: [organizationIdHeader],
			body: [
				{ name: 'firstName', type: 'string', description: 'First name' },
				{ name: 'lastName', type: 'string', description: 'Last name' },
				{ name: 'email', type: 'string', placeholder: 'name@email.com', description: 'Email address' },
				roleIdField,
			],
		},
		{
			operation: 'archive',
			name: 'Archive',
			action: 'Archive a user of a partner organization',
			description: 'Archive a user so they can no longer sign in (Restore brings them back)',
			method: 'POST',
			path: '/v3/partner/users/{userId}/archive',
			kind: 'archive',
			pathParams: [partnerUserIdParam],
			headers: [organizationIdHeader],
		},
		{
			operation: 'restore',
			name: 'Restore',
			action: 'Restore a user of a partner organization',
			description: 'Restore an archived user',
			method: 'POST',
			path: '/v3/partner/users/{userId}/restore',
			kind: 'restore',
			pathParams: [partnerUserIdParam],
			headers: [organizationIdHeader],
		},
	],
});
