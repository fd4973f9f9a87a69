/**
 * Customers (BILL resource `customer`): balance from open invoices.
 */
import { bodyOf, EMAIL_RE, forEndpoint, invalidText as invalid, isBlank, isObject, round2 } from '../handlers';
import type { CustomHandler, Emulator, EmuRequest } from '../types';

/* ------------------------------------------------------------------ customers */

/** A customer's balance: what its open invoices still owe. */
export function refreshCustomerBalance(emu: Emulator, req: EmuRequest, customerId: string): void {
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
	forEndpoint('POST /v3/customers', (req, emu: Emulator) => {
		const b = bodyOf(req);
		if (!isBlank(b.email) && !EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
		const res = emu.generic(req);
		if ((res.status ?? 200) >= 300 || !isObject(res.body)) return res;
		const rec = emu.collection(req, 'customers').update(String(res.body.id), { balance: { amount: 0 } })!;
		return { status: res.status, body: emu.view(rec) };
	}),
];

export const handlers: CustomHandler[] = [
	...customerHandlers,
];
