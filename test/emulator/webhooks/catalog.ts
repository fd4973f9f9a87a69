/**
 * The emulator's events catalog (`GET /v3/events/catalog`), per BILL's notification payload pages
 * (developer.bill.com/docs/notification-payloads-reference), and how store collections map to events.
 */

export interface EmuCatalogEntry {
	type: string;
	versions: string[];
}

/** AP/AR events (organization and partner subscriptions). */
export const AP_AR_EVENTS = [
	'vendor.created',
	'vendor.updated',
	'vendor.archived',
	'vendor.restored',
	'autopay.failed',
	'bill.created',
	'bill.updated',
	'bill.archived',
	'bill.restored',
	'payment.updated',
	'payment.failed',
	'mass-payment.updated',
	'bank-account.created',
	'bank-account.updated',
	'card-account.created',
	'card-account.updated',
	'invoice.created',
	'invoice.updated',
	'invoice.archived',
	'invoice.restored',
	'risk-verification.updated',
];

/** Spend & Expense events (subscriptions created with an S&E `apiToken`). */
export const SPEND_EVENTS = [
	'spend.transaction.updated',
	'spend.reimbursement.created',
	'spend.reimbursement.updated',
	'spend.reimbursement.deleted',
	'spend.three-ds-challenge.created',
];

export type SubscriptionFamily = 'apar' | 'spend';

export function defaultCatalog(family: SubscriptionFamily): EmuCatalogEntry[] {
	return (family === 'spend' ? SPEND_EVENTS : AP_AR_EVENTS).map((type) => ({ type, versions: ['1'] }));
}

/**
 * Which store collection produces which events, and under which payload key the object is sent
 * (`bill` is BILL's official sample; the other keys are [inferred] from the event names).
 */
export interface EntityMapping {
	/** Event type prefix: `bill` → `bill.created`. */
	prefix: string;
	/** Key of the object in the notification payload. */
	payloadKey: string;
	/** Which actions BILL has events for. */
	actions: Array<'created' | 'updated' | 'archived' | 'restored' | 'deleted'>;
}

export const ENTITY_BY_COLLECTION: Record<string, EntityMapping> = {
	vendors: { prefix: 'vendor', payloadKey: 'vendor', actions: ['created', 'updated', 'archived', 'restored'] },
	bills: { prefix: 'bill', payloadKey: 'bill', actions: ['created', 'updated', 'archived', 'restored'] },
	invoices: { prefix: 'invoice', payloadKey: 'invoice', actions: ['created', 'updated', 'archived', 'restored'] },
	// BILL sends payment.updated for every status change, including the first one.
	payments: { prefix: 'payment', payloadKey: 'payment', actions: ['updated'] },
	'funding-accounts/banks': { prefix: 'bank-account', payloadKey: 'bankAccount', actions: ['created', 'updated'] },
	'bank-accounts': { prefix: 'bank-account', payloadKey: 'bankAccount', actions: ['created', 'updated'] },
	'funding-accounts/cards': { prefix: 'card-account', payloadKey: 'cardAccount', actions: ['created', 'updated'] },
	'card-accounts': { prefix: 'card-account', payloadKey: 'cardAccount', actions: ['created', 'updated'] },
	'risk-verifications': { prefix: 'risk-verification', payloadKey: 'riskVerification', actions: ['updated'] },
	'spend/transactions': { prefix: 'spend.transaction', payloadKey: 'transaction', actions: ['updated'] },
	'spend/reimbursements': { prefix: 'spend.reimbursement', payloadKey: 'reimbursement', actions: ['created', 'updated', 'deleted'] },
};
