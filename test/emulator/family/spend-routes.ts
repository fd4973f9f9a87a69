/**
 * Every Spend & Expense endpoint of BILL's catalog without a specific handler: IDs or UUIDs in the
 * path are resolved, then BILL's generic behaviour answers.
 */
import { BILL_ENDPOINTS, endpointKey } from '../catalog';
import { forEndpoint } from '../handlers';
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

const specific = new Set(
	[
		...userHandlers,
		...budgetHandlers,
		...budgetMemberHandlers,
		...cardHandlers,
		...customFieldHandlers,
		...customFieldValueHandlers,
		...reimbursementHandlers,
		...transactionHandlers,
	].map((h) => h.endpoint),
);

/** S&E endpoints without a specific handler: resolve UUIDs, then BILL's generic behaviour. */
const normalizing: CustomHandler[] = BILL_ENDPOINTS.filter((ep) => ep.api === 'spend' && !specific.has(endpointKey(ep.method, ep.path))).map((ep) =>
	forEndpoint(endpointKey(ep.method, ep.path), (req, emu: Emulator) => {
		normalizeParams(emu, req);
		return emu.generic(req);
	}),
);

/** The specific handlers are registered by their resource modules. */
export const handlers: CustomHandler[] = normalizing;
