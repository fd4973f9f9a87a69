import type { OperationDef, ResourceDef } from '../catalog/types';
import { connectResources } from './connect';
import { extraOperations, extraResources } from './extra';
import { partnerResources } from './partner';
import { spendResources } from './spend';
import { webhooksResources } from './webhooks';

function merge(resources: ResourceDef[], extra: OperationDef[]): ResourceDef[] {
	const byValue = new Map(resources.map((r) => [r.value, { ...r, operations: [...r.operations] }]));
	for (const op of extra) {
		const target = byValue.get(op.resource);
		if (!target) throw new Error(`Operation ${op.operation} names unknown resource ${op.resource}`);
		target.operations.push(op);
	}
	return [...byValue.values()];
}

/** Every resource of the BILL node, in the order the Resource list shows them. */
export const resources: ResourceDef[] = merge(
	[...connectResources, ...extraResources, ...spendResources, ...partnerResources, ...webhooksResources],
	extraOperations,
);

export const allOperations: OperationDef[] = resources.flatMap((r) => r.operations);

export function findResource(value: string): ResourceDef | undefined {
	return resources.find((r) => r.value === value);
}

export function findOperation(resource: string, operation: string): OperationDef | undefined {
	return findResource(resource)?.operations.find((o) => o.operation === operation);
}
