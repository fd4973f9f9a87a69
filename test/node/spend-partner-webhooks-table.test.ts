/**
 * Table-level checks for the Spend & Expense, partner and webhook-management resources and for the
 * endpoints BILL added after the reference menu (endpoints-extra.json `postmanOnly`): every endpoint
 * has exactly one operation with BILL's method and path, and BILL's rules are in the definitions.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FieldDef, OperationDef, ResourceDef } from '../../nodes/Bill/catalog/types';
import { allOperations, resources } from '../../nodes/Bill/resources';

interface CatalogEntry {
	api: string;
	method: string;
	path: string;
	pathParams: unknown[];
}

const catalog: CatalogEntry[] = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/endpoints.json'), 'utf8'));
const extra: { postmanOnly: CatalogEntry[] } = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/endpoints-extra.json'), 'utf8'));
const key = (o: { method: string; path: string; api?: string }) => `${o.api === 'webhooks' ? 'events ' : ''}${o.method} ${o.path}`;

const ofApi = (api: string) => resources.filter((r) => r.api === api);
const spendResources = ofApi('spend');
const partnerResources = ofApi('partner');
const webhooksResources = ofApi('webhooks');
/** Resources BILL added after the reference menu: every operation only in its Postman collection. */
const newerResources = resources.filter((r) => r.operations.every((o) => o.source === 'postman'));
/** Operations BILL added to resources of the reference menu (appended to them). */
const newerOperations = allOperations.filter((o) => o.source === 'postman' && !newerResources.some((r) => r.value === o.resource));

const mine: ResourceDef[] = [...spendResources, ...partnerResources, ...webhooksResources, ...newerResources];
const myOps: OperationDef[] = [...new Set([...mine.flatMap((r) => r.operations), ...newerOperations])];
/** The operations of the reference menu (what a family's catalog count counts). */
const fromMenu = (ops: OperationDef[]) => ops.filter((o) => o.source !== 'postman');

function opsFor(e: CatalogEntry): OperationDef[] {
	return allOperations.filter((o) => key(o) === key(e));
}

const families = ['spend', 'partner', 'webhooks'] as const;

describe('Spend & Expense, partner and webhook tables', () => {
	it.each([
		['spend', 46],
		['partner', 13],
		['webhooks', 12],
	])('covers the %s endpoints of the catalog (%i), each with exactly one operation of that family', (api, count) => {
		const endpoints = catalog.filter((e) => e.api === api);
		expect(endpoints).toHaveLength(count);
		for (const e of endpoints) {
			const matching = opsFor(e);
			expect({ endpoint: key(e), count: matching.length }).toEqual({ endpoint: key(e), count: 1 });
			expect(matching[0].api).toBe(api);
		}
		const familyOps = fromMenu(mine.filter((r) => r.api === api).flatMap((r) => r.operations));
		expect(familyOps).toHaveLength(count);
	});

	it('covers every postmanOnly endpoint of endpoints-extra.json with exactly one operation', () => {
		expect(extra.postmanOnly).toHaveLength(50);
		for (const e of extra.postmanOnly) {
			const matching = opsFor(e);
			expect({ endpoint: key(e), count: matching.length }).toEqual({ endpoint: key(e), count: 1 });
			expect(matching[0].api).toBe(e.api);
		}
		const menu = new Set(catalog.map(key));
		const beyond = myOps.filter((o) => !menu.has(key(o)));
		expect(beyond).toHaveLength(50);
	});

	it('lists the operations BILL added to a resource after its reference ones and keeps resource/operation values unique', () => {
		expect(newerResources.length).toBeGreaterThan(0);
		expect(newerOperations.length).toBeGreaterThan(0);
		for (const op of newerOperations) {
			const r = resources.find((x) => x.value === op.resource)!;
			const sources = r.operations.map((o) => o.source ?? 'reference');
			expect({ resource: r.value, sources }).toEqual({ resource: r.value, sources: [...sources].sort((a, b) => (a === b ? 0 : a === 'reference' ? -1 : 1)) });
		}
		const values = allOperations.map((o) => `${o.resource}.${o.operation}`);
		const dupes = values.filter((v, i) => values.indexOf(v) !== i);
		expect(dupes).toEqual([]);
		const resourceValues = resources.map((r) => r.value);
		expect(new Set(resourceValues).size).toBe(resourceValues.length);
	});

	it('uses singular camelCase resource values, Title Case names and sentence-case descriptions', () => {
		for (const r of mine) {
			expect(r.value).toMatch(/^[a-z][A-Za-z]*$/);
			expect(r.value.endsWith('s')).toBe(false);
		}
		for (const o of myOps) {
			expect(o.operation).toMatch(/^[a-z][A-Za-z0-9]*$/);
			expect(o.name).toMatch(/^[A-Z0-9]/);
			for (const word of o.name.split(' ')) if (!['or', 'to', 'as', 'for'].includes(word)) expect(word).toMatch(/^[A-Z0-9]/);
			expect(o.description).toMatch(/^[A-Z]/);
			expect(o.action).toMatch(/^[A-Z][a-z]/);
			if (o.kind === 'list' && o.operation === 'getAll') expect(o.name).toBe('Get Many');
		}
	});

	it('declares one required path parameter per {placeholder}', () => {
		for (const o of myOps) {
			const placeholders = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
			expect({ op: `${o.resource}.${o.operation}`, params: (o.pathParams ?? []).map((p) => p.name) }).toEqual({
				op: `${o.resource}.${o.operation}`,
				params: placeholders,
			});
			for (const p of o.pathParams ?? []) expect(p.required).toBe(true);
		}
	});

	it('describes booleans with "Whether" and references only resources that exist', () => {
		const values = new Set(resources.map((r) => r.value));
		const walk = (fields: FieldDef[] | undefined, where: string) => {
			for (const f of fields ?? []) {
				if (f.type === 'boolean' && f.description) expect({ where, field: f.name, d: f.description }).toEqual({ where, field: f.name, d: expect.stringMatching(/^Whether /) });
				if (f.locator) expect({ where, locator: f.locator, known: values.has(f.locator) }).toEqual({ where, locator: f.locator, known: true });
				if (f.type === 'options') expect(f.options?.length).toBeGreaterThan(0);
				walk(f.fields, `${where}.${f.name}`);
			}
		};
		for (const o of myOps) {
			const where = `${o.resource}.${o.operation}`;
			walk(o.pathParams, where);
			walk(o.query, where);
			walk(o.body, where);
			walk(o.headers, where);
		}
	});
});

describe("BILL's rules in the definitions", () => {
	const spendLists = spendResources.flatMap((r) => r.operations).filter((o) => o.kind === 'list');

	it('pages Spend & Expense lists with nextPage, max 100, transactions max 50, users without sort', () => {
		for (const o of spendLists) {
			if (o.path === '/v3/spend/transactions/{transactionId}/custom-fields') {
				// BILL returns {results} in one response here.
				expect(o.pagination).toBe('none');
				continue;
			}
			expect({ op: o.path, p: o.pagination }).toEqual({ op: o.path, p: 'nextPage' });
			expect(o.maxPageSize).toBe(o.path === '/v3/spend/transactions' ? 50 : 100);
		}
		const users = spendLists.find((o) => o.path === '/v3/spend/users')!;
		expect(users.sort).toBeFalsy();
		expect(spendLists.find((o) => o.path === '/v3/spend/budgets')!.sort).toBe(true);
	});

	it('sends the organizationId header on partner user, role and risk-verification calls', () => {
		const partnerOps = partnerResources.flatMap((r) => r.operations);
		for (const o of partnerOps) {
			const scoped = /^\/v3\/partner\/(users|roles|risk-verifications)/.test(o.path);
			const header = (o.headers ?? []).find((h) => h.name === 'organizationId');
			expect({ op: o.path, header: !!header }).toEqual({ op: o.path, header: scoped });
			if (header) expect(header.required).toBe(true);
		}
	});

	it('pages webhook lists with page and sends X-Idempotent-Key where BILL requires it', () => {
		const whOps = webhooksResources.flatMap((r) => r.operations);
		for (const o of whOps.filter((x) => x.kind === 'list' && x.path !== '/v3/events/catalog')) expect(o.pagination).toBe('page');
		const idem = whOps.filter((o) => o.idempotencyKey).map((o) => `${o.method} ${o.path}`);
		expect(idem.sort()).toEqual(['POST /v3/subscriptions', 'POST /v3/subscriptions/{subscriptionId}/security_key']);
	});

	it('routes partner login through the credential and keeps login-as-user free of the session', () => {
		const login = allOperations.find((o) => o.path === '/v3/partner/login')!;
		expect(login.noAuth).toBe(true);
		expect(login.body ?? []).toHaveLength(0);
		const asUser = allOperations.find((o) => o.path === '/v3/partner/login-as-user')!;
		expect(asUser.resource).toBe('partnerSession');
		expect(asUser.operation).toBe('loginAsUser');
		expect(asUser.hint).toMatch(/Partner: Log In as User/);
		expect((asUser.body ?? []).map((f) => f.name)).toEqual(expect.arrayContaining(['userId', 'organizationId']));
	});

	it('sends bill approval decisions as BILL\'s array body, one bill per input item', () => {
		const act = allOperations.find((o) => o.path === '/v3/bill-approvals/actions')!;
		expect(act.kind).toBe('updateMany');
		expect(act.bulk?.request ?? 'array').toBe('array');
		expect((act.body ?? []).map((f) => f.name)).toEqual(['billId', 'action', 'comment']);
		const action = act.body!.find((f) => f.name === 'action')!;
		expect((action.options ?? []).map((x) => (typeof x === 'string' ? x : x.value))).toEqual(['APPROVE', 'DENY']);
		const pending = allOperations.find((o) => o.path === '/v3/bill-approvals/pending-user-approvals')!;
		// BILL answers {bills: [...]} in one response: a `get` whose `bills` become the output items.
		expect(pending.kind).toBe('get');
		expect(pending.response?.unwrap).toBe('bills');
	});

	it('uses BILL\'s bulk shapes for credit memos and vendor credits', () => {
		for (const [base, k] of [
			['/v3/credit-memos', 'creditMemos'],
			['/v3/vendor-credits', 'vendorCredits'],
		]) {
			const bulk = allOperations.filter((o) => o.path.startsWith(`${base}/bulk`));
			for (const o of bulk) expect(o.bulk?.responseKey).toBe(k);
			for (const o of bulk.filter((x) => x.path.endsWith('/archive') || x.path.endsWith('/restore'))) expect(o.bulk?.request).toBe('idsQuery');
			const createMany = bulk.find((o) => o.method === 'POST' && o.path === `${base}/bulk`)!;
			expect(createMany.bulk?.limit).toBe(50);
			for (const o of bulk.filter((x) => x.kind === 'updateMany' || x.kind === 'replaceMany')) expect(o.body?.[0]).toMatchObject({ required: true });
		}
	});

	it.each(families)('keeps %s operations on their own credential family', (api) => {
		for (const r of mine.filter((x) => x.api === api)) for (const o of r.operations) expect(o.api).toBe(api);
	});
});
