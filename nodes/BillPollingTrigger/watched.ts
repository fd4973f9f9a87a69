import type { OperationDef, ResourceDef } from '../Bill/catalog/types';
import { findOperation, resources } from '../Bill/resources';
import { credentialTypeOf } from '../Bill/catalog/kinds';
import type { BillCredentialType } from '../Bill/transport/credentialTypes';
import type { Authentication } from '../Bill/catalog/authentication';

/**
 * What the BILL Polling Trigger can watch: the BILL lists it reads, the timestamps it follows and
 * the status values it turns into events. Paths, paging, page size and credential come from the
 * BILL node's `getAll` operation of the same resource; only the polling facts live here.
 *
 * Sources (one per fact, [inferred] where BILL's material is silent):
 * - FILTERABLE: developer.bill.com/docs/filterable-fields lists `createdTime` and `updatedTime`
 *   (gt, gte, lt, lte) for vendors, customers, bills, invoices and bank accounts, and for recurring
 *   bills only `id`, `archived`, `vendorId` (no time field).
 * - NOT_IN_COPY: the copies of that page available to us end before the other sections; the
 *   createdTime/updatedTime filters of these lists are [inferred] from the BILL node's table of
 *   operations (their filter and sort fields).
 * - Spend & Expense transactions: `updatedTime` filter with gte/lte (changelog 2026-01-26); sort by
 *   `occurredTime` (BILL's Postman collection: `sort=occurredTime:desc`); no creation time.
 * - Spend & Expense reimbursements: `submittedTime` filter with gte/lte and sort (reference
 *   "Get list of reimbursements").
 */

/** How the trigger finds the records that changed since its cursor. */
export type TimeQuery =
	/** `filters=<field>:gte:"…"` (BILL documents the filter on the field). */
	| 'filter'
	/** No filter on the field: read the list newest first and stop at the first older record. */
	| 'scan';

/**
 * How a status event tells that a record entered its status since the last poll, from BILL's own
 * data (never from a memory of earlier statuses):
 * - `payments`: a payment of the record (BILL's payments or received payments list, by
 *   `updatedTime`, which BILL moves when a payment is made and on each status update of it) changed
 *   since the last poll, and the record changed too and now has the status;
 * - `approvers`: the newest `approvers[].statusChangedTime` of the record is after the last poll;
 * - `updated`: the record's `updatedTime` is after the last poll (the record has no status time:
 *   any later change of a record that still has the status fires again — said in the description).
 */
export type StatusJudge =
	| { by: 'payments'; resource: 'payment' | 'receivablePayment' }
	| { by: 'approvers' }
	| { by: 'updated' };

export interface StatusEmits {
	statusField: string;
	values: string[];
	judge: StatusJudge;
}

/** A change the trigger emits. */
export interface WatchEvent {
	/** Stable parameter value (also the `event` field of the output, see `label`). */
	value: string;
	/** Shown in the Event list (Title Case). */
	name: string;
	description: string;
	/** The timestamp the cursor follows. */
	field: string;
	/**
	 * Which changed records are emitted:
	 * - `all`: every record whose `field` is newer than the cursor;
	 * - `existing`: only records created before the previous poll (an update, not a creation);
	 * - a status: records whose `statusField` has one of `values` and that entered it since the
	 *   last poll, as `judge` tells from BILL's data.
	 */
	emits: 'all' | 'existing' | StatusEmits;
	/** `createdOrUpdated`: each record is labelled `created` or `updated` (by its creation time). */
	labelByCreation?: boolean;
}

export interface WatchedList {
	/** Resource of the BILL node whose `getAll` operation reads the list. */
	resource: string;
	/** Field with the creation time, when the list has one. */
	created?: string;
	/** Field with the time of the last change. */
	updated?: string;
	query: TimeQuery;
	/** BILL's operator for "after" on the time fields: `gt` (Connect), or only `gte` (S&E: gte/lte). */
	afterOp: 'gt' | 'gte';
	/**
	 * Sort field when BILL does not sort by the event's timestamp: newest first by a field that an
	 * update does not change (S&E transactions: `occurredTime`).
	 */
	sortBy?: string;
	/** Which of the sources above states the time filter. */
	source: 'FILTERABLE' | 'NOT_IN_COPY' | 'SPEND_TRANSACTIONS' | 'SPEND_REIMBURSEMENTS';
	/** Events other than the ones the timestamps give (status events, S&E submissions). */
	extraEvents?: WatchEvent[];
}

/** A status event of `statusField` (see the status values below), judged as `judge` says. */
function statusEvent(value: string, name: string, statusField: string, values: string[], judge: StatusJudge, description: string): WatchEvent {
	return { value, name, description, field: 'updatedTime', emits: { statusField, values, judge } };
}

/**
 * Bills carry no paid time; BILL's payments name the bills they pay (`billId`, `billPayments[].billId`)
 * and received payments the invoices (`invoicePayments[].invoiceId`, BILL's Postman collection).
 * [inferred] a payment's update that changes a bill's or invoice's status also moves that record's
 * `updatedTime` (BILL documents `updatedTime` as the time of the last change).
 */
const BY_PAYMENTS: StatusJudge = { by: 'payments', resource: 'payment' };
/** [inferred] a customer's scheduled payment of an invoice is a received payment too (BILL lists SCHEDULED among invoice statuses only). */
const BY_RECEIVED: StatusJudge = { by: 'payments', resource: 'receivablePayment' };
/** Bills' `approvers[]` carry `status` and `statusChangedTime` (BILL's Postman collection). */
const BY_APPROVERS: StatusJudge = { by: 'approvers' };
/** Payments: "updatedTime changes on each status update" (BILL's payment webhook payload docs); BILL has no API to edit a payment. */
const BY_UPDATE: StatusJudge = { by: 'updated' };

/**
 * Status values, from BILL's material:
 * - bills `paymentStatus`: PAID, UNPAID, SCHEDULED, UNDEFINED (Postman examples); PARTIAL
 *   [third-party: a BILL v3 SDK's enum]. `approvalStatus`: APPROVED, DENIED, ASSIGNED (Postman).
 * - invoices `status`: OPEN, PARTIAL_PAYMENT, PAID, SCHEDULED, VOID, CANCELED (Postman).
 * - payments `singleStatus`: docs "Single status payment values" (CLEARED, CANCELED, VOIDED, the
 *   *_FAILED_* values), VOID_PENDING (Postman); FAILED [third-party].
 */
const BILL_EVENTS: WatchEvent[] = [
	statusEvent('paid', 'Paid', 'paymentStatus', ['PAID'], BY_PAYMENTS, 'A bill becomes fully paid (judged by its payments changed since the last poll)'),
	statusEvent('partiallyPaid', 'Partially Paid', 'paymentStatus', ['PARTIAL'], BY_PAYMENTS, 'A payment leaves a bill partially paid (judged by its payments)'),
	statusEvent('scheduled', 'Payment Scheduled', 'paymentStatus', ['SCHEDULED'], BY_PAYMENTS, 'A payment is scheduled for the rest of a bill (judged by its payments)'),
	statusEvent('approved', 'Approved', 'approvalStatus', ['APPROVED'], BY_APPROVERS, 'A bill is approved by all its approvers (judged by the approvers\' status times)'),
	statusEvent('denied', 'Denied', 'approvalStatus', ['DENIED'], BY_APPROVERS, 'An approver denies a bill (judged by the approvers\' status times)'),
];

const INVOICE_EVENTS: WatchEvent[] = [
	statusEvent('paid', 'Paid', 'status', ['PAID'], BY_RECEIVED, 'An invoice becomes fully paid (judged by its received payments changed since the last poll)'),
	statusEvent('partiallyPaid', 'Partially Paid', 'status', ['PARTIAL_PAYMENT'], BY_RECEIVED, 'An invoice receives a payment that leaves an amount due (judged by its received payments)'),
	statusEvent('scheduled', 'Payment Scheduled', 'status', ['SCHEDULED'], BY_RECEIVED, 'A customer schedules a payment of an invoice (judged by its received payments)'),
	statusEvent('voided', 'Voided', 'status', ['VOID', 'CANCELED'], BY_UPDATE, 'An invoice is voided or canceled. BILL gives no void time: a later change of a voided invoice fires again'),
];

const PAYMENT_FAILED = ['DISBURSEMENT_FAILED_ACTION_NEEDED', 'DISBURSEMENT_FAILED_VENDOR_BANK_REJECTED', 'FUNDING_FAILED_ACTION_NEEDED', 'FUNDING_FAILED_VOIDED', 'FAILED'];

const PAYMENT_EVENTS: WatchEvent[] = [
	statusEvent('failed', 'Failed', 'singleStatus', PAYMENT_FAILED, BY_UPDATE, 'Funding or disbursement of a payment fails (judged by the payment\'s updatedTime, which BILL moves on each status update; a move between two failed statuses fires again)'),
	statusEvent('cleared', 'Cleared', 'singleStatus', ['CLEARED'], BY_UPDATE, 'The vendor\'s bank settles a payment (judged by the payment\'s updatedTime)'),
	statusEvent('canceled', 'Canceled', 'singleStatus', ['CANCELED'], BY_UPDATE, 'A payment is canceled (judged by the payment\'s updatedTime)'),
	statusEvent('voided', 'Voided', 'singleStatus', ['VOIDED', 'VOID_PENDING'], BY_UPDATE, 'A payment is voided (judged by the payment\'s updatedTime; VOID_PENDING then VOIDED fires twice)'),
];

const connect = (resource: string, source: WatchedList['source'], extra: Partial<WatchedList> = {}): WatchedList => ({
	resource,
	created: 'createdTime',
	updated: 'updatedTime',
	query: 'filter',
	afterOp: 'gt',
	source,
	...extra,
});

/** Every list the trigger watches, in no particular order (the UI sorts by name). */
export const WATCHED: WatchedList[] = [
	connect('bill', 'FILTERABLE', { extraEvents: BILL_EVENTS }),
	connect('vendor', 'FILTERABLE'),
	connect('invoice', 'FILTERABLE', { extraEvents: INVOICE_EVENTS }),
	connect('customer', 'FILTERABLE'),
	connect('bankAccount', 'FILTERABLE'),
	connect('recurringBill', 'FILTERABLE', { query: 'scan' }),
	connect('payment', 'NOT_IN_COPY', { extraEvents: PAYMENT_EVENTS }),
	connect('receivablePayment', 'NOT_IN_COPY'),
	connect('creditMemo', 'NOT_IN_COPY'),
	connect('vendorCredit', 'NOT_IN_COPY'),
	connect('recurringInvoice', 'NOT_IN_COPY'),
	connect('chartOfAccount', 'NOT_IN_COPY'),
	connect('accountingClass', 'NOT_IN_COPY'),
	connect('department', 'NOT_IN_COPY'),
	connect('employee', 'NOT_IN_COPY'),
	connect('item', 'NOT_IN_COPY'),
	connect('job', 'NOT_IN_COPY'),
	connect('location', 'NOT_IN_COPY'),
	connect('user', 'NOT_IN_COPY'),
	{ resource: 'transaction', updated: 'updatedTime', query: 'filter', afterOp: 'gte', sortBy: 'occurredTime', source: 'SPEND_TRANSACTIONS' },
	{
		resource: 'reimbursement',
		query: 'filter',
		afterOp: 'gte',
		source: 'SPEND_REIMBURSEMENTS',
		extraEvents: [
			{ value: 'submitted', name: 'Submitted', description: 'A reimbursement is submitted', field: 'submittedTime', emits: 'all' },
		],
	},
];

/** "a bill", "an invoice". */
const withArticle = (noun: string) => `${/^([aeio]|u(?!s))/.test(noun) ? 'An' : 'A'} ${noun}`;

/** Created / Updated / Created or Updated, from the list's timestamps. */
function timestampEvents(list: WatchedList, noun: string): WatchEvent[] {
	const events: WatchEvent[] = [];
	if (list.created) {
		events.push({ value: 'created', name: 'Created', description: `${withArticle(noun)} is created`, field: list.created, emits: 'all' });
	}
	if (list.updated && list.created) {
		events.push(
			{ value: 'updated', name: 'Updated', description: `An existing ${noun} changes (not its creation)`, field: list.updated, emits: 'existing' },
			{
				value: 'createdOrUpdated',
				name: 'Created or Updated',
				description: `${withArticle(noun)} is created or changes (the output's "event" says which)`,
				field: list.updated,
				emits: 'all',
				labelByCreation: true,
			},
		);
	} else if (list.updated) {
		events.push({ value: 'createdOrUpdated', name: 'Created or Updated', description: `${withArticle(noun)} is created or changes`, field: list.updated, emits: 'all' });
	}
	return events;
}

/** The BILL node's resource of a watched list. */
export function resourceOf(list: WatchedList): ResourceDef {
	const resource = resources.find((r) => r.value === list.resource);
	if (!resource) throw new Error(`BILL Polling Trigger: the BILL node has no resource "${list.resource}"`);
	return resource;
}

/** The BILL node's operation that reads the list. */
export function listOperation(list: WatchedList): OperationDef {
	const op = findOperation(list.resource, 'getAll');
	if (!op || op.kind !== 'list') throw new Error(`BILL Polling Trigger: the BILL node has no Get Many operation for "${list.resource}"`);
	return op;
}

/** The credential the BILL node would use for the list (OAuth serves every watched list: AP, AR, S&E). */
export function credentialOf(list: WatchedList, authentication: Authentication = 'signIn'): BillCredentialType {
	return credentialTypeOf(listOperation(list).api, undefined, authentication, list.resource);
}

/** Every event of a list, in the order the Event list shows them (timestamps first). */
export function eventsOf(list: WatchedList): WatchEvent[] {
	const noun = resourceOf(list).name.toLowerCase();
	return [...timestampEvents(list, noun), ...(list.extraEvents ?? [])];
}

export function findWatched(resource: string): WatchedList | undefined {
	return WATCHED.find((l) => l.resource === resource);
}
