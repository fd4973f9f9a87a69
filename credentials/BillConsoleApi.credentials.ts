import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CONNECT_BASE_EXPRESSION } from '../nodes/Bill/transport/environment';
import { consoleSignIn } from '../nodes/Bill/transport/session';
import { environmentProperties, sessionField } from './common';

/**
 * BILL Accountant Console (docs/oauth-facts.md): a Console API token signs in to any client
 * organization of the Console (`POST /v3/login` with `username`, `consoleApiToken`, `devKey`,
 * `organizationId`) and the session then runs every AP/AR operation there.
 *
 * The credential's own session (n8n's expirable field) is for its Default Client Organization: the
 * HTTP Request node and the credential test use it. The BILL node signs in per client organization
 * (its Client Organization ID, one per item) and keeps those sessions in memory, one sign-in per
 * organization however many requests are in flight (transport/session.ts).
 */
export class BillConsoleApi implements ICredentialType {
	name = 'billConsoleApi';

	displayName = 'BILL Accountant Console API';

	icon: Icon = { light: 'file:../icons/bill.svg', dark: 'file:../icons/bill.dark.svg' };

	documentationUrl = 'https://developer.bill.com/docs/bill-accountant-console-operations';

	properties: INodeProperties[] = [
		...environmentProperties,
		{
			displayName: 'Console Email',
			name: 'username',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			hint: 'The email address you sign in to the BILL Accountant Console with',
		},
		{
			displayName: 'Console API Token',
			name: 'consoleApiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'Generated in the BILL Accountant Console (see BILL Accountant Console operations on developer.bill.com)',
		},
		{
			displayName: 'Developer Key',
			name: 'developerApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'The developer key used with your client organizations, issued separately for sandbox and production',
		},
		{
			displayName: 'Default Client Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00801ABCDEFGHIJ1234',
			hint: "Begins with 008. Used when the BILL node's Client Organization ID is empty, by the HTTP Request node and by the credential test",
		},
		sessionField('Session ID'),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return { sessionToken: await consoleSignIn(this, credentials, String(credentials.organizationId ?? ''), String(credentials.sessionToken ?? '')) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				devKey: '={{$credentials.developerApiKey}}',
				sessionId: '={{$credentials.sessionToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: CONNECT_BASE_EXPRESSION, url: '/v3/login/organizations', method: 'GET' },
	};
}
