import type { FieldDef } from '../../catalog/types';
import type { Op } from './operations';

/**
 * Field sets shared by the Spend & Expense resources.
 *
 * Spend & Expense objects carry both an `id` and a `uuid`; BILL accepts either in paths and bodies
 * and recommends the `uuid` (S&E `id` values are being deprecated since July 2025).
 */

const eitherId = 'BILL-generated ID or UUID (BILL recommends the UUID)';

/** A required S&E ID path parameter picked from a resource's list. */
export function spendIdParam(name: string, label: string, locator?: string, what?: string): FieldDef {
	return {
		name,
		label: label,
		type: 'string',
		required: true,
		...(locator ? { locator } : {}),
		description: `The ${what ?? label.toLowerCase()}. ${eitherId}.`,
	};
}

export const budgetIdParam = spendIdParam('budgetId', 'Budget', 'budget');
export const cardIdParam = spendIdParam('cardId', 'Card', 'card', 'vendor card');
export const customFieldIdParam = spendIdParam('customFieldId', 'Custom Field', 'customField');
export const reimbursementIdParam = spendIdParam('reimbursementId', 'Reimbursement', 'reimbursement');
export const transactionIdParam = spendIdParam('transactionId', 'Transaction', 'transaction');
export const spendUserIdParam = spendIdParam('userId', 'User', 'spendUser', 'Spend & Expense user');

/** A body field naming a Spend & Expense object (ID or UUID). */
export function spendIdField(name: string, label: string, locator: string, required: boolean, description: string): FieldDef {
	return { name, label: label, type: 'string', required, locator, description: `${description}. ${eitherId}.` };
}

/** Spend & Expense user roles (ADMIN is needed for API tokens, approvals, budgets and cards). */
export const spendRoleOptions = [
	{ name: 'Admin', value: 'ADMIN', description: 'Manages the account with full access to settings, people and activity' },
	{ name: 'Auditor', value: 'AUDITOR', description: 'Views and exports account activity' },
	{ name: 'Bookkeeper', value: 'BOOKKEEPER', description: 'Helps the admins, with view-only access to activity' },
	{ name: 'Member', value: 'MEMBER', description: 'Spends company funds from assigned budgets' },
];

/** A budget member's role in one budget. */
export const budgetRoleOptions = [
	{ name: 'Owner', value: 'OWNER', description: 'Manages the budget and its members' },
	{ name: 'Member', value: 'MEMBER', description: 'Spends from the budget' },
	{ name: 'Observer', value: 'OBSERVER', description: 'Sees the budget without spending from it' },
];

/** Receipts attached to a reimbursement: an uploaded image URL and its file name. */
export const receiptFields: FieldDef[] = [
	{
		name: 'url',
		label: 'URL',
		type: 'string',
		required: true,
		description: 'The URL returned by Create Image Upload URL, after the JPG or PNG image was PUT to it',
	},
	{ name: 'filename', label: 'File Name', type: 'string', required: true, placeholder: 'receipt.jpg', description: 'File name with extension' },
];

/** A receipt of a reimbursement or transaction (path parameter). */
export const receiptIdParam: FieldDef = {
	name: 'receiptId',
	label: 'Receipt ID',
	type: 'string',
	required: true,
	description: 'The receipt (its `uuid` in the receipts of the object)',
};

/** One custom field set on a reimbursement or transaction, with its selected values. */
export const customFieldSelectionFields: FieldDef[] = [
	{
		name: 'customFieldId',
		label: 'Custom Field',
		type: 'string',
		required: true,
		locator: 'customField',
		description: `The custom field. ${eitherId}.`,
	},
	{
		name: 'selectedValues',
		type: 'stringList',
		description: 'IDs or UUIDs of the selected values, comma-separated (for custom fields with a list of values)',
	},
	{ name: 'note', type: 'string', description: 'Free text, for note custom fields' },
];

/** Query parameter of the transaction list and details. */
export const showCustomFieldIdsQuery: FieldDef = {
	name: 'showCustomFieldIds',
	label: 'Show Custom Field IDs',
	type: 'boolean',
	default: false,
	description: 'Whether the custom fields in the response include their IDs',
};

/** Every Spend & Expense list pages with `nextPage`; `max` is 100 except transactions (50). */
export function spendList(
	def: Omit<Op, 'method' | 'kind' | 'pagination' | 'operation' | 'name'> & Partial<Pick<Op, 'operation' | 'name' | 'maxPageSize'>>,
): Op {
	return {
		operation: 'getAll',
		name: 'Get Many',
		maxPageSize: 100,
		...def,
		method: 'GET',
		kind: 'list',
		pagination: 'nextPage',
	};
}
