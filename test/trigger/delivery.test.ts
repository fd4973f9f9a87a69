/**
 * End to end in one process: the BILL node (in the n8n harness) or the emulator API changes an
 * object, the emulator delivers a signed notification to the trigger's webhook URL (a real local
 * HTTP server), and the BILL Trigger's webhook() turns it into exactly one item. Also: BILL's
 * resend of an event already received starts nothing; JSON-escaped bodies; a subscription BILL
 * disabled after failed deliveries is repaired by activation and notifications resume.
 */
import axios from 'axios';

import { RETRY } from '../../nodes/Bill/transport/request';
import { deliveriesIdle, deliveryAttempts, stopDeliveries, webhookSettings } from '../emulator/webhooks';
import { SEED } from '../emulator/server';
import { byId, useBill } from '../support/bill';
import { TriggerHost } from './trigger-host';

const api = axios.create({ validateStatus: () => true });

const t = useBill();
let host: TriggerHost;

const address = { line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };

async function orgHeaders(): Promise<Record<string, string>> {
	const r = await api.post(`${t.base}/connect/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
	return { devKey: SEED.devKey, sessionId: r.data.sessionId };
}

async function createVendorWithNode(name: string): Promise<string> {
	const r = await t.runOp('vendor', 'create', { name, address, additionalFields: { email: 'ap@vendor.example', accountType: 'BUSINESS' } });
	expect(r.error?.message).toBeUndefined();
	return String(r.output[0].json.id);
}

beforeAll(() => {
	RETRY.baseMs = 20;
	RETRY.maxMs = 200;
});

afterAll(async () => {
	stopDeliveries(t.emu);
});

beforeEach(async () => {
	t.emu.reset();
	Object.assign(webhookSettings(t.emu), { retryDelaysMs: [20, 40, 80, 160], timeoutMs: 2000, escapedPayload: false });
	host = new TriggerHost({ emulatorBase: t.base, parameters: { eventFamily: 'organization', events: ['bill.created:1', 'bill.archived:1'] } });
	await host.start();
	await host.activate();
});

afterEach(async () => {
	stopDeliveries(t.emu);
	await host.stop();
});

test('a bill created with the BILL node reaches the trigger as one item', async () => {
	const vendorId = await createVendorWithNode('Happy Music Supplies');
	const created = await t.runOp('bill', 'create', {
		vendorId: byId(vendorId),
		dueDate: '2026-12-31T00:00:00.000Z',
		invoice: { invoiceNumber: 'INV-42', invoiceDate: '2026-12-01' },
		billLineItems: { values: [{ amount: 149 }, { amount: 79.99 }] },
	});
	expect(created.error?.message).toBeUndefined();
	const bill = created.output[0].json as Record<string, any>;
	await deliveriesIdle(t.emu);
	const [execution] = await host.waitForExecutions(1);
	expect(host.executions).toHaveLength(1);
	expect(execution.items).toHaveLength(1);
	const item = execution.items[0].json as Record<string, any>;
	expect(item).toMatchObject({
		eventType: 'bill.created',
		entityType: 'bill',
		entity: { id: bill.id, vendorId, invoice: { invoiceNumber: 'INV-42' } },
		metadata: { subscriptionId: host.state.subscriptionId, organizationId: SEED.organizationId, eventType: 'bill.created', version: '1' },
	});
	expect(item.eventId).toBe(item.metadata.eventId);
	expect(item.entity.amount).toBe(bill.amount);
	// the vendor creation was not subscribed: no other execution, no other delivery
	expect(deliveryAttempts(t.emu)).toHaveLength(1);
	expect(host.answers).toEqual([{ status: 200, body: '{"received":true}', started: true }]);
});

test('a bill created and archived through the emulator API: two executions in order', async () => {
	const headers = await orgHeaders();
	const vendorId = await createVendorWithNode('Acme');
	const bill = await api.post(
		`${t.base}/connect/v3/bills`,
		{ vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber: 'A-1', invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 10 }] },
		{ headers },
	);
	expect(bill.status).toBeLessThan(300);
	await deliveriesIdle(t.emu);
	await host.waitForExecutions(1);
	await api.post(`${t.base}/connect/v3/bills/${bill.data.id}/archive`, undefined, { headers });
	await deliveriesIdle(t.emu);
	await host.waitForExecutions(2);
	expect(host.executions.map((e) => e.items.map((i) => i.json.eventType))).toEqual([['bill.created'], ['bill.archived']]);
	expect((host.executions[1].items[0].json.entity as Record<string, unknown>).archived).toBe(true);
});

test('BILL resending an event the trigger already received starts nothing', async () => {
	const vendorId = await createVendorWithNode('Resend Co');
	await t.runOp('bill', 'create', { vendorId: byId(vendorId), dueDate: '2026-12-31T00:00:00.000Z', invoice: { invoiceNumber: 'R-1', invoiceDate: '2026-12-01' }, billLineItems: { values: [{ amount: 5 }] } });
	await deliveriesIdle(t.emu);
	await host.waitForExecutions(1);
	const eventId = host.executions[0].items[0].json.eventId as string;
	const resend = await api.post(`${t.base}/connect-events/v3/events/subscription/${host.state.subscriptionId}/event/${eventId}`, undefined, { headers: await orgHeaders() });
	expect(resend.status).toBe(200);
	expect(resend.data.statusCode).toBe(200);
	expect(host.executions).toHaveLength(1);
	expect(host.answers[1]).toEqual({ status: 200, body: '{"received":true,"duplicate":true}', started: false });
});

test('JSON-escaped notification bodies become the same item', async () => {
	webhookSettings(t.emu).escapedPayload = true;
	const vendorId = await createVendorWithNode('Escaped Ltd');
	await t.runOp('bill', 'create', { vendorId: byId(vendorId), dueDate: '2026-12-31T00:00:00.000Z', invoice: { invoiceNumber: 'E-1', invoiceDate: '2026-12-01' }, billLineItems: { values: [{ amount: 7 }] } });
	await deliveriesIdle(t.emu);
	await host.waitForExecutions(1);
	expect(typeof JSON.parse(deliveryAttempts(t.emu)[0].body)).toBe('string');
	expect(host.executions[0].items[0].json).toMatchObject({ eventType: 'bill.created', entityType: 'bill', entity: { vendorId } });
});

test('after BILL disabled the subscription (failed deliveries), activation re-enables it and events flow again', async () => {
	const realKey = host.state.securityKey;
	host.state.securityKey = 'lost-key';
	host.state.lastRecoveryAt = Date.now(); // no self-repair: every delivery fails
	const vendorId = await createVendorWithNode('Flaky Inc');
	await t.runOp('bill', 'create', { vendorId: byId(vendorId), dueDate: '2026-12-31T00:00:00.000Z', invoice: { invoiceNumber: 'F-1', invoiceDate: '2026-12-01' }, billLineItems: { values: [{ amount: 1 }] } });
	await deliveriesIdle(t.emu);
	expect(deliveryAttempts(t.emu).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
	const sub = await api.get(`${t.base}/connect-events/v3/subscriptions/${host.state.subscriptionId}`, { headers: await orgHeaders() });
	expect(sub.data.status.enabled).toBe(false);
	expect(host.executions).toHaveLength(0);
	// a disabled subscription gets nothing
	await t.runOp('bill', 'create', { vendorId: byId(vendorId), dueDate: '2026-12-31T00:00:00.000Z', invoice: { invoiceNumber: 'F-2', invoiceDate: '2026-12-01' }, billLineItems: { values: [{ amount: 2 }] } });
	await deliveriesIdle(t.emu);
	expect(deliveryAttempts(t.emu)).toHaveLength(5);
	host.state.securityKey = realKey;
	expect(await host.activate()).toBe('existed');
	await t.runOp('bill', 'create', { vendorId: byId(vendorId), dueDate: '2026-12-31T00:00:00.000Z', invoice: { invoiceNumber: 'F-3', invoiceDate: '2026-12-01' }, billLineItems: { values: [{ amount: 3 }] } });
	await deliveriesIdle(t.emu);
	await host.waitForExecutions(1);
	expect((host.executions[0].items[0].json.entity as Record<string, any>).invoice.invoiceNumber).toBe('F-3');
});
