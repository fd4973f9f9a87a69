import type { FieldDef } from '../catalog/types';
import { classificationResource, standardFilterFields, standardSortFields } from './shared/classification';

/** Chart of accounts account types (BILL's enum, as in its API reference examples). */
export const chartOfAccountTypeOptions = [
	'UNSPECIFIED',
	'ACCOUNTS_PAYABLE',
	'ACCOUNTS_RECEIVABLE',
	'BANK',
	'COST_OF_GOODS_SOLD',
	'CREDIT_CARD',
	'EQUITY',
	'EXPENSE',
	'FIXED_ASSET',
	'INCOME',
	'LONG_TERM_LIABILITY',
	'OTHER_ASSET',
	'OTHER_CURRENT_ASSET',
	'OTHER_CURRENT_LIABILITY',
	'OTHER_EXPENSE',
	'OTHER_INCOME',
	'NON_POSTING',
];

const chartOfAccountFields = (forUpdate: boolean, parent: FieldDef): FieldDef[] => [
	{ name: 'name', type: 'string', required: !forUpdate, description: 'Name of the chart of accounts' },
	{ name: 'description', type: 'string', description: 'Description of the chart of accounts' },
	parent,
	{
		name: 'account',
		type: 'object',
		description: 'General ledger account type and number',
		fields: [
			{ name: 'type', type: 'options', options: chartOfAccountTypeOptions, default: 'EXPENSE', description: 'Account type in your general ledger' },
			{ name: 'number', type: 'string', description: 'Account number, e.g. 1-020' },
		],
	},
];

export const chartOfAccount = classificationResource({
	value: 'chartOfAccount',
	name: 'Chart of Accounts',
	singular: 'chart of accounts',
	plural: 'charts of accounts',
	pathSegment: 'chart-of-accounts',
	fields: chartOfAccountFields,
	responseKey: 'chartOfAccounts',
	description: 'General ledger accounts used to classify bills, invoices and their lines',
	filterFields: [...standardFilterFields(['name']), 'account.type', 'account.number', 'parentId'],
	sortFields: standardSortFields(['name']),
});
