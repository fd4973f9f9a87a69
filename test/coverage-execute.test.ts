/**
 * Coverage, executed: every operation of the table runs once through the in-process n8n harness
 * against the emulator. Parameters are synthesised from the table itself: required fields filled by
 * type and by name (emails, phones, URLs, countries, dates…), every ID field (resource locator,
 * ID prefix, or a name ending in `Id`) pointing at a record seeded in the right emulator collection
 * of the caller's organization. Operations that need real state (a bill with a due amount before a
 * payment, an MFA setup id, …) get it from test/fixtures/operation-setups.ts.
 *
 * Each operation must succeed and must reach BILL (the emulator) with its method and path.
 * Operations that fail because of a known defect of the node or the emulator are listed in
 * KNOWN_BUGS: they still run, and fail with the recorded reason (or tell you to remove the entry
 * once they pass).
 */
import { NodeHelpers, type INode, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import type { FieldDef, OperationDef } from '../nodes/Bill/catalog/types';
import { Bill } from '../nodes/Bill/Bill.node';
import { BULK_KINDS, ID_LIST_KINDS } from '../nodes/Bill/helpers/description';
import { allOperations, findResource, resources } from '../nodes/Bill/resources';
import { SEED } from './emulator/config';
import { EmuApi, makeWorld, OPERATION_SETUPS, rl, type World } from './fixtures/operation-setups';
import { startBill, type BillTestContext } from './support/bill';

/**
 * Operations that fail because of a defect outside this test (see the report of each entry).
 * `resource:operation` → what is wrong and where.
 */
const KNOWN_BUGS: Record<string, string> = {};

let t: BillTestContext;
let api: EmuApi;
beforeAll(async () => {
	// Every S&E operation plus its set-up calls run within a few seconds: the per-minute S&E limit
	// (tested in the emulator and transport tests) is lifted for this run.
	t = await startBill({ httpsOnlyWebhooks: false, spendPerMinute: 1_000_000 });
	api = new EmuApi(t);
});
afterAll(async () => {
	await t.stop();
});

/* ------------------------------------------------------------------ where records live */

/** Collection and ID prefix of a resource's records (the collection behind its Get). */
function resourceCollection(value: string): { collection: string; prefix?: string } {
	const resource = findResource(value);
	if (!resource) throw new Error(`No resource ${value}`);
	const withPath = resource.operations.filter((o) => o.pathParams?.length);
	const getOp =
		withPath.find((o) => o.kind === 'get' && t.emu.routeOf(o).idParam) ??
		withPath.find((o) => t.emu.routeOf(o).idParam) ??
		resource.operations.find((o) => o.kind === 'list') ??
		resource.operations[0];
	const route = t.emu.routeOf(getOp);
	const idField = getOp.pathParams?.find((p) => p.name === route.idParam);
	return { collection: route.collection, prefix: resource.locator?.idPrefix ?? idField?.idPrefix };
}

/** Resource of the table a field named `<resource>Id` refers to (`vendorId` → vendor). */
function resourceByIdName(name: string, op: OperationDef): string | undefined {
	const m = /^(.+)Id$/.exec(name);
	if (!m) return undefined;
	if (op.api === 'spend' && m[1] === 'user') return 'spendUser';
	return resources.find((r) => r.value === m[1] && r.api === op.api)?.value ?? resources.find((r) => r.value === m[1])?.value;
}

const isIdField = (f: FieldDef) => !!(f.locator || f.idPrefix || /Id$/.test(f.name) || f.name === 'id');

/** An ID for an ID field: a record seeded in the collection it refers to (the caller's organization). */
function idFor(field: FieldDef, op: OperationDef, w: World): string {
	if (field.name === 'organizationId' || field.locator === 'partnerOrganization' || field.idPrefix === '008') return SEED.organizationId;
	const byName = field.locator ?? resourceByIdName(field.name, op);
	if (byName) return w.seed(byName).id;
	if (field.idPrefix) {
		const owner = resources.find((r) => r.locator?.idPrefix === field.idPrefix);
		if (owner) return w.seed(owner.value).id;
		if (field.idPrefix === '006') return SEED.userId;
	}
	// `id` of a bulk element, or an ID of something the table has no resource for: a record of the op's own collection.
	const route = t.emu.routeOf(op);
	return w.insert(route.collection, { name: 'Seeded' }, field.idPrefix).id;
}

/* ------------------------------------------------------------------ values by type and name */

function stringByName(field: FieldDef): string {
	const n = field.name.toLowerCase();
	if (n.includes('email') || n === 'to' || n === 'cc') return 'ap@example.com';
	if (n.includes('url')) return 'https://example.com/hook';
	if (n.includes('phone')) return '4155550123';
	if (n === 'country') return 'US';
	if (n.includes('currency')) return 'USD';
	if (n === 'state') return 'CA';
	if (n.includes('zip') || n.includes('postal')) return '95110';
	if (n.includes('routingnumber')) return '074000010';
	if (n.includes('accountnumber')) return '123456789';
	if (n.includes('filename')) return 'receipt.png';
	if (/date$/.test(n)) return '2026-12-01';
	if (n === 'version') return '1';
	return 'Sample';
}

function sample(field: FieldDef, op: OperationDef, w: World): unknown {
	if (field.locator) return rl(idFor(field, op, w));
	if (field.type === 'string' && isIdField(field)) return idFor(field, op, w);
	switch (field.type) {
		case 'number':
			return field.min ?? (/amount|limit|price/i.test(field.name) ? 10 : 1);
		case 'boolean':
			return true;
		case 'date':
			return '2026-12-01';
		case 'dateTime':
			return '2026-12-01T00:00:00.000Z';
		case 'options':
			return field.default ?? (typeof field.options?.[0] === 'string' ? field.options[0] : field.options?.[0]?.value);
		case 'multiOptions':
			return [typeof field.options?.[0] === 'string' ? field.options[0] : field.options?.[0]?.value];
		case 'stringList':
			return /Ids$/.test(field.name) || field.idPrefix ? idFor({ ...field, name: field.name.replace(/s$/, '') }, op, w) : /email|^to$|^cc$/i.test(field.name) ? 'ap@example.com' : 'a,b';
		case 'json':
			return '{}';
		case 'object':
			return sampleObject(field.fields ?? [], op, w);
		case 'array':
			return { values: [sampleObject(field.fields ?? [], op, w)] };
		default:
			return stringByName(field);
	}
}

/** Required children; when none is required, one meaningful field (an amount or a name rather than an ID). */
function sampleObject(fields: FieldDef[], op: OperationDef, w: World): Record<string, unknown> {
	const chosen = fields.filter((f) => f.required);
	if (!chosen.length && fields.length) {
		const scalar = fields.filter((f) => f.type !== 'object' && f.type !== 'array' && !isIdField(f));
		chosen.push(scalar.find((f) => /amount/i.test(f.name)) ?? scalar.find((f) => /name|description/i.test(f.name)) ?? scalar[0] ?? fields[0]);
	}
	return Object.fromEntries(chosen.map((f) => [f.name, sample(f, op, w)]));
}

/* ------------------------------------------------------------------ parameters of one operation */

const TARGET_KINDS = ['get', 'update', 'replace', 'delete', 'archive', 'restore', 'download', 'action'];

function paramsFor(op: OperationDef, w: World): { params: INodeParameters; items: INodeExecutionData[] } {
	const params: INodeParameters = {};
	const route = t.emu.routeOf(op);
	const own = op.pathParams?.find((p) => p.name === route.idParam);
	// Scope first (`/v3/spend/budgets/{budgetId}/members/{userId}`: the budget), then the record the path names, within it.
	const scope: Record<string, string> = {};
	for (const p of op.pathParams ?? []) {
		if (p === own) continue;
		scope[p.name] = idFor(p, op, w);
		params[p.name] = rl(scope[p.name]);
	}
	if (own) {
		const ownResource = own.locator ?? resourceByIdName(own.name, op);
		const sameCollection = !ownResource || resourceCollection(ownResource).collection === route.collection;
		let id: string;
		if (sameCollection && ownResource) id = w.seed(ownResource, scope).id;
		else if (sameCollection) id = w.insert(route.collection, { name: 'Seeded', ...scope }, own.idPrefix).id;
		else {
			// The path names a record of another resource (`/members/{userId}`): that record, and this collection's entry for it.
			id = idFor(own, op, w);
			w.insert(route.collection, { [own.name]: id, name: 'Seeded', ...scope });
		}
		params[own.name] = rl(id);
	} else if (Object.keys(scope).length && TARGET_KINDS.includes(op.kind)) {
		// A singleton below its owner (`/v3/vendors/{vendorId}/bank-account`).
		w.insert(route.collection, { name: 'Seeded', ...scope });
	}
	for (const f of [...(op.query ?? []), ...(op.headers ?? []), ...(op.body ?? [])]) if (f.required) params[f.name] = sample(f, op, w) as never;
	if (op.kind === 'list') Object.assign(params, { returnAll: false, limit: 5 });
	let items: INodeExecutionData[] = [{ json: {} }];
	if (ID_LIST_KINDS.includes(op.kind)) {
		params.id = w.insert(route.collection, { name: 'Seeded' }, resourceCollection(op.resource).prefix).id;
	} else if (BULK_KINDS.includes(op.kind)) {
		items = [{ json: {} }, { json: {} }];
	}
	if (op.kind === 'upload') {
		params.binaryPropertyName = 'data';
		items = [{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'hello.txt' } } }];
	}
	return { params, items };
}

/* ------------------------------------------------------------------ diagnostics */

const billNodeType = new Bill();

/** Parameter issues n8n would refuse the workflow for (named in the failure instead of "the workflow has issues"). */
function parameterIssues(op: OperationDef, params: INodeParameters): string {
	const all = { resource: op.resource, operation: op.operation, ...params };
	const full = NodeHelpers.getNodeParameters(billNodeType.description.properties, all, true, false, null) ?? all;
	const node = { id: 'x', name: 'BILL', type: 'bill', typeVersion: 1, position: [0, 0], parameters: full } as INode;
	const issues = NodeHelpers.getNodeParametersIssues(billNodeType.description.properties, node, null);
	return issues ? JSON.stringify(issues.parameters) : '';
}

const templateRegex = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);

/* ------------------------------------------------------------------ the test */

describe('every operation executes against the emulator', () => {
	test('every known bug names an operation of the table', () => {
		const names = new Set(allOperations.map((o) => `${o.resource}:${o.operation}`));
		expect(Object.keys(KNOWN_BUGS).filter((k) => !names.has(k))).toEqual([]);
		expect(Object.keys(OPERATION_SETUPS).filter((k) => !names.has(k))).toEqual([]);
	});

	test.each(allOperations.map((o) => [`${o.resource}:${o.operation}`, o] as const))('%s', async (label, op) => {
		const w = makeWorld(t, api, op, resourceCollection);
		const synthesised = paramsFor(op, w);
		const setup = (await OPERATION_SETUPS[label]?.(w, synthesised.params)) ?? {};
		const params = { ...synthesised.params, ...(setup.params ?? {}) };
		const items = setup.items ?? synthesised.items;

		const logStart = t.emu.requestLog.length;
		const r = await t.runOp(op.resource, op.operation, params, items);
		const seen = t.emu.requestLog.slice(logStart).some((e) => e.method === op.method && templateRegex(op.path).test(e.path));
		const problem = !r.success
			? `${op.method} ${op.path}: ${r.error?.message} — ${r.error?.description ?? ''} ${parameterIssues(op, params)}`.trim()
			: !op.noAuth && !seen
				? `${op.method} ${op.path} never reached the emulator`
				: undefined;

		const known = KNOWN_BUGS[label];
		if (known && problem) throw new Error(`KNOWN BUG (${known}) — ${problem}`);
		if (known) throw new Error(`Listed in KNOWN_BUGS (${known}) but now passes: remove the entry`);
		if (problem) throw new Error(problem);
		expect(r.success).toBe(true);
		if (!op.noAuth) expect(seen).toBe(true);
	});
});
