/**
 * A webhook subscription round trip through the BILL node's webhook-management resources
 * (organization event family): create → get → list → update → replace → test event (delivered,
 * signed with the key BILL returned) → notifications list → resend → rotate key → delete.
 */
import { createHmac } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { byId, useBill } from '../support/bill';

const t = useBill();
let receiver: http.Server;
let url = '';
const received: Array<{ body: string; signature: string }> = [];

beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-bill-sha-signature'] ?? '') });
			res.end('ok');
		});
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
	url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bill`;
});
afterAll(async () => {
	await new Promise((r) => receiver.close(r));
});

const events = (...types: string[]) => ({ values: types.map((type) => ({ type, version: '1' })) });
const waitFor = async (cond: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
	return cond();
};

test('subscription round trip', async () => {
	const op = (operation: string, params: Record<string, unknown> = {}) => t.runOp('webhookSubscription', operation, { eventFamily: 'organization', ...params });

	const created = await op('create', { name: 'n8n bills', notificationUrl: url, events: events('bill.created'), status: { enabled: true } });
	expect(created.error?.message).toBeUndefined();
	const sub = created.output[0].json;
	expect(sub).toMatchObject({ name: 'n8n bills', notificationUrl: url });
	const key = String(sub.securityKey);
	expect(key.length).toBeGreaterThan(10);
	// X-Idempotent-Key (UUID4) was sent, as BILL requires for this call
	const createCall = t.emu.requestLog.filter((e) => e.method === 'POST' && e.path === '/v3/subscriptions').pop();
	expect(createCall?.status).toBeLessThan(300);

	const id = String(sub.id);
	const got = await op('get', { subscriptionId: byId(id) });
	expect(got.output[0].json).toMatchObject({ id, name: 'n8n bills' });
	expect(got.output[0].json.securityKey).toBeUndefined();

	const list = await op('getAll', { returnAll: true });
	expect(list.output.map((i) => i.json.id)).toContain(id);

	const updated = await op('update', { subscriptionId: byId(id), updateFields: { name: 'n8n bills (renamed)' } });
	expect(updated.output[0].json.name).toBe('n8n bills (renamed)');

	const replaced = await op('replace', { subscriptionId: byId(id), name: 'n8n bills and vendors', notificationUrl: url, events: events('bill.created', 'vendor.created'), status: { enabled: true } });
	expect((replaced.output[0].json.events as Array<{ type: string }>).map((e) => e.type).sort()).toEqual(['bill.created', 'vendor.created']);

	received.length = 0;
	const test = await op('sendTestEvent', { subscriptionId: byId(id), additionalFields: { eventType: 'bill.created', version: '1' } });
	expect(test.error?.message).toBeUndefined();
	expect(await waitFor(() => received.length > 0)).toBe(true);
	const expected = createHmac('sha256', key).update(received[0].body).digest('base64');
	expect(received[0].signature).toBe(expected);

	const notifications = await t.runOp('webhookEvent', 'getAll', { eventFamily: 'organization', subscriptionId: byId(id), returnAll: true });
	expect(notifications.error?.message).toBeUndefined();
	expect(notifications.output.length).toBeGreaterThan(0);
	const eventId = String(notifications.output[0].json.id ?? notifications.output[0].json.eventId);
	received.length = 0;
	const resent = await t.runOp('webhookEvent', 'resend', { eventFamily: 'organization', subscriptionId: byId(id), eventId });
	expect(resent.error?.message).toBeUndefined();
	expect(await waitFor(() => received.length > 0)).toBe(true);

	const rotated = await op('createSecurityKey', { subscriptionId: byId(id) });
	const newKey = String(rotated.output[0].json.securityKey);
	expect(newKey).not.toBe(key);

	const deleted = await op('delete', { subscriptionId: byId(id) });
	expect(deleted.error?.message).toBeUndefined();
	const after = await op('get', { subscriptionId: byId(id) });
	expect(after.success).toBe(false);
	expect(after.error?.message).toMatch(/^BDC_/);
});

test('event notifications sorted by created time with Ascending (BILL changelog 2026-03-20)', async () => {
	const op = (operation: string, params: Record<string, unknown> = {}) => t.runOp('webhookSubscription', operation, { eventFamily: 'organization', ...params });
	const created = await op('create', { name: 'sorted', notificationUrl: url, events: events('bill.created'), status: { enabled: true } });
	const id = String(created.output[0].json.id);
	for (let i = 0; i < 3; i++) {
		await op('sendTestEvent', { subscriptionId: byId(id), additionalFields: { eventType: 'bill.created', version: '1' } });
		t.emu.advanceTime(60_000);
	}
	const list = async (ascending: boolean) => {
		const from = t.emu.requestLog.length;
		const r = await t.runOp('webhookEvent', 'getAll', { eventFamily: 'organization', subscriptionId: byId(id), returnAll: true, options: { ascending } });
		expect(r.error?.message).toBeUndefined();
		expect(t.emu.requestLog.slice(from).find((e) => e.path.startsWith('/v3/events/subscription/'))?.query.ascending).toBe(String(ascending));
		return r.output.map((o) => String(o.json.createdTime));
	};
	const oldestFirst = await list(true);
	expect(oldestFirst).toHaveLength(3);
	expect([...oldestFirst].sort()).toEqual(oldestFirst);
	expect(await list(false)).toEqual([...oldestFirst].reverse());
	await op('delete', { subscriptionId: byId(id) });
});
