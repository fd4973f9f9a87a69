/**
 * Duplicate deliveries in a real n8n: BILL resends a notification it believes failed, with the same
 * event ID (and the same bytes), so the BILL Trigger must start one execution per event ID however
 * the copies arrive — once more after the first, or 20 at the same moment — in regular mode and in
 * queue mode (main + 2 workers), on the n8n version under test (BILL_N8N).
 *
 * The copies are the emulator's own signed notification, posted again as BILL's retry would; the
 * 20 simultaneous ones are a new event (new event ID, signed with the subscription's key).
 * Executions are counted through n8n's REST API: n8n answers a copy that starts an execution after
 * it started it (`{"received":true}`, nodes/BillTrigger/handled.ts); a copy answered as a duplicate
 * started none (the node answered itself), and every later count would show one that started anyway.
 * Also (issue 20 #10): an execution that fails to start (n8n's database refuses the execution row,
 * through an SQLite trigger the test adds) is answered 500 and BILL's retry starts it; and
 * notifications handled at once while one of them rotates the security key leave the new key stored.
 * Needs `npm run build` first (and redis-server for queue mode, sqlite3 for the failed start).
 */
import { execFileSync } from 'child_process';
import { randomUUID } from 'crypto';
import { join } from 'path';

import { BillEmulator, SEED } from '../emulator/server';
import { deliveriesIdle, deliveryAttempts, signBody, stopDeliveries, SUBSCRIPTIONS } from '../emulator/webhooks';
import { credentialsFor, CRED_IDS } from '../support/bill';
import { billTriggerNode, billUser, vendorBody } from './bill-e2e';
import { HAS_REDIS, N8n, N8nRest, ROOT, waitFor, type N8nProcess, type QueueMode } from './n8n';


const MODES: Array<'regular' | 'queue'> = HAS_REDIS ? ['regular', 'queue'] : ['regular'];
const HAS_SQLITE = (() => {
	try {
		execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

describe.each(MODES)('BILL Trigger deduplication in %s mode', (mode) => {
	let emu: BillEmulator;
	let n8n: N8n;
	let main: N8nProcess;
	let queue: QueueMode | undefined;
	let rest: N8nRest;
	let workflowId = '';
	const webhookId = randomUUID();
	let base = '';
	let billApi: Awaited<ReturnType<typeof billUser>>;
	let vendorId = '';

	const productionUrl = () => `${main.url}/webhook/${webhookId}/webhook`;
	const subscription = () => emu.store.collection(SUBSCRIPTIONS, SEED.organizationId).list()[0];

	/** Posts a notification as BILL does: the raw body with its x-bill-sha-signature. */
	async function deliver(body: string, signature: string) {
		const res = await fetch(productionUrl(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-bill-sha-signature': signature },
			body,
		});
		return { status: res.status, text: await res.text() };
	}

	/** Executions of the trigger workflow, once there are at least `count` and all have finished. */
	async function finishedExecutions(count: number) {
		return await waitFor(
			`${count} executions finished`,
			async () => {
				const executions = await rest.executions(workflowId);
				return executions.length >= count && executions.every((e) => !['new', 'running', 'waiting'].includes(e.status)) ? executions : undefined;
			},
			60_000,
		);
	}

	beforeAll(async () => {
		emu = new BillEmulator();
		base = await emu.start();
		billApi = await billUser(base);
		vendorId = String((await billApi('/v3/vendors', vendorBody('Dedup Vendor'))).id);

		n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
		const credential = credentialsFor(base)[CRED_IDS.billApi];
		await n8n.importCredentials([{ id: CRED_IDS.billApi, name: 'BILL (local emulator)', type: 'billApi', data: credential.data }]);
		const trigger = billTriggerNode(n8n, webhookId);
		workflowId = await n8n.importWorkflow({
			name: `BILL events (${mode})`,
			nodes: [
				// a scheduled key rotation (not due until the test makes the stored key old)
				{ ...trigger, parameters: { ...trigger.parameters, options: { rotateKeyEveryDays: 30 } } },
				{ name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
			],
			connections: { 'BILL Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		});
		await n8n.publishWorkflow(workflowId);
		await start();
	});

	/** n8n in this mode (on `port` for a restart, so that the subscription's URL stays right). */
	async function start(port?: number) {
		if (mode === 'queue') {
			queue = await n8n.startQueueMode({ workers: 2, port });
			main = queue.main;
		} else {
			main = await n8n.start({ port });
		}
		rest = await N8nRest.owner(main.url);
		await waitFor('subscription created', () => (subscription() ? true : undefined), 30_000);
	}

	afterAll(async () => {
		await queue?.stop();
		await n8n?.dispose();
		if (emu) stopDeliveries(emu);
		await emu?.stop();
	});

	test('a notification BILL delivers twice (same event ID, same bytes) starts one execution', async () => {
		await billApi('/v3/bills', { vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber: `DUP-${mode}`, invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 10 }] });
		await deliveriesIdle(emu, 30_000);
		const [first] = deliveryAttempts(emu);
		expect([first.eventType, first.status]).toEqual(['bill.created', 200]);

		const again = await deliver(first.body, first.signature);
		expect(again.status).toBe(200);
		expect(JSON.parse(again.text)).toEqual({ received: true, duplicate: true });
		const executions = await finishedExecutions(1);
		expect(executions.map((e) => [e.mode, e.status])).toEqual([['webhook', 'success']]);
	});

	test('20 copies of one new event at the same moment start one execution', async () => {
		const [template] = deliveryAttempts(emu);
		const payload = JSON.parse(template.body) as { metadata: Record<string, unknown> };
		const eventId = randomUUID();
		payload.metadata = { ...payload.metadata, eventId };
		const body = JSON.stringify(payload);
		const signature = signBody(String(subscription()._securityKey), body);

		const answers = await Promise.all(Array.from({ length: 20 }, async () => await deliver(body, signature)));
		expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
		// exactly one copy started the workflow; the node answered the other 19 as duplicates
		expect(answers.filter((a) => a.text.includes('"duplicate":true'))).toHaveLength(19);
		// n8n answered the one that started, after starting it
		expect(answers.filter((a) => a.text === '{"received":true}')).toHaveLength(1);
		const executions = await finishedExecutions(2);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
	});

	test('after all that, a later retry of the first event is still recognized', async () => {
		const [first] = deliveryAttempts(emu);
		const again = await deliver(first.body, first.signature);
		expect(JSON.parse(again.text)).toEqual({ received: true, duplicate: true });
		expect(await finishedExecutions(2)).toHaveLength(2);
	});

	/** Runs SQL on n8n's SQLite database (n8n keeps it open; SQLite locks per transaction). */
	function sql(statement: string) {
		return execFileSync('sqlite3', ['-cmd', '.timeout 10000', join(n8n.userFolder, '.n8n/database.sqlite'), statement], { encoding: 'utf8' });
	}

	/** A new event shaped like BILL's first delivery, signed with `key` (default: the subscription's). */
	function newEvent(key = String(subscription()._securityKey)) {
		const [template] = deliveryAttempts(emu);
		const payload = JSON.parse(template.body) as { metadata: Record<string, unknown> };
		const eventId = randomUUID();
		payload.metadata = { ...payload.metadata, eventId };
		const body = JSON.stringify(payload);
		return { eventId, body, signature: signBody(key, body) };
	}

	async function storedState() {
		const workflow = await rest.request<{ staticData?: Record<string, { seenEventIds?: string[]; securityKey?: string; previousKeys?: Array<{ key: string }> }> }>('GET', `/workflows/${workflowId}`);
		return workflow.staticData?.['node:BILL Trigger'] ?? {};
	}

	(HAS_SQLITE ? test : test.skip)('an execution that fails to start (the database refuses it) is answered 500, nothing is remembered, and BILL\'s retry starts it', async () => {
		const before = (await rest.executions(workflowId)).length;
		const event = newEvent();
		sql("CREATE TRIGGER e2e_refuse_executions BEFORE INSERT ON execution_entity BEGIN SELECT RAISE(ABORT, 'e2e: execution refused'); END;");
		let failed: { status: number; text: string };
		try {
			failed = await deliver(event.body, event.signature);
		} finally {
			sql('DROP TRIGGER e2e_refuse_executions;');
		}
		expect(failed.status).toBe(500);
		expect((await storedState()).seenEventIds ?? []).not.toContain(event.eventId);
		expect(await rest.executions(workflowId)).toHaveLength(before);
		// BILL retries (it got no 200): this time the execution starts, and the event is stored
		const retry = await deliver(event.body, event.signature);
		expect([retry.status, retry.text]).toEqual([200, '{"received":true}']);
		expect((await storedState()).seenEventIds).toContain(event.eventId);
		expect(await finishedExecutions(before + 1)).toHaveLength(before + 1);
		const again = await deliver(event.body, event.signature);
		expect(JSON.parse(again.text)).toEqual({ received: true, duplicate: true });
	});

	test('notifications handled at once while one of them rotates the security key: the new key is what n8n stores', async () => {
		const before = (await rest.executions(workflowId)).length;
		const oldKey = String(subscription()._securityKey);
		const rotationsBefore = emu.requestLog.filter((r) => r.path.endsWith('/security_key')).length;
		// the stored key is now 31 days old: the next notification rotates it (n8n reads static data per call)
		sql(`UPDATE workflow_entity SET staticData = json_set(staticData, '$."node:BILL Trigger".keyCreatedAt', ${Date.now() - 31 * 24 * 3600_000}) WHERE id = '${workflowId}';`);
		emu.config.latencyMs = 300; // the rotation takes a while at BILL: the other calls overlap it
		let answers: Array<{ status: number; text: string }>;
		try {
			const events = Array.from({ length: 8 }, () => newEvent(oldKey));
			answers = await Promise.all(events.map(async (e) => await deliver(e.body, e.signature)));
		} finally {
			emu.config.latencyMs = 0;
		}
		expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
		const newKey = String(subscription()._securityKey);
		expect(newKey).not.toBe(oldKey);
		expect(emu.requestLog.filter((r) => r.path.endsWith('/security_key')).length).toBeGreaterThan(rotationsBefore);
		const stored = await storedState();
		expect(stored.securityKey).toBe(newKey);
		expect((stored.previousKeys ?? []).map((p) => p.key)).toContain(oldKey);
		// BILL signs with the new key from now on: accepted and started
		const next = newEvent(newKey);
		expect(await deliver(next.body, next.signature)).toEqual({ status: 200, text: '{"received":true}' });
		expect(await finishedExecutions(before + 9)).toHaveLength(before + 9);
	});

	test('after a restart of n8n (the process memory gone), a retry is still recognized: n8n stored the ids', async () => {
		const [first] = deliveryAttempts(emu);
		const workflow = await rest.request<{ staticData?: Record<string, { seenEventIds?: string[] }> }>('GET', `/workflows/${workflowId}`);
		expect(workflow.staticData?.['node:BILL Trigger']?.seenEventIds).toContain(first.eventId);

		const executionsBefore = (await rest.executions(workflowId)).length;
		const port = main.port;
		if (queue) await queue.stop();
		else await main.stop();
		await start(port);
		const again = await deliver(first.body, first.signature);
		expect(JSON.parse(again.text)).toEqual({ received: true, duplicate: true });
		expect(await rest.executions(workflowId)).toHaveLength(executionsBefore);
	});
});
