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
import { BDC, bdcError } from '../errors';
import type { BillEmulator } from '../server';
import type { EmuRecord } from '../store';
import type { CustomHandler, EmuRequest } from '../types';
import { notifyChange, scheduleBackground } from '../webhooks/delivery';
import { checkPaymentBatch, checkPaymentLine, payLines, type PaymentBatch } from './connect-ap';
import { forOperation, isError, notFound, num, perEmulator, today } from './common';
import type { Obj } from './common';

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

function announce(emu: BillEmulator, req: EmuRequest, rec: EmuRecord): void {
	notifyChange(emu, { entity: 'mass-payment', action: 'updated', object: summary(rec), organizationId: emu.orgKeyOf(req), flat: true, entityId: rec.id });
}

/** Pays or fails every bill of a batch whose time has come, then marks it COMPLETED and announces it. */
function processBatch(emu: BillEmulator, batchId: string): void {
	const req = callers(emu).get(batchId);
	const rec = req ? emu.collection(req, MASS).get(batchId) : undefined;
	if (!req || !rec || rec.batchStatus !== 'SCHEDULED' || emu.nowMs() < num(rec._dueMs)) return;
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
}

export const handlers: CustomHandler[] = [
	forOperation('payment', 'createMass', (req, emu: BillEmulator) => {
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
		scheduleBackground(emu, delay, () => processBatch(emu, rec.id));
		return { status: 201, body: summary(rec) };
	}),
	forOperation('payment', 'getMass', (req, emu: BillEmulator) => {
		processBatch(emu, req.params.paymentBatchId);
		const rec = emu.collection(req, MASS).get(req.params.paymentBatchId);
		if (!rec) return notFound();
		return { body: { ...summary(rec), payments: rec.payments } };
	}),
];

/** Batches are wiped with the store on reset; so are their callers. */
export function seed(emu: BillEmulator): void {
	callers(emu).clear();
}
