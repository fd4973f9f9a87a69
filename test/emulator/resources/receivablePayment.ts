/**
 * Received payments (BILL resource `receivablePayment`).
 */
import { coll, EXTRA } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { byParam, forEndpoint, num, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator } from '../types';

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
	forEndpoint('GET /v3/receivable-payments', (req, emu: Emulator) => {
		const views = coll(emu, req, EXTRA.receivedPayments)
			.list()
			.map((r) => receivedPaymentView(r) as EmuRecord);
		return emu.listResponse(req, views);
	}),
	forEndpoint('GET /v3/receivable-payments/{receivedPaymentId}', withRecord({
		find: byParam(EXTRA.receivedPayments, 'receivedPaymentId'),
		handle: (_req, _emu, rec) => ({ body: receivedPaymentView(rec) }) })),
];

export const handlers: CustomHandler[] = [
	...receivedPaymentHandlers,
];
