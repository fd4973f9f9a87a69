import { defineResource } from './shared/operations';

export const health = defineResource({
	value: 'health',
	name: 'Health',
	api: 'connect',
	description: 'Availability of the BILL API',
	operations: [
		{
			operation: 'check',
			name: 'Check',
			action: 'Check BILL API health',
			description: 'Get the BILL app ID, environment, version and region; answers while the API is up',
			method: 'GET',
			path: '/v3/health',
			kind: 'get',
		},
	],
});
