/**
 * The BILL Trigger in a scaled-out n8n (issue 16 §4): queue mode with a main, a worker and two
 * separate `n8n webhook` processes, the way n8n scales webhook intake. A load balancer sends each of
 * BILL's deliveries to one of them; a copy of an event reaches the other one when BILL retries (it got
 * no 200 within 10 s). The test measures, per event ID, how many executions n8n starts:
 * - a copy that reaches the other process after the first copy was answered (BILL's retry): 1;
 * - copies that reach both processes at the same moment: the figure the README states. Each
 *   process loads the workflow's static data from the database when the call arrives and saves it
 *   after the call; n8n offers a webhook trigger no shared check-and-record (its deduplication
 *   helpers, DB-backed, exist only in node execute contexts), so both copies can start one.
 * Also: notifications reaching both processes while the key rotation is due: every call that
 * loaded the old key rotates it with the same X-Idempotent-Key (derived from the old key), so BILL
 * answers each with the same new key, and no process's save brings back the old one.
 * The figures are logged (`BILL_TRIGGER_SCALED_EVENTS` sets the number of events, default 10).
 * `BILL_TRIGGER_DIST` points n8n at another build of the package (e.g. a build of main, to measure
 * "before"). Needs `npm run build` first, and redis-server.
 */
import { execFileSync } from 'child_process';
import { randomUUID } from 'crypto';
import { join } from 'path';

import { BillEmulator, SEED } from '../emulator/server';
import { deliveriesIdle, deliveryAttempts, signBody, stopDeliveries, SUBSCRIPTIONS } from '../emulator/webhooks';
import { credentialsFor, CRED_IDS } from '../support/bill';
import { billTriggerNode, billUser, vendorBody } from './bill-e2e';
import { HAS_REDIS, N8n, N8nRest, ROOT, waitFor, type N8nProcess, type QueueMode } from './n8n';

const EVENTS = Number(process.env.BILL_TRIGGER_SCALED_EVENTS ?? 10);
const DIST = process.env.BILL_TRIGGER_DIST ?? join(ROOT, 'dist');

(HAS_REDIS ? describe : describe.skip)('BILL Trigger in scaled-out n8n (queue mode: main + worker + 2 webhook processes)', () => {
	let emu: BillEmulator;
	let n8n: N8n;
	let queue: QueueMode;
	let hooks: N8nProcess[] = [];
	let rest: N8nRest;
	let workflowId = '';
	const webhookId = randomUUID();
	const subscription = () => emu.store.collection(SUBSCRIPTIONS, SEED.organizationId).list()[0];

	async function deliver(proc: N8nProcess, body: string, signature: string) {
		const res = await fetch(`${proc.url}/webhook/${webhookId}/webhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-bill-sha-signature': signature },
			body,
		});
		return { status: res.status, text: await res.text() };
	}

	/** A new event (new event ID), signed with the subscription's key, shaped like BILL's first delivery. */
	function newEvent() {
		const [template] = deliveryAttempts(emu);
		const payload = JSON.parse(template.body) as { metadata: Record<string, unknown> };
		const eventId = randomUUID();
		payload.metadata = { ...payload.metadata, eventId };
		const body = JSON.stringify(payload);
		return { eventId, body, signature: signBody(String(subscription()._securityKey), body) };
	}

	/** Executions (all finished, at least `count`), each with the event IDs its data holds. */
	async function executionsByEvent(count: number, eventIds: string[]) {
		const executions = await waitFor(
			`${count} executions finished`,
			async () => {
				const list = await rest.executions(workflowId);
				return list.length >= count && list.every((e) => !['new', 'running', 'waiting'].includes(e.status)) ? list : undefined;
			},
			120_000,
		);
		// a little longer: an execution a late copy started would show up now
		await new Promise((r) => setTimeout(r, 3000));
		const all = await rest.executions(workflowId);
		const perEvent = new Map<string, number>(eventIds.map((id) => [id, 0]));
		for (const execution of all) {
			const detail = await rest.request<{ data: string }>('GET', `/executions/${execution.id}`);
			for (const id of eventIds) if (detail.data.includes(id)) perEvent.set(id, (perEvent.get(id) ?? 0) + 1);
		}
		return { total: all.length, executions, perEvent };
	}

	beforeAll(async () => {
		emu = new BillEmulator();
		const base = await emu.start();
		const billApi = await billUser(base);
		const vendorId = String((await billApi('/v3/vendors', vendorBody('Scaled Vendor'))).id);

		n8n = await N8n.create({ custom: [DIST] });
		const credential = credentialsFor(base)[CRED_IDS.billApi];
		await n8n.importCredentials([{ id: CRED_IDS.billApi, name: 'BILL (local emulator)', type: 'billApi', data: credential.data }]);
		const trigger = billTriggerNode(n8n, webhookId);
		workflowId = await n8n.importWorkflow({
			name: 'BILL events (scaled out)',
			nodes: [
				// a scheduled key rotation (not due until the last test makes the stored key old)
				{ ...trigger, parameters: { ...trigger.parameters, options: { rotateKeyEveryDays: 30 } } },
				{ name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
			],
			connections: { 'BILL Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		});
		await n8n.publishWorkflow(workflowId);

		const prefix = `bull-${randomUUID().slice(0, 8)}`;
		queue = await n8n.startQueueMode({ workers: 1, env: { QUEUE_BULL_PREFIX: prefix } });
		// the webhook processes join the same queue: the Redis startQueueMode started, by its port
		const args = queue.redis?.spawnargs ?? [];
		const env = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: args[args.indexOf('--port') + 1], QUEUE_BULL_PREFIX: prefix };
		rest = await N8nRest.owner(queue.main.url);
		await waitFor('subscription created', () => (subscription() ? true : undefined), 30_000);
		for (const name of ['webhook1', 'webhook2']) hooks.push(await n8n.spawn('webhook', { env, name }));
		// the webhook processes serve the production webhook (asked with a method it does not take)
		for (const proc of hooks) {
			await waitFor(`${proc.name}: webhook registered`, async () => {
				const res = await fetch(`${proc.url}/webhook/${webhookId}/webhook`, { method: 'PATCH' }).catch(() => undefined);
				return res && res.status === 404 && (await res.text()).includes('Did you mean to make a POST request') ? true : undefined;
			}, 60_000);
		}

		// one real delivery from the emulator (to the main's URL) gives the notification's shape
		await billApi('/v3/bills', { vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber: 'SCALED-1', invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 10 }] });
		await deliveriesIdle(emu, 30_000);
		expect(deliveryAttempts(emu)[0].status).toBe(200);
		await executionsByEvent(1, []);
	});

	afterAll(async () => {
		await Promise.all(hooks.map(async (h) => await h.stop()));
		await queue?.stop();
		await n8n?.dispose();
		if (emu) stopDeliveries(emu);
		await emu?.stop();
	});

	test(`BILL's retry reaching the other webhook process after the first copy was answered starts no second execution (${EVENTS} events)`, async () => {
		const before = (await rest.executions(workflowId)).length;
		const events = Array.from({ length: EVENTS }, () => newEvent());
		for (const [i, event] of events.entries()) {
			const first = await deliver(hooks[i % 2], event.body, event.signature);
			expect(first.status).toBe(200);
			const retry = await deliver(hooks[(i + 1) % 2], event.body, event.signature);
			expect(retry.status).toBe(200);
		}
		const { total, perEvent } = await executionsByEvent(before + EVENTS, events.map((e) => e.eventId));
		const counts = [...perEvent.values()];
		console.log(`scaled-out, retry to the other process: ${EVENTS} events, executions per event ${JSON.stringify(counts)} (total new ${total - before})`);
		expect(counts).toEqual(Array(EVENTS).fill(1));
	});

	test(`copies of one event reaching both webhook processes at the same moment (${EVENTS} events): the figure`, async () => {
		const before = (await rest.executions(workflowId)).length;
		const events = Array.from({ length: EVENTS }, () => newEvent());
		const answers: number[] = [];
		for (const event of events) {
			const both = await Promise.all(hooks.map(async (proc) => await deliver(proc, event.body, event.signature)));
			answers.push(...both.map((a) => a.status));
		}
		const { total, perEvent } = await executionsByEvent(before + EVENTS, events.map((e) => e.eventId));
		const counts = [...perEvent.values()];
		const twice = counts.filter((c) => c > 1).length;
		console.log(`scaled-out, simultaneous copies at 2 webhook processes: ${EVENTS} events, executions per event ${JSON.stringify(counts)}; ${twice}/${EVENTS} events started twice (total new ${total - before}); answers ${JSON.stringify(answers)}`);
		expect(answers.every((s) => s === 200)).toBe(true);
		// every event starts at least once and at most once per process that received it
		expect(counts.every((c) => c >= 1 && c <= 2)).toBe(true);
	});

	test('notifications reaching both processes while the key rotation is due: the new key is what n8n stores', async () => {
		const oldKey = String(subscription()._securityKey);
		const rotations = () => emu.requestLog.filter((r) => r.path.endsWith('/security_key')).length;
		const rotationsBefore = rotations();
		const db = join(n8n.userFolder, '.n8n/database.sqlite');
		execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, `UPDATE workflow_entity SET staticData = json_set(staticData, '$."node:BILL Trigger".keyCreatedAt', ${Date.now() - 31 * 24 * 3600_000}) WHERE id = '${workflowId}';`]);
		emu.config.latencyMs = 300;
		let answers: number[];
		try {
			const events = Array.from({ length: 8 }, () => newEvent());
			answers = (await Promise.all(events.map(async (e, i) => await deliver(hooks[i % 2], e.body, e.signature)))).map((a) => a.status);
		} finally {
			emu.config.latencyMs = 0;
		}
		const newKey = String(subscription()._securityKey);
		const workflow = await rest.request<{ staticData?: Record<string, { securityKey?: string }> }>('GET', `/workflows/${workflowId}`);
		console.log(`scaled-out rotation: answers ${JSON.stringify(answers)}, ${rotations() - rotationsBefore} rotation requests to BILL, stored key is the new one: ${workflow.staticData?.['node:BILL Trigger']?.securityKey === newKey}`);
		expect(answers).toEqual(Array(8).fill(200));
		expect(newKey).not.toBe(oldKey);
		expect(workflow.staticData?.['node:BILL Trigger']?.securityKey).toBe(newKey);
		const next = newEvent();
		expect((await deliver(hooks[1], next.body, next.signature)).status).toBe(200);
	});
});
