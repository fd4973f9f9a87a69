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

import { Bill } from '../nodes/Bill/Bill.node';
import { effectiveParameters, operationsOf, type OperationKey } from './support/effective';

const bill = new Bill();
const description = bill.description;
const fixture = (name: string) => JSON.parse(gunzipSync(readFileSync(join(__dirname, 'fixtures', name))).toString('utf8'));
const saved = fixture('description-main.json.gz') as { savedFrom: string; operations: Array<OperationKey & { params: unknown[] }> };
const workflow = fixture('workflow-main.json.gz') as { nodes: Array<{ name: string; parameters: INodeParameters }> };

/**
 * Differences from main that are intended: each rewrites main's effective parameters of an
 * operation into what is shown now. Nothing here may drop a parameter, option, hint or notice.
 */
const INTENDED: Array<{ why: string; apply: (params: unknown[], key: OperationKey) => unknown[] }> = [];

const expected = (op: OperationKey & { params: unknown[] }) => INTENDED.reduce((params, d) => d.apply(params, op), op.params);

describe(`the form of every operation is the one saved from ${saved.savedFrom}`, () => {
	test('the same operations', () => {
		const now = operationsOf(description).map((k) => `${k.resource}:${k.operation}`);
		expect(now.sort()).toEqual(saved.operations.map((k) => `${k.resource}:${k.operation}`).sort());
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
		expect(resolvesUnchanged(n.parameters)).toEqual([]);
	});

	const examples = join(__dirname, '..', 'examples');
	const exampleNodes = readdirSync(examples)
		.filter((f) => f.endsWith('.json'))
		.flatMap((f) => (JSON.parse(readFileSync(join(examples, f), 'utf8')) as { nodes: Array<{ name: string; type: string; parameters: INodeParameters }> }).nodes.map((n) => ({ ...n, file: f })))
		.filter((n) => /\.bill$/.test(n.type));

	test('the examples have BILL nodes', () => expect(exampleNodes.length).toBeGreaterThan(5));
	test.each(exampleNodes.map((n) => [`${n.file}: ${n.name}`, n] as const))('example %s', (_name, n) => {
		expect(resolvesUnchanged(n.parameters)).toEqual([]);
	});
});
