/**
 * Recurring invoices (BILL resource `recurringInvoice`): a document with lines (../family/line-documents.ts).
 */
import { EXTRA } from '../family/accounts-payable';
import { docHandlers, LineDoc, pricedLines } from '../family/line-documents';
import type { Obj } from '../handlers';
import { DATE_RE, invalid, isBlank, isObject, missing } from '../handlers';
import type { CustomHandler } from '../types';

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

export const handlers: CustomHandler[] = [
	...docHandlers(recurringInvoiceDoc, '/v3/recurring-invoices', 'recurringInvoiceId'),
];
