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
import * as http from 'http';
import type { AddressInfo } from 'net';
import { NodeHelpers, type INode, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import type { FieldDef, OperationDef } from '../nodes/Bill/catalog/types';
import { Bill } from '../nodes/Bill/Bill.node';
import { bulkOfIds, isBulk } from '../nodes/Bill/catalog/kinds';
import { allOperations, findResource, resources } from '../nodes/Bill/resources';
import { INSTANT_DOCUMENT_PROCESSING, SEED } from './emulator/config';
import { BILL_NETWORK_ID, EmuApi, makeWorld, OPERATION_SETUPS, rl, type World } from './fixtures/operation-setups';
import type { RunResult } from './harness';
import { startBill, type BillTestContext } from './support/bill';

/**
 * Operations that fail because of a defect outside this test (see the report of each entry).
 * `resource:operation` → what is wrong and where.
 */
const KNOWN_BUGS: Record<string, string> = {};

let t: BillTestContext;
let api: EmuApi;
/** Webhook notifications go to this local receiver (never to the internet). */
let receiver: http.Server;
let hookUrl: string;
beforeAll(async () => {
	// Every S&E operation plus its set-up calls run within a few seconds: the per-minute S&E limit
	// (tested in the emulator and transport tests) is lifted for this run, and bill documents are
	// processed at once (BILL's few minutes are tested in the document tests).
	t = await startBill({ httpsOnlyWebhooks: false, spendPerMinute: 1_000_000, documentProcessing: { ...INSTANT_DOCUMENT_PROCESSING } });
	api = new EmuApi(t);
	receiver = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => res.end('ok'));
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	await t.stop();
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
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

/** IDs that name the caller itself: its organization (BILL refuses any other), a network directory entry. */
function fixedId(field: FieldDef): string | undefined {
	if (field.name === 'organizationId' || field.locator === 'partnerOrganization' || field.idPrefix === '008') return SEED.organizationId;
	if (field.name === 'networkId') return BILL_NETWORK_ID;
	if (field.name === 'rememberMeId') return SEED.rememberMeId;
	return undefined;
}

/**
 * The record an ID field names, seeded in the collection it refers to (the caller's organization):
 * `id` is how the emulator links records, `ref` how a client names it (an S&E record's UUID).
 */
function recordFor(field: FieldDef, op: OperationDef, w: World): { id: string; ref: string } {
	const fixed = fixedId(field);
	if (fixed) return { id: fixed, ref: fixed };
	const pick = (rec: { id: string }) => ({ id: rec.id, ref: w.ref(rec as never) });
	const byName = field.locator ?? resourceByIdName(field.name, op);
	if (byName) return pick(w.seed(byName));
	if (field.idPrefix) {
		const owner = resources.find((r) => r.locator?.idPrefix === field.idPrefix);
		if (owner) return pick(w.seed(owner.value));
		if (field.idPrefix === '006') return { id: SEED.userId, ref: SEED.userId };
	}
	// `id` of a bulk element, or an ID of something the table has no resource for: a record of the op's own collection.
	return pick(w.insert(t.emu.routeOf(op).collection, { name: 'Seeded' }, field.idPrefix));
}

const idFor = (field: FieldDef, op: OperationDef, w: World): string => recordFor(field, op, w).ref;

/* ------------------------------------------------------------------ values by type and name */

function stringByName(field: FieldDef, w: World): string {
	const n = field.name.toLowerCase();
	if (n.includes('email') || n === 'to' || n === 'cc') return w.email();
	if (n.includes('url')) return w.hookUrl();
	if (n === 'device') return SEED.device;
	if (n.includes('phone')) return '4155550123';
	if (n === 'country') return 'US';
	if (n.includes('currency')) return 'USD';
	if (n === 'state') return 'CA';
	if (n.includes('zip') || n.includes('postal')) return '95110';
	if (n.includes('routingnumber')) return '074000010';
	if (n.includes('accountnumber')) return '123456789';
	if (n.includes('filename')) return 'receipt.png';
	if (/date$/.test(n)) return w.date(7);
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
			return w.date(7);
		case 'dateTime':
			return `${w.date(7)}T00:00:00.000Z`;
		case 'options':
			return field.default ?? (typeof field.options?.[0] === 'string' ? field.options[0] : field.options?.[0]?.value);
		case 'multiOptions':
			return [typeof field.options?.[0] === 'string' ? field.options[0] : field.options?.[0]?.value];
		case 'stringList':
			if (/Ids$/.test(field.name) || field.idPrefix) return idFor({ ...field, name: field.name.replace(/s$/, '') }, op, w);
			if (/email|^to$|^cc$/i.test(field.name)) return w.email();
			// People (budget owners, policy approvers): users of the organization or S&E company.
			if (/^(owners|members|observers|approvers)$/.test(field.name)) return w.ref(w.seed(op.api === 'spend' ? 'spendUser' : 'user'));
			return field.placeholder ?? 'a,b';
		case 'json':
			return '{}';
		case 'object':
			return sampleObject(field.fields ?? [], op, w, false);
		case 'array':
			return { values: [sampleObject(field.fields ?? [], op, w, true)] };
		default:
			return stringByName(field, w);
	}
}

/**
 * Required children. When none is required: an object with an `id` refers to a record (`customer: {id}`);
 * otherwise one meaningful field (an array row's amount or name: its `id` would name an existing row).
 */
function sampleObject(fields: FieldDef[], op: OperationDef, w: World, row: boolean): Record<string, unknown> {
	const chosen = fields.filter((f) => f.required);
	const id = fields.find((f) => f.name === 'id');
	if (!chosen.length && id && !row) chosen.push(id);
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
		const rec = recordFor(p, op, w);
		scope[p.name] = rec.id;
		params[p.name] = rl(rec.ref);
	}
	// As the emulator stores what a path creates: the scope as fields and as `_scope`.
	const scoped = Object.keys(scope).length ? { ...scope, _scope: scope } : {};
	// A file to download (the emulator serves it at the record's `downloadLink`).
	const file = op.kind === 'download' ? { downloadLink: t.emu.addDownload(Buffer.from('coverage'), 'coverage.txt', 'text/plain', SEED.organizationId) } : {};
	if (own) {
		const fixed = fixedId(own);
		const ownResource = own.locator ?? resourceByIdName(own.name, op);
		const sameCollection = !ownResource || resourceCollection(ownResource).collection === route.collection;
		let ref: string;
		if (fixed) ref = fixed;
		else if (sameCollection && ownResource) ref = w.ref(w.seed(ownResource, { ...scoped, ...file }));
		else if (sameCollection) ref = w.ref(w.insert(route.collection, { name: 'Seeded', ...scoped, ...file }, own.idPrefix));
		else {
			// The path names a record of another resource (`/members/{userId}`): that record, and this collection's entry for it.
			const rec = recordFor(own, op, w);
			w.insert(route.collection, { [own.name]: rec.id, name: 'Seeded', ...scoped, ...file });
			ref = rec.ref;
		}
		params[own.name] = rl(ref);
	} else if (Object.keys(scope).length && TARGET_KINDS.includes(op.kind)) {
		// A singleton below its owner (`/v3/vendors/{vendorId}/bank-account`).
		w.insert(route.collection, { name: 'Seeded', ...scoped, ...file });
	}
	// Bulk envelope: fields sent once per request beside the elements (payments bulk: the funding account).
	const envelope = typeof op.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [];
	for (const f of [...(op.query ?? []), ...(op.headers ?? []), ...(op.body ?? []), ...envelope]) if (f.required) params[f.name] = sample(f, op, w) as never;
	if (op.kind === 'list') Object.assign(params, { returnAll: false, limit: 5 });
	let items: INodeExecutionData[] = [{ json: {} }];
	if (isBulk(op) && bulkOfIds(op)) {
		params.id = w.ref(w.insert(route.collection, { name: 'Seeded' }, resourceCollection(op.resource).prefix));
	} else if (isBulk(op)) {
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
	const full = NodeHelpers.getNodeParameters(billNodeType.description.properties, all, true, false, { typeVersion: 1 }, billNodeType.description) ?? all;
	const node = { id: 'x', name: 'BILL', type: 'bill', typeVersion: 1, position: [0, 0], parameters: full } as INode;
	const issues = NodeHelpers.getNodeParametersIssues(billNodeType.description.properties, node, billNodeType.description);
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
		const w = makeWorld(t, api, op, hookUrl, resourceCollection);
		const synthesised = paramsFor(op, w);
		const setup = (await OPERATION_SETUPS[label]?.(w, synthesised.params)) ?? {};
		await runAndCheck(op, { ...synthesised.params, ...(setup.params ?? {}) }, setup.items ?? synthesised.items, KNOWN_BUGS[label]);
	});

	// The loop names S&E records by UUID (what BILL recommends); their BILL-generated IDs work too.
	test('budget:get with the BILL-generated ID of the budget (base64, may end in "=")', async () => {
		const op = allOperations.find((o) => o.resource === 'budget' && o.operation === 'get')!;
		const w = makeWorld(t, api, op, hookUrl, resourceCollection);
		let id = t.emu.idFor('spend/budgets');
		while (!id.endsWith('=')) id = t.emu.idFor('spend/budgets');
		w.seed('budget', { id });
		await runAndCheck(op, { budgetId: rl(id) }, [{ json: {} }]);
	});
});

/** Runs the operation; fails unless it succeeds and reaches the emulator (or, for a known bug, with its reason). */
async function runAndCheck(op: OperationDef, params: INodeParameters, items: INodeExecutionData[], known?: string): Promise<void> {
	const logStart = t.emu.requestLog.length;
	let r: RunResult | undefined;
	let thrown = '';
	try {
		r = await t.runOp(op.resource, op.operation, params, items);
	} catch (error) {
		// n8n refuses a workflow whose parameters have issues: say which.
		thrown = `${(error as Error).message} ${parameterIssues(op, params)}`;
	}
	const seen = t.emu.requestLog.slice(logStart).some((e) => e.method === op.method && templateRegex(op.path).test(e.path));
	const problem = !r
		? `${op.method} ${op.path}: ${thrown}`
		: !r.success
			? `${op.method} ${op.path}: ${r.error?.message} — ${r.error?.description ?? ''}`.trim()
			: !op.noAuth && !seen
				? `${op.method} ${op.path} never reached the emulator`
				: undefined;

	if (known && problem) throw new Error(`KNOWN BUG (${known}) — ${problem}`);
	if (known) throw new Error(`Listed in KNOWN_BUGS (${known}) but now passes: remove the entry`);
	if (problem) throw new Error(problem);
	expect(r?.success).toBe(true);
	if (!op.noAuth) expect(seen).toBe(true);
}
