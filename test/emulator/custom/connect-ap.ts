/**
 * Custom emulator handlers for the Connect AP resources, where BILL does more than generic CRUD:
 * bills (amounts computed from line items, line item IDs), payments (against a bill's due amount,
 * bill balances updated, cancel / void, bulk payments combined per vendor, options, check images;
 * international rules in international.ts, mass payments in mass-payments.ts), vendors (audit
 * trail, bank account, configuration), bill documents (asynchronous upload: `0du` upload id →
 * `00h` document after a few minutes of emulator time, `config.documentProcessing`), attachments
 * (parent must exist), funding accounts (bank accounts and their verification, users and
 * nominations, card accounts, AP cards, permissions).
 *
 * Response shapes follow BILL's Postman collection (test/fixtures/bill-v3-api.postman_collection.json). Rules BILL documents are
 * cited in comments; where BILL documents the rule but not its error code the code is marked
 * [inferred].
 */
import { BDC, bdcError } from '../errors';
import type { BillEmulator } from '../server';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, EmuRequest, EmuResponse } from '../types';
import { addBusinessDays, arrayBody, atElement, bodyOf, byParam, changeRecord, DATE_RE, forOperation, invalid, isError as isErr, isObject, jsonObjectBody, jsonObjectOf, missing, notFound, num, refused, round2, today, view as out, withRecord, withRecordStatus } from './common';
import { applyApprovalPolicies } from './extra';
import { checkBatchId, internationalTerms, type InternationalTerms } from './international';
import type { Obj } from './common';

// ------------------------------------------------------------------ collections and seed ids

/** Store collections (named as the generic routes derive them from the table). */
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
const BILLS_PER_BULK = 100;
const VENDORS_PER_BULK = 20;
/** BILL's largest page (`max`) of a list. */
const MAX_PAGE_SIZE = 100;

/** The vendor and the bill the path names. */
const VENDOR = byParam(AP.vendors, 'vendorId');
const BILL = byParam(AP.bills, 'billId');

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

export function seed(emu: BillEmulator): void {
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

function checkDate(name: string, v: unknown, required: boolean): EmuResponse | undefined {
	if (v === undefined || v === null || v === '') return required ? missing(name) : undefined;
	if (typeof v !== 'string' || !DATE_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
		return invalid(name, v, 'Dates are in the yyyy-MM-dd format');
	}
	return undefined;
}

function checkEnum(name: string, v: unknown, allowed: readonly string[]): EmuResponse | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string' || !allowed.includes(v)) return invalid(name, v, `Allowed values: ${allowed.join(', ')}`);
	return undefined;
}

/** Production rule (auth.md §5): auto-pay and payments need an MFA-trusted session. */
function needsTrust(emu: BillEmulator, req: EmuRequest): EmuResponse | undefined {
	if (emu.config.productionRules && req.auth.kind === 'org' && !req.auth.trusted) {
		return bdcError(403, BDC.mfaRequired.code, BDC.mfaRequired.message);
	}
	return undefined;
}

const coll = (emu: BillEmulator, req: EmuRequest, name: string): Collection => emu.collection(req, name);

function activeVendor(emu: BillEmulator, req: EmuRequest, vendorId: unknown, field = 'vendorId'): EmuRecord | EmuResponse {
	if (typeof vendorId !== 'string' || vendorId === '') return missing(field);
	const v = coll(emu, req, AP.vendors).get(vendorId);
	if (!v) return invalid(field, vendorId, 'No vendor with this ID');
	if (v.archived === true) return refused(`Vendor ${vendorId} is archived. Restore it first.`);
	return v;
}

// ------------------------------------------------------------------ vendors and their audit trail

function userName(emu: BillEmulator, req: EmuRequest): string {
	return emu.config.users.find((u) => u.userId === req.auth.userId)?.username ?? 'API user';
}

/** Flattens a record into dotted scalar fields (what the audit trail reports). */
function flatten(o: unknown, prefix = '', acc: Record<string, string> = {}): Record<string, string> {
	if (!isObject(o)) return acc;
	for (const [k, v] of Object.entries(o)) {
		if (k.startsWith('_') || ['id', 'createdTime', 'updatedTime', 'balance'].includes(k)) continue;
		const key = prefix ? `${prefix}.${k}` : k;
		if (isObject(v)) flatten(v, key, acc);
		else if (v !== undefined && v !== null) acc[key] = Array.isArray(v) ? JSON.stringify(v) : String(v);
	}
	return acc;
}

/** Records one audit entry per changed field of a vendor (BILL: "records for each create and edit operation"). */
function audit(emu: BillEmulator, req: EmuRequest, vendorId: string, before: Obj | undefined, after: Obj | undefined): void {
	const a = flatten(before);
	const b = flatten(after);
	const trail = coll(emu, req, AP.audit);
	const time = emu.now();
	const type = before ? 'UPDATE' : 'CREATE';
	for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (a[name] === b[name]) continue;
		trail.insert(
			{
				vendorId,
				source: 'API',
				type,
				createdTime: time,
				user: { id: req.auth.userId, name: userName(emu, req) },
				field: { name, value: { previous: a[name] ?? null, current: b[name] ?? null } },
			},
			{ bare: true, prefix: '0au' },
		);
	}
}

const VENDOR_ACCOUNT_TYPES = ['BUSINESS', 'PERSON', 'NONE'];
/** BILL's currency enum (API reference, bill/payment currency), kept here apart from the node's copy. */
const CURRENCIES = (
	'AED,AFN,ALL,AMD,ANG,AOA,ARS,AUD,AWG,AZN,BAM,BBD,BDT,BGN,BHD,BIF,BMD,BND,BOB,BRL,BSD,BTN,BWP,BYN,BZD,CAD,CDF,CHF,' +
	'CLP,CNY,COP,CRC,CUC,CUP,CVE,CZK,DJF,DKK,DOP,DZD,EGP,ERN,ETB,EUR,FJD,FKP,GBP,GEL,GGP,GHS,GIP,GMD,GNF,GTQ,GYD,HKD,' +
	'HNL,HRK,HTG,HUF,IDR,ILS,IMP,INR,IQD,IRR,ISK,JEP,JMD,JOD,JPY,KES,KGS,KHR,KMF,KPW,KRW,KWD,KYD,KZT,LAK,LBP,LKR,LRD,' +
	'LSL,LYD,MAD,MDL,MGA,MKD,MMK,MNT,MOP,MRU,MUR,MVR,MWK,MXN,MYR,MZN,NAD,NGN,NIO,NOK,NPR,NZD,OMR,PAB,PEN,PGK,PHP,PKR,' +
	'PLN,PYG,QAR,RON,RSD,RUB,RWF,SAR,SBD,SCR,SDG,SEK,SGD,SHP,SLE,SLL,SOS,SPL,SRD,STN,SVC,SYP,SZL,THB,TJS,TMT,TND,TOP,' +
	'TRY,TTD,TVD,TWD,TZS,UAH,UGX,USD,UYU,UZS,VEF,VND,VUV,WST,XAF,XCD,XDR,XOF,XPF,YER,ZAR,ZMW,ZWD'
).split(',');

function checkVendorBody(emu: BillEmulator, req: EmuRequest, b: Obj, creating: boolean): EmuResponse | undefined {
	if (creating) {
		if (typeof b.name !== 'string' || b.name.trim() === '') return missing('name');
		if (!isObject(b.address)) return missing('address');
	}
	const e = checkEnum('accountType', b.accountType, VENDOR_ACCOUNT_TYPES) ?? checkEnum('billCurrency', b.billCurrency, CURRENCIES);
	if (e) return e;
	if (b.email !== undefined && (typeof b.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email))) return invalid('email', b.email);
	if (isObject(b.address) && b.address.country !== undefined && !/^[A-Z]{2}$/.test(String(b.address.country))) {
		return invalid('address.country', b.address.country, 'Use a two-letter ISO country code');
	}
	if (isObject(b.autoPay) && b.autoPay.enabled === true) {
		const t = needsTrust(emu, req);
		if (t) return t;
		const bankId = b.autoPay.bankAccountId;
		if (bankId !== undefined && !coll(emu, req, AP.banks).get(String(bankId))) return invalid('autoPay.bankAccountId', bankId);
	}
	return undefined;
}

/** Fields BILL adds to a vendor it creates. */
function vendorDefaults(b: Obj): Obj {
	return {
		accountType: 'NONE',
		billCurrency: 'USD',
		bankAccountStatus: 'UNDEFINED',
		recurringPayments: false,
		networkStatus: 'NOT_CONNECTED',
		balance: { amount: 0 },
		...b,
		paymentInformation: { payByType: 'CHECK', ...(isObject(b.paymentInformation) ? b.paymentInformation : {}) },
	};
}

/** A bank account given in `paymentInformation.bankAccount` also becomes the vendor's bank account. */
function syncVendorBank(emu: BillEmulator, req: EmuRequest, vendor: EmuRecord): void {
	const info = vendor.paymentInformation;
	const bank = isObject(info) ? info.bankAccount : undefined;
	if (!isObject(bank) || typeof bank.accountNumber !== 'string') return;
	const banks = coll(emu, req, AP.vendorBankAccounts);
	const existing = banks.find((r) => r.vendorId === vendor.id);
	if (existing) banks.remove(existing.id);
	banks.insert(
		{ vendorId: vendor.id, type: 'CHECKING', ownerType: 'BUSINESS', paymentCurrency: 'USD', ...bank, _addedDate: today(emu) },
		{ bare: true, prefix: 'vba' },
	);
	vendor.bankAccountStatus = 'PENDING';
	(info as Obj).payByType = 'ACH';
}

function createVendor(emu: BillEmulator, req: EmuRequest, b: Obj): EmuRecord {
	const vendor = coll(emu, req, AP.vendors).insert(vendorDefaults(b));
	syncVendorBank(emu, req, vendor);
	audit(emu, req, vendor.id, undefined, out(emu, vendor));
	return vendor;
}

/** Sum of the due amounts of a vendor's open bills (call after changing a bill's amounts). */
export function refreshVendorBalance(emu: BillEmulator, req: EmuRequest, vendorId: unknown): void {
	if (typeof vendorId !== 'string') return;
	const vendors = coll(emu, req, AP.vendors);
	const v = vendors.get(vendorId);
	if (!v) return;
	const amount = round2(
		coll(emu, req, AP.bills)
			.list((b) => b.vendorId === vendorId && b.archived !== true)
			.reduce((s, b) => s + num(b.dueAmount), 0),
	);
	v.balance = { amount, lastUpdatedDate: emu.now() };
}

/** Wraps a generic vendor operation so that it leaves an audit record. */
function audited(operation: 'update' | 'archive' | 'restore'): CustomHandler {
	return forOperation('vendor', operation, (req, emu: BillEmulator) => {
		const id = req.params.vendorId;
		const before = coll(emu, req, AP.vendors).get(id);
		const snapshot = before ? (JSON.parse(JSON.stringify(out(emu, before))) as Obj) : undefined;
		if (operation === 'update') {
			const b = jsonObjectOf(req);
			if (isErr(b)) return b;
			const err = checkVendorBody(emu, req, b, false);
			if (err) return err;
		}
		const res = emu.generic(req);
		const after = coll(emu, req, AP.vendors).get(id);
		if ((res.status ?? 200) < 300 && after) {
			if (operation === 'update') syncVendorBank(emu, req, after);
			audit(emu, req, id, snapshot, out(emu, after));
			return { ...res, body: out(emu, after) };
		}
		return res;
	});
}

// ------------------------------------------------------------------ international configuration [inferred rules]

/** Countries whose accounts are IBANs (SEPA and a few more). */
const IBAN_COUNTRIES = new Set(
	'AD AT BE BG CH CY CZ DE DK EE ES FI FO FR GB GI GL GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT RO SE SI SK SM VA AE SA IL TR'.split(' '),
);
/** Currencies whose payments need a payment purpose code. */
const PURPOSE_CURRENCIES = new Set(['INR', 'CNY', 'AED', 'MYR', 'PHP', 'THB', 'IDR', 'BHD', 'JOD', 'KWD', 'OMR', 'QAR', 'SAR']);

function internationalConfiguration(country: string, currency: string, accountType: string): Obj {
	const fields: Obj[] = [];
	if (country !== 'US') {
		if (IBAN_COUNTRIES.has(country)) {
			fields.push({ name: 'accountNumber', description: 'IBAN of the vendor bank account', regularExpression: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$', required: true });
		} else {
			fields.push({ name: 'accountNumber', description: 'Vendor bank account number', regularExpression: '^[A-Za-z0-9]{4,34}$', required: true });
		}
		fields.push({ name: 'swiftCode', description: 'SWIFT / BIC code of the bank', regularExpression: '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$', required: true });
		if (accountType === 'PERSON') fields.push({ name: 'beneficiaryAddress', description: 'Address of the account holder', regularExpression: '^.{5,140}$', required: true });
	}
	const purposeRequired = PURPOSE_CURRENCIES.has(currency);
	return {
		paymentPurpose: purposeRequired
			? {
					required: true,
					type: 'CODE',
					codes: [
						{ name: 'Payment for goods', value: 'GOODS' },
						{ name: 'Payment for services', value: 'SERVICES' },
						{ name: 'Software licenses', value: 'SOFTWARE' },
					],
				}
			: { required: false, type: 'TEXT', codes: [] },
		validations: { fields },
	};
}

// ------------------------------------------------------------------ bills

type LineMode = 'create' | 'replace' | 'update';

/** Builds the line items of a bill / recurring bill: amounts from quantity × price, IDs for new lines. */
function buildLines(emu: BillEmulator, field: string, input: unknown, existing: Obj[] | undefined, mode: LineMode, idPrefix: string): Obj[] | EmuResponse {
	if (input === undefined && mode === 'update') return existing ?? [];
	if (!Array.isArray(input) || (mode !== 'update' && input.length === 0)) return missing(field);
	const byId = new Map((existing ?? []).map((l) => [String(l.id), l]));
	const result: Obj[] = mode === 'update' ? (existing ?? []).map((l) => ({ ...l })) : [];
	for (const [i, raw] of input.entries()) {
		if (!isObject(raw)) return invalid(`${field}[${i}]`, raw);
		const line: Obj = { ...raw };
		if (line.amount === undefined && typeof line.quantity === 'number' && typeof line.price === 'number') line.amount = round2(line.quantity * line.price);
		if (line.amount !== undefined && typeof line.amount !== 'number') return invalid(`${field}[${i}].amount`, line.amount);
		if (line.id !== undefined && line.id !== '') {
			if (mode === 'create') return invalid(`${field}[${i}].id`, line.id, 'New lines have no ID');
			const old = byId.get(String(line.id));
			if (!old) return invalid(`${field}[${i}].id`, line.id, 'No line item with this ID');
			const merged = { ...old, ...line };
			if (mode === 'update') result[result.findIndex((l) => l.id === line.id)] = merged;
			else result.push(merged);
		} else {
			if (line.amount === undefined) return missing(`${field}[${i}].amount`);
			delete line.id;
			result.push({ id: emu.newId(idPrefix), ...line });
		}
	}
	return result;
}

/** Amount fields of a bill and its payment status, from its lines and payments (other modules reuse it). */
export function settle(bill: Obj): void {
	const lines = Array.isArray(bill.billLineItems) ? (bill.billLineItems as Obj[]) : [];
	bill.amount = round2(lines.reduce((s, l) => s + num(l.amount), 0));
	bill.fundingAmount = bill.amount;
	settlePayments(bill);
}

/** A bill's due amount and payment status, from its amount, payments and credits. */
export function settlePayments(bill: Obj): void {
	const paid = num(bill.paidAmount);
	const scheduled = num(bill.scheduledAmount);
	const due = round2(num(bill.amount) - paid - scheduled - num(bill.creditAmount));
	bill.dueAmount = due;
	bill.paymentStatus = due <= 0 && num(bill.amount) > 0 ? (scheduled > 0 ? 'SCHEDULED' : 'PAID') : paid + scheduled > 0 ? 'PARTIAL' : 'UNPAID';
}

const BILL_LINE_PREFIX = '0bl'; // [inferred] BILL does not document the prefix of line item IDs

/** Validates a bill body and returns the fields to store. */
function billData(emu: BillEmulator, req: EmuRequest, body: Obj, mode: LineMode, existing?: EmuRecord): Obj | EmuResponse {
	const required = mode !== 'update';
	// `billApprovals` asks for the approvals information in the answer (BILL: docs/ap-bill-approvals); it is no field of the bill.
	const { billApprovals, ...b } = body;
	if (billApprovals !== undefined && typeof billApprovals !== 'boolean') return invalid('billApprovals', billApprovals, 'true or false');
	let vendor: EmuRecord | undefined;
	if (b.vendorId !== undefined || required) {
		const v = activeVendor(emu, req, b.vendorId);
		if (isErr(v)) return v;
		vendor = v;
	}
	const dateErr = checkDate('dueDate', b.dueDate, required);
	if (dateErr) return dateErr;
	if (b.invoice !== undefined || required) {
		if (!isObject(b.invoice)) return missing('invoice');
		if (required && (typeof b.invoice.invoiceNumber !== 'string' || b.invoice.invoiceNumber === '')) return missing('invoice.invoiceNumber');
		const e = checkDate('invoice.invoiceDate', b.invoice.invoiceDate, required);
		if (e) return e;
	}
	if (b.payFromChartOfAccountId !== undefined && !String(b.payFromChartOfAccountId).startsWith('0ca')) {
		return invalid('payFromChartOfAccountId', b.payFromChartOfAccountId, 'Chart of account IDs begin with 0ca');
	}
	const lines = buildLines(emu, 'billLineItems', b.billLineItems, existing?.billLineItems as Obj[] | undefined, mode, BILL_LINE_PREFIX);
	if (isErr(lines)) return lines;
	const data: Obj = { ...b, billLineItems: lines };
	if (vendor) data.vendorName = vendor.name;
	if (isObject(b.invoice) && existing && isObject(existing.invoice) && mode === 'update') data.invoice = { ...existing.invoice, ...b.invoice };
	return data;
}

function newBill(emu: BillEmulator, data: Obj): Obj {
	const bill: Obj = {
		paidAmount: 0,
		scheduledAmount: 0,
		creditAmount: 0,
		exchangeRate: 1,
		approvalStatus: 'UNASSIGNED',
		approvers: [],
		recordStatus: 'ACTIVE',
		...data,
	};
	settle(bill);
	return bill;
}

/**
 * BILL adds the approvals information (approvers of a matching approval policy) to its answer when
 * a bill is created or updated with `billApprovals: true` (docs/ap-bill-approvals, changelog
 * 2025-11-05); without it the answer keeps the bill as it was.
 */
function withApprovals(emu: BillEmulator, req: EmuRequest, body: Obj): void {
	if (body.billApprovals === true) applyApprovalPolicies(emu, emu.orgKeyOf(req));
}

/** A change of lines may not bring the bill below what is already paid or scheduled. */
function checkNotBelowPaid(bill: Obj): EmuResponse | undefined {
	if (num(bill.amount) + 1e-9 < num(bill.paidAmount) + num(bill.scheduledAmount)) {
		return refused(`The bill amount ${String(bill.amount)} would be less than its paid and scheduled amount ${round2(num(bill.paidAmount) + num(bill.scheduledAmount))}.`, 'BDC_1159');
	}
	return undefined;
}

const billHandlers: CustomHandler[] = [
	forOperation('bill', 'create', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const data = billData(emu, req, b, 'create');
		if (isErr(data)) return data;
		const bill = coll(emu, req, AP.bills).insert(newBill(emu, data));
		refreshVendorBalance(emu, req, bill.vendorId);
		withApprovals(emu, req, b);
		return { status: 201, body: out(emu, bill) };
	}),
	forOperation('bill', 'createMany', (req, emu: BillEmulator) => {
		const els = arrayBody(req, BILLS_PER_BULK, 'bills');
		if (isErr(els)) return els;
		// All-or-nothing: validate every bill before creating any.
		const datas: Obj[] = [];
		for (const [i, el] of els.entries()) {
			if (!isObject(el)) return invalid(`[${i}]`, el);
			const data = billData(emu, req, el, 'create');
			if (isErr(data)) return atElement(i, data);
			datas.push(data);
		}
		const bills = coll(emu, req, AP.bills);
		const created = datas.map((d) => bills.insert(newBill(emu, d)));
		for (const v of new Set(created.map((c) => c.vendorId))) refreshVendorBalance(emu, req, v);
		if (els.some((el) => isObject(el) && el.billApprovals === true)) withApprovals(emu, req, { billApprovals: true });
		return { status: 201, body: created.map((c) => out(emu, c)) };
	}),
	...(['replace', 'update'] as const).map(
		(mode): CustomHandler =>
			forOperation('bill', mode, changeRecord({
				guard: jsonObjectBody,
				find: BILL,
				mode,
				change(req, emu: BillEmulator, bill) {
					const data = billData(emu, req, bodyOf(req), mode, bill);
					if (isErr(data)) return data;
					const keep: Obj = {};
					for (const k of ['paidAmount', 'scheduledAmount', 'creditAmount', 'exchangeRate', 'approvalStatus', 'approvers', 'vendorName']) {
						if (bill[k] !== undefined && data[k] === undefined) keep[k] = bill[k];
					}
					const next: Obj = mode === 'replace' ? { ...keep, ...data } : { ...JSON.parse(JSON.stringify(bill)), ...data };
					settle(next);
					return checkNotBelowPaid(next) ?? next;
				},
				after(req, emu: BillEmulator, saved, bill) {
					withApprovals(emu, req, bodyOf(req));
					refreshVendorBalance(emu, req, saved.vendorId);
					if (bill.vendorId !== saved.vendorId) refreshVendorBalance(emu, req, bill.vendorId);
					return undefined;
				},
			})),
	),
	...(['archive', 'restore'] as const).map(
		(verb): CustomHandler =>
			forOperation('bill', verb, (req, emu: BillEmulator) => {
				const bill = coll(emu, req, AP.bills).get(req.params.billId);
				if (bill && verb === 'archive' && num(bill.scheduledAmount) > 0) {
					return refused('A bill with a scheduled payment cannot be archived. Cancel the payment first.');
				}
				const res = withRecordStatus(emu, req, AP.bills, emu.generic(req));
				if (bill) refreshVendorBalance(emu, req, bill.vendorId);
				return res;
			}),
	),
];

// ------------------------------------------------------------------ recurring bills

const SCHEDULE_PERIODS = ['WEEKLY', 'MONTHLY', 'YEARLY'];

function recurringData(emu: BillEmulator, req: EmuRequest, b: Obj, mode: LineMode, existing?: EmuRecord): Obj | EmuResponse {
	const required = mode !== 'update';
	if (b.vendorId !== undefined || required) {
		const v = activeVendor(emu, req, b.vendorId);
		if (isErr(v)) return v;
	}
	if (b.schedule !== undefined || required) {
		if (!isObject(b.schedule)) return missing('schedule');
		const s = b.schedule;
		if (required && s.period === undefined) return missing('schedule.period');
		const e =
			checkEnum('schedule.period', s.period, SCHEDULE_PERIODS) ??
			checkDate('schedule.nextDueDate', s.nextDueDate, required) ??
			checkDate('schedule.endDate', s.endDate, false);
		if (e) return e;
		if (s.frequency !== undefined && (!Number.isInteger(s.frequency) || (s.frequency as number) < 1)) return invalid('schedule.frequency', s.frequency);
		if (typeof s.endDate === 'string' && typeof s.nextDueDate === 'string' && s.endDate < s.nextDueDate) {
			return invalid('schedule.endDate', s.endDate, 'The end date is before the next due date');
		}
	}
	if (isObject(b.processingOptions) && b.processingOptions.autoPayment === true) {
		const t = needsTrust(emu, req);
		if (t) return t;
	}
	if (isObject(b.paymentInformation) && b.paymentInformation.bankAccountId !== undefined) {
		if (!coll(emu, req, AP.banks).get(String(b.paymentInformation.bankAccountId))) return invalid('paymentInformation.bankAccountId', b.paymentInformation.bankAccountId);
	}
	const lines = buildLines(emu, 'recurringBillLineItems', b.recurringBillLineItems, existing?.recurringBillLineItems as Obj[] | undefined, mode, '0rl');
	if (isErr(lines)) return lines;
	return { ...b, recurringBillLineItems: lines };
}

const recurringHandlers: CustomHandler[] = [
	forOperation('recurringBill', 'create', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const data = recurringData(emu, req, b, 'create');
		if (isErr(data)) return data;
		const rec = coll(emu, req, AP.recurringBills).insert({ schedule: {}, processingOptions: { autoPayment: false }, ...data });
		const s = rec.schedule as Obj;
		if (s.frequency === undefined) s.frequency = 1;
		return { status: 201, body: out(emu, rec) };
	}),
	...(['replace', 'update'] as const).map(
		(mode): CustomHandler =>
			forOperation('recurringBill', mode, changeRecord({
				guard: jsonObjectBody,
				find: byParam(AP.recurringBills, 'recurringBillId'),
				mode,
				change: (req, emu: BillEmulator, rec) => recurringData(emu, req, bodyOf(req), mode, rec),
			})),
	),
];

// ------------------------------------------------------------------ payments

const FUNDING_TYPES = ['BANK_ACCOUNT', 'CARD_ACCOUNT', 'AP_CARD', 'WALLET'];
const CHECK_DELIVERY = ['STANDARD', 'UPS_1DAY', 'UPS_2DAY', 'RTP_DELIVERY'];
const VOID_TYPES = ['VOID_ONLY', 'VOID_AND_REISSUE', 'VOID_AND_REISSUE_VCARD', 'VOID_AND_CREDIT'];

function checkFunding(emu: BillEmulator, req: EmuRequest, fa: unknown): Obj | EmuResponse {
	if (!isObject(fa)) return missing('fundingAccount');
	if (fa.type === undefined) return missing('fundingAccount.type');
	const e = checkEnum('fundingAccount.type', fa.type, FUNDING_TYPES);
	if (e) return e;
	if (fa.type === 'WALLET') return { type: 'WALLET' };
	if (typeof fa.id !== 'string' || fa.id === '') return missing('fundingAccount.id');
	const name = fa.type === 'BANK_ACCOUNT' ? AP.banks : fa.type === 'CARD_ACCOUNT' ? AP.cards : AP.apCards;
	const acct = coll(emu, req, name).get(fa.id);
	if (!acct || acct.archived === true) return invalid('fundingAccount.id', fa.id, `No active ${String(fa.type).toLowerCase().replace('_', ' ')} with this ID`);
	if (fa.type === 'BANK_ACCOUNT') {
		if (acct.status !== 'VERIFIED') return refused(`Bank account ${fa.id} is ${String(acct.status)}: verify it before paying from it.`);
		const user = coll(emu, req, AP.bankUsers).find((u) => u.bankAccountId === fa.id && u.userId === req.auth.userId && u.archived !== true);
		if (!user || user.verificationStatus !== 'VERIFIED') {
			return refused(`You are not a verified user of bank account ${fa.id}. Nominate yourself and complete the verification first.`);
		}
	}
	return { type: fa.type, id: fa.id };
}

/**
 * Validation shared by single, bulk and mass payments, per bill. `allowZero`: a line of a bulk
 * payment may be 0 (BILL: "Each payment line in a bulk request must be zero or positive").
 */
function checkBillPayment(
	emu: BillEmulator,
	req: EmuRequest,
	billId: unknown,
	amount: unknown,
	vendorId: unknown,
	where: string,
	allowZero = false,
): { bill: EmuRecord; vendor: EmuRecord } | EmuResponse {
	if (typeof billId !== 'string' || billId === '') return missing(`${where}billId`);
	if (!billId.startsWith('00n')) return invalid(`${where}billId`, billId, 'Bill IDs begin with 00n');
	const bill = coll(emu, req, AP.bills).get(billId);
	if (!bill) return invalid(`${where}billId`, billId, 'No bill with this ID');
	if (bill.archived === true) return refused(`Bill ${billId} is archived.`);
	if (typeof amount !== 'number' || !(allowZero ? amount >= 0 : amount > 0)) {
		return amount === undefined ? missing(`${where}amount`) : invalid(`${where}amount`, amount, allowZero ? 'Each payment line must be zero or positive' : 'The amount must be more than 0');
	}
	if (vendorId !== undefined && vendorId !== bill.vendorId) return invalid(`${where}vendorId`, vendorId, `Bill ${billId} belongs to vendor ${String(bill.vendorId)}`);
	if (round2(amount) > round2(num(bill.dueAmount))) {
		// BDC_1159 "cannot overpay a bill" is third-party knowledge (auth.md §6).
		return refused(`Payment amount ${amount} is more than the amount due on bill ${billId} (${String(bill.dueAmount)}). A bill cannot be overpaid.`, 'BDC_1159');
	}
	const vendor = coll(emu, req, AP.vendors).get(String(bill.vendorId));
	if (!vendor) return invalid(`${where}billId`, billId, 'The vendor of this bill no longer exists');
	if (vendor.archived === true) return refused(`Vendor ${vendor.id} is archived. Restore it first.`);
	return { bill, vendor };
}

/** One bill of a payment and the amount the payment applies to it (a `billPayments[]` entry). */
export interface BillLine {
	bill: EmuRecord;
	amount: number;
}

interface PaymentInput {
	vendor: EmuRecord;
	/** The bills the payment pays: one, or up to 35 of one vendor when BILL combines them. */
	lines: BillLine[];
	funding: Obj;
	processDate: string;
	processingOptions: Obj;
	/** Units of the bill currency per USD (1 for a vendor billed in USD). */
	exchangeRate: number;
	description?: unknown;
	transactionNumber?: unknown;
	cardFundingPurpose?: unknown;
	paymentPurpose?: unknown;
}

function disbursementTypeOf(emu: BillEmulator, req: EmuRequest, vendor: EmuRecord, funding: Obj): string {
	if (funding.type === 'AP_CARD') return 'VIRTUAL_CARD';
	const hasBank = coll(emu, req, AP.vendorBankAccounts).find((r) => r.vendorId === vendor.id);
	return hasBank ? 'ACH' : 'CHECK';
}

/** Vendor-side checks of a payment: address for checks, bank verification time for ACH, process date. */
function checkDisbursement(emu: BillEmulator, req: EmuRequest, vendor: EmuRecord, funding: Obj, processDate: string): EmuResponse | undefined {
	if (processDate < today(emu)) return invalid('processDate', processDate, 'The process date cannot be in the past');
	const type = disbursementTypeOf(emu, req, vendor, funding);
	if (type === 'CHECK') {
		const a = isObject(vendor.address) ? vendor.address : {};
		const lacking = ['line1', 'city', 'zipOrPostalCode', 'country'].filter((k) => typeof a[k] !== 'string' || a[k] === '');
		if (lacking.length) return refused(`Vendor ${vendor.id} cannot be paid by check: its address lacks ${lacking.join(', ')}.`);
	}
	if (type === 'ACH') {
		// BILL verifies a new vendor bank account within 2 business days; payments must wait for it.
		const bank = coll(emu, req, AP.vendorBankAccounts).find((r) => r.vendorId === vendor.id)!;
		const earliest = addBusinessDays(String(bank._addedDate ?? '1970-01-01'), 2);
		if (processDate < earliest) {
			return refused(`The bank account of vendor ${vendor.id} is being verified: set a process date on or after ${earliest}.`);
		}
	}
	return undefined;
}

/** A payment of one or several bills of one vendor (PM "Create a bulk payment": one payment, two `billPayments`). */
function createPaymentRecord(emu: BillEmulator, req: EmuRequest, p: PaymentInput): EmuRecord {
	const payments = coll(emu, req, AP.payments);
	const processed = p.processDate <= today(emu);
	const disbursementType = disbursementTypeOf(emu, req, p.vendor, p.funding);
	const amount = round2(p.lines.reduce((s, l) => s + l.amount, 0));
	const rec = payments.insert({
		amount,
		vendorId: p.vendor.id,
		vendorName: p.vendor.name,
		// [inferred] BILL does not say which bill a combined payment names at the top level: the first one.
		billId: p.lines[0].bill.id,
		billPayments: p.lines.map((l) => ({ id: emu.newId('blp'), billId: l.bill.id, amount: l.amount, vendorCredits: [] })),
		description: p.description,
		processDate: p.processDate,
		fundingAccount: p.funding,
		processingOptions: { requestPayFaster: false, createBill: false, ...p.processingOptions },
		transactionNumber: p.transactionNumber,
		confirmationNumber: `P${emu.newId('').slice(-10)}`,
		// Emulator model: a payment whose process date has come is processed at once; a later one stays scheduled.
		status: processed ? 'PAID' : 'SCHEDULED',
		singleStatus: processed ? 'CLEARED' : 'SCHEDULED',
		exchangeRate: p.exchangeRate,
		// The funding account pays USD: the amount (in the bill currency) at the batch's rate.
		fundingAmount: round2(amount / p.exchangeRate),
		onlinePayment: true,
		disbursementType,
		remittanceEmail: p.vendor.email,
		createdBy: req.auth.userId,
		voidInfo: [],
		disbursementStatus: processed ? 'DONE' : 'UNDEFINED',
		disbursementInfo: processed
			? {
					isVoidable: true,
					...(disbursementType === 'CHECK'
						? { checkDisbursement: { sentDate: p.processDate, arrivesByDate: addBusinessDays(p.processDate, 5), checkNumber: 1000 + payments.size } }
						: disbursementType === 'ACH'
							? { achDisbursement: { sentDate: p.processDate, arrivesByDate: addBusinessDays(p.processDate, 2) } }
							: { vcardDisbursement: { arrivesByDate: p.processDate } }),
				}
			: { isVoidable: false },
		paymentPurpose: p.paymentPurpose,
		cardFundingPurpose: p.cardFundingPurpose,
		cancelRequestSubmitted: false,
	});
	for (const { bill, amount: applied } of p.lines) {
		if (processed) bill.paidAmount = round2(num(bill.paidAmount) + applied);
		else bill.scheduledAmount = round2(num(bill.scheduledAmount) + applied);
		settle(bill);
		bill.updatedTime = emu.now();
	}
	const info = p.vendor.paymentInformation;
	if (processed && isObject(info)) info.lastPaymentDate = p.processDate;
	refreshVendorBalance(emu, req, p.vendor.id);
	return rec;
}

/** Takes a payment's amounts off its bills again (cancel, void). */
function releaseFromBills(emu: BillEmulator, req: EmuRequest, payment: EmuRecord, from: 'paidAmount' | 'scheduledAmount'): void {
	const lines = Array.isArray(payment.billPayments) && payment.billPayments.length > 0 ? (payment.billPayments as Obj[]) : [{ billId: payment.billId, amount: payment.amount }];
	for (const line of lines) {
		const bill = coll(emu, req, AP.bills).get(String(line.billId));
		if (!bill) continue;
		bill[from] = Math.max(0, round2(num(bill[from]) - num(line.amount)));
		settle(bill);
		bill.updatedTime = emu.now();
		refreshVendorBalance(emu, req, bill.vendorId);
	}
}

function checkProcessingOptions(po: unknown, allowCreateBill: boolean): EmuResponse | undefined {
	if (po === undefined) return undefined;
	if (!isObject(po)) return invalid('processingOptions', po);
	if (!allowCreateBill && po.createBill !== undefined) return invalid('processingOptions.createBill', po.createBill, 'Bulk payments pay existing bills only');
	return checkEnum('processingOptions.requestCheckDeliveryType', po.requestCheckDeliveryType, CHECK_DELIVERY);
}

// ------------------------------------------------------------------ bulk and mass payments

/** BILL's schema of an element of a bulk or mass payment's `payments[]`: `{billId, amount}`. */
const PAYMENT_LINE_KEYS = ['billId', 'amount'];

/** The request-level part of a bulk or mass payment body (BILL's reference: the same DTO). */
export interface PaymentBatch {
	vendorId?: string;
	funding: Obj;
	processDate?: string;
	processingOptions: Obj;
	exchangeRateBatchId?: number;
	description?: unknown;
	transactionNumber?: unknown;
	cardFundingPurpose?: unknown;
	/** The `payments[]` elements, `{billId, amount}` each (checked per bill later). */
	lines: Obj[];
}

/**
 * Checks the body of a bulk or mass payment except its bills: `payments` (1 to `limit` elements of
 * BILL's `{billId, amount}`), the top-level `vendorId` (BILL documents it only at the top level;
 * [inferred] an element that sets it, or any other key, is refused as an unknown field),
 * `description` (≤ 70), processing options, funding account, process date and exchange rate batch.
 */
export function checkPaymentBatch(emu: BillEmulator, req: EmuRequest, limit: number, what: string): PaymentBatch | EmuResponse {
	const b = jsonObjectOf(req);
	if (isErr(b)) return b;
	if (!Array.isArray(b.payments)) return missing('payments');
	if (b.payments.length === 0) return invalid('payments', '[]');
	if (b.payments.length > limit) return invalid('size', b.payments.length, `The maximum number of bills in one ${what} is ${limit}`);
	for (const [i, el] of b.payments.entries()) {
		if (!isObject(el)) return invalid(`payments[${i}]`, el);
		const unknown = Object.keys(el).find((k) => !PAYMENT_LINE_KEYS.includes(k));
		if (unknown !== undefined) {
			const why = unknown === 'vendorId' ? 'vendorId is a top-level field: set it once beside payments, or leave it out to pay several vendors' : 'A payment line has only billId and amount';
			return invalid(`payments[${i}].${unknown}`, el[unknown], why);
		}
	}
	if (typeof b.description === 'string' && b.description.length > 70) return invalid('description', b.description, 'The description has at most 70 characters');
	const poErr = checkProcessingOptions(b.processingOptions, false);
	if (poErr) return poErr;
	const funding = checkFunding(emu, req, b.fundingAccount);
	if (isErr(funding)) return funding;
	const dErr = checkDate('processDate', b.processDate, false);
	if (dErr) return dErr;
	if (b.vendorId !== undefined) {
		const v = activeVendor(emu, req, b.vendorId);
		if (isErr(v)) return v;
	}
	const batchId = checkBatchId(emu, b.exchangeRateBatchId);
	if (isErr(batchId)) return batchId;
	return {
		vendorId: b.vendorId as string | undefined,
		funding,
		processDate: b.processDate as string | undefined,
		processingOptions: isObject(b.processingOptions) ? b.processingOptions : {},
		exchangeRateBatchId: batchId,
		description: b.description,
		transactionNumber: b.transactionNumber,
		cardFundingPurpose: b.cardFundingPurpose,
		lines: b.payments as Obj[],
	};
}

/** A `payments[]` element checked against its bill, its vendor and BILL's international rules. */
export interface CheckedLine extends BillLine {
	vendor: EmuRecord;
	terms: InternationalTerms;
}

/** Checks element `i` of a bulk or mass payment made on `day`. */
export function checkPaymentLine(emu: BillEmulator, req: EmuRequest, batch: PaymentBatch, i: number, day: string): CheckedLine | EmuResponse {
	const el = batch.lines[i];
	const where = `payments[${i}].`;
	const c = checkBillPayment(emu, req, el.billId, el.amount, batch.vendorId, where, true);
	if (isErr(c)) return c;
	const terms = internationalTerms(c.vendor, batch.exchangeRateBatchId, batch.processDate, day, where);
	if (isErr(terms)) return terms;
	const dis = checkDisbursement(emu, req, c.vendor, batch.funding, terms.processDate);
	if (dis) return dis;
	return { ...c, amount: el.amount as number, terms };
}

/** One payment of a batch's lines of one vendor (all with the same terms). */
export function payLines(emu: BillEmulator, req: EmuRequest, batch: PaymentBatch, lines: CheckedLine[]): EmuRecord {
	const { vendor, terms } = lines[0];
	return createPaymentRecord(emu, req, {
		vendor,
		lines,
		funding: batch.funding,
		processDate: terms.processDate,
		processingOptions: batch.processingOptions,
		exchangeRate: terms.exchangeRate,
		description: batch.description,
		transactionNumber: batch.transactionNumber,
		cardFundingPurpose: batch.cardFundingPurpose,
	});
}

/** BILL: "pay up to 50 bills with one request" (docs ap-bulk-payments; earlier pages said 200). */
const BULK_LIMIT = 50;
/** BILL: "BILL combines payments for up to 35 bills in one payments response object". */
const COMBINE_LIMIT = 35;

const combinesPayments = (vendor: EmuRecord) => isObject(vendor.additionalInfo) && vendor.additionalInfo.combinePayments === true;

/**
 * The payments of a bulk request: one per line, except that the lines of a vendor with
 * `additionalInfo.combinePayments: true` become one payment per 35 bills ("and then combines
 * payments for the remaining bills in a second payments response object"). Order: by vendor, the
 * vendor the request names last first, and within a vendor the latest payment first.
 * [inferred] BILL does not document the order of `payments[]`; the emulator's differs from the
 * request's whenever there are two payments or more, so that a client pairing by position is caught.
 */
function combineLines(lines: CheckedLine[]): CheckedLine[][] {
	const groups: CheckedLine[][] = [];
	const open = new Map<string, CheckedLine[]>();
	for (const line of lines) {
		if (!combinesPayments(line.vendor)) {
			groups.push([line]);
			continue;
		}
		let group = open.get(line.vendor.id);
		if (!group || group.length >= COMBINE_LIMIT) {
			group = [];
			groups.push(group);
			open.set(line.vendor.id, group);
		}
		group.push(line);
	}
	const vendorRank = new Map<string, number>();
	lines.forEach((l, i) => {
		if (!vendorRank.has(l.vendor.id)) vendorRank.set(l.vendor.id, i);
	});
	return groups
		.map((group, index) => ({ group, index, rank: vendorRank.get(group[0].vendor.id)! }))
		.sort((a, b) => b.rank - a.rank || b.index - a.index)
		.map((x) => x.group);
}

/** 1×1 PNG: what the emulator serves as the front and back images of a check. */
const CHECK_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

const PAYMENT = byParam(AP.payments, 'paymentId');

const paymentHandlers: CustomHandler[] = [
	forOperation('payment', 'create', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		if (b.amount === undefined) return missing('amount');
		if (b.processingOptions === undefined) return missing('processingOptions');
		const poErr = checkProcessingOptions(b.processingOptions, true);
		if (poErr) return poErr;
		const po = b.processingOptions as Obj;
		const funding = checkFunding(emu, req, b.fundingAccount);
		if (isErr(funding)) return funding;
		const dErr = checkDate('processDate', b.processDate, false);
		if (dErr) return dErr;
		const batchId = checkBatchId(emu, b.exchangeRateBatchId);
		if (isErr(batchId)) return batchId;
		const termsFor = (vendor: EmuRecord) => internationalTerms(vendor, batchId, b.processDate as string | undefined, today(emu));

		let billId = b.billId;
		if (po.createBill === true) {
			// BILL: with createBill, do not set billId; the bill is created for the vendor.
			if (billId !== undefined) return invalid('billId', billId, 'Do not set billId when processingOptions.createBill is true');
			const vendor = activeVendor(emu, req, b.vendorId);
			if (isErr(vendor)) return vendor;
			if (typeof b.amount !== 'number' || !(b.amount > 0)) return invalid('amount', b.amount, 'The amount must be more than 0');
			const terms = termsFor(vendor);
			if (isErr(terms)) return terms;
			const date = terms.processDate;
			const bill = coll(emu, req, AP.bills).insert(
				newBill(emu, {
					vendorId: vendor.id,
					vendorName: vendor.name,
					dueDate: date,
					invoice: { invoiceNumber: `PAY-${date}`, invoiceDate: date },
					description: b.description,
					billLineItems: [{ id: emu.newId(BILL_LINE_PREFIX), amount: b.amount, description: b.description ?? 'Payment' }],
				}),
			);
			billId = bill.id;
		} else if (billId === undefined) {
			return missing('billId');
		}
		const checked = checkBillPayment(emu, req, billId, b.amount, b.vendorId, '');
		if (isErr(checked)) return checked;
		const terms = termsFor(checked.vendor);
		if (isErr(terms)) return terms;
		const dis = checkDisbursement(emu, req, checked.vendor, funding, terms.processDate);
		if (dis) return dis;
		const rec = createPaymentRecord(emu, req, {
			vendor: checked.vendor,
			lines: [{ bill: checked.bill, amount: b.amount as number }],
			funding,
			processDate: terms.processDate,
			processingOptions: po,
			exchangeRate: terms.exchangeRate,
			description: b.description,
			transactionNumber: b.transactionNumber,
			cardFundingPurpose: b.cardFundingPurpose,
			paymentPurpose: b.paymentPurpose,
		});
		return { status: 201, body: out(emu, rec) };
	}),
	forOperation('payment', 'createMany', (req, emu: BillEmulator) => {
		const batch = checkPaymentBatch(emu, req, BULK_LIMIT, 'bulk payment');
		if (isErr(batch)) return batch;
		// All or nothing (BILL: "If any bill payment is not successful, the entire request fails and none of
		// the bills in the request are paid"): check every bill, including two lines of one bill, before paying any.
		const lines: CheckedLine[] = [];
		const pending = new Map<string, number>();
		for (let i = 0; i < batch.lines.length; i++) {
			const line = checkPaymentLine(emu, req, batch, i, today(emu));
			if (isErr(line)) return line;
			const total = round2((pending.get(line.bill.id) ?? 0) + line.amount);
			if (total > num(line.bill.dueAmount)) return refused(`payments[${i}]: the payments of bill ${line.bill.id} add up to more than its due amount.`, 'BDC_1159');
			pending.set(line.bill.id, total);
			lines.push(line);
		}
		const payments = combineLines(lines).map((group) => out(emu, payLines(emu, req, batch, group)));
		return { status: 201, body: { payments } };
	}),
	forOperation('payment', 'getOptions', (req, emu: BillEmulator) => {
		const vendor = activeVendor(emu, req, req.query.vendorId);
		if (isErr(vendor)) return vendor;
		if (req.query.amount === undefined || req.query.amount === '') return missing('amount');
		const amount = Number(req.query.amount);
		if (!(amount > 0)) return invalid('amount', req.query.amount, 'The amount must be more than 0');
		const type = disbursementTypeOf(emu, req, vendor, { type: 'BANK_ACCOUNT' });
		const bank = coll(emu, req, AP.vendorBankAccounts).find((r) => r.vendorId === vendor.id);
		const processDate = type === 'ACH' ? [today(emu), addBusinessDays(String(bank?._addedDate), 2)].sort()[1] : today(emu);
		const deliveryDate = addBusinessDays(processDate, type === 'ACH' ? 2 : 5);
		const banks = coll(emu, req, AP.banks)
			.list((a) => a.archived !== true)
			.map((a) => ({
				available: a.status === 'VERIFIED',
				deliveryDate,
				processDate,
				...(a.status === 'VERIFIED' ? {} : { reason: 'Bank account is not verified' }),
				conditions: type === 'CHECK' ? ['Paid by check to the vendor address'] : ['Paid by ACH to the vendor bank account'],
				id: a.id,
				name: a.bankName,
				fee: 0,
			}));
		const cards = coll(emu, req, AP.cards)
			.list((c) => c.archived !== true)
			.map((c) => ({
				available: c.status === 'VERIFIED',
				deliveryDate: addBusinessDays(today(emu), 1),
				processDate: today(emu),
				conditions: ['Card payments carry a fee'],
				id: c.id,
				name: `${String(c.brand)} •••• ${String(c.last4)}`,
				brand: c.brand,
				feeInfo: { amount: round2(amount * 0.029), rate: 2.9 },
			}));
		return { body: { amount, vendorId: vendor.id, fundingOptions: { banks, cards } } };
	}),
	forOperation('payment', 'cancel', changeRecord({
		find: PAYMENT,
		mode: 'update',
		change(req, emu: BillEmulator, p) {
			// BILL: only a payment whose singleStatus is SCHEDULED can be canceled; then void it instead.
			if (p.singleStatus !== 'SCHEDULED') {
				return refused(`Payment ${p.id} is ${String(p.status)} and can no longer be canceled. Void it instead.`);
			}
			releaseFromBills(emu, req, p, 'scheduledAmount');
			return { status: 'CANCELED', singleStatus: 'CANCELED', cancelRequestSubmitted: true };
		},
	})),
	forOperation('payment', 'void', changeRecord({
		guard: jsonObjectBody,
		find: PAYMENT,
		mode: 'update',
		change(req, emu: BillEmulator, p) {
			const b = bodyOf(req);
			if (b.type === undefined) return missing('type');
			const e = checkEnum('type', b.type, VOID_TYPES);
			if (e) return e;
			if (typeof b.reason !== 'string' || b.reason.trim() === '') return missing('reason');
			if (p.singleStatus === 'SCHEDULED') return refused(`Payment ${p.id} has not started processing: cancel it instead of voiding it.`);
			if (p.status === 'VOID' || p.status === 'CANCELED') return refused(`Payment ${p.id} is already ${String(p.status)}.`);
			releaseFromBills(emu, req, p, 'paidAmount');
			const voidInfo = [
				...((p.voidInfo as Obj[]) ?? []),
				{ id: emu.newId('0vd'), requestedBy: req.auth.userId, type: b.type, status: 'ACCEPTED', reason: b.reason, createdTime: emu.now(), updatedTime: emu.now() },
			];
			return { status: 'VOID', singleStatus: 'VOID_PENDING', disbursementInfo: { isVoidable: false }, voidInfo };
		},
	})),
	forOperation('payment', 'downloadCheckImage', withRecord({
		find: PAYMENT,
		handle(req, emu: BillEmulator, p) {
			if (p.disbursementType !== 'CHECK' || p.status !== 'PAID') return refused(`Payment ${p.id} has no check image: it was not sent as a check.`, BDC.noData.code);
			const orgKey = emu.orgKeyOf(req);
			return {
				body: {
					results: [
						{ downloadLink: emu.addDownload(CHECK_PNG, `check-${p.id}-front.png`, 'image/png', orgKey) },
						{ downloadLink: emu.addDownload(CHECK_PNG, `check-${p.id}-back.png`, 'image/png', orgKey) },
					],
				},
			};
		},
	})),
];

// ------------------------------------------------------------------ vendor handlers

const vendorHandlers: CustomHandler[] = [
	forOperation('vendor', 'create', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const err = checkVendorBody(emu, req, b, true);
		if (err) return err;
		return { status: 201, body: out(emu, createVendor(emu, req, b)) };
	}),
	forOperation('vendor', 'createMany', (req, emu: BillEmulator) => {
		const els = arrayBody(req, VENDORS_PER_BULK, 'vendors');
		if (isErr(els)) return els;
		for (const [i, el] of els.entries()) {
			if (!isObject(el)) return invalid(`[${i}]`, el);
			const err = checkVendorBody(emu, req, el, true);
			if (err) return atElement(i, err);
		}
		return { status: 201, body: { vendors: (els as Obj[]).map((el) => out(emu, createVendor(emu, req, el))) } };
	}),
	audited('update'),
	audited('archive'),
	audited('restore'),
	forOperation('vendor', 'getConfiguration', withRecord({
		find: VENDOR,
		handle(req, emu: BillEmulator, v) {
			const country = isObject(v.address) && typeof v.address.country === 'string' ? v.address.country : 'US';
			return { body: { internationalPayments: internationalConfiguration(country, String(v.billCurrency ?? 'USD'), String(v.accountType ?? 'BUSINESS')) } };
		},
	})),
	forOperation('vendor', 'getInternationalPaymentsConfiguration', (req) => {
		const { country, billCurrency, accountType } = req.query;
		for (const [k, v] of Object.entries({ country, billCurrency, accountType })) if (v === undefined || v === '') return missing(k);
		if (!/^[A-Z]{2}$/.test(country)) return invalid('country', country, 'Use a two-letter ISO country code');
		const e = checkEnum('billCurrency', billCurrency, CURRENCIES) ?? checkEnum('accountType', accountType, VENDOR_ACCOUNT_TYPES);
		if (e) return e;
		return { body: internationalConfiguration(country, billCurrency, accountType) };
	}),
	forOperation('report', 'getVendorAuditTrail', withRecord({
		find: VENDOR,
		handle(req, emu: BillEmulator, v) {
			// [inferred] includeArchived: an archived vendor's trail is shown only when asked for.
			if (v.archived === true && req.query.includeArchived !== 'true') return notFound();
			const max = req.query.max === undefined ? 20 : Number(req.query.max);
			if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE_SIZE) return invalid('max', req.query.max);
			const start = req.query.start === undefined ? 0 : Number(req.query.start);
			if (!Number.isInteger(start) || start < 0) return invalid('start', req.query.start);
			const records = coll(emu, req, AP.audit).list((r) => r.vendorId === v.id);
			return {
				body: records.slice(start, start + max).map((r) => ({ source: r.source, type: r.type, createdTime: r.createdTime, user: r.user, field: r.field })),
			};
		},
	})),
];

// ------------------------------------------------------------------ vendor bank account (one per vendor)

const VENDOR_BANK_FIELDS = ['nameOnAccount', 'accountNumber', 'routingNumber', 'type', 'ownerType', 'paymentCurrency'];
const vendorBankView = (r: EmuRecord): Obj => Object.fromEntries(VENDOR_BANK_FIELDS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));

const vendorBankHandlers: CustomHandler[] = [
	forOperation('vendorBankAccount', 'get', withRecord({
		find: VENDOR,
		handle(req, emu: BillEmulator, vendor) {
			const bank = coll(emu, req, AP.vendorBankAccounts).find((r) => r.vendorId === vendor.id);
			return bank ? { body: vendorBankView(bank) } : notFound();
		},
	})),
	forOperation('vendorBankAccount', 'create', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const vendor = activeVendor(emu, req, req.params.vendorId);
		if (isErr(vendor)) return vendor;
		const banks = coll(emu, req, AP.vendorBankAccounts);
		// BILL: to change a vendor bank account, delete it, then create the new one.
		if (banks.find((r) => r.vendorId === vendor.id)) {
			return refused(`Vendor ${vendor.id} already has a bank account. Delete it before creating another one.`);
		}
		if (typeof b.accountNumber !== 'string' || b.accountNumber === '') return missing('accountNumber');
		const currency = (b.paymentCurrency as string | undefined) ?? 'USD';
		const e =
			checkEnum('type', b.type, ['CHECKING', 'SAVINGS']) ??
			checkEnum('ownerType', b.ownerType, ['BUSINESS', 'PERSONAL']) ??
			checkEnum('paymentCurrency', b.paymentCurrency, CURRENCIES);
		if (e) return e;
		if (currency === 'USD') {
			if (typeof b.routingNumber !== 'string' || b.routingNumber === '') return missing('routingNumber');
			if (!/^\d{9}$/.test(b.routingNumber)) return invalid('routingNumber', b.routingNumber, 'US routing numbers have 9 digits');
		}
		if (b.regulatoryFields !== undefined) {
			if (!Array.isArray(b.regulatoryFields)) return invalid('regulatoryFields', b.regulatoryFields);
			for (const [i, f] of b.regulatoryFields.entries()) {
				if (!isObject(f) || typeof f.name !== 'string' || typeof f.value !== 'string') return missing(`regulatoryFields[${i}].name/value`);
			}
		}
		const before = JSON.parse(JSON.stringify(out(emu, vendor))) as Obj;
		const rec = banks.insert(
			{ vendorId: vendor.id, nameOnAccount: vendor.name, type: 'CHECKING', ownerType: 'BUSINESS', paymentCurrency: currency, ...b, _addedDate: today(emu) },
			{ bare: true, prefix: 'vba' },
		);
		const info = isObject(vendor.paymentInformation) ? vendor.paymentInformation : (vendor.paymentInformation = {});
		(info as Obj).bankAccount = vendorBankView(rec);
		(info as Obj).payByType = 'ACH';
		vendor.bankAccountStatus = 'PENDING';
		vendor.updatedTime = emu.now();
		audit(emu, req, vendor.id, before, out(emu, vendor));
		return { body: vendorBankView(rec) };
	}),
	forOperation('vendorBankAccount', 'delete', withRecord({
		find: VENDOR,
		handle(req, emu: BillEmulator, vendor) {
			const banks = coll(emu, req, AP.vendorBankAccounts);
			const bank = banks.find((r) => r.vendorId === vendor.id);
			if (!bank) return notFound();
			const before = JSON.parse(JSON.stringify(out(emu, vendor))) as Obj;
			banks.remove(bank.id);
			if (isObject(vendor.paymentInformation)) {
				delete vendor.paymentInformation.bankAccount;
				vendor.paymentInformation.payByType = 'CHECK';
			}
			vendor.bankAccountStatus = 'UNDEFINED';
			vendor.updatedTime = emu.now();
			audit(emu, req, vendor.id, before, out(emu, vendor));
			return { status: 204 };
		},
	})),
];

// ------------------------------------------------------------------ documents and attachments

const MIME: Record<string, string> = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	txt: 'text/plain',
	csv: 'text/csv',
	xml: 'application/xml',
	json: 'application/json',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file of an upload request, or BILL's error. */
function uploadedFile(emu: BillEmulator, req: EmuRequest): { name: string; data: Buffer; contentType: string } | EmuResponse {
	const name = req.query.name;
	if (name === undefined || name === '') return missing('name');
	if (req.rawBody.length === 0) return missing('file');
	if (req.rawBody.length > emu.config.maxUploadBytes) {
		// [inferred] code: BILL documents the 6 MB limit, not its error.
		return invalid('file', `${req.rawBody.length} bytes`, `The maximum file size is ${Math.round(emu.config.maxUploadBytes / 1024 / 1024)} MB`);
	}
	const header = (req.headers['content-type'] ?? '').split(';')[0].trim();
	const ext = name.toLowerCase().split('.').pop() ?? '';
	const contentType = header && header !== '*/*' && header !== 'application/octet-stream' ? header : (MIME[ext] ?? 'application/octet-stream');
	return { name, data: Buffer.from(req.rawBody), contentType };
}

/**
 * Where an upload is now. BILL: "it takes a few minutes for BILL to complete the upload process";
 * an upload is `IN_PROGRESS` (upload id `0du…`), then `IVA_PROCESSING` (a status BILL's examples
 * show), then `UPLOADED` with its document (`00h…`). Durations: `config.documentProcessing`
 * (emulator time; [inferred] split and order). With `neverFinish` an upload stays IVA_PROCESSING.
 */
function uploadStatusNow(emu: BillEmulator, upload: EmuRecord): string {
	if (upload.status === 'UPLOADED') return 'UPLOADED';
	const { inProgressMs, ivaProcessingMs, neverFinish } = emu.config.documentProcessing;
	const elapsed = emu.nowMs() - num(upload._startedMs);
	if (elapsed < inProgressMs) return 'IN_PROGRESS';
	if (neverFinish || elapsed < inProgressMs + ivaProcessingMs) return 'IVA_PROCESSING';
	return 'UPLOADED';
}

/** Brings the caller's uploads that `match` up to date: a finished one becomes its document. */
function settleUploads(emu: BillEmulator, req: EmuRequest, match: (u: EmuRecord) => boolean): void {
	const docs = coll(emu, req, AP.documents);
	for (const u of coll(emu, req, AP.uploads).list(match)) {
		const status = uploadStatusNow(emu, u);
		if (status === u.status) continue;
		u.status = status;
		if (status !== 'UPLOADED') continue;
		const doc = docs.insert(
			{
				name: u.name,
				downloadLink: emu.addDownload(u._data as Buffer, String(u.name), String(u._contentType), emu.orgKeyOf(req)),
				_scope: { billId: u.billId },
				_size: (u._data as Buffer).length,
			},
			{ bare: true, prefix: '00h' },
		);
		doc.createdTime = emu.now();
		u.documentId = doc.id;
		delete u._data;
	}
}

const documentHandlers: CustomHandler[] = [
	forOperation('document', 'upload', withRecord({
		find: BILL,
		handle(req, emu: BillEmulator, bill) {
			const file = uploadedFile(emu, req);
			if (isErr(file)) return file;
			// BILL: the upload completes asynchronously; until then only an upload id (0du…) exists.
			const upload = coll(emu, req, AP.uploads).insert(
				{ billId: bill.id, name: file.name, status: 'IN_PROGRESS', _contentType: file.contentType, _startedMs: emu.nowMs() },
				{ bare: true, prefix: '0du' },
			);
			upload._data = file.data; // after insert: the store deep-copies through JSON, which a Buffer does not survive
			return { body: { id: upload.id, name: file.name } };
		},
	})),
	forOperation('document', 'getUploadStatus', (req, emu: BillEmulator) => {
		const raw = req.query.ids;
		if (raw === undefined || raw.trim() === '') return missing('ids');
		const ids = raw
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const uploads = coll(emu, req, AP.uploads);
		const unknown = ids.find((id) => !uploads.get(id));
		if (unknown !== undefined) return invalid('ids', unknown, 'No document upload with this ID (upload IDs begin with 0du)');
		settleUploads(emu, req, (u) => ids.includes(u.id));
		// PM "Get document upload status": a top-level array; [inferred] documentId only once UPLOADED.
		const result = ids.map((id) => {
			const u = uploads.get(id)!;
			return { ...(u.documentId ? { documentId: u.documentId } : {}), uploadId: u.id, status: u.status };
		});
		return { body: result };
	}),
	forOperation('document', 'getAll', withRecord({
		find: BILL,
		handle(req, emu: BillEmulator, bill) {
			settleUploads(emu, req, (u) => u.billId === bill.id);
			const docs = coll(emu, req, AP.documents).list((d) => (d._scope as Obj | undefined)?.billId === bill.id);
			return emu.listResponse(req, docs);
		},
	})),
];

/** The owners of attachments: the list and upload operations of each, its path param and collection. */
const ATTACHMENT_PARENTS = [
	{ owner: 'Vendor', param: 'vendorId', collection: AP.vendors },
	{ owner: 'Customer', param: 'customerId', collection: AP.customers },
	{ owner: 'Invoice', param: 'invoiceId', collection: AP.invoices },
] as const;

const attachmentHandlers: CustomHandler[] = ATTACHMENT_PARENTS.flatMap((p) => [
	forOperation('attachment', `getAllFor${p.owner}`, withRecord({ find: byParam(p.collection, p.param), handle: (req, emu: BillEmulator) => emu.generic(req) })),
	forOperation('attachment', `uploadTo${p.owner}`, withRecord({
		find: byParam(p.collection, p.param),
		handle(req, emu: BillEmulator, owner) {
			const replace = req.query.replaceInvoicePdf;
			if (replace !== undefined && replace !== 'true' && replace !== 'false') return invalid('replaceInvoicePdf', replace);
			const file = uploadedFile(emu, req);
			if (isErr(file)) return file;
			const downloadLink = emu.addDownload(file.data, file.name, file.contentType, emu.orgKeyOf(req));
			const rec = coll(emu, req, AP.attachments).insert(
				{ name: file.name, downloadLink, _scope: { [p.param]: owner.id }, _size: file.data.length, _contentType: file.contentType },
				{ bare: true, prefix: '0at' },
			);
			rec.createdTime = emu.now();
			if (replace === 'true' && p.owner === 'Invoice') owner._invoicePdfAttachmentId = rec.id;
			return { body: { id: rec.id, name: rec.name, createdTime: rec.createdTime, downloadLink } };
		},
	})),
]);

// ------------------------------------------------------------------ funding accounts

function roleOf(emu: BillEmulator, req: EmuRequest): string | undefined {
	const fromConfig = emu.config.users.find((u) => u.userId === req.auth.userId)?.role;
	if (fromConfig) return fromConfig;
	const u = coll(emu, req, AP.users).get(String(req.auth.userId));
	return typeof u?.roleType === 'string' ? u.roleType : typeof u?.role === 'string' ? u.role : undefined;
}

const isAdmin = (role: string | undefined) => role === 'ADMINISTRATOR' || role === 'ADMIN';

function userExists(emu: BillEmulator, req: EmuRequest, userId: string): boolean {
	const org = emu.orgKeyOf(req);
	return emu.config.users.some((u) => u.userId === userId && u.organizationIds.includes(org)) || coll(emu, req, AP.users).get(userId) !== undefined;
}

/** Lists users of funding accounts, honouring `currentUser`. */
function fundingUsers(name: string): CustomHandler['handle'] {
	return (req, emu: BillEmulator) => {
		const cu = req.query.currentUser;
		if (cu !== undefined && cu !== 'true' && cu !== 'false') return invalid('currentUser', cu);
		const records = coll(emu, req, name).list((r) => cu !== 'true' || r.userId === req.auth.userId);
		return emu.listResponse(req, records);
	};
}

const BANK_IMMUTABLE = ['routingNumber', 'accountNumber', 'type'];

const fundingHandlers: CustomHandler[] = [
	forOperation('bankAccount', 'create', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		// BILL: the signed-in user must have the ADMINISTRATOR role. [inferred] code.
		if (!isAdmin(roleOf(emu, req))) return bdcError(403, 'BDC_1145', 'Only a user with the ADMINISTRATOR role can create a bank account.');
		for (const f of ['nameOnAccount', 'routingNumber', 'accountNumber', 'type', 'ownerType', 'bankName']) {
			if (b[f] === undefined || b[f] === '') return missing(f);
		}
		const e = checkEnum('type', b.type, ['CHECKING', 'SAVINGS']) ?? checkEnum('ownerType', b.ownerType, ['BUSINESS', 'PERSONAL']);
		if (e) return e;
		if (!/^\d{9}$/.test(String(b.routingNumber))) return invalid('routingNumber', b.routingNumber, 'US routing numbers have 9 digits');
		if (!/^\d{4,17}$/.test(String(b.accountNumber))) return invalid('accountNumber', b.accountNumber);
		if (b.chartOfAccountId !== undefined && !String(b.chartOfAccountId).startsWith('0ca')) return invalid('chartOfAccountId', b.chartOfAccountId);
		// BILL: status PENDING until the test deposit is verified; payables / receivables false.
		const rec = coll(emu, req, AP.banks).insert({
			...b,
			status: 'PENDING',
			createdBy: req.auth.userId,
			accessToAdmins: b.accessToAdmins === true,
			default: { payables: false, receivables: false },
			_verifyAttempts: 0,
		});
		// [inferred] the creating administrator becomes a verified user of the account.
		coll(emu, req, AP.bankUsers).insert({ bankAccountId: rec.id, userId: req.auth.userId, verificationStatus: 'VERIFIED' });
		return { status: 201, body: out(emu, rec) };
	}),
	forOperation('bankAccount', 'update', withRecord({
		guard: jsonObjectBody,
		find: byParam(AP.banks, 'bankAccountId'),
		handle(req, emu: BillEmulator, rec) {
			const b = bodyOf(req);
			// BILL: the bank account must be VERIFIED before any update; routing/account number and type never change.
			if (rec.status !== 'VERIFIED') return refused(`Bank account ${rec.id} is ${String(rec.status)}: verify it before updating it.`);
			const fixed = BANK_IMMUTABLE.find((k) => b[k] !== undefined && b[k] !== rec[k]);
			if (fixed) return invalid(fixed, b[fixed], 'This cannot change: create another bank account instead');
			const e = checkEnum('ownerType', b.ownerType, ['BUSINESS', 'PERSONAL']);
			if (e) return e;
			if (b.default !== undefined && !isObject(b.default)) return invalid('default', b.default);
			if (isObject(b.default)) {
				// One default account for payables and one for receivables.
				for (const k of ['payables', 'receivables']) {
					if (b.default[k] === true) for (const other of coll(emu, req, AP.banks).list((a) => a.id !== rec.id && isObject(a.default))) (other.default as Obj)[k] = false;
				}
			}
			return emu.generic(req);
		},
	})),
	forOperation('bankAccount', 'archive', withRecord({
		find: byParam(AP.banks, 'bankAccountId'),
		handle(req, emu: BillEmulator, rec) {
			if (rec.archived !== true && rec.status !== 'VERIFIED') {
				return refused(`Bank account ${rec.id} is ${String(rec.status)}: BILL archives verified bank accounts only.`);
			}
			return emu.generic(req);
		},
	})),
	forOperation('bankAccount', 'verify', withRecord({
		guard: jsonObjectBody,
		find: byParam(AP.banks, 'bankAccountId'),
		handle(req, emu: BillEmulator, rec) {
			const b = bodyOf(req);
			if (b.depositAmount === undefined) return missing('depositAmount');
			if (typeof b.depositAmount !== 'number') return invalid('depositAmount', b.depositAmount);
			if (rec.status === 'VERIFIED') return { body: { verified: true } };
			// BILL: after three failed attempts the bank account cannot be used.
			if (num(rec._verifyAttempts) >= 3) return refused(`Bank account ${rec.id} failed verification three times and cannot be used. Add another bank account.`);
			if (Math.abs(b.depositAmount - AP_SEED.depositAmount) < 1e-9) {
				rec.status = 'VERIFIED';
				rec.updatedTime = emu.now();
				return { body: { verified: true } };
			}
			rec._verifyAttempts = num(rec._verifyAttempts) + 1;
			if (num(rec._verifyAttempts) >= 3) rec.status = 'INVALID';
			return { body: { verified: false } };
		},
	})),
	forOperation('bankAccount', 'getUsers', fundingUsers(AP.bankUsers)),
	forOperation('bankAccount', 'nominateUser', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		if (typeof b.bankAccountId !== 'string' || b.bankAccountId === '') return missing('bankAccountId');
		if (typeof b.userId !== 'string' || b.userId === '') return missing('userId');
		const bank = coll(emu, req, AP.banks).get(b.bankAccountId);
		if (!bank || bank.archived === true) return invalid('bankAccountId', b.bankAccountId, 'No active bank account with this ID');
		// BILL: the bank account status must be VERIFIED before users can be nominated.
		if (bank.status !== 'VERIFIED') return refused(`Bank account ${bank.id} is ${String(bank.status)}: verify it before nominating users.`);
		if (!userExists(emu, req, b.userId)) return invalid('userId', b.userId, 'No user with this ID in the organization');
		const users = coll(emu, req, AP.bankUsers);
		const existing = users.find((u) => u.bankAccountId === bank.id && u.userId === b.userId && u.archived !== true);
		if (existing?.verificationStatus === 'VERIFIED') return refused(`User ${b.userId} is already a verified user of bank account ${bank.id}.`);
		if (existing) users.update(existing.id, { verificationStatus: 'NOMINATED' });
		else users.insert({ bankAccountId: bank.id, userId: b.userId, verificationStatus: 'NOMINATED' });
		return { body: { status: 'SUCCESS' } };
	}),
	// BILL: archived true and verificationStatus UNVERIFIED.
	forOperation('bankAccount', 'archiveUser', changeRecord({ find: byParam(AP.bankUsers, 'bankAccountUserId'), mode: 'update', change: () => ({ archived: true, verificationStatus: 'UNVERIFIED' }) })),
	forOperation('cardAccount', 'getAll', (req, emu: BillEmulator) => {
		const status = req.query.cardUserStatus;
		if (status === undefined || status === '') return missing('cardUserStatus');
		const e = checkEnum('cardUserStatus', status, ['VERIFIED', 'NOMINATED']);
		if (e) return e;
		const mine = new Set(
			coll(emu, req, AP.cardUsers)
				.list((u) => u.userId === req.auth.userId && u.archived !== true && u.verificationStatus === status)
				.map((u) => u.cardAccountId),
		);
		const cards = coll(emu, req, AP.cards).list((c) => mine.has(c.id) && c.archived !== true);
		const def = cards.find((c) => isObject(c.default) && c.default.payables === true);
		return {
			body: {
				rates: { defaultCardAccountId: def?.id ?? null, funding: { creditCardRate: 2.9, debitCardRate: 2.9 } },
				cards: cards.map((c) => out(emu, c)),
			},
		};
	}),
	forOperation('cardAccount', 'getFundingPurposes', (req, emu: BillEmulator) => {
		const vendor = activeVendor(emu, req, req.query.vendorId);
		if (isErr(vendor)) return vendor;
		if (req.query.brand === undefined || req.query.brand === '') return missing('brand');
		// [inferred] vendors with a tax ID are "identified": no funding purpose needed (empty 200, as BILL).
		if (isObject(vendor.additionalInfo) && vendor.additionalInfo.taxId) return { status: 200 };
		return {
			body: {
				lastUsedPurpose: null,
				results: [
					{ category: 'Business services', subCategories: ['Consulting', 'Marketing', 'Software'] },
					{ category: 'Goods', subCategories: ['Inventory', 'Office supplies', 'Equipment'] },
					{ category: 'Rent and utilities', subCategories: ['Rent', 'Utilities'] },
				],
			},
		};
	}),
	forOperation('cardAccount', 'getUsers', fundingUsers(AP.cardUsers)),
	forOperation('fundingAccount', 'getPermissions', (req, emu: BillEmulator) => {
		const admin = isAdmin(roleOf(emu, req));
		return {
			body: {
				organization: { card: { payByCard: true, fundingEnabled: true, amexAllowed: false }, wallet: { fundingEnabled: false } },
				user: { payOnline: admin },
			},
		};
	}),
];

export const handlers: CustomHandler[] = [
	...vendorHandlers,
	...vendorBankHandlers,
	...billHandlers,
	...recurringHandlers,
	...paymentHandlers,
	...documentHandlers,
	...attachmentHandlers,
	...fundingHandlers,
];
