import type { FieldDef } from '../catalog/types';
import { classificationIdPrefixes } from './shared/fields';
import { classificationResource, standardFilterFields, standardSortFields } from './shared/classification';

/**
 * Item types. INVENTORY, PAYMENT, FIXED_ASSET, OTHER_CHARGE, SALES_TAX, SALES_TAX_GROUP and
 * DISCOUNT appear in BILL's examples and changelog; SERVICE, NON_INVENTORY, SUBTOTAL and GROUP are
 * BILL's other item categories (v2 list) [inferred].
 */
export const itemTypeOptions = [
	'SERVICE',
	'INVENTORY',
	'NON_INVENTORY',
	'OTHER_CHARGE',
	'DISCOUNT',
	'SALES_TAX',
	'SALES_TAX_GROUP',
	'PAYMENT',
	'FIXED_ASSET',
	'SUBTOTAL',
	'GROUP',
];

const itemFields = (forUpdate: boolean, parent: FieldDef): FieldDef[] => [
	{ name: 'name', type: 'string', required: !forUpdate, description: 'Item name' },
	{ name: 'type', type: 'options', options: itemTypeOptions, required: !forUpdate, default: 'SERVICE', description: 'Item category' },
	{ name: 'shortName', type: 'string', description: 'Item short name' },
	{ name: 'description', type: 'string', description: 'Item description (sales)' },
	parent,
	{ name: 'price', type: 'number', description: 'Item sales price' },
	{
		name: 'percentage',
		type: 'number',
		description: 'Tax or discount percentage, for DISCOUNT, SALES_TAX and OTHER_CHARGE items (e.g. 3.25)',
	},
	{ name: 'taxable', type: 'boolean', default: false, description: 'Whether the item is taxable' },
	{
		name: 'chartOfAccountId',
		label: 'Chart of Account',
		type: 'string',
		optionsFrom: 'chartOfAccount',
		idPrefix: classificationIdPrefixes.chartOfAccount,
		description: 'Chart of accounts of the item (income). Begins with `0ca`.',
	},
	{
		name: 'expenseChartOfAccountId',
		label: 'Expense Chart of Account',
		type: 'string',
		optionsFrom: 'chartOfAccount',
		idPrefix: classificationIdPrefixes.chartOfAccount,
		description: 'Chart of accounts used when the item is on bills or purchases. Begins with `0ca`.',
	},
	{ name: 'purchaseDescription', type: 'string', description: 'Item description on bills or purchases' },
	{ name: 'purchaseCost', type: 'number', description: 'Item purchase cost in your accounting system' },
];

export const item = classificationResource({
	value: 'item',
	name: 'Item',
	singular: 'item',
	plural: 'items',
	pathSegment: 'items',
	fields: itemFields,
	responseKey: 'items',
	description: 'Products and services you buy or sell, used on bill and invoice lines',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'type', 'parentId'],
	sortFields: standardSortFields(['name', 'type']),
});
