/**
 * The table of operations: one file per BILL resource (`<resourceValue>.ts`) holding all its
 * operations, in the order the Resource list shows them. Shared building blocks are in `shared/`.
 */
import type { OperationDef, ResourceDef } from '../catalog/types';
import { accountingClass } from './accountingClass';
import { apCard } from './apCard';
import { attachment } from './attachment';
import { bankAccount } from './bankAccount';
import { bill } from './bill';
import { billApproval } from './billApproval';
import { budget } from './budget';
import { budgetMember } from './budgetMember';
import { card } from './card';
import { cardAccount } from './cardAccount';
import { chartOfAccount } from './chartOfAccount';
import { creditMemo } from './creditMemo';
import { customer } from './customer';
import { customField } from './customField';
import { customFieldValue } from './customFieldValue';
import { department } from './department';
import { document } from './document';
import { employee } from './employee';
import { fundingAccount } from './fundingAccount';
import { health } from './health';
import { invoice } from './invoice';
import { item } from './item';
import { job } from './job';
import { location } from './location';
import { mfa } from './mfa';
import { network } from './network';
import { organization } from './organization';
import { partnerOrganization } from './partnerOrganization';
import { partnerRiskVerification } from './partnerRiskVerification';
import { partnerRole } from './partnerRole';
import { partnerSession } from './partnerSession';
import { partnerUser } from './partnerUser';
import { payment } from './payment';
import { receivablePayment } from './receivablePayment';
import { recurringBill } from './recurringBill';
import { recurringInvoice } from './recurringInvoice';
import { reimbursement } from './reimbursement';
import { report } from './report';
import { riskVerification } from './riskVerification';
import { role } from './role';
import { session } from './session';
import { spendUser } from './spendUser';
import { transaction } from './transaction';
import { user } from './user';
import { vendor } from './vendor';
import { vendorBankAccount } from './vendorBankAccount';
import { vendorCredit } from './vendorCredit';
import { webhookEvent } from './webhookEvent';
import { webhookHealth } from './webhookHealth';
import { webhookSubscription } from './webhookSubscription';

/** Every resource of the BILL node, in the order the Resource list shows them. */
export const resources: ResourceDef[] = [
	// Connect: accounts payable
	bill,
	vendor,
	payment,
	recurringBill,
	vendorBankAccount,
	document,
	attachment,
	bankAccount,
	cardAccount,
	apCard,
	fundingAccount,
	report,
	// Connect: accounts receivable, classifications, network, organization, users, sign-in
	customer,
	invoice,
	chartOfAccount,
	accountingClass,
	department,
	employee,
	item,
	job,
	location,
	network,
	organization,
	user,
	role,
	session,
	mfa,
	riskVerification,
	health,
	// Connect: bill approvals, credits, recurring invoices, received payments
	billApproval,
	vendorCredit,
	creditMemo,
	recurringInvoice,
	receivablePayment,
	// Spend & Expense
	budget,
	budgetMember,
	card,
	customField,
	customFieldValue,
	reimbursement,
	transaction,
	spendUser,
	// Partner
	partnerSession,
	partnerOrganization,
	partnerUser,
	partnerRole,
	partnerRiskVerification,
	// Webhook management
	webhookSubscription,
	webhookEvent,
	webhookHealth,
];

export const allOperations: OperationDef[] = resources.flatMap((r) => r.operations);

export function findResource(value: string): ResourceDef | undefined {
	return resources.find((r) => r.value === value);
}

export function findOperation(resource: string, operation: string): OperationDef | undefined {
	return findResource(resource)?.operations.find((o) => o.operation === operation);
}
