import { defineResource } from './shared/operations';
import { partnerOrganizationIdField } from './shared/partner';

export const partnerSession = defineResource({
	value: 'partnerSession',
	name: 'Partner Session',
	api: 'partner',
	description: 'Partner sign-in, and signing in to an organization as one of its users',
	operations: [
		{
			operation: 'login',
			name: 'Log In',
			action: 'Log in as a partner',
			description: 'Sign in with the BILL Partner API credential and check that it works. BILL answers with the partner session only, which stays inside n8n: the output says that the sign-in worked.',
			method: 'POST',
			path: '/v3/partner/login',
			kind: 'action',
			noAuth: true,
		},
		{
			operation: 'loginAsUser',
			name: 'Log In as User',
			action: 'Log in to an organization as a user',
			description: "Check that the partner can sign in to an organization it created as one of its users. BILL answers with the session and whether it is MFA-trusted; the node outputs only trusted (the session itself is never output).",
			method: 'POST',
			path: '/v3/partner/login-as-user',
			kind: 'action',
			body: [
				partnerOrganizationIdField('Organization to sign in to'),
				{
					name: 'userId',
					label: 'User ID',
					type: 'string',
					required: true,
					idPrefix: '006',
					description: 'User of that organization to sign in as. IDs begin with `006`.',
				},
				{
					name: 'rememberMeId',
					label: 'Remember Me ID',
					type: 'string',
					description: 'MFA Remember Me ID, to get an MFA-trusted session. Prefer storing it in the credential.',
				},
				{ name: 'device', type: 'string', description: 'MFA device nickname; set it with Remember Me ID' },
			],
			hint: 'To work in this organization as this user, create a BILL API credential with Authentication "Partner: Log In as User" (partner username, password, app key, developer key, user ID and organization ID): n8n then signs in as the user before each run and keeps the session secret. This operation only checks the sign-in and outputs whether the session is trusted.',
		},
	],
});
