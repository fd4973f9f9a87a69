/**
 * Webhook delivery of the BILL emulator: when an emulator object changes, every enabled
 * subscription for that event gets a signed notification (`x-bill-sha-signature` = base64
 * HMAC-SHA256 of the raw body with the subscription's security key), retried on BILL's schedule
 * (2 s, 4 s, 8 s, 16 s; compressible for tests) and the subscription is disabled when a
 * notification still fails after the last retry (webhooks.md §7, §8).
 *
 * How changes reach this module: `attachStoreObserver(emu)` (run by the webhooks custom module's
 * `seed`, i.e. at construction and on every reset) wraps `emu.store.collection()` so that inserts,
 * updates, replaces and removals of the collections in ENTITY_BY_COLLECTION call `notifyChange`.
 * Handlers can also call `notifyChange(emu, {entity, action, object, organizationId})` directly.
 */
import { createHmac, randomUUID } from 'crypto';
import * as http from 'http';
import * as https from 'https';

import type { Collection, EmuRecord } from '../store';
import type { Emulator } from '../types';
import { defaultCatalog, ENTITY_BY_COLLECTION, type EmuCatalogEntry, type EntityMapping } from './catalog';

export interface WebhookSettings {
	/** Waits between attempts (BILL: 2 s, 4 s, 8 s, 16 s). Tests compress them, e.g. `[20, 40]`. */
	retryDelaysMs: number[];
	/** A delivery counts as failed without an HTTP 200 within this time (BILL: 10 s). */
	timeoutMs: number;
	/** Subscriptions per organization / partner (BILL: 10). */
	maxSubscriptions: number;
	/** Disable the subscription when a notification still fails after its last retry (BILL). */
	disableAfterExhaustedRetries: boolean;
	/** Send the body as a JSON-escaped string (`"{\"metadata\":…}"`) instead of the JSON object. */
	escapedPayload: boolean;
	/** How long a response is replayed for the same X-Idempotent-Key (BILL: 24 h). */
	idempotencyTtlMs: number;
	/** Catalog per family (AP/AR for organization and partner subscriptions, Spend & Expense). */
	catalog: { apar: EmuCatalogEntry[]; spend: EmuCatalogEntry[] };
	/** Answer `GET /v3/events/catalog` with this error status instead (a catalog outage). */
	catalogFailureStatus?: number;
}

export function defaultWebhookSettings(): WebhookSettings {
	return {
		retryDelaysMs: [2000, 4000, 8000, 16000],
		timeoutMs: 10_000,
		maxSubscriptions: 10,
		disableAfterExhaustedRetries: true,
		escapedPayload: false,
		idempotencyTtlMs: 24 * 60 * 60 * 1000,
		catalog: { apar: defaultCatalog('apar'), spend: defaultCatalog('spend') },
	};
}

/** One HTTP attempt to a subscriber (for tests). */
export interface DeliveryAttempt {
	time: string;
	subscriptionId: string;
	eventId: string;
	eventType: string;
	url: string;
	/** 1 = first attempt. */
	attempt: number;
	/** HTTP status received, 0 on a network error or timeout. */
	status: number;
	error?: string;
	/** Exact bytes sent and their signature. */
	body: string;
	signature: string;
	/** Whether it was a test event or a manual resend (single attempt, never disables). */
	manual: boolean;
}

interface PendingChange {
	key: string;
	mapping: EntityMapping;
	action: 'created' | 'updated' | 'archived' | 'restored' | 'deleted';
	/** The live record: its state at flush time is sent (handlers often set fields after insert). */
	rec: EmuRecord;
	/** For `deleted`: the record as it was. */
	snapshot?: Record<string, unknown>;
	orgKey: string;
	extraEvents: string[];
}

interface Runtime {
	settings: WebhookSettings;
	timers: Set<NodeJS.Timeout>;
	/** Work BILL does later on its own (e.g. processing a mass payment), cancelled with the deliveries. */
	background: Set<NodeJS.Timeout>;
	/** Bumped by reset/stop: deliveries of an older generation are dropped. */
	generation: number;
	inFlight: Set<Promise<unknown>>;
	attempts: DeliveryAttempt[];
	observed: boolean;
	pending: PendingChange[];
	flushScheduled: boolean;
}

const runtimes = new WeakMap<Emulator, Runtime>();

function runtime(emu: Emulator): Runtime {
	let rt = runtimes.get(emu);
	if (!rt) {
		rt = {
			settings: defaultWebhookSettings(),
			timers: new Set(),
			background: new Set(),
			generation: 0,
			inFlight: new Set(),
			attempts: [],
			observed: false,
			pending: [],
			flushScheduled: false,
		};
		runtimes.set(emu, rt);
	}
	return rt;
}

/** The emulator's webhook settings (mutable; tests shorten the retry schedule here). */
export function webhookSettings(emu: Emulator): WebhookSettings {
	return runtime(emu).settings;
}

/** Every delivery attempt since the last reset, oldest first. */
export function deliveryAttempts(emu: Emulator): DeliveryAttempt[] {
	return runtime(emu).attempts;
}

/** Cancels scheduled retries and forgets attempts (on reset). Settings are kept. */
export function resetDeliveries(emu: Emulator): void {
	const rt = runtime(emu);
	rt.generation++;
	for (const t of [...rt.timers, ...rt.background]) clearTimeout(t);
	rt.timers.clear();
	rt.background.clear();
	rt.attempts = [];
	rt.pending = [];
}

/** Cancels every scheduled delivery (call before `emu.stop()` so that no timer outlives a test). */
export function stopDeliveries(emu: Emulator): void {
	resetDeliveries(emu);
}

/**
 * Runs `task` after `delayMs` (real time) unless the emulator is reset or stopped first: work BILL
 * does on its own after a request, whose changes may produce notifications.
 */
export function scheduleBackground(emu: Emulator, delayMs: number, task: () => void): void {
	const rt = runtime(emu);
	const generation = rt.generation;
	const timer = setTimeout(() => {
		rt.background.delete(timer);
		if (rt.generation === generation) task();
	}, Math.max(0, delayMs));
	timer.unref?.();
	rt.background.add(timer);
}

/** Resolves when no delivery is scheduled or in flight (for tests). */
export async function deliveriesIdle(emu: Emulator, timeoutMs = 10_000): Promise<void> {
	const rt = runtime(emu);
	const until = Date.now() + timeoutMs;
	for (;;) {
		if (rt.timers.size === 0 && rt.inFlight.size === 0 && rt.pending.length === 0 && !rt.flushScheduled) return;
		if (Date.now() > until) throw new Error('webhook deliveries still running');
		await new Promise((r) => setTimeout(r, 5));
	}
}

// ------------------------------------------------------------------------------------ signatures

export function signBody(securityKey: string, body: Buffer | string): string {
	return createHmac('sha256', Buffer.from(securityKey, 'utf8')).update(body).digest('base64');
}

// ------------------------------------------------------------------------------- subscriptions

export const SUBSCRIPTIONS = 'subscriptions';
export const EVENTS = 'events/subscription';

export function subscriptionFamily(sub: EmuRecord): 'apar' | 'spend' {
	return sub._family === 'spend' ? 'spend' : 'apar';
}

function subscribedVersion(sub: EmuRecord, eventType: string): string | undefined {
	const events = Array.isArray(sub.events) ? (sub.events as Array<{ type?: unknown; version?: unknown }>) : [];
	const match = events.find((e) => e?.type === eventType);
	return match ? String(match.version ?? '1') : undefined;
}

function isEnabled(sub: EmuRecord): boolean {
	return (sub.status as { enabled?: unknown } | undefined)?.enabled === true;
}

/** Subscriptions that receive events of an organization: its own, and those of partners that own it. */
function subscriptionsFor(emu: Emulator, organizationId: string): Array<{ orgKey: string; sub: EmuRecord }> {
	const out: Array<{ orgKey: string; sub: EmuRecord }> = [];
	for (const sub of emu.store.collection(SUBSCRIPTIONS, organizationId).list()) out.push({ orgKey: organizationId, sub });
	for (const partner of emu.config.partners) {
		if (!partner.organizationIds.includes(organizationId)) continue;
		const key = `partner:${partner.partnerId}`;
		for (const sub of emu.store.collection(SUBSCRIPTIONS, key).list()) out.push({ orgKey: key, sub });
	}
	return out;
}

// ----------------------------------------------------------------------------------- events

export interface ChangeNotice {
	/** Event type prefix: `bill`, `vendor`, `payment`, `spend.reimbursement`, … */
	entity: string;
	action: string;
	/** The object as BILL would show it (sent under `payloadKey`). */
	object: Record<string, unknown>;
	organizationId: string;
	/** Key of the object in the payload (default: the last part of `entity`, camelCased). */
	payloadKey?: string;
	/** The object's fields sit beside `metadata` instead of under `payloadKey` (BILL's `mass-payment.updated`). */
	flat?: boolean;
	/** The entity ID events are listed by (default: `object.id`). */
	entityId?: string;
}

function camel(text: string): string {
	return text.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The event type of a change, e.g. `bill.created`. */
export function eventTypeOf(change: Pick<ChangeNotice, 'entity' | 'action'>): string {
	return `${change.entity}.${change.action}`;
}

export function buildPayload(args: {
	eventId: string;
	subscriptionId: string;
	organizationId: string;
	eventType: string;
	version: string;
	payloadKey: string;
	object: unknown;
	flat?: boolean;
}): Record<string, unknown> {
	const metadata = {
		eventId: args.eventId,
		subscriptionId: args.subscriptionId,
		organizationId: args.organizationId,
		eventType: args.eventType,
		version: args.version,
	};
	return args.flat ? { metadata, ...(args.object as Record<string, unknown>) } : { metadata, [args.payloadKey]: args.object };
}

/** Stores an EventDto-like record for a subscription (what `GET /v3/events/subscription/{id}` lists). */
export function recordEvent(
	emu: Emulator,
	orgKey: string,
	sub: EmuRecord,
	args: { eventType: string; version: string; payloadKey: string; object: unknown; organizationId: string; entityId?: string; payloadOverride?: Record<string, unknown>; flat?: boolean },
): EmuRecord {
	const eventId = randomUUID();
	const payload =
		args.payloadOverride ??
		buildPayload({
			eventId,
			subscriptionId: sub.id,
			organizationId: args.organizationId,
			eventType: args.eventType,
			version: args.version,
			payloadKey: args.payloadKey,
			object: args.object,
			flat: args.flat,
		});
	const rec = emu.store.collection(EVENTS, orgKey).insert(
		{
			id: eventId,
			type: args.eventType,
			version: args.version,
			subscriptionId: sub.id,
			payload: JSON.stringify(payload),
			createdTime: emu.now(),
			statusCode: null,
			_entityId: args.entityId,
		},
		{ bare: true, id: eventId },
	);
	return rec;
}

/**
 * An object changed: record an event for every enabled subscription of that event type (the
 * organization's own and its partners') and deliver it in the background. Returns the events.
 */
export function notifyChange(emu: Emulator, change: ChangeNotice): EmuRecord[] {
	const eventType = eventTypeOf(change);
	const payloadKey = change.payloadKey ?? camel(change.entity.split('.').pop() ?? change.entity);
	const events: EmuRecord[] = [];
	for (const { orgKey, sub } of subscriptionsFor(emu, change.organizationId)) {
		if (!isEnabled(sub)) continue;
		const version = subscribedVersion(sub, eventType);
		if (version === undefined) continue;
		const event = recordEvent(emu, orgKey, sub, {
			eventType,
			version,
			payloadKey,
			object: change.object,
			organizationId: change.organizationId,
			entityId: change.entityId ?? (typeof change.object.id === 'string' ? change.object.id : undefined),
			flat: change.flat,
		});
		events.push(event);
		scheduleAttempt(emu, orgKey, sub.id, event.id, 1, 0);
	}
	return events;
}

// --------------------------------------------------------------------------------- delivery

function scheduleAttempt(emu: Emulator, orgKey: string, subscriptionId: string, eventId: string, attempt: number, delayMs: number): void {
	const rt = runtime(emu);
	const generation = rt.generation;
	const timer = setTimeout(() => {
		rt.timers.delete(timer);
		if (rt.generation !== generation) return;
		const p = runAttempt(emu, orgKey, subscriptionId, eventId, attempt, generation).finally(() => rt.inFlight.delete(p));
		rt.inFlight.add(p);
	}, delayMs);
	timer.unref?.();
	rt.timers.add(timer);
}

async function runAttempt(emu: Emulator, orgKey: string, subscriptionId: string, eventId: string, attempt: number, generation: number): Promise<void> {
	const rt = runtime(emu);
	const subs = emu.store.collection(SUBSCRIPTIONS, orgKey);
	const sub = subs.get(subscriptionId);
	const event = emu.store.collection(EVENTS, orgKey).get(eventId);
	if (!sub || !event || !isEnabled(sub)) return;
	const status = await deliverOnce(emu, sub, event, attempt, false);
	if (rt.generation !== generation) return;
	if (status === 200) return;
	const delays = rt.settings.retryDelaysMs;
	if (attempt - 1 < delays.length) {
		scheduleAttempt(emu, orgKey, subscriptionId, eventId, attempt + 1, delays[attempt - 1]);
		return;
	}
	if (rt.settings.disableAfterExhaustedRetries && subs.get(subscriptionId)) {
		subs.update(subscriptionId, { status: { enabled: false } });
	}
}

/**
 * One POST of an event to the subscription's URL, signed with the subscription's CURRENT key.
 * Records the status on the event (EventDto.statusCode). Returns the HTTP status (0 = no answer).
 */
export async function deliverOnce(emu: Emulator, sub: EmuRecord, event: EmuRecord, attempt: number, manual: boolean): Promise<number> {
	const rt = runtime(emu);
	const payload = String(event.payload);
	const body = rt.settings.escapedPayload ? JSON.stringify(payload) : payload;
	const key = String(sub._securityKey ?? '');
	const signature = signBody(key, body);
	const url = String(sub.notificationUrl);
	const entry: DeliveryAttempt = {
		time: emu.now(),
		subscriptionId: sub.id,
		eventId: event.id,
		eventType: String(event.type),
		url,
		attempt,
		status: 0,
		body,
		signature,
		manual,
	};
	rt.attempts.push(entry);
	try {
		entry.status = await post(url, body, signature, rt.settings.timeoutMs);
	} catch (error) {
		entry.error = error instanceof Error ? error.message : String(error);
		entry.status = 0;
	}
	event.statusCode = entry.status;
	return entry.status;
}

function post(url: string, body: string, signature: string, timeoutMs: number): Promise<number> {
	return new Promise((resolve, reject) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			reject(new Error(`invalid URL ${url}`));
			return;
		}
		const lib = target.protocol === 'https:' ? https : http;
		const data = Buffer.from(body, 'utf8');
		const req = lib.request(
			target,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': data.length,
					'User-Agent': 'BILL-Webhooks-Emulator/1',
					'x-bill-sha-signature': signature,
				},
				timeout: timeoutMs,
				agent: false,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(data);
	});
}

// ---------------------------------------------------------------------------- store observer

type Action = PendingChange['action'];

/**
 * Makes changes of the collections in ENTITY_BY_COLLECTION produce events. Idempotent. Changes made
 * in the same tick to the same record are coalesced (an insert followed by updates is one
 * `created`), then flushed with setImmediate, sending the record as it is then (so fields a
 * handler sets directly after an insert are included).
 */
export function attachStoreObserver(emu: Emulator): void {
	const rt = runtime(emu);
	if (rt.observed) return;
	rt.observed = true;
	const store = emu.store;
	const original = store.collection.bind(store);
	const seen = new WeakSet<Collection>();
	store.collection = (name: string, orgKey?: string): Collection => {
		const c = original(name, orgKey);
		if (!seen.has(c)) {
			seen.add(c);
			const mapping = ENTITY_BY_COLLECTION[c.name];
			if (mapping) observeCollection(emu, c, mapping);
		}
		return c;
	};
}

function observeCollection(emu: Emulator, c: Collection, mapping: EntityMapping): void {
	const insert = c.insert.bind(c);
	const update = c.update.bind(c);
	const replace = c.replace.bind(c);
	const remove = c.remove.bind(c);
	c.insert = (data, opts) => {
		const rec = insert(data, opts);
		queueChange(emu, c, mapping, 'created', rec, undefined);
		return rec;
	};
	/** An update or replace, announced as archived / restored / updated (status read before the change). */
	const announced =
		(change: (id: string, fields: Record<string, unknown>) => EmuRecord | undefined) =>
		(id: string, fields: Record<string, unknown>): EmuRecord | undefined => {
			const before = c.get(id);
			const wasArchived = before?.archived === true;
			const oldStatus = before?.status;
			const rec = change(id, fields);
			if (rec) queueChange(emu, c, mapping, archiveAction(wasArchived, rec), rec, oldStatus);
			return rec;
		};
	c.update = announced(update);
	c.replace = announced(replace);
	c.remove = (id) => {
		const before = c.get(id);
		const ok = remove(id);
		if (ok && before) queueChange(emu, c, mapping, 'deleted', before, undefined);
		return ok;
	};
}

function archiveAction(wasArchived: boolean, rec: EmuRecord): Action {
	const isArchived = rec.archived === true;
	if (!wasArchived && isArchived) return 'archived';
	if (wasArchived && !isArchived) return 'restored';
	return 'updated';
}

function queueChange(emu: Emulator, c: Collection, mapping: EntityMapping, action: Action, rec: EmuRecord, oldStatus: unknown): void {
	const rt = runtime(emu);
	const key = `${c.orgKey}\u0000${c.name}\u0000${rec.id}`;
	const snapshot = action === 'deleted' ? snapshotOf(emu, rec) : undefined;
	const extraEvents: string[] = [];
	// payment.failed accompanies the status change to FAILED.
	if (mapping.prefix === 'payment' && rec.status === 'FAILED' && oldStatus !== 'FAILED') extraEvents.push('failed');
	const last = [...rt.pending].reverse().find((p) => p.key === key);
	if (last && action === 'updated' && (last.action === 'created' || last.action === 'updated')) {
		last.extraEvents.push(...extraEvents);
	} else {
		rt.pending.push({ key, mapping, action, rec, snapshot, orgKey: c.orgKey, extraEvents });
	}
	if (!rt.flushScheduled) {
		rt.flushScheduled = true;
		const generation = rt.generation;
		setImmediate(() => {
			rt.flushScheduled = false;
			if (rt.generation !== generation) return;
			const batch = rt.pending.splice(0);
			for (const change of batch) emitChange(emu, change);
		});
	}
}

function emitChange(emu: Emulator, change: PendingChange): void {
	if (change.orgKey.startsWith('partner:')) return;
	const { mapping } = change;
	const actions: string[] = [];
	if (mapping.actions.includes(change.action as never)) actions.push(change.action);
	// Entities that only have `.updated` (payments, transactions) announce their creation as an update.
	else if (change.action === 'created' && mapping.actions.includes('updated')) actions.push('updated');
	for (const extra of change.extraEvents) if (!actions.includes(extra)) actions.push(extra);
	const object = change.snapshot ?? snapshotOf(emu, change.rec);
	for (const action of actions) {
		notifyChange(emu, { entity: mapping.prefix, action, object, organizationId: change.orgKey, payloadKey: mapping.payloadKey });
	}
}

function snapshotOf(emu: Emulator, rec: EmuRecord): Record<string, unknown> {
	return JSON.parse(JSON.stringify(emu.view(rec) ?? {})) as Record<string, unknown>;
}
