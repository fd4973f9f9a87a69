import { randomBytes } from 'crypto';
import { bdcError } from '../errors';
import type { Obj, RecordRef } from '../handlers';
import { byParam, changeRecord, forEndpoint, invalidText as invalid, isError, isObject, jsonObjectOf, jsonParseError, missing, notFound, removeRecord, view, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import {
	attachStoreObserver,
	deliverOnce,
	recordEvent,
	resetDeliveries,
	subscriptionFamily,
	SUBSCRIPTIONS,
	webhookSettings
} from '../webhooks/delivery';

/**
 * BILL's webhooks API ("Connect Events", base `/connect-events`) in the emulator
 * (BILL's webhook pages on developer.bill.com and the webhook requests of BILL's Postman collection,
 * test/fixtures/bill-v3-api.postman_collection.json): events catalog, subscriptions with BILL's rules (X-Idempotent-Key
 * UUID4 with a 24 h replay of the cached response, 10 subscriptions per organization, no duplicate
 * url + events, HTTPS-only notificationUrl), security key rotation, test event, event history and
 * resend. Delivery of signed notifications lives in ../webhooks/delivery.ts.
 *
 * HTTPS rule: with `emu.config.httpsOnlyWebhooks = true` every non-https URL is refused (BILL);
 * with `false` (the default, for tests and a local n8n) plain http is accepted for loopback hosts
 * only (127.0.0.1, localhost, ::1) — any other http URL is still refused.
 */

/** [inferred] BILL documents these rules but not the codes of their errors. */
export const WEBHOOK_ERRORS = {
	duplicate: { code: 'BDC_1173', message: 'A subscription with the same events and notificationUrl already exists.' },
	limit: { code: 'BDC_1174', message: 'Maximum number of subscriptions per organization reached: ' },
	https: { code: 'BDC_1129', message: 'Invalid parameter value for parameter,value: notificationUrl, ' },
} as const;

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IDEMPOTENCY = 'webhooks/idempotency';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type Emu = Emulator;

export function familyOf(req: EmuRequest): 'apar' | 'spend' {
	return req.auth.kind === 'spend' ? 'spend' : 'apar';
}

function subscriptions(emu: Emu, req: EmuRequest) {
	return emu.collection(req, SUBSCRIPTIONS);
}

function eventKey(events: unknown): string {
	const list = Array.isArray(events) ? (events as Array<Record<string, unknown>>) : [];
	return [...new Set(list.map((e) => `${String(e?.type)}@${String(e?.version ?? '1')}`))].sort().join(',');
}

function normalizeUrl(url: unknown): string {
	return String(url ?? '').trim().replace(/\/+$/, '');
}

// ------------------------------------------------------------------------------- idempotency

type Idem = { error: EmuResponse } | { replay: EmuResponse } | { key: string };

/** Checks X-Idempotent-Key and answers a replay of the cached success for the same key (24 h). */
function idempotency(emu: Emu, req: EmuRequest): Idem {
	const key = req.headers['x-idempotent-key'];
	if (key === undefined || key === '') return { error: missing('X-Idempotent-Key') };
	if (!UUID4.test(key)) return { error: invalid('X-Idempotent-Key', key, 'The idempotent key must be a UUID4.') };
	const cacheId = `${req.method} ${req.path} ${key.toLowerCase()}`;
	const cached = emu.collection(req, IDEMPOTENCY).get(cacheId);
	if (cached && Number(cached.at) + webhookSettings(emu).idempotencyTtlMs > emu.nowMs()) {
		return { replay: { status: Number(cached.status), body: JSON.parse(String(cached.body)) } };
	}
	return { key: cacheId };
}

/** Caches a successful response for its idempotency key. */
function remember(emu: Emu, req: EmuRequest, cacheId: string, response: EmuResponse): EmuResponse {
	const coll = emu.collection(req, IDEMPOTENCY);
	coll.remove(cacheId);
	coll.insert({ status: response.status ?? 200, body: JSON.stringify(response.body ?? null), at: emu.nowMs() }, { bare: true, id: cacheId });
	return response;
}

// ------------------------------------------------------------------------------- validation

export function catalogFor(emu: Emu, family: 'apar' | 'spend') {
	return webhookSettings(emu).catalog[family];
}

function checkUrl(emu: Emu, url: unknown): EmuResponse | undefined {
	if (typeof url !== 'string' || url.trim() === '') return missing('notificationUrl');
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return invalid('notificationUrl', url, 'It must be an absolute HTTPS URL.');
	}
	if (parsed.protocol === 'https:') return undefined;
	const relaxed = !emu.config.httpsOnlyWebhooks && parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
	if (relaxed) return undefined;
	return bdcError(400, WEBHOOK_ERRORS.https.code, `${WEBHOOK_ERRORS.https.message}${url}. The notification URL must use HTTPS.`);
}

function checkEvents(emu: Emu, family: 'apar' | 'spend', events: unknown): EmuResponse | Array<{ type: string; version: string }> {
	if (!Array.isArray(events) || events.length === 0) return missing('events');
	const catalog = catalogFor(emu, family);
	const out: Array<{ type: string; version: string }> = [];
	for (const [i, e] of events.entries()) {
		if (!isObject(e) || typeof e.type !== 'string' || e.type === '') return missing(`events[${i}].type`);
		const version = e.version === undefined ? undefined : String(e.version);
		if (version === undefined || version === '') return missing(`events[${i}].version`);
		const entry = catalog.find((c) => c.type === e.type);
		if (!entry) return invalid(`events[${i}].type`, e.type, 'Unknown event type for these credentials; see GET /v3/events/catalog.');
		if (!entry.versions.includes(version)) return invalid(`events[${i}].version`, version);
		out.push({ type: e.type, version });
	}
	return out;
}

function checkStatus(status: unknown): EmuResponse | { enabled: boolean } {
	if (!isObject(status) || typeof status.enabled !== 'boolean') return missing('status.enabled');
	return { enabled: status.enabled };
}

/** A full subscription body (create and PUT). */
function checkFullBody(emu: Emu, req: EmuRequest): EmuResponse | { name: string; status: { enabled: boolean }; events: Array<{ type: string; version: string }>; notificationUrl: string } {
	if (!isObject(req.body)) return jsonParseError();
	const b = req.body;
	if (typeof b.name !== 'string' || b.name.trim() === '') return missing('name');
	const status = checkStatus(b.status);
	if (!('enabled' in status)) return status;
	const events = checkEvents(emu, familyOf(req), b.events);
	if (!Array.isArray(events)) return events;
	const urlError = checkUrl(emu, b.notificationUrl);
	if (urlError) return urlError;
	return { name: b.name, status, events, notificationUrl: String(b.notificationUrl) };
}

function duplicateOf(emu: Emu, req: EmuRequest, url: string, events: unknown, exceptId?: string): EmuRecord | undefined {
	const key = eventKey(events);
	return subscriptions(emu, req).find((s) => s.id !== exceptId && normalizeUrl(s.notificationUrl) === normalizeUrl(url) && eventKey(s.events) === key);
}

function newSecurityKey(): string {
	return randomBytes(32).toString('base64');
}

/** The subscription the path names. */
export const SUBSCRIPTION = byParam(SUBSCRIPTIONS, 'subscriptionId');

/** The subscription the path names, when it belongs to the caller's family of credentials (AP/AR or Spend & Expense). */
const FAMILY_SUBSCRIPTION: RecordRef = {
	collection: SUBSCRIPTIONS,
	find(emu, req) {
		const sub = subscriptions(emu, req).get(req.params.subscriptionId);
		return sub && familyOf(req) === subscriptionFamily(sub) ? sub : undefined;
	},
};

const duplicate = () => bdcError(400, WEBHOOK_ERRORS.duplicate.code, WEBHOOK_ERRORS.duplicate.message);

const subscriptionHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/subscriptions', (req, emu: Emu) => {
		return emu.listResponse(req, subscriptions(emu, req).list());
	}),
	forEndpoint('POST /v3/subscriptions', (req, emu: Emu) => {
		const idem = idempotency(emu, req);
		if ('error' in idem) return idem.error;
		if ('replay' in idem) return idem.replay;
		const body = checkFullBody(emu, req);
		if (!('name' in body)) return body;
		const subs = subscriptions(emu, req);
		const max = webhookSettings(emu).maxSubscriptions;
		if (subs.size >= max) return bdcError(400, WEBHOOK_ERRORS.limit.code, `${WEBHOOK_ERRORS.limit.message}${max}.`);
		if (duplicateOf(emu, req, body.notificationUrl, body.events)) return duplicate();
		const securityKey = newSecurityKey();
		const now = emu.now();
		const rec = subs.insert(
			{
				name: body.name,
				organizationId: req.auth.organizationId ?? req.auth.partnerId ?? emu.orgKeyOf(req),
				status: { enabled: body.status.enabled },
				events: body.events,
				notificationUrl: body.notificationUrl,
				createdTime: now,
				updatedTime: now,
				_securityKey: securityKey,
				_family: familyOf(req),
			},
			{ bare: true },
		);
		return remember(emu, req, idem.key, { status: 200, body: { ...view(emu, rec), securityKey } });
	}),
	forEndpoint('GET /v3/subscriptions/{subscriptionId}', withRecord({ find: SUBSCRIPTION, handle: (_req, emu: Emu, sub) => ({ body: view(emu, sub) }) })),
	forEndpoint('PUT /v3/subscriptions/{subscriptionId}', changeRecord({
		find: FAMILY_SUBSCRIPTION,
		mode: 'replace',
		change(req, emu: Emu, sub) {
			const body = checkFullBody(emu, req);
			if (!('name' in body)) return body;
			if (duplicateOf(emu, req, body.notificationUrl, body.events, sub.id)) return duplicate();
			return {
				name: body.name,
				organizationId: sub.organizationId,
				status: { enabled: body.status.enabled },
				events: body.events,
				notificationUrl: body.notificationUrl,
				createdTime: sub.createdTime,
				updatedTime: emu.now(),
				_securityKey: sub._securityKey,
				_family: sub._family,
			};
		},
	})),
	forEndpoint('PATCH /v3/subscriptions/{subscriptionId}', changeRecord({
		find: SUBSCRIPTION,
		mode: 'update',
		change(req, emu: Emu, sub) {
			const b = jsonObjectOf(req);
			if (isError(b)) return b;
			if ('events' in b) return invalid('events', JSON.stringify(b.events), 'Replace the subscription (PUT) to change its events.');
			const patch: Obj = {};
			if (b.name !== undefined) {
				if (typeof b.name !== 'string' || b.name.trim() === '') return invalid('name', b.name);
				patch.name = b.name;
			}
			if (b.status !== undefined) {
				const status = checkStatus(b.status);
				if (!('enabled' in status)) return status;
				patch.status = { enabled: status.enabled };
			}
			if (b.notificationUrl !== undefined) {
				const urlError = checkUrl(emu, b.notificationUrl);
				if (urlError) return urlError;
				if (duplicateOf(emu, req, String(b.notificationUrl), sub.events, sub.id)) return duplicate();
				patch.notificationUrl = b.notificationUrl;
			}
			return patch;
		},
	})),
	forEndpoint('DELETE /v3/subscriptions/{subscriptionId}', removeRecord({ find: SUBSCRIPTION })),
	forEndpoint('POST /v3/subscriptions/{subscriptionId}/security_key', (req, emu: Emu) => {
		const idem = idempotency(emu, req);
		if ('error' in idem) return idem.error;
		if ('replay' in idem) return idem.replay;
		const sub = subscriptions(emu, req).get(req.params.subscriptionId);
		if (!sub) return notFound();
		const securityKey = newSecurityKey();
		subscriptions(emu, req).update(sub.id, { _securityKey: securityKey });
		return remember(emu, req, idem.key, { status: 200, body: { securityKey } });
	}),
	forEndpoint('POST /v3/subscriptions/{subscriptionId}/test', withRecord({
		find: SUBSCRIPTION,
		async handle(req, emu: Emu, sub) {
			const b = isObject(req.body) ? req.body : {};
			const subscribed = Array.isArray(sub.events) ? (sub.events as Array<{ type: string; version: string }>) : [];
			const eventType = typeof b.eventType === 'string' && b.eventType ? b.eventType : (subscribed[0]?.type ?? 'bill.created');
			const version = b.version !== undefined ? String(b.version) : (subscribed.find((e) => e.type === eventType)?.version ?? '1');
			const prefix = eventType.slice(0, Math.max(0, eventType.lastIndexOf('.'))) || eventType;
			const entityKey = (prefix.split('.').pop() ?? prefix).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
			const entities = Object.entries(b).filter(([k, v]) => k !== 'eventType' && k !== 'version' && isObject(v));
			const orgKey = emu.orgKeyOf(req);
			const organizationId = String(sub.organizationId ?? orgKey);
			const eventRecord = recordEvent(emu, orgKey, sub, {
				eventType,
				version,
				payloadKey: entityKey,
				object: {},
				organizationId,
			});
			const payload: Record<string, unknown> = {
				metadata: { eventId: eventRecord.id, subscriptionId: sub.id, organizationId, eventType, version },
			};
			if (entities.length) for (const [k, v] of entities) payload[k] = v;
			else payload[entityKey] = { id: `test-${prefix.replace(/\./g, '-')}-id` };
			eventRecord.payload = JSON.stringify(payload);
			await deliverOnce(emu, sub, eventRecord, 1, true);
			return { body: view(emu, eventRecord) };
		},
	})),
];

/** Run by the core at construction and on every reset: object changes produce notifications. */
export function seed(emu: Emu): void {
	attachStoreObserver(emu);
	resetDeliveries(emu);
}

export const handlers: CustomHandler[] = [
	...subscriptionHandlers,
];
