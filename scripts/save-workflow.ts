/**
 * Saves a workflow with one BILL node per operation, every parameter of the form filled (each
 * optional field, option, filter and sort added once), as n8n stores it, to
 * test/fixtures/workflow-main.json.gz. Run it on main BEFORE a change that re-lays-out the
 * description; test/node/description-compat.test.ts proves that such a workflow keeps every value.
 *
 *   node scripts/run-ts.js scripts/save-workflow.ts "<what this was saved from>"
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';
import type { INode, INodeParameters, INodeProperties, INodePropertyCollection, NodeParameterValueType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { Bill as BillNode } from '../nodes/Bill/Bill.node';
import { operationsOf } from '../test/support/effective';

// By file name: `../nodes/Bill/Bill.node` would resolve to the codex file Bill.node.json.
const { Bill } = require(join(__dirname, '..', 'nodes', 'Bill', 'Bill.node.ts')) as { Bill: typeof BillNode };
const description = new Bill().description;

/** A value a user could have stored for a parameter. */
function filled(p: INodeProperties): NodeParameterValueType {
	switch (p.type) {
		case 'collection':
			return Object.fromEntries((p.options as INodeProperties[]).map((c) => [c.name, filled(c)])) as NodeParameterValueType;
		case 'fixedCollection': {
			const groups = p.options as INodePropertyCollection[];
			return Object.fromEntries(
				groups.map((g) => {
					const row = Object.fromEntries(g.values.map((v) => [v.name, filled(v)]));
					return [g.name, p.typeOptions?.multipleValues ? [row] : row];
				}),
			) as NodeParameterValueType;
		}
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: 'X0001' };
		case 'options':
			return p.typeOptions?.loadOptionsMethod ? 'X0001' : ((p.options?.[0] as { value: string } | undefined)?.value ?? '');
		case 'multiOptions':
			return p.options?.length ? [(p.options[0] as { value: string }).value] : [];
		case 'number':
			return 7;
		case 'boolean':
			return true;
		case 'json':
			return '{"note":"saved"}';
		case 'dateTime':
			return '2026-11-30T00:00:00';
		default:
			return p.default === undefined || p.default === '' ? 'saved' : (p.default as NodeParameterValueType);
	}
}

const node = { typeVersion: 1, parameters: {} } as unknown as INode;
const nodes = operationsOf(description).map(({ resource, operation }, i) => {
	const base = { resource, operation, ...(resource.startsWith('webhook') ? { eventFamily: 'organization' } : {}) } as INodeParameters;
	const shown = NodeHelpers.getNodeParameters(description.properties, base, true, false, node, description) ?? {};
	const parameters: INodeParameters = { ...shown };
	for (const p of description.properties) {
		if (!(p.name in shown) || p.name === 'resource' || p.name === 'operation' || p.name === 'eventFamily') continue;
		if (!NodeHelpers.displayParameter(parameters, p, node, description)) continue;
		parameters[p.name] = filled(p);
	}
	return {
		id: `node-${i}`,
		name: `${resource} ${operation}`,
		type: 'n8n-nodes-bill.bill',
		typeVersion: 1,
		position: [(i % 20) * 200, Math.floor(i / 20) * 200] as [number, number],
		// What n8n keeps of it (parameters that the filled values hide are dropped, as the editor does).
		parameters: NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? parameters,
	};
});
const savedFrom = process.argv[2] ?? 'unknown';
const workflow = { name: `Every BILL operation, saved from ${savedFrom}`, nodes, connections: {}, settings: {} };
const json = JSON.stringify(workflow);
const file = join(__dirname, '..', 'test', 'fixtures', 'workflow-main.json.gz');
writeFileSync(file, gzipSync(json, { level: 9 }));
process.stdout.write(`${nodes.length} nodes, ${json.length} bytes → ${file}\n`);
