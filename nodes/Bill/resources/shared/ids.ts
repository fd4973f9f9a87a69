import type { FieldDef } from '../../catalog/types';

/** ID fields: one function for every BILL ID field, and the ID parameters several resources share. */

interface IdOptions {
	label: string;
	/** What the ID refers to, e.g. "The bill". */
	what: string;
	/** BILL's ID prefix, checked before sending. */
	prefix?: string;
	/** Resource whose locator picks the ID. */
	locator?: string;
	required?: boolean;
}

/** An ID field (path parameter, query parameter or body field). */
export function idField(name: string, o: IdOptions): FieldDef {
	return {
		name,
		label: o.label,
		type: 'string',
		required: o.required ?? true,
		...(o.locator ? { locator: o.locator } : {}),
		...(o.prefix ? { idPrefix: o.prefix } : {}),
		description: o.prefix ? `${o.what}. IDs begin with \`${o.prefix}\`.` : `${o.what}.`,
	};
}

export const vendorIdParam = idField('vendorId', { label: 'Vendor', what: 'The vendor', prefix: '009', locator: 'vendor' });
export const billIdParam = idField('billId', { label: 'Bill', what: 'The bill', prefix: '00n', locator: 'bill' });
export const paymentIdParam = idField('paymentId', { label: 'Payment', what: 'The payment', prefix: 'stp', locator: 'payment' });
export const recurringBillIdParam = idField('recurringBillId', {
	label: 'Recurring Bill',
	what: 'The recurring bill',
	locator: 'recurringBill',
});
export const bankAccountIdParam = idField('bankAccountId', {
	label: 'Bank Account',
	what: 'The bank account of your organization',
	prefix: 'bac',
	locator: 'bankAccount',
});
export const customerIdParam = idField('customerId', { label: 'Customer', what: 'The customer', prefix: '0cu', locator: 'customer' });
/** The invoice, its `00e` prefix checked before sending (the Invoice resource's own operations). */
export const invoiceIdParam = idField('invoiceId', { label: 'Invoice', what: 'The invoice', prefix: '00e', locator: 'invoice' });
/** The invoice, without a prefix check (attachments of an invoice, Get Payment Link). */
export const uncheckedInvoiceIdParam = idField('invoiceId', { label: 'Invoice', what: 'The invoice', locator: 'invoice' });
