/**
 * Rules shared by the Connect AP/AR resources: the store collections (AP, EXTRA), the seeded vendors,
 * bills and funding accounts (AP_SEED), and small checks several resources make (dates, enums,
 * MFA-trusted session, active vendor).
 */
import { BDC, bdcError } from '../errors';
import { byParam, DATE_RE, invalid, missing, refused } from '../handlers';
import type { Collection, EmuRecord } from '../store';
import type { Emulator, EmuRequest, EmuResponse } from '../types';

// ------------------------------------------------------------------ collections and seed ids

/** Store collections (named as the generic routes derive them from BILL's paths, routes.ts). */
export const AP = {
	vendors: 'vendors',
	vendorBankAccounts: 'vendors/bank-account',
	bills: 'bills',
	payments: 'payments',
	recurringBills: 'recurringbills',
	documents: 'documents',
	uploads: 'documents/uploads',
	attachments: 'attachments',
	banks: 'funding-accounts/banks',
	bankUsers: 'funding-accounts/banks/users',
	cards: 'funding-accounts/cards',
	cardUsers: 'funding-accounts/cards/users',
	apCards: 'funding-accounts/ap-cards',
	audit: 'reports/audit-trail/vendor',
	customers: 'customers',
	invoices: 'invoices',
	users: 'users',
} as const;

/** BILL: "Bulk limit: up to 100 bills per request", "up to 20 vendors per request". */
export const BILLS_PER_BULK = 100;
export const VENDORS_PER_BULK = 20;
/** BILL's largest page (`max`) of a list. */
export const MAX_PAGE_SIZE = 100;

/** The vendor and the bill the path names. */
export const VENDOR = byParam(AP.vendors, 'vendorId');
export const BILL = byParam(AP.bills, 'billId');

/** Ids of the records `seed()` creates in every configured organization. */
export const AP_SEED = {
	bankAccountId: 'bac01EMULATOR0001',
	bankAccountUserId: '0bu01EMULATOR0001',
	cardAccountId: 'car01EMULATOR0001',
	nominatedCardAccountId: 'car01EMULATOR0002',
	apCardId: 'apc01EMULATOR0001',
	/** Sandbox rule: this deposit amount always verifies a bank account. */
	depositAmount: 0.5,
} as const;

/** Lists the attachment and document routes share with their detail routes. */
export const collectionAliases: Record<string, string> = {
	'attachments/vendors': AP.attachments,
	'attachments/customers': AP.attachments,
	'attachments/invoices': AP.attachments,
	'documents/bills': AP.documents,
};

export function seed(emu: Emulator): void {
	for (const org of emu.config.organizations) {
		const banks = emu.store.collection(AP.banks, org.id);
		banks.insert(
			{
				status: 'VERIFIED',
				createdBy: emu.config.users.find((u) => u.organizationIds.includes(org.id))?.userId,
				routingNumber: '074000010',
				accountNumber: '111222333',
				nameOnAccount: 'Emulator Org',
				type: 'CHECKING',
				ownerType: 'BUSINESS',
				bankName: 'Emulator Checking',
				accessToAdmins: true,
				default: { payables: true, receivables: true },
				_verifyAttempts: 0,
			},
			{ id: AP_SEED.bankAccountId },
		);
		const users = emu.config.users.filter((u) => u.organizationIds.includes(org.id));
		const bankUsers = emu.store.collection(AP.bankUsers, org.id);
		const cardUsers = emu.store.collection(AP.cardUsers, org.id);
		users.forEach((u, i) => {
			bankUsers.insert(
				{ bankAccountId: AP_SEED.bankAccountId, userId: u.userId, verificationStatus: 'VERIFIED' },
				{ id: i === 0 ? AP_SEED.bankAccountUserId : emu.newId('0bu') },
			);
			cardUsers.insert({ cardAccountId: AP_SEED.cardAccountId, userId: u.userId, archived: false, verificationStatus: 'VERIFIED' }, { bare: true, id: emu.newId('0cu') });
			cardUsers.insert(
				{ cardAccountId: AP_SEED.nominatedCardAccountId, userId: u.userId, archived: false, verificationStatus: 'NOMINATED' },
				{ bare: true, id: emu.newId('0cu') },
			);
		});
		const cards = emu.store.collection(AP.cards, org.id);
		const card = (id: string, brand: string, last4: string, type: string) =>
			cards.insert(
				{
					createdBy: users[0]?.userId,
					issuingBankName: 'Emulator Bank',
					nameOnAccount: org.name,
					brand,
					type,
					status: 'VERIFIED',
					last4,
					expiration: { year: '2030', month: '12' },
					default: { payables: id === AP_SEED.cardAccountId, receivables: false, funding: false, disbursement: false },
				},
				{ id },
			);
		card(AP_SEED.cardAccountId, 'visa', '4242', 'CREDIT_CARD');
		card(AP_SEED.nominatedCardAccountId, 'mastercard', '4444', 'DEBIT_CARD');
		emu.store
			.collection(AP.apCards, org.id)
			.insert({ status: 'ACTIVE', nameOnAccount: org.name, balance: 0, limit: 25000 }, { id: AP_SEED.apCardId });
	}
}

// ------------------------------------------------------------------ small helpers

export function checkDate(name: string, v: unknown, required: boolean): EmuResponse | undefined {
	if (v === undefined || v === null || v === '') return required ? missing(name) : undefined;
	if (typeof v !== 'string' || !DATE_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
		return invalid(name, v, 'Dates are in the yyyy-MM-dd format');
	}
	return undefined;
}

export function checkEnum(name: string, v: unknown, allowed: readonly string[]): EmuResponse | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string' || !allowed.includes(v)) return invalid(name, v, `Allowed values: ${allowed.join(', ')}`);
	return undefined;
}

/** Production rule (auth.md §5): auto-pay and payments need an MFA-trusted session. */
export function needsTrust(emu: Emulator, req: EmuRequest): EmuResponse | undefined {
	if (emu.config.productionRules && req.auth.kind === 'org' && !req.auth.trusted) {
		return bdcError(403, BDC.mfaRequired.code, BDC.mfaRequired.message);
	}
	return undefined;
}

export const coll = (emu: Emulator, req: EmuRequest, name: string): Collection => emu.collection(req, name);

export function activeVendor(emu: Emulator, req: EmuRequest, vendorId: unknown, field = 'vendorId'): EmuRecord | EmuResponse {
	if (typeof vendorId !== 'string' || vendorId === '') return missing(field);
	const v = coll(emu, req, AP.vendors).get(vendorId);
	if (!v) return invalid(field, vendorId, 'No vendor with this ID');
	if (v.archived === true) return refused(`Vendor ${vendorId} is archived. Restore it first.`);
	return v;
}

export const EXTRA = {
	policies: 'bill-approvals/policies',
	creditMemos: 'credit-memos',
	vendorCredits: 'vendor-credits',
	recurringInvoices: 'recurring-invoices',
	receivedPayments: 'receivable-payments',
	statements: 'organizations/billing-statements',
} as const;
