import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { spendAdminHint } from './shared/hints';
import { budgetIdParam, spendList } from './shared/spend';
import { FILTERS } from './shared/filters';

const recurringIntervalOptions = [
	{ name: 'None', value: 'NONE', description: 'Never reset' },
	{ name: 'Daily', value: 'DAILY', description: 'Each day at 12 AM' },
	{ name: 'Weekly', value: 'WEEKLY', description: 'Each Monday at 12 AM' },
	{ name: 'Monthly', value: 'MONTHLY', description: 'On the 1st of every month at 12 AM' },
	{ name: 'Quarterly', value: 'QUARTERLY', description: 'Every 3 months, on the 1st of the month set by Recur Month' },
	{ name: 'Yearly', value: 'YEARLY', description: 'Every year, on the 1st of the month set by Recur Month' },
];

const shareFundsOptions = [
	{ name: 'Share With All Members', value: 'SHARE_WITH_ALL_MEMBERS' },
	{ name: 'Share Manually', value: 'SHARE_MANUALLY' },
	{ name: 'Share With All Owners, Members Manually', value: 'SHARE_ALL_OWNERS_BUT_MEMBERS_MANUALLY' },
];

/** Budget settings that create and update share. */
const budgetSettings: FieldDef[] = [
	{ name: 'description', type: 'string', description: 'Budget description' },
	{ name: 'expirationDate', type: 'date', description: 'Date the budget expires; leave empty for no expiration' },
	{ name: 'recurMonth', type: 'number', min: 1, max: 12, description: 'Month (1-12) a quarterly or yearly budget recurs on; only for Quarterly and Yearly intervals' },
	{ name: 'timezone', type: 'string', placeholder: 'US/Pacific', description: 'Time zone the funds reset in, as US/{zone}; defaults to the company billing address time zone' },
	{ name: 'autoAddUsers', type: 'boolean', default: false, description: 'Whether new users are added to this budget automatically' },
	{ name: 'receiptRequired', type: 'boolean', default: false, description: 'Whether transactions in this budget need a receipt' },
	{ name: 'maxTxSize', label: 'Max Transaction Size', type: 'number', description: 'Largest single transaction allowed; larger ones are declined' },
	{ name: 'carryOver', type: 'boolean', default: false, description: 'Whether funds assigned to users and cards carry over to the next budget period' },
	{ name: 'limitlessOverspend', type: 'boolean', default: false, description: 'Whether any spend over the limit is allowed (not for daily or weekly budgets)' },
	{ name: 'limit', type: 'number', description: 'Spend limit of the current budget period (required unless Limitless Overspend is on)' },
	{ name: 'limitlessGoal', type: 'number', description: 'Spend goal of a limitless budget (only with Limitless Overspend)' },
	{ name: 'recurringLimit', type: 'number', description: 'Spend limit of every future period (required when the interval is not None)' },
	{ name: 'overspendBuffer', type: 'number', description: 'Amount over the limit allowed before transactions are declined (not for limitless, daily or weekly budgets)' },
	{ name: 'shareFunds', type: 'options', options: shareFundsOptions, default: 'SHARE_WITH_ALL_MEMBERS', description: 'How budget funds are shared with owners and members' },
];

export const budget = defineResource({
	value: 'budget',
	name: 'Budget',
	api: 'spend',
	description: 'Spend & Expense budgets: spending limits for teams, cards and reimbursements',
	locator: { nameField: 'name', placeholder: 'Budget UUID' },
	operations: [
		spendList({
			action: 'Get many budgets',
			description: 'List the budgets of the company, with filters and sorting',
			path: '/v3/spend/budgets',
			filters: true,
			sort: true,
			filterFields: FILTERS.budget,
			sortFields: ['name', 'assigned', 'limit', 'spent'],
		}),
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a budget',
			description: 'Create a budget with its owners, members, reset interval and limits',
			method: 'POST',
			path: '/v3/spend/budgets',
			kind: 'create',
			hint: spendAdminHint,
			body: [
				{ name: 'name', type: 'string', required: true, description: 'Budget name' },
				{ name: 'owners', type: 'stringList', required: true, description: 'IDs or UUIDs of the budget owners, comma-separated (at least one)' },
				{ name: 'recurringInterval', type: 'options', options: recurringIntervalOptions, required: true, default: 'MONTHLY', description: 'When the budget resets' },
				{ name: 'members', type: 'stringList', description: 'IDs or UUIDs of the budget members, comma-separated' },
				{ name: 'observers', type: 'stringList', description: 'IDs or UUIDs of the budget observers, comma-separated' },
				{ name: 'parentBudgetId', label: 'Parent Budget', type: 'string', locator: 'budget', description: 'The budget group this budget belongs to' },
				{ name: 'budgetGroup', type: 'boolean', default: false, description: 'Whether this budget is a budget group (a parent of other budgets)' },
				...budgetSettings,
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a budget',
			description: 'Get a budget with its current period: limit, assigned and spent amounts',
			method: 'GET',
			path: '/v3/spend/budgets/{budgetId}',
			kind: 'get',
			pathParams: [budgetIdParam],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a budget',
			description: 'Update the fields you set; the others keep their values',
			method: 'PATCH',
			path: '/v3/spend/budgets/{budgetId}',
			kind: 'update',
			pathParams: [budgetIdParam],
			body: [
				{ name: 'name', type: 'string', description: 'Budget name' },
				{ name: 'recurringInterval', type: 'options', options: recurringIntervalOptions, default: 'MONTHLY', description: 'When the budget resets' },
				...budgetSettings,
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a budget',
			description: 'Delete a budget. BILL cannot restore a deleted budget.',
			method: 'DELETE',
			path: '/v3/spend/budgets/{budgetId}',
			kind: 'delete',
			pathParams: [budgetIdParam],
			response: { empty: true },
		},
	],
});
