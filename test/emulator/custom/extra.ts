/**
 * Custom emulator handlers for the endpoints BILL added after the reference menu
 * (endpoints-extra.json `postmanOnly`): bill approvals (policies, bills pending the caller's
 * approval, approve / deny), credit memos and vendor credits (amounts from their lines, bulk),
 * recurring invoices, received payments, recording an AP payment made outside BILL, invoice
 * payment links and organization billing statements (exchange rates: international.ts).
 *
 * Bill approval policies apply to bills created or updated after the policy (BILL: approvals are
 * added when a bill is created or updated). The AP bill handlers live in connect-ap.ts; until they
 * call `applyApprovalPolicies()` on save, this module assigns approvers when a bill-approval
 * endpoint is called. Shapes follow BILL's Postman collection; codes BILL does not document are
 * marked [inferred].
 */
import { BDC, bdcError } from '../errors';
import type { BillEmulator } from '../server';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, EmuRequest, EmuResponse } from '../types';
import { arrayBody, atElement, bodyOf, byParam, changeRecord, DATE_RE, EMAIL_RE, forOperation, invalid, isBlank, isError, isObject, jsonObjectBody, jsonObjectOf, missing, num, refused, round2, view, withGuard, withRecord } from './common';
import type { Guard, Obj, RecordRef } from './common';
import { settlePayments } from './connect-ap';

const coll = (emu: BillEmulator, req: EmuRequest, name: string) => emu.collection(req, name);

export const EXTRA = {
	policies: 'bill-approvals/policies',
	creditMemos: 'credit-memos',
	vendorCredits: 'vendor-credits',
	recurringInvoices: 'recurring-invoices',
	receivedPayments: 'receivable-payments',
	statements: 'organizations/billing-statements',
} as const;

/* ------------------------------------------------------------------ bill approvals */

/** [inferred] BILL states no limit for the decisions of one request; 100 as its other bill batches. */
const DECISIONS_PER_REQUEST = 100;

const RULE_KEYS = ['BILL_AMOUNT', 'VENDOR_ID', 'CHART_OF_ACCOUNT_ID', 'LOCATION_ID', 'JOB_ID'];
const RULE_OPS = ['eq', 'gt', 'gte', 'lt', 'lte', 'in'];

/** Users of the caller's organization: configured ones and those created through the API. */
function orgUser(emu: BillEmulator, orgKey: string, userId: string): { id: string; fullName: string } | undefined {
	const rec = emu.store.collection('users', orgKey).get(userId);
	if (rec && rec.archived !== true) return { id: rec.id, fullName: `${String(rec.firstName ?? '')} ${String(rec.lastName ?? '')}`.trim() };
	const u = emu.config.users.find((x) => x.userId === userId && x.organizationIds.includes(orgKey));
	return u ? { id: u.userId, fullName: `${u.firstName ?? ''} ${u.lastName ?? ''}`.trim() || u.username } : undefined;
}

function checkPolicyBody(emu: BillEmulator, req: EmuRequest, b: Obj): EmuResponse | undefined {
	if (isBlank(b.policyName)) return missing('policyName');
	if (!Array.isArray(b.rules) || b.rules.length === 0) return missing('rules');
	for (const [i, r] of b.rules.entries()) {
		if (!isObject(r)) return invalid(`rules[${i}]`, r);
		if (!RULE_KEYS.includes(String(r.key))) return invalid(`rules[${i}].key`, r.key);
		if (!RULE_OPS.includes(String(r.op))) return invalid(`rules[${i}].op`, r.op);
		if (!Array.isArray(r.values) || r.values.length === 0) return missing(`rules[${i}].values`);
		if (r.key === 'BILL_AMOUNT' && r.values.some((v) => !Number.isFinite(Number(v)))) return invalid(`rules[${i}].values`, r.values);
		if (r.key === 'VENDOR_ID') {
			for (const v of r.values) if (!coll(emu, req, 'vendors').get(String(v))) return invalid(`rules[${i}].values`, v, 'No vendor with this ID');
		}
	}
	if (!Array.isArray(b.approvers) || b.approvers.length === 0) return missing('approvers');
	for (const [i, a] of b.approvers.entries()) {
		const id = String(a);
		if (id.startsWith('agp')) continue; // approval groups are made in the web app
		if (!orgUser(emu, emu.orgKeyOf(req), id)) return invalid(`approvers[${i}]`, a, 'No active user with this ID in the organization');
	}
	return undefined;
}

function policyData(emu: BillEmulator, req: EmuRequest, b: Obj): Obj {
	const orgKey = emu.orgKeyOf(req);
	const vendors = coll(emu, req, 'vendors');
	const rules = (b.rules as Obj[]).map((r) => ({
		key: r.key,
		op: r.op,
		values: (r.values as unknown[]).map((v) => ({ value: String(v), displayName: r.key === 'VENDOR_ID' ? String(vendors.get(String(v))?.name ?? v) : String(v) })),
	}));
	const ids = (b.approvers as unknown[]).map(String);
	return {
		policyName: b.policyName,
		status: 'ACTIVE',
		rules,
		approvers: {
			users: ids.filter((id) => !id.startsWith('agp')).map((id) => ({ userId: id, fullName: orgUser(emu, orgKey, id)?.fullName ?? id })),
			groups: ids.filter((id) => id.startsWith('agp')).map((id) => ({ groupName: id, groupId: id, users: [] })),
		},
		_approverIds: ids,
		_changedTime: emu.now(),
	};
}

/** Values a rule tests on a bill. */
function billValues(bill: Obj, key: string): string[] {
	const field = { CHART_OF_ACCOUNT_ID: 'chartOfAccountId', LOCATION_ID: 'locationId', JOB_ID: 'jobId' }[key];
	if (!field) return [];
	const out: string[] = [];
	const header = bill.classifications;
	if (isObject(header) && !isBlank(header[field])) out.push(String(header[field]));
	for (const l of (bill.billLineItems as Obj[]) ?? []) {
		if (isObject(l.classifications) && !isBlank(l.classifications[field])) out.push(String(l.classifications[field]));
	}
	return out;
}

function ruleMatches(bill: Obj, rule: Obj): boolean {
	const values = (rule.values as Obj[]).map((v) => String(v.value));
	const op = String(rule.op);
	const cmp = (a: number, b: number) => ({ eq: a === b, gt: a > b, gte: a >= b, lt: a < b, lte: a <= b, in: a === b })[op] ?? false;
	if (rule.key === 'BILL_AMOUNT') return values.some((v) => cmp(num(bill.amount), Number(v)));
	if (rule.key === 'VENDOR_ID') return values.includes(String(bill.vendorId));
	return billValues(bill, String(rule.key)).some((v) => values.includes(v));
}

/**
 * Gives bills created or updated after a policy the approvers of the first policy whose rules all
 * match (`approvalStatus` ASSIGNED). Call it after saving a bill; bill-approval endpoints call it too.
 */
export function applyApprovalPolicies(emu: BillEmulator, orgKey: string): void {
	const policies = emu.store.collection(EXTRA.policies, orgKey).list((p) => p.status === 'ACTIVE');
	if (policies.length === 0) return;
	for (const bill of emu.store.collection('bills', orgKey).list()) {
		if (bill.archived === true || (bill.approvalStatus !== undefined && bill.approvalStatus !== 'UNASSIGNED')) continue;
		if (Array.isArray(bill.approvers) && bill.approvers.length > 0) continue;
		if (bill.paymentStatus === 'PAID') continue;
		const policy = policies.find((p) => String(bill.updatedTime ?? bill.createdTime ?? '') >= String(p._changedTime) && (p.rules as Obj[]).every((r) => ruleMatches(bill, r)));
		if (!policy) continue;
		const now = emu.now();
		bill.approvers = (policy._approverIds as string[]).map((id, i) => ({
			...(id.startsWith('agp') ? { groupId: id } : { userId: id }),
			status: 'WAITING',
			approverOrder: i,
			statusChangedTime: now,
		}));
		bill.approvalStatus = 'ASSIGNED';
		bill._approvalPolicyId = policy.id;
	}
}

/** The approver whose turn it is on a bill (approvals are requested in order). */
function currentApprover(bill: Obj): Obj | undefined {
	if (bill.approvalStatus !== 'ASSIGNED' && bill.approvalStatus !== 'APPROVING') return undefined;
	return ((bill.approvers as Obj[]) ?? []).find((a) => a.status !== 'APPROVED');
}

function pendingFor(emu: BillEmulator, req: EmuRequest): EmuRecord[] {
	const orgKey = emu.orgKeyOf(req);
	applyApprovalPolicies(emu, orgKey);
	return coll(emu, req, 'bills').list((b) => b.archived !== true && currentApprover(b)?.userId === req.auth.userId && currentApprover(b)?.status === 'WAITING');
}

const approvalHandlers: CustomHandler[] = [
	forOperation('billApproval', 'getPending', (req, emu: BillEmulator) => ({
		body: { bills: pendingFor(emu, req).map((b) => ({ billId: b.id, vendorId: b.vendorId, amount: b.amount, dueDate: b.dueDate })) },
	})),
	forOperation('billApproval', 'approveOrDeny', (req, emu: BillEmulator) => {
		const els = arrayBody(req, DECISIONS_PER_REQUEST, 'bills');
		if (isError(els)) return els;
		const pending = new Map(pendingFor(emu, req).map((b) => [b.id, b]));
		const bills = coll(emu, req, 'bills');
		// All or nothing: every decision is checked before any is applied.
		const seen = new Set<string>();
		for (const [i, el] of els.entries()) {
			if (!isObject(el)) return invalid(`[${i}]`, el);
			if (isBlank(el.billId)) return missing(`[${i}].billId`);
			if (isBlank(el.action)) return missing(`[${i}].action`);
			if (el.action !== 'APPROVE' && el.action !== 'DENY') return invalid(`[${i}].action`, el.action);
			const id = String(el.billId);
			if (!bills.get(id)) return invalid(`[${i}].billId`, id, 'No bill with this ID');
			if (!pending.has(id) || seen.has(id)) return refused(`Bill ${id} is not pending approval by the signed-in user.`);
			seen.add(id);
		}
		const now = emu.now();
		for (const el of els as Obj[]) {
			const bill = pending.get(String(el.billId))!;
			const approver = currentApprover(bill)!;
			approver.status = el.action === 'APPROVE' ? 'APPROVED' : 'DENIED';
			approver.statusChangedTime = now;
			const all = (bill.approvers as Obj[]) ?? [];
			bill.approvalStatus = el.action === 'DENY' ? 'DENIED' : all.every((a) => a.status === 'APPROVED') ? 'APPROVED' : 'APPROVING';
			bill._approvalHistory = [...((bill._approvalHistory as unknown[]) ?? []), { userId: req.auth.userId, action: el.action, comment: el.comment ?? null, time: now }];
			bill.updatedTime = now;
		}
		return { body: { status: 'SUCCESS' } };
	}),
	forOperation('billApproval', 'getPolicies', (req, emu: BillEmulator) => ({ body: coll(emu, req, EXTRA.policies).list().map((p) => view(emu, p)) })),
	forOperation('billApproval', 'createPolicy', (req, emu: BillEmulator) => {
		const b = jsonObjectOf(req);
		if (isError(b)) return b;
		const bad = checkPolicyBody(emu, req, b);
		if (bad) return bad;
		const policies = coll(emu, req, EXTRA.policies);
		if (policies.find((p) => String(p.policyName).toLowerCase() === String(b.policyName).toLowerCase())) {
			return invalid('policyName', b.policyName, 'A policy with this name exists');
		}
		// BILL: policy IDs are in the {organization_id}-{unique_id} format.
		const id = `${emu.orgKeyOf(req)}-${policies.size + 1}${Date.now().toString(36).slice(-4)}`;
		const rec = policies.insert(policyData(emu, req, b), { bare: true, id });
		return { status: 201, body: view(emu, rec) };
	}),
	forOperation('billApproval', 'updatePolicy', changeRecord({
		find: byParam(EXTRA.policies, 'policyId'),
		mode: 'replace',
		change(req, emu: BillEmulator) {
			const b = bodyOf(req);
			return checkPolicyBody(emu, req, b) ?? policyData(emu, req, b);
		},
	})),
];

/* ------------------------------------------------------------------ documents with lines: credit memos, vendor credits, recurring invoices */

interface LineDoc {
	collection: string;
	linesKey: string;
	/** The counterparty field and its collection (customers / vendors). */
	party: { field: string; collection: string };
	linePrefix: string;
	/** ID prefix of the documents (BILL's reference; default: the emulator's prefix map). */
	idPrefix?: string;
	/** Line amounts in order, from price × quantity or a percentage of the lines above. */
	compute(doc: Obj): void;
	dateFields: string[];
	requiredOnCreate: string[];
	check?(b: Obj, creating: boolean): EmuResponse | undefined;
}

/** Amounts of lines priced by quantity × price or by ratePercent of the lines above (invoices, credit memos). */
// [inferred] A 0 rate or price counts as not set (forms send 0 for number fields left alone).
const isSet = (v: unknown) => !isBlank(v) && Number(v) !== 0;

function pricedLines(lines: Obj[]): void {
	let above = 0;
	for (const l of lines) {
		if (isSet(l.ratePercent)) l.amount = round2((num(Number(l.ratePercent)) / 100) * above);
		else if (isSet(l.price)) l.amount = round2(num(Number(isSet(l.quantity) ? l.quantity : 1)) * num(Number(l.price)));
		else l.amount = round2(num(Number(l.amount)));
		above = round2(above + num(l.amount));
	}
}

/** BILL documents up to 50 objects per bulk create of credit memos and vendor credits; [inferred] the same for their bulk updates. */
const DOCS_PER_BULK = 50;

const creditStatus = (amount: number, applied: number) => (applied <= 0 ? 'NOT_APPLIED' : applied >= amount ? 'FULLY_APPLIED' : 'PARTIALLY_APPLIED');

const creditMemoDoc: LineDoc = {
	collection: EXTRA.creditMemos,
	linesKey: 'creditMemoLineItems',
	party: { field: 'customerId', collection: 'customers' },
	linePrefix: '0cl',
	idPrefix: 'ccr',
	dateFields: ['creditDate'],
	requiredOnCreate: ['customerId', 'referenceNumber', 'creditDate', 'creditMemoLineItems'],
	check(b) {
		for (const [i, l] of ((b.creditMemoLineItems as Obj[]) ?? []).entries()) {
			if (isSet(l.price) && isSet(l.ratePercent)) return invalid(`creditMemoLineItems[${i}]`, l, 'Set price or ratePercent, not both');
		}
		if (!isBlank(b.payToChartOfAccountId) && !isBlank(b.payToBankAccountId)) return invalid('payToBankAccountId', b.payToBankAccountId, 'Set payToChartOfAccountId or payToBankAccountId, not both');
		return undefined;
	},
	compute(doc) {
		const lines = (doc.creditMemoLineItems as Obj[]) ?? [];
		pricedLines(lines);
		doc.amount = round2(lines.reduce((s, l) => s + num(l.amount), 0));
		doc.appliedAmount = num(doc.appliedAmount);
		doc.salesTaxTotal = num(doc.salesTaxTotal);
		doc.status = creditStatus(num(doc.amount), num(doc.appliedAmount));
	},
};

const vendorCreditDoc: LineDoc = {
	collection: EXTRA.vendorCredits,
	linesKey: 'vendorCreditLineItems',
	party: { field: 'vendorId', collection: 'vendors' },
	linePrefix: '0vl',
	idPrefix: 'vcr',
	dateFields: ['creditDate'],
	requiredOnCreate: ['vendorId', 'referenceNumber', 'creditDate', 'vendorCreditLineItems'],
	check(b) {
		for (const [i, l] of ((b.vendorCreditLineItems as Obj[]) ?? []).entries()) {
			if (isBlank(l.amount)) return missing(`vendorCreditLineItems[${i}].amount`);
		}
		if (!isBlank(b.applyToChartOfAccountId) && !isBlank(b.applyToBankAccountId)) return invalid('applyToBankAccountId', b.applyToBankAccountId, 'Set one of applyToChartOfAccountId and applyToBankAccountId');
		return undefined;
	},
	compute(doc) {
		const lines = (doc.vendorCreditLineItems as Obj[]) ?? [];
		for (const l of lines) l.amount = round2(num(Number(l.amount)));
		doc.amount = round2(lines.reduce((s, l) => s + num(l.amount), 0));
		doc.appliedAmount = num(doc.appliedAmount);
		doc.status = creditStatus(num(doc.amount), num(doc.appliedAmount));
	},
};

const SCHEDULE_PERIODS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

const recurringInvoiceDoc: LineDoc = {
	collection: EXTRA.recurringInvoices,
	linesKey: 'recurringInvoiceLineItems',
	party: { field: 'customerId', collection: 'customers' },
	linePrefix: '0rl',
	dateFields: [],
	requiredOnCreate: ['customerId', 'schedule', 'recurringInvoiceLineItems'],
	check(b, creating) {
		if (b.schedule !== undefined) {
			if (!isObject(b.schedule)) return invalid('schedule', b.schedule);
			const s = b.schedule;
			if (creating || s.period !== undefined) {
				if (!SCHEDULE_PERIODS.includes(String(s.period))) return invalid('schedule.period', s.period);
			}
			if (s.frequency !== undefined && (!Number.isInteger(Number(s.frequency)) || Number(s.frequency) < 1)) return invalid('schedule.frequency', s.frequency);
			if (creating && isBlank(s.nextDueDate)) return missing('schedule.nextDueDate');
			for (const k of ['nextDueDate', 'endDate']) if (!isBlank(s[k]) && !DATE_RE.test(String(s[k]))) return invalid(`schedule.${k}`, s[k]);
			if (!isBlank(s.endDate) && !isBlank(s.nextDueDate) && String(s.endDate) < String(s.nextDueDate)) return invalid('schedule.endDate', s.endDate, 'The end date is before the next due date');
		}
		return undefined;
	},
	compute(doc) {
		pricedLines((doc.recurringInvoiceLineItems as Obj[]) ?? []);
		if (doc.sendEmail === undefined) doc.sendEmail = false;
		if (isObject(doc.schedule) && doc.schedule.frequency === undefined) doc.schedule.frequency = 1;
	},
};

/** Merges lines the BILL way: PATCH changes the lines it names by ID and adds the others; PUT keeps only the lines it lists. */
function mergeLines(emu: BillEmulator, d: LineDoc, input: unknown, existing: Obj[] | undefined, mode: 'create' | 'replace' | 'update'): Obj[] | EmuResponse {
	if (!Array.isArray(input)) return invalid(d.linesKey, input);
	const current = (existing ?? []).map((l) => ({ ...l }));
	const out: Obj[] = mode === 'update' ? current : [];
	for (const [i, raw] of input.entries()) {
		if (!isObject(raw)) return invalid(`${d.linesKey}[${i}]`, raw);
		if (!isBlank(raw.id)) {
			if (mode === 'create') return invalid(`${d.linesKey}[${i}].id`, raw.id, 'New lines have no ID');
			const old = current.find((l) => l.id === raw.id);
			if (!old) return invalid(`${d.linesKey}[${i}].id`, raw.id, 'No line with this ID');
			const merged = { ...old, ...raw };
			if (mode === 'update') Object.assign(old, raw);
			else out.push(merged);
		} else {
			out.push({ ...raw, id: emu.newId(d.linePrefix) });
		}
	}
	return out;
}

/** Validates one document body and returns the fields to store (with merged lines). */
function docData(emu: BillEmulator, req: EmuRequest, d: LineDoc, b: Obj, mode: 'create' | 'replace' | 'update', existing?: EmuRecord): Obj | EmuResponse {
	if (mode !== 'update') for (const f of d.requiredOnCreate) if (isBlank(b[f])) return missing(f);
	const party = b[d.party.field];
	if (party !== undefined) {
		const rec = coll(emu, req, d.party.collection).get(String(party));
		if (!rec) return invalid(d.party.field, party, `No ${d.party.collection.replace(/s$/, '')} with this ID`);
		if (rec.archived === true) return refused(`${d.party.field} ${String(party)} is archived. Restore it first.`);
	}
	for (const f of d.dateFields) if (b[f] !== undefined && !DATE_RE.test(String(b[f]))) return invalid(f, b[f]);
	const bad = d.check?.(b, mode === 'create');
	if (bad) return bad;
	const data: Obj = { ...b };
	delete data.id;
	if (b[d.linesKey] !== undefined) {
		const lines = mergeLines(emu, d, b[d.linesKey], existing?.[d.linesKey] as Obj[] | undefined, mode);
		if (isError(lines)) return lines;
		if (lines.length === 0) return missing(d.linesKey);
		data[d.linesKey] = lines;
	}
	return data;
}

/** The document to store, amounts computed: new, PUT (replace, keeping BILL's own fields) or PATCH of `existing`. */
function nextDoc(d: LineDoc, data: Obj, mode: 'create' | 'replace' | 'update', existing?: EmuRecord): Obj {
	let next: Obj;
	if (mode === 'create') next = { ...data };
	else if (mode === 'replace') next = { appliedAmount: existing!.appliedAmount, archived: existing!.archived, ...data };
	else next = { ...JSON.parse(JSON.stringify(existing)), ...data };
	if (isObject(existing?.schedule) && isObject(data.schedule) && mode === 'update') next.schedule = { ...existing!.schedule, ...data.schedule };
	d.compute(next);
	return next;
}

/** Saves a document: insert, PUT or PATCH (see nextDoc). */
function saveDoc(emu: BillEmulator, req: EmuRequest, d: LineDoc, data: Obj, mode: 'create' | 'replace' | 'update', existing?: EmuRecord): EmuRecord {
	const c = coll(emu, req, d.collection);
	const next = nextDoc(d, data, mode, existing);
	if (mode === 'create') return c.insert(next, d.idPrefix ? { prefix: d.idPrefix } : {});
	return mode === 'replace' ? c.replace(existing!.id, next)! : c.update(existing!.id, next)!;
}

/** The handlers of a document resource: create, replace, update and, with `bulkKey` (BILL's key of the bulk answers), their bulk forms. */
function docHandlers(d: LineDoc, resource: string, idParam: string, bulkKey?: string): CustomHandler[] {
	const out: CustomHandler[] = [
		forOperation(resource, 'create', (req, emu: BillEmulator) => {
			const b = jsonObjectOf(req);
			if (isError(b)) return b;
			const data = docData(emu, req, d, b, 'create');
			if (isError(data)) return data;
			return { status: 201, body: emu.view(saveDoc(emu, req, d, data, 'create')) };
		}),
		...(['replace', 'update'] as const).map(
			(mode): CustomHandler =>
				forOperation(resource, mode, changeRecord({
					guard: jsonObjectBody,
					find: byParam(d.collection, idParam),
					mode,
					change(req, emu: BillEmulator, existing) {
						const data = docData(emu, req, d, bodyOf(req), mode, existing);
						return isError(data) ? data : nextDoc(d, data, mode, existing);
					},
				})),
		),
	];
	if (!bulkKey) return out;
	const bulk = (mode: 'create' | 'replace' | 'update'): CustomHandler =>
		forOperation(resource, `${mode}Many`, (req, emu: BillEmulator) => {
			const els = arrayBody(req, DOCS_PER_BULK, 'objects');
			if (isError(els)) return els;
			const c = coll(emu, req, d.collection);
			// All or nothing: validate every element first.
			const plans: Array<{ data: Obj; existing?: EmuRecord }> = [];
			for (const [i, el] of els.entries()) {
				if (!isObject(el)) return invalid(`[${i}]`, el);
				let existing: EmuRecord | undefined;
				if (mode !== 'create') {
					if (isBlank(el.id)) return missing(`[${i}].id`);
					existing = c.get(String(el.id));
					if (!existing) return invalid(`[${i}].id`, el.id, 'No object with this ID');
				}
				const data = docData(emu, req, d, el, mode, existing);
				if (isError(data)) return atElement(i, data);
				plans.push({ data, existing });
			}
			const saved = plans.map((p) => emu.view(saveDoc(emu, req, d, p.data, mode, p.existing)));
			return { status: mode === 'create' ? 201 : 200, body: { [bulkKey]: saved } };
		});
	return [...out, bulk('create'), bulk('replace'), bulk('update')];
}

/* ------------------------------------------------------------------ received payments */

/** A payment recorded or received from a customer, in BILL's received-payment shape. */
function receivedPaymentView(rec: EmuRecord): Obj {
	const invoices = (rec.invoices as Obj[]) ?? [];
	const invoicePayments = (rec.invoicePayments as Obj[]) ??
		invoices.map((i) => {
			const pays = (i.payments as Obj[]) ?? [];
			const last = pays[pays.length - 1] ?? {};
			return { invoiceId: i.id, amount: num(last.amount), paymentDate: last.date ?? rec.paymentDate };
		});
	return {
		amount: rec.amount,
		id: rec.id,
		customerId: rec.customerId,
		invoicePayments,
		description: rec.description ?? null,
		paymentDate: rec.paymentDate,
		fundingAccount: rec.fundingAccount ?? null,
		receivablesAccount: rec.receivablesAccount ?? null,
		unappliedAmount: num(rec.unappliedAmount),
		convenienceFeeAmount: num(rec.convenienceFeeAmount),
		receivablesType: rec.receivablesType ?? rec.paymentType ?? 'OTHER',
		status: rec.status ?? 'PAID',
		referenceNumber: rec.referenceNumber ?? null,
		onlinePayment: rec.onlinePayment === true,
		createdTime: rec.createdTime,
		updatedTime: rec.updatedTime,
	};
}

const receivedPaymentHandlers: CustomHandler[] = [
	forOperation('receivablePayment', 'getAll', (req, emu: BillEmulator) => {
		const views = coll(emu, req, EXTRA.receivedPayments)
			.list()
			.map((r) => receivedPaymentView(r) as EmuRecord);
		return emu.listResponse(req, views);
	}),
	forOperation('receivablePayment', 'get', withRecord({
		find: byParam(EXTRA.receivedPayments, 'receivedPaymentId'),
		handle: (_req, _emu, rec) => ({ body: receivedPaymentView(rec) }) })),
];

/* ------------------------------------------------------------------ AP payment recorded outside BILL */

function recordApPayment(req: EmuRequest, emu: BillEmulator): EmuResponse {
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
		toPrintCheck: b.toPrintCheck === true,
		classifications: {},
		syncReference: null,
		allowExport: true,
	});
	return { body: emu.view(rec) };
}

/* ------------------------------------------------------------------ invoice payment link, statements */

function paymentLink(req: EmuRequest, _emu: BillEmulator, inv: EmuRecord): EmuResponse {
	const b = bodyOf(req);
	for (const f of ['customerId', 'email']) if (isBlank(b[f])) return missing(f);
	if (b.customerId !== inv.customerId) return invalid('customerId', b.customerId, `The invoice belongs to customer ${String(inv.customerId)}`);
	if (!EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
	if (inv.archived === true) return refused(`Invoice ${inv.id} is archived.`);
	const token = Buffer.from(`${inv.id}:${String(b.email)}`).toString('base64url');
	return { body: { paymentLink: `https://app-emulator.bill.invalid/p/${token}${isBlank(b.returnUrl) ? '' : `?returnUrl=${encodeURIComponent(String(b.returnUrl))}`}` } };
}

/** Three monthly statements for each organization (the months before the emulator's clock). */
function ensureStatements(emu: BillEmulator, orgId: string): Collection {
	const c = emu.store.collection(EXTRA.statements, orgId);
	if (c.size > 0) return c;
	const now = new Date(emu.nowMs());
	for (let k = 3; k >= 1; k--) {
		const start = new Date(Date.UTC(now.getUTCFullYear(),
		now.getUTCMonth() - k,
		1));
		const end = new Date(Date.UTC(now.getUTCFullYear(),
		now.getUTCMonth() - k + 1,
		0));
		const invoiceDate = new Date(end.getTime() + 86400000).toISOString().slice(0, 10);
		const amount = 45 + 10 * k;
		c.insert(
			{
				amount,
		billingPeriod: { startDate: start.toISOString().slice(0, 10), endDate: end.toISOString().slice(0, 10) },
		description: `BILL subscription ${start.toISOString().slice(0, 7)}`,
		invoiceDate,
		invoiceNumber: `BS-${start.toISOString().slice(0, 7).replace('-', '')}`,
		paymentStatus: k === 1 ? 'UNPAID' : 'PAID',
		paymentDate: k === 1 ? null : invoiceDate,
		_statementDetails: [
					{ quantity: 1, description: 'Monthly subscription', type: 'SUBSCRIPTION', amount: 45 },
					{ quantity: k, description: 'ACH payments', type: 'TRANSACTION_FEE', amount: 10 * k },
				],
		_scope: { organizationId: orgId },
		},
			{ bare: true,
		prefix: '0bs' },
		);
	}
	return c;
}

/** Only the caller's own organization's statements are visible. */
const callerOrg: Guard = (_emu, req) => (req.params.organizationId === req.auth.organizationId ? undefined : bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message));

const STATEMENT: RecordRef = {
	collection: EXTRA.statements,
	find: (emu: BillEmulator, req) => ensureStatements(emu, req.params.organizationId).get(req.params.billingStatementId),
};

const statementHandlers: CustomHandler[] = [
	forOperation('organization', 'getBillingStatements', withGuard({
		guard: callerOrg,
		handle(req, emu: BillEmulator) {
			for (const k of ['invoiceDateFrom', 'invoiceDateTo']) if (req.query[k] !== undefined && !DATE_RE.test(req.query[k])) return invalid(k, req.query[k]);
			const from = req.query.invoiceDateFrom ?? '0000-00-00';
			const to = req.query.invoiceDateTo ?? '9999-99-99';
			const records = ensureStatements(emu, req.params.organizationId).list((s) => String(s.invoiceDate) >= from && String(s.invoiceDate) <= to);
			return emu.listResponse(req, records);
		},
	})),
	forOperation('organization', 'getBillingStatement', withRecord({
		guard: callerOrg,
		find: STATEMENT,
		handle(req, emu: BillEmulator, s) {
			const details = (s._statementDetails as Obj[]) ?? [];
			const csv = ['quantity,description,type,amount', ...details.map((x) => `${String(x.quantity)},${String(x.description)},${String(x.type)},${String(x.amount)}`)].join('\n');
			const orgKey = emu.orgKeyOf(req);
			return {
				body: {
					...emu.view(s),
					downloadLink: {
						csv: emu.addDownload(Buffer.from(csv), `${String(s.invoiceNumber)}.csv`, 'text/csv', orgKey),
						pdf: emu.addDownload(Buffer.from(`%PDF-1.4\n% BILL statement ${String(s.invoiceNumber)}\n`), `${String(s.invoiceNumber)}.pdf`, 'application/pdf', orgKey),
					},
					statementDetails: details,
				},
			};
		},
	})),
];

/* ------------------------------------------------------------------ export */

export const handlers: CustomHandler[] = [
	...approvalHandlers,
	...docHandlers(creditMemoDoc, 'creditMemo', 'creditMemoId', 'creditMemos'),
	...docHandlers(vendorCreditDoc, 'vendorCredit', 'vendorCreditId', 'vendorCredits'),
	...docHandlers(recurringInvoiceDoc, 'recurringInvoice', 'recurringInvoiceId'),
	...receivedPaymentHandlers,
	forOperation('bill', 'recordPayment', recordApPayment),
	forOperation('invoice', 'getPaymentLink', withRecord({ find: byParam('invoices', 'invoiceId'), handle: paymentLink })),
	...statementHandlers,
];
