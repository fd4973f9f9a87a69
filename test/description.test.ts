/**
 * The generated node description, checked the way n8n's editor reads it: for every operation,
 * n8n resolves the parameters with their defaults and the displayed set contains exactly what the
 * table asks for.
 */
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Bill } from '../nodes/Bill/Bill.node';
import { BillTrigger } from '../nodes/BillTrigger/BillTrigger.node';
import { allOperations } from '../nodes/Bill/resources';

const bill = new Bill();
const node = { typeVersion: 1, parameters: {} } as unknown as INode;

describe('every operation resolves in n8n', () => {
	test.each(allOperations.map((o) => [`${o.resource}:${o.operation}`, o] as const))('%s', (_label, op) => {
		const params = NodeHelpers.getNodeParameters(bill.description.properties, { resource: op.resource, operation: op.operation } as INodeParameters, true, false, node, bill.description);
		expect(params).not.toBeNull();
		const names = Object.keys(params!);
		for (const p of op.pathParams ?? []) expect(names).toContain(p.name);
		for (const f of [...(op.query ?? []), ...(op.headers ?? [])]) if (f.required) expect(names).toContain(f.name);
		if (op.body?.length && op.kind !== 'upload' && op.kind !== 'archiveMany' && op.kind !== 'restoreMany') {
			expect(names).toContain('specifyBody');
			for (const f of op.body) if (f.required) expect(names).toContain(f.name);
		}
		if (op.kind === 'list') expect(names).toEqual(expect.arrayContaining(['returnAll', 'options']));
		// Operation values are unique per resource and named for n8n users.
		const operationProp = bill.description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(op.resource));
		const option = operationProp?.options?.find((o) => 'value' in o && o.value === op.operation) as { name: string; action?: string } | undefined;
		expect(option?.name).toBe(op.name);
		expect(option?.action).toBe(op.action);
	});
});

test('no parameter name collides with a different type inside one operation', () => {
	for (const op of allOperations) {
		const shown = bill.description.properties.filter(
			(p) => p.displayOptions?.show?.resource?.includes(op.resource) && p.displayOptions?.show?.operation?.includes(op.operation),
		);
		const byName = new Map<string, Set<string>>();
		for (const p of shown) byName.set(p.name, (byName.get(p.name) ?? new Set()).add(p.type));
		for (const [name, types] of byName) if (name !== 'jsonBody') expect(`${op.resource}:${op.operation}:${name}:${[...types].join('|')}`).not.toMatch(/\|/);
	}
});

test('the trigger is not an AI tool and the action node is', () => {
	expect(bill.description.usableAsTool).toBe(true);
	expect((new BillTrigger().description as { usableAsTool?: boolean }).usableAsTool).toBeUndefined();
});

test('every operation has its own action text (AI agents and the actions panel tell them apart by it)', () => {
	const byAction = new Map<string, string[]>();
	for (const o of allOperations) byAction.set(o.action.toLowerCase(), [...(byAction.get(o.action.toLowerCase()) ?? []), `${o.resource}:${o.operation}`]);
	expect([...byAction.entries()].filter(([, ops]) => ops.length > 1)).toEqual([]);
});
