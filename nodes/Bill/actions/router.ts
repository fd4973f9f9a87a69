import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { handlerOf } from '../catalog/kinds';
import type { ResourceDef } from '../catalog/types';
import { BILL_MAX_CONCURRENCY, mapConcurrent } from '../transport/limiter';
import { ITEM_HANDLERS, runBulk, type ItemOutcome } from './handlers';
import { optionsOf } from './request';
import { isAiTool, toolError, toolOutput, toolRefusals } from './tool';

/**
 * The node's execute(): finds the operation, runs its handler for the input items (bulk: all at
 * once; otherwise each item, up to the Max Concurrent Requests option at once), keeps input
 * order and pairedItem, and honours Continue On Fail per item.
 */
export async function route(this: IExecuteFunctions, resources: ResourceDef[]): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceValue = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const resource = resources.find((r) => r.value === resourceValue);
	const op = resource?.operations.find((o) => o.operation === operation);
	if (!resource || !op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resourceValue}"`);
	}
	// AI tool (issue 18, actions/tool.ts): money movement refused unless allowed, nothing sent.
	const asTool = isAiTool(this);
	const refused = asTool ? toolRefusals(this, resource, op, resources, items.length) : undefined;
	if (refused) return [refused];
	const run = { op, resource, resources };
	const toNodeError = (error: Error, itemIndex: number) =>
		error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error, { itemIndex });
	// BILL allows 3 requests in flight per organization (enforced again in the request layer across executions).
	const requested = Number(optionsOf(this, 0).maxConcurrency ?? BILL_MAX_CONCURRENCY);
	const cap = Number.isFinite(requested) ? Math.min(BILL_MAX_CONCURRENCY, Math.max(1, Math.floor(requested))) : BILL_MAX_CONCURRENCY;

	const handler = handlerOf(op);
	let outcomes: ItemOutcome[];
	if (handler === 'bulk') {
		outcomes = await runBulk.call(this, run, items.length, cap);
	} else {
		let stop = false;
		outcomes = await mapConcurrent(items, cap, async (_item, i): Promise<ItemOutcome> => {
			if (stop) return { items: [] };
			try {
				return { items: await ITEM_HANDLERS[handler].call(this, run, i) };
			} catch (error) {
				if (!this.continueOnFail()) stop = true;
				return { error: error as Error };
			}
		});
	}

	const out: INodeExecutionData[] = [];
	for (let i = 0; i < outcomes.length; i++) {
		const outcome = outcomes[i];
		if (!outcome) continue;
		if ('error' in outcome) {
			// AI tool: the mistake goes back to the model as its result; the execution does not fail.
			if (asTool) out.push(toolError(outcome.error, i));
			else if (!this.continueOnFail()) throw toNodeError(outcome.error, i);
			else out.push({ json: { error: outcome.error.message }, pairedItem: { item: i } });
		} else out.push(...outcome.items);
	}
	return [asTool ? toolOutput(this, resource, op, out) : out]; // AI tool: output sized for a model
}
