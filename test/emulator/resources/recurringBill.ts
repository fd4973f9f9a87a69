/**
 * Recurring bills (BILL resource `recurringBill`): schedule and line items.
 */
import { activeVendor, AP, checkDate, checkEnum, coll, needsTrust } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { bodyOf, byParam, changeRecord, forEndpoint, invalid, isError as isErr, isObject, jsonObjectBody, jsonObjectOf, missing, view as out } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { buildLines, LineMode } from './bill';

// ------------------------------------------------------------------ recurring bills

const SCHEDULE_PERIODS = ['WEEKLY', 'MONTHLY', 'YEARLY'];

function recurringData(emu: Emulator, req: EmuRequest, b: Obj, mode: LineMode, existing?: EmuRecord): Obj | EmuResponse {
	const required = mode !== 'update';
	if (b.vendorId !== undefined || required) {
		const v = activeVendor(emu, req, b.vendorId);
		if (isErr(v)) return v;
	}
	if (b.schedule !== undefined || required) {
		if (!isObject(b.schedule)) return missing('schedule');
		const s = b.schedule;
		if (required && s.period === undefined) return missing('schedule.period');
		const e =
			checkEnum('schedule.period', s.period, SCHEDULE_PERIODS) ??
			checkDate('schedule.nextDueDate', s.nextDueDate, required) ??
			checkDate('schedule.endDate', s.endDate, false);
		if (e) return e;
		if (s.frequency !== undefined && (!Number.isInteger(s.frequency) || (s.frequency as number) < 1)) return invalid('schedule.frequency', s.frequency);
		if (typeof s.endDate === 'string' && typeof s.nextDueDate === 'string' && s.endDate < s.nextDueDate) {
			return invalid('schedule.endDate', s.endDate, 'The end date is before the next due date');
		}
	}
	if (isObject(b.processingOptions) && b.processingOptions.autoPayment === true) {
		const t = needsTrust(emu, req);
		if (t) return t;
	}
	if (isObject(b.paymentInformation) && b.paymentInformation.bankAccountId !== undefined) {
		if (!coll(emu, req, AP.banks).get(String(b.paymentInformation.bankAccountId))) return invalid('paymentInformation.bankAccountId', b.paymentInformation.bankAccountId);
	}
	const lines = buildLines(emu, 'recurringBillLineItems', b.recurringBillLineItems, existing?.recurringBillLineItems as Obj[] | undefined, mode, '0rl');
	if (isErr(lines)) return lines;
	return { ...b, recurringBillLineItems: lines };
}

const recurringHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/recurringbills', (req, emu: Emulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const data = recurringData(emu, req, b, 'create');
		if (isErr(data)) return data;
		const rec = coll(emu, req, AP.recurringBills).insert({ schedule: {}, processingOptions: { autoPayment: false }, ...data });
		const s = rec.schedule as Obj;
		if (s.frequency === undefined) s.frequency = 1;
		return { status: 201, body: out(emu, rec) };
	}),
	...(['replace', 'update'] as const).map(
		(mode): CustomHandler =>
			forEndpoint(`${mode === 'replace' ? 'PUT' : 'PATCH'} /v3/recurringbills/{recurringBillId}`, changeRecord({
				guard: jsonObjectBody,
				find: byParam(AP.recurringBills, 'recurringBillId'),
				mode,
				change: (req, emu: Emulator, rec) => recurringData(emu, req, bodyOf(req), mode, rec),
			})),
	),
];

export const handlers: CustomHandler[] = [
	...recurringHandlers,
];
