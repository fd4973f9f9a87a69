import { defineResource } from './shared/operations';

export const webhookHealth = defineResource({
	value: 'webhookHealth',
	name: 'Webhook Service Health',
	api: 'webhooks',
	description: 'Status of BILL\'s webhook (Connect Events) service',
	operations: [
		{
			operation: 'get',
			name: 'Get',
			action: 'Check the webhook service health',
			description: 'Get the version and deployment region of BILL\'s webhook service',
			method: 'GET',
			// [inferred] BILL documents a "Check app health" page for webhooks without its path; by analogy
			// with the Connect API it is GET /v3/health on the connect-events base.
			path: '/v3/health',
			kind: 'get',
		},
	],
});
