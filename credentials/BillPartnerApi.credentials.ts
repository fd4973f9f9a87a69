import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { baseUrl, CONNECT_BASE_EXPRESSION } from '../nodes/Bill/transport/environment';
import { coalescedLogin, partnerLogin, sessionAccountKey } from '../nodes/Bill/transport/session';
import { environmentProperties, sessionField } from './common';

/** BILL partner session (`POST /v3/partner/login`), sent as `appKey` + `sessionId` headers. */
export class BillPartnerApi implements ICredentialType {
	name = 'billPartnerApi';

	displayName = 'BILL Partner API';

	icon: Icon = { light: 'file:../icons/bill.svg', dark: 'file:../icons/bill.dark.svg' };

	documentationUrl = 'https://developer.bill.com/docs/partner-sign-in';

	properties: INodeProperties[] = [
		...environmentProperties,
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true, hint: 'Your BILL partner sign-in email' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'App Key',
			name: 'appApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'The partner app key BILL issued to you',
		},
		sessionField('Session ID'),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const connect = baseUrl(credentials, 'connect');
		const key = sessionAccountKey('billPartnerApi', credentials, connect);
		const { sessionId } = await coalescedLogin(key, String(credentials.sessionToken ?? ''), async () => ({
			sessionId: await partnerLogin(this, connect, { username: credentials.username, password: credentials.password, appKey: credentials.appApiKey }),
		}));
		return { sessionToken: sessionId };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				appKey: '={{$credentials.appApiKey}}',
				sessionId: '={{$credentials.sessionToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: CONNECT_BASE_EXPRESSION, url: '/v3/partner/organizations', method: 'GET', qs: { max: 1 } },
	};
}
