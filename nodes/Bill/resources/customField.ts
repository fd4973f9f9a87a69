import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { customFieldIdParam, spendList } from './shared/spend';

/** Settings that create and update share. */
const customFieldSettings: FieldDef[] = [
	{ name: 'description', type: 'string', description: 'Custom field description' },
	{ name: 'minimumAmountForRequirement', type: 'number', description: 'Smallest transaction amount for which the field is required' },
	{ name: 'selectedBudgetIds', label: 'Selected Budget IDs', type: 'stringList', description: 'IDs or UUIDs of budgets the field is offered on without being required, comma-separated' },
	{ name: 'requiredBudgetIds', label: 'Required Budget IDs', type: 'stringList', description: 'IDs or UUIDs of budgets on which the field is required, comma-separated' },
];

export const customField = defineResource({
	value: 'customField',
	name: 'Custom Field',
	api: 'spend',
	description: 'Spend & Expense custom fields that code transactions and reimbursements',
	locator: { nameField: 'name', placeholder: 'Custom field UUID' },
	operations: [
		spendList({
			action: 'Get many custom fields',
			description: 'List the custom fields of the company, with filters and sorting',
			path: '/v3/spend/custom-fields',
			filters: true,
			sort: true,
			filterFields: ['retired', 'customFieldIds', 'name'],
			sortFields: ['createdTime', 'name'],
		}),
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a custom field',
			description: 'Create a custom field, optionally with its first values',
			method: 'POST',
			path: '/v3/spend/custom-fields',
			kind: 'create',
			body: [
				{ name: 'name', type: 'string', required: true, description: 'Custom field name' },
				{ name: 'allowCustomValues', type: 'boolean', required: true, default: false, description: 'Whether users can type their own values' },
				{ name: 'required', type: 'boolean', required: true, default: false, description: 'Whether the field must be filled' },
				{ name: 'global', type: 'boolean', required: true, default: false, description: 'Whether the field applies to all budgets' },
				{ name: 'multiSelect', type: 'boolean', default: false, description: 'Whether several values can be selected' },
				{ name: 'values', type: 'stringList', description: 'First values of the field, comma-separated' },
				...customFieldSettings,
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a custom field',
			description: 'Get a custom field and the budgets it applies to',
			method: 'GET',
			path: '/v3/spend/custom-fields/{customFieldId}',
			kind: 'get',
			pathParams: [customFieldIdParam],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a custom field',
			description: 'Update the fields you set; the others keep their values',
			method: 'PATCH',
			path: '/v3/spend/custom-fields/{customFieldId}',
			kind: 'update',
			pathParams: [customFieldIdParam],
			body: [
				{ name: 'name', type: 'string', description: 'Custom field name' },
				{ name: 'allowCustomValues', type: 'boolean', default: false, description: 'Whether users can type their own values' },
				{ name: 'required', type: 'boolean', default: false, description: 'Whether the field must be filled' },
				{ name: 'global', type: 'boolean', default: false, description: 'Whether the field applies to all budgets' },
				...customFieldSettings,
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a custom field',
			description: 'Delete a custom field. BILL cannot restore it.',
			method: 'DELETE',
			path: '/v3/spend/custom-fields/{customFieldId}',
			kind: 'delete',
			pathParams: [customFieldIdParam],
			response: { empty: true },
		},
	],
});
