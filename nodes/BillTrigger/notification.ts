import type { IDataObject } from 'n8n-workflow';

import { SEEN_EVENT_IDS, type TriggerState } from './subscription';

/**
 * The bytes BILL signed. n8n keeps them in `req.rawBody` (a Buffer); when it is absent the parsed
 * body is the only thing left (a string or Buffer as is, an object re-serialized as minified JSON,
 * which is how BILL sends it).
 */
export function rawBodyOf(req: { rawBody?: unknown; body?: unknown }): Buffer {
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.rawBody === 'string') return Buffer.from(req.rawBody, 'utf8');
	if (Buffer.isBuffer(req.body)) return req.body;
	if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
	if (req.body !== undefined && req.body !== null) return Buffer.from(JSON.stringify(req.body), 'utf8');
	return Buffer.alloc(0);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The notifications in a body. BILL's rules say the payload "is JSON-escaped and is presented as a
 * string": a body that parses to a string is parsed again (webhooks.md §5). An array gives one
 * notification per object. Undefined when the body is not JSON.
 */
export function parseNotifications(raw: Buffer): IDataObject[] | undefined {
	let value: unknown;
	try {
		value = JSON.parse(raw.toString('utf8'));
		for (let depth = 0; depth < 3 && typeof value === 'string'; depth++) value = JSON.parse(value);
	} catch {
		return undefined;
	}
	if (Array.isArray(value)) return value.filter(isObject);
	if (isObject(value)) return [value];
	return undefined;
}

/** `metadata` of a notification (an object, or a JSON-escaped string). */
export function metadataOf(payload: IDataObject): IDataObject {
	let metadata: unknown = payload.metadata;
	if (typeof metadata === 'string') {
		try {
			metadata = JSON.parse(metadata);
		} catch {
			metadata = undefined;
		}
	}
	return isObject(metadata) ? metadata : {};
}

export function eventIdOf(payload: IDataObject): string | undefined {
	const id = metadataOf(payload).eventId;
	return typeof id === 'string' && id ? id : typeof id === 'number' ? String(id) : undefined;
}

/**
 * One output item: the event type, the entity (BILL's object, e.g. the bill) and the metadata.
 * The entity is the payload's only key besides `metadata` (`bill`, `vendor`, `payment`, …); when the
 * payload has several (flat payloads such as `mass-payment.updated`) they are the entity together.
 */
export function toItem(payload: IDataObject, outputRaw: boolean): IDataObject {
	if (outputRaw) return payload;
	const metadata = metadataOf(payload);
	const eventType = typeof metadata.eventType === 'string' ? metadata.eventType : undefined;
	const others = Object.keys(payload).filter((k) => k !== 'metadata');
	let entityType: string | undefined;
	let entity: IDataObject;
	if (others.length === 1 && isObject(payload[others[0]])) {
		entityType = others[0];
		entity = payload[others[0]] as IDataObject;
	} else {
		entityType = eventType && eventType.includes('.') ? eventType.slice(0, eventType.lastIndexOf('.')) : undefined;
		entity = Object.fromEntries(others.map((k) => [k, payload[k]])) as IDataObject;
	}
	const item: IDataObject = {};
	if (eventType !== undefined) item.eventType = eventType;
	const eventId = eventIdOf(payload);
	if (eventId !== undefined) item.eventId = eventId;
	if (entityType !== undefined) item.entityType = entityType;
	item.entity = entity;
	item.metadata = metadata;
	return item;
}

/**
 * Event ids this n8n process has seen, per trigger (see `rememberEvent`), most recent last; at most
 * `MAX_TRIGGERS` triggers, the least recently used forgotten first.
 */
const seenInProcess = new Map<string, string[]>();
const MAX_TRIGGERS = 500;

/**
 * Remembers an event id; false when it was already seen (a duplicate to drop). Keeps the last
 * `SEEN_EVENT_IDS` ids of a trigger in two places, one list written to both:
 * - the workflow's static data, which n8n stores after the call (it survives restarts);
 * - this process's memory, under `scope` (workflow, node and mode). n8n loads the static data
 *   from its database at the start of each call, so copies of one notification that arrive at the
 *   same time all see the same stored list; the check-and-record here runs without awaiting, so
 *   in one process the first copy wins and the others see its id. (All webhook calls of an n8n
 *   reach its main process, in regular and in queue mode.)
 */
export function rememberEvent(state: TriggerState, eventId: string, scope = '', limit = SEEN_EVENT_IDS): boolean {
	const stored = Array.isArray(state.seenEventIds) ? state.seenEventIds : [];
	const known = new Set(stored);
	const seen = [...stored, ...(seenInProcess.get(scope) ?? []).filter((id) => !known.has(id))];
	const duplicate = seen.includes(eventId);
	if (!duplicate) {
		seen.push(eventId);
		state.seenEventIds = seen.slice(-limit);
	}
	seenInProcess.delete(scope); // most recently used last
	seenInProcess.set(scope, seen.slice(-limit));
	if (seenInProcess.size > MAX_TRIGGERS) seenInProcess.delete(seenInProcess.keys().next().value as string);
	return !duplicate;
}
