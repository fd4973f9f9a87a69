/**
 * Coverage: BILL's catalog (test/fixtures: the 253 endpoints of the v3 reference menu plus the
 * newer Postman-only endpoints) against the node's table of operations.
 */
import catalog from '../fixtures/endpoints.json';
import extra from '../fixtures/endpoints-extra.json';
import newer from '../fixtures/endpoints-2026.json';
import { allOperations, resources } from '../../nodes/Bill/resources';
import { Bill } from '../../nodes/Bill/Bill.node';
import { isEndpoint } from '../../nodes/Bill/catalog/kinds';

interface CatalogEntry {
	api: string;
	group: string;
	name: string;
	method: string;
	path: string;
}

const menu = catalog as CatalogEntry[];
const postmanOnly = (extra as { postmanOnly: CatalogEntry[] }).postmanOnly;
/** Added after the Postman collection: BILL's changelog and current reference (2026). */
const changelog = (newer as { endpoints: CatalogEntry[] }).endpoints;
/** The same path can exist on both bases (GET /v3/health): the key includes the base. */
const key = (e: { api: string; method: string; path: string }) => `${e.api === 'webhooks' ? '/connect-events' : '/connect'} ${e.method} ${e.path}`;

/** The operations that are BILL endpoints (Create or Update is composed by the node of Get Many, Create and Update). */
const endpoints = allOperations.filter(isEndpoint);

function matches(entries: CatalogEntry[]) {
	return entries.map((e) => ({ entry: e, ops: endpoints.filter((o) => key(o) === key(e)) }));
}

describe('catalog coverage', () => {
	test('every endpoint of the reference menu has exactly one operation with its method and path', () => {
		const result = matches(menu);
		const missing = result.filter((r) => r.ops.length === 0).map((r) => `${r.entry.api} ${key(r.entry)}`);
		const doubled = result.filter((r) => r.ops.length > 1).map((r) => `${key(r.entry)} → ${r.ops.map((o) => `${o.resource}:${o.operation}`).join(', ')}`);
		expect(missing).toEqual([]);
		expect(doubled).toEqual([]);
		expect(result.filter((r) => r.ops.length === 1)).toHaveLength(253);
	});

	test('every endpoint BILL added since the menu (Postman collection) has exactly one operation', () => {
		const result = matches(postmanOnly);
		expect(result.filter((r) => r.ops.length !== 1).map((r) => key(r.entry))).toEqual([]);
	});

	test('every endpoint BILL added since its Postman collection (changelog 2026) has exactly one operation', () => {
		const result = matches(changelog);
		expect(result.filter((r) => r.ops.length !== 1).map((r) => key(r.entry))).toEqual([]);
	});

	test('each operation belongs to the API family of its catalog entry', () => {
		const families = new Map([...menu, ...postmanOnly, ...changelog].map((e) => [key(e), e.api]));
		const base = (api: string) => (api === 'webhooks' ? 'webhooks' : 'not webhooks');
		const wrong = allOperations.filter((o) => families.has(key(o)) && base(families.get(key(o))!) !== base(o.api)).map((o) => `${o.resource}:${o.operation} is ${o.api}, catalog says ${families.get(key(o))}`);
		// Families decide the credential: each operation's family is the catalog's.
		const exact = allOperations.filter((o) => families.has(key(o)) && families.get(key(o)) !== o.api);
		expect(exact.map((o) => `${o.resource}:${o.operation}`)).toEqual([]);
		expect(wrong).toEqual([]);
	});

	test('each operation says where BILL documents it: the reference menu (default) or only the Postman collection', () => {
		const inMenu = new Set(menu.map(key));
		const inPostman = new Set(postmanOnly.map(key));
		const inChangelog = new Set(changelog.map(key));
		const catalogOf = (o: { api: string; method: string; path: string }) =>
			inMenu.has(key(o)) ? 'reference' : inPostman.has(key(o)) ? 'postman' : inChangelog.has(key(o)) ? 'changelog' : 'none';
		const wrong = endpoints
			.map((o) => ({ op: `${o.resource}:${o.operation}`, source: o.source ?? 'reference', catalog: catalogOf(o) }))
			.filter((x) => x.source !== x.catalog);
		expect(wrong).toEqual([]);
		expect(allOperations.filter((o) => o.source === 'postman')).toHaveLength(postmanOnly.length);
		expect(allOperations.filter((o) => o.source === 'reference')).toEqual([]);
	});

	test('the table invents no endpoint', () => {
		const known = new Set([...menu, ...postmanOnly, ...changelog].map(key));
		expect(endpoints.filter((o) => !known.has(key(o))).map((o) => `${o.resource}:${o.operation} ${key(o)}`)).toEqual([]);
	});

	test('resource and operation values are unique, camelCase and stable-looking', () => {
		const resourceValues = resources.map((r) => r.value);
		expect(new Set(resourceValues).size).toBe(resourceValues.length);
		for (const r of resources) {
			expect(r.value).toMatch(/^[a-z][A-Za-z0-9]*$/);
			const ops = r.operations.map((o) => o.operation);
			expect(new Set(ops).size).toBe(ops.length);
			for (const o of r.operations) {
				expect(o.operation).toMatch(/^[a-z][A-Za-z0-9]*$/);
				expect(o.resource).toBe(r.value);
				expect(o.api).toBe(r.api);
				// path params declared exactly once each
				const placeholders = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
				expect((o.pathParams ?? []).map((p) => p.name).sort()).toEqual(placeholders);
			}
		}
	});

	test('CRUD operations carry n8n names', () => {
		const names: Record<string, string> = { create: 'Create', get: 'Get', getAll: 'Get Many', update: 'Update', delete: 'Delete' };
		for (const o of allOperations) if (names[o.operation]) expect(`${o.resource}:${o.name}`).toBe(`${o.resource}:${names[o.operation]}`);
	});

	test('the node description is built from the table: one Operation option per table entry', () => {
		const node = new Bill();
		const ops = node.description.properties.filter((p) => p.name === 'operation');
		const total = ops.reduce((n, p) => n + (p.options?.length ?? 0), 0);
		expect(total).toBe(allOperations.length);
		expect(node.description.usableAsTool).toBe(true);
	});
});
