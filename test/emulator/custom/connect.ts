/**
 * Custom emulator handlers for the Connect core resources, where BILL does more than generic CRUD:
 * customers (balance), invoices (totals, status, record AR payment, email), the BILL Network
 * (search, invitations, connections), organizations (details, industries, price plan), users and
 * roles, MFA (setup, challenge, Remember Me ID, step-up) and risk verification.
 *
 * Shapes follow BILL's Postman collection (test/fixtures/bill-v3-api.postman_collection.json). Behaviour BILL does not document
 * (error codes of some refusals, the fixed MFA code, network directory) is marked [inferred].
 */
import { SEED } from '../config';
import { BDC, bdcError } from '../errors';
import type { BillEmulator } from '../server';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, EmuRequest, EmuResponse } from '../types';
import { bodyOf, byParam, changeRecord, EMAIL_RE, forOperation, invalidText as invalid, isBlank, isError, isObject, jsonObjectBody, jsonObjectOf, missing, notFound, perEmulator, pickDefined, requireFields, round2, withGuard, withRecord, withRecordStatus } from './common';
import type { Handle, Obj, RecordRef } from './common';

/* ------------------------------------------------------------------ constants */

/** The six-digit code every MFA text "sends" in the emulator [inferred: BILL sends a random code]. */
export const MFA_CODE = '123456';

/** Emails and texts BILL sends are limited to 5 per minute (auth.md §7). */
export const MESSAGES_PER_MINUTE = 5;

/** Values BILL returns from `GET /v3/organizations/industries` (a small sample) [inferred list]. */
export const INDUSTRIES = [
	'Accounting',
	'Advertising',
	'Construction',
	'Consulting',
	'Education',
	'Healthcare',
	'Legal Services',
	'Manufacturing',
	'Music',
	'Non-Profit',
	'Real Estate',
	'Restaurants',
	'Retail',
	'Software',
	'Transportation',
];

/** Default user roles BILL provides ("Organizations and Users" guide) plus one custom role. */
export const SEEDED_ROLES = [
	{ type: 'ADMINISTRATOR', description: 'Administrator: full access, manages users and settings' },
	{ type: 'ACCOUNTANT', description: 'Accountant: manages bills, invoices and the general ledger' },
	{ type: 'APPROVER', description: 'Approver: approves bills and payments' },
	{ type: 'PAYER', description: 'Payer: pays approved bills' },
	{ type: 'CLERK', description: 'Clerk: enters bills and invoices' },
	{ type: 'AUDITOR', description: 'Auditor: read-only access' },
	{ type: 'CUSTOM', description: 'Custom role' },
];

interface DirectoryEntry {
	id: string;
	name: string;
	type: string;
	network: 'BILL' | 'RPPS';
	addresses: Array<Record<string, string>>;
	managedBy?: { name: string; email: string; emailDomain: string };
	/** BILL Network organizations with auto-connections on are connected at once. */
	autoConnect?: boolean;
}

/**
 * Organizations in the emulator's BILL Network and verified national vendor (RPPS) network.
 * PNIs of BILL Network organizations are made up (`0nw…`) [inferred]; RPPS ids begin with `0rv`
 * as BILL documents, and their billing addresses carry the `id` BILL asks for as `addressId`.
 */
export const NETWORK_DIRECTORY: DirectoryEntry[] = [
	{
		id: '0nw01EMUHAPPYMUSIC',
		name: 'Happy Music Supplies',
		type: 'BUSINESS',
		network: 'BILL',
		addresses: [{ line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' }],
		managedBy: { name: 'Happy Music Supplies', email: 'info@happymusicsupplies.org', emailDomain: 'happymusicsupplies.org' },
		autoConnect: false,
	},
	{
		id: '0nw01EMUPAPERLESSB',
		name: 'Paperless Band',
		type: 'BUSINESS',
		network: 'BILL',
		addresses: [{ line1: '987 Side Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' }],
		managedBy: { name: 'Paperless Band', email: 'contact@paperlessband.org', emailDomain: 'paperlessband.org' },
		autoConnect: true,
	},
	{
		id: '0rv01EMUVERIZON001',
		name: 'Verizon Wireless',
		type: 'BUSINESS',
		network: 'RPPS',
		addresses: [{ id: '0ra01EMUVZADDR0001', line1: 'PO Box 660108', city: 'Dallas', stateOrProvince: 'TX', zipOrPostalCode: '75266', country: 'US' }],
	},
	{
		id: '0rv01EMUPGANDE0001',
		name: 'Pacific Gas and Electric',
		type: 'BUSINESS',
		network: 'RPPS',
		addresses: [{ id: '0ra01EMUPGEADDR001', line1: 'PO Box 997300', city: 'Sacramento', stateOrProvince: 'CA', zipOrPostalCode: '95899', country: 'US' }],
	},
];

const AR_PAYMENT_TYPES = ['CASH', 'CHECK', 'CREDIT_CARD', 'ACH', 'PAYPAL', 'OTHER'];

/* ------------------------------------------------------------------ per-emulator state */

interface CoreState {
	/** Times (ms) of the emails/texts sent, per developer key / session. */
	messages: Map<string, number[]>;
	/** Emails BILL "sent" (invoices, invitations), for tests. */
	outbox: Array<{ kind: string; to: string[]; invoiceId?: string; vendorId?: string; customerId?: string; time: string }>;
	/** Remember Me IDs this module added to `emu.config.mfaDevices` (removed again on reset). */
	rememberMeIds: Set<string>;
}

const state = perEmulator<CoreState>(() => ({ messages: new Map(), outbox: [], rememberMeIds: new Set() }));

/** What the emulator "sent" by email (invoice emails, vendor email invitations, network invitations). */
export function sentEmails(emu: BillEmulator): CoreState['outbox'] {
	return state(emu).outbox;
}

/* ------------------------------------------------------------------ helpers */

const today = (emu: BillEmulator) => emu.now().slice(0, 10);

/** Refuses when `value` is not one of `allowed`. */
function checkEnum(name: string, value: unknown, allowed: string[]): EmuResponse | undefined {
	if (typeof value !== 'string' || !allowed.includes(value)) return invalid(name, value);
	return undefined;
}

/**
 * BILL limits calls that send a text or email to 5 per minute. The error BILL returns is not
 * documented; the emulator answers BDC_1144 with the per-minute figure [inferred].
 */
function checkMessageLimit(emu: BillEmulator, req: EmuRequest): EmuResponse | undefined {
	const key = req.auth.limitKey ?? req.auth.sessionId ?? 'anonymous';
	const now = emu.nowMs();
	const log = (state(emu).messages.get(key) ?? []).filter((t) => now - t < 60_000);
	if (log.length >= MESSAGES_PER_MINUTE) {
		state(emu).messages.set(key, log);
		return bdcError(emu.config.limitErrorStatus, BDC.hourlyCap.code, `Max number of allowed requests per minute reached: ${MESSAGES_PER_MINUTE}.`);
	}
	log.push(now);
	state(emu).messages.set(key, log);
	return undefined;
}

/** Role of the signed-in user: configured users first, then users created through the API. */
function roleOf(emu: BillEmulator, req: EmuRequest): string | undefined {
	const configured = emu.config.users.find((u) => u.userId === req.auth.userId);
	if (configured) return configured.role;
	const rec = emu.collection(req, 'users').get(String(req.auth.userId));
	return isObject(rec?.role) ? String(rec.role.type) : undefined;
}

/**
 * BILL: "The currently signed-in user must have the ADMINISTRATOR user role". The refusal's code is
 * not documented [inferred: 403 BDC_1143].
 */
function requireAdmin(emu: BillEmulator, req: EmuRequest): EmuResponse | undefined {
	const role = roleOf(emu, req);
	if (role === 'ADMINISTRATOR' || role === 'ADMIN') return undefined;
	return bdcError(403, 'BDC_1143', 'The signed-in user does not have the ADMINISTRATOR role required for this operation.');
}

/* ------------------------------------------------------------------ seed */

function seedOrg(emu: BillEmulator, orgId: string): void {
	const name = emu.config.organizations.find((o) => o.id === orgId)?.name ?? orgId;
	completeOrganization(emu.store.collection('organizations', orgId), orgId, name);
	const roles = emu.store.collection('roles', orgId);
	const roleByType = new Map<string, EmuRecord>();
	for (const r of SEEDED_ROLES) {
		let rec = roles.find((x) => x.type === r.type);
		if (!rec) {
			rec = roles.insert({ type: r.type, description: r.description }, { bare: true });
			rec.createdTime = emu.now();
			rec.updatedTime = rec.createdTime;
		}
		roleByType.set(r.type, rec);
	}
	const users = emu.store.collection('users', orgId);
	for (const u of emu.config.users.filter((x) => x.organizationIds.includes(orgId))) {
		const role = roleByType.get(u.role === 'ADMIN' ? 'ADMINISTRATOR' : u.role) ?? roleByType.get('ADMINISTRATOR')!;
		users.insert(
			{ firstName: u.firstName ?? 'User', lastName: u.lastName ?? u.userId, email: u.username, role: { id: role.id, type: role.type, description: role.description } },
			{ id: u.userId },
		);
	}
	// The seeded Remember Me device implies the seed user has set up MFA on a phone.
	const phones = emu.store.collection('mfa/phones', orgId);
	phones.insert({ _userId: SEED.userId, type: 'MOBILE', phone: '4155550100', last4digits: '0100', primary: true }, { bare: true, prefix: 'mfp' });
}

/** Seeds roles, the configured users and MFA phones in every organization; drops Remember Me IDs added by MFA validation. */
export function seed(emu: BillEmulator): void {
	const s = state(emu);
	if (s.rememberMeIds.size > 0) {
		emu.config.mfaDevices = emu.config.mfaDevices.filter((d) => !s.rememberMeIds.has(d.rememberMeId));
		s.rememberMeIds.clear();
	}
	s.messages.clear();
	s.outbox.length = 0;
	for (const org of emu.config.organizations) seedOrg(emu, org.id);
}

/* ------------------------------------------------------------------ customers */

/** A customer's balance: what its open invoices still owe. */
function refreshCustomerBalance(emu: BillEmulator, req: EmuRequest, customerId: string): void {
	const customers = emu.collection(req, 'customers');
	if (!customers.get(customerId)) return;
	const due = emu
		.collection(req, 'invoices')
		.list((i) => i.customerId === customerId && i.archived !== true)
		.reduce((sum, i) => sum + Number(i.dueAmount ?? 0), 0);
	const credit = Number(customers.get(customerId)!._credit ?? 0);
	customers.update(customerId, { balance: { amount: round2(due - credit) } });
}

const customerHandlers: CustomHandler[] = [
	forOperation('customer', 'create', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		if (!isBlank(b.email) && !EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
		const res = emu.generic(req);
		if ((res.status ?? 200) >= 300 || !isObject(res.body)) return res;
		const rec = emu.collection(req, 'customers').update(String(res.body.id), { balance: { amount: 0 } })!;
		return { status: res.status, body: emu.view(rec) };
	}),
];

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
function checkClassifications(emu: BillEmulator, req: EmuRequest, where: string, c: unknown): EmuResponse | undefined {
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
	emu: BillEmulator,
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
function resolveCustomer(emu: BillEmulator, req: EmuRequest, c: unknown): string | EmuResponse {
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

function checkInvoiceScalars(emu: BillEmulator, req: EmuRequest, b: Record<string, unknown>): EmuResponse | undefined {
	for (const d of ['invoiceDate', 'dueDate']) {
		if (b[d] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(b[d]))) return invalid(d, b[d]);
	}
	if (!isBlank(b.payToChartOfAccountId) && !emu.collection(req, 'classifications/chart-of-accounts').get(String(b.payToChartOfAccountId))) {
		return invalid('payToChartOfAccountId', b.payToChartOfAccountId);
	}
	return checkClassifications(emu, req, 'classifications', b.classifications);
}

function sendEmailOnSave(emu: BillEmulator, req: EmuRequest, b: Record<string, unknown>, inv: EmuRecord): EmuResponse | undefined {
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
function checkInvoice(emu: BillEmulator, req: EmuRequest, b: Obj, mode: InvoiceMode, current?: EmuRecord): { customerId?: string; lines: Obj[] } | EmuResponse {
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
function afterInvoiceSaved(emu: BillEmulator, req: EmuRequest, saved: EmuRecord, previousCustomerId?: unknown): EmuResponse | undefined {
	const mailErr = sendEmailOnSave(emu, req, bodyOf(req), saved);
	if (mailErr) return mailErr;
	if (previousCustomerId !== undefined && previousCustomerId !== saved.customerId) refreshCustomerBalance(emu, req, String(previousCustomerId));
	refreshCustomerBalance(emu, req, String(saved.customerId));
	return undefined;
}

function createInvoice(req: EmuRequest, emu: BillEmulator): EmuResponse {
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

function recordArPayment(req: EmuRequest, emu: BillEmulator): EmuResponse {
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
	const rec = receivedPayments.insert(body, { id: paymentId });
	return { body: { ...body, id: rec.id } };
}

function sendInvoice(req: EmuRequest, emu: BillEmulator, inv: EmuRecord): EmuResponse {
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
	forOperation('invoice', 'create', withGuard({ guard: jsonObjectBody, handle: createInvoice })),
	forOperation('invoice', 'replace', changeInvoice('replace')),
	forOperation('invoice', 'update', changeInvoice('update')),
	forOperation('invoice', 'recordPayment', recordArPayment),
	forOperation('invoice', 'send', withRecord({ find: byParam('invoices', 'invoiceId'), handle: sendInvoice })),
	// Archiving or restoring an invoice changes what the customer owes.
	...(['archive', 'restore'] as const).map(
		(verb): CustomHandler =>
			forOperation('invoice', verb, (req, emu: BillEmulator) => {
				const res = withRecordStatus(emu, req, 'invoices', emu.generic(req));
				if ((res.status ?? 200) < 300 && isObject(res.body)) refreshCustomerBalance(emu, req, String(res.body.customerId));
				return res;
			}),
	),
];

/* ------------------------------------------------------------------ network */

type Party = 'customer' | 'vendor';
const COLLECTION_OF: Record<Party, string> = { customer: 'customers', vendor: 'vendors' };

function invitations(emu: BillEmulator, req: EmuRequest): Collection {
	return emu.collection(req, 'network/invitations');
}

function invitationFor(emu: BillEmulator, req: EmuRequest, party: Party, id: string): EmuRecord | undefined {
	return invitations(emu, req).find((r) => r.party === party && r.recordId === id);
}

function setNetworkStatus(emu: BillEmulator, req: EmuRequest, party: Party, id: string, status: string): void {
	emu.collection(req, COLLECTION_OF[party]).update(id, { networkStatus: status });
}

function searchNetwork(req: EmuRequest, _emu: BillEmulator): EmuResponse {
	const name = (req.query.name ?? '').trim();
	if (!name) return missing('name');
	const scope = req.query.scope ?? 'BILL';
	const scopeErr = checkEnum('scope', scope, ['BILL', 'RPPS', 'ALL']);
	if (scopeErr) return scopeErr;
	const zip = req.query.zipOrPostalCode;
	const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
	const term = name.toLowerCase();
	const results = NETWORK_DIRECTORY.filter((e) => {
		if (scope !== 'ALL' && e.network !== scope) return false;
		if (e.network === 'BILL') {
			// BILL Network: at least three characters and complete words only.
			if (term.length < 3) return false;
			const nameWords = words(e.name);
			return words(term).every((w) => nameWords.includes(w));
		}
		// RPPS: complete or partial match on name and ZIP code.
		if (!e.name.toLowerCase().includes(term)) return false;
		return !zip || e.addresses.some((a) => (a.zipOrPostalCode ?? '').startsWith(zip));
	}).map((e) => ({ id: e.id, name: e.name, type: e.type, addresses: e.addresses.map((a) => ({ ...a })), ...(e.managedBy ? { managedBy: { ...e.managedBy } } : {}) }));
	return { body: { results } };
}

/** The customer or vendor the path names. */
const partyRecord = (party: Party) => byParam(COLLECTION_OF[party], `${party}Id`);

function invite(party: Party): Handle {
	return withRecord({
		find: partyRecord(party),
		handle(req, emu: BillEmulator, { id }) {
			const b = bodyOf(req);
			const miss = requireFields(b, ['networkId', 'networkType']);
			if (miss) return miss;
			const typeErr = checkEnum('networkType', b.networkType, ['BILL', 'RPPS']);
			if (typeErr) return typeErr;
			const entry = NETWORK_DIRECTORY.find((e) => e.id === b.networkId);
			if (!entry || entry.network !== b.networkType) return invalid('networkId', b.networkId);
			if (entry.network === 'RPPS') {
				// Verified national vendors are vendors, and need the account number and billing address.
				if (party !== 'vendor') return invalid('networkType', b.networkType);
				const rpps = isObject(b.rppsInformation) ? b.rppsInformation : undefined;
				if (!rpps || isBlank(rpps.accountNumber)) return missing('rppsInformation.accountNumber');
				if (isBlank(rpps.addressId)) return missing('rppsInformation.addressId');
				if (!entry.addresses.some((a) => a.id === rpps.addressId)) return invalid('rppsInformation.addressId', rpps.addressId);
			}
			const existing = invitationFor(emu, req, party, id);
			if (existing && existing.status !== 'NOT_CONNECTED') {
				return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}${party}Id, ${id}. A connection or connection request already exists; delete it first.`);
			}
			const limited = checkMessageLimit(emu, req);
			if (limited) return limited;
			const status = entry.network === 'RPPS' || entry.autoConnect ? 'CONNECTED' : 'PENDING';
			if (existing) invitations(emu, req).remove(existing.id);
			invitations(emu, req).insert({ party, recordId: id, networkId: entry.id, status, rppsInformation: b.rppsInformation }, { bare: true, prefix: 'nwi' });
			setNetworkStatus(emu, req, party, id, entry.network === 'RPPS' ? 'CONNECTED_RPPS' : status);
			if (status === 'PENDING' && entry.managedBy) state(emu).outbox.push({ kind: 'networkInvitation', to: [entry.managedBy.email], [`${party}Id`]: id, time: emu.now() });
			return { status: 200 };
		},
	});
}

function invitationStatus(party: Party): Handle {
	return withRecord({
		find: partyRecord(party),
		handle(req, emu: BillEmulator, { id }) {
			const inv = invitationFor(emu, req, party, id);
			return { body: { id, status: inv ? inv.status : 'NOT_CONNECTED', ...(inv?.networkId ? { networkId: inv.networkId } : {}) } };
		},
	});
}

/** Payment states that block disconnecting (BILL: no scheduled and no in-process payments). */
const BLOCKING_PAYMENT_STATES = ['SCHEDULED', 'APPROVING', 'IN_PROCESS', 'PROCESSING'];

function deleteConnection(party: Party): Handle {
	return withRecord({
		find: partyRecord(party),
		handle(req, emu: BillEmulator, { id }) {
			const inv = invitationFor(emu, req, party, id);
			if (!inv) return notFound();
			if (party === 'vendor') {
				const blocking = emu.collection(req, 'payments').find((p) => p.vendorId === id && BLOCKING_PAYMENT_STATES.includes(String(p.status)));
				if (blocking) {
					// [inferred] code: BILL documents the rule, not the error.
					return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}vendorId, ${id}. Cancel the scheduled or in-process payment ${blocking.id} before disconnecting.`);
				}
			}
			invitations(emu, req).remove(inv.id);
			setNetworkStatus(emu, req, party, id, 'NOT_CONNECTED');
			return { status: 200 };
		},
	});
}

function inviteVendorByEmail(req: EmuRequest, emu: BillEmulator, { id }: EmuRecord): EmuResponse {
	const b = bodyOf(req);
	if (isBlank(b.email)) return missing('email');
	if (!EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
	const existing = invitationFor(emu, req, 'vendor', id);
	if (existing && existing.status === 'CONNECTED') {
		return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}vendorId, ${id}. The vendor is already connected.`);
	}
	const limited = checkMessageLimit(emu, req);
	if (limited) return limited;
	if (existing) invitations(emu, req).remove(existing.id);
	invitations(emu, req).insert({ party: 'vendor', recordId: id, status: 'PENDING', email: b.email }, { bare: true, prefix: 'nwi' });
	setNetworkStatus(emu, req, 'vendor', id, 'PENDING');
	state(emu).outbox.push({ kind: 'vendorEmailInvitation', to: [String(b.email)], vendorId: id, time: emu.now() });
	return { status: 200 };
}

function acceptInvitation(req: EmuRequest, emu: BillEmulator): EmuResponse {
	const b = bodyOf(req);
	const miss = requireFields(b, ['networkId', 'type']);
	if (miss) return miss;
	const typeErr = checkEnum('type', b.type, ['CUSTOMER', 'VENDOR']);
	if (typeErr) return typeErr;
	const entry = NETWORK_DIRECTORY.find((e) => e.id === b.networkId && e.network === 'BILL');
	if (!entry) return invalid('networkId', b.networkId);
	const party: Party = b.type === 'CUSTOMER' ? 'customer' : 'vendor';
	const coll = emu.collection(req, COLLECTION_OF[party]);
	let recordId: string;
	if (!isBlank(b.id)) {
		const rec = coll.get(String(b.id));
		if (!rec) return invalid('id', b.id);
		recordId = rec.id;
	} else if (!isBlank(b.name)) {
		recordId = coll.insert(party === 'vendor' ? { name: b.name, accountType: 'BUSINESS' } : { name: b.name, email: entry.managedBy?.email, accountType: 'BUSINESS', balance: { amount: 0 } }).id;
	} else {
		return missing('id');
	}
	const existing = invitationFor(emu, req, party, recordId);
	if (existing) invitations(emu, req).remove(existing.id);
	invitations(emu, req).insert({ party, recordId, networkId: entry.id, status: 'CONNECTED' }, { bare: true, prefix: 'nwi' });
	setNetworkStatus(emu, req, party, recordId, 'CONNECTED');
	return { status: 200 };
}

const networkHandlers: CustomHandler[] = [
	forOperation('network', 'search', searchNetwork),
	forOperation('network', 'acceptInvitation', acceptInvitation),
	forOperation('network', 'getCustomerInvitation', invitationStatus('customer')),
	forOperation('network', 'inviteCustomer', invite('customer')),
	forOperation('network', 'deleteCustomerConnection', deleteConnection('customer')),
	forOperation('network', 'getVendorInvitation', invitationStatus('vendor')),
	forOperation('network', 'inviteVendor', invite('vendor')),
	forOperation('network', 'deleteVendorConnection', deleteConnection('vendor')),
	forOperation('network', 'inviteVendorByEmail', withRecord({ find: partyRecord('vendor'), handle: inviteVendorByEmail })),
];

/* ------------------------------------------------------------------ organizations */

/** Details BILL keeps on an organization, used where the emulator's records lack them. */
function organizationDefaults(name: string): Record<string, unknown> {
	const address = { line1: '1 Emulator Way', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US', countryName: 'United States' };
	return {
		name,
		address,
		mailingAddress: { ...address },
		phone: '4155550100',
		companyOwner: { name: 'Emma Ulator' },
		taxIdType: 'EIN',
		industry: 'Software',
		businessCategory: 'LLC',
		accountType: 'BUSINESS',
		processingOptions: { mailingAddressSameAsPhysical: true, individualTransferOut: false, individualTransferIn: false },
	};
}

/** Completes an organization record with BILL's fields it does not have yet (keeps what it has). */
function completeOrganization(coll: Collection, orgId: string, name: string): EmuRecord {
	const rec = coll.get(orgId) ?? coll.insert({ name }, { id: orgId });
	for (const [k, v] of Object.entries(organizationDefaults(String(rec.name ?? name)))) if (rec[k] === undefined || rec[k] === null) rec[k] = v;
	return rec;
}

/** The caller's organization record (only your own organization is visible). */
const ORGANIZATION: RecordRef = {
	collection: 'organizations',
	find(emu: BillEmulator, req) {
		const orgId = req.params.organizationId;
		if (orgId !== req.auth.organizationId) return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
		const configured = emu.config.organizations.find((o) => o.id === orgId);
		return completeOrganization(emu.collection(req, 'organizations'), orgId, configured?.name ?? 'Emulator Org');
	},
};

const ORG_FIELDS = ['name', 'address', 'mailingAddress', 'phone', 'companyOwner', 'taxId', 'taxIdType', 'industry', 'businessCategory', 'accountType', 'processingOptions'];

const organizationHandlers: CustomHandler[] = [
	forOperation('organization', 'getIndustries', () => ({ body: { results: [...INDUSTRIES] } })),
	forOperation('organization', 'get', withRecord({ guard: requireAdmin, find: ORGANIZATION, handle: (_req, emu: BillEmulator, org) => ({ body: emu.view(org) }) })),
	forOperation('organization', 'update', changeRecord({
		guard: requireAdmin,
		find: ORGANIZATION,
		mode: 'update',
		change(req) {
			const b = jsonObjectOf(req);
			if (isError(b)) return b;
			for (const k of Object.keys(b)) if (!ORG_FIELDS.includes(k)) return invalid(k, JSON.stringify(b[k]));
			if (b.taxIdType !== undefined) {
				const e = checkEnum('taxIdType', b.taxIdType, ['EIN', 'SSN']);
				if (e) return e;
			}
			if (b.industry !== undefined && !INDUSTRIES.includes(String(b.industry))) return invalid('industry', b.industry);
			// BILL changelog 2025-11-05: individualTransferOut / individualTransferIn, booleans (ACH transfer rules).
			// [inferred] under processingOptions, beside mailingAddressSameAsPhysical.
			if (b.processingOptions !== undefined) {
				if (!isObject(b.processingOptions)) return invalid('processingOptions', JSON.stringify(b.processingOptions));
				for (const [k, v] of Object.entries(b.processingOptions)) {
					if (!['mailingAddressSameAsPhysical', 'individualTransferOut', 'individualTransferIn'].includes(k) || typeof v !== 'boolean') return invalid(`processingOptions.${k}`, JSON.stringify(v));
				}
			}
			if (isObject(b.companyOwner) && b.companyOwner.dateOfBirth !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(b.companyOwner.dateOfBirth))) {
				return invalid('companyOwner.dateOfBirth', b.companyOwner.dateOfBirth);
			}
			return b;
		},
	})),
	forOperation('organization', 'getPricePlan', withRecord({
		guard: requireAdmin,
		find: ORGANIZATION,
		handle() {
			return {
				body: {
					id: 'ppl01EMUESSENTIALS',
					name: 'Essentials',
					monthlyPrice: 45,
					allowTrial: true,
					priceVariesPerUser: true,
					planTerms: [
						{ type: 'USER', name: 'users', tier: 1, quantity: 5, price: 45 },
						{ type: 'USER', name: 'users', tier: 2, quantity: 10, price: 40 },
						{ type: 'TRANSACTION', name: 'achPayments', tier: 1, quantity: 0, price: 0.59 },
					],
				},
			};
		},
	})),
];

/* ------------------------------------------------------------------ users */

function roleView(role: EmuRecord): Record<string, unknown> {
	return { id: role.id, type: role.type, description: role.description };
}

const userHandlers: CustomHandler[] = [
	forOperation('user', 'create', withGuard({
		guard: [requireAdmin, jsonObjectBody],
		handle(req, emu: BillEmulator) {
			const b = bodyOf(req);
			const miss = requireFields(b, ['firstName', 'lastName', 'email', 'roleId', 'acceptTermsOfService']);
			if (miss) return miss;
			if (b.acceptTermsOfService !== true) return invalid('acceptTermsOfService', b.acceptTermsOfService);
			if (!EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
			const role = emu.collection(req, 'roles').get(String(b.roleId));
			if (!role) return invalid('roleId', b.roleId);
			const users = emu.collection(req, 'users');
			if (users.find((u) => String(u.email).toLowerCase() === String(b.email).toLowerCase())) {
				return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}email, ${String(b.email)}. A user with this email already exists.`);
			}
			const rec = users.insert({ firstName: b.firstName, lastName: b.lastName, email: b.email, role: roleView(role) });
			return { status: 201, body: emu.view(rec) };
		},
	})),
	forOperation('user', 'update', changeRecord({
		guard: jsonObjectBody,
		find: byParam('users', 'userId'),
		mode: 'update',
		change(req, emu: BillEmulator) {
			const { roleId, email, ...rest } = bodyOf(req);
			if (email !== undefined) return invalid('email', email);
			const patch = pickDefined(rest, ['firstName', 'lastName']);
			for (const k of Object.keys(rest)) if (!['firstName', 'lastName'].includes(k)) return invalid(k, JSON.stringify(rest[k]));
			if (roleId !== undefined) {
				const role = emu.collection(req, 'roles').get(String(roleId));
				if (!role) return invalid('roleId', roleId);
				patch.role = roleView(role);
			}
			return patch;
		},
	})),
];

/* ------------------------------------------------------------------ MFA */

const MFA_DELIVERY = ['TEXT', 'VOICE'];

function userPhones(emu: BillEmulator, req: EmuRequest): EmuRecord[] {
	return emu.collection(req, 'mfa/phones').list((p) => p._userId === req.auth.userId);
}

const mfaHandlers: CustomHandler[] = [
	forOperation('mfa', 'addPhone', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		// Since 2026-03-30 `primary` is optional and may only be true (BILL changelog 2026-02-06:
		// no secondary MFA phones; `primary: false` → HTTP 400).
		const miss = requireFields(b, ['phone', 'type']);
		if (miss) return miss;
		const typeErr = checkEnum('type', b.type, MFA_DELIVERY);
		if (typeErr) return typeErr;
		const digits = String(b.phone).replace(/\D/g, '');
		if (digits.length < 10) return invalid('phone', b.phone);
		if (b.primary !== undefined && b.primary !== true) return invalid('primary', b.primary);
		const limited = checkMessageLimit(emu, req);
		if (limited) return limited;
		const setup = emu.collection(req, 'mfa/setups').insert(
			{ _userId: req.auth.userId, phone: digits, type: b.type, primary: true, validated: false },
			{ bare: true, prefix: 'mfs' },
		);
		return { body: { setupId: setup.id } };
	}),
	forOperation('mfa', 'validatePhone', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['setupId', 'type', 'token']);
		if (miss) return miss;
		const typeErr = checkEnum('type', b.type, MFA_DELIVERY);
		if (typeErr) return typeErr;
		const setups = emu.collection(req, 'mfa/setups');
		const setup = setups.get(String(b.setupId));
		if (!setup || setup._userId !== req.auth.userId || setup.validated === true) return invalid('setupId', b.setupId);
		// [inferred] code for a wrong MFA token.
		if (String(b.token) !== MFA_CODE) return bdcError(400, 'BDC_1355', 'Invalid MFA token. Check the code sent to the phone and try again.');
		setups.update(setup.id, { validated: true });
		const phones = emu.collection(req, 'mfa/phones');
		if (setup.primary === true) for (const p of userPhones(emu, req)) if (p.primary === true) phones.update(p.id, { primary: false });
		const digits = String(setup.phone);
		phones.insert({ _userId: req.auth.userId, type: 'MOBILE', phone: digits, last4digits: digits.slice(-4), primary: setup.primary }, { bare: true, prefix: 'mfp' });
		return { body: { status: 'SUCCESS' } };
	}),
	forOperation('mfa', 'getPhones', (req, emu: BillEmulator) => {
		return { body: { results: userPhones(emu, req).map((p) => ({ type: p.type, last4digits: p.last4digits, primary: p.primary })) } };
	}),
	forOperation('mfa', 'generateChallenge', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		// Since 2026-03-30 `useBackup` is optional and may only be false (BILL changelog 2026-02-06: `true` → HTTP 400).
		if (b.useBackup !== undefined && b.useBackup !== false && b.useBackup !== 'false') return invalid('useBackup', b.useBackup);
		const phones = userPhones(emu, req).filter((p) => p.primary === true);
		if (phones.length === 0) {
			// [inferred] code: no phone registered (run MFA setup first).
			return bdcError(400, 'BDC_1354', 'MFA is not set up for this user. Add and validate a phone first.');
		}
		const limited = checkMessageLimit(emu, req);
		if (limited) return limited;
		const ch = emu.collection(req, 'mfa/challenges').insert({ _userId: req.auth.userId, _sessionId: req.auth.sessionId, _at: emu.nowMs(), used: false }, { bare: true, prefix: 'mfc' });
		return { body: { challengeId: ch.id } };
	}),
	forOperation('mfa', 'validateChallenge', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['challengeId', 'token']);
		if (miss) return miss;
		const challenges = emu.collection(req, 'mfa/challenges');
		const ch = challenges.get(String(b.challengeId));
		// Challenges belong to the user, are single-use and expire [inferred: after 10 minutes].
		if (!ch || ch._userId !== req.auth.userId || ch.used === true || emu.nowMs() - Number(ch._at) > 10 * 60_000) return invalid('challengeId', b.challengeId);
		if (String(b.token) !== MFA_CODE) return bdcError(400, 'BDC_1355', 'Invalid MFA token. Check the code sent to the phone and try again.');
		const rememberMe = b.rememberMe === true || b.rememberMe === 'true';
		if (rememberMe && isBlank(b.device)) return missing('device');
		challenges.update(ch.id, { used: true });
		const session = emu.getSession(req.auth.sessionId);
		if (session) session.trusted = true;
		if (!rememberMe) return { body: {} };
		const rememberMeId = `${emu.newId('rmb')}${Math.random().toString(36).slice(2, 10)}`;
		emu.config.mfaDevices.push({ rememberMeId, device: String(b.device), userId: req.auth.userId });
		state(emu).rememberMeIds.add(rememberMeId);
		return { body: { rememberMeId } };
	}),
	forOperation('mfa', 'stepUp', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['rememberMeId', 'device']);
		if (miss) return miss;
		const ok = emu.config.mfaDevices.some((d) => d.rememberMeId === b.rememberMeId && d.device === b.device && (!d.userId || d.userId === req.auth.userId));
		// [inferred] code: BILL's MFA family (third-party: BDC_1356 "MFA expired").
		if (!ok) return bdcError(400, 'BDC_1356', 'The MFA remember me ID and device are not valid for this user. Complete MFA sign-in again.');
		const session = emu.getSession(req.auth.sessionId);
		if (session) session.trusted = true;
		return { body: { trusted: true } };
	}),
];

/* ------------------------------------------------------------------ risk verification */

/** Time after which an initiated risk verification is complete [inferred: the emulator's choice]. */
export const RISK_REVIEW_MS = 5 * 60_000;

function riskRecord(emu: BillEmulator, req: EmuRequest): EmuRecord | undefined {
	return emu.collection(req, 'risk-verifications').get(String(req.auth.organizationId));
}

function riskView(emu: BillEmulator, rec: EmuRecord | undefined): Record<string, unknown> {
	if (!rec) return { processingStatus: 'NOT_STARTED', decision: 'UNDEFINED' };
	const done = emu.nowMs() - Number(rec._at) >= RISK_REVIEW_MS;
	return { processingStatus: done ? 'COMPLETED' : 'IN_PROGRESS', decision: done ? 'APPROVED' : 'HOLD', referenceId: rec.referenceId };
}

const riskHandlers: CustomHandler[] = [
	forOperation('riskVerification', 'get', (req, emu: BillEmulator) => ({ body: riskView(emu, riskRecord(emu, req)) })),
	forOperation('riskVerification', 'initiate', withGuard({
		guard: requireAdmin,
		handle(req, emu: BillEmulator) {
			const hasPhone = emu.collection(req, 'risk-verifications/phones').get(String(req.auth.userId)) !== undefined;
			// "You must add a phone number for the signed-in user before you can initiate risk verification." [inferred code]
			if (!hasPhone) return bdcError(400, BDC.missingParam.code, `${BDC.missingParam.message}phone. Add a phone for the signed-in user first.`);
			const existing = riskRecord(emu, req);
			if (existing) return { body: riskView(emu, existing) };
			const rec = emu
				.collection(req, 'risk-verifications')
				.insert({ referenceId: emu.newId('rvr'), _at: emu.nowMs() }, { bare: true, id: String(req.auth.organizationId) });
			state(emu).outbox.push({ kind: 'riskVerification', to: [String(emu.collection(req, 'users').get(String(req.auth.userId))?.email ?? '')], time: emu.now() });
			return { body: riskView(emu, rec) };
		},
	})),
	forOperation('riskVerification', 'getPhoneStatus', (req, emu: BillEmulator) => ({ body: { hasPhone: emu.collection(req, 'risk-verifications/phones').get(String(req.auth.userId)) !== undefined } })),
	forOperation('riskVerification', 'addPhone', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['phoneNumber', 'phoneType']);
		if (miss) return miss;
		const typeErr = checkEnum('phoneType', b.phoneType, ['MOBILE', 'WORK']);
		if (typeErr) return typeErr;
		const digits = String(b.phoneNumber).replace(/\D/g, '');
		if (digits.length < 10) return invalid('phoneNumber', b.phoneNumber);
		const phones = emu.collection(req, 'risk-verifications/phones');
		const id = String(req.auth.userId);
		if (phones.get(id)) phones.update(id, { phoneNumber: digits, phoneType: b.phoneType });
		else phones.insert({ phoneNumber: digits, phoneType: b.phoneType }, { bare: true, id });
		return { status: 200 };
	}),
];

/* ------------------------------------------------------------------ export */

export const handlers: CustomHandler[] = [
	...customerHandlers,
	...invoiceHandlers,
	...networkHandlers,
	...organizationHandlers,
	...userHandlers,
	...mfaHandlers,
	...riskHandlers,
];
