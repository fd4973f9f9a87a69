/**
 * Issue 20 #4/#8: values mean what the user meant. Date-only values are calendar dates in any time
 * zone (UTC, east and west of it), only recognised formats are dates, bare numbers are not; numbers
 * are refused when blank, hex or not finite; lists and objects are checked for shape, the error
 * naming the field and the item. Unit level (encodeField) plus one workflow against the emulator.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';
import type { INode } from 'n8n-workflow';

import type { FieldDef } from '../../nodes/Bill/catalog/types';
import { encodeField } from '../../nodes/Bill/helpers/values';
import { startBill, byId, type BillTestContext } from '../support/bill';

const node = { id: 'n', name: 'BILL', type: 'bill', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const ctx = { node, itemIndex: 4, resources: [] };
const encode = (field: Partial<FieldDef>, value: unknown) => encodeField({ name: 'f', label: 'Due Date', type: 'string', ...field } as FieldDef, value, ctx);
/** The message of the error encoding throws; the item is its `context.itemIndex` (the router adds `[item N]` to the message: test/node/item-errors.test.ts). */
const error = (field: Partial<FieldDef>, value: unknown): string => {
	try {
		encode(field, value);
	} catch (e) {
		const item = (e as { context?: { itemIndex?: number } }).context?.itemIndex;
		return `${(e as Error).message}${item === undefined ? '' : ` (item ${item})`}`;
	}
	return 'no error';
};

const ZONES: Array<[string, string]> = [
	['UTC', '2026-01-31'],
	['Pacific/Kiritimati', '2026-01-30'], // UTC+14
	['Asia/Tokyo', '2026-01-30'], // UTC+9
	['America/Los_Angeles', '2026-01-31'], // UTC-8
	['Pacific/Pago_Pago', '2026-01-31'], // UTC-11
];

const DATES: Array<[string, unknown, string]> = [
	['date', '2026-01-31', '2026-01-31'],
	['date', '01/31/2026', '2026-01-31'],
	['date', '1/31/2026', '2026-01-31'],
	['date', 'Jan 31 2026', '2026-01-31'],
	['date', 'January 31, 2026', '2026-01-31'],
	['date', '31 Jan 2026', '2026-01-31'],
	['date', '2026-01-31T23:30:00-05:00', '2026-01-31'],
	['date', '2026-01-31T00:00:00', '2026-01-31'],
	['date', ' 2026-02-28 ', '2026-02-28'],
	['dateTime', '2026-01-31', '2026-01-31T00:00:00.000Z'],
	['dateTime', '01/31/2026', '2026-01-31T00:00:00.000Z'],
	['dateTime', '2026-01-31T10:00:00', '2026-01-31T10:00:00.000Z'],
	['dateTime', '2026-01-31T10:00:00+02:00', '2026-01-31T08:00:00.000Z'],
	['date', 'Sat Jan 31 2026 23:30:00 GMT+0900 (Japan Standard Time)', '2026-01-31'],
	['dateTime', 'Sat Jan 31 2026 23:30:00 GMT+0900 (Japan Standard Time)', '2026-01-31T14:30:00.000Z'],
	['date', 'Sat, 31 Jan 2026 10:00:00 GMT', '2026-01-31'],
	['dateTime', 'Sat, 31 Jan 2026 10:00:00 GMT', '2026-01-31T10:00:00.000Z'],
	['dateTime', 'Jan 31 2026 10:00', 'error: "Due Date" is not a date (got "Jan 31 2026 10:00")'],
	...['12', 12, '2026', '1767225600000', '31/01/2026', '2026-02-30', '02/30/2026', 'tomorrow', 'Jan 2026', '2026-01-31Tgarbage'].map(
		(v): [string, unknown, string] => ['date', v, `error: "Due Date" is not a date (got "${String(v)}")`],
	),
];

describe.each(ZONES)('dates under TZ=%s (child process)', (zone, localMidnight) => {
	test('every recognised format is the same calendar day; bare numbers and other text are not dates', () => {
		const run = spawnSync(process.execPath, ['scripts/run-ts.js', 'test/node/values-zone.ts', JSON.stringify(DATES.map(([type, v]) => [type, v]))], {
			cwd: join(__dirname, '..', '..'),
			env: { ...process.env, TZ: zone },
			encoding: 'utf8',
		});
		expect(run.stderr).toBe('');
		const result = JSON.parse(run.stdout) as { localMidnight: string; out: unknown[] };
		// The zone is in effect: local midnight of Jan 31 is Jan 30 in UTC east of UTC (the old bug's cause).
		expect(result.localMidnight).toBe(localMidnight);
		expect(result.out).toEqual(DATES.map(([, , expected]) => expected));
	});
});

describe('numbers', () => {
	test.each([
		['12', 12],
		[' 149.99 ', 149.99],
		['-3.5', -3.5],
		['1e3', 1000],
		[0, 0],
	])('%j → %d', (input, expected) => {
		expect(encode({ type: 'number', label: 'Amount' }, input)).toBe(expected);
	});
	test.each(['   ', '0x10', 'Infinity', '-Infinity', 'NaN', '12abc', '1,000', Number.POSITIVE_INFINITY, Number.NaN])('%j is refused', (input) => {
		expect(error({ type: 'number', label: 'Amount' }, input)).toMatch(/"Amount" must be a number/);
	});
});

describe('shapes of lists and objects', () => {
	const lines: Partial<FieldDef> = { type: 'array', label: 'Bill Line Items', fields: [{ name: 'amount', type: 'number' } as FieldDef] };
	const address: Partial<FieldDef> = { type: 'object', label: 'Address', fields: [{ name: 'line1', type: 'string' } as FieldDef] };
	test('[1,2] where objects are expected names the field, the element and the item', () => {
		expect(error(lines, [1, 2])).toBe('"Bill Line Items 1" must be an object (got a number (1)) (item 4)');
	});
	test('[null] names the field and the item (no TypeError)', () => {
		expect(error(lines, [null])).toBe('"Bill Line Items 1" must be an object (got null) (item 4)');
		expect(error(lines, '[null]')).toBe('"Bill Line Items 1" must be an object (got null) (item 4)');
	});
	test('an object where a list is expected is refused, not dropped', () => {
		expect(error(lines, { amount: 5 })).toBe('"Bill Line Items" must be a list (got an object) (item 4)');
		expect(error(lines, '{"amount": 5}')).toBe('"Bill Line Items" must be a list (got an object) (item 4)');
	});
	test('the form\'s rows ({ values: [...] }) and a JSON array still work', () => {
		expect(encode(lines, { values: [{ amount: '5' }] })).toEqual([{ amount: 5 }]);
		expect(encode(lines, '[{"amount": 5}]')).toEqual([{ amount: 5 }]);
	});
	test('a list or a number where an object is expected is refused', () => {
		expect(error(address, [{ line1: 'x' }])).toBe('"Address" must be an object (got a list) (item 4)');
		expect(error(address, '7')).toBe('"Address" must be an object (got a number (7)) (item 4)');
	});
	test('a list of texts refuses objects inside it', () => {
		expect(error({ type: 'stringList', label: 'Emails' }, ['a@b.c', { x: 1 }])).toBe('"Emails" value 2 must be text (got an object) (item 4)');
		expect(error({ type: 'stringList', label: 'Emails' }, { x: 1 })).toMatch(/"Emails" must be a list of values \(got an object\) \(item 4\)/);
	});
});

describe('in a workflow (emulator)', () => {
	let t: BillTestContext;
	beforeAll(async () => {
		t = await startBill();
	});
	afterAll(async () => {
		await t.stop();
	});

	test('Bill → Create: due date 01/31/2026 and invoice date Jan 15 2026 are stored as those days', async () => {
		const v = await t.runOk('vendor', 'create', { name: 'TZ Vendor', address: { line1: '1 Main', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' } });
		const r = await t.runOk('bill', 'create', {
			vendorId: byId(String(v.output[0].json.id)),
			dueDate: '01/31/2026',
			invoice: { invoiceNumber: 'TZ-1', invoiceDate: 'Jan 15 2026' },
			billLineItems: { values: [{ amount: 10 }] },
		});
		expect(r.output[0].json).toMatchObject({ dueDate: '2026-01-31', invoice: { invoiceDate: '2026-01-15' } });
	});

	test('Bill → Create with an amount "0x10" (from an expression) fails naming the field and the item; nothing is sent', async () => {
		const start = t.emu.requestLog.length;
		const r = await t.runOp('bill', 'create', { vendorId: byId('00901EMU00000000001'), dueDate: '2026-01-31', invoice: { invoiceNumber: 'TZ-2', invoiceDate: '2026-01-15' }, billLineItems: { values: [{ amount: '={{ "0x10" }}' }] } });
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe('"Line Items 1 → Amount" must be a number (got "0x10") [item 0]');
		expect(t.emu.requestLog.slice(start).filter((e) => e.method === 'POST')).toHaveLength(0);
	});
});
