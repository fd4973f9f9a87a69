import { randomUUID } from 'crypto';
import type { IDataObject, IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { EVENT_FAMILY_CREDENTIAL, type EventFamily } from '../Bill/transport/credentialTypes';
import { billPaginate, billRequest, type BillRequest } from '../Bill/transport/request';
import {
	ALL_EVENTS,
	allEventsOf,
	fallbackCatalog,
	normalizeCatalog,
	parseEventValue,
	sameEvents,
	uniqueEvents,
	type CatalogEntry,
	type SubscriptionEvent,
} from './events';
import { forgetKeys, recordKeys, tracked } from './keys';
import { deterministicUuid4 } from './signature';

type TriggerContext = IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

/** BILL's limit of subscriptions per organization (webhooks.md §3). */
export const MAX_SUBSCRIPTIONS = 10;

/** How many `metadata.eventId`s the trigger remembers to drop duplicates. */
export const SEEN_EVENT_IDS = 1000;

/** Default grace period during which the previous security key is still accepted after a rotation. */
export const DEFAULT_KEY_GRACE_MINUTES = 60;

/**
 * What the trigger keeps in the workflow's static data (node scope). n8n saves it with the workflow
 * after activation and after each webhook call.
 */
export interface TriggerState {
	subscriptionId?: string;
	/** The one-time security key from the create (or rotate) response. */
	securityKey?: string;
	/** When `securityKey` was obtained (ms since epoch). */
	keyCreatedAt?: number;
	/** Keys replaced by a rotation, accepted until `until` (ms since epoch). */
	previousKeys?: Array<{ key: string; until: number }>;
	events?: SubscriptionEvent[];
	notificationUrl?: string;
	family?: EventFamily;
	/** Last `metadata.eventId`s seen, oldest first (bounded). */
	seenEventIds?: string[];
	/** No longer written (a failed signature never leads to a rotation); removed from older static data. */
	lastRecoveryAt?: number;
}

export function triggerState(ctx: IHookFunctions | IWebhookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

export function clearSubscriptionState(state: TriggerState): void {
	forgetKeys(state.subscriptionId);
	delete state.subscriptionId;
	delete state.securityKey;
	delete state.keyCreatedAt;
	delete state.previousKeys;
	delete state.events;
	delete state.notificationUrl;
	delete state.family;
	delete state.lastRecoveryAt;
}

export interface TriggerOptions {
	outputRawPayload?: boolean;
	/** 0 or unset: never. */
	rotateKeyEveryDays?: number;
	keyGraceMinutes?: number;
	subscriptionName?: string;
}

export function triggerOptions(ctx: IHookFunctions | IWebhookFunctions): TriggerOptions {
	return (ctx.getNodeParameter('options', {}) ?? {}) as TriggerOptions;
}

export function graceMs(options: TriggerOptions): number {
	const minutes = Number(options.keyGraceMinutes ?? DEFAULT_KEY_GRACE_MINUTES);
	return Math.max(0, Number.isFinite(minutes) ? minutes : DEFAULT_KEY_GRACE_MINUTES) * 60_000;
}

/** Whether the scheduled rotation of the security key is due. */
export function rotationDue(state: TriggerState, options: TriggerOptions, now: number): boolean {
	const days = Number(options.rotateKeyEveryDays ?? 0);
	if (!Number.isFinite(days) || days <= 0 || !state.subscriptionId || !state.securityKey) return false;
	return now - Number(state.keyCreatedAt ?? 0) >= days * 24 * 60 * 60 * 1000;
}

/** The current key and the previous keys still inside their grace period. */
export function acceptedKeys(state: TriggerState, now: number): string[] {
	const keys: string[] = [];
	if (state.securityKey) keys.push(state.securityKey);
	for (const previous of state.previousKeys ?? []) {
		if (previous && typeof previous.key === 'string' && Number(previous.until) > now) keys.push(previous.key);
	}
	return keys;
}

// ------------------------------------------------------------------------------------------ requests

export function familyOf(ctx: TriggerContext): EventFamily {
	const value =
		'getCurrentNodeParameter' in ctx
			? ctx.getCurrentNodeParameter('eventFamily')
			: (ctx as IHookFunctions).getNodeParameter('eventFamily', 'organization');
	return value === 'partner' || value === 'spend' ? value : 'organization';
}

async function eventsApi(ctx: TriggerContext, family: EventFamily, req: Omit<BillRequest, 'credentialType' | 'base'>): Promise<unknown> {
	return await billRequest.call(ctx, { ...req, credentialType: EVENT_FAMILY_CREDENTIAL[family], base: 'connect-events' });
}

/** HTTP status of a failed request (NodeApiError.httpCode), when known. */
export function statusOf(error: unknown): number | undefined {
	const code = (error as { httpCode?: unknown })?.httpCode;
	return typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : undefined;
}

function messageOf(error: unknown): string {
	const e = error as { message?: unknown; description?: unknown };
	return `${typeof e?.message === 'string' ? e.message : ''} ${typeof e?.description === 'string' ? e.description : ''}`;
}

/** `GET /v3/events/catalog` for the family, or the built-in list when it cannot be read. */
export async function readCatalog(ctx: TriggerContext, family: EventFamily): Promise<{ catalog: CatalogEntry[]; fromBill: boolean }> {
	try {
		const response = await eventsApi(ctx, family, { method: 'GET', path: '/v3/events/catalog' });
		const catalog = normalizeCatalog(response, family);
		if (catalog.length) return { catalog, fromBill: true };
	} catch (error) {
		ctx.logger.debug(`BILL Trigger: events catalog not readable, using the built-in list (${messageOf(error).trim()})`);
	}
	return { catalog: fallbackCatalog(family), fromBill: false };
}

/** The events the node's parameters ask for, resolved to `{type, version}` ("All events" reads the catalog). */
export async function desiredEvents(ctx: IHookFunctions, family: EventFamily): Promise<SubscriptionEvent[]> {
	const selected = (ctx.getNodeParameter('events', []) as string[] | string) ?? [];
	const values = (Array.isArray(selected) ? selected : String(selected).split(',')).map((v) => String(v).trim()).filter(Boolean);
	if (!values.length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event in Events', {
			description: 'Pick the BILL events that should start this workflow, or "All Events".',
		});
	}
	if (values.includes(ALL_EVENTS)) {
		const { catalog } = await readCatalog(ctx, family);
		return uniqueEvents(allEventsOf(catalog));
	}
	return uniqueEvents(values.map(parseEventValue).filter((e): e is SubscriptionEvent => e !== undefined));
}

/** Every subscription of the account (BILL pages with `max` ≤ 100 and `page`). */
export async function listSubscriptions(ctx: TriggerContext, family: EventFamily): Promise<IDataObject[]> {
	return await billPaginate.call(
		ctx,
		{ credentialType: EVENT_FAMILY_CREDENTIAL[family], base: 'connect-events', method: 'GET', path: '/v3/subscriptions' },
		{ style: 'page', maxPageSize: 100 },
	);
}

export async function getSubscription(ctx: TriggerContext, family: EventFamily, id: string): Promise<IDataObject> {
	return (await eventsApi(ctx, family, { method: 'GET', path: `/v3/subscriptions/${encodeURIComponent(id)}` })) as IDataObject;
}

export async function deleteSubscription(ctx: TriggerContext, family: EventFamily, id: string): Promise<void> {
	await eventsApi(ctx, family, { method: 'DELETE', path: `/v3/subscriptions/${encodeURIComponent(id)}` });
}

/**
 * `POST /v3/subscriptions/{id}/security_key` and keep the new key; the one it replaces stays
 * accepted for the grace period (notifications already signed with it, BILL's retries).
 */
export async function rotateKey(
	ctx: TriggerContext,
	state: TriggerState,
	family: EventFamily,
	opts: { idempotencyKey: string; graceMs: number; now: number },
): Promise<void> {
	const id = state.subscriptionId;
	if (!id) throw new Error('No subscription to rotate the key of');
	const response = (await tracked(
		id,
		eventsApi(ctx, family, {
			method: 'POST',
			path: `/v3/subscriptions/${encodeURIComponent(id)}/security_key`,
			headers: { 'X-Idempotent-Key': opts.idempotencyKey },
		}),
	)) as IDataObject;
	const key = typeof response?.securityKey === 'string' ? response.securityKey : '';
	if (!key) throw new Error('BILL answered the security key rotation without a securityKey');
	if (key === state.securityKey) return;
	const previous = (state.previousKeys ?? []).filter((p) => p && Number(p.until) > opts.now);
	if (state.securityKey && opts.graceMs > 0) previous.push({ key: state.securityKey, until: opts.now + opts.graceMs });
	state.previousKeys = previous;
	state.securityKey = key;
	state.keyCreatedAt = opts.now;
	recordKeys(state);
}

/** Idempotency key of a rotation: the same for every execution that rotates the same key. */
export function rotationIdempotencyKey(state: TriggerState, reason: 'schedule'): string {
	return deterministicUuid4(`${state.subscriptionId}|${reason}|${state.keyCreatedAt ?? 0}|${state.securityKey ?? ''}`);
}

// ----------------------------------------------------------------------------------------- lifecycle

function normalizeUrl(url: unknown): string {
	return String(url ?? '').trim().replace(/\/+$/, '');
}

function isEnabled(subscription: IDataObject): boolean {
	const status = subscription.status as IDataObject | undefined;
	return status?.enabled === true;
}

function subscriptionEvents(subscription: IDataObject): SubscriptionEvent[] {
	const events = Array.isArray(subscription.events) ? (subscription.events as IDataObject[]) : [];
	return events.map((e) => ({ type: String(e?.type ?? ''), version: String(e?.version ?? '1') }));
}

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

function subscriptionName(ctx: IHookFunctions, options: TriggerOptions): string {
	const custom = String(options.subscriptionName ?? '').trim();
	if (custom) return custom.slice(0, 100);
	const workflow = ctx.getWorkflow();
	const test = ctx.getMode() === 'manual' ? 'n8n test' : 'n8n';
	return `${test}: ${workflow.name ?? workflow.id ?? 'workflow'} / ${ctx.getNode().name}`.slice(0, 100);
}

export const HTTPS_HELP =
	'BILL delivers notifications only to HTTPS URLs. Run n8n behind HTTPS and set its webhook URL to the public https:// address (environment variable N8N_WEBHOOK_URL, or WEBHOOK_URL on older n8n such as 2.8) (for a local test, a tunnel such as Cloudflare Tunnel or ngrok works), then activate the workflow again.';

function httpsError(ctx: IHookFunctions, url: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `BILL needs an HTTPS webhook URL, but this trigger's URL is ${url}`, {
		description: HTTPS_HELP,
	});
}

function limitError(ctx: IHookFunctions, count: number | undefined, family: EventFamily): NodeOperationError {
	const owner = family === 'partner' ? 'partner account' : 'organization';
	const has = count === undefined ? 'already has the maximum' : `already has ${count}`;
	return new NodeOperationError(ctx.getNode(), `BILL allows ${MAX_SUBSCRIPTIONS} webhook subscriptions per ${owner}, and this ${owner} ${has}`, {
		description:
			'Delete the subscriptions you no longer use (with the BILL node: Webhook Subscription → Get Many to list them, then Delete), or deactivate other workflows that use a BILL Trigger, then activate this workflow again.',
	});
}

/**
 * The subscription body the node wants. `status.enabled` is always true: activating the workflow
 * (re-)enables a subscription BILL disabled after failed deliveries.
 */
function subscriptionBody(name: string, events: SubscriptionEvent[], url: string): IDataObject {
	return { name, status: { enabled: true }, events: events.map((e) => ({ type: e.type, version: e.version })), notificationUrl: url };
}

/**
 * checkExists: the subscription in static data still exists, points at this URL, has these events
 * and is enabled. A subscription BILL disabled is enabled again, one with other events or another
 * URL is replaced (PUT) — keeping its security key. Also rotates the key when the schedule says so.
 */
export async function checkSubscription(ctx: IHookFunctions): Promise<boolean> {
	const state = triggerState(ctx);
	const family = familyOf(ctx);
	if (!state.subscriptionId || !state.securityKey) return false;
	if (state.family && state.family !== family) return false;
	let subscription: IDataObject;
	try {
		subscription = await getSubscription(ctx, family, state.subscriptionId);
	} catch (error) {
		if (statusOf(error) === 404) {
			clearSubscriptionState(state);
			return false;
		}
		throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
	const url = webhookUrl(ctx);
	const events = await desiredEvents(ctx, family);
	const matches = normalizeUrl(subscription.notificationUrl) === normalizeUrl(url) && sameEvents(subscriptionEvents(subscription), events);
	try {
		if (!matches) {
			const name = typeof subscription.name === 'string' && subscription.name ? subscription.name : subscriptionName(ctx, triggerOptions(ctx));
			await eventsApi(ctx, family, {
				method: 'PUT',
				path: `/v3/subscriptions/${encodeURIComponent(state.subscriptionId)}`,
				body: subscriptionBody(name, events, url),
			});
		} else if (!isEnabled(subscription)) {
			await eventsApi(ctx, family, {
				method: 'PATCH',
				path: `/v3/subscriptions/${encodeURIComponent(state.subscriptionId)}`,
				body: { status: { enabled: true } },
			});
		}
	} catch (error) {
		const status = statusOf(error);
		if (status !== undefined && status >= 400 && status < 500) {
			// BILL refused to repair it (e.g. it now duplicates another subscription): create() adopts or recreates.
			ctx.logger.warn(`BILL Trigger: could not update subscription ${state.subscriptionId} (${messageOf(error).trim()}); it will be recreated`);
			return false;
		}
		throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
	state.events = events;
	state.notificationUrl = url;
	state.family = family;
	const options = triggerOptions(ctx);
	const now = Date.now();
	if (rotationDue(state, options, now)) {
		await rotateKey(ctx, state, family, { idempotencyKey: rotationIdempotencyKey(state, 'schedule'), graceMs: graceMs(options), now });
	}
	return true;
}

/**
 * create: adopt a subscription BILL already holds for this URL (same events, or replaced with these
 * events), learning its key by rotating it; otherwise create one with a fresh UUID4 X-Idempotent-Key.
 * BILL's 10-per-organization limit and its HTTPS rule give errors that say what to do.
 */
export async function createSubscription(ctx: IHookFunctions): Promise<boolean> {
	const state = triggerState(ctx);
	const family = familyOf(ctx);
	const credentialType = EVENT_FAMILY_CREDENTIAL[family];
	const url = webhookUrl(ctx);
	const options = triggerOptions(ctx);
	const credentials = await ctx.getCredentials(credentialType);
	if (!/^https:\/\//i.test(url) && credentials.environment !== 'custom') throw httpsError(ctx, url);

	const events = await desiredEvents(ctx, family);
	const name = subscriptionName(ctx, options);
	const stale = state.family === family ? state.subscriptionId : undefined;

	const existing = await listSubscriptions(ctx, family);
	let adopted = await adopt(ctx, family, existing, url, events, name);
	let response: IDataObject | undefined;
	if (!adopted) {
		if (existing.length >= MAX_SUBSCRIPTIONS) throw limitError(ctx, existing.length, family);
		try {
			response = (await eventsApi(ctx, family, {
				method: 'POST',
				path: '/v3/subscriptions',
				headers: { 'X-Idempotent-Key': randomUUID() },
				body: subscriptionBody(name, events, url),
			})) as IDataObject;
		} catch (error) {
			// BILL refused it: find out why from what BILL holds now (a subscription created meanwhile
			// for this URL is adopted; the limit reached meanwhile is reported), then from the URL.
			const status = statusOf(error);
			if (status === undefined || status < 400 || status >= 500) throw new NodeApiError(ctx.getNode(), error as JsonObject);
			const text = messageOf(error);
			if (/https/i.test(text)) throw httpsError(ctx, url);
			const now = await listSubscriptions(ctx, family);
			adopted = await adopt(ctx, family, now, url, events, name);
			if (!adopted) {
				if (now.length >= MAX_SUBSCRIPTIONS) throw limitError(ctx, now.length, family);
				if (/limit|maximum|exceed|too many/i.test(text)) throw limitError(ctx, undefined, family);
				if (!/^https:\/\//i.test(url)) throw httpsError(ctx, url);
				throw new NodeApiError(ctx.getNode(), error as JsonObject);
			}
		}
	}
	let subscriptionId: string;
	let securityKey: string;
	const now = Date.now();
	if (adopted) {
		subscriptionId = adopted;
		if (adopted !== state.subscriptionId) {
			// Not the subscription whose key we hold: its key is unknown until we rotate it.
			delete state.securityKey;
			state.previousKeys = [];
		}
		state.subscriptionId = adopted;
		await rotateKey(ctx, state, family, { idempotencyKey: randomUUID(), graceMs: graceMs(options), now });
		securityKey = String(state.securityKey);
	} else {
		subscriptionId = String(response?.id ?? '');
		securityKey = typeof response?.securityKey === 'string' ? response.securityKey : '';
		if (!subscriptionId || !securityKey) {
			throw new NodeOperationError(ctx.getNode(), 'BILL created the subscription but its answer had no id or securityKey', {
				description: 'Delete the subscription named "' + name + '" in BILL and activate the workflow again.',
			});
		}
	}
	// A subscription this node created earlier and that no longer matches: remove it.
	if (stale && stale !== subscriptionId) {
		try {
			await deleteSubscription(ctx, family, stale);
		} catch (error) {
			ctx.logger.debug(`BILL Trigger: previous subscription ${stale} not deleted (${messageOf(error).trim()})`);
		}
	}
	state.subscriptionId = subscriptionId;
	state.securityKey = securityKey;
	state.keyCreatedAt = now;
	if (!adopted) state.previousKeys = [];
	state.events = events;
	state.notificationUrl = url;
	state.family = family;
	delete state.lastRecoveryAt;
	recordKeys(state);
	return true;
}

/**
 * Finds the subscription BILL holds for this URL: one with exactly these events is adopted as is (and
 * re-enabled); otherwise the first one for this URL is replaced with these events. Other
 * subscriptions for this same URL are deleted, so no notification is delivered twice.
 */
async function adopt(
	ctx: IHookFunctions,
	family: EventFamily,
	existing: IDataObject[],
	url: string,
	events: SubscriptionEvent[],
	name: string,
): Promise<string | undefined> {
	const mine = existing.filter((s) => normalizeUrl(s.notificationUrl) === normalizeUrl(url) && typeof s.id === 'string');
	if (!mine.length) return undefined;
	const exact = mine.find((s) => sameEvents(subscriptionEvents(s), events));
	const target = exact ?? mine[0];
	const id = String(target.id);
	if (!exact) {
		await eventsApi(ctx, family, { method: 'PUT', path: `/v3/subscriptions/${encodeURIComponent(id)}`, body: subscriptionBody(name, events, url) });
	} else if (!isEnabled(exact)) {
		await eventsApi(ctx, family, { method: 'PATCH', path: `/v3/subscriptions/${encodeURIComponent(id)}`, body: { status: { enabled: true } } });
	}
	for (const other of mine) {
		if (other === target) continue;
		try {
			await deleteSubscription(ctx, family, String(other.id));
		} catch (error) {
			ctx.logger.warn(`BILL Trigger: could not delete duplicate subscription ${String(other.id)} (${messageOf(error).trim()})`);
		}
	}
	return id;
}

/** delete: remove the subscription (already gone counts as removed) and forget its key. */
export async function removeSubscription(ctx: IHookFunctions): Promise<boolean> {
	const state = triggerState(ctx);
	const id = state.subscriptionId;
	if (id) {
		const family = state.family ?? familyOf(ctx);
		try {
			await deleteSubscription(ctx, family, id);
		} catch (error) {
			if (statusOf(error) !== 404) {
				ctx.logger.warn(`BILL Trigger: could not delete subscription ${id} (${messageOf(error).trim()})`);
				return false;
			}
		}
	}
	clearSubscriptionState(state);
	return true;
}
