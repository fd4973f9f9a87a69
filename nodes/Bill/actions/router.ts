import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { handlerOf } from '../catalog/kinds';
import type { OperationDef, ResourceDef } from '../catalog/types';
import { BILL_MAX_CONCURRENCY, mapConcurrent } from '../transport/limiter';
import { billCodeOf } from '../transport/errors';
import { ITEM_HANDLERS, notSentAfterCap, runBulk, type ItemOutcome, type PartialItems } from './handlers';
import { IDEMPOTENT_METHODS } from '../transport/retry';
import { itemsText } from './outcome';
import { optionsOf } from './request';

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
		// BILL's hourly cap refused an item: the items after it are not sent (they would be refused too).
		let capped: Error | undefined;
		outcomes = await mapConcurrent(items, cap, async (_item, i): Promise<ItemOutcome> => {
			if (stop) return { items: [] };
			if (capped) return { error: notSentAfterCap(this, capped, i) };
			try {
				return { items: await ITEM_HANDLERS[handler].call(this, run, i) };
			} catch (error) {
				if (!this.continueOnFail()) stop = true;
				if (billCodeOf(error) === 'BDC_1144') capped ??= error as Error;
				return { error: error as Error };
			}
		});
	}
	sayHowFar(outcomes, items.length);

	const out: INodeExecutionData[] = [];
	for (let i = 0; i < outcomes.length; i++) {
		const outcome = outcomes[i];
		if (!outcome) continue;
		if ('error' in outcome) {
			if (!this.continueOnFail()) throw sayWhatWasDone(toNodeError(outcome.error, i), op, outcomes);
			// What the item produced before it failed (a list read up to BILL's hourly cap), then its error.
			out.push(...((outcome.error as PartialItems).partialItems ?? []));
			out.push({ json: { error: outcome.error.message }, pairedItem: { item: i } });
		} else out.push(...outcome.items);
	}
	return [out];
}

/**
 * The node stops at an error (no Continue On Fail) and n8n drops the output of the items that were
 * done: for an operation that changes BILL, the error says which were, so that running the node
 * again for every item does not do them twice.
 */
function sayWhatWasDone<E extends Error & { description?: string | null }>(error: E, op: OperationDef, outcomes: ItemOutcome[]): E {
	if (IDEMPOTENT_METHODS.has(op.method)) return error;
	const done = doneItems(outcomes);
	if (!done.length) return error;
	const note = `Done in BILL before the node stopped: ${itemsText(done)} (${done.length} of ${outcomes.length}); run the node again only for the others.`;
	error.description = error.description ? `${error.description} — ${note}` : note;
	return error;
}

/**
 * BILL's hourly cap (BDC_1144) stopped the run: each such error says how many items were done
 * before it (their records exist in BILL; with Continue On Fail their output is kept).
 */
function sayHowFar(outcomes: ItemOutcome[], total: number): void {
	const capErrors = new Set(outcomes.flatMap((o) => (o && 'error' in o && billCodeOf(o.error) === 'BDC_1144' ? [o.error] : [])));
	if (!capErrors.size || total < 2) return;
	const done = doneItems(outcomes).length;
	for (const error of capErrors) error.message = `${error.message} — ${done} of ${total} items done before BILL's hourly limit`;
}

/** Indexes of the items that were done (an item stopped before it ran has no output). */
function doneItems(outcomes: ItemOutcome[]): number[] {
	return outcomes.flatMap((o, i) => (o && 'items' in o && o.items.length > 0 ? [i] : []));
}
