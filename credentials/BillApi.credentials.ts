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
import { TIMEOUTS } from '../nodes/Bill/transport/retry';
import { coalescedLogin, loginRequest, partnerLogin, sessionAccountKey } from '../nodes/Bill/transport/session';
import { environmentProperties, sessionField } from './common';

/**
 * BILL organization session (Connect API: AP, AR, network, MFA, webhooks of the organization).
 * `preAuthentication` signs in (`POST /v3/login`, or partner login + login-as-user) and n8n stores
 * the session in the hidden `sessionId` field, so later executions reuse it until BILL says it
 * expired (401 BDC_1109): then n8n calls preAuthentication once more and resends the request.
 */
export class BillApi implements ICredentialType {
	name = 'billApi';

	displayName = 'BILL API';

	icon: Icon = { light: 'file:../icons/bill.svg', dark: 'file:../icons/bill.dark.svg' };

	documentationUrl = 'https://developer.bill.com/docs/sign-in';

	properties: INodeProperties[] = [
		...environmentProperties,
		{
			displayName: 'Sign In As',
			name: 'loginType',
			type: 'options',
			options: [
				{ name: 'Organization User', value: 'user', description: 'Sign in with the username and password of a BILL user of the organization' },
				{
					name: 'Sync Token',
					value: 'syncToken',
					description: 'Sign in with a sync token of the organization (longer sessions, no payments: BILL never makes them MFA-trusted)',
				},
				{
					name: 'Partner: Log In as User',
					value: 'partnerLoginAsUser',
					description: 'Sign in as a BILL partner, then act as a user of one of your organizations',
				},
			],
			default: 'user',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			hint: 'The email you sign in to BILL with, or the name of a sync token (Settings → Sync & Integrations → Tokens). Sync-token sessions cannot make payments.',
			displayOptions: { show: { loginType: ['user', 'syncToken'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'Your BILL password, or the value of the sync token',
			displayOptions: { show: { loginType: ['user', 'syncToken'] } },
		},
		{
			displayName: 'Partner Username',
			name: 'partnerUsername',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { loginType: ['partnerLoginAsUser'] } },
		},
		{
			displayName: 'Partner Password',
			name: 'partnerPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { loginType: ['partnerLoginAsUser'] } },
		},
		{
			displayName: 'App Key',
			name: 'appApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'The partner app key BILL issued to you',
			displayOptions: { show: { loginType: ['partnerLoginAsUser'] } },
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00601ABCDEFGHIJ1234',
			hint: 'The user of the organization to act as (begins with 006)',
			displayOptions: { show: { loginType: ['partnerLoginAsUser'] } },
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00801ABCDEFGHIJ1234',
			hint: 'Begins with 008. In the BILL web app: Settings → Profiles → Company profile, or ask your BILL admin.',
		},
		{
			displayName: 'Developer Key',
			name: 'developerApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'Issued with your BILL developer account, separately for sandbox and production',
		},
		{
			displayName: 'MFA Remember Me ID',
			name: 'mfaRememberMeToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			hint: 'Optional. Needed in production for payments, bank accounts and auto-pay, which require an MFA-trusted session. Obtain it once with the BILL node (MFA → Generate Challenge, then Validate Challenge with Remember Me on); it lasts 30 days. Not for sync tokens: BILL never trusts their sessions.',
		},
		{
			displayName: 'MFA Device Name',
			name: 'deviceName',
			type: 'string',
			default: '',
			placeholder: 'n8n',
			hint: 'The device nickname you gave when you validated the MFA challenge with Remember Me. Required with the Remember Me ID.',
		},
		{
			displayName: 'n8n Processes Using This Organization',
			name: 'sharedProcesses',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 30 },
			default: 1,
			hint: 'Optional. In queue mode: the number of workers that run BILL work at once (the main runs no executions in queue mode). BILL allows 3 requests in flight per organization; each process keeps to its share (3 ÷ this) until a quiet period shows room, then adapts from BILL\'s answers. Too high a number slows a worker that runs alone.',
		},
		sessionField('Session ID'),
		{
			// Whether BILL made the stored session MFA-trusted ('true' / 'false', from its login answer).
			displayName: 'Session Trusted',
			name: 'sessionTrusted',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const organizationId = String(credentials.organizationId ?? '').trim();
		if (!/^008[0-9A-Za-z]+$/.test(organizationId)) {
			throw new Error('The Organization ID in the BILL API credential must begin with 008 (for example 00801ABCDEFGHIJ1234)');
		}
		const syncToken = credentials.loginType === 'syncToken';
		const rememberMeId = syncToken ? '' : String(credentials.mfaRememberMeToken ?? '').trim();
		const device = String(credentials.deviceName ?? '').trim();
		const mfa = rememberMeId ? { rememberMeId, device: device || 'n8n' } : {};
		const connect = baseUrl(credentials, 'connect');
		const partner = credentials.loginType === 'partnerLoginAsUser';
		const key = sessionAccountKey('billApi', credentials, connect);
		if (syncToken && String(credentials.mfaRememberMeToken ?? '').trim()) {
			throw new Error(
				'The BILL API credential signs in with a sync token and also has an MFA Remember Me ID: BILL never makes sync-token sessions MFA-trusted. Remove the Remember Me ID, or sign in as an Organization User for payments and bank accounts.',
			);
		}
		const signedIn = await coalescedLogin(key, String(credentials.sessionToken ?? ''), async () => {
			if (!partner) {
				const res = await loginRequest(
					this,
					`${connect}/v3/login`,
					{
						username: credentials.username,
						password: credentials.password,
						organizationId,
						devKey: credentials.developerApiKey,
						...mfa,
					},
					'BILL sign-in',
				);
				return { sessionId: String(res.sessionId), trusted: res.trusted === true };
			}
			const partnerSession = await partnerLogin(this, connect, {
				username: credentials.partnerUsername,
				password: credentials.partnerPassword,
				appKey: credentials.appApiKey,
			});
			const options = {
				method: 'POST' as const,
				url: `${connect}/v3/partner/login-as-user`,
				body: { userId: credentials.userId, organizationId, ...mfa },
				json: true,
				headers: { appKey: String(credentials.appApiKey), sessionId: partnerSession },
				timeout: TIMEOUTS.apiMs,
			};
			try {
				const res = (await this.helpers.httpRequest(options)) as ICredentialDataDecryptedObject;
				return { sessionId: String(res.sessionId), trusted: res.trusted === true };
			} catch {
				throw new Error('BILL partner "log in as user" sign-in failed — check the User ID and Organization ID: the user must belong to an organization of this partner');
			}
		});
		return { sessionToken: signedIn.sessionId, sessionTrusted: signedIn.trusted ? 'true' : 'false' };
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
		request: {
			baseURL: CONNECT_BASE_EXPRESSION,
			url: '/v3/login/session',
			method: 'GET',
		},
	};
}
