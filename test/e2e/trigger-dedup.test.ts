/**
 * Duplicate deliveries in a real n8n: BILL resends a notification it believes failed, with the same
 * event ID (and the same bytes), so the BILL Trigger must start one execution per event ID however
 * the copies arrive — once more after the first, or 20 at the same moment — in regular mode and in
 * queue mode (main + 2 workers), on the n8n version under test (BILL_N8N).
 *
 * The copies are the emulator's own signed notification, posted again as BILL's retry would; the
 * 20 simultaneous ones are a new event (new event ID, signed with the subscription's key).
 * Executions are counted through n8n's REST API: the trigger answers each copy before n8n starts
 * the execution (see BillTrigger.webhook), so the count waits for the expected executions to
 * exist and finish; a copy answered as a duplicate started none (the node returned no items), and
 * every later count would show one that started anyway.
 * Needs `npm run build` first (and redis-server for queue mode).
 */
import { randomUUID } from 'crypto';
import { join } from 'path';

import { BillEmulator, SEED } from '../emulator/server';
import { deliveriesIdle, deliveryAttempts, signBody, stopDeliveries, SUBSCRIPTIONS } from '../emulator/webhooks';
import { credentialsFor, CRED_IDS } from '../support/bill';
import { billTriggerNode, billUser, vendorBody } from './bill-e2e';
import { HAS_REDIS, N8n, N8nRest, ROOT, waitFor, type N8nProcess, type QueueMode } from './n8n';


const MODES: Array<'regular' | 'queue'> = HAS_REDIS ? ['regular', 'queue'] : ['regular'];

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
		workflowId = await n8n.importWorkflow({
			name: `BILL events (${mode})`,
			nodes: [
				billTriggerNode(n8n, webhookId),
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
		const executions = await finishedExecutions(2);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
	});

	test('after all that, a later retry of the first event is still recognized', async () => {
		const [first] = deliveryAttempts(emu);
		const again = await deliver(first.body, first.signature);
		expect(JSON.parse(again.text)).toEqual({ received: true, duplicate: true });
		expect(await finishedExecutions(2)).toHaveLength(2);
	});

	test('after a restart of n8n (the process memory gone), a retry is still recognized: n8n stored the ids', async () => {
		const [first] = deliveryAttempts(emu);
		const workflow = await rest.request<{ staticData?: Record<string, { seenEventIds?: string[] }> }>('GET', `/workflows/${workflowId}`);
		expect(workflow.staticData?.['node:BILL Trigger']?.seenEventIds).toContain(first.eventId);

		const port = main.port;
		if (queue) await queue.stop();
		else await main.stop();
		await start(port);
		const again = await deliver(first.body, first.signature);
		expect(JSON.parse(again.text)).toEqual({ received: true, duplicate: true });
		expect(await finishedExecutions(2)).toHaveLength(2);
	});
});
