import type { IDataObject } from 'n8n-workflow';

import { bulkOfIds } from '../catalog/kinds';
import type { OperationDef } from '../catalog/types';
import { sanitize } from './output';

/**
 * Bulk operations: each input item is one element of a BILL bulk request (a body element, or an
 * ID). The pure functions here group elements into requests and give each element its own result
 * from BILL's answer, or an error: never another element's result, never the whole answer.
 */

export interface BulkElement {
	/** Input item index. */
	index: number;
	/** The element sent for this item: a body object, or an ID. */
	value: IDataObject | string;
	/** Identity of the request this element can share (credential, path, query, headers, envelope). */
	requestKey: string;
}

export type BulkResult = { index: number; json: IDataObject } | { index: number; error: string; description: string };

/**
 * Puts elements into batches of at most `limit` as they come, each batch holding elements of one
 * request identity (same credential, path, query, headers and envelope) in input order. Items
 * whose values lead to different requests (a different vendor in the path, another event family)
 * are never sent with another item's values: they go in a batch of their own. `add` hands back a
 * batch as soon as it is full (so it can be sent while later items are still read); `flush` the rest.
 */
export class Batcher {
	private readonly open = new Map<string, BulkElement[]>();
	private readonly size: number;

	constructor(limit: number) {
		this.size = Math.max(1, Math.floor(limit));
	}

	add(element: BulkElement): BulkElement[] | undefined {
		const batch = [...(this.open.get(element.requestKey) ?? []), element];
		if (batch.length < this.size) {
			this.open.set(element.requestKey, batch);
			return undefined;
		}
		this.open.delete(element.requestKey);
		return batch;
	}

	flush(): BulkElement[][] {
		const rest = [...this.open.values()];
		this.open.clear();
		return rest;
	}
}

/** All elements in batches (Batcher, all at once). */
export function planBatches(elements: BulkElement[], limit: number): BulkElement[][] {
	const batcher = new Batcher(limit);
	const full = elements.map((e) => batcher.add(e)).filter((b): b is BulkElement[] => !!b);
	return [...full, ...batcher.flush()];
}

/** Values at a path such as `billPayments[].billId` (`[]` walks every element of an array). */
export function valuesAt(record: unknown, path: string): unknown[] {
	let current: unknown[] = [record];
	for (const part of path.split('.')) {
		const many = part.endsWith('[]');
		const key = many ? part.slice(0, -2) : part;
		const next: unknown[] = [];
		for (const c of current) {
			const v = c && typeof c === 'object' && !Array.isArray(c) ? (c as IDataObject)[key] : undefined;
			if (many && Array.isArray(v)) next.push(...v);
			else if (!many && v !== undefined) next.push(v);
		}
		current = next;
	}
	return current;
}

/** The per-element results of BILL's answer (an array body, or the array under `bulk.responseKey`). */
function resultList(op: Pick<OperationDef, 'bulk'>, response: unknown): unknown[] | undefined {
	const list = op.bulk?.responseKey && response && typeof response === 'object' && !Array.isArray(response) ? (response as IDataObject)[op.bulk.responseKey] : response;
	return Array.isArray(list) ? list : undefined;
}

/** A batch-level answer without per-element data: empty, or only scalar fields (`{ "status": "SUCCESS" }`). */
function acknowledgement(response: unknown): IDataObject | undefined {
	if (response === undefined || response === null || response === '') return {};
	if (typeof response !== 'object' || Array.isArray(response)) return undefined;
	const entries = Object.entries(response as IDataObject);
	return entries.every(([, v]) => v === null || typeof v !== 'object') ? sanitize(response) : undefined;
}

const UNPAIRED_HELP = 'Check in BILL which records were changed before running the node again for this item, so nothing is done twice.';

/**
 * Gives each element of a batch its result:
 * - `bulk.match` (e.g. bulk payments: the element's `billId` is found in a result's
 *   `billPayments[].billId`, since BILL combines bills of one vendor into one payment): every
 *   element gets the result that names it, several elements may share one;
 * - ID bulk (archive / restore many) and elements with an `id` (update many): the result with that `id`;
 * - otherwise (create many) by position, only when BILL returned exactly one result per element.
 * An element that no result names gets an error, never another element's result.
 */
export function mapBulkResults(op: Pick<OperationDef, 'bulk' | 'kind'>, batch: Array<Pick<BulkElement, 'index' | 'value'>>, response: unknown): BulkResult[] {
	const list = resultList(op, response);
	const ids = bulkOfIds(op);
	if (!list) {
		// BILL acknowledged the batch as a whole (no body, or `{ "status": "SUCCESS" }`): each item's
		// output is its own element, marked successful, never the answer of another element.
		const ack = acknowledgement(response);
		if (ack) return batch.map((e) => ({ index: e.index, json: { ...(typeof e.value === 'string' ? { id: e.value } : sanitize(e.value)), ...ack, success: true } }));
		return batch.map((e) => ({
			index: e.index,
			error: 'BILL answered without a result for each element',
			description: `The node cannot tell which result is this item's. ${UNPAIRED_HELP}`,
		}));
	}
	const records = list.map((r) => sanitize(r));
	const matchBy = (elementKey: (v: IDataObject | string) => unknown, resultPath: string, what: string): BulkResult[] =>
		batch.map((e) => {
			const key = elementKey(e.value);
			const found = key === undefined || key === '' ? undefined : records.find((r) => valuesAt(r, resultPath).some((v) => String(v) === String(key)));
			if (found) return { index: e.index, json: found };
			return {
				index: e.index,
				error: `BILL's answer has no result for ${what} ${key === undefined ? '(none given)' : String(key)}`,
				description: `BILL returned ${records.length} result(s) for ${batch.length} element(s). ${UNPAIRED_HELP}`,
			};
		});
	const field = (name: string) => (v: IDataObject | string) => (typeof v === 'string' ? v : v[name]);

	if (op.bulk?.match) return matchBy(field(op.bulk.match.element), op.bulk.match.result, op.bulk.match.element);
	if (ids) return matchBy((v) => v, 'id', 'ID');
	if (batch.every((e) => typeof e.value === 'object' && e.value.id !== undefined && e.value.id !== '')) return matchBy(field('id'), 'id', 'ID');
	if (records.length === batch.length) return batch.map((e, k) => ({ index: e.index, json: records[k] }));
	return batch.map((e) => ({
		index: e.index,
		error: `BILL returned ${records.length} result(s) for ${batch.length} element(s)`,
		description: `The results cannot be paired with the input items by position. ${UNPAIRED_HELP}`,
	}));
}
