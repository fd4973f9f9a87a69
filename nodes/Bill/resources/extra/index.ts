import type { OperationDef, ResourceDef } from '../../catalog/types';
import { billApproval } from './billApproval';
import { creditMemo, vendorCredit } from './credits';
import { extraOperationList } from './operations';
import { receivablePayment } from './receivablePayment';
import { recurringInvoice } from './recurringInvoice';

/**
 * "Beyond the menu": endpoints of BILL's current Postman collection that the reference menu
 * (endpoints.json) lacks (see endpoints-extra.json `postmanOnly`).
 */

/** Resources BILL added after the reference menu (bill approvals, credit memos, …). */
export const extraResources: ResourceDef[] = [billApproval, vendorCredit, creditMemo, recurringInvoice, receivablePayment];

/** Operations BILL added to resources that exist already (merged in by resource value). */
export const extraOperations: OperationDef[] = extraOperationList;
