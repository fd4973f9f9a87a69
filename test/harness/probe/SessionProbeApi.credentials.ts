/**
 * Credential type of the session probe: logs in with preAuthentication (hidden expirable
 * `sessionId`) and sends the session with generic authentication, as the BILL credential does.
 * Runs in the in-process harness (test/transport/harness.test.ts) and, compiled, in a real n8n
 * (test/e2e), so both can be compared.
 */
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
} from 'n8n-workflow';

export class SessionProbeApi implements ICredentialType {
	name = 'sessionProbeApi';
	displayName = 'Session Probe API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Username', name: 'username', type: 'string', default: '' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { sessionId } = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl}/login`,
			body: { username: credentials.username, password: credentials.password },
			json: true,
		})) as { sessionId: string };
		return { sessionId };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { sessionId: '={{$credentials.sessionId}}' },
			qs: { user: '={{$credentials.username}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/things' },
	};
}
