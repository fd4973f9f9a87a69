/**
 * Bills (BILL resource `bill`): amounts computed from line items, line item IDs, settlement by
 * payments, and an AP payment recorded outside BILL (`bill.recordPayment`).
 */
import { activeVendor, AP, BILL, BILLS_PER_BULK, checkDate, coll } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { arrayBody, atElement, bodyOf, changeRecord, DATE_RE, forEndpoint, invalid, isBlank, isError as isErr, isError, isObject, jsonObjectBody, jsonObjectOf, missing, num, view as out, refused, round2, withRecordStatus } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { applyApprovalPolicies } from './billApproval';
import { refreshVendorBalance } from './vendor';

// ------------------------------------------------------------------ bills

export type LineMode = 'create' | 'replace' | 'update';

/** Builds the line items of a bill / recurring bill: amounts from quantity × price, IDs for new lines. */
export function buildLines(emu: Emulator, field: string, input: unknown, existing: Obj[] | undefined, mode: LineMode, idPrefix: string): Obj[] | EmuResponse {
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

export const BILL_LINE_PREFIX = '0bl'; // [inferred] BILL does not document the prefix of line item IDs

/** Validates a bill body and returns the fields to store. */
function billData(emu: Emulator, req: EmuRequest, body: Obj, mode: LineMode, existing?: EmuRecord): Obj | EmuResponse {
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

export function newBill(emu: Emulator, data: Obj): Obj {
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
function withApprovals(emu: Emulator, req: EmuRequest, body: Obj): void {
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
	forEndpoint('POST /v3/bills', (req, emu: Emulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const data = billData(emu, req, b, 'create');
		if (isErr(data)) return data;
		const bill = coll(emu, req, AP.bills).insert(newBill(emu, data));
		refreshVendorBalance(emu, req, bill.vendorId);
		withApprovals(emu, req, b);
		return { status: 201, body: out(emu, bill) };
	}),
	forEndpoint('POST /v3/bills/bulk', (req, emu: Emulator) => {
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
			forEndpoint(`${mode === 'replace' ? 'PUT' : 'PATCH'} /v3/bills/{billId}`, changeRecord({
				guard: jsonObjectBody,
				find: BILL,
				mode,
				change(req, emu: Emulator, bill) {
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
				after(req, emu: Emulator, saved, bill) {
					withApprovals(emu, req, bodyOf(req));
					refreshVendorBalance(emu, req, saved.vendorId);
					if (bill.vendorId !== saved.vendorId) refreshVendorBalance(emu, req, bill.vendorId);
					return undefined;
				},
			})),
	),
	...(['archive', 'restore'] as const).map(
		(verb): CustomHandler =>
			forEndpoint(`POST /v3/bills/{billId}/${verb}`, (req, emu: Emulator) => {
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

/* ------------------------------------------------------------------ AP payment recorded outside BILL */

function recordApPayment(req: EmuRequest, emu: Emulator): EmuResponse {
	const b = jsonObjectOf(req);
	if (isError(b)) return b;
	for (const f of ['vendorId', 'processDate', 'payments']) if (isBlank(b[f])) return missing(f);
	const vendor = coll(emu, req, 'vendors').get(String(b.vendorId));
	if (!vendor) return invalid('vendorId', b.vendorId, 'No vendor with this ID');
	if (!DATE_RE.test(String(b.processDate))) return invalid('processDate', b.processDate);
	if (!Array.isArray(b.payments) || b.payments.length === 0) return missing('payments');
	const bills = coll(emu, req, 'bills');
	const plan: Array<{ bill: EmuRecord; amount: number }> = [];
	for (const [i, p] of b.payments.entries()) {
		if (!isObject(p) || isBlank(p.billId)) return missing(`payments[${i}].billId`);
		const bill = bills.get(String(p.billId));
		if (!bill) return invalid(`payments[${i}].billId`, p.billId, 'No bill with this ID');
		if (bill.vendorId !== vendor.id) return invalid(`payments[${i}].billId`, p.billId, `The bill belongs to vendor ${String(bill.vendorId)}`);
		if (bill.archived === true) return refused(`Bill ${bill.id} is archived.`);
		const amount = Number(p.amount);
		if (!Number.isFinite(amount) || amount <= 0) return invalid(`payments[${i}].amount`, p.amount);
		const planned = plan.filter((x) => x.bill === bill).reduce((s,
		x) => s + x.amount, 0);
		if (round2(planned + amount) > round2(num(bill.dueAmount))) {
			return refused(`Payment amount ${amount} is more than the amount due on bill ${bill.id} (${String(bill.dueAmount)}). A bill cannot be overpaid.`,
		'BDC_1159');
		}
		plan.push({ bill,
		amount: round2(amount) });
	}
	const total = round2(plan.reduce((s,
		x) => s + x.amount, 0));
	for (const { bill, amount } of plan) {
		bill.paidAmount = round2(num(bill.paidAmount) + amount);
		settlePayments(bill);
		bill.updatedTime = emu.now();
	}
	const rec = coll(emu, req, 'payments').insert({
		vendorId: vendor.id,
		vendorName: vendor.name,
		billId: plan[0].bill.id,
		billPayments: plan.map((x) => ({ id: emu.newId('blp'), billId: x.bill.id, amount: x.amount, vendorCredits: [] })),
		description: b.description ?? null,
		processDate: b.processDate,
		amount: total,
		transactionNumber: b.transactionNumber ?? null,
		confirmationNumber: `R${emu.newId('').slice(-10)}`,
		status: 'PAID',
		exchangeRate: 1,
		fundingAmount: total,
		onlinePayment: false,
		disbursementType: b.toPrintCheck === true ? 'CHECK' : 'UNDEFINED',
		remittanceEmail: vendor.email ?? null,
		createdBy: req.auth.userId,
		disbursementStatus: 'DONE',
		singleStatus: 'CLEARED',
	});
	// BILL's answer to Record a payment (its example) is not the payment record Get Payment answers: it
	// also has the recording's own fields and none of a sent payment's (processing options, void info,
	// disbursement). The record is a payment like the others in lists.
	const recorded: Obj = { toPrintCheck: b.toPrintCheck === true, classifications: {}, syncReference: null, allowExport: true };
	const stored = Object.fromEntries(Object.entries(rec).filter(([k]) => !k.startsWith('_') && k !== 'archived'));
	return { body: { ...stored, ...recorded } };
}

export const handlers: CustomHandler[] = [
	...billHandlers,
	forEndpoint('POST /v3/bills/record-payment', recordApPayment),
];
