import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { handlerOf } from '../catalog/kinds';
import type { ResourceDef } from '../catalog/types';
import { BILL_MAX_CONCURRENCY, mapConcurrent } from '../transport/limiter';
import { billCodeOf, forItem, itemIndexOf, type ItemError } from '../transport/errors';
import { ITEM_HANDLERS, notSentAfterCap, runBulk, type ItemOutcome, type PartialItems } from './handlers';
import { itemRanges } from './outcome';
import { optionsOf } from './request';
import { isAiTool, toolError, toolOutput, toolRefusals } from './tool';

/**
 * The node's execute(): finds the operation, runs its handler for the input items (bulk: all at
 * once; otherwise each item, up to the Max Concurrent Requests option at once), keeps input
 * order and pairedItem, and honours Continue On Fail per item. With Continue On Fail off the run
 * is all or nothing as far as the node can promise: every item's own checks pass before any item
 * is sent, and once BILL refuses an item no further item is started; the error then names what
 * BILL already applied.
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
	// Every item-level error names its item (`context.itemIndex` and `… [item N]`), here only: transport/errors.ts forItem.
	const toNodeError = (error: Error, itemIndex: number, shared = false) => forItem(this.getNode(), error, itemIndex, shared);
	// BILL allows 3 requests in flight per organization (enforced again in the request layer across executions).
	const requested = Number(optionsOf(this, 0).maxConcurrency ?? BILL_MAX_CONCURRENCY);
	const cap = Number.isFinite(requested) ? Math.min(BILL_MAX_CONCURRENCY, Math.max(1, Math.floor(requested))) : BILL_MAX_CONCURRENCY;

	const handler = handlerOf(op);
	// Continue On Fail off: all or nothing as far as the node can promise it (README "When an item fails").
	// An AI tool never fails the execution: each item's error goes back to the model (actions/tool.ts).
	const allOrNothing = !asTool && !this.continueOnFail();
	let outcomes: Array<ItemOutcome | undefined>;
	if (handler === 'bulk') {
		try {
			outcomes = await runBulk.call(this, run, items.length, cap, allOrNothing);
		} catch (error) {
			// An item's own check failed (it names the item); otherwise the run as a whole failed (no item to name).
			const index = itemIndexOf(error);
			const failure = index === undefined ? runError(this, error as Error) : toNodeError(error as Error, index);
			if (asTool) return [toolOutput(this, resource, op, [toolError(failure, index ?? 0)])];
			throw withNothingSent(failure);
		}
	} else {
		const { prepare, send } = ITEM_HANDLERS[handler];
		// Every item's own checks first: with Continue On Fail off nothing is sent unless all pass.
		const prepared: Array<{ value: unknown } | { error: Error }> = [];
		for (let i = 0; i < items.length; i++) {
			try {
				prepared.push({ value: await prepare.call(this, run, i) });
			} catch (error) {
				if (allOrNothing) throw withNothingSent(toNodeError(error as Error, i));
				prepared.push({ error: error as Error });
			}
		}
		let stop = false;
		// BILL's hourly cap refused an item: the items after it are not sent (they would be refused too).
		let capped: Error | undefined;
		outcomes = await mapConcurrent(items, cap, async (_item, i): Promise<ItemOutcome | undefined> => {
			const p = prepared[i];
			if ('error' in p) return p;
			if (stop) return undefined;
			if (capped) return { error: notSentAfterCap(this, capped, i) };
			try {
				return { items: await send.call(this, run, i, p.value) };
			} catch (error) {
				if (allOrNothing) stop = true;
				if (billCodeOf(error) === 'BDC_1144') capped ??= error as Error;
				return { error: error as Error };
			}
		});
	}
	sayHowFar(outcomes, items.length);

	const out: INodeExecutionData[] = [];
	const failed = outcomes.findIndex((o) => !!o && 'error' in o);
	if (allOrNothing && failed >= 0) {
		const error = toNodeError((outcomes[failed] as { error: Error }).error, failed);
		throw op.method === 'GET' ? error : withPartialRun(error, failed, outcomes);
	}
	// One error for several items (a failed bulk batch): each item gets its own copy naming it.
	const uses = new Map<Error, number>();
	for (const o of outcomes) if (o && 'error' in o) uses.set(o.error, (uses.get(o.error) ?? 0) + 1);
	for (let i = 0; i < outcomes.length; i++) {
		const outcome = outcomes[i];
		if (!outcome) continue;
		if ('error' in outcome) {
			// What the item produced before it failed (a list read up to BILL's hourly cap), then its error.
			out.push(...((outcome.error as PartialItems).partialItems ?? []));
			const error = toNodeError(outcome.error, i, (uses.get(outcome.error) ?? 0) > 1);
			// AI tool: the mistake goes back to the model as its result; the execution does not fail.
			out.push(asTool ? toolError(error, i) : { json: { error: error.message }, pairedItem: { item: i } });
		} else out.push(...outcome.items);
	}
	return [asTool ? toolOutput(this, resource, op, out) : out]; // AI tool: output sized for a model
}

/**
 * BILL's hourly cap (BDC_1144) stopped the run: each such error says how many items were done
 * before it (their records exist in BILL; with Continue On Fail their output is kept).
 */
function sayHowFar(outcomes: Array<ItemOutcome | undefined>, total: number): void {
	const capErrors = new Set(outcomes.flatMap((o) => (o && 'error' in o && billCodeOf(o.error) === 'BDC_1144' ? [o.error] : [])));
	if (!capErrors.size || total < 2) return;
	const done = outcomes.filter((o) => o && 'items' in o && o.items.length > 0).length;
	for (const error of capErrors) error.message = `${error.message} — ${done} of ${total} items done before BILL's hourly limit`;
}

type NodeError = ItemError;

/** An error of the run as a whole (no item to name), as n8n shows it. */
function runError(ctx: IExecuteFunctions, error: Error): NodeError {
	return error instanceof NodeOperationError || error instanceof NodeApiError ? error : new NodeOperationError(ctx.getNode(), error);
}

function addDescription(error: NodeError, text: string): NodeError {
	error.description = [error.description, text].filter(Boolean).join(' ');
	return error;
}

/** An item's own check failed with Continue On Fail off: no item of the run was sent. */
function withNothingSent(error: NodeError): NodeError {
	return addDescription(error, 'No item of this run was sent to BILL.');
}

/** Items as a short list: `0, 2, 5–9`. */
const ranges = (indexes: number[]): string => itemRanges(indexes).join(', ');

/**
 * BILL refused an item of a write with Continue On Fail off (n8n then drops the output of the items
 * that were done): the error names every item already applied in BILL (with the IDs BILL gave them),
 * the other items that failed and those never sent, so the user can act before running again.
 */
function withPartialRun(error: NodeError, failed: number, outcomes: Array<ItemOutcome | undefined>): NodeError {
	const applied: Array<{ index: number; ids: string[] }> = [];
	const others: number[] = [];
	const notSent: number[] = [];
	// A duplicate guard's skipped items (_operation: skipped, actions/upsert.ts) were in BILL before this run.
	const existed: number[] = [];
	for (let i = 0; i < outcomes.length; i++) {
		const o = outcomes[i];
		if (!o) notSent.push(i);
		else if ('error' in o) {
			if (i !== failed) others.push(i);
		} else if (o.items.length > 0 && o.items.every((it) => it.json._operation === 'skipped')) {
			existed.push(i);
		} else if (o.items.length > 0) {
			applied.push({ index: i, ids: o.items.map((it) => it.json.id).filter((id): id is string => typeof id === 'string' && !!id) });
		} else notSent.push(i);
	}
	const named = applied.map((a) => `item ${a.index}${a.ids.length ? ` (${a.ids.join(', ')})` : ''}`);
	const parts = [
		applied.length
			? `Already applied in BILL, not undone: ${named.join('; ')} (item ${ranges(applied.map((a) => a.index))}: ${applied.length} of ${outcomes.length}).`
			: 'No other item was applied in BILL.',
		existed.length ? `Already in BILL before this run (skipped): item ${ranges(existed)}.` : '',
		others.length ? `Also failed: item ${ranges(others)}.` : '',
		notSent.length ? `Not sent: item ${ranges(notSent)}.` : '',
		applied.length ? 'Run the node again only for the other items (or turn on Continue On Fail to get a result per item), so nothing is done twice.' : '',
	];
	return addDescription(error, parts.filter(Boolean).join(' '));
}
