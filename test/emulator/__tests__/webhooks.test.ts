/**
 * The emulator's BILL webhooks API (connect-events) and its delivery of signed notifications,
 * tested over real HTTP: catalog, subscription rules (X-Idempotent-Key UUID4 and 24 h replay,
 * 10 per organization, duplicates, HTTPS), get/replace/update/delete, security key rotation,
 * test event, event list and resend, health; delivery on object changes with the signature, the
 * payload shape, BILL's retry schedule (compressed), disabling after repeated failures.
 */
import axios from 'axios';
import { createHmac, randomUUID } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { SEED } from '../server';
import { useEmulator } from '../../support/emulator-http';
import { deliveriesIdle, deliveryAttempts, notifyChange, webhookSettings, WEBHOOK_ERRORS } from '../webhooks';

const api = axios.create({ validateStatus: () => true });

const emu = useEmulator();
let base: string;
let org: Record<string, string>;

async function login(): Promise<Record<string, string>> {
	const r = await api.post(`${base}/connect/v3/login`, {
		username: SEED.username,
		password: SEED.password,
		organizationId: SEED.organizationId,
		devKey: SEED.devKey,
	});
	expect(r.status).toBe(200);
	return { devKey: SEED.devKey, sessionId: r.data.sessionId };
}

async function partnerHeaders(): Promise<Record<string, string>> {
	const r = await api.post(`${base}/connect/v3/partner/login`, { username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey });
	expect(r.status).toBe(200);
	return { appKey: SEED.appKey, sessionId: r.data.sessionId };
}

const spend = { apiToken: SEED.spendToken };

const ev = (path: string) => `${base}/connect-events${path}`;

function body(url: string, events = ['bill.created'], name = 'test') {
	return { name, status: { enabled: true }, events: events.map((type) => ({ type, version: '1' })), notificationUrl: url };
}

async function createSub(headers: Record<string, string>, b: object, key: string = randomUUID()) {
	return await api.post(ev('/v3/subscriptions'), b, { headers: { ...headers, 'X-Idempotent-Key': key } });
}

/** A receiver that answers with the statuses given in turn (then 200) and keeps every request. */
class Receiver {
	server!: http.Server;
	url = '';
	requests: Array<{ path: string; headers: http.IncomingHttpHeaders; raw: Buffer }> = [];
	/** Per request in turn: a status to answer, or 'slow' (answer 200 after 2 s); then 200. */
	plan: Array<number | 'slow'> = [];

	async start() {
		this.server = http.createServer(async (req, res) => {
			const chunks: Buffer[] = [];
			for await (const c of req) chunks.push(c as Buffer);
			this.requests.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) });
			const step = this.plan.length ? this.plan.shift()! : 200;
			if (step === 'slow') await new Promise((r) => setTimeout(r, 2000));
			res.statusCode = step === 'slow' ? 200 : step;
			res.end('ok');
		});
		await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
	}

	async stop() {
		this.server.closeAllConnections?.();
		await new Promise<void>((r) => this.server.close(() => r()));
	}
}

let receiver: Receiver;

beforeAll(async () => {
	base = emu.baseUrl;
	receiver = new Receiver();
	await receiver.start();
});

afterAll(async () => {
	await receiver.stop();
});

beforeEach(async () => {
	emu.reset();
	emu.config.httpsOnlyWebhooks = false;
	Object.assign(webhookSettings(emu), { retryDelaysMs: [20, 40, 80, 160], timeoutMs: 2000, escapedPayload: false, catalogFailureStatus: undefined, maxSubscriptions: 10 });
	receiver.requests = [];
	receiver.plan = [];
	org = await login();
});

describe('catalog and health', () => {
	test('AP/AR catalog for organization credentials, Spend & Expense catalog for an API token', async () => {
		const a = await api.get(ev('/v3/events/catalog'), { headers: org });
		expect(a.status).toBe(200);
		const types = (a.data as Array<{ type: string; versions: string[] }>).map((e) => e.type);
		expect(types).toEqual(expect.arrayContaining(['bill.created', 'vendor.archived', 'payment.updated', 'invoice.restored']));
		expect(types.some((t) => t.startsWith('spend.'))).toBe(false);
		expect(a.data[0].versions).toEqual(['1']);
		const s = await api.get(ev('/v3/events/catalog'), { headers: spend });
		expect((s.data as Array<{ type: string }>).every((e) => e.type.startsWith('spend.'))).toBe(true);
		expect(s.data.length).toBe(5);
	});

	test('a catalog outage can be simulated', async () => {
		webhookSettings(emu).catalogFailureStatus = 503;
		const r = await api.get(ev('/v3/events/catalog'), { headers: org });
		expect(r.status).toBe(503);
		expect(r.data[0].code).toBe('BDC_1001');
	});

	test('health answers on the connect-events base; requests without auth headers are refused', async () => {
		const h = await api.get(ev('/v3/health'));
		expect(h.status).toBe(200);
		expect(h.data).toHaveProperty('appVersion');
		const noAuth = await api.get(ev('/v3/subscriptions'));
		expect(noAuth.status).toBe(400);
		const badSession = await api.get(ev('/v3/subscriptions'), { headers: { devKey: SEED.devKey, sessionId: 'nope' } });
		expect(badSession.status).toBe(401);
	});
});

describe('subscriptions', () => {
	test('X-Idempotent-Key is required and must be a UUID4', async () => {
		const none = await api.post(ev('/v3/subscriptions'), body(receiver.url), { headers: org });
		expect(none.status).toBe(400);
		expect(none.data[0].code).toBe('BDC_1108');
		expect(none.data[0].message).toContain('X-Idempotent-Key');
		const v1 = await createSub(org, body(receiver.url), 'c232ab00-9414-11ec-b3c8-9f6bdeced846');
		expect(v1.status).toBe(400);
		expect(v1.data[0].message).toContain('UUID4');
		const junk = await createSub(org, body(receiver.url), 'not-a-uuid');
		expect(junk.status).toBe(400);
		expect((await api.get(ev('/v3/subscriptions'), { headers: org })).data.results).toHaveLength(0);
	});

	test('create returns the one-time securityKey; get and list never show it', async () => {
		const r = await createSub(org, body(receiver.url, ['bill.created', 'bill.updated'], 'Bills'));
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ name: 'Bills', organizationId: SEED.organizationId, status: { enabled: true }, notificationUrl: receiver.url });
		expect(typeof r.data.securityKey).toBe('string');
		expect(r.data.securityKey.length).toBeGreaterThan(20);
		expect(r.data.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(r.data.events).toEqual([
			{ type: 'bill.created', version: '1' },
			{ type: 'bill.updated', version: '1' },
		]);
		const g = await api.get(ev(`/v3/subscriptions/${r.data.id}`), { headers: org });
		expect(g.status).toBe(200);
		expect(g.data).not.toHaveProperty('securityKey');
		expect(Object.keys(g.data).some((k) => k.startsWith('_'))).toBe(false);
		const l = await api.get(ev('/v3/subscriptions'), { headers: org });
		expect(l.data.results).toHaveLength(1);
		expect(JSON.stringify(l.data)).not.toContain(r.data.securityKey);
	});

	test('the same X-Idempotent-Key replays the cached response for 24 hours', async () => {
		const key = randomUUID();
		const first = await createSub(org, body(receiver.url), key);
		const again = await createSub(org, body(receiver.url), key);
		expect(again.status).toBe(200);
		expect(again.data).toEqual(first.data);
		expect((await api.get(ev('/v3/subscriptions'), { headers: org })).data.results).toHaveLength(1);
		emu.advanceTime(24 * 3600_000 + 1000);
		org = await login();
		const later = await createSub(org, body(receiver.url), key);
		// no longer cached: processed again, and BILL refuses the duplicate
		expect(later.status).toBe(400);
		expect(later.data[0].code).toBe(WEBHOOK_ERRORS.duplicate.code);
	});

	test('the same URL with the same events is refused; other events are accepted', async () => {
		expect((await createSub(org, body(receiver.url, ['bill.created', 'bill.updated']))).status).toBe(200);
		const dup = await createSub(org, body(receiver.url, ['bill.updated', 'bill.created']));
		expect(dup.status).toBe(400);
		expect(dup.data[0].message).toBe(WEBHOOK_ERRORS.duplicate.message);
		expect((await createSub(org, body(receiver.url, ['vendor.created']))).status).toBe(200);
	});

	test('at most 10 subscriptions per organization; partner subscriptions count separately', async () => {
		for (let i = 0; i < 10; i++) expect((await createSub(org, body(`${receiver.url}/${i}`))).status).toBe(200);
		const eleventh = await createSub(org, body(`${receiver.url}/10`));
		expect(eleventh.status).toBe(400);
		expect(eleventh.data[0].message).toMatch(/Maximum number of subscriptions per organization reached: 10/);
		const partner = await partnerHeaders();
		expect((await createSub(partner, body(`${receiver.url}/p`))).status).toBe(200);
		expect((await api.get(ev('/v3/subscriptions'), { headers: partner })).data.results).toHaveLength(1);
	});

	test('HTTPS only: http is refused except on loopback when the switch is relaxed', async () => {
		const plain = await createSub(org, body('http://example.com/hook'));
		expect(plain.status).toBe(400);
		expect(plain.data[0].message).toMatch(/HTTPS/);
		expect((await createSub(org, body('https://example.com/hook'))).status).toBe(200);
		expect((await createSub(org, body('http://127.0.0.1:9/hook'))).status).toBe(200);
		emu.config.httpsOnlyWebhooks = true;
		const loop = await createSub(org, body('http://localhost:9/hook'));
		expect(loop.status).toBe(400);
		expect(loop.data[0].message).toMatch(/must use HTTPS/);
	});

	test('unknown event types and versions are refused; Spend & Expense events need an API token', async () => {
		const unknown = await createSub(org, body(receiver.url, ['bill.exploded']));
		expect(unknown.status).toBe(400);
		expect(unknown.data[0].message).toContain('bill.exploded');
		const wrongVersion = await createSub(org, { ...body(receiver.url), events: [{ type: 'bill.created', version: '7' }] });
		expect(wrongVersion.status).toBe(400);
		expect((await createSub(org, body(receiver.url, ['spend.reimbursement.created']))).status).toBe(400);
		expect((await createSub(spend, body(receiver.url, ['spend.reimbursement.created']))).status).toBe(200);
		const missing = await createSub(org, { name: 'x', events: [{ type: 'bill.created', version: '1' }], notificationUrl: receiver.url });
		expect(missing.status).toBe(400);
		expect(missing.data[0].message).toContain('status.enabled');
	});

	test('replace (PUT), update (PATCH) and delete', async () => {
		const a = (await createSub(org, body(receiver.url, ['bill.created']))).data;
		const b = (await createSub(org, body(receiver.url, ['vendor.created']))).data;
		const put = await api.put(ev(`/v3/subscriptions/${a.id}`), body(receiver.url, ['bill.updated', 'bill.archived'], 'Renamed'), { headers: org });
		expect(put.status).toBe(200);
		expect(put.data.events.map((e: { type: string }) => e.type)).toEqual(['bill.updated', 'bill.archived']);
		expect(put.data.name).toBe('Renamed');
		expect(put.data.createdTime).toBe(a.createdTime);
		// PUT into a duplicate of b is refused
		expect((await api.put(ev(`/v3/subscriptions/${a.id}`), body(receiver.url, ['vendor.created']), { headers: org })).status).toBe(400);
		const patch = await api.patch(ev(`/v3/subscriptions/${a.id}`), { status: { enabled: false } }, { headers: org });
		expect(patch.status).toBe(200);
		expect(patch.data.status.enabled).toBe(false);
		expect(patch.data.name).toBe('Renamed');
		const events = await api.patch(ev(`/v3/subscriptions/${a.id}`), { events: [] }, { headers: org });
		expect(events.status).toBe(400);
		const del = await api.delete(ev(`/v3/subscriptions/${b.id}`), { headers: org });
		expect(del.status).toBe(200);
		expect(del.data).toBe('');
		expect((await api.get(ev(`/v3/subscriptions/${b.id}`), { headers: org })).status).toBe(404);
		expect((await api.delete(ev(`/v3/subscriptions/${b.id}`), { headers: org })).status).toBe(404);
	});

	test('security key rotation needs X-Idempotent-Key and is idempotent per key', async () => {
		const sub = (await createSub(org, body(receiver.url))).data;
		const url = ev(`/v3/subscriptions/${sub.id}/security_key`);
		expect((await api.post(url, undefined, { headers: org })).status).toBe(400);
		const key = randomUUID();
		const r1 = await api.post(url, undefined, { headers: { ...org, 'X-Idempotent-Key': key } });
		expect(r1.status).toBe(200);
		expect(r1.data.securityKey).not.toBe(sub.securityKey);
		const r2 = await api.post(url, undefined, { headers: { ...org, 'X-Idempotent-Key': key } });
		expect(r2.data.securityKey).toBe(r1.data.securityKey);
		const r3 = await api.post(url, undefined, { headers: { ...org, 'X-Idempotent-Key': randomUUID() } });
		expect(r3.data.securityKey).not.toBe(r1.data.securityKey);
	});
});

describe('delivery', () => {
	const sign = (key: string, raw: Buffer) => createHmac('sha256', key).update(raw).digest('base64');

	async function vendorAndBill(headers: Record<string, string>) {
		const vendor = await api.post(`${base}/connect/v3/vendors`, { name: 'Acme', accountType: 'BUSINESS', email: 'ap@acme.test', address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' } }, { headers });
		expect(vendor.status).toBeLessThan(300);
		const bill = await api.post(
			`${base}/connect/v3/bills`,
			{ vendorId: vendor.data.id, dueDate: '2026-12-31', invoice: { invoiceNumber: 'INV-1', invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 228.99 }] },
			{ headers },
		);
		expect(bill.status).toBeLessThan(300);
		return { vendor: vendor.data, bill: bill.data };
	}

	test('creating a bill through the API sends one signed bill.created notification', async () => {
		const sub = (await createSub(org, body(receiver.url, ['bill.created']))).data;
		const { bill } = await vendorAndBill(org);
		await deliveriesIdle(emu);
		expect(receiver.requests).toHaveLength(1);
		const { headers, raw } = receiver.requests[0];
		expect(headers['x-bill-sha-signature']).toBe(sign(sub.securityKey, raw));
		expect(headers['content-type']).toBe('application/json');
		const payload = JSON.parse(raw.toString());
		expect(payload.metadata).toEqual({
			eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			subscriptionId: sub.id,
			organizationId: SEED.organizationId,
			eventType: 'bill.created',
			version: '1',
		});
		expect(payload.bill).toMatchObject({ id: bill.id, vendorId: bill.vendorId, dueDate: '2026-12-31' });
		expect(Object.keys(payload)).toEqual(['metadata', 'bill']);
	});

	test('updated, archived and restored bills, vendors and payments give their own events; unsubscribed ones none', async () => {
		const sub = (await createSub(org, body(receiver.url, ['bill.updated', 'bill.archived', 'bill.restored', 'vendor.created', 'payment.updated']))).data;
		const { bill } = await vendorAndBill(org);
		await api.patch(`${base}/connect/v3/bills/${bill.id}`, { description: 'changed' }, { headers: org });
		await api.post(`${base}/connect/v3/bills/${bill.id}/archive`, undefined, { headers: org });
		await api.post(`${base}/connect/v3/bills/${bill.id}/restore`, undefined, { headers: org });
		emu.store.collection('payments', SEED.organizationId).insert({ billIds: [bill.id], status: 'SCHEDULED' });
		await deliveriesIdle(emu);
		const types = receiver.requests.map((r) => JSON.parse(r.raw.toString()).metadata.eventType);
		expect(types).toEqual(['vendor.created', 'bill.updated', 'bill.archived', 'bill.restored', 'payment.updated']);
		const archived = JSON.parse(receiver.requests[2].raw.toString());
		expect(archived.bill.archived).toBe(true);
		expect(new Set(receiver.requests.map((r) => JSON.parse(r.raw.toString()).metadata.eventId)).size).toBe(5);
		for (const r of receiver.requests) expect(r.headers['x-bill-sha-signature']).toBe(sign(sub.securityKey, r.raw));
	});

	test('partner subscriptions receive the events of the partner\'s organizations; other organizations\' do not leak', async () => {
		const partner = await partnerHeaders();
		const psub = (await createSub(partner, body(receiver.url, ['vendor.created']))).data;
		await createSub(org, body(`${receiver.url}/org1`, ['vendor.created']));
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901X' }, organizationId: SEED.organizationId2 });
		await deliveriesIdle(emu);
		// the organization-level subscription of org 1 gets nothing of org 2
		expect(receiver.requests.map((r) => r.path)).toEqual(['/hook']);
		const payload = JSON.parse(receiver.requests[0].raw.toString());
		expect(payload.metadata.subscriptionId).toBe(psub.id);
		expect(payload.metadata.organizationId).toBe(SEED.organizationId2);
		expect(payload.vendor).toEqual({ id: '00901X' });
	});

	test('Spend & Expense: a reimbursement created and deleted', async () => {
		await createSub(spend, body(receiver.url, ['spend.reimbursement.created', 'spend.reimbursement.deleted']));
		const coll = emu.store.collection('spend/reimbursements', SEED.organizationId);
		const rec = coll.insert({ amount: 12 });
		coll.remove(rec.id);
		await deliveriesIdle(emu);
		const payloads = receiver.requests.map((r) => JSON.parse(r.raw.toString()));
		expect(payloads.map((p) => p.metadata.eventType)).toEqual(['spend.reimbursement.created', 'spend.reimbursement.deleted']);
		expect(payloads[0].reimbursement.id).toBe(rec.id);
	});

	test('a failed delivery is retried on the schedule and succeeds; the event list shows the final status', async () => {
		const sub = (await createSub(org, body(receiver.url, ['vendor.created']))).data;
		receiver.plan = [500, 503];
		const t0 = Date.now();
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901A' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		expect(receiver.requests).toHaveLength(3);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(60); // 20 ms + 40 ms
		const attempts = deliveryAttempts(emu).map((a) => [a.attempt, a.status]);
		expect(attempts).toEqual([
			[1, 500],
			[2, 503],
			[3, 200],
		]);
		// the same eventId on every retry
		expect(new Set(receiver.requests.map((r) => JSON.parse(r.raw.toString()).metadata.eventId)).size).toBe(1);
		const list = await api.get(ev(`/v3/events/subscription/${sub.id}`), { headers: org });
		expect(list.status).toBe(200);
		expect(list.data.results).toHaveLength(1);
		expect(list.data.results[0]).toMatchObject({ type: 'vendor.created', version: '1', subscriptionId: sub.id, statusCode: 200 });
		expect(typeof list.data.results[0].payload).toBe('string');
		expect(JSON.parse(list.data.results[0].payload).vendor.id).toBe('00901A');
		const filtered = await api.get(ev(`/v3/events/subscription/${sub.id}`), { headers: org, params: { entityId: 'nope' } });
		expect(filtered.data.results).toHaveLength(0);
		expect((await api.get(ev(`/v3/subscriptions/${sub.id}`), { headers: org })).data.status.enabled).toBe(true);
	});

	test('after the last retry fails BILL disables the subscription and stops sending; a timeout is a failure', async () => {
		webhookSettings(emu).retryDelaysMs = [10, 10];
		// 1 s, not less: on a loaded machine an in-process receiver's 500 once took over 100 ms
		webhookSettings(emu).timeoutMs = 1000;
		const sub = (await createSub(org, body(receiver.url, ['vendor.created']))).data;
		receiver.plan = [500, 500, 'slow'];
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901B' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		expect(deliveryAttempts(emu).map((a) => a.status)).toEqual([500, 500, 0]);
		expect(deliveryAttempts(emu)[2].error).toMatch(/within 1000 ms/);
		const g = await api.get(ev(`/v3/subscriptions/${sub.id}`), { headers: org });
		expect(g.data.status.enabled).toBe(false);
		// disabled: a new change is neither recorded nor sent
		const events = notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901C' }, organizationId: SEED.organizationId });
		expect(events).toHaveLength(0);
		await deliveriesIdle(emu);
		expect(deliveryAttempts(emu)).toHaveLength(3);
		await new Promise((r) => setTimeout(r, 2050)); // let the slow answer finish
		// re-enabled, it delivers again
		await api.patch(ev(`/v3/subscriptions/${sub.id}`), { status: { enabled: true } }, { headers: org });
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901D' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		expect(deliveryAttempts(emu).slice(-1)[0]).toMatchObject({ status: 200, attempt: 1 });
	});

	test('each attempt is signed with the key current at that moment (after a rotation, the new key)', async () => {
		const sub = (await createSub(org, body(receiver.url, ['vendor.created']))).data;
		receiver.plan = [500];
		webhookSettings(emu).retryDelaysMs = [150];
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901E' }, organizationId: SEED.organizationId });
		await new Promise((r) => setTimeout(r, 50));
		const rotated = await api.post(ev(`/v3/subscriptions/${sub.id}/security_key`), undefined, { headers: { ...org, 'X-Idempotent-Key': randomUUID() } });
		await deliveriesIdle(emu);
		expect(receiver.requests).toHaveLength(2);
		expect(receiver.requests[0].headers['x-bill-sha-signature']).toBe(sign(sub.securityKey, receiver.requests[0].raw));
		expect(receiver.requests[1].headers['x-bill-sha-signature']).toBe(sign(rotated.data.securityKey, receiver.requests[1].raw));
	});

	test('JSON-escaped payloads: the body is a JSON string and the signature covers those bytes', async () => {
		webhookSettings(emu).escapedPayload = true;
		const sub = (await createSub(org, body(receiver.url, ['vendor.created']))).data;
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901F' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		const raw = receiver.requests[0].raw;
		const once = JSON.parse(raw.toString());
		expect(typeof once).toBe('string');
		expect(JSON.parse(once).vendor.id).toBe('00901F');
		expect(receiver.requests[0].headers['x-bill-sha-signature']).toBe(sign(sub.securityKey, raw));
	});

	test('test event: delivered at once with the given entity, answered as an EventDto with the status received', async () => {
		const sub = (await createSub(org, body(receiver.url, ['bill.created']))).data;
		receiver.plan = [202];
		const r = await api.post(
			ev(`/v3/subscriptions/${sub.id}/test`),
			{ eventType: 'bill.created', version: '1', bill: { id: 'test-bill-id', vendorId: 'test-vendor-id', amount: 100 } },
			{ headers: org },
		);
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ type: 'bill.created', version: '1', subscriptionId: sub.id, statusCode: 202 });
		expect(receiver.requests).toHaveLength(1);
		const payload = JSON.parse(receiver.requests[0].raw.toString());
		expect(payload.bill).toEqual({ id: 'test-bill-id', vendorId: 'test-vendor-id', amount: 100 });
		expect(payload.metadata.eventId).toBe(r.data.id);
		expect(JSON.parse(r.data.payload)).toEqual(payload);
		// a test event is not retried and does not disable the subscription
		await deliveriesIdle(emu);
		expect(receiver.requests).toHaveLength(1);
		const noBody = await api.post(ev(`/v3/subscriptions/${sub.id}/test`), {}, { headers: org });
		expect(JSON.parse(noBody.data.payload).bill).toEqual({ id: 'test-bill-id' });
	});

	test('resend delivers the same event (same eventId) again', async () => {
		const sub = (await createSub(org, body(receiver.url, ['vendor.created']))).data;
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901G' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		const eventId = JSON.parse(receiver.requests[0].raw.toString()).metadata.eventId;
		receiver.plan = [500];
		const r = await api.post(ev(`/v3/events/subscription/${sub.id}/event/${eventId}`), undefined, { headers: org });
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ id: eventId, statusCode: 500 });
		expect(receiver.requests).toHaveLength(2);
		expect(receiver.requests[1].raw.equals(receiver.requests[0].raw)).toBe(true);
		expect((await api.post(ev(`/v3/events/subscription/${sub.id}/event/${randomUUID()}`), undefined, { headers: org })).status).toBe(404);
	});

	test('reset cancels scheduled retries', async () => {
		await createSub(org, body(receiver.url, ['vendor.created']));
		webhookSettings(emu).retryDelaysMs = [100];
		receiver.plan = [500];
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901H' }, organizationId: SEED.organizationId });
		await new Promise((r) => setTimeout(r, 40));
		emu.reset();
		await new Promise((r) => setTimeout(r, 150));
		expect(receiver.requests).toHaveLength(1);
	});
});
