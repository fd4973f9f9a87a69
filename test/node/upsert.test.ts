/**
 * Syncs that run again: Vendor and Customer → Create or Update, the duplicate guards of Bill →
 * Create / Create Many and Invoice → Create, and Payment → Get Many filtered on transactionNumber,
 * through the BILL node run by n8n-core in-process against the emulator. Every path: found, not
 * found, many found, the same key twice in one run, an archived match; and a sync run twice.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { byId, useBill } from '../support/bill';

const t = useBill(undefined, { resetEach: true });

const address = { line1: '1 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };
const items = (rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

function counter() {
	const start = t.emu.requestLog.length;
	return (method: string, path: string) => t.emu.requestLog.slice(start).filter((e) => e.method === method && e.path === path);
}

/** Vendor → Create or Update over the items, each item's name, email and phone mapped. */
function upsertVendors(rows: IDataObject[], matchOn = 'name', continueOnFail = false) {
	return t.runOp(
		'vendor',
		'upsert',
		{ matchOn, name: '={{ $json.name }}', address, additionalFields: { email: '={{ $json.email }}', phone: '={{ $json.phone }}' } },
		items(rows),
		{ continueOnFail },
	);
}

async function vendors() {
	const r = await t.runOk('vendor', 'getAll', { returnAll: true });
	return r.output.map((o) => o.json as Record<string, any>);
}

const bills = async () => (await t.runOk('bill', 'getAll', { returnAll: true })).output.map((o) => o.json as Record<string, any>);

describe('Vendor → Create or Update', () => {
	test('not found: creates; found: updates only the fields given; the output says which', async () => {
		const seen = counter();
		const first = await upsertVendors([{ name: 'Acme Supplies', email: 'ap@acme.example', phone: '111' }]);
		expect(first.error?.message).toBeUndefined();
		expect(first.output[0].json).toMatchObject({ name: 'Acme Supplies', phone: '111', _operation: 'created' });
		const id = first.output[0].json.id;
		// Name is filterable: BILL's filter finds it (one list request, no full scan).
		expect(seen('GET', '/v3/vendors').map((e) => e.query.filters)).toEqual(['name:eq:"Acme Supplies"']);

		await t.runOk('vendor', 'update', { vendorId: byId(String(id)), updateFields: { shortName: 'ACME' } });
		const patches = counter();
		const second = await upsertVendors([{ name: 'Acme Supplies', email: 'ap@acme.example', phone: '222' }]);
		expect(second.error?.message).toBeUndefined();
		expect(second.output[0].json).toMatchObject({ id, phone: '222', _operation: 'updated' });
		const all = await vendors();
		expect(all).toHaveLength(1);
		// A field the item does not set keeps its value.
		expect(all[0]).toMatchObject({ id, shortName: 'ACME', phone: '222' });
		expect(patches('PATCH', `/v3/vendors/${String(id)}`)).toHaveLength(1);
		expect(patches('POST', '/v3/vendors')).toHaveLength(0);
	});

	test('a key BILL does not filter on (email) is matched in the list read once per run, without case', async () => {
		await upsertVendors([{ name: 'Blue Co', email: 'billing@blue.example' }]);
		const seen = counter();
		const r = await upsertVendors(
			[
				{ name: 'Blue Company', email: 'BILLING@blue.example', phone: '1' },
				{ name: 'Green Co', email: 'green@green.example', phone: '2' },
				{ name: 'Red Co', email: 'red@red.example', phone: '3' },
			],
			'email',
		);
		expect(r.error?.message).toBeUndefined();
		expect(r.output.map((o) => o.json._operation)).toEqual(['updated', 'created', 'created']);
		expect(r.output[0].json.name).toBe('Blue Company');
		expect(seen('GET', '/v3/vendors')).toHaveLength(1);
		expect(seen('GET', '/v3/vendors')[0].query.filters).toBeUndefined();
		expect((await vendors()).map((v) => v.name).sort()).toEqual(['Blue Company', 'Green Co', 'Red Co']);
	});

	test('the same key twice in one run creates one record, then updates it', async () => {
		const r = await upsertVendors([
			{ name: 'Twice Ltd', email: 'a@twice.example', phone: '1' },
			{ name: 'Other', email: 'o@other.example', phone: '0' },
			{ name: 'Twice Ltd', email: 'a@twice.example', phone: '2' },
			{ name: 'twice ltd ', email: 'a@twice.example', phone: '3' },
		]);
		expect(r.error?.message).toBeUndefined();
		expect(r.output.map((o) => o.json._operation)).toEqual(['created', 'created', 'updated', 'updated']);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		const twice = (await vendors()).filter((v) => v.name.toLowerCase().trim() === 'twice ltd');
		expect(twice).toHaveLength(1);
		expect(twice[0].phone).toBe('3');
	});

	test('many found: an error that lists the IDs, nothing changed', async () => {
		const a = await t.runOk('vendor', 'create', { name: 'Dup Inc', address });
		const b = await t.runOk('vendor', 'create', { name: 'Dup Inc', address });
		const seen = counter();
		const r = await upsertVendors([{ name: 'Dup Inc', phone: '9' }]);
		expect(r.error?.message).toContain(`2 vendors have Name "Dup Inc": ${String(a.output[0].json.id)}, ${String(b.output[0].json.id)}`);
		expect(seen('PATCH', `/v3/vendors/${String(a.output[0].json.id)}`)).toHaveLength(0);
		expect(seen('POST', '/v3/vendors')).toHaveLength(0);
	});

	test('archived match: an error naming it (restore it or change the key); an active record beside it is updated', async () => {
		const old = await t.runOk('vendor', 'create', { name: 'Gone LLC', address });
		const oldId = String(old.output[0].json.id);
		await t.runOk('vendor', 'archive', { vendorId: byId(oldId) });
		const r = await upsertVendors([{ name: 'Gone LLC', phone: '5' }, { name: 'Fresh LLC', phone: '6' }], 'name', true);
		expect(r.output[0].json.error).toContain(`The vendor with Name "Gone LLC" is archived: ${oldId}`);
		expect(r.output[1].json._operation).toBe('created');
		expect((await vendors()).filter((v) => v.name === 'Gone LLC')).toHaveLength(1);

		const active = await t.runOk('vendor', 'create', { name: 'Gone LLC', address });
		const again = await upsertVendors([{ name: 'Gone LLC', phone: '7' }]);
		expect(again.output[0].json).toMatchObject({ id: active.output[0].json.id, _operation: 'updated', phone: '7' });
	});

	test('an empty key is refused before anything is sent', async () => {
		const seen = counter();
		const r = await upsertVendors([{ name: 'No Mail' }], 'email');
		expect(r.error?.message).toContain('"Email" is empty');
		expect([...seen('GET', '/v3/vendors'), ...seen('POST', '/v3/vendors')]).toEqual([]);
	});
});

describe('Customer → Create or Update', () => {
	test('matches on account number: creates, then updates the same customer', async () => {
		const run = (phone: string) =>
			t.runOp('customer', 'upsert', { matchOn: 'accountNumber', name: 'Cu One', email: 'cu@one.example', additionalFields: { accountNumber: 'CRM-42', phone } });
		const first = await run('1');
		const second = await run('2');
		expect(first.output[0].json._operation).toBe('created');
		expect(second.output[0].json).toMatchObject({ id: first.output[0].json.id, _operation: 'updated', phone: '2' });
		const all = await t.runOk('customer', 'getAll', { returnAll: true });
		expect(all.output).toHaveLength(1);
	});
});

describe('duplicate guards on create', () => {
	async function vendorId(): Promise<string> {
		const r = await t.runOk('vendor', 'create', { name: 'Guarded Vendor', address });
		return String(r.output[0].json.id);
	}
	const billParams = (vendor: string, skip: boolean) => ({
		vendorId: byId(vendor),
		dueDate: '2026-12-31T00:00:00.000Z',
		invoice: { invoiceNumber: '={{ $json.number }}', invoiceDate: '2026-12-01' },
		billLineItems: { values: [{ amount: '={{ $json.amount }}' }] },
		options: { skipExisting: skip },
	});

	test('Bill → Create: an invoice number the vendor has already is returned, marked skipped; twice in one run creates once', async () => {
		const v = await vendorId();
		const first = await t.runOk('bill', 'create', billParams(v, true), items([{ number: 'INV-1', amount: 10 }]));
		expect(first.output[0].json._operation).toBe('created');
		const seen = counter();
		const second = await t.runOk(
			'bill',
			'create',
			billParams(v, true),
			items([
				{ number: 'INV-1', amount: 10 },
				{ number: 'INV-2', amount: 20 },
				{ number: 'INV-2', amount: 20 },
			]),
		);
		expect(second.output.map((o) => o.json._operation)).toEqual(['skipped', 'created', 'skipped']);
		expect(second.output[0].json.id).toBe(first.output[0].json.id);
		expect(second.output[2].json.id).toBe(second.output[1].json.id);
		// One list of the vendor's bills for the run, one create.
		expect(seen('GET', '/v3/bills').map((e) => e.query.filters)).toEqual([`vendorId:eq:${v}`]);
		expect(seen('POST', '/v3/bills')).toHaveLength(1);
		expect((await bills()).map((b) => b.invoice.invoiceNumber).sort()).toEqual(['INV-1', 'INV-2']);
	});

	test('Bill → Create without the option creates a second bill with the same number (the guard is opt-in)', async () => {
		const v = await vendorId();
		await t.runOk('bill', 'create', billParams(v, false), items([{ number: 'INV-9', amount: 1 }, { number: 'INV-9', amount: 1 }]));
		expect(await bills()).toHaveLength(2);
	});

	test('Bill → Create Many: existing and repeated invoice numbers are not sent; each item says what happened', async () => {
		const v = await vendorId();
		await t.runOk('bill', 'create', billParams(v, true), items([{ number: 'B-1', amount: 5 }]));
		const seen = counter();
		const r = await t.runOk(
			'bill',
			'createMany',
			billParams(v, true),
			items([
				{ number: 'B-1', amount: 5 },
				{ number: 'B-2', amount: 6 },
				{ number: 'B-3', amount: 7 },
				{ number: 'B-2', amount: 6 },
			]),
		);
		expect(r.output.map((o) => o.json._operation)).toEqual(['skipped', 'created', 'created', 'skipped']);
		expect(r.output[3].json.id).toBe(r.output[1].json.id);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		const bulk = seen('POST', '/v3/bills/bulk');
		expect(bulk).toHaveLength(1);
		expect((await bills()).map((b) => b.invoice.invoiceNumber).sort()).toEqual(['B-1', 'B-2', 'B-3']);
	});

	test('Invoice → Create: the customer + invoice number already there is returned, marked skipped', async () => {
		const cu = await t.runOk('customer', 'create', { name: 'Guarded Customer', email: 'g@c.example' });
		const customerId = String(cu.output[0].json.id);
		const params = {
			customer: { id: customerId },
			invoiceLineItems: { values: [{ quantity: 1, price: 100 }] },
			additionalFields: { invoiceNumber: 'AR-7', invoiceDate: '2026-12-01', dueDate: '2026-12-31' },
			options: { skipExisting: true },
		};
		const first = await t.runOk('invoice', 'create', params);
		const second = await t.runOk('invoice', 'create', params);
		expect(first.output[0].json._operation).toBe('created');
		expect(second.output[0].json).toMatchObject({ id: first.output[0].json.id, _operation: 'skipped' });
		expect((await t.runOk('invoice', 'getAll', { returnAll: true })).output).toHaveLength(1);
	});
});

describe('Payment → Get Many by transaction number', () => {
	test('transactionNumber is a filter the node sends (BILL changelog 2024-05-20)', async () => {
		const seen = counter();
		const r = await t.runOp('payment', 'getAll', { returnAll: true, filters: { filter: [{ field: 'transactionNumber', operator: 'eq', value: 'SYNC-123' }] } });
		expect(r.error?.message).toBeUndefined();
		expect(seen('GET', '/v3/payments')[0].query.filters).toBe('transactionNumber:eq:SYNC-123');
	});
});

describe('a sync run twice leaves no duplicate', () => {
	test('vendors by name and their bills by invoice number, the same input twice', async () => {
		const input = items([
			{ name: 'Sync A', email: 'a@sync.example', number: 'S-1', amount: 10 },
			{ name: 'Sync B', email: 'b@sync.example', number: 'S-2', amount: 20 },
			{ name: 'Sync A', email: 'a@sync.example', number: 'S-3', amount: 30 },
		]);
		const sync = async () => {
			const v = await t.runOk('vendor', 'upsert', { matchOn: 'name', name: '={{ $json.name }}', address, additionalFields: { email: '={{ $json.email }}' } }, input);
			const withVendor = input.map((it, i) => ({ json: { ...it.json, vendorId: v.output[i].json.id } }));
			const b = await t.runOk(
				'bill',
				'create',
				{
					vendorId: byId('={{ $json.vendorId }}'),
					dueDate: '2026-12-31T00:00:00.000Z',
					invoice: { invoiceNumber: '={{ $json.number }}', invoiceDate: '2026-12-01' },
					billLineItems: { values: [{ amount: '={{ $json.amount }}' }] },
					options: { skipExisting: true },
				},
				withVendor,
			);
			return { vendors: v.output.map((o) => o.json._operation), bills: b.output.map((o) => o.json._operation) };
		};
		expect(await sync()).toEqual({ vendors: ['created', 'created', 'updated'], bills: ['created', 'created', 'created'] });
		expect(await sync()).toEqual({ vendors: ['updated', 'updated', 'updated'], bills: ['skipped', 'skipped', 'skipped'] });
		expect((await vendors()).map((v) => v.name).sort()).toEqual(['Sync A', 'Sync B']);
		expect(await bills()).toHaveLength(3);
	});
});

describe('with Continue On Fail off: every item checked before anything is looked up or sent (issue 20)', () => {
	const billParams = () => ({
		vendorId: byId('={{ $json.vendor }}'),
		dueDate: '={{ $json.due }}',
		invoice: { invoiceNumber: '={{ $json.number }}', invoiceDate: '2026-12-01' },
		billLineItems: { values: [{ amount: 5 }] },
		options: { skipExisting: true },
	});
	async function vendorId(): Promise<string> {
		const r = await t.runOk('vendor', 'create', { name: 'Checked Vendor', address });
		return String(r.output[0].json.id);
	}
	const row = (vendor: string, number: string, due = '2026-12-31') => ({ vendor, number, due });

	test('Create or Update: an item with an empty key fails the run; no item was looked up or sent', async () => {
		const seen = counter();
		const r = await upsertVendors([{ name: 'Fine Co', email: 'f@fine.example' }, { name: 'No Mail Co' }], 'email');
		expect(r.error?.message).toContain('"Email" is empty');
		expect(r.error?.description).toContain('No item of this run was sent to BILL.');
		expect([...seen('GET', '/v3/vendors'), ...seen('POST', '/v3/vendors')]).toEqual([]);
	});

	test('Create or Update: a Match On choice the resource lacks (Short Name on customers) is refused before sending', async () => {
		const seen = counter();
		const r = await t.runOp('customer', 'upsert', { matchOn: 'shortName', name: 'Cu', email: 'cu@x.example' });
		expect(r.error?.message).toContain('"Match On" cannot be "shortName"');
		expect(seen('GET', '/v3/customers')).toEqual([]);
	});

	test('Bill → Create with the guard: an invalid item fails the run before the vendor\'s bills are listed', async () => {
		const v = await vendorId();
		const seen = counter();
		const r = await t.runOp('bill', 'create', billParams(), items([row(v, 'C-1'), row(v, 'C-2', 'not a date')]));
		expect(r.error).toBeDefined();
		expect(r.error?.description).toContain('No item of this run was sent to BILL.');
		expect([...seen('GET', '/v3/bills'), ...seen('POST', '/v3/bills')]).toEqual([]);
	});

	test('Bill → Create Many with the guard: an invalid item fails the run before any look-up or batch', async () => {
		const v = await vendorId();
		const seen = counter();
		const r = await t.runOp('bill', 'createMany', billParams(), items([row(v, 'M-1'), row(v, 'M-2', 'not a date')]));
		expect(r.error?.description).toContain('No item of this run was sent to BILL.');
		expect([...seen('GET', '/v3/bills'), ...seen('POST', '/v3/bills/bulk')]).toEqual([]);
	});

	test('Bill → Create Many with the guard: a refused batch names the skipped items as already in BILL, not as applied', async () => {
		const v = await vendorId();
		await t.runOk('bill', 'create', billParams(), items([row(v, 'S-1')]));
		const missingVendor = '00901ABCDEFGHIJ9999';
		const r = await t.runOp('bill', 'createMany', billParams(), items([row(v, 'S-1'), row(missingVendor, 'S-2')]));
		expect(r.error).toBeDefined();
		expect(r.error?.description).toContain('Already in BILL before this run (skipped): item 0.');
		expect(r.error?.description).not.toContain('Already applied in BILL');
		expect((await bills()).map((b) => b.invoice.invoiceNumber)).toEqual(['S-1']);
	});
});
