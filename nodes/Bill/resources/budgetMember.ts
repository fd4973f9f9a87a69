import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { spendAdminHint } from './shared/hints';
import { budgetIdParam, budgetRoleOptions, spendIdParam, spendList } from './shared/spend';

const memberUserIdParam = spendIdParam('userId', 'User', 'spendUser', 'budget member (a Spend & Expense user)');

/** Funds and role of one member of a budget. */
const memberFunds: FieldDef[] = [
	{ name: 'limit', type: 'number', description: 'Funds assigned to the user in the current period (required when Share Budget Funds is off)' },
	{ name: 'recurringLimit', type: 'number', description: 'Funds assigned to the user in every future period (required when Share Budget Funds is off)' },
	{ name: 'role', type: 'options', options: budgetRoleOptions, default: 'MEMBER', description: 'Role of the user in this budget' },
	{ name: 'shareBudgetFunds', type: 'boolean', default: false, description: 'Whether the user can spend all budget funds (then leave Limit and Recurring Limit empty)' },
];

export const budgetMember = defineResource({
	value: 'budgetMember',
	name: 'Budget Member',
	api: 'spend',
	description: 'Users of a budget, with their role and assigned funds',
	operations: [
		spendList({
			action: 'Get many budget members',
			description: 'List the members of a budget, with their spent amounts and limits',
			path: '/v3/spend/budgets/{budgetId}/members',
			pathParams: [budgetIdParam],
			filters: true,
			sort: true,
			filterFields: ['retired'],
			sortFields: ['name', 'spent'],
		}),
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a budget member',
			description: 'Get one member of a budget, with spent amount and limits',
			method: 'GET',
			path: '/v3/spend/budgets/{budgetId}/members/{userId}',
			kind: 'get',
			pathParams: [budgetIdParam, memberUserIdParam],
		},
		{
			operation: 'upsert',
			name: 'Create or Update',
			action: 'Add or update a budget member',
			description: 'Add a user to a budget, or update the role and funds of a user who is a member already',
			method: 'PUT',
			path: '/v3/spend/budgets/{budgetId}/members/{userId}',
			kind: 'update',
			pathParams: [budgetIdParam, memberUserIdParam],
			body: memberFunds,
			hint: spendAdminHint,
		},
		{
			operation: 'updateMany',
			name: 'Update Many',
			action: 'Add or update many budget members',
			description: 'Add or update several members of a budget in one request',
			method: 'PUT',
			path: '/v3/spend/budgets/{budgetId}/members/bulk',
			kind: 'action',
			pathParams: [budgetIdParam],
			body: [
				{
					name: 'members',
					type: 'array',
					required: true,
					description: 'The members to add or update',
					fields: [
						{ name: 'userId', label: 'User', type: 'string', required: true, locator: 'spendUser', description: 'The user. BILL-generated ID or UUID.' },
						...memberFunds,
					],
				},
			],
			hint: spendAdminHint,
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Remove a member from a budget',
			description: 'Remove a user from a budget (the user itself is kept)',
			method: 'DELETE',
			path: '/v3/spend/budgets/{budgetId}/members/{userId}',
			kind: 'delete',
			pathParams: [budgetIdParam, memberUserIdParam],
			response: { empty: true },
		},
	],
});
