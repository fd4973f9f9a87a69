import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { filterCondition, filterFieldsOf } from '../catalog/filters';
import { listOperationOf } from '../catalog/kinds';
import type { OperationDef, ResourceDef } from '../catalog/types';
import { displayNameOf, P, SKIP_EXISTING } from '../helpers/description';
import { billPaginate, billRequest, type BillRequest } from '../transport/request';
import { subjectOf } from './outcome';
import { sanitize, shapeOutput } from './output';
import { bodyFor, optionsOf, requestFor, valueAt } from './request';

/**
 * Syncs that run again must not create a second record. BILL's Connect API has no idempotency key
 * for vendors, customers, bills or invoices, so the node looks first:
 * - Create or Update (the upsert kind): the record whose Match On field equals the item's value is
 *   updated with the fields given, else created;
 * - a create's duplicate guard (OperationDef.duplicateGuard, option Skip Existing Number): the record of
 *   the same party with the same number is returned instead of creating another.
 * Items of one run with the same key run one after the other, so the second finds what the first
 * created. Every output item says what happened in `_operation`: created, updated or skipped.
 */

export type SyncOutcome = 'created' | 'updated' | 'skipped';

/** What the items of one run share: the order of items with the same key, what they found or created, the lists read. */
interface RunState {
	queues: Map<string, Promise<unknown>>;
	found: Map<string, IDataObject>;
	lists: Map<string, Promise<IDataObject[]>>;
}

interface RunRef {
	op: OperationDef;
	resource: ResourceDef;
	resources: ResourceDef[];
}

/** One state per run: the router builds one run object per execution of the node. */
const states = new WeakMap<object, RunState>();

function stateOf(run: object): RunState {
	let s = states.get(run);
	if (!s) states.set(run, (s = { queues: new Map(), found: new Map(), lists: new Map() }));
	return s;
}

/** Runs `task` after the earlier tasks of the same key in this run (failed or not). */
function inTurn<T>(state: RunState, key: string, task: () => Promise<T>): Promise<T> {
	const next = (state.queues.get(key) ?? Promise.resolve()).then(task);
	state.queues.set(
		key,
		next.catch(() => undefined),
	);
	return next;
}

/**
 * [inferred] How a key compares: trimmed and case-insensitive. BILL does not say whether its `eq`
 * filter on names ignores case; comparing without case here never creates a second record for a
 * name BILL would call the same.
 */
const norm = (v: unknown) => String(v ?? '').trim().toLowerCase();

export const marked = (json: IDataObject, outcome: SyncOutcome): IDataObject => ({ ...json, _operation: outcome });

/** Every page of the resource's Get Many, filtered by `filters` when given. */
function listAll(ctx: IExecuteFunctions, resource: ResourceDef, req: BillRequest, filters?: string): Promise<IDataObject[]> {
	const list = listOperationOf(resource)!;
	return billPaginate.call(
		ctx,
		{ ...req, method: 'GET', path: list.path, qs: filters ? { filters } : {}, body: undefined, subject: undefined },
		{ style: list.pagination ?? 'page', maxPageSize: list.maxPageSize ?? 100, itemsKey: list.response?.unwrap },
	);
}

/** Whether BILL filters the resource's Get Many on `field` with `eq`. */
function filterable(resource: ResourceDef, field: string): boolean {
	const list = listOperationOf(resource);
	return !!list && filterFieldsOf(list).some((f) => f.name === field && f.operators.includes('eq'));
}

/** The records whose `key` may equal `value`: BILL's filter where it has one, else the whole list, read once per run. */
async function candidates(ctx: IExecuteFunctions, run: RunRef, state: RunState, req: BillRequest, key: string, value: string): Promise<IDataObject[]> {
	if (filterable(run.resource, key)) return listAll(ctx, run.resource, req, filterCondition(key, 'eq', value));
	let all = state.lists.get('');
	if (!all) state.lists.set('', (all = listAll(ctx, run.resource, req)));
	return all;
}

const idsOf = (records: IDataObject[]) => records.map((r) => String(r.id)).join(', ');

/** The request of the resource's own operation `operation` (Update, Create), with the words of its outcome-unknown error. */
function sendAs(run: RunRef, req: BillRequest, operation: string, target?: IDataObject): BillRequest {
	const own = run.resource.operations.find((o) => o.operation === operation)!;
	const param = own.pathParams?.[0]?.name ?? 'id';
	const path = target ? own.path.replace(`{${param}}`, encodeURIComponent(String(target.id))) : own.path;
	return { ...req, method: own.method, path, subject: subjectOf(own, run.resources, [req.itemIndex ?? 0]) };
}

/** An item of Create or Update, checked: its request (with the body), the field matched on and its value. */
interface UpsertItem {
	req: BillRequest;
	key: string;
	label: string;
	value: string;
}

/**
 * Create or Update: `prepare` checks the item's own values (Match On, the body, the value matched
 * on) without sending anything; `send` finds the record, then updates or creates it.
 */
export const upsert = {
	prepare(this: IExecuteFunctions, run: RunRef, itemIndex: number): UpsertItem {
		const { op, resource, resources } = run;
		const keys = op.upsert!.keys;
		const key = String(this.getNodeParameter(P.matchOn, itemIndex, keys[0]));
		const field = op.body?.find((f) => f.name === key);
		const label = field ? displayNameOf(field) : key;
		if (!keys.includes(key)) {
			throw new NodeOperationError(this.getNode(), `"Match On" cannot be "${key}"`, { itemIndex, description: `Match on one of: ${keys.join(', ')}. Nothing was sent to BILL.` });
		}
		const body = bodyFor(this, op, itemIndex, resources) ?? {};
		const value = String(valueAt(body, key) ?? '').trim();
		if (!value) {
			throw new NodeOperationError(this.getNode(), `"${label}" is empty, and Create or Update matches the ${resource.name.toLowerCase()} on it`, {
				itemIndex,
				description: `Set ${label} for this item, or choose another field in Match On. Nothing was sent to BILL.`,
			});
		}
		return { req: { ...requestFor(this, op, itemIndex, resources), body }, key, label, value };
	},

	async send(this: IExecuteFunctions, run: RunRef, itemIndex: number, { req, key, label, value }: UpsertItem): Promise<INodeExecutionData[]> {
		const { resource } = run;
		const noun = resource.name.toLowerCase();
		const state = stateOf(run);
		const turnKey = `${key}\u0000${norm(value)}`;
		return inTurn(state, turnKey, async () => {
			let target = state.found.get(turnKey);
			if (!target) {
				const matches = (await candidates(this, run, state, req, key, value)).filter((r) => norm(valueAt(r, key)) === norm(value));
				const active = matches.filter((r) => r.archived !== true);
				if (active.length > 1) {
					throw new NodeOperationError(this.getNode(), `${active.length} ${noun}s have ${label} "${value}": ${idsOf(active)}`, {
						itemIndex,
						description: `Create or Update changes one record only. Archive the duplicates in BILL or match on a field that is unique. Nothing was sent to BILL.`,
					});
				}
				if (!active.length && matches.length) {
					throw new NodeOperationError(this.getNode(), `The ${noun} with ${label} "${value}" is archived: ${idsOf(matches)}`, {
						itemIndex,
						description: `Restore it (${resource.name} → Restore) to update it, or change ${label} to create a new one. Nothing was sent to BILL.`,
					});
				}
				target = active[0];
			}
			const outcome: SyncOutcome = target ? 'updated' : 'created';
			const record = (await billRequest.call(this, target ? sendAs(run, req, 'update', target) : sendAs(run, req, 'create'))) as IDataObject;
			state.found.set(turnKey, record);
			return [{ json: marked(sanitize(record), outcome), pairedItem: { item: itemIndex } }];
		});
	},
};

/** Whether this item's create runs with the duplicate guard on. */
export function guarded(ctx: IExecuteFunctions, op: OperationDef, itemIndex: number): boolean {
	return !!op.duplicateGuard && optionsOf(ctx, itemIndex)[SKIP_EXISTING] === true;
}

/**
 * The guard's key of a create body (party and number), or undefined when the body lacks either
 * (e.g. an invoice without a number, or for a new customer given by name): then it is created as is.
 */
function guardKey(op: OperationDef, body: IDataObject): { party: string; number: string; key: string } | undefined {
	const g = op.duplicateGuard!;
	const party = String(valueAt(body, g.party) ?? '').trim();
	const number = String(valueAt(body, g.number) ?? '').trim();
	return party && number ? { party, number, key: `${party}\u0000${norm(number)}` } : undefined;
}

/** The existing record of this party with this number: the party's records are listed once per run. */
async function existing(ctx: IExecuteFunctions, run: RunRef, state: RunState, req: BillRequest, k: { party: string; number: string; key: string }) {
	const known = state.found.get(k.key);
	if (known) return known;
	const g = run.op.duplicateGuard!;
	let records = state.lists.get(k.party);
	if (!records) state.lists.set(k.party, (records = listAll(ctx, run.resource, req, filterCondition(g.partyFilter, 'eq', k.party))));
	// A deleted draft (recordStatus DRAFT_DELETED, BILL changelog 2026-03-20) is no existing record; a draft is.
	return (await records).find((r) => norm(valueAt(r, g.number)) === norm(k.number) && r.recordStatus !== 'DRAFT_DELETED');
}

/** A create with the duplicate guard on: one item, its request prepared (and checked) by the request handler. */
export async function createOnce(this: IExecuteFunctions, run: RunRef, itemIndex: number, req: BillRequest): Promise<INodeExecutionData[]> {
	const { op, resource } = run;
	const body = (req.body ?? {}) as IDataObject;
	const out = (json: IDataObject, outcome: SyncOutcome) => [{ json: marked(json, outcome), pairedItem: { item: itemIndex } }];
	const k = guardKey(op, body);
	if (!k) return out(shapeOutput(op, await billRequest.call(this, req), resource)[0], 'created');
	const state = stateOf(run);
	return inTurn(state, k.key, async () => {
		const found = await existing(this, run, state, req, k);
		if (found) return out(sanitize(found), 'skipped');
		const created = shapeOutput(op, await billRequest.call(this, req), resource)[0];
		state.found.set(k.key, created);
		return out(created, 'created');
	});
}

/** Per input item of a bulk create: its output, or its error; undefined when it was not sent (the run stopped). */
type Outcome = { items: INodeExecutionData[] } | { error: Error } | undefined;

/**
 * Create Many with the duplicate guard on: before an item joins a batch, `skip` answers whether
 * it must not be sent (its bill exists, or an earlier item of the run has the same key); `finish`
 * marks the outcomes once every batch has answered.
 */
export function bulkGuard(ctx: IExecuteFunctions, run: RunRef) {
	if (!guarded(ctx, run.op, 0)) return undefined;
	const state = stateOf(run);
	const firstOf = new Map<string, number>();
	const sameAs = new Map<number, number>();
	const sent = new Set<number>();
	return {
		async skip(itemIndex: number, body: IDataObject, outcomes: Outcome[]): Promise<boolean> {
			const k = guardKey(run.op, body);
			if (!k) {
				sent.add(itemIndex);
				return false;
			}
			const first = firstOf.get(k.key);
			if (first !== undefined) {
				sameAs.set(itemIndex, first);
				return true;
			}
			const found = await existing(ctx, run, state, requestFor(ctx, run.op, itemIndex, run.resources), k);
			if (found) {
				outcomes[itemIndex] = { items: [{ json: marked(sanitize(found), 'skipped'), pairedItem: { item: itemIndex } }] };
				return true;
			}
			firstOf.set(k.key, itemIndex);
			sent.add(itemIndex);
			return false;
		},
		finish(outcomes: Outcome[]): void {
			for (const i of sent) {
				const o = outcomes[i];
				if (o && 'items' in o) o.items = o.items.map((it) => ({ ...it, json: marked(it.json, 'created') }));
			}
			for (const [i, first] of sameAs) {
				const o = outcomes[first];
				// Not sent either when the run stopped before the first of its key (all or nothing).
				if (!o) continue;
				outcomes[i] =
					'items' in o
						? { items: o.items.map((it) => ({ json: marked(it.json, 'skipped'), pairedItem: { item: i } })) }
						: { error: new NodeOperationError(ctx.getNode(), `Not created: item ${first} has the same key and failed`, { itemIndex: i }) };
			}
		},
	};
}
