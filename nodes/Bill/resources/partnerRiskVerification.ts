import { defineResource } from './shared/operations';
import { organizationIdHeader, partnerUserIdParam } from './shared/partner';

export const partnerRiskVerification = defineResource({
	value: 'partnerRiskVerification',
	name: 'Partner Risk Verification',
	api: 'partner',
	description: 'Preparing users of partner organizations for BILL risk verification (KYC/KYB)',
	operations: [
		{
			operation: 'addPhone',
			name: 'Add Phone',
			action: "Add a phone to a partner organization user's risk verification",
			description: 'Add a phone number to a user of an organization; BILL needs it before risk verification of the organization can start',
			method: 'POST',
			path: '/v3/partner/risk-verifications/{userId}/phone',
			kind: 'action',
			pathParams: [partnerUserIdParam],
			headers: [organizationIdHeader],
			body: [
				{ name: 'phoneNumber', type: 'string', required: true, description: 'Phone number of the user' },
				{ name: 'phoneType', type: 'options', options: [{ name: 'Mobile', value: 'MOBILE' }, { name: 'Work', value: 'WORK' }], required: true, default: 'MOBILE', description: 'Kind of phone' },
			],
			response: { empty: true },
			hint: 'Next, sign in as this user (a BILL API credential in "Partner: Log In as User" mode) and start risk verification with the Risk Verification resource.',
		},
	],
});
