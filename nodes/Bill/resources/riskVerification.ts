import { defineResource } from './shared/operations';
import { organizationAdminHint } from './shared/hints';

export const riskVerification = defineResource({
	value: 'riskVerification',
	name: 'Risk Verification',
	api: 'connect',
	description: 'KYC/KYB verification BILL performs before approving an organization for AP and AR',
	operations: [
		{
			operation: 'get',
			name: 'Get',
			action: 'Get the risk verification status',
			description: 'Get the processing status and decision of the organization\'s risk verification',
			method: 'GET',
			path: '/v3/risk-verifications',
			kind: 'get',
		},
		{
			operation: 'initiate',
			name: 'Initiate',
			action: 'Initiate risk verification',
			description:
				'Start BILL\'s KYC/KYB check of the organization; BILL emails the result and then approves it for AP and AR. The signed-in user needs a phone first (Add Phone).',
			method: 'POST',
			path: '/v3/risk-verifications',
			kind: 'action',
			hint: organizationAdminHint,
		},
		{
			operation: 'getPhoneStatus',
			name: 'Get Phone Status',
			action: 'Get the risk verification phone status',
			description: 'Whether the signed-in user has a phone number, which risk verification needs',
			method: 'GET',
			path: '/v3/risk-verifications/phone',
			kind: 'get',
		},
		{
			operation: 'addPhone',
			name: 'Add Phone',
			action: "Add a phone to the signed-in user's risk verification",
			description: 'Add a phone number for the signed-in user, needed before Initiate',
			method: 'POST',
			path: '/v3/risk-verifications/phone',
			kind: 'action',
			body: [
				{ name: 'phoneNumber', type: 'string', required: true, placeholder: '4155550100', description: 'Phone number of the signed-in user' },
				{
					name: 'phoneType',
					type: 'options',
					required: true,
					default: 'MOBILE',
					// MOBILE is BILL's example; WORK is the other type BILL's phone lists show [inferred].
					options: ['MOBILE', 'WORK'],
					description: 'Kind of phone',
				},
			],
			response: { empty: true },
		},
	],
});
