import type { FieldDef, OperationDef, Pagination } from '../../catalog/types';

/**
 * Building blocks of the Connect AP resources (vendors, bills, payments, …): the ID parameters and
 * the operations every BILL object family has (get, list, archive, restore), written once.
 */

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
export const invoiceIdParam = idField('invoiceId', { label: 'Invoice', what: 'The invoice', locator: 'invoice' });

/** How an object family is named in the operation texts. */
export interface Noun {
	/** Resource value, e.g. `recurringBill`. */
	resource: string;
	/** Lower case, e.g. "recurring bill". */
	one: string;
	/** Lower case plural, e.g. "recurring bills". */
	many: string;
}

/** Fills in the resource and API of a resource's operations. */
export function connectOperations(resource: string, ops: Array<Omit<OperationDef, 'resource' | 'api'>>): OperationDef[] {
	return ops.map((op) => ({ resource, api: 'connect', ...op }));
}

type Op = Omit<OperationDef, 'resource' | 'api'>;

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

export function getOp(n: Noun, path: string, idParam: FieldDef, extra: Partial<Op> = {}): Op {
	return {
		operation: 'get',
		name: 'Get',
		action: `Get ${article(n.one)} ${n.one}`,
		description: `Get the details of ${article(n.one)} ${n.one}`,
		method: 'GET',
		path,
		kind: 'get',
		pathParams: [idParam],
		...extra,
	};
}

/** A Connect list, by default with `max` + `page` paging (and BILL's filters/sort when `filterFields` are given). */
export function listOp(
	n: Noun,
	path: string,
	o: {
		filterFields?: string[];
		sortFields?: string[];
		pathParams?: FieldDef[];
		query?: FieldDef[];
		description?: string;
		/** Default 'page'; 'none' for the lists BILL returns in one response. */
		pagination?: Pagination;
	} = {},
	extra: Partial<Op> = {},
): Op {
	return {
		operation: 'getAll',
		name: 'Get Many',
		action: `Get many ${n.many}`,
		description: o.description ?? `List ${n.many}${o.filterFields ? ', with filters and sorting' : ''}`,
		method: 'GET',
		path,
		kind: 'list',
		pagination: o.pagination ?? 'page',
		...(o.pagination === 'none' ? {} : { maxPageSize: 100 }),
		...(o.pathParams ? { pathParams: o.pathParams } : {}),
		...(o.query ? { query: o.query } : {}),
		...(o.filterFields ? { filters: true, filterFields: o.filterFields } : {}),
		...(o.sortFields ? { sort: true, sortFields: o.sortFields } : {}),
		...extra,
	};
}

export function archiveOp(n: Noun, path: string, idParam: FieldDef, extra: Partial<Op> = {}): Op {
	return {
		operation: 'archive',
		name: 'Archive',
		action: `Archive ${article(n.one)} ${n.one}`,
		description: `Archive ${article(n.one)} ${n.one}: BILL keeps it with \`archived\` set to true and Restore brings it back. Archiving an archived ${n.one} changes nothing.`,
		method: 'POST',
		path,
		kind: 'archive',
		pathParams: [idParam],
		...extra,
	};
}

export function restoreOp(n: Noun, path: string, idParam: FieldDef, extra: Partial<Op> = {}): Op {
	return {
		operation: 'restore',
		name: 'Restore',
		action: `Restore ${article(n.one)} ${n.one}`,
		description: `Restore an archived ${n.one}, so that any BILL operation can use it again. Restoring a restored ${n.one} changes nothing.`,
		method: 'POST',
		path,
		kind: 'restore',
		pathParams: [idParam],
		...extra,
	};
}

/** Shown on uploads. */
export const UPLOAD_HINT =
	'Sends the file of the input item\'s binary property (6 MB at most; the file name becomes BILL\'s document name). BILL finishes processing the file a few minutes later.';
