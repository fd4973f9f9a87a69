import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, randomString, sleep } from 'n8n-workflow';

import { bulkOfIds, type Handler } from '../catalog/kinds';
import type { OperationDef, ResourceDef } from '../catalog/types';
import { MAX_UPLOAD_BYTES, P } from '../helpers/description';
import { Semaphore } from '../transport/limiter';
import { billCodeOf } from '../transport/errors';
import { billPaginate, billRequest, type BillRequest, type PartialRecords } from '../transport/request';
import { Batcher, mapBulkResults, planBatches, type BulkElement, type BulkResult } from './bulk';
import { sanitize, shapeOutput, simplified } from './output';
import { subjectOf } from './outcome';
import { bodyFor, envelopeFor, listQuery, optionsOf, requestFor, wholeNumber } from './request';
import { bulkGuard, createOnce, guarded, upsert } from './upsert';

/**
 * One handler per way of running an operation (catalog/kinds.ts says which kind uses which).
 * Per-item handlers return the item's output items; the bulk handler runs all items at once.
 */

export interface Run {
	op: OperationDef;
	resource: ResourceDef;
	resources: ResourceDef[];
}

/**
 * A per-item handler in two steps: `prepare` reads and checks the item's values and builds its
 * request without sending anything (the router prepares every item before the first is sent when
 * Continue On Fail is off); `send` talks to BILL.
 */
interface ItemHandler<T = BillRequest> {
	prepare(this: IExecuteFunctions, run: Run, itemIndex: number): Promise<T> | T;
	send(this: IExecuteFunctions, run: Run, itemIndex: number, prepared: T): Promise<INodeExecutionData[]>;
}

const paired = (itemIndex: number) => (json: IDataObject): INodeExecutionData => ({ json, pairedItem: { item: itemIndex } });

/** The item's request without its body (handlers whose checks are all in requestFor). */
function prepareRequest(this: IExecuteFunctions, { op, resources }: Run, itemIndex: number): BillRequest {
	return requestFor(this, op, itemIndex, resources);
}

/** One request; the response shaped into records (Simplify where the kind offers it). */
const request: ItemHandler = {
	prepare(this: IExecuteFunctions, { op, resources }: Run, itemIndex: number) {
		return { ...requestFor(this, op, itemIndex, resources), body: bodyFor(this, op, itemIndex, resources) };
	},
	async send(this: IExecuteFunctions, run: Run, itemIndex: number, req: BillRequest) {
		const { op, resource } = run;
		// A create with its duplicate guard on (option Skip Existing Number, actions/upsert.ts): looks before creating.
		if (guarded(this, op, itemIndex)) return createOnce.call(this, run, itemIndex, req);
		const response = await billRequest.call(this, req);
		const simplify = this.getNodeParameter(P.simplify, itemIndex, false) as boolean;
		return shapeOutput(op, response, resource, simplify).map(paired(itemIndex));
	},
};

/** BILL's `nextPage` pagination up to Return All / Limit. */
const list: ItemHandler<{ req: BillRequest; limit?: number }> = {
	prepare(this: IExecuteFunctions, { op, resources }: Run, itemIndex: number) {
		const req = requestFor(this, op, itemIndex, resources);
		const returnAll = this.getNodeParameter(P.returnAll, itemIndex, false) as boolean;
		const limit = returnAll ? undefined : wholeNumber(this, this.getNodeParameter(P.limit, itemIndex, 50), 'Limit', itemIndex, 1);
		return { req: { ...req, qs: { ...req.qs, ...listQuery(this, op, itemIndex) } }, limit };
	},
	async send(this: IExecuteFunctions, { op, resource }: Run, itemIndex: number, { req, limit }) {
		const simplify = this.getNodeParameter(P.simplify, itemIndex, false) as boolean;
		const toItems = (records: IDataObject[]) => records.map((r) => paired(itemIndex)(simplify ? simplified(sanitize(r), resource) : sanitize(r)));
		try {
			return toItems(await billPaginate.call(this, req, { style: op.pagination ?? 'page', limit, maxPageSize: op.maxPageSize ?? 100, itemsKey: op.response?.unwrap }));
		} catch (error) {
			const failure = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			// The records read before the list failed (BILL's hourly cap in a long Return All): kept with Continue On Fail.
			const partial = (error as PartialRecords).partialRecords;
			throw partial?.length ? Object.assign(failure, { partialItems: toItems(partial) } satisfies PartialItems) : failure;
		}
	},
};

/** Output items an item produced before it failed (the records of a list read before BILL's hourly cap). */
export interface PartialItems {
	partialItems?: INodeExecutionData[];
}

/** BILL's own sign-in endpoints: the credential signs in (once, and only when needed); the node reports the session, never its secret. */
async function signIn(this: IExecuteFunctions, { op }: Run, itemIndex: number, req: BillRequest): Promise<INodeExecutionData[]> {
	if (op.api === 'partner') {
		await billRequest.call(this, { ...req, method: 'GET', path: '/v3/partner/organizations', qs: { max: 1 } });
		return [paired(itemIndex)({ success: true })];
	}
	// BILL's sign-in answers { organizationId, sessionId, trusted, userId }: the same, without the session.
	const session = sanitize(await billRequest.call(this, { ...req, method: 'GET', path: '/v3/login/session', qs: {} }));
	const { sessionTrusted } = await this.getCredentials(req.credentialType, itemIndex);
	const trusted = sessionTrusted === 'true' ? true : sessionTrusted === 'false' ? false : undefined;
	return [paired(itemIndex)({ organizationId: session.organizationId, userId: session.userId, ...(trusted === undefined ? {} : { trusted }) })];
}

/** The item's binary file, 6 MB at most, checked before anything is sent. */
async function prepareUpload(this: IExecuteFunctions, { op, resources }: Run, itemIndex: number): Promise<BillRequest> {
	const req = requestFor(this, op, itemIndex, resources);
	const property = this.getNodeParameter(P.binaryProperty, itemIndex) as string;
	const binary: IBinaryData = this.helpers.assertBinaryData(itemIndex, property);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const name = ((this.getNodeParameter(P.fileName, itemIndex, '') as string) || binary.fileName || `upload-${randomString(8)}`).trim();
	if (buffer.length > MAX_UPLOAD_BYTES) {
		throw new NodeOperationError(this.getNode(), `The file "${name}" is ${(buffer.length / 1024 / 1024).toFixed(1)} MB; BILL accepts uploads up to 6 MB`, {
			itemIndex,
			description: `Compress or split the file in "${property}" before uploading. Nothing was sent to BILL.`,
		});
	}
	return { ...req, qs: { ...req.qs, name }, body: buffer, contentType: op.uploadContentType ?? 'application/octet-stream' };
}

/** Sends the item's binary file; waits for BILL's processing where the operation says so. */
async function upload(this: IExecuteFunctions, run: Run, itemIndex: number, req: BillRequest): Promise<INodeExecutionData[]> {
	const { op, resource } = run;
	const response = await billRequest.call(this, req);
	const wait = op.waitFor && (optionsOf(this, itemIndex).waitForProcessing ?? true) !== false;
	const finalResponse = wait ? await waitForResult.call(this, run, req, response as IDataObject, itemIndex) : response;
	return shapeOutput(op, finalResponse, resource).map(paired(itemIndex));
}

/** How the node waits for BILL's processing: first poll after `firstMs`, then twice as long each time, at most `maxIntervalMs` apart. */
export const PROCESSING_WAIT = { firstMs: 2_000, maxIntervalMs: 30_000 };

/**
 * Polls `op.waitFor.operation` with the upload's id, backing off, until BILL reports a final
 * status or Max Wait (Minutes) passes. BILL says processing takes "a few minutes": when the wait
 * ends first, the upload (ID and current status) is the output, not an error — it did succeed,
 * and running again would upload the file twice.
 */
async function waitForResult(this: IExecuteFunctions, { op, resource }: Run, req: BillRequest, started: IDataObject, itemIndex: number): Promise<IDataObject> {
	const spec = op.waitFor!;
	const statusOp = resource.operations.find((o) => o.operation === spec.operation);
	const id = started?.id;
	if (!statusOp || typeof id !== 'string') return started;
	const maxWait = Number(optionsOf(this, itemIndex).maxWaitMinutes ?? 5);
	const deadline = Date.now() + (Number.isFinite(maxWait) && maxWait >= 0 ? maxWait : 5) * 60_000;
	let last: IDataObject = started;
	for (let interval = PROCESSING_WAIT.firstMs; ; interval = Math.min(interval * 2, PROCESSING_WAIT.maxIntervalMs)) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) break;
		await sleep(Math.min(interval, remaining));
		const res = (await billRequest.call(this, { ...req, method: statusOp.method, path: statusOp.path, qs: { [spec.query]: id } })) as IDataObject | IDataObject[];
		last = (Array.isArray(res) ? (res.find((r) => r.id === id || r.uploadId === id) ?? res[0]) : res) ?? last;
		if (spec.done.includes(String(last?.[spec.field] ?? ''))) return last;
	}
	return { ...started, uploadId: id, ...last, processing: true };
}

/** Reads the record (with its download link), then fetches each file as binary data. */
async function download(this: IExecuteFunctions, { op }: Run, itemIndex: number, req: BillRequest): Promise<INodeExecutionData[]> {
	const meta = (await billRequest.call(this, req)) as IDataObject;
	const unwrapped = op.response?.unwrap && meta && typeof meta === 'object' && !Array.isArray(meta) ? meta[op.response.unwrap] : meta;
	const records = (Array.isArray(unwrapped) ? unwrapped : [unwrapped]) as Array<IDataObject | undefined>;
	const outputs: INodeExecutionData[] = [];
	for (const record of records) {
		const link = record?.downloadLink ?? record?.downloadUrl ?? record?.url;
		if (typeof link !== 'string' || !link) {
			throw new NodeOperationError(this.getNode(), 'BILL returned no download link for this file', { itemIndex, description: 'The file may still be processing; try again in a minute.' });
		}
		const file = (await billRequest.call(this, { credentialType: req.credentialType, method: 'GET', path: link, binary: true, returnFullResponse: true, itemIndex })) as {
			body: Buffer | ArrayBuffer;
			headers: IDataObject;
		};
		const bytes = Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body);
		const disposition = String(file.headers?.['content-disposition'] ?? '');
		const fromHeader = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
		const fileName = String(record?.name ?? record?.fileName ?? (fromHeader ? decodeURIComponent(fromHeader) : 'download'));
		const mimeType = String(file.headers?.['content-type'] ?? 'application/octet-stream').split(';')[0];
		const property = this.getNodeParameter(P.binaryProperty, itemIndex, 'data') as string;
		const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
		const json = sanitize(record);
		delete json.downloadLink;
		outputs.push({ json, binary: { [property]: binary }, pairedItem: { item: itemIndex } });
	}
	return outputs;
}

/** The per-item handlers, by name (the bulk handler runs all items at once: runBulk). */
export const ITEM_HANDLERS: Record<Exclude<Handler, 'bulk'>, ItemHandler<unknown>> = {
	request,
	list,
	signIn: { prepare: prepareRequest, send: signIn },
	upload: { prepare: prepareUpload, send: upload },
	download: { prepare: prepareRequest, send: download },
	upsert,
};

/** Per input item: its output items, or its error; `undefined` when it was not started (the run stopped before it). */
export type ItemOutcome = { items: INodeExecutionData[] } | { error: Error };

/**
 * The error of an item not sent because BILL's hourly cap (BDC_1144) refused an earlier request of
 * this run (it would be refused too). Marked BDC_1144 so that the router can say how far the run got.
 */
export function notSentAfterCap(ctx: IExecuteFunctions, cap: Error, itemIndex: number): Error {
	const error = new NodeOperationError(ctx.getNode(), `Not sent: BILL's hourly limit was reached earlier in this run (${cap.message})`, {
		itemIndex,
		description: (cap as { description?: string }).description ?? undefined,
	});
	error.context.billCode = 'BDC_1144';
	return error;
}

/**
 * Bulk kinds: one element per input item, sent in batches of BILL's limit, up to `cap` batches in
 * flight (the request layer keeps every organization within BILL's 3 at once); each item gets its
 * own result.
 * - Continue On Fail on (`allOrNothing` false): a batch leaves as soon as it is full while later
 *   items are still read; items whose own values are invalid fail alone; a failed batch fails its items.
 * - Continue On Fail off: every item is read and checked first, and the first invalid one fails the
 *   run before anything is sent; once BILL refuses a batch, no further batch is started (the
 *   batches already in flight finish, their items keep their results).
 * - BILL's hourly cap (BDC_1144) refused a batch: the batches after it are not sent (they would be
 *   refused too); with Continue On Fail each of their items says so.
 * - Create Many's duplicate guard (actions/upsert.ts) keeps items whose record exists out of the
 *   batches; with Continue On Fail off it looks only once every item's own checks passed.
 */
export async function runBulk(this: IExecuteFunctions, run: Run, itemCount: number, cap: number, allOrNothing = false): Promise<Array<ItemOutcome | undefined>> {
	const { op, resource, resources } = run;
	// Create Many with its duplicate guard on (actions/upsert.ts): items whose record exists are not sent.
	const guard = itemCount ? bulkGuard(this, run) : undefined;
	const outcomes: Array<ItemOutcome | undefined> = new Array(itemCount);
	const requests = new Map<string, { req: BillRequest; envelope: IDataObject }>();
	const ids = bulkOfIds(op);
	const slots = new Semaphore(cap);
	const inFlight: Array<Promise<void>> = [];
	// BILL's hourly cap refused a batch: the batches after it are not sent (they would be refused too).
	let capped: Error | undefined;
	let stopped = false;

	const send = async (batch: BulkElement[]) => {
		await slots.acquire();
		try {
			if (stopped) return;
			const { req, envelope } = requests.get(batch[0].requestKey)!;
			let results: BulkResult[];
			if (capped) {
				for (const e of batch) outcomes[e.index] = { error: notSentAfterCap(this, capped, e.index) };
				return;
			}
			try {
				const values = batch.map((e) => e.value);
				const qs = ids ? { ...req.qs, ids: values.join(',') } : req.qs;
				const body = ids ? undefined : typeof op.bulk?.request === 'object' ? { ...envelope, [op.bulk.request.key]: values as IDataObject[] } : (values as IDataObject[]);
				const indices = batch.map((e) => e.index);
				const response = await billRequest.call(this, { ...req, qs, body, itemIndex: batch[0].index, subject: subjectOf(op, resources, indices) });
				results = mapBulkResults(op, batch, response);
			} catch (error) {
				if (!capped && billCodeOf(error) === 'BDC_1144') capped = error as Error;
				for (const e of batch) outcomes[e.index] = { error: error as Error };
				if (allOrNothing) stopped = true;
				return;
			}
			for (const r of results) {
				outcomes[r.index] =
					'json' in r
						? { items: [{ json: r.json, pairedItem: { item: r.index } }] }
						: { error: new NodeOperationError(this.getNode(), r.error, { itemIndex: r.index, description: r.description }) };
				if (allOrNothing && !('json' in r)) stopped = true;
			}
		} finally {
			slots.release();
		}
	};

	const batcher = new Batcher(op.bulk?.limit ?? 100);
	const ready: BulkElement[] = [];
	for (let i = 0; i < itemCount; i++) {
		let element: BulkElement;
		try {
			const req = requestFor(this, op, i, resources);
			const envelope = envelopeFor(this, op, i, resources);
			let value: IDataObject | string;
			if (ids) value = bulkId(this, i, resource.locator?.idPrefix);
			else value = bodyFor(this, op, i, resources) ?? {};
			// Continue On Fail off: the guard looks in BILL only once every item's own checks passed (below).
			if (!allOrNothing && guard && (await guard.skip(i, value as IDataObject, outcomes))) continue;
			const { itemIndex: _ignored, subject: _words, ...identity } = req;
			const requestKey = JSON.stringify({ ...identity, headers: { ...req.headers, 'X-Idempotent-Key': undefined }, envelope });
			if (!requests.has(requestKey)) requests.set(requestKey, { req, envelope });
			element = { index: i, value, requestKey };
		} catch (error) {
			// All or nothing: the first invalid item fails the run before anything is sent.
			if (allOrNothing) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			outcomes[i] = { error: error as Error };
			continue;
		}
		if (allOrNothing) {
			ready.push(element);
			continue;
		}
		const full = batcher.add(element);
		if (full) {
			inFlight.push(send(full));
			// Let the batch's request start while the next items are read.
			await sleep(0);
		}
	}
	if (allOrNothing && guard) {
		const toSend: BulkElement[] = [];
		// A failed look-up fails the run here, before any batch is sent.
		for (const element of ready) if (!(await guard.skip(element.index, element.value as IDataObject, outcomes))) toSend.push(element);
		ready.splice(0, ready.length, ...toSend);
	}
	const batches = allOrNothing ? planBatches(ready, op.bulk?.limit ?? 100) : batcher.flush();
	for (const batch of batches) inFlight.push(send(batch));
	await Promise.all(inFlight);
	guard?.finish(outcomes);
	return outcomes;
}

/**
 * One ID of an ID bulk (Archive / Restore Many): required, one ID (BILL reads `ids` as a
 * comma-separated list, so a separator in it would act on other records), with the prefix of the
 * resource's IDs when the table knows it.
 */
function bulkId(ctx: IExecuteFunctions, itemIndex: number, prefix: string | undefined): string {
	const value = String(ctx.getNodeParameter(P.id, itemIndex, '') ?? '').trim();
	const fail = (message: string, description: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex, description: `${description} Nothing was sent to BILL for this item.` });
	if (!value) throw fail('"ID" is required', 'Map the ID of this input item, e.g. {{ $json.id }}');
	if (/[,;\s]/.test(value)) throw fail(`"ID" must be one BILL ID (got "${value}")`, 'Give each record its own input item: this operation takes one ID per item.');
	if (prefix && !value.startsWith(prefix)) throw fail(`"ID" must be a BILL ID that begins with ${prefix} (got "${value}")`, `Pass the ID of a record of this resource, such as ${prefix}01ABCDEFGHIJ1234.`);
	return value;
}
