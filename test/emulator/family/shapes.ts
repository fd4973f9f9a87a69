/**
 * BILL's record shapes on the money path (vendors, customers, bills, invoices, payments, bank and
 * card accounts) and of records off it (classifications, users, roles, organizations, Spend &
 * Expense users, budgets, budget members, reimbursements and transactions, credit memos, vendor credits, recurring
 * bills and invoices): the keys BILL's API reference lists on each record, with the value the emulator
 * answers when a record it keeps lacks one (a record the tests seed straight into the store, or a
 * field never sent). The emulator's own statement, written from BILL's reference pages, not from the
 * node. `server.ts` view() applies it to every answer of a record of these collections; what the
 * record holds always wins.
 *
 * [inferred] BILL answers a text field that was never set as "" (its customer example has
 * `billingAddress.line2: ""`), a flag as false, a list as [] and an ID, amount or enum value as
 * null; BILL does not state it for each field. Fields BILL fills from data the emulator does not model (chart of accounts,
 * classifications, payment terms, sales tax items, virtual card enrolment, RPPS, international
 * purpose codes, the disbursement of each payment type) are not invented here: the contract suite
 * lists them (test/contract/allow-list.ts).
 */
import { AP } from './accounts-payable';

type Obj = Record<string, unknown>;
/** A stored record of another collection of the same organization (`collection`, `id`). */
type Lookup = (collection: string, id: string) => Obj | undefined;

export interface RecordShape {
	/** The keys BILL answers on the record, with the value for one the record lacks. */
	defaults(rec: Obj, lookup: Lookup): Obj;
	/** Keys the emulator keeps on the record that BILL does not answer (its bookkeeping). */
	hidden?: string[];
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** BILL answers an address's country name beside its two-letter code. */
function countryName(code: unknown): string {
	if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) return '';
	try {
		return regionNames.of(code) ?? '';
	} catch {
		return '';
	}
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An address with every line BILL answers ("" where not given). */
const address = (a: unknown): Obj => ({ line1: '', line2: '', city: '', stateOrProvince: '', zipOrPostalCode: '', country: '', countryName: countryName(isObj(a) ? a.country : undefined) });

const nameOf = (lookup: Lookup, collection: string, id: unknown) => (typeof id === 'string' ? lookup(collection, id)?.name : undefined);

/** The optional keys of an accounting class, department, job or location. */
const classification: Obj = { shortName: '', description: '', parentId: null };

/** An organization's optional keys; the lines of its addresses only where it has them. */
const organization = (o: Obj): Obj => ({
	...(isObj(o.address) ? { address: { line2: '', stateOrProvince: '' } } : {}),
	...(isObj(o.mailingAddress) ? { mailingAddress: { line2: '', stateOrProvince: '' } } : {}),
	...(isObj(o.companyOwner) ? { companyOwner: { dateOfBirth: null } } : {}),
	taxId: '',
	partnerName: '',
});

/** A document's classifications, and a line's (BILL answers each key, null where none is set). */
const documentClasses: Obj = { accountingClassId: null, departmentId: null, jobId: null, locationId: null };
const lineClasses: Obj = { chartOfAccountId: null, ...documentClasses, itemId: null };

/** The defaults of each line of a record's `key` list (none when the record has no lines). */
const lines = (list: unknown, key: string, line: Obj): Obj => (Array.isArray(list) ? { [key]: list.map(() => line) } : {});

export const RECORD_SHAPES: Record<string, RecordShape> = {
	// BILL reference: Get vendor details (GET /v3/vendors/{vendorId}).
	[AP.vendors]: {
		defaults: (v) => ({
			shortName: '',
			accountNumber: '',
			accountType: 'NONE',
			email: '',
			phone: '',
			address: address(v.address),
			paymentInformation: { payeeName: v.name ?? '', email: '', payByType: 'CHECK' },
			additionalInfo: { taxId: '', track1099: false, companyName: '' },
			bankAccountStatus: 'UNDEFINED',
			recurringPayments: false,
			billCurrency: 'USD',
			balance: { amount: 0, lastUpdatedDate: v.updatedTime ?? v.createdTime },
			autoPay: { enabled: false },
			networkStatus: 'NOT_CONNECTED',
		}),
	},
	// BILL reference: Get customer details (GET /v3/customers/{customerId}).
	[AP.customers]: {
		defaults: (c) => ({
			companyName: '',
			contact: { firstName: '', lastName: '' },
			phone: '',
			fax: '',
			description: '',
			invoiceCurrency: 'USD',
			accountType: 'NONE',
			accountNumber: '',
			billingAddress: address(c.billingAddress),
			shippingAddress: address(c.shippingAddress),
			balance: { amount: 0 },
		}),
	},
	// BILL reference: Get bill details (GET /v3/bills/{billId}); a bill's amounts in USD unless its vendor pays in another currency.
	[AP.bills]: {
		defaults: (b, lookup) => ({
			vendorName: nameOf(lookup, AP.vendors, b.vendorId) ?? '',
			exchangeRate: 1,
			description: '',
			purchaseOrderNumber: '',
			approvers: [],
			...(Array.isArray(b.billLineItems) ? { billLineItems: b.billLineItems.map(() => ({ description: '' })) } : {}),
		}),
	},
	// BILL reference: Get invoice details (GET /v3/invoices/{invoiceId}).
	[AP.invoices]: {
		defaults: (i) => ({
			exchangeRate: 1,
			payments: [],
			salesTaxTotal: 0,
			salesTaxPercentage: 0,
			enableCardPayment: false,
			...(Array.isArray(i.invoiceLineItems) ? { invoiceLineItems: i.invoiceLineItems.map(() => ({ description: '' })) } : {}),
		}),
	},
	// BILL reference: Get payment details (GET /v3/payments/{paymentId}). A payment is never archived in BILL.
	[AP.payments]: {
		defaults: (p, lookup) => ({
			vendorName: nameOf(lookup, AP.vendors, p.vendorId) ?? '',
			description: '',
			transactionNumber: '',
			processingOptions: { requestPayFaster: false, createBill: false },
			exchangeRate: 1,
			fundingAmount: p.amount,
			voidInfo: [],
			disbursementInfo: { isVoidable: false },
			cancelRequestSubmitted: false,
		}),
		hidden: ['archived'],
	},
	// BILL reference: Get bank account details (GET /v3/funding-accounts/banks/{bankAccountId}).
	[AP.banks]: {
		defaults: () => ({ accessToAdmins: false, default: { payables: false, receivables: false } }),
	},
	// BILL reference: Get card account details (GET /v3/funding-accounts/cards/{cardAccountId}).
	[AP.cards]: {
		defaults: () => ({ default: { payables: false, receivables: false, funding: false, disbursement: false } }),
	},
	// BILL reference: Get vendor bank account (GET /v3/vendors/{vendorId}/bank-account).
	[AP.vendorBankAccounts]: {
		defaults: () => ({ paymentCurrency: 'USD' }),
	},

	// Off the money path. Classifications (BILL reference: Get accounting class / department / job /
	// location / employee / chart of accounts / item details): the optional keys every answer carries.
	'classifications/accounting-classes': { defaults: () => classification },
	'classifications/departments': { defaults: () => classification },
	'classifications/jobs': { defaults: () => classification },
	'classifications/locations': { defaults: () => classification },
	'classifications/employees': { defaults: () => ({ shortName: '', parentId: null }) },
	'classifications/chart-of-accounts': { defaults: () => ({ description: '', parentId: null, account: { type: null, number: '' } }) },
	'classifications/items': {
		defaults: () => ({
			shortName: '',
			description: '',
			parentId: null,
			price: null,
			expenseChartOfAccountId: null,
			purchaseDescription: '',
			purchaseCost: null,
			chartOfAccountId: null,
			taxable: false,
			percentage: null,
		}),
	},
	// BILL reference: Get user details (GET /v3/users/{userId}; partner users are the same records): a user's role is `{id, type, description}`.
	users: { defaults: () => ({ firstName: '', lastName: '', email: '', role: { id: null, type: null, description: '' } }) },
	// BILL reference: Get role details (GET /v3/roles/{roleId}).
	roles: { defaults: () => ({ type: null, description: '' }) },
	// BILL reference: Get organization details (GET /v3/organizations/{organizationId}); a partner's organizations alike.
	organizations: { defaults: organization },
	'partner/organizations': { defaults: organization },
	// BILL reference: Get credit memo details (GET /v3/credit-memos/{creditMemoId}).
	'credit-memos': {
		defaults: (c) => ({
			description: '',
			salesTaxItemId: null,
			payToChartOfAccountId: null,
			payToBankAccountId: null,
			salesTaxPercentage: 0,
			classifications: documentClasses,
			...lines(c.creditMemoLineItems, 'creditMemoLineItems', { description: '', price: null, quantity: null, ratePercent: null, taxable: false, classifications: lineClasses }),
		}),
	},
	// BILL reference: Get vendor credit details (GET /v3/vendor-credits/{vendorCreditId}).
	'vendor-credits': {
		defaults: (v) => ({
			description: '',
			applyToChartOfAccountId: null,
			applyToBankAccountId: null,
			...lines(v.vendorCreditLineItems, 'vendorCreditLineItems', { description: '', classifications: { ...lineClasses, employeeId: null, customerId: null } }),
		}),
	},
	// BILL reference: Get recurring bill details (GET /v3/recurringbills/{recurringBillId}).
	recurringbills: {
		defaults: (r) => ({
			description: '',
			// A schedule without `frequency` runs every period (the create handler stores 1, resources/recurringBill.ts).
			...(isObj(r.schedule) ? { schedule: { frequency: 1, endDate: null, daysInAdvance: 0 } } : {}),
			processingOptions: { autoPayment: false },
			paymentInformation: { bankAccountId: null },
			...lines(r.recurringBillLineItems, 'recurringBillLineItems', { description: '', classifications: { ...lineClasses, employeeId: null } }),
		}),
	},
	// BILL reference: Get recurring invoice details (GET /v3/recurring-invoices/{recurringInvoiceId}).
	'recurring-invoices': {
		defaults: (r) => ({
			description: '',
			...(isObj(r.schedule) ? { schedule: { endDate: null, daysInAdvance: 0 } } : {}),
			classifications: documentClasses,
			...lines(r.recurringInvoiceLineItems, 'recurringInvoiceLineItems', { description: '', price: null, quantity: null, classifications: lineClasses, taxable: false }),
		}),
	},
	// BILL reference (Spend & Expense): Get budget details (GET /v3/spend/budgets/{budgetId}).
	'spend/budgets': {
		defaults: (b) => ({
			description: '',
			startDate: null,
			expirationDate: null,
			timezone: '',
			autoAddUsers: false,
			receiptRequired: false,
			maxTxSize: null,
			carryOver: false,
			default: false,
			parentBudgetId: null,
			parentBudgetUuid: null,
			budgetGroup: false,
			limitlessGoal: null,
			...(isObj(b.currentPeriod) ? { currentPeriod: { startDate: null, endDate: null } } : {}),
		}),
	},
	// BILL reference (Spend & Expense): Get budget member details (GET /v3/spend/budgets/{budgetId}/members/{userId}):
	// the member's user (UUID, name) beside its limits. [inferred] A member added without a role is a MEMBER.
	'spend/budgets/members': {
		defaults: (m, lookup) => {
			const user = typeof m.userId === 'string' ? lookup('spend/users', m.userId) : undefined;
			return {
				userUuid: user?.uuid ?? null,
				spent: 0,
				limit: null,
				recurringLimit: null,
				recurring: false,
				budgetRole: 'MEMBER',
				name: user ? `${String(user.firstName ?? '')} ${String(user.lastName ?? '')}`.trim() : '',
				retired: false,
				shareBudgetFunds: false,
			};
		},
	},
	// BILL reference (Spend & Expense): Get reimbursement details (GET /v3/spend/reimbursements/{reimbursementId}).
	'spend/reimbursements': {
		defaults: () => ({ fulfillmentType: null, fundRequestAmount: null, fundRequestBudgetAmount: null, retired: false, batchId: null, batchAmount: null, statusHistory: [] }),
	},
	// BILL reference (Spend & Expense): Get transaction details (GET /v3/spend/transactions/{transactionId}): a card
	// purchase (AUTHORIZATION, DECLINE, or CLEAR once money moved; a negative amount for a reversal or refund) with its
	// card, member, budget, receipts, custom fields, reviews and accounting sync. resources/transaction.ts
	// simulateCardTransaction() writes every key; these are for a transaction stored with fewer.
	'spend/transactions': {
		defaults: (t, lookup) => {
			const user = typeof t.userId === 'string' ? lookup('spend/users', t.userId) : undefined;
			return {
				childTransactionIds: [],
				childTransactionUuids: [],
				isLocked: false,
				isReconciled: false,
				transactionType: null,
				parentTransactionId: null,
				userId: null,
				userUuid: user?.uuid ?? null,
				userName: user ? `${String(user.firstName ?? '')} ${String(user.lastName ?? '')}`.trim() : '',
				rawMerchantName: '',
				merchantName: '',
				budgetId: null,
				budgetUuid: null,
				budgetName: nameOf(lookup, 'spend/budgets', t.budgetId) ?? '',
				originalAuthTransactionId: null,
				originalAuthTransactionUuid: null,
				isCredit: typeof t.amount === 'number' && t.amount < 0,
				currencyData: null,
				receiptRequired: false,
				reviewRequired: false,
				occurredTime: null,
				authorizedTime: null,
				complete: false,
				pointsAwarded: 0,
				customFields: [],
				receipts: [],
				network: null,
				isParent: true,
				reviews: [],
				amount: null,
				transactedAmount: t.amount ?? null,
				fees: 0,
				foreignExchangeFee: 0,
				receiptStatus: null,
				matchedClearTransactionId: null,
				matchedClearTransactionUuid: null,
				accountingIntegrationTransactions: [],
				reviewers: [],
				cardId: null,
				cardUuid: null,
				cardLastFour: null,
				cardType: null,
				receiptSyncStatus: null,
				merchantCategoryCode: null,
				declineReason: null,
				declineInternalReasonCode: null,
				cardPresent: false,
				merchantLocation: null,
				disputeStatus: null,
			};
		},
	},
	// BILL reference (Spend & Expense): Get user details (GET /v3/spend/users/{userId}).
	'spend/users': { defaults: () => ({ receiptEmail: '', useCompanyMailingAddress: false, smsOptIn: false, hasDateOfBirth: false }) },
};

/**
 * Records whose BILL answer has none of the store's bookkeeping (`archived`, `createdTime`,
 * `updatedTime`, test/emulator/store.ts insert) or of the scope the emulator keeps on them (the
 * path's budgetId / customFieldId / organizationId, a seeded S&E `uuid`): BILL's reference of each
 * answer lists no such field. Left out of the answer; the emulator still keeps them (lists filter on
 * `archived`).
 */
const BOOKKEEPING: Record<string, string[]> = {
	attachments: ['archived', 'updatedTime'],
	documents: ['archived', 'updatedTime'],
	'bill-approvals/policies': ['archived', 'createdTime', 'updatedTime'],
	[AP.apCards]: ['archived'],
	'organizations/billing-statements': ['archived', 'organizationId', 'createdTime', 'updatedTime'],
	roles: ['archived'],
	subscriptions: ['archived'],
	'spend/budgets': ['archived', 'createdTime', 'updatedTime'],
	'spend/budgets/members': ['archived', 'uuid', 'budgetId', 'createdTime', 'updatedTime'],
	'spend/cards': ['archived'],
	'spend/custom-fields': ['archived', 'updatedTime'],
	'spend/custom-fields/values': ['archived', 'customFieldId', 'createdTime', 'updatedTime'],
	'spend/reimbursements': ['archived', 'createdTime', 'updatedTime'],
	'spend/transactions': ['archived', 'createdTime'],
	'spend/users': ['archived', 'updatedTime'],
};
for (const [collection, hidden] of Object.entries(BOOKKEEPING)) RECORD_SHAPES[collection] = { defaults: RECORD_SHAPES[collection]?.defaults ?? (() => ({})), hidden };

/** Fills the keys `out` lacks from `defaults` (objects key by key, list elements by position); what `out` holds wins. */
function fill(out: Obj, defaults: Obj): Obj {
	for (const [k, d] of Object.entries(defaults)) {
		const v = out[k];
		if (v === undefined) out[k] = d;
		else if (isObj(v) && isObj(d)) out[k] = fill({ ...v }, d);
		else if (Array.isArray(v) && Array.isArray(d) && d.length) out[k] = v.map((x, i) => (isObj(x) && isObj(d[i]) ? fill({ ...x }, d[i] as Obj) : x));
	}
	return out;
}

/** BILL's view of a record of `collection` (server.ts view()): its shape's keys filled in, the store's bookkeeping left out. */
export function shaped(collection: string, out: Obj, lookup: Lookup): Obj {
	const shape = RECORD_SHAPES[collection];
	if (!shape) return out;
	for (const k of shape.hidden ?? []) delete out[k];
	return fill(out, shape.defaults(out, lookup));
}
