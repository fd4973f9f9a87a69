/**
 * Invoices (BILL resource `invoice`): totals, status, recorded AR payments, email, payment link.
 */
import { BDC, bdcError } from '../errors';
import { AR_PAYMENT_TYPES, checkEnum, checkMessageLimit, state, today } from '../family/connect';
import type { Handle, Obj } from '../handlers';
import { bodyOf, byParam, changeRecord, EMAIL_RE, forEndpoint, invalidText as invalid, invalid as invalidValue, isBlank, isError, isObject, jsonObjectBody, jsonObjectOf, missing, refused, requireFields, round2, withGuard, withRecord, withRecordStatus } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { refreshCustomerBalance } from './customer';

/* ------------------------------------------------------------------ invoices */

interface LineInput {
	id?: unknown;
	description?: unknown;
	quantity?: unknown;
	price?: unknown;
	amount?: unknown;
	classifications?: unknown;
}

const LINE_CLASSIFICATIONS: Record<string, string> = {
	chartOfAccountId: 'classifications/chart-of-accounts',
	accountingClassId: 'classifications/accounting-classes',
	departmentId: 'classifications/departments',
	jobId: 'classifications/jobs',
	locationId: 'classifications/locations',
	itemId: 'classifications/items',
	employeeId: 'classifications/employees',
};

/** Refuses classification IDs that do not exist in the organization [inferred code BDC_1129]. */
function checkClassifications(emu: Emulator, req: EmuRequest, where: string, c: unknown): EmuResponse | undefined {
	if (c === undefined || c === null) return undefined;
	if (!isObject(c)) return invalid(where, JSON.stringify(c));
	for (const [field, value] of Object.entries(c)) {
		if (isBlank(value)) continue;
		const collection = LINE_CLASSIFICATIONS[field];
		if (!collection) return invalid(`${where}.${field}`, value);
		if (!emu.collection(req, collection).get(String(value))) return invalid(`${where}.${field}`, value);
	}
	return undefined;
}

function lineAmount(l: Record<string, unknown>): number {
	if (typeof l.amount === 'number' && l.price === undefined) return l.amount;
	return round2(Number(l.quantity ?? 1) * Number(l.price ?? 0));
}

/**
 * Builds the stored line items. `existing` are the invoice's current lines (PUT / PATCH): a line
 * with an `id` must be one of them; on PATCH unlisted lines are kept, on PUT they are dropped.
 */
function buildLines(
	emu: Emulator,
	req: EmuRequest,
	input: unknown,
	existing: Array<Record<string, unknown>>,
	mode: 'create' | 'replace' | 'update',
): Array<Record<string, unknown>> | EmuResponse {
	if (!Array.isArray(input)) return invalid('invoiceLineItems', JSON.stringify(input));
	if (input.length === 0 && mode !== 'update') return invalid('invoiceLineItems', '[]');
	const out: Array<Record<string, unknown>> = mode === 'update' ? existing.map((l) => ({ ...l })) : [];
	for (const [i, raw] of input.entries()) {
		if (!isObject(raw)) return invalid(`invoiceLineItems[${i}]`, JSON.stringify(raw));
		const l = raw as LineInput;
		for (const n of ['quantity', 'price', 'amount'] as const) {
			if (l[n] !== undefined && (typeof l[n] !== 'number' || !Number.isFinite(l[n] as number))) return invalid(`invoiceLineItems[${i}].${n}`, l[n]);
		}
		if (typeof l.quantity === 'number' && l.quantity <= 0) return invalid(`invoiceLineItems[${i}].quantity`, l.quantity);
		const cErr = checkClassifications(emu, req, `invoiceLineItems[${i}].classifications`, l.classifications);
		if (cErr) return cErr;
		const { id: _id, ...fields } = raw;
		void _id;
		if (!isBlank(l.id)) {
			const old = existing.find((e) => e.id === l.id);
			if (!old || mode === 'create') return invalid(`invoiceLineItems[${i}].id`, l.id);
			const merged = { ...old, ...fields };
			if (mode === 'update') out[out.findIndex((e) => e.id === l.id)] = merged;
			else out.push(merged);
		} else {
			if (mode !== 'update' && l.quantity === undefined) return missing(`invoiceLineItems[${i}].quantity`);
			out.push({ id: emu.newId('00f'), ...fields });
		}
	}
	return out.map((l) => ({ ...l, amount: lineAmount(l) }));
}

/** Resolves `customer: {id}` or `customer: {name, email}` (creates the customer, as BILL does). */
function resolveCustomer(emu: Emulator, req: EmuRequest, c: unknown): string | EmuResponse {
	if (!isObject(c)) return missing('customer');
	const customers = emu.collection(req, 'customers');
	if (!isBlank(c.id)) {
		const rec = customers.get(String(c.id));
		if (!rec) return invalid('customer.id', c.id);
		if (rec.archived === true) return invalid('customer.id (archived)', c.id);
		return rec.id;
	}
	if (isBlank(c.name) || isBlank(c.email)) return missing('customer.id');
	if (!EMAIL_RE.test(String(c.email))) return invalid('customer.email', c.email);
	const rec = customers.insert({ name: c.name, email: c.email, accountType: 'BUSINESS', balance: { amount: 0 } });
	return rec.id;
}

function computeTotals(inv: Record<string, unknown>): void {
	const lines = (inv.invoiceLineItems ?? []) as Array<Record<string, unknown>>;
	const total = round2(lines.reduce((s, l) => s + Number(l.amount ?? 0), 0));
	const paid = round2(((inv.payments ?? []) as Array<Record<string, unknown>>).filter((p) => p.status === 'PAID').reduce((s, p) => s + Number(p.amount ?? 0), 0));
	inv.totalAmount = total;
	inv.dueAmount = round2(Math.max(0, total - paid - Number(inv.creditAmount ?? 0)));
	inv.status = paid <= 0 ? 'OPEN' : inv.dueAmount === 0 ? 'PAID' : 'PARTIAL_PAYMENT';
}

function checkInvoiceScalars(emu: Emulator, req: EmuRequest, b: Record<string, unknown>): EmuResponse | undefined {
	for (const d of ['invoiceDate', 'dueDate']) {
		if (b[d] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(b[d]))) return invalid(d, b[d]);
	}
	if (!isBlank(b.payToChartOfAccountId) && !emu.collection(req, 'classifications/chart-of-accounts').get(String(b.payToChartOfAccountId))) {
		return invalid('payToChartOfAccountId', b.payToChartOfAccountId);
	}
	return checkClassifications(emu, req, 'classifications', b.classifications);
}

function sendEmailOnSave(emu: Emulator, req: EmuRequest, b: Record<string, unknown>, inv: EmuRecord): EmuResponse | undefined {
	if (!(isObject(b.processingOptions) && b.processingOptions.sendEmail === true)) return undefined;
	const limited = checkMessageLimit(emu, req);
	if (limited) return limited;
	const customer = emu.collection(req, 'customers').get(String(inv.customerId));
	state(emu).outbox.push({ kind: 'invoice', to: [String(customer?.email ?? '')], invoiceId: inv.id, time: emu.now() });
	return undefined;
}

const INVOICE_WRITABLE = ['invoiceNumber', 'invoiceDate', 'dueDate', 'payToChartOfAccountId', 'classifications', 'salesTaxItemId', 'enableCardPayment'];

function pickWritable(b: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const k of INVOICE_WRITABLE) if (b[k] !== undefined) out[k] = b[k];
	return out;
}

type InvoiceMode = 'create' | 'replace' | 'update';

/**
 * BILL's checks of an invoice body: the customer (an existing one, or a new one BILL creates) and the
 * line items to store. `current` is the invoice a PUT / PATCH changes.
 */
function checkInvoice(emu: Emulator, req: EmuRequest, b: Obj, mode: InvoiceMode, current?: EmuRecord): { customerId?: string; lines: Obj[] } | EmuResponse {
	if (current?.archived === true) return invalid('invoiceId (archived)', current.id);
	if (mode !== 'update') {
		const miss = requireFields(b, ['customer', 'invoiceLineItems']);
		if (miss) return miss;
	}
	const scalarErr = checkInvoiceScalars(emu, req, b);
	if (scalarErr) return scalarErr;

	let customerId = current?.customerId as string | undefined;
	if (b.customer !== undefined) {
		const c = resolveCustomer(emu, req, b.customer);
		if (typeof c !== 'string') return c;
		customerId = c;
	}
	let lines = (current?.invoiceLineItems ?? []) as Obj[];
	if (b.invoiceLineItems !== undefined) {
		const built = buildLines(emu, req, b.invoiceLineItems, lines, mode);
		if (!Array.isArray(built)) return built;
		lines = built;
	}
	if (current && Array.isArray(current.payments) && current.payments.length > 0) {
		const total = round2(lines.reduce((s, l) => s + Number(l.amount ?? 0), 0));
		const paid = round2((current.payments as Obj[]).reduce((s, p) => s + Number(p.amount ?? 0), 0));
		if (total < paid) return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}invoiceLineItems, the invoice total ${total} is less than the ${paid} already paid.`);
	}
	return { customerId, lines };
}

/** What follows a saved invoice: the email BILL sends when asked (its refusal is the answer), the customers' balances. */
function afterInvoiceSaved(emu: Emulator, req: EmuRequest, saved: EmuRecord, previousCustomerId?: unknown): EmuResponse | undefined {
	const mailErr = sendEmailOnSave(emu, req, bodyOf(req), saved);
	if (mailErr) return mailErr;
	if (previousCustomerId !== undefined && previousCustomerId !== saved.customerId) refreshCustomerBalance(emu, req, String(previousCustomerId));
	refreshCustomerBalance(emu, req, String(saved.customerId));
	return undefined;
}

function createInvoice(req: EmuRequest, emu: Emulator): EmuResponse {
	const b = bodyOf(req);
	const checked = checkInvoice(emu, req, b, 'create');
	if (isError(checked)) return checked;
	const invoices = emu.collection(req, 'invoices');
	const date = (b.invoiceDate as string | undefined) ?? today(emu);
	const data: Obj = {
		invoiceNumber: b.invoiceNumber ?? String(invoices.size + 1001),
		invoiceDate: date,
		dueDate: b.dueDate ?? date,
		customerId: checked.customerId,
		totalAmount: 0,
		dueAmount: 0,
		scheduledAmount: 0,
		creditAmount: 0,
		status: 'OPEN',
		recordStatus: 'ACTIVE',
		exchangeRate: 1,
		...pickWritable(b),
		invoiceLineItems: checked.lines,
		payments: [],
		enableCardPayment: b.enableCardPayment ?? false,
	};
	computeTotals(data);
	const rec = invoices.insert(data);
	return afterInvoiceSaved(emu, req, rec) ?? { status: 201, body: emu.view(rec) };
}

/** PUT (`replace`: BILL's own fields kept, the lines listed only) or PATCH (`update`) of an invoice. */
function changeInvoice(mode: 'replace' | 'update'): Handle {
	return changeRecord({
		guard: jsonObjectBody,
		find: byParam('invoices', 'invoiceId'),
		mode,
		change(req, emu, current) {
			const b = bodyOf(req);
			const checked = checkInvoice(emu, req, b, mode, current);
			if (isError(checked)) return checked;
			const patch: Obj = { ...pickWritable(b), customerId: checked.customerId, invoiceLineItems: checked.lines };
			const next: Obj = { ...current, ...patch };
			computeTotals(next);
			const totals = { totalAmount: next.totalAmount, dueAmount: next.dueAmount, status: next.status };
			// PATCH: arrays replace (the lines were merged above), objects merge.
			if (mode === 'update') return { ...patch, ...totals };
			const keep: Obj = {};
			for (const k of ['payments', 'scheduledAmount', 'creditAmount', 'exchangeRate', 'enableCardPayment', '_emails']) if (current[k] !== undefined) keep[k] = current[k];
			return { invoiceNumber: current.invoiceNumber, invoiceDate: current.invoiceDate, dueDate: current.dueDate, ...keep, ...patch, ...totals };
		},
		after: (req, emu, saved, current) => afterInvoiceSaved(emu, req, saved, current.customerId),
	});
}

function recordArPayment(req: EmuRequest, emu: Emulator): EmuResponse {
	const b = jsonObjectOf(req);
	if (isError(b)) return b;
	const miss = requireFields(b, ['paymentDate', 'paymentType', 'amount', 'invoices']);
	if (miss) return miss;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(String(b.paymentDate))) return invalid('paymentDate', b.paymentDate);
	const typeErr = checkEnum('paymentType', b.paymentType, AR_PAYMENT_TYPES);
	if (typeErr) return typeErr;
	const amount = Number(b.amount);
	if (!Number.isFinite(amount) || amount <= 0) return invalid('amount', b.amount);
	if (!Array.isArray(b.invoices) || b.invoices.length === 0) return invalid('invoices', JSON.stringify(b.invoices));

	const invoices = emu.collection(req, 'invoices');
	let customerId = isBlank(b.customerId) ? undefined : String(b.customerId);
	if (customerId && !emu.collection(req, 'customers').get(customerId)) return invalid('customerId', customerId);
	const applied: Array<{ inv: EmuRecord; amount: number }> = [];
	for (const [i, raw] of b.invoices.entries()) {
		if (!isObject(raw) || isBlank(raw.id)) return missing(`invoices[${i}].id`);
		if (isBlank(raw.amount)) return missing(`invoices[${i}].amount`);
		const inv = invoices.get(String(raw.id));
		if (!inv) return invalid(`invoices[${i}].id`, raw.id);
		if (inv.archived === true) return invalid(`invoices[${i}].id (archived)`, raw.id);
		// "The listed invoices must belong to the same customer."
		if (customerId === undefined) customerId = String(inv.customerId);
		else if (inv.customerId !== customerId) return invalid(`invoices[${i}].id (another customer's invoice)`, raw.id);
		const a = Number(raw.amount);
		if (!Number.isFinite(a) || a <= 0) return invalid(`invoices[${i}].amount`, raw.amount);
		// [inferred] BILL refuses to overpay an invoice (bills: BDC_1159 "cannot overpay a bill").
		if (round2(a) > Number(inv.dueAmount ?? 0)) {
			return bdcError(400, 'BDC_1159', `Payment amount ${a} is more than the amount due ${Number(inv.dueAmount ?? 0)} of invoice ${inv.id}.`);
		}
		applied.push({ inv, amount: round2(a) });
	}
	const appliedTotal = round2(applied.reduce((s, x) => s + x.amount, 0));
	if (appliedTotal > round2(amount)) return invalid('amount', `${amount} (less than the ${appliedTotal} applied to invoices)`);

	const receivedPayments = emu.collection(req, 'receivable-payments');
	const paymentId = emu.newId('0rp');
	const outInvoices: Array<Record<string, unknown>> = [];
	for (const { inv, amount: a } of applied) {
		const payment = { id: emu.newId('0ip'), amount: a, status: 'PAID', date: b.paymentDate };
		const payments = [...((inv.payments ?? []) as Array<Record<string, unknown>>), payment];
		const next: Record<string, unknown> = { ...inv, payments };
		computeTotals(next);
		invoices.update(inv.id, { payments, dueAmount: next.dueAmount, status: next.status });
		outInvoices.push({ id: inv.id, payments });
	}
	const unapplied = round2(amount - appliedTotal);
	const customers = emu.collection(req, 'customers');
	if (unapplied > 0 && customers.get(customerId!)) {
		// "Any recorded unapplied amount is an overpayment and is available as a customer balance."
		customers.update(customerId!, { _credit: round2(Number(customers.get(customerId!)!._credit ?? 0) + unapplied) });
	}
	refreshCustomerBalance(emu, req, customerId!);
	const body = {
		customerId,
		paymentType: b.paymentType,
		paymentDate: b.paymentDate,
		amount: round2(amount),
		unappliedAmount: unapplied,
		status: 'PAID',
		description: b.description,
		invoices: outInvoices,
	};
	// BILL's received payment ("Get received payment details") names its invoices in invoicePayments.
	const invoicePayments = applied.map(({ inv, amount: a }) => ({ invoiceId: inv.id, amount: a, paymentDate: b.paymentDate }));
	const rec = receivedPayments.insert({ ...body, invoicePayments }, { id: paymentId });
	return { body: { ...body, id: rec.id } };
}

function sendInvoice(req: EmuRequest, emu: Emulator, inv: EmuRecord): EmuResponse {
	if (inv.archived === true) return invalid('invoiceId (archived)', inv.id);
	const b = bodyOf(req);
	if (!isObject(b.recipient)) return missing('recipient');
	const to = b.recipient.to;
	if (!Array.isArray(to) || to.length === 0) return missing('recipient.to');
	for (const [i, addr] of to.entries()) if (typeof addr !== 'string' || !EMAIL_RE.test(addr)) return invalid(`recipient.to[${i}]`, addr);
	if (!isObject(b.replyTo) || isBlank(b.replyTo.userId)) return missing('replyTo.userId');
	const replyUser = emu.collection(req, 'users').get(String(b.replyTo.userId));
	if (!replyUser || replyUser.archived === true) return invalid('replyTo.userId', b.replyTo.userId);
	const limited = checkMessageLimit(emu, req);
	if (limited) return limited;
	state(emu).outbox.push({ kind: 'invoice', to: to as string[], invoiceId: inv.id, time: emu.now() });
	const sent = [...((inv._emails ?? []) as unknown[]), { to, replyTo: replyUser.email, time: emu.now() }];
	emu.collection(req, 'invoices').update(inv.id, { _emails: sent });
	return { status: 200 };
}

const invoiceHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/invoices', withGuard({ guard: jsonObjectBody, handle: createInvoice })),
	forEndpoint('PUT /v3/invoices/{invoiceId}', changeInvoice('replace')),
	forEndpoint('PATCH /v3/invoices/{invoiceId}', changeInvoice('update')),
	forEndpoint('POST /v3/invoices/record-payment', recordArPayment),
	forEndpoint('POST /v3/invoices/{invoiceId}/email', withRecord({ find: byParam('invoices', 'invoiceId'), handle: sendInvoice })),
	// Archiving or restoring an invoice changes what the customer owes.
	...(['archive', 'restore'] as const).map(
		(verb): CustomHandler =>
			forEndpoint(`POST /v3/invoices/{invoiceId}/${verb}`, (req, emu: Emulator) => {
				const res = withRecordStatus(emu, req, 'invoices', emu.generic(req));
				if ((res.status ?? 200) < 300 && isObject(res.body)) refreshCustomerBalance(emu, req, String(res.body.customerId));
				return res;
			}),
	),
];

/* ------------------------------------------------------------------ invoice payment link, statements */

// `invalidValue` is handlers.ts `invalid` (JSON for objects); this module's `invalid` is `invalidText`.
function paymentLink(req: EmuRequest, _emu: Emulator, inv: EmuRecord): EmuResponse {
	const b = bodyOf(req);
	for (const f of ['customerId', 'email']) if (isBlank(b[f])) return missing(f);
	if (b.customerId !== inv.customerId) return invalidValue('customerId', b.customerId, `The invoice belongs to customer ${String(inv.customerId)}`);
	if (!EMAIL_RE.test(String(b.email))) return invalidValue('email', b.email);
	if (inv.archived === true) return refused(`Invoice ${inv.id} is archived.`);
	const token = Buffer.from(`${inv.id}:${String(b.email)}`).toString('base64url');
	return { body: { paymentLink: `https://app-emulator.bill.invalid/p/${token}${isBlank(b.returnUrl) ? '' : `?returnUrl=${encodeURIComponent(String(b.returnUrl))}`}` } };
}

export const handlers: CustomHandler[] = [
	...invoiceHandlers,
	forEndpoint('POST /v3/invoices/{invoiceId}/payment-link', withRecord({ find: byParam('invoices', 'invoiceId'), handle: paymentLink })),
];
