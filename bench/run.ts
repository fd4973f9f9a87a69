/**
 * Benchmarks (`npm run bench` = scripts/bench.sh, not part of the tests): the BILL package in a real
 * n8n (`n8n execute`, `n8n start`; BILL_N8N: newest by default, or oldest) against the emulator (in this process) with a fixed
 * latency per request, each scenario compared in the same run with what users do today: n8n's
 * HTTP Request node with a login HTTP Request node in front (POST /v3/login, then devKey +
 * sessionId headers from its output; pagination through the node's built-in option).
 *
 *   list 5,000 vendors · create 1,000 bills (Create Many, one by one) · logins over 10 executions ·
 *   peak concurrency seen by BILL · trigger: signature check, response time, notifications per second ·
 *   polling trigger: BILL requests per poll with 0, 1 and 250 changes (bench/polling.ts, in-process) ·
 *   queue mode with 1, 2 and 4 workers: time ÷ BILL's limit, refusals, failed executions (bench/queue.ts)
 *
 * Requests and logins are counted from the emulator's requestLog and counters; times of workflow
 * steps come from n8n's run data (the nodes' execution time, without n8n's ~4 s CLI start, which is
 * recorded separately). Writes bench/results/latest.md and latest.json.
 *
 * Environment: BENCH_LATENCY_MS (100), BENCH_VENDORS (5000), BENCH_BILLS (1000), BENCH_RUNS (10),
 * BENCH_NOTIFICATIONS (300), BENCH_BEFORE (the dist/ of another build, e.g. `bash scripts/build-ref.sh
 * <commit>`: its Create Many is timed in the same run, loaded as billBefore). Needs `npm run build` first
 * (scripts/bench.sh does it).
 */
import { execFileSync } from 'child_process';
import { randomUUID } from 'crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';

import { BillEmulator, SEED } from '../test/emulator/server';
import { buildPayload, signBody, SUBSCRIPTIONS } from '../test/emulator/webhooks';
import { chain, code, manual } from '../test/e2e/bill-e2e';
import { N8N_VERSION, N8n, N8nRest, ROOT, freePort, parseRunOutput, type E2ENode, type E2ERun, type E2EWorkflow, type N8nProcess } from '../test/e2e/n8n';
import { credentialsFor, CRED_IDS } from '../test/support/bill';
import { pollingBench, pollingRow } from './polling';
import { queueBench, queueRows } from './queue';
import { writeBeforePackage } from '../scripts/lib/before-package';

// ------------------------------------------------------------------ settings

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const LATENCY_MS = num('BENCH_LATENCY_MS', 100);
const VENDORS = num('BENCH_VENDORS', 5000);
const BILLS = num('BENCH_BILLS', 1000);
const RUNS = num('BENCH_RUNS', 10);
const NOTIFICATIONS = num('BENCH_NOTIFICATIONS', 300);
const SEQUENTIAL_NOTIFICATIONS = Math.min(100, NOTIFICATIONS);
const BURST_CONCURRENCY = 8;
const FORGED = 20;
const RESULTS = join(ROOT, 'bench', 'results');
/** Another build whose Create Many runs beside this one's (scripts/build-ref.sh prints its dist/). */
const BEFORE = process.env.BENCH_BEFORE;
const BEFORE_LABEL = process.env.BENCH_BEFORE_LABEL ?? BEFORE ?? '';

const ORG = SEED.organizationId;
const ADDRESS = { line1: '1 Main St', city: 'Austin', stateOrProvince: 'TX', zipOrPostalCode: '78701', country: 'US' };
const CREDS: Record<'main' | 'logins', { id: string; name: string }> = {
	/** Used by the list and create scenarios (logs in on its first use). */
	main: { id: CRED_IDS.billApi, name: 'BILL (bench)' },
	/** Fresh for the logins scenario: its session is empty until that scenario's first execution. */
	logins: { id: 'cred-bench-logins', name: 'BILL (bench logins)' },
};

function log(message: string) {
	process.stdout.write(`[bench] ${message}\n`);
}

// ------------------------------------------------------------------ workflow builders

function billNode(name: string, resource: string, operation: string, params: Record<string, unknown>, credential = CREDS.main, type = 'CUSTOM.bill'): E2ENode {
	return { name, type, typeVersion: 1, parameters: { resource, operation, ...params }, credentials: { billApi: credential } };
}

/** The login users put in front: POST /v3/login with the user's sign-in values in the body. */
function loginNode(base: string): E2ENode {
	return {
		name: 'Login',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${base}/connect/v3/login`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ username: SEED.username, password: SEED.password, organizationId: ORG, devKey: SEED.devKey }),
			options: {},
		},
	};
}

/** An HTTP Request node with the devKey + sessionId headers taken from the Login node. */
function httpNode(name: string, method: string, url: string, extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}): E2ENode {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method,
			url,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'devKey', value: SEED.devKey },
					{ name: 'sessionId', value: "={{ $('Login').first().json.sessionId }}" },
				],
			},
			...extra,
			options,
		},
	};
}

const makeItems = (n: number) => code('Items', `return Array.from({ length: ${n} }, (_, n) => ({ json: { n, amount: n + 1 } }));`);

const BILL_FIELDS = {
	dueDate: '2026-12-31',
	invoice: { invoiceNumber: '={{ "BENCH-" + $json.n }}', invoiceDate: '2026-12-01' },
	billLineItems: { values: [{ amount: '={{ $json.amount }}', description: 'Bench line' }] },
};

export function workflows(base: string, vendorId: string, webhookId: string) {
	const vendorRl = { __rl: true, mode: 'id', value: vendorId };
	const billBody =
		'={{ JSON.stringify({ vendorId: "' +
		vendorId +
		'", dueDate: "2026-12-31", invoice: { invoiceNumber: "BENCH-" + $json.n, invoiceDate: "2026-12-01" }, billLineItems: [{ amount: $json.amount, description: "Bench line" }] }) }}';
	const createHttp = (options: Record<string, unknown>) =>
		httpNode('Create', 'POST', `${base}/connect/v3/bills`, { sendBody: true, specifyBody: 'json', jsonBody: billBody }, options);
	// One at a time: n8n's HTTP Request node starts every item's request without waiting for the
	// previous one (its Batching option only spaces the starts), so users loop: Loop Over Items
	// with 1 item per batch → HTTP Request → back to the loop.
	const loop: E2ENode = { name: 'Loop', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 1, options: {} } };
	const list: Record<string, E2EWorkflow> = {
		listOurs: {
			id: 'benchListOurs001',
			name: 'bench: list vendors (BILL)',
			nodes: [manual(), billNode('BILL', 'vendor', 'getAll', { returnAll: true })],
			connections: chain('Manual', 'BILL'),
		},
		listHttp: {
			id: 'benchListHttp001',
			name: 'bench: list vendors (HTTP Request)',
			nodes: [
				manual(),
				loginNode(base),
				httpNode(
					'List',
					'GET',
					`${base}/connect/v3/vendors`,
					{ sendQuery: true, queryParameters: { parameters: [{ name: 'max', value: '100' }] } },
					{
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $response.body.nextPage }}' }] },
								paginationCompleteWhen: 'other',
								completeExpression: '={{ !$response.body.nextPage }}',
								limitPagesFetched: true,
								maxRequests: 1000,
								requestInterval: 0,
							},
						},
					},
				),
			],
			connections: chain('Manual', 'Login', 'List'),
		},
		createMany: {
			id: 'benchCreateMany1',
			name: 'bench: create bills (BILL Create Many)',
			nodes: [manual(), makeItems(BILLS), billNode('BILL', 'bill', 'createMany', { vendorId: vendorRl, ...BILL_FIELDS })],
			connections: chain('Manual', 'Items', 'BILL'),
		},
		// The same Create Many with its batches sent one after another (Max Concurrent Requests 1): how
		// the node sent them before the batches went out up to 3 at once; measured in the same run.
		createManySerial: {
			id: 'benchCreateMany2',
			name: 'bench: create bills (BILL Create Many, batches one after another)',
			nodes: [manual(), makeItems(BILLS), billNode('BILL', 'bill', 'createMany', { vendorId: vendorRl, ...BILL_FIELDS, options: { maxConcurrency: 1 } })],
			connections: chain('Manual', 'Items', 'BILL'),
		},
		...(BEFORE
			? {
					createManyBefore: {
						id: 'benchCreateMany3',
						name: 'bench: create bills (BILL Create Many of the BENCH_BEFORE build)',
						nodes: [manual(), makeItems(BILLS), billNode('BILL', 'bill', 'createMany', { vendorId: vendorRl, ...BILL_FIELDS }, CREDS.main, 'CUSTOM.billBefore')],
						connections: chain('Manual', 'Items', 'BILL'),
					},
				}
			: {}),
		createOne: {
			id: 'benchCreateOne01',
			name: 'bench: create bills (BILL Create, one by one)',
			nodes: [manual(), makeItems(BILLS), billNode('BILL', 'bill', 'create', { vendorId: vendorRl, ...BILL_FIELDS })],
			connections: chain('Manual', 'Items', 'BILL'),
		},
		createHttp: {
			id: 'benchCreateHttp1',
			name: 'bench: create bills (HTTP Request in Loop Over Items, one at a time)',
			nodes: [manual(), loginNode(base), makeItems(BILLS), loop, createHttp({})],
			connections: {
				...chain('Manual', 'Login', 'Items', 'Loop'),
				Loop: { main: [[], [{ node: 'Create', type: 'main', index: 0 }]] },
				Create: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
			},
		},
		createHttpUnbatched: {
			id: 'benchCreateHttp2',
			name: 'bench: create bills (HTTP Request, default: no batching)',
			nodes: [manual(), loginNode(base), makeItems(BILLS), createHttp({ response: { response: { neverError: true } } })],
			connections: chain('Manual', 'Login', 'Items', 'Create'),
		},
		loginsOurs: {
			id: 'benchLoginsOurs1',
			name: 'bench: one request (BILL)',
			nodes: [manual(), billNode('BILL', 'vendor', 'getAll', { returnAll: false, limit: 1 }, CREDS.logins)],
			connections: chain('Manual', 'BILL'),
		},
		loginsHttp: {
			id: 'benchLoginsHttp1',
			name: 'bench: one request (HTTP Request)',
			nodes: [manual(), loginNode(base), httpNode('List', 'GET', `${base}/connect/v3/vendors`, { sendQuery: true, queryParameters: { parameters: [{ name: 'max', value: '1' }] } })],
			connections: chain('Manual', 'Login', 'List'),
		},
		trigger: {
			id: 'benchTrigger0001',
			name: 'bench: BILL Trigger',
			nodes: [
				{
					name: 'BILL Trigger',
					type: 'CUSTOM.billTrigger',
					typeVersion: 1,
					webhookId,
					parameters: { eventFamily: 'organization', events: ['bill.created:1'], options: {} },
					credentials: { billApi: CREDS.main },
				},
			],
			connections: {},
		},
		webhook: {
			id: 'benchWebhook0001',
			name: 'bench: Webhook node (no signature check)',
			nodes: [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path: 'bench-plain', responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
		},
	};
	return list;
}

/** All workflows in one `n8n import:workflow` (an array file: one n8n start instead of ten). */
export async function importAll(n8n: N8n, list: E2EWorkflow[]) {
	const file = join(n8n.userFolder, 'bench-workflows.json');
	const data = list.map((w) => ({
		active: false,
		settings: { executionOrder: 'v1' },
		...w,
		nodes: w.nodes.map((node, index) => ({ id: randomUUID(), position: [index * 220, 0], parameters: {}, ...node })),
	}));
	writeFileSync(file, JSON.stringify(data));
	const result = await n8n.cli(['import:workflow', `--input=${file}`], { env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	if (result.code !== 0) throw new Error(`import:workflow failed: ${result.stdout}\n${result.stderr}`);
}

// ------------------------------------------------------------------ running and measuring

interface TaskTiming {
	startTime?: number;
	executionTime?: number;
}

/** Time from the first listed node's start to the last one's end, from n8n's run data. */
function nodesSpanMs(run: E2ERun, nodes: string[]): number {
	let start = Infinity;
	let end = 0;
	for (const node of nodes) {
		for (const task of (run.data.resultData.runData[node] ?? []) as TaskTiming[]) {
			if (task.startTime === undefined) continue;
			start = Math.min(start, task.startTime);
			end = Math.max(end, task.startTime + (task.executionTime ?? 0));
		}
	}
	return end >= start ? end - start : NaN;
}

type Tasks = Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>;

/** Main output 0 of the node's last run. */
function outputOf(run: E2ERun, node: string) {
	const tasks = (run.data.resultData.runData[node] ?? []) as Tasks;
	return tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
}

/** Main output 0 of every run of the node (a node inside a loop runs once per batch). */
function allOutputsOf(run: E2ERun, node: string) {
	return ((run.data.resultData.runData[node] ?? []) as Tasks).flatMap((task) => task.data?.main?.[0] ?? []);
}

interface Measured {
	/** Nodes' span from n8n's run data (ms). */
	ms: number;
	/** The whole `n8n execute` process (ms), n8n's start included. */
	processMs: number;
	requests: number;
	logins: number;
	peakConcurrency: number;
	refused: number;
	errors: number;
	run: E2ERun;
}

export class Bench {
	constructor(
		readonly emu: BillEmulator,
		readonly n8n: N8n,
	) {}

	/** `n8n execute` of a workflow; what the emulator saw during it. */
	async execute(id: string, timedNodes: string[]): Promise<Measured> {
		const from = this.emu.requestLog.length;
		const logins = this.emu.counters.logins;
		this.emu.counters.peakConcurrency = {};
		const result = await this.n8n.cli(['execute', `--id=${id}`, '--rawOutput'], {
			env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			timeoutMs: 600_000,
		});
		const run = parseRunOutput(result.stdout);
		if (result.code !== 0 || !run || run.status !== 'success') {
			const dump = join(this.n8n.userFolder, `..`, `bench-failed-${id}.log`);
			writeFileSync(dump, `${result.stdout}\n--- stderr ---\n${result.stderr}`);
			throw new Error(
				`execution of ${id} failed (exit ${result.code}, status ${run?.status ?? 'no run data'}, output in ${dump}): ${JSON.stringify(run?.data.resultData.error ?? result.stderr.slice(-3000))}`,
			);
		}
		const entries = this.emu.requestLog.slice(from);
		return {
			ms: nodesSpanMs(run, timedNodes),
			processMs: result.ms,
			requests: entries.length,
			logins: this.emu.counters.logins - logins,
			peakConcurrency: this.emu.counters.peakConcurrency[ORG] ?? 0,
			refused: entries.filter((e) => e.code === 'BDC_1322').length,
			errors: entries.filter((e) => e.status >= 400).length,
			run,
		};
	}
}

function expectCount(what: string, got: number, want: number) {
	if (got !== want) throw new Error(`${what}: expected ${want}, got ${got}`);
}

// ------------------------------------------------------------------ trigger

interface Latencies {
	count: number;
	meanMs: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
}

function latencies(values: number[]): Latencies {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	const round = (v: number) => Math.round(v * 10) / 10;
	return {
		count: values.length,
		meanMs: round(values.reduce((s, v) => s + v, 0) / values.length),
		p50Ms: round(at(0.5)),
		p95Ms: round(at(0.95)),
		maxMs: round(sorted[sorted.length - 1]),
	};
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
	const started = performance.now();
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	await res.text();
	return { status: res.status, ms: performance.now() - started };
}

/** `count` POSTs, `concurrency` at a time; statuses and per-request times, and the wall time. */
async function send(count: number, concurrency: number, make: (i: number) => { url: string; body: string; headers?: Record<string, string> }) {
	const times: number[] = [];
	const statuses: Record<number, number> = {};
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const { url, body, headers } = make(next++);
				const r = await post(url, body, headers);
				times.push(r.ms);
				statuses[r.status] = (statuses[r.status] ?? 0) + 1;
			}
		}),
	);
	const wallMs = performance.now() - started;
	return { latency: latencies(times), statuses, wallMs, perSecond: Math.round((count / wallMs) * 1000 * 10) / 10 };
}

/** matchSignature of the built trigger, in this process: µs per check of a ~1 KB notification. */
function signatureMicrobench() {
	// the built file: the bench measures what users run
	const { matchSignature } = require(join(ROOT, 'dist/nodes/BillTrigger/signature.js')) as {
		matchSignature: (header: unknown, raw: Buffer, keys: string[]) => number;
	};
	const key = 'bench-security-key-0123456789abcdef';
	const raw = Buffer.from(JSON.stringify({ metadata: { eventId: randomUUID() }, bill: { id: '00n01BENCH', pad: 'x'.repeat(900) } }));
	const header = signBody(key, raw);
	const iterations = 20_000;
	const measure = (keys: string[], h: string) => {
		for (let i = 0; i < 1000; i++) matchSignature(h, raw, keys);
		const started = process.hrtime.bigint();
		for (let i = 0; i < iterations; i++) matchSignature(h, raw, keys);
		return Math.round(Number(process.hrtime.bigint() - started) / iterations / 10) / 100; // µs, 2 decimals
	};
	return {
		bodyBytes: raw.length,
		validUs: measure([key], header),
		forgedUs: measure([key], signBody('wrong', raw)),
		twoKeysUs: measure(['previous-key-during-rotation', key], header),
	};
}

// ------------------------------------------------------------------ main

async function main() {
	const started = Date.now();
	// 0. polling trigger: in-process, its own emulator (n8n polls at most once a minute)
	const polling = await pollingBench();
	log(`polling trigger: requests per poll ${polling.polls.map((p) => `${p.changes} changes → ${p.requests}`).join(', ')}; ${polling.missed} missed, ${polling.duplicated} duplicated`);
	// 0b. queue mode (issue 16): its own n8n instances, Redis and emulator per worker count
	const queue = await queueBench(log);
	const emu = new BillEmulator();
	const base = await emu.start();
	const vendors = emu.store.collection('vendors', ORG);
	for (let i = 0; i < VENDORS; i++) vendors.insert({ name: `Bench Vendor ${String(i).padStart(5, '0')}`, accountType: 'BUSINESS', email: `v${i}@vendor.example`, address: ADDRESS }, { prefix: '009' });
	const vendorId = vendors.list()[0].id;
	log(`emulator ${base}: ${vendors.size} vendors, latency ${LATENCY_MS} ms per request`);

	const n8n = await N8n.create({ custom: [BEFORE ? writeBeforePackage(join(ROOT, 'dist'), BEFORE, join(ROOT, '.cache', 'bench-before')) : join(ROOT, 'dist')] });
	let server: N8nProcess | undefined;
	try {
		const data = credentialsFor(base)[CRED_IDS.billApi].data;
		await n8n.importCredentials([
			{ ...CREDS.main, type: 'billApi', data },
			{ ...CREDS.logins, type: 'billApi', data },
		]);
		const webhookId = randomUUID();
		const wf = workflows(base, vendorId, webhookId);
		await importAll(n8n, Object.values(wf));
		log(`n8n ${N8N_VERSION} ready (${Math.round((Date.now() - started) / 1000)} s)`);
		emu.config.latencyMs = LATENCY_MS;
		const bench = new Bench(emu, n8n);

		// 1. list 5,000 vendors
		const listOurs = await bench.execute(wf.listOurs.id!, ['BILL']);
		expectCount('vendors listed by the BILL node', outputOf(listOurs.run, 'BILL').length, VENDORS);
		const listHttp = await bench.execute(wf.listHttp.id!, ['Login', 'List']);
		const pages = outputOf(listHttp.run, 'List');
		expectCount('vendors listed by the HTTP Request node', pages.reduce((s, p) => s + ((p.json.results as unknown[]) ?? []).length, 0), VENDORS);
		log(`list: ours ${listOurs.ms} ms / ${listOurs.requests} requests, HTTP Request ${listHttp.ms} ms / ${listHttp.requests} requests`);

		// 2. create 1,000 bills
		const createMany = await bench.execute(wf.createMany.id!, ['BILL']);
		expectCount('bills from Create Many', outputOf(createMany.run, 'BILL').length, BILLS);
		log(`create many: ${createMany.ms} ms / ${createMany.requests} requests, peak ${createMany.peakConcurrency}`);
		const createManySerial = await bench.execute(wf.createManySerial.id!, ['BILL']);
		expectCount('bills from Create Many (batches one after another)', outputOf(createManySerial.run, 'BILL').length, BILLS);
		log(`create many, batches one after another: ${createManySerial.ms} ms / ${createManySerial.requests} requests`);
		const createManyBefore = wf.createManyBefore ? await bench.execute(wf.createManyBefore.id!, ['BILL']) : undefined;
		if (createManyBefore) {
			expectCount('bills from Create Many (BENCH_BEFORE build)', outputOf(createManyBefore.run, 'BILL').length, BILLS);
			log(`create many, BENCH_BEFORE build: ${createManyBefore.ms} ms / ${createManyBefore.requests} requests, peak ${createManyBefore.peakConcurrency}`);
		}
		// The same Create Many with no latency at BILL: what n8n and the node spend on the items
		// themselves (reading and resolving each item's parameters), which no concurrency can hide.
		emu.config.latencyMs = 0;
		const createManyNoLatency = await bench.execute(wf.createMany.id!, ['BILL']);
		emu.config.latencyMs = LATENCY_MS;
		expectCount('bills from Create Many (no latency)', outputOf(createManyNoLatency.run, 'BILL').length, BILLS);
		log(`create many, no latency: ${createManyNoLatency.ms} ms / ${createManyNoLatency.requests} requests`);
		const createOne = await bench.execute(wf.createOne.id!, ['BILL']);
		expectCount('bills from Create', outputOf(createOne.run, 'BILL').length, BILLS);
		log(`create one by one: ${createOne.ms} ms / ${createOne.requests} requests, peak ${createOne.peakConcurrency}`);
		const createHttp = await bench.execute(wf.createHttp.id!, ['Login', 'Items', 'Loop', 'Create']);
		expectCount('bills from the HTTP Request node', allOutputsOf(createHttp.run, 'Create').filter((i) => typeof i.json.id === 'string').length, BILLS);
		log(`create with HTTP Request: ${createHttp.ms} ms / ${createHttp.requests} requests`);
		const createHttpUnbatched = await bench.execute(wf.createHttpUnbatched.id!, ['Login', 'Items', 'Create']);
		const unbatchedCreated = outputOf(createHttpUnbatched.run, 'Create').filter((i) => typeof i.json.id === 'string').length;
		log(`create with HTTP Request, no batching: ${unbatchedCreated} created, ${createHttpUnbatched.refused} refused (BDC_1322)`);

		// 3. logins across consecutive executions
		const loginsOurs: number[] = [];
		const loginsHttp: number[] = [];
		for (let i = 0; i < RUNS; i++) loginsOurs.push((await bench.execute(wf.loginsOurs.id!, ['BILL'])).logins);
		for (let i = 0; i < RUNS; i++) loginsHttp.push((await bench.execute(wf.loginsHttp.id!, ['Login', 'List'])).logins);
		log(`logins per execution: ours ${loginsOurs.join(',')}; HTTP Request ${loginsHttp.join(',')}`);

		// 4. trigger, in `n8n start`
		emu.config.latencyMs = 0; // only the subscription calls reach BILL; keep activation quick
		await n8n.publishWorkflow(wf.trigger.id!);
		await n8n.publishWorkflow(wf.webhook.id!);
		server = await n8n.start();
		const rest = await N8nRest.owner(server.url);
		const sub = emu.store.collection(SUBSCRIPTIONS, ORG).list()[0];
		if (!sub) throw new Error('the BILL Trigger created no subscription');
		const triggerUrl = String(sub.notificationUrl);
		const securityKey = String(sub._securityKey);
		const plainUrl = `${server.url}/webhook/bench-plain`;
		const notification = (i: number) =>
			JSON.stringify(
				buildPayload({
					eventId: randomUUID(),
					subscriptionId: sub.id,
					organizationId: ORG,
					eventType: 'bill.created',
					version: '1',
					payloadKey: 'bill',
					object: { id: `00n01BENCH${String(i).padStart(6, '0')}`, vendorId, amount: i + 1, invoice: { invoiceNumber: `N-${i}` }, pad: 'x'.repeat(600) },
				}),
			);
		const signed = (i: number) => {
			const body = notification(i);
			return { url: triggerUrl, body, headers: { 'x-bill-sha-signature': signBody(securityKey, body) } };
		};
		const plain = (i: number) => ({ url: plainUrl, body: notification(i) });
		// warm-up (first requests compile routes)
		await send(10, 1, signed);
		await send(10, 1, plain);
		const burst = NOTIFICATIONS;
		const oursSequential = await send(SEQUENTIAL_NOTIFICATIONS, 1, signed);
		const plainSequential = await send(SEQUENTIAL_NOTIFICATIONS, 1, plain);
		const oursBurst = await send(burst, BURST_CONCURRENCY, signed);
		const plainBurst = await send(burst, BURST_CONCURRENCY, plain);
		// forged last: a forged notification naming the subscription makes the trigger rotate the key once
		const forged = await send(FORGED, 1, (i) => ({ ...signed(i), headers: { 'x-bill-sha-signature': signBody('not-the-key', notification(i)) } }));
		const expectedTrigger = 10 + SEQUENTIAL_NOTIFICATIONS + burst;
		const executionsOf = async (workflowId: string) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await rest.request<{ count: number }>('GET', `/executions?filter=${filter}&limit=1`)).count;
		};
		const settleStarted = Date.now();
		let triggerExecutions = 0;
		while (Date.now() - settleStarted < 120_000) {
			triggerExecutions = await executionsOf(wf.trigger.id!);
			if (triggerExecutions >= expectedTrigger) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		const webhookExecutions = await executionsOf(wf.webhook.id!);
		log(`trigger: ${oursBurst.perSecond}/s (Webhook node ${plainBurst.perSecond}/s), ${triggerExecutions} executions for ${expectedTrigger} signed notifications, forged ${JSON.stringify(forged.statuses)}`);
		const signature = signatureMicrobench();

		// ------------------------------------------------------------------ report
		const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
		const ratio = (a: number, b: number) => `${(b / a).toFixed(b / a < 10 ? 2 : 0)}×`;
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
		const machine = {
			nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
			cpu: (/model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown').trim(),
			node: process.version,
			n8n: N8N_VERSION,
			date: new Date().toISOString(),
			latencyMs: LATENCY_MS,
		};
		const rows: Array<[string, string, string, string, string]> = [
			[
				`List ${VENDORS.toLocaleString('en-US')} vendors (Return All)`,
				s(listOurs.ms),
				s(listHttp.ms),
				ratio(listOurs.ms, listHttp.ms),
				`${listOurs.requests} (${listOurs.logins} login) / ${listHttp.requests} (${listHttp.logins} login)`,
			],
			[
				`Create ${BILLS.toLocaleString('en-US')} bills: Create Many vs one at a time`,
				s(createMany.ms),
				s(createHttp.ms),
				ratio(createMany.ms, createHttp.ms),
				`${createMany.requests} / ${createHttp.requests}`,
			],
			[
				`Create ${BILLS.toLocaleString('en-US')} bills: Create Many, batches ≤3 at once vs one after another (same node, Max Concurrent Requests 1)`,
				s(createMany.ms),
				`${s(createManySerial.ms)} (batches one after another)`,
				ratio(createMany.ms, createManySerial.ms),
				`${createMany.requests} / ${createManySerial.requests}`,
			],
			...(createManyBefore
				? [
						[
							`Create ${BILLS.toLocaleString('en-US')} bills: Create Many vs the same operation of the BENCH_BEFORE build (${BEFORE_LABEL})`,
							s(createMany.ms),
							`${s(createManyBefore.ms)} (BENCH_BEFORE build, peak ${createManyBefore.peakConcurrency})`,
							ratio(createMany.ms, createManyBefore.ms),
							`${createMany.requests} / ${createManyBefore.requests}`,
						] as [string, string, string, string, string],
					]
				: []),
			[
				`Create ${BILLS.toLocaleString('en-US')} bills: Create Many with ${LATENCY_MS} ms vs 0 ms per request at BILL (the rest is n8n's and the node's work on the items)`,
				s(createMany.ms),
				`${s(createManyNoLatency.ms)} (0 ms per request)`,
				'—',
				`${createMany.requests} / ${createManyNoLatency.requests}`,
			],
			[
				`Create ${BILLS.toLocaleString('en-US')} bills: Create, one by one (≤3 in flight) vs one at a time`,
				s(createOne.ms),
				s(createHttp.ms),
				ratio(createOne.ms, createHttp.ms),
				`${createOne.requests} / ${createHttp.requests}`,
			],
			[
				`Logins in ${RUNS} consecutive executions`,
				`${loginsOurs.join(', ')} (total ${sum(loginsOurs)})`,
				`${loginsHttp.join(', ')} (total ${sum(loginsHttp)})`,
				sum(loginsOurs) ? `${(sum(loginsHttp) / sum(loginsOurs)).toFixed(0)}× fewer` : '—',
				`${sum(loginsOurs)} / ${sum(loginsHttp)} logins`,
			],
			[
				`Peak concurrency BILL sees (${BILLS.toLocaleString('en-US')} creates), BDC_1322 refusals`,
				`${createOne.peakConcurrency}, ${createOne.refused} refused`,
				`one at a time: ${createHttp.peakConcurrency}, ${createHttp.refused} refused; default (no batching): ${createHttpUnbatched.peakConcurrency}, ${createHttpUnbatched.refused} refused (${unbatchedCreated} created)`,
				'—',
				`${createOne.requests} / ${createHttp.requests}; ${createHttpUnbatched.requests}`,
			],
			[
				'Trigger: response time per notification, one at a time (p50 / p95)',
				`${oursSequential.latency.p50Ms} / ${oursSequential.latency.p95Ms} ms`,
				`${plainSequential.latency.p50Ms} / ${plainSequential.latency.p95Ms} ms (Webhook node, no check)`,
				`${(plainSequential.latency.p50Ms / oursSequential.latency.p50Ms).toFixed(2)}× (p50 time)`,
				`${SEQUENTIAL_NOTIFICATIONS} / ${SEQUENTIAL_NOTIFICATIONS} notifications`,
			],
			[
				`Trigger: notifications per second (${BURST_CONCURRENCY} in flight)`,
				`${oursBurst.perSecond}/s`,
				`${plainBurst.perSecond}/s (Webhook node)`,
				`${(oursBurst.perSecond / plainBurst.perSecond).toFixed(2)}× (ours ÷ Webhook rate)`,
				`${burst} / ${burst} notifications`,
			],
			[
				'Trigger: signature check (HMAC-SHA256, ~1 KB body, in-process)',
				`${signature.validUs} µs valid, ${signature.forgedUs} µs forged, ${signature.twoKeysUs} µs with 2 keys`,
				'none (Webhook node accepts anything)',
				'—',
				'—',
			],
			pollingRow(polling),
			...queueRows(queue),
			[
				'Trigger: forged notifications (wrong signature)',
				`${forged.statuses[401] ?? 0}/${FORGED} refused with 401, p50 ${forged.latency.p50Ms} ms`,
				'accepted (200), execution started',
				'—',
				`${FORGED} notifications`,
			],
		];
		const header = ['Scenario', 'BILL node / BILL Trigger', 'HTTP Request node (+ login node) / Webhook node', 'Ratio (HTTP ÷ ours)', 'Requests (ours / HTTP)'];
		const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
		const notes = [
			`Machine: ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}, n8n ${machine.n8n}, ${machine.date}.`,
			`Emulator latency ${LATENCY_MS} ms per request (while in flight), BILL's limit of 3 concurrent requests per organization enforced (BDC_1322).`,
			'Times are the workflow steps from n8n\'s run data (first BILL/Login node start to last node end), without the ~4 s start of each `n8n execute` process (recorded in latest.json as processMs).',
			'Requests are counted by the emulator and include logins. The HTTP Request approach: a Login HTTP Request node (POST /v3/login) in front, devKey + sessionId headers from its output; pagination through the node\'s built-in option (page = $response.body.nextPage); creates one at a time with Loop Over Items (1 item per batch) around the HTTP Request node: the node itself starts every item\'s request at once (its Batching option only spaces the starts), which BILL refuses beyond 3 in flight (the "default" figures).',
			`List: both make the minimum (${VENDORS / 100} pages of 100 + 1 login) one page after the other; the BILL node outputs one item per vendor, the HTTP Request node one item per page (a Split Out node is still needed).`,
			`Polling Trigger: n8n's own poll code (n8n-core's PollContext, as \`n8n start\` runs it) in the bench process against a separate emulator with ${polling.existing.toLocaleString('en-US')} older bills, polls a minute apart on BILL's clock, changes made with BILL's bulk create. Requests are the bills-list GETs of each poll. Every poll reads again what BILL stamped within the late window (default 5 minutes) before its time, so a change BILL lists late is still emitted; the seen keys keep what was emitted from coming twice. The polls within 5 minutes after the burst read the 250 bills again (${polling.polls.slice(3).map((p) => p.requests).join(' / ')} requests), then 1 per poll.`,
			`Trigger: signed notifications POSTed directly to the active BILL Trigger's production webhook URL in \`n8n start\` (regular mode; each accepted notification starts an execution: ${triggerExecutions} executions recorded for ${expectedTrigger} signed notifications, ${webhookExecutions} for the Webhook node). The baseline is n8n's Webhook node on the same instance, which checks no signature. The signature check itself costs microseconds (row above); the likely rest of the difference (not measured separately) is the BILL Trigger's duplicate filter: the event ids it remembers live in the workflow's static data, which n8n saves to its database after each notification that changes it.`,
		];
		const markdown = `# Benchmarks\n\n\`npm run bench\` (bench/run.ts), latest run.\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
		mkdirSync(RESULTS, { recursive: true });
		writeFileSync(join(RESULTS, 'latest.md'), markdown);
		const strip = ({ run: _run, ...m }: Measured) => m;
		writeFileSync(
			join(RESULTS, 'latest.json'),
			`${JSON.stringify(
				{
					machine,
					settings: { latencyMs: LATENCY_MS, vendors: VENDORS, bills: BILLS, runs: RUNS, notifications: burst, sequentialNotifications: SEQUENTIAL_NOTIFICATIONS, burstConcurrency: BURST_CONCURRENCY },
					list: { ours: strip(listOurs), http: strip(listHttp) },
					create: { createMany: strip(createMany), createManySerial: strip(createManySerial), createManyNoLatency: strip(createManyNoLatency), ...(createManyBefore ? { createManyBefore: { ...strip(createManyBefore), build: BEFORE_LABEL } } : {}), createOneByOne: strip(createOne), http: strip(createHttp), httpUnbatched: { ...strip(createHttpUnbatched), created: unbatchedCreated } },
					logins: { ours: loginsOurs, http: loginsHttp },
					trigger: { oursSequential, plainSequential, oursBurst, plainBurst, forged, signature, triggerExecutions, expectedTrigger, webhookExecutions },
					polling,
					queue,
					table: { header, rows },
					totalSeconds: Math.round((Date.now() - started) / 1000),
				},
				null,
				2,
			)}\n`,
		);
		process.stdout.write(`\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\nwritten: bench/results/latest.md, bench/results/latest.json (${Math.round((Date.now() - started) / 1000)} s)\n`);
	} finally {
		await server?.stop();
		await n8n.dispose();
		await emu.stop();
	}
}

if (process.argv[1]?.endsWith(join('bench', 'run.ts'))) {
	main().catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(1);
	});
}
