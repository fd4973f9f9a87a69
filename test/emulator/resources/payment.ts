/**
 * Payments (BILL resource `payment`): single, bulk (combined per vendor), international (exchange
 * rates; the batch rules in ../family/international.ts), mass payments, options, cancel / void and
 * check images. Response shapes follow BILL's Postman collection; codes BILL does not document are
 * marked [inferred].
 */
import { BDC, bdcError } from '../errors';
import { activeVendor, AP, checkDate, checkEnum, coll } from '../family/accounts-payable';
import { checkBatchId, currentBatch, internationalTerms, InternationalTerms, rateOf, vendorCurrencies } from '../family/international';
import type { Obj } from '../handlers';
import { addBusinessDays, bodyOf, byParam, changeRecord, forEndpoint, invalid, isBlank, isError as isErr, isError, isObject, jsonObjectBody, jsonObjectOf, missing, notFound, num, view as out, perEmulator, refused, round2, today, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { notifyChange, scheduleBackground } from '../webhooks/delivery';
import { BILL_LINE_PREFIX, newBill, settle } from './bill';
import { refreshVendorBalance } from './vendor';

// ------------------------------------------------------------------ payments

const FUNDING_TYPES = ['BANK_ACCOUNT', 'CARD_ACCOUNT', 'AP_CARD', 'WALLET'];
const CHECK_DELIVERY = ['STANDARD', 'UPS_1DAY', 'UPS_2DAY', 'RTP_DELIVERY'];
const VOID_TYPES = ['VOID_ONLY', 'VOID_AND_REISSUE', 'VOID_AND_REISSUE_VCARD', 'VOID_AND_CREDIT'];

function checkFunding(emu: Emulator, req: EmuRequest, fa: unknown): Obj | EmuResponse {
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
	emu: Emulator,
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

function disbursementTypeOf(emu: Emulator, req: EmuRequest, vendor: EmuRecord, funding: Obj): string {
	if (funding.type === 'AP_CARD') return 'VIRTUAL_CARD';
	const hasBank = coll(emu, req, AP.vendorBankAccounts).find((r) => r.vendorId === vendor.id);
	return hasBank ? 'ACH' : 'CHECK';
}

/** Vendor-side checks of a payment: address for checks, bank verification time for ACH, process date. */
function checkDisbursement(emu: Emulator, req: EmuRequest, vendor: EmuRecord, funding: Obj, processDate: string): EmuResponse | undefined {
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
function createPaymentRecord(emu: Emulator, req: EmuRequest, p: PaymentInput): EmuRecord {
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
function releaseFromBills(emu: Emulator, req: EmuRequest, payment: EmuRecord, from: 'paidAmount' | 'scheduledAmount'): void {
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
export function checkPaymentBatch(emu: Emulator, req: EmuRequest, limit: number, what: string): PaymentBatch | EmuResponse {
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
export function checkPaymentLine(emu: Emulator, req: EmuRequest, batch: PaymentBatch, i: number, day: string): CheckedLine | EmuResponse {
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
export function payLines(emu: Emulator, req: EmuRequest, batch: PaymentBatch, lines: CheckedLine[]): EmuRecord {
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
	forEndpoint('POST /v3/payments', (req, emu: Emulator) => {
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
	forEndpoint('POST /v3/payments/bulk', (req, emu: Emulator) => {
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
	forEndpoint('GET /v3/payments/options', (req, emu: Emulator) => {
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
	forEndpoint('POST /v3/payments/{paymentId}/cancel', changeRecord({
		find: PAYMENT,
		mode: 'update',
		change(req, emu: Emulator, p) {
			// BILL: only a payment whose singleStatus is SCHEDULED can be canceled; then void it instead.
			if (p.singleStatus !== 'SCHEDULED') {
				return refused(`Payment ${p.id} is ${String(p.status)} and can no longer be canceled. Void it instead.`);
			}
			releaseFromBills(emu, req, p, 'scheduledAmount');
			return { status: 'CANCELED', singleStatus: 'CANCELED', cancelRequestSubmitted: true };
		},
	})),
	forEndpoint('POST /v3/payments/{paymentId}/void', changeRecord({
		guard: jsonObjectBody,
		find: PAYMENT,
		mode: 'update',
		change(req, emu: Emulator, p) {
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
	forEndpoint('GET /v3/payments/{paymentId}/check-image', withRecord({
		find: PAYMENT,
		handle(req, emu: Emulator, p) {
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

// ------------------------------------------------------------------ exchange rate endpoints

/** One vendor's quote, in BILL's 2026 shape (docs ap-international-payments sample). */
function quote(emu: Emulator, req: EmuRequest, vendorId: unknown, amount: unknown, where: string): Obj | EmuResponse {
	if (isBlank(vendorId)) return missing(`${where}vendorId`);
	if (isBlank(amount)) return missing(`${where}amount`);
	const vendor = emu.collection(req, 'vendors').get(String(vendorId));
	if (!vendor) return invalid(`${where}vendorId`, vendorId, 'No vendor with this ID');
	const n = typeof amount === 'number' ? amount : typeof amount === 'string' ? Number(amount) : NaN;
	if (!Number.isFinite(n) || n <= 0) return invalid(`${where}amount`, amount, 'The amount (in the vendor bill currency) must be more than 0');
	const { billCurrency, paymentCurrency } = vendorCurrencies(vendor);
	// "International vendor payment information is required for you to get the BILL exchange rate with this endpoint."
	if (billCurrency === 'USD' && paymentCurrency === 'USD') {
		return refused(`Vendor ${vendor.id} is not an international vendor: it is billed and paid in USD, so there is no exchange rate.`);
	}
	const foreign = billCurrency === 'USD' ? paymentCurrency : billCurrency;
	const batch = currentBatch(emu);
	return {
		billCurrency,
		paymentCurrency,
		baseCurrency: 'USD',
		exchangeRate: rateOf(foreign),
		exchangeRateBatchId: batch.id,
		vendorId: vendor.id,
		// [inferred] BILL's sample does not say what the range means; the emulator quotes ±2 % of the amount.
		amountRange: { from: round2(n * 0.98), to: round2(n * 1.02) },
		expirationTime: new Date(batch.expiresMs).toISOString(),
	};
}

const exchangeRateHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/payments/exchange-rate', (req, emu: Emulator) => {
		// PM sends baseCurrency=true without describing it: accepted as a boolean, no effect.
		if (req.query.baseCurrency !== undefined && !['true', 'false'].includes(req.query.baseCurrency)) return invalid('baseCurrency', req.query.baseCurrency);
		const q = quote(emu, req, req.query.vendorId, req.query.amount, '');
		return isError(q) ? q : { body: q };
	}),
	forEndpoint('POST /v3/payments/exchange-rate', (req, emu: Emulator) => {
		if (!Array.isArray(req.body) || req.body.length === 0) {
			return invalid('body', req.body ?? '', 'Send a JSON array with one {vendorId, amount} per international vendor');
		}
		const quotes: Obj[] = [];
		for (const [i, el] of req.body.entries()) {
			if (!isObject(el)) return invalid(`[${i}]`, el);
			const q = quote(emu, req, el.vendorId, el.amount, `[${i}].`);
			if (isError(q)) return q;
			quotes.push(q);
		}
		return { body: quotes };
	}),
];

/**
 * Mass payments (reference createmasspayment and getmasspayment; docs ap-mass-payments and
 * ap-mass-payment-notification-payloads):
 *
 * - `POST /v3/payments/mass`: "Create a mass payment request for up to 2000 bills. BILL processes
 *   each payment in the mass payment request asynchronously. In the response, a BILL-generated
 *   payment batch ID is available" (`bbq…`). MFA-trusted (server.ts TRUSTED_SESSION_CALLS). The
 *   body is the bulk payment's (reference: "Create a bulk payment" DTO), checked the same way.
 * - `GET /v3/payments/mass/{paymentBatchId}`: "the status of each payment in the mass payment
 *   batch. Each payment is either scheduled, completed, or failed", and the counts.
 * - Webhook `mass-payment.updated` "when the payment batchStatus value changes" (SCHEDULED on
 *   creation, then COMPLETED), with `paymentBatchId, batchStatus, count{scheduled, failed,
 *   completed, total}, updatedTime` beside `metadata`.
 *
 * The emulator processes a batch `config.massPaymentProcessingMs` after its creation (emulator time;
 * a background timer, or the first GET after that time): each bill is paid as a single payment
 * would be (one payment per bill) or fails with BILL's error for it; the request itself is refused
 * only for what concerns the whole batch (size, funding account, dates, exchange rate batch).
 *
 * [inferred] (BILL's bodies were not reachable): the POST answer `{paymentBatchId, batchStatus,
 * count, updatedTime}` with 201; the GET answer adds `payments: [{billId, amount, status,
 * paymentId?, error?{code, message}}]` with status SCHEDULED | COMPLETED | FAILED; one payment per
 * bill (BILL documents combining for bulk payments only); all bills processed at once.
 */

const MASS = 'payments/mass';
/** BILL: "up to 2000 bills". */
const MASS_LIMIT = 2000;

type LineStatus = 'SCHEDULED' | 'COMPLETED' | 'FAILED';

interface LineResult {
	billId: unknown;
	amount: unknown;
	status: LineStatus;
	paymentId?: string;
	error?: { code: string; message: string };
}

/** The request that created each batch (its organization and user pay the bills later), by batch ID. */
const callers = perEmulator(() => new Map<string, EmuRequest>());

function countOf(rec: EmuRecord): Record<'scheduled' | 'failed' | 'completed' | 'total', number> {
	const lines = rec.payments as LineResult[];
	const n = (s: LineStatus) => lines.filter((l) => l.status === s).length;
	return { scheduled: n('SCHEDULED'), failed: n('FAILED'), completed: n('COMPLETED'), total: lines.length };
}

/** What BILL's notification carries, and the head of both answers. */
function summary(rec: EmuRecord): Obj {
	return { paymentBatchId: rec.id, batchStatus: rec.batchStatus, count: countOf(rec), updatedTime: rec.updatedTime };
}

function announce(emu: Emulator, req: EmuRequest, rec: EmuRecord): void {
	notifyChange(emu, { entity: 'mass-payment', action: 'updated', object: summary(rec), organizationId: emu.orgKeyOf(req), flat: true, entityId: rec.id });
}

/**
 * Pays or fails every bill of a batch whose time has come, then marks it COMPLETED and announces it.
 * Returns how many ms a still scheduled batch has until it is due (0 when there is nothing to wait for).
 */
function processBatch(emu: Emulator, batchId: string): number {
	const req = callers(emu).get(batchId);
	const rec = req ? emu.collection(req, MASS).get(batchId) : undefined;
	if (!req || !rec || rec.batchStatus !== 'SCHEDULED') return 0;
	const dueIn = num(rec._dueMs) - emu.nowMs();
	if (dueIn > 0) return dueIn;
	const batch = rec._batch as PaymentBatch;
	const results = rec.payments as LineResult[];
	batch.lines.forEach((_el, i) => {
		const line = checkPaymentLine(emu, req, batch, i, String(rec._day));
		if (isError(line)) {
			const [first] = line.body as Array<{ code: string; message: string }>;
			results[i] = { ...results[i], status: 'FAILED', error: { code: first.code, message: first.message } };
			return;
		}
		results[i] = { ...results[i], status: 'COMPLETED', paymentId: payLines(emu, req, batch, [line]).id };
	});
	rec.batchStatus = 'COMPLETED';
	rec.updatedTime = emu.now();
	announce(emu, req, rec);
	return 0;
}

/**
 * Processes the batch once it is due. Node's timers and Date.now() round differently, so a timer can
 * fire a millisecond before the emulator's clock says the batch is due: it is looked at again then.
 */
function scheduleProcessing(emu: Emulator, batchId: string, delayMs: number): void {
	scheduleBackground(emu, delayMs, () => {
		const dueIn = processBatch(emu, batchId);
		if (dueIn > 0) scheduleProcessing(emu, batchId, dueIn);
	});
}

const massPaymentHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/payments/mass', (req, emu: Emulator) => {
		// BILL's reference (createmasspayment): "If the funding account type is set as WALLET or AP_CARD, processDate is required."
		const body = req.body as { fundingAccount?: { type?: unknown }; processDate?: unknown } | undefined;
		if (['WALLET', 'AP_CARD'].includes(String(body?.fundingAccount?.type)) && (body?.processDate === undefined || body.processDate === '')) {
			return bdcError(400, BDC.missingParam.code, `${BDC.missingParam.message}processDate.`);
		}
		const batch = checkPaymentBatch(emu, req, MASS_LIMIT, 'mass payment');
		if (isError(batch)) return batch;
		const delay = emu.config.massPaymentProcessingMs;
		const payments: LineResult[] = batch.lines.map((l) => ({ billId: l.billId, amount: l.amount, status: 'SCHEDULED' }));
		const rec = emu.collection(req, MASS).insert({ batchStatus: 'SCHEDULED', payments, _batch: batch, _day: today(emu), _dueMs: emu.nowMs() + delay }, { bare: true, prefix: 'bbq' });
		rec.updatedTime = emu.now();
		callers(emu).set(rec.id, req);
		announce(emu, req, rec);
		scheduleProcessing(emu, rec.id, delay);
		return { status: 201, body: summary(rec) };
	}),
	forEndpoint('GET /v3/payments/mass/{paymentBatchId}', (req, emu: Emulator) => {
		processBatch(emu, req.params.paymentBatchId);
		const rec = emu.collection(req, MASS).get(req.params.paymentBatchId);
		if (!rec) return notFound();
		return { body: { ...summary(rec), payments: rec.payments } };
	}),
];

/** Batches are wiped with the store on reset; so are their callers. */
export function seed(emu: Emulator): void {
	callers(emu).clear();
}

export const handlers: CustomHandler[] = [
	...paymentHandlers,
	...exchangeRateHandlers,
	...massPaymentHandlers,
];
