import type { IDataObject } from 'n8n-workflow';

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
