import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, randomString, sleep } from 'n8n-workflow';

import { bulkOfIds, type Handler } from '../catalog/kinds';
import type { OperationDef, ResourceDef } from '../catalog/types';
import { MAX_UPLOAD_BYTES, P } from '../helpers/description';
import { Semaphore } from '../transport/limiter';
import { billPaginate, billRequest, type BillRequest } from '../transport/request';
import { Batcher, mapBulkResults, type BulkElement, type BulkResult } from './bulk';
import { sanitize, shapeOutput, simplified } from './output';
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

type ItemHandler = (this: IExecuteFunctions, run: Run, itemIndex: number) => Promise<INodeExecutionData[]>;

const paired = (itemIndex: number) => (json: IDataObject): INodeExecutionData => ({ json, pairedItem: { item: itemIndex } });

/** One request; the response shaped into records (Simplify where the kind offers it). */
async function request(this: IExecuteFunctions, run: Run, itemIndex: number): Promise<INodeExecutionData[]> {
	const { op, resource, resources } = run;
	if (guarded(this, op, itemIndex)) return createOnce.call(this, run, itemIndex);
	const req = requestFor(this, op, itemIndex, resources);
	const response = await billRequest.call(this, { ...req, body: bodyFor(this, op, itemIndex, resources) });
	const simplify = this.getNodeParameter(P.simplify, itemIndex, false) as boolean;
	return shapeOutput(op, response, resource, simplify).map(paired(itemIndex));
}

/** BILL's `nextPage` pagination up to Return All / Limit. */
async function list(this: IExecuteFunctions, { op, resource, resources }: Run, itemIndex: number): Promise<INodeExecutionData[]> {
	const req = requestFor(this, op, itemIndex, resources);
	const returnAll = this.getNodeParameter(P.returnAll, itemIndex, false) as boolean;
	const limit = returnAll ? undefined : wholeNumber(this, this.getNodeParameter(P.limit, itemIndex, 50), 'Limit', itemIndex, 1);
	const records = await billPaginate.call(
		this,
		{ ...req, qs: { ...req.qs, ...listQuery(this, op, itemIndex) } },
		{ style: op.pagination ?? 'page', limit, maxPageSize: op.maxPageSize ?? 100, itemsKey: op.response?.unwrap },
	);
	const simplify = this.getNodeParameter(P.simplify, itemIndex, false) as boolean;
	return records.map((r) => paired(itemIndex)(simplify ? simplified(sanitize(r), resource) : sanitize(r)));
}

/** BILL's own sign-in endpoints: the credential signs in (once, and only when needed); the node reports the session, never its secret. */
async function signIn(this: IExecuteFunctions, { op, resources }: Run, itemIndex: number): Promise<INodeExecutionData[]> {
	const req = requestFor(this, op, itemIndex, resources);
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

/** Sends the item's binary file (6 MB at most, checked first); waits for BILL's processing where the operation says so. */
async function upload(this: IExecuteFunctions, run: Run, itemIndex: number): Promise<INodeExecutionData[]> {
	const { op, resource, resources } = run;
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
	const response = await billRequest.call(this, { ...req, qs: { ...req.qs, name }, body: buffer, contentType: op.uploadContentType ?? 'application/octet-stream' });
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
async function download(this: IExecuteFunctions, { op, resource, resources }: Run, itemIndex: number): Promise<INodeExecutionData[]> {
	const req = requestFor(this, op, itemIndex, resources);
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
export const ITEM_HANDLERS: Record<Exclude<Handler, 'bulk'>, ItemHandler> = { request, list, signIn, upload, download, upsert };

/** Per input item: its output items, or its error. */
export type ItemOutcome = { items: INodeExecutionData[] } | { error: Error };

/**
 * Bulk kinds: one element per input item, sent in batches of BILL's limit; a batch leaves as soon
 * as it is full, up to `cap` batches in flight (the request layer keeps every organization within
 * BILL's 3 at once), while later items are still read. Items whose own values are invalid fail
 * alone; a failed batch fails its items; each item gets its own result.
 */
export async function runBulk(this: IExecuteFunctions, run: Run, itemCount: number, cap: number): Promise<ItemOutcome[]> {
	const { op, resources } = run;
	const guard = itemCount ? bulkGuard(this, run) : undefined;
	const outcomes: ItemOutcome[] = new Array(itemCount);
	const requests = new Map<string, { req: BillRequest; envelope: IDataObject }>();
	const ids = bulkOfIds(op);
	const slots = new Semaphore(cap);
	const inFlight: Array<Promise<void>> = [];

	const send = async (batch: BulkElement[]) => {
		await slots.acquire();
		try {
			const { req, envelope } = requests.get(batch[0].requestKey)!;
			let results: BulkResult[];
			try {
				const values = batch.map((e) => e.value);
				const qs = ids ? { ...req.qs, ids: values.join(',') } : req.qs;
				const body = ids ? undefined : typeof op.bulk?.request === 'object' ? { ...envelope, [op.bulk.request.key]: values as IDataObject[] } : (values as IDataObject[]);
				const response = await billRequest.call(this, { ...req, qs, body, itemIndex: batch[0].index });
				results = mapBulkResults(op, batch, response);
			} catch (error) {
				for (const e of batch) outcomes[e.index] = { error: error as Error };
				return;
			}
			for (const r of results) {
				outcomes[r.index] =
					'json' in r
						? { items: [{ json: r.json, pairedItem: { item: r.index } }] }
						: { error: new NodeOperationError(this.getNode(), r.error, { itemIndex: r.index, description: r.description }) };
			}
		} finally {
			slots.release();
		}
	};

	const batcher = new Batcher(op.bulk?.limit ?? 100);
	for (let i = 0; i < itemCount; i++) {
		let element: BulkElement;
		try {
			const req = requestFor(this, op, i, resources);
			const envelope = envelopeFor(this, op, i, resources);
			let value: IDataObject | string;
			if (ids) {
				value = String(this.getNodeParameter(P.id, i, '') ?? '').trim();
				if (!value) throw new NodeOperationError(this.getNode(), `"ID" is required`, { itemIndex: i, description: 'Map the ID of this input item, e.g. {{ $json.id }}' });
			} else value = bodyFor(this, op, i, resources) ?? {};
			if (guard && (await guard.skip(i, value as IDataObject, outcomes))) continue;
			const { itemIndex: _ignored, ...identity } = req;
			const requestKey = JSON.stringify({ ...identity, headers: { ...req.headers, 'X-Idempotent-Key': undefined }, envelope });
			if (!requests.has(requestKey)) requests.set(requestKey, { req, envelope });
			element = { index: i, value, requestKey };
		} catch (error) {
			outcomes[i] = { error: error as Error };
			continue;
		}
		const full = batcher.add(element);
		if (full) {
			inFlight.push(send(full));
			// Let the batch's request start while the next items are read.
			await sleep(0);
		}
	}
	for (const batch of batcher.flush()) inFlight.push(send(batch));
	await Promise.all(inFlight);
	guard?.finish(outcomes);
	return outcomes;
}
