/**
 * The BILL Trigger in a real n8n (`n8n start`, the version BILL_N8N names) against the emulator's webhooks API:
 * activation creates the subscription, a bill created in BILL reaches n8n as exactly one
 * execution, a forged notification gets 401, starts nothing and makes no call to BILL, a restart keeps (and reuses) the
 * subscription, and deactivating the workflow through the running instance deletes it.
 *
 * How a user deactivates (n8n 2.8.4 and 2.41): the editor's toggle (`POST /rest/workflows/<id>/deactivate`,
 * used here as the owner) or the public API. `n8n unpublish:workflow` only changes the database
 * ("changes will not take effect if n8n is running") and stopping n8n never calls a trigger's
 * delete(), so neither removes the BILL subscription.
 * Needs `npm run build` first.
 */
import { randomUUID } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';

import { BillEmulator, SEED } from '../emulator/server';
import { deliveriesIdle, deliveryAttempts, signBody, stopDeliveries, SUBSCRIPTIONS } from '../emulator/webhooks';
import { credentialsFor, CRED_IDS } from '../support/bill';
import { billTriggerNode, billUser, vendorBody } from './bill-e2e';
import { N8n, N8nRest, ROOT, waitFor, type N8nProcess } from './n8n';

let emu: BillEmulator;
let base = '';
let n8n: N8n;
let main: N8nProcess;
let rest: N8nRest;
let workflowId = '';
const webhookId = randomUUID();

/** What the workflow's HTTP Request node posts back: one body per execution. */
const received: Array<Record<string, any>> = [];
const callback = http.createServer((req, res) => {
	let body = '';
	req.on('data', (chunk: Buffer) => (body += chunk.toString()));
	req.on('end', () => {
		received.push(JSON.parse(body || '{}') as Record<string, any>);
		res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
	});
});

const subscriptions = () => emu.store.collection(SUBSCRIPTIONS, SEED.organizationId).list();
const productionUrl = () => `${main.url}/webhook/${webhookId}/webhook`;

/** BILL's API as a user of the organization (a session of its own), to make changes. */
let billApi: Awaited<ReturnType<typeof billUser>>;
let vendorId = '';
async function createBill(invoiceNumber: string) {
	return await billApi('/v3/bills', {
		vendorId,
		dueDate: '2026-12-31',
		invoice: { invoiceNumber, invoiceDate: '2026-12-01' },
		billLineItems: [{ amount: 125 }],
	});
}

/** The security key the trigger keeps in the workflow's static data, as n8n stored it. */
async function storedKey() {
	const workflow = await rest.request<{ staticData?: { [node: string]: { securityKey?: string } } }>('GET', `/workflows/${workflowId}`);
	return workflow.staticData?.['node:BILL Trigger']?.securityKey;
}

/** Waits until the workflow has `count` finished executions, then lets stray ones show up. */
async function settledExecutions(count: number) {
	await waitFor('executions', async () => ((await rest.executions(workflowId)).filter((e) => !['new', 'running', 'waiting'].includes(e.status)).length >= count ? true : undefined), 30_000);
	await deliveriesIdle(emu, 30_000);
	await new Promise((r) => setTimeout(r, 1500));
	return await rest.executions(workflowId);
}

beforeAll(async () => {
	emu = new BillEmulator();
	base = await emu.start();
	await new Promise<void>((ok) => callback.listen(0, '127.0.0.1', ok));
	const callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/bill-event`;

	billApi = await billUser(base);
	vendorId = String((await billApi('/v3/vendors', vendorBody('Trigger Vendor'))).id);

	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	const credential = credentialsFor(base)[CRED_IDS.billApi];
	await n8n.importCredentials([{ id: CRED_IDS.billApi, name: credential.name ?? 'BILL', type: 'billApi', data: credential.data }]);
	workflowId = await n8n.importWorkflow({
		name: 'BILL events',
		nodes: [
			billTriggerNode(n8n, webhookId),
			{
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: { method: 'POST', url: callbackUrl, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
			},
		],
		connections: { 'BILL Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
	});
	await n8n.publishWorkflow(workflowId);
	main = await n8n.start();
	rest = await N8nRest.owner(main.url);
	// activation's own work: the subscription at BILL
	await waitFor('subscription created', () => (subscriptions().length ? true : undefined), 30_000);
});

afterAll(async () => {
	await n8n?.dispose();
	if (emu) stopDeliveries(emu);
	await emu?.stop();
	callback.close();
});

test('activation creates one subscription for the production URL with the chosen event', () => {
	const subs = subscriptions();
	expect(subs).toHaveLength(1);
	expect(subs[0]).toMatchObject({
		name: 'n8n: BILL events / BILL Trigger',
		notificationUrl: productionUrl(),
		events: [{ type: 'bill.created', version: '1' }],
		status: { enabled: true },
	});
});

test('a bill created in BILL reaches n8n as exactly one execution', async () => {
	const bill = await createBill('TRG-1');
	const executions = await settledExecutions(1);
	expect(executions.map((e) => [e.mode, e.status])).toEqual([['webhook', 'success']]);
	const attempts = deliveryAttempts(emu).filter((a) => a.eventType === 'bill.created');
	expect(attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 200]]);
	expect(received).toHaveLength(1);
	expect(received[0]).toMatchObject({
		eventType: 'bill.created',
		entityType: 'bill',
		entity: { id: bill.id, vendorId, invoice: { invoiceNumber: 'TRG-1' } },
		metadata: { subscriptionId: subscriptions()[0].id, organizationId: SEED.organizationId },
	});
});

test('a forged notification gets 401 and starts no execution; real ones still get through', async () => {
	const [real] = deliveryAttempts(emu);
	const keyOf = () => String(subscriptions()[0]._securityKey);
	const key = keyOf();
	const forged = real.body.replace('TRG-1', 'FORGED');
	const requestsBefore = emu.requestLog.length;
	const res = await fetch(productionUrl(), {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-bill-sha-signature': signBody('not-the-key', forged) },
		body: forged,
	});
	expect(res.status).toBe(401);
	const unsigned = await fetch(productionUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: forged });
	expect(unsigned.status).toBe(401);

	// The forged body names our subscription, yet the trigger makes no call to BILL (issue 20 #7:
	// no key rotation from a forgery): the key at BILL and in n8n's static data stay as they were.
	await new Promise((r) => setTimeout(r, 1000));
	expect(emu.requestLog.slice(requestsBefore)).toEqual([]);
	expect(keyOf()).toBe(key);
	expect(await storedKey()).toBe(key);
	// the next real change is accepted (and the forged ones never ran)
	await createBill('TRG-2');
	const executions = await settledExecutions(2);
	expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
	expect(received.map((r) => r.entity.invoice.invoiceNumber)).toEqual(['TRG-1', 'TRG-2']);
	expect(deliveryAttempts(emu).map((a) => a.status)).toEqual([200, 200]);
});

test('stopping n8n keeps the subscription; starting again reuses it (no duplicate)', async () => {
	const before = subscriptions().map((s) => [s.id, s.notificationUrl]);
	await main.stop();
	expect(subscriptions().map((s) => [s.id, s.notificationUrl])).toEqual(before);
	main = await n8n.start({ port: main.port });
	rest = await N8nRest.owner(main.url);
	expect(subscriptions().map((s) => [s.id, s.notificationUrl, (s.status as { enabled: boolean }).enabled])).toEqual([[...before[0], true]]);
	await createBill('TRG-3');
	await settledExecutions(3);
	expect(received.map((r) => r.entity.invoice.invoiceNumber)).toEqual(['TRG-1', 'TRG-2', 'TRG-3']);
});

test('deactivating the workflow in the running n8n deletes the subscription', async () => {
	await rest.request('POST', `/workflows/${workflowId}/deactivate`, {});
	await waitFor('subscription deleted', () => (subscriptions().length === 0 ? true : undefined), 15_000);
	await createBill('TRG-4');
	await deliveriesIdle(emu);
	expect(deliveryAttempts(emu).filter((a) => a.body.includes('TRG-4'))).toEqual([]);
	const gone = await fetch(productionUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	expect(gone.status).toBe(404);
});
