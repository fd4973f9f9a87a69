import type { ResourceDef } from '../../catalog/types';
import { budget, budgetMember } from './budget';
import { card } from './card';
import { customField, customFieldValue } from './customField';
import { reimbursement } from './reimbursement';
import { transaction } from './transaction';
import { spendUser } from './user';

/** Spend & Expense API resources (`/v3/spend/...`, credential billSpendApi, token auth, `nextPage` lists). */
export const spendResources: ResourceDef[] = [
	budget,
	budgetMember,
	card,
	customField,
	customFieldValue,
	reimbursement,
	transaction,
	spendUser,
];
