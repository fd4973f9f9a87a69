/**
 * The generated node description, checked the way n8n's editor reads it: for every operation,
 * n8n resolves the parameters with their defaults and the displayed set contains exactly what the
 * table asks for.
 */
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Bill } from '../../nodes/Bill/Bill.node';
import { BillTrigger } from '../../nodes/BillTrigger/BillTrigger.node';
import { allOperations } from '../../nodes/Bill/resources';
import { actionOf } from '../../nodes/Bill/catalog/money';

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
		// money movement says so in its action (an AI tool's description): catalog/money.ts
		expect(option?.action).toBe(actionOf(op.resource, op));
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

describe('required groups are marked the way n8n can', () => {
	const fresh = (op: { resource: string; operation: string }) => {
		const parameters = NodeHelpers.getNodeParameters(bill.description.properties, { resource: op.resource, operation: op.operation } as INodeParameters, true, false, node, bill.description)!;
		const issues = NodeHelpers.getNodeParametersIssues(bill.description.properties, { ...node, parameters } as INode, bill.description);
		return { parameters, issues: issues?.parameters ?? {} };
	};
	const groups = allOperations.flatMap((op) =>
		[...(op.body ?? []), ...(typeof op.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [])]
			.filter((f) => f.required && (f.type === 'array' || f.type === 'object'))
			.map((f) => [`${op.resource}:${op.operation} ${f.name}`, op, f] as const),
	);

	test('there are required row lists and required collections to mark', () => {
		expect(groups.filter(([, , f]) => f.type === 'array').length).toBeGreaterThan(10);
		expect(groups.filter(([, , f]) => f.type === 'object').length).toBeGreaterThan(5);
	});

	test.each(groups)('%s', (_label, op, field) => {
		const { parameters, issues } = fresh(op);
		if (field.type === 'array') {
			// n8n's minRequiredFields: an issue on the list (its label, the node) until a row is added
			expect(issues[field.name]).toEqual(['At least 1 field is required.']);
			const withRow = NodeHelpers.getNodeParametersIssues(bill.description.properties, { ...node, parameters: { ...parameters, [field.name]: { values: [{}] } } } as INode, bill.description);
			expect(withRow?.parameters?.[field.name]).toBeUndefined();
		} else {
			// n8n marks no collection: its required fields are shown at once (present in the default)
			const required = (field.fields ?? []).filter((f) => f.required).map((f) => f.name).sort();
			expect(Object.keys(parameters[field.name] as object).sort()).toEqual(required);
		}
	});

	test('a fresh node of any operation has issues only on parameters its form shows (no required field of a collection checked at the top level)', () => {
		for (const op of allOperations) {
			const { parameters, issues } = fresh(op);
			expect(`${op.resource}:${op.operation} ${Object.keys(issues).filter((name) => !(name in parameters)).join(', ')}`).toBe(`${op.resource}:${op.operation} `);
		}
	});
});

test("credentials are chosen by hide conditions only: n8n's editor looks each `show` key up through every parameter, once per parameter it displays", () => {
	for (const c of bill.description.credentials ?? []) {
		expect(c.displayOptions?.show).toBeUndefined();
		expect(c.displayOptions?.hide?.resource?.length).toBeGreaterThan(0);
	}
});
