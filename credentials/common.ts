import type { INodeProperties } from 'n8n-workflow';

/** Environment selection shared by the three BILL credentials. */
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
];
