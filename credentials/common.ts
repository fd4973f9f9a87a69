import type { INodeProperties } from 'n8n-workflow';

import { PLAIN_HTTP_REMOTE } from '../nodes/Bill/transport/environment';

/** Environment selection shared by the BILL credentials. */
export const environmentProperties: INodeProperties[] = [
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		options: [
			{ name: 'Sandbox', value: 'sandbox', description: 'gateway.stage.bill.com' },
			{ name: 'Production', value: 'production', description: 'gateway.prod.bill.com' },
			{ name: 'Custom Base URL', value: 'custom', description: 'A proxy or the local BILL emulator' },
		],
		default: 'sandbox',
		hint: 'Sandbox and production are separate: accounts, keys and data of one do not work in the other',
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: 'http://127.0.0.1:4010',
		placeholder: 'http://127.0.0.1:4010',
		hint: 'Without /connect: the node appends /connect and /connect-events',
		displayOptions: { show: { environment: ['custom'] } },
	},
	{
		displayName:
			'This Base URL is plain http:// to another machine: the password, developer key and session would cross the network unencrypted. Use https://, or http:// only to this machine (localhost).',
		name: 'plainHttpWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { environment: ['custom'], baseUrl: [{ _cnd: { regex: PLAIN_HTTP_REMOTE } }] } },
	},
];

/**
 * The session (or access token) a credential's preAuthentication gets: n8n's hidden expirable field,
 * stored with the credential so later executions and every queue-mode worker reuse it.
 */
export function sessionField(displayName: string): INodeProperties {
	return { displayName, name: 'sessionToken', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' };
}
