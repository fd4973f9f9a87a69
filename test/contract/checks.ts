/**
 * The contract checks of one Postman item:
 * - request side: the request the node builds (in-process, n8n-core harness, against the capture
 *   server) from inputs equivalent to BILL's example, compared with the example (method, path, query
 *   keys, header names, body key structure);
 * - response side: every example response (success and error) fed back to the node, and its output
 *   compared with what the example documents;
 * - emulator: the emulator's answer to the operation compared with BILL's success example.
 * Each returns differences as stable text (no ports, no random values), which the allow-list names.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { isDeepStrictEqual } from 'util';

import type { OperationDef } from '../../nodes/Bill/catalog/types';
import { bulkOfIds, isBulk } from '../../nodes/Bill/catalog/kinds';
import { RETRY } from '../../nodes/Bill/transport/request';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import type { RunResult } from '../harness';
import { preparedOperation } from '../fixtures/operation-params';
import type { EmuApi } from '../fixtures/operation-setups';
import { billHarness, CRED_IDS, credentialsFor, parameterIssues, type BillTestContext } from '../support/bill';
import { CaptureServer, type Answer, type CapturedRequest } from './capture-server';
import { bulkElements, bulkIdPrefix, nodeInputs, PAGE_TOKENS, type InputOptions, type NodeInputs } from './inputs';
import {
	concretePath,
	documentedError,
	documentedRecords,
	kindOf,
	loadPostmanItems,
	pathMatches,
	structureDiff,
	valueDiff,
	withoutSecrets,
	wrapperName,
	type PostmanItem,
	type PostmanResponse,
} from './postman';

/** Headers of HTTP itself (the client sets them); not part of BILL's contract. */
const HTTP_HEADERS = ['host', 'connection', 'content-length', 'user-agent', 'accept-encoding', 'transfer-encoding'];

export interface Rig {
	server: CaptureServer;
	stop(): Promise<void>;
	/** Runs the operation once with fresh sign-in state; the server keeps what it captured. */
	run(op: OperationDef, inputs: NodeInputs, continueOnFail?: boolean): Promise<{ result?: RunResult; thrown?: Error }>;
}

export async function startRig(): Promise<Rig> {
	const server = new CaptureServer();
	const base = await server.start();
	const { runOp } = billHarness(base);
	let runs = 0;
	return {
		server,
		stop: () => server.stop(),
		async run(op, inputs, continueOnFail = false) {
			// The retry policy is unchanged; only its back-off is shortened (BILL's 500 examples of GETs are retried).
			RETRY.baseMs = 1;
			RETRY.maxMs = 2;
			// A Spend & Expense token of its own per run: the node's 60-calls-a-minute window is per token.
			const all = credentialsFor(base, { billSpendApi: { apiToken: `contract-token-${++runs}` } });
			// Sign-in endpoints are reached only by signing in again: the credentials lose their session.
			if (op.noAuth) resetSessionCache();
			const credentials = op.noAuth ? all : { [CRED_IDS.billSpendApi]: all[CRED_IDS.billSpendApi] };
			try {
				const result = await runOp(op.resource, op.operation, inputs.params, inputs.items, { continueOnFail }, credentials);
				return { result };
			} catch (thrown) {
				return { thrown: thrown as Error };
			}
		},
	};
}

const isItemRequest = (item: PostmanItem) => (r: CapturedRequest) => r.method === item.method && pathMatches(item, r.path);

/**
 * Answers the item's own request with `answer` (only the first one when `once`: a list's later pages
 * then come back empty); everything else (sign-in, follow-ups) with the defaults.
 */
function answerItem(rig: Rig, item: PostmanItem, answer: Answer, once = false): void {
	rig.server.reset();
	const mine = isItemRequest(item);
	let answered = 0;
	rig.server.answer = (r) => (mine(r) ? (!once || answered++ === 0 ? answer : undefined) : unknownRoute(r));
}

/**
 * A POST, PUT, PATCH or DELETE to a route BILL's collection does not list is answered as BILL
 * answers an unknown route: 404 BDC_1121 "API not supported." (e.g. the guide's path of Create
 * Policy, which the node tries before the collection's: OperationDef.newerPath). GETs keep the
 * default answer: the node also GETs files from download links, which are no routes of the API.
 */
function unknownRoute(r: CapturedRequest): Answer | undefined {
	if (r.method === 'GET') return undefined;
	const listed = (item: PostmanItem) => item.method === r.method && pathMatches(item, r.path);
	return loadPostmanItems().some(listed) ? undefined : { status: 404, body: [{ code: 'BDC_1121', message: 'API not supported.' }] };
}

const firstSuccess = (item: PostmanItem) => item.responses.find((r) => r.code < 400);

function failureText(run: { result?: RunResult; thrown?: Error }, op: OperationDef, inputs: NodeInputs): string {
	if (run.thrown) return `${run.thrown.message} ${parameterIssues(op.resource, op.operation, inputs.params)}`.trim();
	if (run.result && !run.result.success) return run.result.error?.message ?? 'failed';
	return '';
}

/* ------------------------------------------------------------------ request side */

/** Differences of the node's request from BILL's example; `unplaced`: parts of the example the node offers no field for. */
export async function requestDiffs(rig: Rig, item: PostmanItem, op: OperationDef): Promise<{ diffs: string[]; unplaced: string[] }> {
	const inputs = nodeInputs(item, op);
	const success = firstSuccess(item);
	answerItem(rig, item, { status: success?.code ?? 200, body: success?.body }, true);
	const run = await rig.run(op, inputs);
	const sent = rig.server.requests.find(isItemRequest(item));
	const failure = failureText(run, op, inputs);
	const diffs = sent ? compareRequest(item, inputs, sent, isBulk(op) && !bulkOfIds(op)) : [`request: the node sent no ${item.method} ${item.template}${failure ? ` (${failure})` : ''}`];
	return { diffs, unplaced: inputs.unplaced };
}

function compareRequest(item: PostmanItem, inputs: NodeInputs, sent: CapturedRequest, bulk: boolean): string[] {
	const out: string[] = [];
	if (sent.path !== concretePath(item, inputs.pathValues)) out.push(`path: the node's path puts other values in ${item.template}`);

	// Query keys: every key BILL documents for the request (pagination tokens only on later pages) …
	const documented = new Set(item.query.map((q) => q.key));
	const expected = item.query.map((q) => q.key).filter((k) => !PAGE_TOKENS.includes(k));
	for (const key of expected) if (!(key in sent.query)) out.push(`query ${key}: in BILL's example, not sent`);
	// … and nothing BILL does not document.
	for (const key of Object.keys(sent.query)) if (!documented.has(key)) out.push(`query ${key}: sent, not in BILL's example`);

	// Header names (case-insensitive, as HTTP).
	const postmanHeaders = new Map(item.headers.map((h) => [h.toLowerCase(), h]));
	const sentHeaders = new Map(sent.headerNames.map((h) => [h.toLowerCase(), h]));
	for (const [lower, name] of postmanHeaders) if (!sentHeaders.has(lower)) out.push(`header ${name}: in BILL's example, not sent`);
	for (const [lower, name] of sentHeaders) if (!postmanHeaders.has(lower) && !HTTP_HEADERS.includes(lower)) out.push(`header ${name}: sent, not in BILL's example`);

	// Body key structure.
	if (item.body?.kind === 'json') {
		for (const repair of item.body.repairs) out.push(`body: BILL's example is not JSON (${repair}); compared after repairing it`);
		out.push(...structureDiff(item.body.value, sent.body, 'body'));
		out.push(...bodyValueDiff(item.body.value, sent.body, bulk));
	}
	else if (item.body?.kind === 'file') {
		if (!sent.bodyBytes) out.push('body: BILL uploads a file, the node sent no body');
	} else if (sent.bodyBytes) out.push(`body: the node sent a ${Array.isArray(sent.body) ? 'array' : typeof sent.body} body, BILL's example has none`);
	return out;
}

/**
 * Values of the body (valueDiff). A bulk request's input items all come from one form filled with
 * BILL's first element, so each element the node sent is judged by that first element.
 */
function bodyValueDiff(example: unknown, sent: unknown, bulk: boolean): string[] {
	if (!bulk) return valueDiff(example, sent, 'body');
	const e = bulkElements(example);
	const a = bulkElements(sent);
	const first = e.elements[0];
	return [...valueDiff(e.envelope, a.envelope, 'body'), ...(first ? a.elements.flatMap((el, i) => valueDiff(first, el, `body[${i}]`)) : [])];
}

/* ------------------------------------------------------------------ response side */

/** Input options that give each documented record one input item (bulk), or ask a list for exactly them. */
function inputsForResponse(item: PostmanItem, op: OperationDef, response: PostmanResponse): { inputs: NodeInputs; body: unknown } {
	if (response.code >= 400) return { inputs: nodeInputs(item, op), body: response.body };
	const documented = documentedRecords(response.body);
	const count = Math.max(1, documented.records.length);
	const opts: InputOptions = {};
	let body = response.body;
	// A list whose records are one key of BILL's answer (`response.unwrap`, beside other keys): as many as that key holds.
	const unwrapped = op.response?.unwrap ? (response.body as Record<string, unknown> | undefined)?.[op.response.unwrap] : undefined;
	if (op.kind === 'list') opts.limit = Array.isArray(unwrapped) ? Math.max(1, unwrapped.length) : count;
	if ((isBulk(op) && bulkOfIds(op))) {
		// BILL's example records all have the id "string": give each its own, so that pairing can be checked.
		// (with the resource's ID prefix, which the node checks before sending)
		const prefix = bulkIdPrefix(op) ?? '';
		opts.ids = Array.from({ length: count }, (_x, i) => `${prefix}${prefix ? '01' : ''}contract-id-${i + 1}`);
		if (documented.key) {
			body = { ...(response.body as object), [documented.key]: documented.records.map((r, i) => ({ ...r, id: opts.ids![i] })) };
		}
	} else if (isBulk(op)) opts.elements = count;
	const inputs = nodeInputs(item, op, opts);
	if (isBulk(op) && !bulkOfIds(op) && documented.key !== undefined && documented.records.length) body = distinctElements(op, inputs, response.body, documented);
	return { inputs, body };
}

/**
 * A bulk whose results name their elements (by `id`, or by `bulk.match`, e.g. a payment's
 * `billPayments[].billId`): BILL's example gives every record the same placeholder, so each input
 * item gets its own key (an expression on the item) and record k is made to name item k.
 */
function distinctElements(op: OperationDef, inputs: NodeInputs, body: unknown, documented: ReturnType<typeof documentedRecords>): unknown {
	const element = op.bulk?.match?.element ?? ((op.body ?? []).some((f) => f.name === 'id') ? 'id' : undefined);
	if (!element || !(element in inputs.params)) return body;
	// Where BILL's result names the element, read from BILL's example (never the node's own match path):
	// every key of that name in the example record (a bulk payment names its bill as `billId` and in
	// `billPayments[].billId`). A node matching on a path BILL's example does not have finds no result.
	const resultPaths = pathsNaming(documented.records[0], element).map((p) => p.join('.'));
	if (!resultPaths.length) return body;
	const current = inputs.params[element];
	// Each key keeps the example's value (an ID with BILL's prefix, which the node checks) and adds a suffix.
	const base = String(current && typeof current === 'object' && 'value' in current ? (current as { value: unknown }).value : current);
	const keys = inputs.items.map((_x, k) => `${base}K${k + 1}`);
	inputs.params[element] = current && typeof current === 'object' && '__rl' in current ? { __rl: true, mode: 'id', value: '={{ $json.contractKey }}' } : '={{ $json.contractKey }}';
	inputs.items = inputs.items.map((it, k) => ({ ...it, json: { ...it.json, contractKey: keys[k] } }));
	const named = documented.records.map((r, k) =>
		resultPaths.reduce((rec, path) => setAt(rec, path.split('.'), keys[k % keys.length]), JSON.parse(JSON.stringify(r)) as Record<string, unknown>),
	);
	return { ...(body as object), [documented.key!]: named };
}

/** Paths of the scalar keys named `key` in a record, through objects and arrays of objects (`billPayments[]`, `billId`). */
function pathsNaming(record: unknown, key: string, at: string[] = []): string[][] {
	if (!record || typeof record !== 'object' || Array.isArray(record)) return [];
	const out: string[][] = [];
	for (const [k, v] of Object.entries(record as Record<string, unknown>)) {
		if (k === key && kindOf(v) === 'scalar') out.push([...at, k]);
		else if (Array.isArray(v) && v.length && kindOf(v[0]) === 'object') out.push(...pathsNaming(v[0], key, [...at, `${k}[]`]));
		else if (kindOf(v) === 'object') out.push(...pathsNaming(v, key, [...at, k]));
	}
	return out;
}

/** Sets the value at a path such as `billPayments[].billId` (`[]`: in every element). */
function setAt(record: Record<string, unknown>, path: string[], value: string): Record<string, unknown> {
	const [head, ...rest] = path;
	const many = head.endsWith('[]');
	const key = many ? head.slice(0, -2) : head;
	if (!rest.length) record[key] = value;
	else if (many && Array.isArray(record[key])) for (const e of record[key] as Array<Record<string, unknown>>) setAt(e, rest, value);
	else if (record[key] && typeof record[key] === 'object') setAt(record[key] as Record<string, unknown>, rest, value);
	return record;
}

export interface ResponseCheck {
	code: number;
	diffs: string[];
}

/**
 * @param views the operations that output other keys of the same answer (OperationDef.viewOf, e.g.
 *   Card Account → Get Fee Rates beside Get Many): each runs on the success example too, and their
 *   outputs together, under the key each unwraps, must be BILL's example.
 */
export async function responseChecks(rig: Rig, item: PostmanItem, op: OperationDef, views: OperationDef[] = []): Promise<ResponseCheck[]> {
	const out: ResponseCheck[] = [];
	for (const response of item.responses) {
		const { inputs, body } = inputsForResponse(item, op, response);
		const diffs: string[] = [];
		if (response.code >= 400) {
			diffs.push(...(await errorDiffs(rig, item, op, inputs, response.code, body)));
		} else {
			const outputs: Array<{ op: OperationDef; output: INodeExecutionData[] }> = [];
			for (const each of [op, ...views]) {
				answerItem(rig, item, { status: response.code, body });
				const run = await rig.run(each, inputs);
				const name = each === op ? 'the node' : each.name;
				if (!rig.server.requests.some(isItemRequest(item))) diffs.push(`${response.code}: ${name} sent no ${item.method} ${item.template}, so the example cannot reach it`);
				else if (!run.result?.success) diffs.push(`${response.code}: ${name} failed on BILL's success example: ${failureText(run, each, inputs)}`);
				else outputs.push({ op: each, output: run.result.output });
			}
			if (outputs.length === 1 + views.length) {
				diffs.push(...(views.length ? viewsDiffs(response.code, body, outputs) : outputDiffs(response.code, body, inputs.items.length, outputs[0].output, isBulk(op))));
			}
		}
		out.push({ code: response.code, diffs });
	}
	return out;
}

/** An answer read through several operations (OperationDef.viewOf): their outputs, each under the key it unwraps, are BILL's example. */
function viewsDiffs(code: number, body: unknown, outputs: Array<{ op: OperationDef; output: INodeExecutionData[] }>): string[] {
	const rebuilt: Record<string, unknown> = {};
	for (const { op, output } of outputs) {
		const key = op.response?.unwrap ?? '(no key)';
		const records = output.map((o) => o.json);
		rebuilt[key] = Array.isArray((body as Record<string, unknown> | undefined)?.[key]) ? records : records[0];
	}
	if (isDeepStrictEqual(rebuilt, body)) return [];
	const detail = structureDiff(body, rebuilt, 'answer').slice(0, 3).join('; ') || 'same keys, other values';
	return [`${code}: the outputs of ${outputs.map((o) => o.op.name).join(' and ')} together are not BILL's example (${detail})`];
}

function outputDiffs(code: number, body: unknown, inputCount: number, output: INodeExecutionData[], bulk: boolean): string[] {
	const documented = documentedRecords(body);
	const wrapper = wrapperName(documented);
	if (documented.wrapper === 'empty') {
		const bad = output.length !== inputCount || output.some((o) => 'error' in o.json);
		return bad ? [`${code}: BILL answers without a body; the node output ${output.length} item(s) for ${inputCount} input item(s)`] : [];
	}
	const expected = documented.records.map(withoutSecrets);
	if (output.length !== expected.length) return [`${code}: the node output ${output.length} item(s); BILL's example (${wrapper}) documents ${expected.length}`];
	const diffs: string[] = [];
	expected.forEach((record, i) => {
		const got = output[i];
		if (!isDeepStrictEqual(got.json, record)) {
			const detail = structureDiff(record, got.json, 'record').slice(0, 3).join('; ') || 'same keys, other values';
			diffs.push(`${code}: output item ${i + 1} is not BILL's record ${i + 1} of ${wrapper} (${detail})`);
		}
		const paired = Array.isArray(got.pairedItem) ? got.pairedItem[0] : got.pairedItem;
		const expectedItem = bulk ? i : 0;
		if (typeof paired !== 'object' || paired?.item !== expectedItem) diffs.push(`${code}: output item ${i + 1} is paired with input ${JSON.stringify(paired)}, not ${expectedItem}`);
	});
	return diffs;
}

/** A BILL error example must stop the node with a NodeApiError carrying BILL's code, or (Continue On Fail) give every item an error. */
async function errorDiffs(rig: Rig, item: PostmanItem, op: OperationDef, inputs: NodeInputs, code: number, body: unknown): Promise<string[]> {
	const diffs: string[] = [];
	const bill = documentedError(body);
	answerItem(rig, item, { status: code, body });
	const stopped = await rig.run(op, inputs);
	if (!rig.server.requests.some(isItemRequest(item))) return [`${code}: the node sent no ${item.method} ${item.template}, so the example cannot reach it`];
	const error = stopped.result?.error as (Error & { httpCode?: string | null }) | undefined;
	if (stopped.thrown || stopped.result?.success) diffs.push(`${code}: the node did not fail on BILL's error example`);
	else if (error?.name !== 'NodeApiError') diffs.push(`${code}: the node failed with ${error?.name ?? 'no error'}, not a NodeApiError`);
	else {
		if (error.httpCode !== String(code)) diffs.push(`${code}: the NodeApiError has HTTP code ${String(error.httpCode)}`);
		if (bill.code && !error.message.includes(`${bill.code}: ${bill.message ?? ''}`)) diffs.push(`${code}: the NodeApiError message does not carry BILL's code and message`);
	}
	answerItem(rig, item, { status: code, body });
	const continued = await rig.run(op, inputs, true);
	const output = continued.result?.output ?? [];
	if (!continued.result?.success) diffs.push(`${code}: with Continue On Fail the node still failed: ${failureText(continued, op, inputs)}`);
	else if (output.length !== inputs.items.length) diffs.push(`${code}: with Continue On Fail the node output ${output.length} item(s) for ${inputs.items.length} input item(s)`);
	else
		output.forEach((o, i) => {
			const paired = Array.isArray(o.pairedItem) ? o.pairedItem[0] : o.pairedItem;
			if (typeof o.json.error !== 'string' || (bill.code && !o.json.error.includes(bill.code))) diffs.push(`${code}: with Continue On Fail output item ${i + 1} does not carry BILL's code`);
			if (typeof paired !== 'object' || paired?.item !== i) diffs.push(`${code}: with Continue On Fail output item ${i + 1} is not paired with input ${i}`);
		});
	return diffs;
}

/* ------------------------------------------------------------------ the emulator */

/**
 * The emulator's answer to the item's request (the operation run as the executed coverage test runs
 * it), compared with BILL's success example: the same wrapper (array, list page, `{key: [...]}`,
 * object, no body), and records whose keys are BILL's with the same nesting. Values may differ (a
 * null stands for any value); a key BILL shows may not be absent, a list BILL shows with elements
 * may not be empty, and a key BILL does not show may not be there.
 */
export function emulatorResponseDiffs(example: unknown, answer: unknown): string[] {
	const bill = documentedRecords(example);
	const emu = documentedRecords(answer);
	if (bill.wrapper !== emu.wrapper || bill.key !== emu.key) return [`wrapper: BILL's example is ${wrapperName(bill)}, the emulator answers ${wrapperName(emu)}`];
	const diffs: string[] = [];
	if (bill.wrapper === 'list') {
		const top = (x: unknown) => Object.fromEntries(Object.entries(x as object).filter(([k]) => k !== 'results'));
		diffs.push(...structureDiff(top(example), top(answer), 'page', { nullMatchesAny: true }));
	}
	const sample = bill.records[0];
	if (sample) emu.records.forEach((r, i) => diffs.push(...structureDiff(sample, r, `record[${i}]`, { lengths: false, nullMatchesAny: true })));
	return [...new Set(diffs.map((d) => d.replace(/^record\[\d+\]/, 'record')))];
}

/** Runs the operation against the emulator as the executed coverage test does; diffs of the emulator's answer to the item's request. */
export async function emulatorDiffs(t: BillTestContext, api: EmuApi, hookUrl: string, item: PostmanItem, op: OperationDef): Promise<string[]> {
	const success = firstSuccess(item);
	if (!success) return [];
	const { params, items } = await preparedOperation(t, api, op, hookUrl);
	// A sign-in endpoint is only called when the credential has no session yet.
	if (op.noAuth) resetSessionCache();
	const start = t.emu.requestLog.length;
	const run = await t.runOp(op.resource, op.operation, params, items, {}, op.noAuth ? credentialsFor(t.base) : undefined).catch((error: Error) => ({ error }));
	// The last one: a request BILL refused first (an expired session) is sent again.
	const entry = t.emu.requestLog
		.slice(start)
		.filter((e) => e.method === item.method && pathMatches(item, `/${e.base}${e.path}`))
		.pop();
	if (!entry) return [`emulator: no ${item.method} ${item.template} reached it (${run.error?.message ?? ''})`];
	if (entry.status >= 400) return [`emulator: answered ${item.method} ${item.template} with HTTP ${entry.status} ${entry.code ?? ''}`.trim()];
	const status = entry.status === success.code ? [] : [`status: BILL's example answers ${success.code}, the emulator ${entry.status}`];
	return [...status, ...emulatorResponseDiffs(success.body, entry.responseBody)];
}
