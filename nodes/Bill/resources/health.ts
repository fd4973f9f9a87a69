import type { ResourceDef } from '../catalog/types';

export const health: ResourceDef = {
	value: 'health',
	name: 'Health',
	api: 'connect',
	description: 'Availability of the BILL API',
	operations: [
		{
			resource: 'health',
			operation: 'check',
			name: 'Check',
			action: 'Check BILL API health',
			description: 'Get the BILL app ID, environment, version and region; answers while the API is up',
			api: 'connect',
			method: 'GET',
			path: '/v3/health',
			kind: 'get',
		},
	],
};
