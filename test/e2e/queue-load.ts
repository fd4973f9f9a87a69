/**
 * Issue 16: the load of BILL's limits in n8n's queue mode, shared by the end-to-end test
 * (test/e2e/queue-limits.test.ts) and the bench's queue-mode row (bench/run.ts).
 *
 * A real n8n in queue mode (Redis, a main, `workers` workers with concurrency 5) with the package
 * installed from its tarball, against the emulator with 100 ms per request that refuses a 4th
 * request in flight per organization (BDC_1322). One workflow, Webhook → Split Out (30 vendor IDs)
 * → BILL Vendor → Get, is called `executions` times at once; the figures are BILL's (the emulator's
 * counters and request log): requests let in and refused, peak in flight, logins, and the time
 * against BILL's limit (requests let in × latency ÷ 3), both as BILL saw it (first request received
 * to last answer given) and as the client saw it (wall time, n8n's own work included).
 */
import { randomUUID } from 'crypto';

import { BillEmulator, SEED } from '../emulator/server';
import { byId, e2eCredentials, E2E_CREDS } from './bill-e2e';
import { N8n, N8nRest, type QueueMode } from './n8n';

export const QUEUE_LOAD = { latencyMs: 100, executions: 6, items: 30, concurrency: 5 };

export interface QueueLoadFigures {
	workers: number;
	executions: number;
	ok: number;
	failed: number;
	/** Requests BILL received for the organization (let in + refused). */
	requests: number;
	refused: number;
	/** Refusals in the first 5 round trips of the run (every worker's first burst), apart from the steady state. */
	earlyRefused: number;
	refusedShare: number;
	peakInFlight: number;
	/** The client's wall time: from sending the executions' webhook calls to their last answer (n8n's own queue-mode work included). */
	wallMs: number;
	/** Wall time ÷ BILL's limit for the whole load (executions × items × latency ÷ 3 = 6.0 s). */
	timeOverLimit: number;
	/** BILL's span: from the first request the emulator received for the organization in the run to the last answer it gave. */
	billMs: number;
	/** BILL's span ÷ BILL's limit (requests let in × latency ÷ 3): the "work done", measured from BILL's side. */
	billOverLimit: number;
	logins: number;
	/** Most sign-ins within one minute (BILL lists login among the calls limited to 5 per minute). */
	peakLoginsPerMinute: number;
	/** Workers that ran at least one of the executions. */
	workersUsed: number;
	/** Executions per worker, most first (e.g. "3,2,1,0"): how n8n split the load. */
	split: string;
	errors: string[];
}

export interface QueueLoad {
	emu: BillEmulator;
	queue: QueueMode;
	/** Calls the workflow `executions` times at once and measures (counters reset first). */
	run(options?: { expireSessions?: boolean }): Promise<QueueLoadFigures>;
	stop(): Promise<void>;
}

/** Starts the emulator, the n8n instance (package from `tarball`) and queue mode with `workers` workers. */
export async function startQueueLoad(tarball: string, workers: number, options: { credential?: Record<string, unknown> } = {}): Promise<QueueLoad> {
	const emu = new BillEmulator();
	const base = await emu.start();
	const vendors = emu.store.collection('vendors', SEED.organizationId);
	const ids = Array.from({ length: QUEUE_LOAD.items }, (_, n) => String(vendors.insert({ name: `Load Vendor ${n}`, archived: false }, { prefix: '009' }).id));
	const n8n = await N8n.create({ tarballs: [tarball] });
	const credentials = e2eCredentials(base).map((c) => (c.id === E2E_CREDS.billApi.id ? { ...c, data: { ...c.data, ...options.credential } } : c));
	await n8n.importCredentials(credentials);
	const path = `vendor-load-${randomUUID().slice(0, 8)}`;
	const workflowId = await n8n.importWorkflow({
		name: 'Vendor load',
		nodes: [
			{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} } },
			{ name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.vendors', options: {} } },
			{
				name: 'Get Vendor',
				type: n8n.nodeType('bill'),
				typeVersion: 1,
				parameters: { resource: 'vendor', operation: 'get', vendorId: byId('={{ $json.id }}') },
				credentials: { billApi: E2E_CREDS.billApi },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Get Vendor', type: 'main', index: 0 }]] },
		},
	});
	await n8n.publishWorkflow(workflowId);
	const queue = await n8n.startQueueMode({ workers, concurrency: QUEUE_LOAD.concurrency });
	const rest = await N8nRest.owner(queue.main.url);
	const org = SEED.organizationId;

	const run = async (runOptions: { expireSessions?: boolean } = {}): Promise<QueueLoadFigures> => {
		if (runOptions.expireSessions) emu.expireAllSessions();
		emu.counters = { ...emu.counters, logins: 0, accepted: {}, refusedConcurrency: {}, peakConcurrency: {} };
		const fromLog = emu.requestLog.length;
		emu.config.latencyMs = QUEUE_LOAD.latencyMs;
		const body = JSON.stringify({ vendors: ids.map((id) => ({ id })) });
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: QUEUE_LOAD.executions }, async () => {
				const res = await fetch(`${queue.main.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
				const text = await res.text();
				let items = 0;
				try {
					const json = JSON.parse(text) as unknown;
					items = Array.isArray(json) ? json.length : 1;
				} catch {
					// not JSON: an error page
				}
				return { status: res.status, text, items };
			}),
		);
		const wallMs = Date.now() - started;
		emu.config.latencyMs = 0;
		const report = emu.limitReport(org);
		const orgLog = emu.requestLog.slice(fromLog).filter((e) => e.organizationId === org && e.path !== '/v3/login');
		const firstAt = Math.min(...orgLog.map((e) => Date.parse(e.time)));
		// BILL's side: its first request for the organization to its last answer, against the requests it let in
		const billMs = orgLog.length ? Math.max(...orgLog.map((e) => Date.parse(e.answered ?? e.time))) - firstAt : 0;
		const billLimitMs = (report.accepted * QUEUE_LOAD.latencyMs) / 3;
		const earlyRefused = orgLog.filter((e) => e.code === 'BDC_1322' && Date.parse(e.time) - firstAt < 5 * QUEUE_LOAD.latencyMs).length;
		const executions = (await rest.executions(workflowId)).slice(0, QUEUE_LOAD.executions);
		const ok = executions.filter((e) => e.status === 'success').length;
		// what a failed execution says (n8n keeps its run data flattened: BILL's code and n8n's message are searched in the text)
		const failures = await Promise.all(
			executions
				.filter((e) => e.status !== 'success')
				.map(async (e) => {
					const { data } = await rest.get<Record<string, unknown>>(`/executions/${e.id}`);
					const text = JSON.stringify(data ?? {});
					return `execution ${e.id} ${e.status}: ${[...new Set(text.match(/BDC_\d+[^"\\]{0,120}|"message\\?":\\?"[^"\\]{0,200}/g) ?? [])].slice(0, 4).join(' | ')}`;
				}),
		);
		const perWorker = queue.workers.map((w) => executions.filter((e) => new RegExp(`Worker started execution ${e.id} `).test(w.output)).length);
		const workersUsed = perWorker.filter(Boolean).length;
		return {
			workers,
			executions: QUEUE_LOAD.executions,
			ok,
			failed: QUEUE_LOAD.executions - ok,
			requests: report.accepted + report.refused,
			refused: report.refused,
			earlyRefused,
			refusedShare: report.refusedShare,
			peakInFlight: report.peakInFlight,
			wallMs,
			timeOverLimit: wallMs / ((QUEUE_LOAD.executions * QUEUE_LOAD.items * QUEUE_LOAD.latencyMs) / 3),
			billMs,
			billOverLimit: billLimitMs ? billMs / billLimitMs : 0,
			logins: emu.counters.logins,
			peakLoginsPerMinute: emu.peakLoginsPerMinute(fromLog),
			workersUsed,
			split: perWorker.sort((a, b) => b - a).join(','),
			errors: [...answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.text.slice(0, 300)}`), ...failures],
		};
	};

	return {
		emu,
		queue,
		run,
		stop: async () => {
			await queue.stop();
			await n8n.dispose();
			await emu.stop();
		},
	};
}

export function formatFigures(f: QueueLoadFigures): string {
	return `${f.workers} worker(s): ${f.ok}/${f.executions} executions ok (${f.workersUsed} workers used: ${f.split}), ${f.refused} of ${f.requests} requests refused (${(f.refusedShare * 100).toFixed(1)} %; ${f.earlyRefused} in the first 5 round trips), peak ${f.peakInFlight} in flight, wall ${(f.wallMs / 1000).toFixed(1)} s = ${f.timeOverLimit.toFixed(2)}× BILL's limit, at BILL ${(f.billMs / 1000).toFixed(1)} s = ${f.billOverLimit.toFixed(2)}×, ${f.logins} login(s)`;
}
