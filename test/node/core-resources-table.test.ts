/**
 * Table-level checks for the Connect core resources (classifications, AR, network, organization,
 * users, roles, session, MFA, risk verification, health): every catalog endpoint of these groups
 * has exactly one operation with BILL's method and path, and the definitions are consistent.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FieldDef, OperationDef } from '../../nodes/Bill/catalog/types';
import { isEndpoint } from '../../nodes/Bill/catalog/kinds';
import { resources } from '../../nodes/Bill/resources';

interface CatalogEntry {
	api: string;
	group: string;
	method: string;
	path: string;
	pathParams: string[];
	queryParams: Array<{ name: string; required: boolean }>;
	bodyFields: Array<{ name: string; required: boolean | null }>;
}

const CORE_GROUPS = new Set([
	'authentication',
	'chart of accounts',
	'accounting classes',
	'departments',
	'employees',
	'items',
	'jobs',
	'locations',
	'customers',
	'health',
	'invoices',
	'mfa',
	'network',
	'organizations',
	'risk verifications',
	'roles',
	'organization users',
]);

const catalog: CatalogEntry[] = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/endpoints.json'), 'utf8'));
const coreEndpoints = catalog.filter((e) => e.api === 'connect' && CORE_GROUPS.has(e.group));
/** The Connect core resources, with the operations of BILL's reference menu (not those BILL added later). */
const CORE_RESOURCES = ['customer', 'invoice', 'chartOfAccount', 'accountingClass', 'department', 'employee', 'item', 'job', 'location', 'network', 'organization', 'user', 'role', 'session', 'mfa', 'riskVerification', 'health'];
const coreResources = resources.filter((r) => CORE_RESOURCES.includes(r.value)).map((r) => ({ ...r, operations: r.operations.filter((o) => o.source !== 'postman' && o.source !== 'changelog' && isEndpoint(o)) }));
/** The classifications: the resources under `/v3/classifications/`. */
const classificationResources = coreResources.filter((r) => r.operations.every((o) => o.path.startsWith('/v3/classifications/')));
const ops: OperationDef[] = coreResources.flatMap((r) => r.operations);
const key = (o: { method: string; path: string }) => `${o.method} ${o.path}`;

describe('Connect core table of operations', () => {
	it('covers the 120 core endpoints, each with exactly one operation', () => {
		expect(coreEndpoints).toHaveLength(120);
		for (const e of coreEndpoints) {
			const matching = ops.filter((o) => key(o) === key(e));
			expect({ endpoint: key(e), count: matching.length }).toEqual({ endpoint: key(e), count: 1 });
		}
		expect(ops).toHaveLength(120);
	});

	it('has unique, well-formed resource/operation values', () => {
		const values = ops.map((o) => `${o.resource}.${o.operation}`);
		expect(new Set(values).size).toBe(values.length);
		for (const r of coreResources) {
			expect(r.value).toMatch(/^[a-z][A-Za-z]*$/);
			for (const o of r.operations) {
				expect(o.resource).toBe(r.value);
				expect(o.api).toBe('connect');
				expect(o.operation).toMatch(/^[a-z][A-Za-z]*$/);
				expect(o.name).toMatch(/^[A-Z]/);
				expect(o.description.length).toBeGreaterThan(10);
			}
		}
	});

	it('declares one path parameter per {placeholder}, named as in the catalog', () => {
		for (const e of coreEndpoints) {
			const op = ops.find((o) => key(o) === key(e))!;
			const placeholders = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
			expect((op.pathParams ?? []).map((p) => p.name)).toEqual(placeholders);
			expect(placeholders).toEqual(e.pathParams);
			for (const p of op.pathParams ?? []) expect(p.required).toBe(true);
		}
	});

	it('sends every required catalog body and query field (or documents why not)', () => {
		// Login's credentials come from the node credential, not from node fields.
		const credentialFields = new Set(['POST /v3/login']);
		// Required in the catalog, no longer required by BILL (changelog 2026-02-06, in force since
		// 2026-03-30): `primary` is optional and may only be true, so the node leaves it out.
		const noLongerRequired = new Set(['POST /v3/mfa/setup primary']);
		for (const e of coreEndpoints) {
			if (credentialFields.has(key(e))) continue;
			const op = ops.find((o) => key(o) === key(e))!;
			const bodyNames = new Set((op.body ?? []).map((f) => f.name));
			for (const f of e.bodyFields) {
				if (f.required && !noLongerRequired.has(`${key(e)} ${f.name}`)) expect({ endpoint: key(e), field: f.name, present: bodyNames.has(f.name) }).toEqual({ endpoint: key(e), field: f.name, present: true });
			}
			const queryNames = new Set((op.query ?? []).map((f) => f.name));
			if (op.bulk?.request === 'idsQuery') queryNames.add('ids');
			for (const q of e.queryParams) {
				if (['max', 'page', 'filters', 'sort'].includes(q.name)) continue;
				expect({ endpoint: key(e), query: q.name, present: queryNames.has(q.name) }).toEqual({ endpoint: key(e), query: q.name, present: true });
			}
		}
	});

	it('gives every classification ten operations with bulk settings BILL documents', () => {
		expect(classificationResources.map((r) => r.value)).toEqual([
			'chartOfAccount',
			'accountingClass',
			'department',
			'employee',
			'item',
			'job',
			'location',
		]);
		for (const r of classificationResources) {
			expect(r.operations.map((o) => o.operation).sort()).toEqual(
				['archive', 'archiveMany', 'create', 'createMany', 'get', 'getAll', 'restore', 'restoreMany', 'update', 'updateMany'].sort(),
			);
			const createMany = r.operations.find((o) => o.operation === 'createMany')!;
			expect(createMany.bulk?.limit).toBe(50);
			const archiveMany = r.operations.find((o) => o.operation === 'archiveMany')!;
			expect(archiveMany.bulk?.request).toBe('idsQuery');
			// The node's own per-item ID parameter fills BILL's `ids` query (no table field for it).
			expect(archiveMany.query).toBeUndefined();
			const updateMany = r.operations.find((o) => o.operation === 'updateMany')!;
			expect(updateMany.body?.[0]).toMatchObject({ name: 'id', required: true });
			expect(r.locator?.idPrefix).toBe(r.operations.find((o) => o.operation === 'get')!.pathParams![0].idPrefix);
		}
		const coa = classificationResources[0];
		expect(coa.locator?.idPrefix).toBe('0ca');
		expect(coa.operations.find((o) => o.operation === 'createMany')!.bulk?.responseKey).toBe('chartOfAccounts');
	});

	it('gives resource locators to customers, invoices and classifications, and locator fields name real resources', () => {
		const byValue = new Map(coreResources.map((r) => [r.value, r]));
		expect(byValue.get('customer')?.locator?.idPrefix).toBe('0cu');
		expect(byValue.get('invoice')?.locator?.idPrefix).toBe('00e');
		const known = new Set([...coreResources.map((r) => r.value), 'vendor']);
		const walk = (fields: FieldDef[] | undefined): void => {
			for (const f of fields ?? []) {
				if (f.locator) expect(known.has(f.locator)).toBe(true);
				if (f.type === 'options' || f.type === 'multiOptions') expect((f.options ?? []).length + (f.optionList ? 1 : 0)).toBeGreaterThan(0);
				if (f.type === 'object' || f.type === 'array') {
					expect((f.fields ?? []).length).toBeGreaterThan(0);
					walk(f.fields);
				}
			}
		};
		for (const o of ops) [o.pathParams, o.query, o.body, o.headers].forEach(walk);
		for (const r of coreResources) {
			if (!r.locator?.urlRegex) continue;
			const re = new RegExp(r.locator.urlRegex);
			const sample = `https://app02.us.bill.com/p/${r.locator.idPrefix}01ABCDEFGHIJKLMN`;
			expect(re.exec(sample)?.[1]).toBe(`${r.locator.idPrefix}01ABCDEFGHIJKLMN`);
		}
	});

	it('marks the email/text senders with a hint and login as credential-driven', () => {
		for (const p of [
			'POST /v3/invoices/{invoiceId}/email',
			'POST /v3/network/invitation/customer/{customerId}',
			'POST /v3/network/invitation/vendor/{vendorId}',
			'POST /v3/mfa/challenge',
		]) {
			expect(ops.find((o) => key(o) === p)?.hint).toMatch(/5 per minute/);
		}
		expect(ops.find((o) => key(o) === 'POST /v3/login')?.noAuth).toBe(true);
		expect(ops.filter((o) => o.noAuth)).toHaveLength(1);
		expect(ops.find((o) => key(o) === 'POST /v3/mfa/challenge/validate')?.hint).toMatch(/Remember Me ID/);
	});
});
