/**
 * BILL Trigger, notification side: the `x-bill-sha-signature` check (base64 HMAC-SHA256 of the raw
 * body, constant-time compare, before anything else), duplicate event ids with bounded memory,
 * JSON-escaped string bodies, the output item and the Output Raw Payload option, the previous key
 * during its grace period. webhook() runs in n8n-core's real WebhookContext (see trigger-host.ts).
 */
import { createHmac } from 'crypto';
import type { INodeParameters } from 'n8n-workflow';

import { computeSignature, deterministicUuid4, matchSignature, SIGNATURE_HEADER } from '../../nodes/BillTrigger/signature';
import { CLAIM_MS, claimEvent, eventsStarted, releaseEvents } from '../../nodes/BillTrigger/handled';
import { parseNotifications, toItem } from '../../nodes/BillTrigger/notification';
import { SEEN_EVENT_IDS } from '../../nodes/BillTrigger/subscription';
import { TriggerHost } from './trigger-host';

const KEY = 'c2VjcmV0LWtleS1vZi10aGUtc3Vic2NyaXB0aW9u';
const OTHER_KEY = 'another-subscription-key';

function notification(eventId = 'evt-1', extra: Record<string, unknown> = {}) {
	return {
		metadata: { eventId, subscriptionId: 'sub-1', organizationId: '00801EMULATOR0001', eventType: 'bill.created', version: '1' },
		bill: { id: '00n01BILL', vendorId: '00901VENDOR', amount: 228.99, ...extra },
	};
}

const raw = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const hmac = (key: string, body: Buffer) => createHmac('sha256', key).update(body).digest('base64');

describe('signature helpers', () => {
	test('computeSignature is base64 HMAC-SHA256 of the raw bytes keyed with the security key', () => {
		const body = raw(notification());
		expect(computeSignature(KEY, body)).toBe(hmac(KEY, body));
		expect(computeSignature(KEY, body)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(computeSignature(KEY, body)).not.toBe(createHmac('sha256', KEY).update(body).digest('hex'));
	});

	test('matchSignature: good, bad, missing, repeated header, wrong key, tampered body, second key', () => {
		const body = raw(notification());
		const good = hmac(KEY, body);
		expect(matchSignature(good, body, [KEY])).toBe(0);
		expect(matchSignature(` ${good} `, body, [KEY])).toBe(0);
		expect(matchSignature('bm90IGEgc2lnbmF0dXJl', body, [KEY])).toBe(-1);
		expect(matchSignature(undefined, body, [KEY])).toBe(-1);
		expect(matchSignature('', body, [KEY])).toBe(-1);
		expect(matchSignature([good, good], body, [KEY])).toBe(-1);
		expect(matchSignature(good, body, [OTHER_KEY])).toBe(-1);
		expect(matchSignature(good, Buffer.from(body.toString().replace('228.99', '928.99')), [KEY])).toBe(-1);
		expect(matchSignature(good, body, [OTHER_KEY, KEY])).toBe(1);
		expect(matchSignature(good, body, [])).toBe(-1);
	});

	test('deterministicUuid4 gives a stable UUID4 per seed', () => {
		const a = deterministicUuid4('sub|schedule|1|k');
		expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(deterministicUuid4('sub|schedule|1|k')).toBe(a);
		expect(deterministicUuid4('sub|schedule|2|k')).not.toBe(a);
	});

	test('parseNotifications: object, JSON-escaped string, array, not JSON', () => {
		const n = notification();
		expect(parseNotifications(raw(n))).toEqual([n]);
		expect(parseNotifications(raw(JSON.stringify(n)))).toEqual([n]);
		expect(parseNotifications(raw([n, notification('evt-2')]))).toHaveLength(2);
		expect(parseNotifications(Buffer.from('{nope'))).toBeUndefined();
		expect(parseNotifications(raw(42))).toBeUndefined();
	});

	test('toItem: event type, entity type, entity and metadata; flat payloads keep their fields', () => {
		expect(toItem(notification(), false)).toEqual({
			eventType: 'bill.created',
			eventId: 'evt-1',
			entityType: 'bill',
			entity: notification().bill,
			metadata: notification().metadata,
		});
		const flat = { metadata: { eventId: 'm1', eventType: 'mass-payment.updated' }, paymentBatchId: 'bbq01', batchStatus: 'COMPLETED' };
		expect(toItem(flat, false)).toMatchObject({ entityType: 'mass-payment', entity: { paymentBatchId: 'bbq01', batchStatus: 'COMPLETED' } });
		const escapedMetadata = { metadata: JSON.stringify({ eventId: 'x', eventType: 'vendor.updated' }), vendor: { id: '009' } };
		expect(toItem(escapedMetadata, false)).toMatchObject({ eventType: 'vendor.updated', eventId: 'x', entityType: 'vendor' });
		expect(toItem(notification(), true)).toEqual(notification());
	});

	/** What webhook() does with one event: claim it, and (n8n started its execution) mark it handled. */
	const take = (state: { seenEventIds?: string[] }, id: string, scope: string, limit?: number) => {
		const verdict = claimEvent(state, id, scope);
		if (verdict === 'start') eventsStarted(state, [id], scope, limit);
		return verdict;
	};

	test('handled event IDs: at most the last N kept, oldest dropped first', () => {
		const state: { seenEventIds?: string[] } = {};
		expect(take(state, 'a', 'bounded', 3)).toBe('start');
		expect(take(state, 'a', 'bounded', 3)).toBe('duplicate');
		for (const id of ['b', 'c', 'd']) expect(take(state, id, 'bounded', 3)).toBe('start');
		expect(state.seenEventIds).toEqual(['b', 'c', 'd']);
		expect(take(state, 'a', 'bounded', 3)).toBe('start');
	});

	test('a copy of the static data without the id (loaded before it was stored) still finds it in this process, per trigger', () => {
		// n8n gives every webhook call its own copy of the static data, read from its database:
		// copies of one notification that arrive together all get a copy without the id
		const first: { seenEventIds?: string[] } = {};
		const second: { seenEventIds?: string[] } = {};
		expect(take(first, 'evt-x', 'wf-1/node-1/webhook')).toBe('start');
		expect(take(second, 'evt-x', 'wf-1/node-1/webhook')).toBe('duplicate');
		// another trigger, or the same one listening in test mode, has its own memory
		expect(take({}, 'evt-x', 'wf-2/node-1/webhook')).toBe('start');
		expect(take({}, 'evt-x', 'wf-1/node-1/manual')).toBe('start');
		// what the process remembers is written back with the next new id
		expect(take(second, 'evt-y', 'wf-1/node-1/webhook')).toBe('start');
		expect(second.seenEventIds).toEqual(['evt-x', 'evt-y']);
	});

	test('a claimed event is neither handled nor free: a copy waits; released (start failed), it starts again; claims expire', () => {
		const state: { seenEventIds?: string[] } = {};
		expect(claimEvent(state, 'evt-c', 'claims')).toBe('start');
		expect(claimEvent({}, 'evt-c', 'claims')).toBe('claimed');
		expect(state.seenEventIds).toBeUndefined(); // nothing stored before the execution started
		releaseEvents(['evt-c'], 'claims');
		expect(claimEvent({}, 'evt-c', 'claims')).toBe('start');
		// a claim older than CLAIM_MS (the call ended without a sign from n8n) no longer holds the event
		expect(claimEvent({}, 'evt-c', 'claims', Date.now() + CLAIM_MS + 1)).toBe('start');
	});
});

describe('webhook()', () => {
	let host: TriggerHost;

	function setUp(options: INodeParameters = {}) {
		host = new TriggerHost({
			emulatorBase: 'http://127.0.0.1:9',
			parameters: { eventFamily: 'organization', events: ['bill.created:1'], options },
		});
		Object.assign(host.state, { subscriptionId: 'sub-1', securityKey: KEY, keyCreatedAt: Date.now(), family: 'organization' });
	}

	const signed = (body: Buffer, key = KEY) => ({ [SIGNATURE_HEADER]: hmac(key, body), 'content-type': 'application/json' });

	beforeEach(() => setUp());

	test('a good signature starts one execution with one item', async () => {
		const body = raw(notification());
		const r = await host.deliver(signed(body), body);
		expect(r.status).toBe(200);
		// the trigger answers BILL itself, so that n8n stores the event id before the execution starts
		expect(JSON.parse(r.body)).toEqual({ received: true });
		expect(r.items).toHaveLength(1);
		expect(r.items![0].json).toEqual({
			eventType: 'bill.created',
			eventId: 'evt-1',
			entityType: 'bill',
			entity: notification().bill,
			metadata: notification().metadata,
		});
	});

	test.each([
		['missing', (_b: Buffer) => ({ 'content-type': 'application/json' })],
		['garbage', (_b: Buffer) => ({ [SIGNATURE_HEADER]: 'definitely-not-it' })],
		['wrong key', (b: Buffer) => signed(b, OTHER_KEY)],
		['hex instead of base64', (b: Buffer) => ({ [SIGNATURE_HEADER]: createHmac('sha256', KEY).update(b).digest('hex') })],
		['sent twice', (b: Buffer) => ({ [SIGNATURE_HEADER]: [hmac(KEY, b), hmac(KEY, b)] as unknown as string })],
	])('%s signature: 401 and no execution', async (_name, headers) => {
		const body = raw(notification());
		const r = await host.deliver(headers(body), body);
		expect(r.status).toBe(401);
		expect(r.items).toBeUndefined();
		expect(JSON.parse(r.body).message).toMatch(/x-bill-sha-signature/);
		expect(host.state.seenEventIds).toBeUndefined();
	});

	test('tampered body (signature of the original): 401', async () => {
		const body = raw(notification());
		const tampered = raw(notification('evt-1', { amount: 1_000_000 }));
		const r = await host.deliver(signed(body), tampered);
		expect(r.status).toBe(401);
		expect(r.items).toBeUndefined();
	});

	test('the signature is checked on the raw bytes, not on re-serialized JSON', async () => {
		// same JSON value, different bytes (spacing): only the exact bytes BILL signed pass
		const pretty = Buffer.from(JSON.stringify(notification(), null, 2));
		const r = await host.deliver(signed(raw(notification())), pretty, notification());
		expect(r.status).toBe(401);
		const ok = await host.deliver(signed(pretty), pretty, notification());
		expect(ok.status).toBe(200);
	});

	test('the signature is checked before anything else: a bad body with a bad signature is 401, with a good one 400', async () => {
		const junk = Buffer.from('{not json');
		expect((await host.deliver({ [SIGNATURE_HEADER]: 'x' }, junk, {})).status).toBe(401);
		const r = await host.deliver(signed(junk), junk, {});
		expect(r.status).toBe(400);
		expect(r.items).toBeUndefined();
	});

	test('no security key stored (never activated, static data lost): every notification is refused', async () => {
		delete host.state.securityKey;
		const body = raw(notification());
		expect((await host.deliver(signed(body), body)).status).toBe(401);
	});

	test('a replayed event id is answered 200 but starts no execution', async () => {
		const body = raw(notification('evt-replay'));
		const first = await host.deliver(signed(body), body);
		expect(first.items).toHaveLength(1);
		const again = await host.deliver(signed(body), body);
		expect(again.status).toBe(200);
		expect(again.items).toBeUndefined();
		expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
		// a replay with a bad signature is still a 401 (the check comes first)
		expect((await host.deliver({ [SIGNATURE_HEADER]: 'x' }, body)).status).toBe(401);
		const other = raw(notification('evt-other'));
		expect((await host.deliver(signed(other), other)).items).toHaveLength(1);
	});

	test(`the memory of event ids is bounded (${SEEN_EVENT_IDS})`, async () => {
		const first = raw(notification('evt-0'));
		await host.deliver(signed(first), first);
		host.state.seenEventIds = [...(host.state.seenEventIds as string[]), ...Array.from({ length: SEEN_EVENT_IDS }, (_, i) => `old-${i}`)];
		const next = raw(notification('evt-next'));
		expect((await host.deliver(signed(next), next)).items).toHaveLength(1);
		expect((host.state.seenEventIds as string[]).length).toBe(SEEN_EVENT_IDS);
		expect(host.state.seenEventIds).not.toContain('evt-0');
		// evt-0 was forgotten: accepted again
		expect((await host.deliver(signed(first), first)).items).toHaveLength(1);
	});

	test('a JSON-escaped string body is parsed (signature over the escaped bytes)', async () => {
		const body = raw(JSON.stringify(notification('evt-escaped')));
		expect(body.toString().startsWith('"{\\"metadata')).toBe(true);
		const r = await host.deliver(signed(body), body, JSON.parse(body.toString()));
		expect(r.status).toBe(200);
		expect(r.items![0].json).toMatchObject({ eventType: 'bill.created', eventId: 'evt-escaped', entityType: 'bill', entity: { id: '00n01BILL' } });
	});

	test('an array body gives one item per notification, duplicates dropped', async () => {
		const body = raw([notification('a1'), notification('a2'), notification('a1')]);
		const r = await host.deliver(signed(body), body);
		expect(r.items!.map((i) => i.json.eventId)).toEqual(['a1', 'a2']);
	});

	test('Output Raw Payload outputs the notification exactly as sent', async () => {
		setUp({ outputRawPayload: true });
		const body = raw(notification('evt-raw'));
		const r = await host.deliver(signed(body), body);
		expect(r.items![0].json).toEqual(notification('evt-raw'));
	});

	test('after a rotation the previous key is accepted until its grace period ends', async () => {
		host.state.previousKeys = [{ key: OTHER_KEY, until: Date.now() + 60_000 }];
		const a = raw(notification('g1'));
		expect((await host.deliver(signed(a, OTHER_KEY), a)).status).toBe(200);
		expect((await host.deliver(signed(raw(notification('g2')), KEY), raw(notification('g2')))).status).toBe(200);
		host.state.previousKeys = [{ key: OTHER_KEY, until: Date.now() - 1 }];
		const b = raw(notification('g3'));
		expect((await host.deliver(signed(b, OTHER_KEY), b)).status).toBe(401);
	});

	test('a rejected notification that does not name our subscription causes no key rotation (no request made)', async () => {
		// emulatorBase points at a closed port: any request would fail and be logged; the answer must stay a plain 401
		const body = raw({ ...notification(), metadata: { ...notification().metadata, subscriptionId: 'someone-else' } });
		const r = await host.deliver(signed(body, OTHER_KEY), body);
		expect(r.status).toBe(401);
		expect(host.state.lastRecoveryAt).toBeUndefined();
		expect(host.state.securityKey).toBe(KEY);
	});
});
