import { defineResource } from './shared/operations';
import { customFieldIdParam, spendIdParam, spendList } from './shared/spend';

const customFieldValueIdParam = spendIdParam('customFieldValueId', 'Custom Field Value', undefined, 'custom field value');

export const customFieldValue = defineResource({
	value: 'customFieldValue',
	name: 'Custom Field Value',
	api: 'spend',
	description: 'The values users can pick for a Spend & Expense custom field',
	operations: [
		spendList({
			action: 'Get many custom field values',
			description: 'List the values of a custom field',
			path: '/v3/spend/custom-fields/{customFieldId}/values',
			pathParams: [customFieldIdParam],
			filters: true,
			filterFields: ['retired', 'value'],
		}),
		{
			operation: 'create',
			name: 'Create',
			action: 'Create custom field values',
			description: 'Add one or more values to a custom field',
			method: 'POST',
			path: '/v3/spend/custom-fields/{customFieldId}/values',
			kind: 'create',
			pathParams: [customFieldIdParam],
			body: [{ name: 'values', type: 'stringList', required: true, placeholder: 'Travel, Food', description: 'Values to add, comma-separated' }],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a custom field value',
			description: 'Get one value of a custom field',
			method: 'GET',
			path: '/v3/spend/custom-fields/{customFieldId}/values/{customFieldValueId}',
			kind: 'get',
			pathParams: [customFieldIdParam, customFieldValueIdParam],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete custom field values',
			description: 'Delete one or more values of a custom field. They can no longer be picked; transactions that used them keep them.',
			method: 'DELETE',
			path: '/v3/spend/custom-fields/{customFieldId}/values',
			kind: 'delete',
			pathParams: [customFieldIdParam],
			body: [{ name: 'customFieldValueIds', label: 'Custom Field Value IDs', type: 'stringList', required: true, description: 'IDs or UUIDs of the values to delete, comma-separated' }],
			response: { empty: true },
		},
	],
});
