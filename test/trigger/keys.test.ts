/**
 * Issue 20 #7/#10: the BILL Trigger cannot be pushed around.
 * - A notification that fails the signature check, even one naming the real subscription (every
 *   notification carries its ID), never causes a call to BILL: no key rotation from a forgery.
 * - Concurrent deliveries cannot undo a key rotation: a call that loaded the static data before
 *   another call rotated the key ends with the new key, so what n8n saves after it is current.
 * webhook() runs in n8n-core's real WebhookContext (test/trigger/trigger-host.ts) against the emulator.
 */
import { createHmac } from 'crypto';
import type { INodeParameters } from 'n8n-workflow';

import { RETRY } from '../../nodes/Bill/transport/request';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { SIGNATURE_HEADER } from '../../nodes/BillTrigger/signature';
import { BillEmulator, SEED } from '../emulator/server';
import { stopDeliveries } from '../emulator/webhooks';
import { TriggerHost } from './trigger-host';

let emu: BillEmulator;
let base: string;
const hosts: TriggerHost[] = [];

beforeAll(async () => {
	RETRY.baseMs = 20;
	RETRY.maxMs = 200;
	resetSessionCache();
	emu = new BillEmulator();
	base = await emu.start();
});
afterAll(async () => {
	stopDeliveries(emu);
	for (const h of hosts) await h.stop();
	await emu.stop();
});

async function newHost(options: INodeParameters = {}): Promise<TriggerHost> {
	const host = new TriggerHost({ emulatorBase: base, parameters: { eventFamily: 'organization', events: ['bill.created:1'], options } });
	await host.start();
	hosts.push(host);
	return host;
}

function notification(subscriptionId: string, eventId: string) {
	return Buffer.from(JSON.stringify({ metadata: { eventId, subscriptionId, organizationId: SEED.organizationId, eventType: 'bill.created', version: '1' }, bill: { id: '00n01KEYS' } }));
}
const signed = (body: Buffer, key: string) => ({ [SIGNATURE_HEADER]: createHmac('sha256', key).update(body).digest('base64'), 'content-type': 'application/json' });

test('forged notifications naming the real subscription: 401 each time and not one request to BILL', async () => {
	const host = await newHost();
	await host.activate();
	const id = String(host.state.subscriptionId);
	const key = String(host.state.securityKey);
	const before = emu.requestLog.length;
	for (let n = 0; n < 3; n++) {
		const body = notification(id, `forged-${n}`);
		const r = await host.deliver(signed(body, 'a-guessed-key'), body);
		expect(r.status).toBe(401);
		expect(r.items).toBeUndefined();
	}
	const noSignature = notification(id, 'forged-none');
	expect((await host.deliver({ 'content-type': 'application/json' }, noSignature)).status).toBe(401);
	expect(emu.requestLog.slice(before)).toEqual([]);
	expect(host.state.securityKey).toBe(key);
	// The real key still works.
	const real = notification(id, 'real-1');
	expect((await host.deliver(signed(real, key), real)).status).toBe(200);
});

test('a call that loaded the static data before another call rotated the key ends with the new key (and the old one within its grace)', async () => {
	// A: rotation due (scheduled, every day; the key is two days old). B: the same subscription, no schedule, loaded before A rotated.
	const a = await newHost({ rotateKeyEveryDays: 1 });
	await a.activate();
	a.state.keyCreatedAt = Date.now() - 2 * 24 * 3600_000;
	const snapshot = JSON.parse(JSON.stringify(a.state)) as Record<string, unknown>;
	const b = await newHost();
	Object.assign(b.state, snapshot);
	const oldKey = String(snapshot.securityKey);
	const id = String(snapshot.subscriptionId);

	emu.config.latencyMs = 150; // the rotation at BILL takes a while: B finishes its own work meanwhile
	try {
		const bodyA = notification(id, 'conc-a');
		const bodyB = notification(id, 'conc-b');
		const [ra, rb] = await Promise.all([a.deliver(signed(bodyA, oldKey), bodyA), b.deliver(signed(bodyB, oldKey), bodyB)]);
		expect([ra.status, rb.status]).toEqual([200, 200]);
	} finally {
		emu.config.latencyMs = 0;
	}
	const newKey = String(a.state.securityKey);
	expect(newKey).not.toBe(oldKey);
	// What n8n would save after B's call: the new key, the old one still accepted for the grace period.
	expect(b.state.securityKey).toBe(newKey);
	expect((b.state.previousKeys as Array<{ key: string }>).map((p) => p.key)).toContain(oldKey);
	expect(b.state.seenEventIds).toEqual(expect.arrayContaining(['conc-b']));

	// A later call whose static data still holds the old key (loaded from an older save) adopts the new key at its start.
	const c = await newHost();
	Object.assign(c.state, snapshot);
	const bodyC = notification(id, 'conc-c');
	expect((await c.deliver(signed(bodyC, newKey), bodyC)).status).toBe(200);
	expect(c.state.securityKey).toBe(newKey);
});
