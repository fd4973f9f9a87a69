import { defineResource } from './shared/operations';

/** What the organization and the signed-in user may pay with. */
export const fundingAccount = defineResource({
	value: 'fundingAccount',
	name: 'Funding Account',
	api: 'connect',
	description: 'Payment permissions of your organization and the signed-in user',
	operations: [
		{
			operation: 'getPermissions',
			name: 'Get Permissions',
			action: 'Get funding account permissions',
			description:
				'Get which funding accounts the organization may pay with (cards, AMEX, BILL balance) and whether the signed-in user may pay online',
			method: 'GET',
			path: '/v3/funding-accounts/permissions',
			kind: 'get',
		},
	],
});
