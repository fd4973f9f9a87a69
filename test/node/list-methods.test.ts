/**
 * Every list search (resource locators' From List) and every load-options method of the BILL
 * node, run like the editor runs them (n8n-core's LoadOptionsContext) against the emulator:
 * the request goes to the resource's Get Many with its credential, base and page size, the
 * records come back as choices, and a search filters only on a field BILL allows.
 */
import type { INodeParameters } from 'n8n-workflow';

import { Bill } from '../../nodes/Bill/Bill.node';
import { filterFieldsOf, FILTER_OPERATORS } from '../../nodes/Bill/catalog/filters';
import { baseOf, listOperationOf } from '../../nodes/Bill/catalog/kinds';
import { OPTION_LISTS } from '../../nodes/Bill/catalog/lists';
import type { OperationDef, ResourceDef } from '../../nodes/Bill/catalog/types';
import { searchMethodName } from '../../nodes/Bill/helpers/description';
import { optionsSources } from '../../nodes/Bill/methods';
import { allOperations, resources } from '../../nodes/Bill/resources';
import { CRED_IDS, useBill } from '../support/bill';

const bill = new Bill();
const credentials = {
	billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' },
	billSpendApi: { id: CRED_IDS.billSpendApi, name: 'BILL S&E (local emulator)' },
	billPartnerApi: { id: CRED_IDS.billPartnerApi, name: 'BILL Partner (local emulator)' },
};

const t = useBill({ spendPerMinute: 1_000_000 });

const searchable = resources.filter((r) => r.locator && listOperationOf(r));
const families = (r: ResourceDef) => (r.api === 'webhooks' ? (['organization', 'partner', 'spend'] as const) : ([undefined] as const));

/** The emulator records of the list behind a resource, seeded with a name to find. */
function seed(op: OperationDef, resource: ResourceDef, name: string) {
	const route = t.emu.routeOf(op);
	const nameField = resource.locator!.nameField;
	const record: Record<string, unknown> = { name, firstName: name, displayName: name };
	// A dotted name field (`invoice.invoiceNumber`) is a nested object.
	const [outer, inner] = nameField.split('.');
	record[outer] = inner ? { [inner]: name } : name;
	return t.emu.store.collection(route.collection).insert(route.collection.startsWith('spend/') ? { uuid: `u-${name}`, ...record } : record);
}

describe('list search (From List) of every resource locator', () => {
	test('there is one per resource with a locator', () => {
		expect(Object.keys(bill.methods.listSearch).sort()).toEqual(searchable.map((r) => searchMethodName(r.value)).sort());
	});

	const cases = searchable.flatMap((r) => families(r).map((family) => [`${r.value}${family ? ` (${family})` : ''}`, r, family] as const));
	test.each(cases)('%s', async (_label, resource, family) => {
		const op = listOperationOf(resource)!;
		const paramsFor: INodeParameters = { resource: resource.value, operation: 'get', ...(family ? { eventFamily: family } : {}) };
		const mark = t.emu.requestLog.length;
		let result;
		try {
			result = await t.harness.listSearch(searchMethodName(resource.value), { nodeType: 'bill', parameters: paramsFor, credentials });
		} catch (error) {
			throw new Error(`${resource.value}: ${(error as Error).message} ${(error as { description?: string }).description ?? ''}`);
		}
		expect(Array.isArray(result.results)).toBe(true);
		const sent = t.emu.requestLog.slice(mark).filter((e) => e.template === op.path);
		expect(sent.length).toBe(1);
		expect(sent[0].status).toBeLessThan(400);
		expect(sent[0].base).toBe(baseOf(op));
		expect(Number(sent[0].query.max)).toBeLessThanOrEqual(op.maxPageSize ?? 100);
		for (const choice of result.results) expect(typeof choice.value).toBe('string');
	});

	test.each(searchable.filter((r) => r.locator?.searchField).map((r) => [r.value, r] as const))('%s searches only on a field BILL filters with "starts with"', (_v, resource) => {
		const op = listOperationOf(resource)!;
		const field = filterFieldsOf(op).find((f) => f.name === resource.locator!.searchField);
		expect(field?.operators).toContain('sw');
	});

	test('a search finds a record by the start of its name, and the next page continues the list', async () => {
		const vendors = resources.find((r) => r.value === 'vendor')!;
		const op = listOperationOf(vendors)!;
		for (let i = 0; i < 105; i++) seed(op, vendors, `Zeta Paging ${String(i).padStart(3, '0')}`);
		seed(op, vendors, 'Quokka Instruments');
		const found = await t.harness.listSearch('searchVendor', { nodeType: 'bill', parameters: { resource: 'vendor', operation: 'get' }, credentials }, 'Quokka');
		expect(found.results.map((r) => r.name)).toEqual(['Quokka Instruments']);
		const first = await t.harness.listSearch('searchVendor', { nodeType: 'bill', parameters: { resource: 'vendor', operation: 'get' }, credentials }, 'Zeta Paging');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBeTruthy();
		const second = await t.harness.listSearch('searchVendor', { nodeType: 'bill', parameters: { resource: 'vendor', operation: 'get' }, credentials }, 'Zeta Paging', first.paginationToken as string);
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeFalsy();
		expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(105);
	});
});

describe('load-options methods', () => {
	test('every method a parameter names exists', () => {
		const named = new Set<string>();
		const walk = (x: unknown) => {
			if (!x || typeof x !== 'object') return;
			const o = x as Record<string, unknown>;
			const method = (o.typeOptions as { loadOptionsMethod?: string } | undefined)?.loadOptionsMethod;
			if (method) named.add(method);
			for (const k of ['options', 'values']) if (Array.isArray(o[k])) (o[k] as unknown[]).forEach(walk);
		};
		bill.description.properties.forEach(walk);
		expect([...named].filter((m) => !(m in bill.methods.loadOptions))).toEqual([]);
		expect(Object.keys(bill.methods.loadOptions).filter((m) => !named.has(m))).toEqual([]);
	});

	test.each(Object.entries(optionsSources(resources)))('%s lists the %s records of BILL (not archived)', async (method, resourceValue) => {
		const resource = resources.find((r) => r.value === resourceValue)!;
		const op = listOperationOf(resource)!;
		const route = t.emu.routeOf(op);
		const coll = t.emu.store.collection(route.collection);
		const kept = coll.insert({ name: `Kept ${method}` });
		const archived = coll.insert({ name: `Archived ${method}`, archived: true });
		const mark = t.emu.requestLog.length;
		const options = await t.harness.loadOptions(method, { nodeType: 'bill', parameters: { resource: 'bill', operation: 'create' }, credentials });
		const values = options.map((o) => o.value);
		expect(values).toContain(kept.id);
		if (op.filters) expect(values).not.toContain(archived.id);
		const sent = t.emu.requestLog.slice(mark).filter((e) => e.template === op.path);
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((e) => e.status < 400)).toBe(true);
	});

	test.each(Object.entries(OPTION_LISTS))('%s offers the whole list', async (method, list) => {
		const options = await t.harness.loadOptions(method, { nodeType: 'bill', parameters: {}, credentials });
		expect(options.map((o) => o.value)).toEqual([...list.values]);
	});

	const lists = allOperations.filter((o) => o.filters || o.sort);
	test.each(lists.map((o) => [`${o.resource}:${o.operation}`, o] as const))('filter and sort choices of %s are those of the list', async (_label, op) => {
		const parameters = { resource: op.resource, operation: op.operation };
		const fields = await t.harness.loadOptions('getFilterFields', { nodeType: 'bill', parameters, credentials });
		expect(fields.map((f) => f.value).sort()).toEqual(filterFieldsOf(op).map((f) => f.name).sort());
		for (const f of filterFieldsOf(op)) {
			const operators = await t.harness.loadOptions('getFilterOperators', { nodeType: 'bill', parameters: { ...parameters, filters: { filter: [{ field: f.name }] } }, credentials, path: 'parameters.filters.filter[0].operator' });
			expect(operators.map((o) => o.value).sort()).toEqual([...f.operators].sort());
		}
		const sorts = await t.harness.loadOptions('getSortFields', { nodeType: 'bill', parameters, credentials });
		expect(sorts.map((s) => s.value).sort()).toEqual([...(op.sortFields ?? [])].sort());
	});

	test('an operator list for a field the list does not know offers every operator', async () => {
		const operators = await t.harness.loadOptions('getFilterOperators', { nodeType: 'bill', parameters: { resource: 'bill', operation: 'getAll' }, credentials });
		expect(operators.map((o) => o.value).sort()).toEqual(FILTER_OPERATORS.map((o) => o.value).sort());
	});
});
