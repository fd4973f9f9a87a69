import type { INodeCredentialDescription, INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { DEFAULT_KEY_GRACE_MINUTES } from './subscription';

export const credentials: INodeCredentialDescription[] = [
	{ name: 'billApi', required: true, displayOptions: { show: { eventFamily: ['organization'] } } },
	{ name: 'billPartnerApi', required: true, displayOptions: { show: { eventFamily: ['partner'] } } },
	{ name: 'billSpendApi', required: true, displayOptions: { show: { eventFamily: ['spend'] } } },
];

const TEST_EVENT_HELP =
	'In test mode n8n creates a temporary BILL subscription (named "n8n test: Workflow Name / Node Name") for the test URL and removes it afterwards. Make a change in BILL (for example create a bill), or send BILL\'s test event to it: BILL node → Webhook Subscription → Get Many to find its ID, then Send Test Event.';

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Listening for BILL events',
	executionsHelp: {
		inactive: `While building the workflow, click "Listen for test event". ${TEST_EVENT_HELP} Once it works, activate the workflow: BILL then sends every chosen event to the production URL.`,
		active: 'The workflow is active: BILL sends each chosen event to it and every notification starts an execution. To test changes, deactivate the workflow first.',
	},
	activationHint:
		'Once you have finished building the workflow, activate it: the trigger creates (or adopts) a BILL webhook subscription for its production URL, verifies the signature of every notification and keeps the subscription enabled.',
};

export const properties: INodeProperties[] = [
	{
		displayName: `BILL delivers notifications only to HTTPS URLs, so n8n must be reachable over HTTPS (N8N_WEBHOOK_URL, or WEBHOOK_URL on older n8n such as 2.8). BILL does not accept OAuth client credentials for webhooks: use a BILL API, BILL Spend & Expense API or BILL Partner API credential here (the BILL Polling Trigger works with OAuth). ${TEST_EVENT_HELP}`,
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event Family',
		name: 'eventFamily',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Organization (AP/AR)',
				value: 'organization',
				description: 'Bills, vendors, payments, invoices, bank and card accounts of the organization of a BILL API credential',
			},
			{
				name: 'Partner (AP/AR)',
				value: 'partner',
				description: 'The same events for every organization your BILL partner account created (BILL Partner API credential)',
			},
			{
				name: 'Spend & Expense',
				value: 'spend',
				description: 'Card transactions, reimbursements and 3-D Secure challenges (BILL Spend & Expense API credential; BILL offers these in production only)',
			},
		],
		default: 'organization',
		description: 'Which BILL events to listen to; it decides the credential the subscription is created with',
	},
	{
		displayName: 'Event Names or IDs',
		name: 'events',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEvents', loadOptionsDependsOn: ['eventFamily'] },
		required: true,
		default: [],
		description:
			'The events that start the workflow, from BILL\'s events catalog (a built-in list when the catalog cannot be read). "All Events" subscribes to every event of the family. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Output Raw Payload',
				name: 'outputRawPayload',
				type: 'boolean',
				default: false,
				description:
					'Whether to output each notification exactly as BILL sent it (metadata plus the entity object) instead of the event type, entity type, entity and metadata',
			},
			{
				displayName: 'Previous Key Accepted For (Minutes)',
				name: 'keyGraceMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_KEY_GRACE_MINUTES,
				description:
					'After the trigger rotates the security key, notifications signed with the previous key are still accepted this long (BILL may already have signed or be retrying them)',
			},
			{
				displayName: 'Rotate Security Key Every (Days)',
				name: 'rotateKeyEveryDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 90,
				description:
					'Rotate the subscription\'s security key with BILL\'s security_key endpoint when it is this old (checked at activation and on each notification, after answering BILL). 0 never rotates. If the key is rotated elsewhere (BILL node → Webhook Subscription → Create Security Key), deactivate and activate the workflow.',
			},
			{
				displayName: 'Subscription Name',
				name: 'subscriptionName',
				type: 'string',
				default: '',
				placeholder: 'n8n: My workflow / BILL Trigger',
				description: 'Name of the BILL webhook subscription. Default: "n8n: Workflow Name / Node Name".',
			},
		],
	},
];
