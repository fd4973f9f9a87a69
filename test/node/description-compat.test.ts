/**
 * The node's description may be re-laid-out (shared parameters, merged display conditions, long
 * lists through load-options methods) but users must see the same form and their saved workflows
 * must keep every value. Both are checked against what was saved from main before the change
 * (scripts/save-description.ts, scripts/save-workflow.ts):
 *
 * - description-main.json.gz: for every operation, the parameters the editor shows (effective
 *   parameters: test/support/effective.ts), in form order, with every name, type, default,
 *   option, hint, notice and description;
 * - workflow-main.json.gz: one saved node per operation with every field, option, filter and sort
 *   filled; n8n must resolve each stored value unchanged against today's description;
 * - examples/*.json: the example workflows.
 *
 * Intended differences are written once, in INTENDED below, each with its reason.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Bill } from '../../nodes/Bill/Bill.node';
import { isEndpoint } from '../../nodes/Bill/catalog/kinds';
import { allOperations } from '../../nodes/Bill/resources';
import { OPTION_LISTS, type OptionListMethod } from '../../nodes/Bill/catalog/lists';
import type { FieldDef } from '../../nodes/Bill/catalog/types';
import { canonical, effectiveParameters, operationsOf, type OperationKey } from '../support/effective';

const bill = new Bill();
const description = bill.description;
const fixture = (name: string) => JSON.parse(gunzipSync(readFileSync(join(__dirname, '..', 'fixtures', name))).toString('utf8'));
const saved = fixture('description-main.json.gz') as { savedFrom: string; operations: Array<OperationKey & { params: unknown[] }> };
const workflow = fixture('workflow-main.json.gz') as { nodes: Array<{ name: string; parameters: INodeParameters }> };

/**
 * Differences from main that are intended: each rewrites main's effective parameters of an
 * operation into what is shown now. Nothing here may drop a parameter, option, hint or notice.
 */
const INTENDED: Array<{ why: string; apply: (params: unknown[], key: OperationKey) => unknown[] }> = [
	{
		why: 'Long lists (160 currencies in 20 fields) come from one load-options method with the same values (tested below)',
		apply: (params) => mapParams(params, (p) => {
			const values = Array.isArray(p.options) ? (p.options as Array<{ value?: unknown }>).map((o) => o.value) : [];
			const method = Object.entries(OPTION_LISTS).find(([, l]) => p.type === 'options' && values.length === l.values.length && l.values.every((v) => values.includes(v)))?.[0];
			if (!method) return p;
			const { options: _options, ...rest } = p;
			const what = OPTION_LISTS[method as OptionListMethod].what;
			const description = `${p.description ? `${String(p.description)}. ` : ''}Choose from the list, or specify a ${what} using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`;
			return { ...rest, description, typeOptions: { loadOptionsMethod: method } };
		}),
	},
	{
		why: "n8n's sentence for lists from a method (\"Choose from the list, or specify an ID using an expression\") only on top-level parameters, not on the nested ones repeated in every line (25 KB)",
		apply: (params) =>
			mapParams(params, (p, depth) => {
				if (depth === 0 || typeof p.description !== 'string' || !(p.typeOptions as { loadOptionsMethod?: string } | undefined)?.loadOptionsMethod) return p;
				const description = p.description.replace(/\.? ?Choose from the list, or specify .* using an <a href="https:\/\/docs.n8n.io\/code\/expressions\/">expression<\/a>\.$/, '');
				const { description: _d, ...rest } = p;
				return description ? { ...rest, description } : rest;
			}),
	},
	{
		why: "Resource locators' From List mode without `searchFilterRequired: false` (n8n's default)",
		apply: (params) =>
			mapParams(params, (p) => {
				if (p.type !== 'resourceLocator') return p;
				const modes = (p.modes as Array<Record<string, unknown>>).map((m) => {
					const typeOptions = m.typeOptions as Record<string, unknown> | undefined;
					if (!typeOptions || !('searchFilterRequired' in typeOptions)) return m;
					const { searchFilterRequired: _s, ...keep } = typeOptions;
					return { ...m, typeOptions: keep };
				});
				return { ...p, modes };
			}),
	},
	{
		why: "Rows of a line-item list (fixedCollection values) no longer show values that are not sent: an optional number shows empty (default null) instead of 0.00, an optional yes/no offers BILL's Default (not sent) besides Yes and No",
		apply: (params, key) => {
			const required = requiredRowValues(key);
			return params.map((p) => mapRows(p, (v, row) => rowValue(v, required.has(`${row}.${String(v.name)}`))));
		},
	},
	{
		why: "Required groups are marked as n8n can: a required row list carries n8n's minRequiredFields (a warning on its label and on the node until a row is added); a required collection shows its required fields at once (its default holds them, empty), since n8n marks no collection required",
		apply: (params, key) => {
			const groups = requiredGroups(key);
			return mapParams(params, (p, depth) => {
				if (depth !== 0 || !p.required) return p;
				if (p.type === 'fixedCollection') return { ...p, typeOptions: { ...(p.typeOptions as object), minRequiredFields: 1 } };
				const required = groups.get(String(p.name));
				if (p.type !== 'collection' || !required) return p;
				const shown = (p.options as Array<{ name: string; default: unknown }>).filter((o) => required.includes(o.name));
				return { ...p, default: Object.fromEntries(shown.map((o) => [o.name, o.default])) };
			});
		},
	},
	{
		why: 'Filters and Sort are one definition for every list: the fields and operators of each list come from load-options methods (checked in test/node/list-methods.test.ts)',
		apply: (params) =>
			params.map((p) => {
				const name = (p as { name?: string }).name;
				return name === 'filters' || name === 'sort' ? sharedListParameter(name) : p;
			}),
	},
	{
		why: "Issue 22: the Authentication parameter (BILL's OAuth client credentials, the Accountant Console, or the sign-in credentials as before, its default) first on every form but the partner resources', then the Console's Client Organization ID",
		apply: (params, key) => {
			if (key.resource.startsWith('partner')) return params;
			// With the Accountant Console chosen, Client Organization ID (per item) follows it.
			const now = effectiveParameters(description, key) as Array<{ name: string }>;
			const shared = ['authentication', 'clientOrganizationId'].map((name) => now.find((p) => p.name === name));
			expect(shared.every(Boolean)).toBe(true);
			const shown = params.some((p) => (p as { name?: string }).name === 'authentication');
			return shown ? params : [...shared, ...params];
		},
	},
];

/** Today's shared Filters / Sort parameter (every list shows the same one). */
function sharedListParameter(name: string): unknown {
	const shared = description.properties.filter((p) => p.name === name);
	expect(new Set(shared.map((p) => JSON.stringify({ ...p, displayOptions: undefined }))).size).toBe(1);
	return canonical({ ...shared[0], displayOptions: undefined });
}

/** Applies `fn` to every value of every row (fixedCollection `values`, with the row list's name), at any depth. */
function mapRows(x: unknown, fn: (p: Record<string, unknown>, row: string) => Record<string, unknown>): unknown {
	if (!x || typeof x !== 'object') return x;
	const p = { ...(x as Record<string, unknown>) };
	if (p.type === 'fixedCollection' && Array.isArray(p.options)) {
		p.options = (p.options as Array<Record<string, unknown>>).map((g) => ({ ...g, values: (g.values as unknown[]).map((v) => canonical(fn(mapRows(v, fn) as Record<string, unknown>, String(p.name)))) }));
	} else if (p.type === 'collection' && Array.isArray(p.options)) p.options = p.options.map((o) => mapRows(o, fn));
	return canonical(p);
}

/** The operation's required object fields (top level of the body) → names of their required fields, from the table. */
function requiredGroups(key: OperationKey): Map<string, string[]> {
	const op = allOperations.find((o) => o.resource === key.resource && o.operation === key.operation);
	const top = [...(op?.body ?? []), ...(typeof op?.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [])];
	return new Map(top.filter((f) => f.required && f.type === 'object').map((f) => [f.name, (f.fields ?? []).filter((c) => c.required).map((c) => c.name)]));
}

/** `rows.value` names of the required values of the operation's row lists (array fields of the table). */
function requiredRowValues(key: OperationKey): Set<string> {
	const op = allOperations.find((o) => o.resource === key.resource && o.operation === key.operation);
	const out = new Set<string>();
	const walk = (fields: FieldDef[] | undefined) => {
		for (const f of fields ?? []) {
			if (f.type === 'array') for (const c of f.fields ?? []) if (c.required) out.add(`${f.name}.${c.name}`);
			walk(f.fields);
		}
	};
	walk([...(op?.body ?? []), ...(typeof op?.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [])]);
	return out;
}

/** A row value as rows show it now: optional numbers empty, optional yes/no three-way. */
function rowValue(p: Record<string, unknown>, required: boolean): Record<string, unknown> {
	if (required) return p;
	if (p.type === 'number' && p.default === 0) return { ...p, default: null };
	if (p.type === 'boolean') {
		return {
			...p,
			type: 'options',
			options: [
				{ name: "BILL's Default", value: 'default', description: 'Not sent: BILL decides' },
				{ name: 'Yes', value: true },
				{ name: 'No', value: false },
			],
			default: 'default',
		};
	}
	return p;
}

/** Applies `fn` to every parameter, at any depth (collection options, fixedCollection values; depth 0 = top level). */
function mapParams(params: unknown[], fn: (p: Record<string, unknown>, depth: number) => Record<string, unknown>): unknown[] {
	const visit = (depth: number) => (x: unknown): unknown => {
		if (!x || typeof x !== 'object') return x;
		const p = { ...(x as Record<string, unknown>) };
		const inner = 'type' in p ? depth + 1 : depth;
		if (Array.isArray(p.options) && (p.type === 'collection' || p.type === 'fixedCollection' || p.values)) p.options = p.options.map(visit(inner));
		if (Array.isArray(p.values)) p.values = p.values.map(visit(inner));
		return 'type' in p ? canonical(fn(p, depth)) : p;
	};
	return params.map(visit(0));
}

test.each(Object.entries(OPTION_LISTS))('load-options method %s returns every value of its list', async (method, list) => {
	const options = await (bill.methods.loadOptions as Record<string, () => Promise<Array<{ value: unknown }>>>)[method]();
	expect(options.map((o) => o.value)).toEqual([...list.values]);
});

/**
 * Operations whose form changed on purpose since main: parameters removed (BILL refuses what they
 * sent) or whose text was corrected (named here; everything else of the form must be unchanged).
 */
const OPERATION_CHANGES: Record<string, { why: string; removed?: string[]; rewritten?: string[]; added?: string[] }> = {
	'mfa:addPhone': { why: 'BILL refuses `primary: false` since 2026-03-30 and `primary` is optional: no Primary field; the hint says so', removed: ['primary'], rewritten: ['operationNotice'] },
	'mfa:generateChallenge': { why: 'BILL refuses `useBackup: true` since 2026-03-30: no Use Backup field (so no body at all)', removed: ['specifyBody', 'jsonBody', 'additionalFields'], rewritten: ['operationNotice'] },
	'vendor:create': { why: 'International vendors (BILL 2026): Bank Country and Regulatory Fields in Payment Information → Bank Account', rewritten: ['additionalFields'] },
	'vendor:createMany': { why: 'International vendors (BILL 2026): Bank Country and Regulatory Fields in Payment Information → Bank Account', rewritten: ['additionalFields'] },
	'vendor:update': { why: 'International vendors (BILL 2026): Bank Country and Regulatory Fields in Payment Information → Bank Account', rewritten: ['updateFields'] },
	'payment:create': { why: 'International payments (BILL 2026-01-20): Exchange Rate Batch ID, the hint on non-USD bills, amounts of zero or more', rewritten: ['operationNotice', 'additionalFields', 'amount'], added: ['operationNotice'] },
	'payment:createMany': {
		why: 'Bulk payments as BILL documents them (2026): vendorId only at the top level, Exchange Rate Batch ID, amounts of zero or more, combined payments in the description',
		rewritten: ['additionalFields', 'amount'],
		added: ['operationNotice'],
	},
	'document:upload': { why: 'Waiting for BILL\'s processing for minutes, with a Max Wait (Minutes) option', rewritten: ['options'] },
	'invoice:create': {
		why: "Invoice lines take BILL's line Amount (BILL's example sends it; left empty it is not sent); the duplicate guard option Skip Existing Number (issue 17)",
		rewritten: ['invoiceLineItems', 'options'],
	},
	'bill:create': {
		why: 'The duplicate guard option Skip Existing Number; Include Approvers (billApprovals, BILL 2025-11-05) (issue 17)',
		rewritten: ['options', 'additionalFields'],
	},
	'bill:createMany': {
		why: 'The duplicate guard option Skip Existing Number; Include Approvers (billApprovals, BILL 2025-11-05) (issue 17)',
		rewritten: ['options', 'additionalFields'],
	},
	'webhookEvent:getAll': { why: 'Ascending: sort notifications by created time (BILL changelog 2026-03-20) (issue 17)', rewritten: ['options'] },
	'organization:update': { why: 'ACH transfer rules individualTransferOut / individualTransferIn in Processing Options (BILL changelog 2025-11-05) (issue 17)', rewritten: ['updateFields'] },
	'bill:get': { why: "Simplify keeps BILL's recordStatus (changelog 2026-03-20) (issue 17)", rewritten: ['simplify'] },
	'bill:getAll': { why: "Simplify keeps BILL's recordStatus (changelog 2026-03-20) (issue 17)", rewritten: ['simplify'] },
	'invoice:get': { why: "Simplify keeps BILL's recordStatus (changelog 2026-03-20) (issue 17)", rewritten: ['simplify'] },
	'invoice:getAll': { why: "Simplify keeps BILL's recordStatus (changelog 2026-03-20) (issue 17)", rewritten: ['simplify'] },
	'bill:replace': { why: 'Include Approvers (billApprovals, BILL 2025-11-05) (issue 17)', rewritten: ['updateFields'] },
	'bill:update': { why: 'Include Approvers (billApprovals, BILL 2025-11-05) (issue 17)', rewritten: ['updateFields'] },
	'billApproval:createPolicy': { why: 'The hint names the Include Approvers field of bills (issue 17)', rewritten: ['operationNotice'] },
	'invoice:replace': { why: "Invoice lines take BILL's line Amount (BILL's example sends it; left empty it is not sent)", rewritten: ['invoiceLineItems'] },
	'invoice:update': { why: "Invoice lines take BILL's line Amount (BILL's example sends it; left empty it is not sent)", rewritten: ['updateFields'] },
	'bankAccount:update': { why: 'BILL lists bank account updates among the calls that need an MFA-trusted session (reference/setup): the MFA notice', added: ['mfaNotice'] },
	'network:inviteVendor': { why: 'BILL lists inviting a vendor in the BILL network among the calls that need an MFA-trusted session (reference/setup): the MFA notice', added: ['mfaNotice'] },
	'partnerSession:loginAsUser': { why: 'BILL answers { sessionId, trusted }: the hint no longer promises userId and organizationId', rewritten: ['operationNotice'] },
};

function applyOperationChanges(params: unknown[], key: OperationKey): unknown[] {
	const change = OPERATION_CHANGES[`${key.resource}:${key.operation}`];
	if (!change) return params;
	const now = effectiveParameters(description, key) as Array<{ name: string }>;
	const kept = (params as Array<{ name: string }>)
		.filter((p) => !change.removed?.includes(p.name))
		.map((p) => (change.rewritten?.includes(p.name) ? (now.find((n) => n.name === p.name) ?? p) : p));
	for (const name of change.added ?? []) {
		const at = now.findIndex((n) => n.name === name);
		if (at >= 0) kept.splice(at, 0, now[at]);
	}
	return kept;
}

const expected = (op: OperationKey & { params: unknown[] }) => applyOperationChanges(INTENDED.reduce((params, d) => d.apply(params, op), op.params), op);

/** Stored values that no longer exist on purpose (OPERATION_CHANGES). */
const removedValue = (node: { parameters: INodeParameters }, path: string) => {
	const change = OPERATION_CHANGES[`${String(node.parameters.resource)}:${String(node.parameters.operation)}`];
	return !!change?.removed?.some((name) => path === name || path.startsWith(`${name}.`));
};

describe(`the form of every operation is the one saved from ${saved.savedFrom}`, () => {
	test('the same operations, and those BILL added since (changelog 2026)', () => {
		const now = operationsOf(description).map((k) => `${k.resource}:${k.operation}`);
		// BILL's newer endpoints, and the operations the node composes of others (Create or Update, issue 17).
		const added = allOperations.filter((o) => o.source === 'changelog' || !isEndpoint(o)).map((o) => `${o.resource}:${o.operation}`);
		expect(now.sort()).toEqual([...saved.operations.map((k) => `${k.resource}:${k.operation}`), ...added].sort());
	});

	test.each(saved.operations.map((op) => [`${op.resource}:${op.operation}`, op] as const))('%s', (_label, op) => {
		expect(effectiveParameters(description, op)).toEqual(expected(op));
	});
});

const node = { typeVersion: 1, parameters: {} } as unknown as INode;

/** Every stored value, as `path → value` leaves (arrays of rows by index). */
function leaves(value: unknown, path = ''): Array<[string, unknown]> {
	if (value && typeof value === 'object' && !('__rl' in (value as object))) {
		return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
	}
	return [[path, value]];
}

function resolvesUnchanged(parameters: INodeParameters) {
	const resolved = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	const now = new Map(leaves(resolved));
	return leaves(parameters).filter(([path, value]) => JSON.stringify(now.get(path)) !== JSON.stringify(value)).map(([path]) => path);
}

describe('saved workflows keep every value', () => {
	test.each(workflow.nodes.map((n) => [n.name, n] as const))('every operation with every field filled: %s', (_name, n) => {
		expect(resolvesUnchanged(n.parameters).filter((path) => !removedValue(n, path))).toEqual([]);
	});

	const examples = join(__dirname, '..', '..', 'examples');
	const exampleNodes = readdirSync(examples)
		.filter((f) => f.endsWith('.json'))
		.flatMap((f) => (JSON.parse(readFileSync(join(examples, f), 'utf8')) as { nodes: Array<{ name: string; type: string; parameters: INodeParameters }> }).nodes.map((n) => ({ ...n, file: f })))
		.filter((n) => /\.bill$/.test(n.type));

	test('the examples have BILL nodes', () => expect(exampleNodes.length).toBeGreaterThan(5));
	test.each(exampleNodes.map((n) => [`${n.file}: ${n.name}`, n] as const))('example %s', (_name, n) => {
		expect(resolvesUnchanged(n.parameters)).toEqual([]);
		// n8n refuses to run a workflow with parameter issues ("The workflow has issues…")
		expect(NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: n.parameters }, description)).toBeNull();
	});
});
