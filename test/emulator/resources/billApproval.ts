/**
 * Bill approvals (BILL resource `billApproval`): policies, bills pending the caller's approval,
 * approve / deny. Policies apply to bills created or updated after the policy.
 */
import { coll, EXTRA } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { arrayBody, bodyOf, byParam, changeRecord, forEndpoint, invalid, isBlank, isError, isObject, jsonObjectOf, missing, num, refused, view } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';

/* ------------------------------------------------------------------ bill approvals */

/** [inferred] BILL states no limit for the decisions of one request; 100 as its other bill batches. */
const DECISIONS_PER_REQUEST = 100;

const RULE_KEYS = ['BILL_AMOUNT', 'VENDOR_ID', 'CHART_OF_ACCOUNT_ID', 'LOCATION_ID', 'JOB_ID'];
const RULE_OPS = ['eq', 'gt', 'gte', 'lt', 'lte', 'in'];

/** Users of the caller's organization: configured ones and those created through the API. */
function orgUser(emu: Emulator, orgKey: string, userId: string): { id: string; fullName: string } | undefined {
	const rec = emu.store.collection('users', orgKey).get(userId);
	if (rec && rec.archived !== true) return { id: rec.id, fullName: `${String(rec.firstName ?? '')} ${String(rec.lastName ?? '')}`.trim() };
	const u = emu.config.users.find((x) => x.userId === userId && x.organizationIds.includes(orgKey));
	return u ? { id: u.userId, fullName: `${u.firstName ?? ''} ${u.lastName ?? ''}`.trim() || u.username } : undefined;
}

function checkPolicyBody(emu: Emulator, req: EmuRequest, b: Obj): EmuResponse | undefined {
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

function policyData(emu: Emulator, req: EmuRequest, b: Obj): Obj {
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
export function applyApprovalPolicies(emu: Emulator, orgKey: string): void {
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

function pendingFor(emu: Emulator, req: EmuRequest): EmuRecord[] {
	const orgKey = emu.orgKeyOf(req);
	applyApprovalPolicies(emu, orgKey);
	return coll(emu, req, 'bills').list((b) => b.archived !== true && currentApprover(b)?.userId === req.auth.userId && currentApprover(b)?.status === 'WAITING');
}

const approvalHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/bill-approvals/pending-user-approvals', (req, emu: Emulator) => ({
		body: { bills: pendingFor(emu, req).map((b) => ({ billId: b.id, vendorId: b.vendorId, amount: b.amount, dueDate: b.dueDate })) },
	})),
	forEndpoint('POST /v3/bill-approvals/actions', (req, emu: Emulator) => {
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
	forEndpoint('GET /v3/bill-approvals/policies', (req, emu: Emulator) => ({ body: coll(emu, req, EXTRA.policies).list().map((p) => view(emu, p)) })),
	forEndpoint('POST /v3/bill-approvals/policies', (req, emu: Emulator) => {
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
	forEndpoint('PUT /v3/bill-approvals/policies/{policyId}', changeRecord({
		find: byParam(EXTRA.policies, 'policyId'),
		mode: 'replace',
		change(req, emu: Emulator) {
			const b = bodyOf(req);
			return checkPolicyBody(emu, req, b) ?? policyData(emu, req, b);
		},
	})),
];

export const handlers: CustomHandler[] = [
	...approvalHandlers,
];
