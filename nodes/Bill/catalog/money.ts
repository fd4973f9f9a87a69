/**
 * What an operation does to the organization's money, written once: a read, a record write, or
 * money movement and payment set-up. Derived from the table (method, `mfa`, resource) with a small
 * explicit list where neither tells; the AI tool gate (actions/tool.ts) and the README's reviewed
 * list (checked by test/node/ai-tool-classification.test.ts) ask this file.
 *
 * BILL's own line: in production BILL requires an MFA-trusted session to create a payment or a
 * bulk payment, create a bank account, enable vendor `autoPay` or recurring bill `autoPayment`
 * (developer.bill.com, Validate MFA challenge); the table marks those operations `mfa`.
 */
import type { FieldDef, OperationDef } from './types';

export type OperationClass = 'read' | 'write' | 'money';

/**
 * Resources whose every operation that is not a read moves money or sets up how it moves.
 * [inferred] BILL names payments and bank accounts (MFA); that cards, budgets and budget members
 * (spending limits) and cancel / void of a payment are money movement rests on what they do in
 * BILL's reference, not on a BILL list of "money" operations.
 */
export const MONEY_RESOURCES: Record<string, string> = {
	payment: 'payments of every kind: single, bulk, mass; cancel and void',
	bankAccount: "the organization's bank accounts that pay (funding accounts)",
	vendorBankAccount: 'where vendors are paid',
	card: 'Spend & Expense cards: creation, limits, freeze, delete, the card number token',
	budget: 'Spend & Expense budgets: the spending limits of cards',
	budgetMember: "a member's spending limit in a budget",
};

/**
 * Single operations elsewhere that move money or release it, with the reason.
 * [inferred] BILL states what each does (an approved bill can be paid, an approved reimbursement
 * is paid out, a 3-D Secure answer authorizes the card payment); classing them as money movement
 * for agents is this package's choice.
 */
export const MONEY_OPERATIONS: Record<string, Record<string, string>> = {
	billApproval: {
		approveOrDeny: 'an approval releases the bill for payment',
		createPolicy: 'approval policies decide which payments need an approver',
		updatePolicy: 'approval policies decide which payments need an approver',
		deletePolicy: 'approval policies decide which payments need an approver',
	},
	reimbursement: { approveOrDeny: 'an approved reimbursement is paid out to the employee' },
	transaction: { respondTo3dsChallenge: 'accepting a 3-D Secure challenge authorizes a card payment' },
	// A read that returns a token BILL exchanges for the full card number: card data, not for a model.
	card: { getPanJwt: 'returns a token for the full card number, CVV and expiry' },
};

/** Operations that read although BILL's method is not GET. */
export const READ_OPERATIONS: Record<string, string[]> = {
	payment: ['getExchangeRates'],
};

/**
 * Body fields that make a record write a payment set-up when the item sets them (BILL asks an
 * MFA-trusted session to enable them): vendor `autoPay`, recurring bill `processingOptions.autoPayment`.
 */
export const MONEY_FIELDS = ['autoPay', 'autoPayment'];

function hasMoneyField(fields: FieldDef[] | undefined): boolean {
	return (fields ?? []).some((f) => MONEY_FIELDS.includes(f.name) || hasMoneyField(f.fields));
}

/** The class of an operation of `resource`. */
export function classOf(resource: string, op: Pick<OperationDef, 'operation' | 'method' | 'mfa' | 'body'>): OperationClass {
	if (MONEY_OPERATIONS[resource]?.[op.operation]) return 'money';
	if (op.method === 'GET' || READ_OPERATIONS[resource]?.includes(op.operation)) return 'read';
	if (resource in MONEY_RESOURCES) return 'money';
	if (op.mfa && !hasMoneyField(op.body)) return 'money';
	return 'write';
}

/** Whether a record write can set up payments through a field (refused to an AI tool only when the item sets it). */
export function moneyFieldsOf(op: Pick<OperationDef, 'body'>): boolean {
	return hasMoneyField(op.body);
}

/** Whether this item's request body sets a money field to anything but off/empty. */
export function setsMoneyField(body: unknown): boolean {
	if (!body || typeof body !== 'object') return false;
	for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
		if (MONEY_FIELDS.includes(k)) {
			if (v && typeof v === 'object' ? (v as { enabled?: unknown }).enabled !== false && Object.keys(v).length > 0 : v === true || v === 'true') return true;
		} else if (v && typeof v === 'object' && setsMoneyField(v)) return true;
	}
	return false;
}

/** Why an operation is money movement (for the README and the refusal). */
export function moneyReason(resource: string, operation: string): string | undefined {
	return MONEY_OPERATIONS[resource]?.[operation] ?? MONEY_RESOURCES[resource];
}

/** An operation's action (the actions panel, and an AI tool's description "<action> in BILL"): money movement says so. */
export function actionOf(resource: string, op: Pick<OperationDef, 'operation' | 'method' | 'mfa' | 'body' | 'action'>): string {
	return classOf(resource, op) === 'money' ? `${op.action} (moves money; may need human approval)` : op.action;
}
