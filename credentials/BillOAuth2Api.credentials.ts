import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { baseUrl, CONNECT_BASE_EXPRESSION, tokenUrl } from '../nodes/Bill/transport/environment';
import { clientCredentialsToken, coalescedLogin, sessionAccountKey } from '../nodes/Bill/transport/session';
import { environmentProperties, sessionField } from './common';

/**
 * BILL OAuth client credentials (docs/oauth-facts.md): BILL's recommended sign-in for Accounts
 * Payable, Accounts Receivable and Spend & Expense. A new credential type rather than a fourth
 * "Sign In As" of BILL API: it serves the Spend & Expense resources too (BILL API does not), it has
 * no developer key or organization ID, and saved BILL API / S&E credentials stay exactly as they are.
 *
 * `preAuthentication` gets an access token (`POST /authx/token`) and n8n stores it in the hidden
 * expirable field, so later executions and every queue-mode worker reuse it. When BILL refuses it
 * (401, e.g. expired), the request layer asks once more — one token request per expiry however many
 * requests are in flight (session.ts coalescedLogin) — and resends. Sent as
 * `Authorization: Bearer <token>`, the only credential BILL needs with it.
 */
export class BillOAuth2Api implements ICredentialType {
	name = 'billOAuth2Api';

	displayName = 'BILL OAuth2 Client Credentials API';

	icon: Icon = { light: 'file:../icons/bill.svg', dark: 'file:../icons/bill.dark.svg' };

	documentationUrl = 'https://developer.bill.com/docs/oauth-client-credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'For Accounts Payable, Accounts Receivable and Spend &amp; Expense. BILL does not accept OAuth for webhooks (BILL Trigger), partner operations, MFA or the Accountant Console: use BILL API, BILL Spend &amp; Expense API or BILL Partner API there. The token has exactly the product permissions of the BILL user who created the app.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...environmentProperties,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			hint: 'Of a developer app in the BILL web app of the organization (created separately in sandbox and production)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		sessionField('Access Token'),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const clientId = String(credentials.clientId ?? '').trim();
		const clientSecret = String(credentials.clientSecret ?? '');
		if (!clientId || !clientSecret) throw new Error('The BILL OAuth credential needs a Client ID and a Client Secret (from the developer app in the BILL web app)');
		const key = sessionAccountKey('billOAuth2Api', credentials, baseUrl(credentials, 'connect'));
		const url = tokenUrl(credentials);
		const token = await coalescedLogin(key, String(credentials.sessionToken ?? ''), async () => {
			const t = await clientCredentialsToken(this, url, clientId, clientSecret);
			return { sessionId: t.accessToken };
		});
		return { sessionToken: token.sessionId };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } },
	};

	// An AP/AR read any AP user may make [inferred]; token errors come from preAuthentication, in words.
	// BILL's error answer is read as a body (n8n's test keeps only a generic text for an HTTP error); n8n's
	// routing makes each element of BILL's error array an item, and the rules read the first one.
	test: ICredentialTestRequest = {
		request: { baseURL: CONNECT_BASE_EXPRESSION, url: '/v3/vendors', qs: { max: 1 }, method: 'GET', ignoreHttpStatusErrors: true },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'BDC_1109',
					message: 'BILL gave an access token but refused it on the API: check that the Environment is the one the app was created in.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'severity',
					value: 'ERROR',
					message:
						'BILL accepted the client ID and secret but refused to read vendors: the token has exactly the product permissions of the BILL user who created the app, and that user most likely has no Accounts Payable / Receivable access in this organization. Give the user AP/AR access or create the app as a user who has it (an S&E-only app still works for the Spend & Expense resources).',
				},
			},
		],
	};
}
