/**
 * Spend & Expense reimbursements (BILL resource `reimbursement`): upload URL, approve / deny, receipts.
 */
import { randomUUID } from 'crypto';
import { bySpend, findSpend, insertSpend, listHandler, SPEND, spendColl, state } from '../family/spend';
import { bodyOf, changeRecord, DATE_RE, forEndpoint, invalid, isBlank, isError, isObject, missing, notFound, pickDefined, round2, view, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { resolveCustomFields } from './customField';
import { requireAdmin, tokenOwner } from './spendUser';

/* ------------------------------------------------------------------ reimbursements */

export function uploadUrl(emu: Emulator, kind: string): string {
	const url = `https://bill-emulator-uploads.invalid/${kind}/${randomUUID()}?X-Amz-Expires=900&X-Amz-Signature=${randomUUID().replace(/-/g, '')}`;
	state(emu).uploadUrls.add(url);
	return url;
}

function checkReceipt(r: unknown, i: number, needName: boolean): EmuResponse | undefined {
	if (!isObject(r) || isBlank(r.url)) return missing(`receipts[${i}].url`);
	if (needName && isBlank(r.filename)) return missing(`receipts[${i}].filename`);
	if (!/^https?:\/\//.test(String(r.url))) return invalid(`receipts[${i}].url`, r.url);
	return undefined;
}

const receiptOf = (r: Record<string, unknown>) => ({
	filename: r.filename ?? decodeURIComponent(String(r.url).split('?')[0].split('/').pop() ?? 'receipt'),
	url: String(r.url).split('?')[0],
	uuid: randomUUID(),
});

/** Adds the request's receipt to a reimbursement or transaction (`needName`: the filename is required). */
export function addReceipt(req: EmuRequest, rec: EmuRecord, needName: boolean): EmuResponse {
	const bad = checkReceipt(req.body, 0, needName);
	if (bad) return bad;
	const receipt = receiptOf(bodyOf(req));
	rec.receipts = [...((rec.receipts as unknown[]) ?? []), receipt];
	return { body: receipt };
}

/** Removes the receipt the path names (`receiptId`, its UUID); 404 when the record has none such. */
export function removeReceipt(req: EmuRequest, rec: EmuRecord): EmuResponse {
	const receipts = (rec.receipts as Array<Record<string, unknown>>) ?? [];
	if (!receipts.some((r) => r.uuid === req.params.receiptId)) return notFound();
	rec.receipts = receipts.filter((r) => r.uuid !== req.params.receiptId);
	return { status: 200 };
}

const REIMBURSEMENT_OPEN = 'AWAITING_APPROVAL'; // [inferred] status of a submitted reimbursement
/** Statuses after a decision: the request can no longer change or be decided again [inferred]. */
const REIMBURSEMENT_DECIDED = ['APPROVED', 'DENIED', 'READY_TO_PAY', 'PAID', 'PAYMENT_FAILED', 'ARCHIVED'];

function reimbursementFields(emu: Emulator, req: EmuRequest, b: Record<string, unknown>): Record<string, unknown> | EmuResponse {
	const out: Record<string, unknown> = {};
	if (b.userId !== undefined) {
		const user = findSpend(spendColl(emu, req, SPEND.users), b.userId);
		if (!user) return invalid('userId', b.userId);
		out.userId = user.id;
		out.userUuid = user.uuid;
	}
	if (b.budgetId !== undefined) {
		const budget = findSpend(spendColl(emu, req, SPEND.budgets), b.budgetId);
		if (!budget) return invalid('budgetId', b.budgetId);
		out.budgetId = budget.id;
		out.budgetUuid = budget.uuid;
	}
	if (b.amount !== undefined) {
		const a = Number(b.amount);
		if (!Number.isFinite(a) || a <= 0) return invalid('amount', b.amount);
		out.amount = round2(a);
	}
	if (b.occurredDate !== undefined) {
		if (!DATE_RE.test(String(b.occurredDate))) return invalid('occurredDate', b.occurredDate);
		out.occurredDate = b.occurredDate;
	}
	pickDefined(b, ['note', 'merchantName'], out);
	if (b.receipts !== undefined) {
		if (!Array.isArray(b.receipts) || b.receipts.length === 0) return missing('receipts');
		for (const [i, r] of b.receipts.entries()) {
			const bad = checkReceipt(r, i, true);
			if (bad) return bad;
		}
		out.receipts = (b.receipts as Array<Record<string, unknown>>).map(receiptOf);
	}
	if (b.customFields !== undefined) {
		const cfs = resolveCustomFields(emu, req, b.customFields);
		if (!Array.isArray(cfs)) return cfs;
		out.customFields = cfs;
	}
	return out;
}

const REIMBURSEMENT = bySpend(SPEND.reimbursements, 'reimbursementId');

export const reimbursementHandlers: CustomHandler[] = [
	listHandler('GET /v3/spend/reimbursements', SPEND.reimbursements, 'reimbursementIds', { userId: SPEND.users, budgetId: SPEND.budgets }),
	forEndpoint('POST /v3/spend/reimbursements/image-upload-url', (_req, emu: Emulator) => ({ body: { url: uploadUrl(emu, 'reimbursements') } })),
	forEndpoint('POST /v3/spend/reimbursements', (req, emu: Emulator) => {
		const b = bodyOf(req);
		for (const f of ['userId', 'budgetId', 'amount', 'note', 'merchantName', 'occurredDate', 'receipts']) if (isBlank(b[f])) return missing(f);
		const fields = reimbursementFields(emu, req, b);
		if (isError(fields)) return fields;
		const now = emu.now();
		const owner = tokenOwner(emu, req);
		const rec = insertSpend(emu, req, SPEND.reimbursements, {
			amount: 0,
			fulfillmentType: 'ACH',
			fundRequestAmount: null,
			fundRequestBudgetAmount: null,
			merchantName: null,
			note: null,
			submittedTime: now,
			occurredDate: null,
			retired: false,
			status: REIMBURSEMENT_OPEN,
			type: 'OUT_OF_POCKET',
			batchId: null,
			batchAmount: null,
			statusHistory: [{ actorId: owner?.id ?? null, actorRole: 'SUBMITTER', occurredTime: now, note: b.note, status: REIMBURSEMENT_OPEN }],
			budgetId: null,
			budgetUuid: null,
			userId: null,
			userUuid: null,
			receipts: [],
			customFields: [],
			...fields,
		});
		return { body: view(emu, rec) };
	}),
	forEndpoint('PATCH /v3/spend/reimbursements/{reimbursementId}', changeRecord({
		find: REIMBURSEMENT,
		mode: 'update',
		change(req, emu: Emulator, rec) {
			if (REIMBURSEMENT_DECIDED.includes(String(rec.status))) return invalid('reimbursementId', `${rec.id} (status ${String(rec.status)} cannot change)`);
			return reimbursementFields(emu, req, bodyOf(req));
		},
	})),
	forEndpoint('POST /v3/spend/reimbursements/{reimbursementId}/action', changeRecord({
		guard: requireAdmin,
		find: REIMBURSEMENT,
		mode: 'update',
		change(req, emu: Emulator, rec) {
			const b = bodyOf(req);
			if (isBlank(b.action)) return missing('action');
			if (b.action !== 'APPROVE' && b.action !== 'DENY') return invalid('action', b.action);
			if (REIMBURSEMENT_DECIDED.includes(String(rec.status))) return invalid('reimbursementId', `${rec.id} (already ${String(rec.status)})`);
			const status = b.action === 'APPROVE' ? 'APPROVED' : 'DENIED';
			const history = [
				...((rec.statusHistory as unknown[]) ?? []),
				{ actorId: tokenOwner(emu, req)?.id ?? null, actorRole: 'ADMIN', occurredTime: emu.now(), note: b.note ?? null, status },
			];
			return { status, statusHistory: history };
		},
	})),
	forEndpoint('POST /v3/spend/reimbursements/{reimbursementId}/receipts', withRecord({ find: REIMBURSEMENT, handle: (req, _emu, rec) => addReceipt(req, rec, true) })),
	forEndpoint('DELETE /v3/spend/reimbursements/{reimbursementId}/receipts/{receiptId}', withRecord({ find: REIMBURSEMENT, handle: (req, _emu, rec) => removeReceipt(req, rec) })),
];

export const handlers: CustomHandler[] = [
	...reimbursementHandlers,
];
