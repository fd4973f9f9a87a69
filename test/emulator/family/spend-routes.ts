/**
 * Every Spend & Expense route without a specific handler: IDs or UUIDs in the path are resolved,
 * then BILL's generic behaviour answers.
 */
import type { OperationDef } from '../../../nodes/Bill/catalog/types';
import { allOperations } from '../../../nodes/Bill/resources';
import { forTableOperation } from '../handlers';
import { budgetHandlers } from '../resources/budget';
import { budgetMemberHandlers } from '../resources/budgetMember';
import { cardHandlers } from '../resources/card';
import { customFieldHandlers } from '../resources/customField';
import { customFieldValueHandlers } from '../resources/customFieldValue';
import { reimbursementHandlers } from '../resources/reimbursement';
import { userHandlers } from '../resources/spendUser';
import { transactionHandlers } from '../resources/transaction';
import type { CustomHandler, Emulator } from '../types';
import { normalizeParams } from './spend';

/* ------------------------------------------------------------------ every other S&E route: IDs or UUIDs */

const specific: CustomHandler[] = [
	...userHandlers,
	...budgetHandlers,
	...budgetMemberHandlers,
	...cardHandlers,
	...customFieldHandlers,
	...customFieldValueHandlers,
	...reimbursementHandlers,
	...transactionHandlers,
];

/** Table operations without a specific handler: resolve UUIDs, then BILL's generic behaviour. */
const normalizing: CustomHandler[] = allOperations
	.filter((op: OperationDef) => op.api === 'spend' && !specific.some((h) => h.operation === `${op.resource}.${op.operation}`))
	.map((op) =>
		forTableOperation(op, (req, emu: Emulator) => {
			normalizeParams(emu, req);
			return emu.generic(req);
		}),
	);

/** The specific handlers are registered by their resource modules. */
export const handlers: CustomHandler[] = normalizing;
