/**
 * BILL Trigger, subscription lifecycle against the emulator, run the way n8n runs it (n8n-core's
 * HookContext; checkExists then create; delete), with real sign-ins through the credentials:
 * create with X-Idempotent-Key, checkExists (exists / re-enable after BILL disabled it / repair
 * events / gone), adoption of BILL's subscription for the same URL, delete, the 10-subscription
 * limit and the HTTPS rule, test mode, the three event families, the events catalog with its
 * fallback, scheduled key rotation with a grace period and recovery from a key rotated elsewhere.
 */
import axios from 'axios';
import { randomUUID } from 'crypto';

import { BillApi } from '../../credentials/BillApi.credentials';
import { BillPartnerApi } from '../../credentials/BillPartnerApi.credentials';
import { BillSpendApi } from '../../credentials/BillSpendApi.credentials';
import { BillTrigger } from '../../nodes/BillTrigger/BillTrigger.node';
import { SIGNATURE_HEADER, computeSignature } from '../../nodes/BillTrigger/signature';
import { RETRY } from '../../nodes/Bill/transport/request';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { createHarness } from '../harness';
import { BillEmulator, SEED } from '../emulator/server';
import { defaultCatalog, deliveriesIdle, deliveryAttempts, notifyChange, stopDeliveries, webhookSettings } from '../emulator/webhooks';
import { CRED_IDS, credentialsFor } from '../support/bill';
import { TriggerHost } from './trigger-host';

const api = axios.create({ validateStatus: () => true });

let emu: BillEmulator;
let base: string;
const hosts: TriggerHost[] = [];

async function orgHeaders(): Promise<Record<string, string>> {
	const r = await api.post(`${base}/connect/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
	return { devKey: SEED.devKey, sessionId: r.data.sessionId };
}

async function partnerHeaders(): Promise<Record<string, string>> {
	const r = await api.post(`${base}/connect/v3/partner/login`, { username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey });
	return { appKey: SEED.appKey, sessionId: r.data.sessionId };
}

const ev = (path: string) => `${base}/connect-events${path}`;

async function subscriptions(headers?: Record<string, string>): Promise<Array<Record<string, any>>> {
	const r = await api.get(ev('/v3/subscriptions'), { headers: headers ?? (await orgHeaders()), params: { max: 100 } });
	expect(r.status).toBe(200);
	return r.data.results;
}

async function newHost(parameters: Record<string, unknown> = {}, extra: Partial<ConstructorParameters<typeof TriggerHost>[0]> = {}): Promise<TriggerHost> {
	const host = new TriggerHost({
		emulatorBase: base,
		parameters: { eventFamily: 'organization', events: ['bill.created:1', 'bill.updated:1'], ...parameters },
		...extra,
	});
	await host.start();
	hosts.push(host);
	return host;
}

/** Fires BILL's test event at the subscription and returns what the emulator got back. */
async function fireTestEvent(subscriptionId: string, headers?: Record<string, string>): Promise<number> {
	const r = await api.post(ev(`/v3/subscriptions/${subscriptionId}/test`), { eventType: 'bill.created', version: '1', bill: { id: 'test-bill-id' } }, { headers: headers ?? (await orgHeaders()) });
	expect(r.status).toBe(200);
	return r.data.statusCode;
}

beforeAll(async () => {
	RETRY.baseMs = 20;
	RETRY.maxMs = 200;
	emu = new BillEmulator();
	base = await emu.start();
});

afterAll(async () => {
	stopDeliveries(emu);
	for (const h of hosts) await h.stop();
	await emu.stop();
});

beforeEach(() => {
	emu.reset();
	resetSessionCache();
	emu.config.httpsOnlyWebhooks = false;
	Object.assign(webhookSettings(emu), {
		retryDelaysMs: [20, 40, 80, 160],
		timeoutMs: 2000,
		catalogFailureStatus: undefined,
		catalog: { apar: defaultCatalog('apar'), spend: defaultCatalog('spend') },
	});
});

afterEach(async () => {
	stopDeliveries(emu);
	for (const h of hosts.splice(0)) await h.stop();
});

describe('activation', () => {
	test('creates one enabled subscription for the webhook URL and events, keeping its id and one-time key', async () => {
		const host = await newHost();
		expect(await host.activate()).toBe('created');
		const subs = await subscriptions();
		expect(subs).toHaveLength(1);
		expect(subs[0]).toMatchObject({
			id: host.state.subscriptionId,
			name: 'n8n: Trigger test / BILL Trigger',
			status: { enabled: true },
			notificationUrl: host.webhookUrl(),
			events: [
				{ type: 'bill.created', version: '1' },
				{ type: 'bill.updated', version: '1' },
			],
		});
		expect(host.webhookUrl()).toBe(`${host.base}/webhook/5b1e7c2a-8f44-4c1e-9d7a-1a2b3c4d5e6f/webhook`);
		expect(typeof host.state.securityKey).toBe('string');
		// the create request carried a UUID4 X-Idempotent-Key (the emulator refuses anything else)
		const creates = emu.requestLog.filter((l) => l.method === 'POST' && l.path === '/v3/subscriptions');
		expect(creates.map((l) => l.status)).toEqual([200]);
		// the stored key is the one BILL signs with: BILL's test event is accepted and starts one execution
		expect(await fireTestEvent(host.state.subscriptionId as string)).toBe(200);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].items[0].json).toMatchObject({ eventType: 'bill.created', entityType: 'bill', entity: { id: 'test-bill-id' } });
	});

	test('activating again finds the subscription (checkExists true): nothing new is created', async () => {
		const host = await newHost();
		await host.activate();
		const id = host.state.subscriptionId;
		const before = emu.requestLog.length;
		expect(await host.activate()).toBe('existed');
		const calls = emu.requestLog.slice(before).map((l) => `${l.method} ${l.template}`);
		expect(calls).toContain('GET /v3/subscriptions/{subscriptionId}');
		expect(calls.filter((c) => c.startsWith('POST') || c.startsWith('PUT') || c.startsWith('PATCH'))).toEqual([]);
		expect((await subscriptions()).map((s) => s.id)).toEqual([id]);
	});

	test('checkExists re-enables a subscription BILL disabled after failed deliveries', async () => {
		const host = await newHost();
		await host.activate();
		const id = host.state.subscriptionId as string;
		const key = host.state.securityKey as string;
		// make every delivery fail: the node answers 401 (wrong key, recovery suppressed)
		host.state.securityKey = 'not-the-key';
		host.state.lastRecoveryAt = Date.now();
		notifyChange(emu, { entity: 'bill', action: 'created', object: { id: '00n01A' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		expect(deliveryAttempts(emu).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
		expect((await subscriptions())[0].status.enabled).toBe(false);
		host.state.securityKey = key;
		// the workflow is activated again (n8n restart, re-activation): checkExists repairs it
		expect(await host.activate()).toBe('existed');
		const sub = (await subscriptions())[0];
		expect(sub).toMatchObject({ id, status: { enabled: true } });
		notifyChange(emu, { entity: 'bill', action: 'created', object: { id: '00n01B' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		expect(host.executions.map((e) => (e.items[0].json.entity as { id: string }).id)).toEqual(['00n01B']);
	});

	test('checkExists replaces the events when the node asks for other ones (same subscription, same key)', async () => {
		const host = await newHost();
		await host.activate();
		const id = host.state.subscriptionId;
		const key = host.state.securityKey;
		host.node.parameters.events = ['vendor.created:1'];
		expect(await host.activate()).toBe('existed');
		const subs = await subscriptions();
		expect(subs).toHaveLength(1);
		expect(subs[0]).toMatchObject({ id, events: [{ type: 'vendor.created', version: '1' }], status: { enabled: true } });
		expect(host.state.securityKey).toBe(key);
		expect(host.state.events).toEqual([{ type: 'vendor.created', version: '1' }]);
	});

	test('checkExists says false when the subscription is gone; create makes a new one', async () => {
		const host = await newHost();
		await host.activate();
		const old = host.state.subscriptionId as string;
		await api.delete(ev(`/v3/subscriptions/${old}`), { headers: await orgHeaders() });
		expect(await host.checkExists()).toBe(false);
		expect(host.state.subscriptionId).toBeUndefined();
		await host.create();
		const subs = await subscriptions();
		expect(subs).toHaveLength(1);
		expect(subs[0].id).not.toBe(old);
		expect(host.state.subscriptionId).toBe(subs[0].id);
	});

	test('adopts the subscription BILL already holds for this URL and events instead of a duplicate, learning its key by rotation', async () => {
		const host = await newHost();
		const headers = await orgHeaders();
		const existing = await api.post(
			ev('/v3/subscriptions'),
			{ name: 'left over', status: { enabled: false }, events: [{ type: 'bill.updated', version: '1' }, { type: 'bill.created', version: '1' }], notificationUrl: host.webhookUrl() },
			{ headers: { ...headers, 'X-Idempotent-Key': randomUUID() } },
		);
		expect(existing.status).toBe(200);
		expect(await host.activate()).toBe('created');
		const subs = await subscriptions();
		expect(subs).toHaveLength(1);
		expect(subs[0]).toMatchObject({ id: existing.data.id, status: { enabled: true } });
		expect(host.state.subscriptionId).toBe(existing.data.id);
		expect(host.state.securityKey).not.toBe(existing.data.securityKey);
		expect(emu.requestLog.some((l) => l.template === '/v3/subscriptions/{subscriptionId}/security_key' && l.status === 200)).toBe(true);
		expect(await fireTestEvent(existing.data.id, headers)).toBe(200);
		expect(host.executions).toHaveLength(1);
		// the key handed out before adoption no longer works
		const body = Buffer.from(JSON.stringify({ metadata: { eventId: 'old-key', subscriptionId: 'x' } }));
		expect((await host.deliver({ [SIGNATURE_HEADER]: computeSignature(existing.data.securityKey, body) }, body)).status).toBe(401);
	});

	test('a subscription for this URL with other events is replaced and adopted; extra ones for this URL are removed', async () => {
		const host = await newHost();
		const headers = await orgHeaders();
		for (const type of ['vendor.created', 'invoice.created']) {
			const r = await api.post(
				ev('/v3/subscriptions'),
				{ name: type, status: { enabled: true }, events: [{ type, version: '1' }], notificationUrl: host.webhookUrl() },
				{ headers: { ...headers, 'X-Idempotent-Key': randomUUID() } },
			);
			expect(r.status).toBe(200);
		}
		const other = await api.post(
			ev('/v3/subscriptions'),
			{ name: 'someone else', status: { enabled: true }, events: [{ type: 'bill.created', version: '1' }], notificationUrl: 'https://elsewhere.example/hook' },
			{ headers: { ...headers, 'X-Idempotent-Key': randomUUID() } },
		);
		await host.activate();
		const subs = await subscriptions();
		expect(subs).toHaveLength(2);
		const mine = subs.find((s) => s.notificationUrl === host.webhookUrl())!;
		expect(mine.id).toBe(host.state.subscriptionId);
		expect(mine.events).toEqual([
			{ type: 'bill.created', version: '1' },
			{ type: 'bill.updated', version: '1' },
		]);
		expect(subs.some((s) => s.id === other.data.id)).toBe(true);
	});

	test('deactivation deletes the subscription and forgets the key; deleting twice or after BILL lost it is fine', async () => {
		const host = await newHost();
		await host.activate();
		expect(await host.delete()).toBe(true);
		expect(await subscriptions()).toHaveLength(0);
		expect(host.state.subscriptionId).toBeUndefined();
		expect(host.state.securityKey).toBeUndefined();
		expect(await host.delete()).toBe(true);
		await host.activate();
		await api.delete(ev(`/v3/subscriptions/${host.state.subscriptionId}`), { headers: await orgHeaders() });
		expect(await host.delete()).toBe(true);
		expect(host.state.subscriptionId).toBeUndefined();
	});

	test('delete keeps the key when BILL cannot be reached, so a later deactivation can retry', async () => {
		const host = await newHost();
		await host.activate();
		emu.faults.add({ match: { method: 'DELETE', path: /^\/v3\/subscriptions\// }, status: 400, code: 'BDC_1001', message: 'nope' });
		expect(await host.delete()).toBe(false);
		expect(host.state.subscriptionId).toBeDefined();
		expect(await subscriptions()).toHaveLength(1);
	});

	test('BILL\'s limit of 10 subscriptions per organization gives an error that says what to do', async () => {
		const headers = await orgHeaders();
		for (let i = 0; i < 10; i++) {
			const r = await api.post(
				ev('/v3/subscriptions'),
				{ name: `s${i}`, status: { enabled: true }, events: [{ type: 'bill.created', version: '1' }], notificationUrl: `https://example.com/${i}` },
				{ headers: { ...headers, 'X-Idempotent-Key': randomUUID() } },
			);
			expect(r.status).toBe(200);
		}
		const host = await newHost();
		const error = await host.activate().catch((e: Error & { description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe('BILL allows 10 webhook subscriptions per organization, and this organization already has 10');
		expect((error as { description?: string }).description).toMatch(/Delete the subscriptions you no longer use/);
		expect(await subscriptions()).toHaveLength(10);
		expect(host.state.subscriptionId).toBeUndefined();
	});

	test('the limit reached while the trigger creates its subscription (a race) gives the same error', async () => {
		const host = await newHost();
		// the trigger's POST is held back while 10 other subscriptions are created
		emu.faults.add({ match: { method: 'POST', path: /^\/v3\/subscriptions$/ }, delayMs: 300 });
		const activation = host.activate().catch((e: Error) => e);
		while (!emu.requestLog.some((l) => l.method === 'POST' && l.path === '/v3/subscriptions')) await new Promise((r) => setTimeout(r, 5));
		const headers = await orgHeaders();
		for (let i = 0; i < 10; i++) {
			await api.post(
				ev('/v3/subscriptions'),
				{ name: `s${i}`, status: { enabled: true }, events: [{ type: 'bill.created', version: '1' }], notificationUrl: `https://example.com/${i}` },
				{ headers: { ...headers, 'X-Idempotent-Key': randomUUID() } },
			);
		}
		const error = await activation;
		expect((error as Error).message).toBe('BILL allows 10 webhook subscriptions per organization, and this organization already has 10');
		expect(emu.requestLog.filter((l) => l.method === 'POST' && l.path === '/v3/subscriptions').map((l) => l.status)).toEqual([400, ...Array(10).fill(200)]);
	});

	test('a duplicate created while the trigger creates its own (a race) is adopted', async () => {
		const host = await newHost();
		emu.faults.add({ match: { method: 'POST', path: /^\/v3\/subscriptions$/ }, delayMs: 300 });
		const activation = host.activate();
		while (!emu.requestLog.some((l) => l.method === 'POST' && l.path === '/v3/subscriptions')) await new Promise((r) => setTimeout(r, 5));
		const other = await api.post(
			ev('/v3/subscriptions'),
			{ name: 'other', status: { enabled: true }, events: [{ type: 'bill.created', version: '1' }, { type: 'bill.updated', version: '1' }], notificationUrl: host.webhookUrl() },
			{ headers: { ...(await orgHeaders()), 'X-Idempotent-Key': randomUUID() } },
		);
		expect(other.status).toBe(200);
		await activation;
		expect((await subscriptions()).map((s) => s.id)).toEqual([other.data.id]);
		expect(host.state.subscriptionId).toBe(other.data.id);
		expect(await fireTestEvent(other.data.id)).toBe(200);
	});

	test('a non-HTTPS webhook URL: BILL\'s refusal becomes an error that explains WEBHOOK_URL', async () => {
		emu.config.httpsOnlyWebhooks = true;
		const host = await newHost();
		const error = await host.activate().catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toBe(`BILL needs an HTTPS webhook URL, but this trigger's URL is ${host.webhookUrl()}`);
		expect((error as { description?: string }).description).toMatch(/WEBHOOK_URL/);
		expect(await subscriptions()).toHaveLength(0);
	});

	test('sandbox or production credentials: a non-HTTPS URL is refused before any request to BILL', async () => {
		const host = await newHost({}, { credentialOverrides: { billApi: { environment: 'sandbox' } } });
		const before = emu.requestLog.length;
		const error = await host.create().catch((e: Error) => e);
		expect((error as Error).message).toMatch(/needs an HTTPS webhook URL/);
		expect(emu.requestLog.length).toBe(before);
	});

	test('an https webhook URL is accepted when BILL requires HTTPS', async () => {
		emu.config.httpsOnlyWebhooks = true;
		const host = await newHost({}, { webhookBaseUrl: 'https://n8n.example.com/webhook' });
		await host.activate();
		expect((await subscriptions())[0].notificationUrl).toBe('https://n8n.example.com/webhook/5b1e7c2a-8f44-4c1e-9d7a-1a2b3c4d5e6f/webhook');
	});

	test('test mode: a separate subscription for the test URL, named as such, removed afterwards', async () => {
		const host = await newHost();
		await host.activate();
		const prodId = host.state.subscriptionId;
		// n8n gives the test webhook its own, empty static data
		const saved = { ...host.state };
		for (const k of Object.keys(host.state)) delete host.state[k];
		expect(await host.activate(true)).toBe('created');
		const subs = await subscriptions();
		expect(subs).toHaveLength(2);
		const test = subs.find((s) => s.id !== prodId)!;
		expect(test.notificationUrl).toBe(`${host.base}/webhook-test/5b1e7c2a-8f44-4c1e-9d7a-1a2b3c4d5e6f/webhook`);
		expect(test.name).toBe('n8n test: Trigger test / BILL Trigger');
		expect(await fireTestEvent(test.id)).toBe(200);
		expect(host.executions).toHaveLength(1);
		expect(await host.delete(true)).toBe(true);
		expect((await subscriptions()).map((s) => s.id)).toEqual([prodId]);
		Object.assign(host.state, saved);
	});

	test('missing events: a clear error before anything is created', async () => {
		const host = await newHost({ events: [] });
		await expect(host.activate()).rejects.toThrow('Choose at least one event in Events');
	});
});

describe('event families and events', () => {
	test('"All events" subscribes to every event of the family in BILL\'s catalog', async () => {
		webhookSettings(emu).catalog.apar = [
			{ type: 'bill.created', versions: ['1'] },
			{ type: 'bill.updated', versions: ['1', '2'] },
		];
		const host = await newHost({ events: ['*'] });
		await host.activate();
		expect((await subscriptions())[0].events).toEqual([
			{ type: 'bill.created', version: '1' },
			{ type: 'bill.updated', version: '2' },
		]);
	});

	test('partner events: the subscription is the partner\'s and receives events of its organizations', async () => {
		const host = await newHost({ eventFamily: 'partner', events: ['vendor.created:1'] });
		await host.activate();
		expect(await subscriptions()).toHaveLength(0);
		const subs = await subscriptions(await partnerHeaders());
		expect(subs).toHaveLength(1);
		notifyChange(emu, { entity: 'vendor', action: 'created', object: { id: '00901P' }, organizationId: SEED.organizationId2 });
		await deliveriesIdle(emu);
		expect(host.executions).toHaveLength(1);
		expect(host.executions[0].items[0].json).toMatchObject({ eventType: 'vendor.created', metadata: { organizationId: SEED.organizationId2 } });
		expect(await host.delete()).toBe(true);
		expect(await subscriptions(await partnerHeaders())).toHaveLength(0);
	});

	test('Spend & Expense events: the subscription is created with the API token', async () => {
		const host = await newHost({ eventFamily: 'spend', events: ['spend.reimbursement.created:1'] });
		await host.activate();
		const subs = await subscriptions({ apiToken: SEED.spendToken });
		expect(subs).toHaveLength(1);
		expect(subs[0].events).toEqual([{ type: 'spend.reimbursement.created', version: '1' }]);
		emu.store.collection('spend/reimbursements', SEED.organizationId).insert({ amount: 5 });
		await deliveriesIdle(emu);
		expect(host.executions[0].items[0].json).toMatchObject({ eventType: 'spend.reimbursement.created', entityType: 'reimbursement' });
	});

	describe('Events list (loadOptions getEvents)', () => {
		const harness = () =>
			createHarness({
				nodeTypes: [new BillTrigger()],
				credentialTypes: [new BillApi(), new BillSpendApi(), new BillPartnerApi()],
				credentials: credentialsFor(base),
			});
		const credentials = {
			billApi: { id: CRED_IDS.billApi, name: 'BILL' },
			billSpendApi: { id: CRED_IDS.billSpendApi, name: 'S&E' },
			billPartnerApi: { id: CRED_IDS.billPartnerApi, name: 'Partner' },
		};

		test('read from GET /v3/events/catalog, with "All Events" first and versions in the values', async () => {
			webhookSettings(emu).catalog.apar = [
				{ type: 'bill.created', versions: ['1'] },
				{ type: 'bill.updated', versions: ['1', '2'] },
			];
			const options = await harness().loadOptions('getEvents', { nodeType: 'billTrigger', parameters: { eventFamily: 'organization', events: [] }, credentials });
			expect(options.map((o) => o.value)).toEqual(['*', 'bill.created:1', 'bill.updated:1', 'bill.updated:2']);
			expect(options[0]).toMatchObject({ name: 'All Events', description: "Every event of this family in BILL's catalog" });
			expect(options.find((o) => o.value === 'bill.updated:2')!.name).toBe('bill.updated (v2)');
			expect(options.find((o) => o.value === 'bill.created:1')).toMatchObject({ name: 'bill.created', description: 'A bill was created' });
			});

		test('Spend & Expense family lists only spend events (read with the API token)', async () => {
			const options = await harness().loadOptions('getEvents', { nodeType: 'billTrigger', parameters: { eventFamily: 'spend', events: [] }, credentials });
			expect(options.slice(1).map((o) => o.value)).toEqual([
				'spend.transaction.updated:1',
				'spend.reimbursement.created:1',
				'spend.reimbursement.updated:1',
				'spend.reimbursement.deleted:1',
				'spend.three-ds-challenge.created:1',
			]);
			expect(emu.requestLog.some((l) => l.path === '/v3/events/catalog' && l.auth === 'spend')).toBe(true);
		});

		test('falls back to the built-in list when the catalog cannot be read', async () => {
			webhookSettings(emu).catalogFailureStatus = 404;
			const options = await harness().loadOptions('getEvents', { nodeType: 'billTrigger', parameters: { eventFamily: 'organization', events: [] }, credentials });
			expect(options[0].description).toMatch(/built-in list/);
			const values = options.map((o) => o.value);
			expect(values).toEqual(expect.arrayContaining(['bill.created:1', 'vendor.restored:1', 'mass-payment.updated:1', 'risk-verification.updated:1']));
			expect(values.some((v) => String(v).startsWith('spend.'))).toBe(false);
			expect(emu.requestLog.filter((l) => l.path === '/v3/events/catalog').map((l) => l.status)).toEqual([404]);
		});

		test('"All events" uses the built-in list too when the catalog is down at activation', async () => {
			webhookSettings(emu).catalogFailureStatus = 404;
			const host = await newHost({ events: ['*'] });
			await host.activate();
			const types = (await subscriptions())[0].events.map((e: { type: string }) => e.type);
			expect(types).toHaveLength(21);
			expect(types).toContain('bill.created');
		});
	});
});

describe('security key rotation', () => {
	test('rotation is due at activation: the key is rotated, the previous one accepted during the grace period', async () => {
		const host = await newHost({ options: { rotateKeyEveryDays: 30, keyGraceMinutes: 10 } });
		await host.activate();
		const oldKey = host.state.securityKey as string;
		expect(await host.activate()).toBe('existed');
		expect(host.state.securityKey).toBe(oldKey); // not due yet
		host.state.keyCreatedAt = Date.now() - 31 * 24 * 3600_000;
		expect(await host.activate()).toBe('existed');
		const newKey = host.state.securityKey as string;
		expect(newKey).not.toBe(oldKey);
		const previous = host.state.previousKeys as Array<{ key: string; until: number }>;
		expect(previous).toHaveLength(1);
		expect(previous[0].key).toBe(oldKey);
		expect(previous[0].until).toBeGreaterThan(Date.now() + 9 * 60_000);
		expect(previous[0].until).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
		// BILL now signs with the new key
		expect(await fireTestEvent(host.state.subscriptionId as string)).toBe(200);
		// a notification BILL signed before the rotation still gets through
		const body = Buffer.from(JSON.stringify({ metadata: { eventId: 'before-rotation', eventType: 'bill.updated' }, bill: { id: '00n1' } }));
		expect((await host.deliver({ [SIGNATURE_HEADER]: computeSignature(oldKey, body) }, body)).status).toBe(200);
	});

	test('rotation due while running: answered first, then rotated; notifications keep flowing', async () => {
		const host = await newHost({ options: { rotateKeyEveryDays: 1 } });
		await host.activate();
		const oldKey = host.state.securityKey as string;
		host.state.keyCreatedAt = Date.now() - 2 * 24 * 3600_000;
		notifyChange(emu, { entity: 'bill', action: 'created', object: { id: '00n01R1' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		// BILL got its 200 before the rotation and the execution started afterwards
		expect(deliveryAttempts(emu).map((a) => a.status)).toEqual([200]);
		await host.waitForExecutions(1);
		expect({ errors: host.errors.map((e) => e.message), answers: host.answers }).toEqual({ errors: [], answers: [{ status: 200, body: '{"received":true}', started: true }] });
		expect(host.state.securityKey).not.toBe(oldKey);
		notifyChange(emu, { entity: 'bill', action: 'created', object: { id: '00n01R2' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		await host.waitForExecutions(2);
		expect(deliveryAttempts(emu).map((a) => a.status)).toEqual([200, 200]);
	});

	test('two executions rotating the same key at once get the same new key (deterministic idempotency key)', async () => {
		const a = await newHost({ options: { rotateKeyEveryDays: 1 } });
		await a.activate();
		a.state.keyCreatedAt = Date.now() - 2 * 24 * 3600_000;
		const snapshot = JSON.parse(JSON.stringify(a.state));
		const b = await newHost({ options: { rotateKeyEveryDays: 1 } });
		Object.assign(b.state, snapshot);
		await Promise.all([a.checkExists(), b.checkExists()]);
		expect(a.state.securityKey).not.toBe(snapshot.securityKey);
		expect(b.state.securityKey).toBe(a.state.securityKey);
	});

	test('a key rotated elsewhere (BILL node): notifications are refused without any call to BILL; deactivating and activating gives a subscription with a key the trigger holds', async () => {
		const host = await newHost();
		await host.activate();
		const id = host.state.subscriptionId as string;
		const elsewhere = await api.post(ev(`/v3/subscriptions/${id}/security_key`), undefined, { headers: { ...(await orgHeaders()), 'X-Idempotent-Key': randomUUID() } });
		expect(elsewhere.status).toBe(200);
		const rotations = () => emu.requestLog.filter((e) => e.path.endsWith('/security_key')).length;
		const before = rotations();
		notifyChange(emu, { entity: 'bill', action: 'created', object: { id: '00n01X' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		// Issue 20 #7: a notification failing the check (forged, or signed with a key rotated elsewhere) never makes the trigger call BILL.
		expect(deliveryAttempts(emu).every((a) => a.status === 401)).toBe(true);
		expect(rotations()).toBe(before);
		expect(host.executions).toHaveLength(0);
		// Deactivate, activate: a subscription whose key the trigger holds.
		expect(await host.delete()).toBe(true);
		await host.activate();
		const delivered = deliveryAttempts(emu).length;
		notifyChange(emu, { entity: 'bill', action: 'created', object: { id: '00n01Y' }, organizationId: SEED.organizationId });
		await deliveriesIdle(emu);
		expect(deliveryAttempts(emu).slice(delivered).map((a) => a.status)).toEqual([200]);
		await host.waitForExecutions(1);
		expect(host.executions[0].items[0].json).toMatchObject({ entity: { id: '00n01Y' } });
	});
});
