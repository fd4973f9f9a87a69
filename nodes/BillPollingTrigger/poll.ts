import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { billPaginate } from '../Bill/transport/request';
import { AUTHENTICATION_PARAMETER, type Authentication } from '../Bill/transport/credentialTypes';
import { credentialOf, listOperation, resourceOf, type WatchEvent, type WatchedList } from './watched';

/**
 * After a poll moved the cursor, the next poll reads again the records changed up to this long
 * before it (not before the previous cursor, which that poll settled), so that a record BILL
 * stamps with the cursor's second (or makes visible a moment late) is not missed; the `seen` keys
 * keep those from being emitted twice. Once a poll has read that window again (a poll interval,
 * at least a minute, later) the cursor is settled and polls ask only for what is newer than it.
 * [inferred] BILL documents no bound for either; one second covers timestamps compared or stored
 * at second precision, and a change visible later than one poll interval after its timestamp
 * would be missed.
 */
export const OVERLAP_MS = 1000;

/** Status events remember at most this many records that have the status (oldest forgotten first). */
export const STATUS_MEMORY = 5000;

/** What the trigger keeps in the workflow's static data between polls. */
export interface PollState {
	/** Resource, event and start date the state belongs to: another configuration starts afresh. */
	config: string;
	/** BILL's timestamp of the newest record seen (its own string); null: the list was empty. */
	cursor: string | null;
	/**
	 * Every record stamped up to this BILL timestamp has been read by a poll at least a poll
	 * interval later (or predates activation). Equal to the cursor: the next poll asks only for
	 * what is after the cursor; older: it reads again from cursor − overlap, but not at or before this.
	 */
	settledAt: string | null;
	/** `<id>@<ms>` of the records seen at or after cursor − overlap: not emitted again. */
	seen: string[];
	/** Status events: records last seen with the status (emitted once until the status changes). */
	inStatus: string[];
}

export interface PollSettings {
	list: WatchedList;
	event: WatchEvent;
	/** Epoch ms of "Include Changes Since" (first poll only). */
	sinceMs?: number;
	simplify: boolean;
}

export interface Emitted {
	record: IDataObject;
	/** The output's `event` field. */
	label: string;
}

/** Epoch ms of a record's timestamp field, or undefined. */
export function timeOf(record: IDataObject, field: string): number | undefined {
	const value = record[field];
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

function idOf(record: IDataObject): string | undefined {
	const id = record.id ?? record.uuid;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

const seenKey = (id: string, ms: number) => `${id}@${ms}`;
const keyTime = (key: string) => Number(key.slice(key.lastIndexOf('@') + 1));

export function configKey(settings: PollSettings): string {
	return [settings.list.resource, settings.event.value, settings.sinceMs ?? ''].join('|');
}

/**
 * Reads the list newest first: with `from`, only records whose event field is after it (or at it,
 * `inclusive`) — BILL's filter, or a scan that stops at the first older record — every page before
 * returning.
 * Newest first rather than oldest first: if BILL's page tokens are offsets, a record updated while
 * the pages are read moves to the front (already read), so no unread record shifts out of reach;
 * the moved record is newer than the cursor and comes with the next poll.
 */
async function readList(
	ctx: IPollFunctions,
	settings: PollSettings,
	options: { from?: { ms: number; inclusive: boolean }; limit?: number },
): Promise<IDataObject[]> {
	const { list, event } = settings;
	const op = listOperation(list);
	const qs: IDataObject = { sort: `${list.sortBy ?? event.field}:desc` };
	const { from } = options;
	let stopAfterPage: ((page: IDataObject[]) => boolean) | undefined;
	if (from) {
		const operator = from.inclusive ? 'gte' : list.afterOp;
		if (list.query === 'filter') qs.filters = `${event.field}:${operator}:"${new Date(from.ms).toISOString()}"`;
		else stopAfterPage = (page) => page.some((r) => (timeOf(r, event.field) ?? -Infinity) < from.ms);
	}
	return await billPaginate.call(
		ctx,
		{ credentialType: credentialOf(list, ctx.getNodeParameter(AUTHENTICATION_PARAMETER, 'signIn') as Authentication), method: 'GET', path: op.path, qs },
		{ style: op.pagination ?? 'page', maxPageSize: op.maxPageSize ?? 100, limit: options.limit, stopAfterPage },
	);
}

/**
 * The first poll of a configuration: one page of the newest records. The cursor is the newest
 * timestamp and is settled (what is stamped up to it happened before activation); the records
 * read count as seen and, for status events, their status as known, so nothing that happened
 * before activation is emitted.
 */
async function initialState(ctx: IPollFunctions, settings: PollSettings, config: string): Promise<PollState> {
	const records = await readList(ctx, settings, { limit: listOperation(settings.list).maxPageSize ?? 100 });
	const { state } = advance({ config, cursor: null, settledAt: null, seen: [], inStatus: [] }, records, settings);
	return { ...state, settledAt: state.cursor };
}

/** How many of the newest records show the newest event time (one, unless BILL sorts by another field). */
function newestPageSize(settings: PollSettings): number {
	return settings.list.sortBy ? (listOperation(settings.list).maxPageSize ?? 100) : 1;
}

/**
 * One poll's bookkeeping, without I/O: which of the records read are new (not seen at the same
 * timestamp), which of those the event emits, and the next state. The cursor only ever comes from
 * BILL's timestamps of records read.
 */
export function advance(state: PollState, records: IDataObject[], settings: PollSettings): { emitted: Emitted[]; state: PollState } {
	const { list, event } = settings;
	const previousMs = state.cursor === null ? undefined : Date.parse(state.cursor);
	const from = lowerBound(state);

	// The newest version of each record in the window (a record can show up on two pages).
	const latest = new Map<string, { record: IDataObject; ms: number }>();
	for (const record of records) {
		const id = idOf(record);
		const ms = timeOf(record, event.field);
		if (id === undefined || ms === undefined || (from && (ms < from.ms || (ms === from.ms && !from.inclusive)))) continue;
		const known = latest.get(id);
		if (!known || ms > known.ms) latest.set(id, { record, ms });
	}

	let cursor = state.cursor;
	let cursorMs = previousMs ?? -Infinity;
	for (const { record, ms } of latest.values()) {
		if (ms > cursorMs) {
			cursorMs = ms;
			cursor = String(record[event.field]);
		}
	}

	const seen = new Set(state.seen);
	const fresh = [...latest.entries()]
		.filter(([id, { ms }]) => !seen.has(seenKey(id, ms)))
		.sort(([idA, a], [idB, b]) => a.ms - b.ms || (idA < idB ? -1 : idA > idB ? 1 : 0));

	const inStatus = new Set(state.inStatus);
	const emitted: Emitted[] = [];
	for (const [id, { record }] of fresh) {
		const createdMs = list.created ? timeOf(record, list.created) : undefined;
		const isNew = previousMs === undefined || createdMs === undefined || createdMs > previousMs;
		const { emits } = event;
		if (emits === 'all') {
			emitted.push({ record, label: event.labelByCreation ? (isNew ? 'created' : 'updated') : event.value });
		} else if (emits === 'existing') {
			if (previousMs !== undefined && createdMs !== undefined && createdMs <= previousMs) emitted.push({ record, label: event.value });
		} else if (emits.values.includes(String(record[emits.statusField] ?? ''))) {
			if (!inStatus.has(id)) emitted.push({ record, label: event.value });
			inStatus.delete(id);
			inStatus.add(id); // most recent last
		} else {
			inStatus.delete(id);
		}
	}

	const keepFrom = cursorMs - OVERLAP_MS;
	const nextSeen = new Set([...state.seen].filter((k) => keyTime(k) >= keepFrom));
	for (const [id, { ms }] of latest) if (ms >= keepFrom) nextSeen.add(seenKey(id, ms));

	return {
		emitted,
		state: {
			config: state.config,
			cursor,
			// This poll read what is stamped up to the previous cursor a poll interval after it was set.
			settledAt: state.cursor,
			seen: [...nextSeen],
			inStatus: [...inStatus].slice(-STATUS_MEMORY),
		},
	};
}

/**
 * Where a poll starts reading: after the cursor when it is settled; else from cursor − overlap,
 * but after the settled timestamp when that is later. None for an empty list (read it all).
 */
function lowerBound(state: PollState): { ms: number; inclusive: boolean } | undefined {
	if (state.cursor === null) return undefined;
	const cursorMs = Date.parse(state.cursor);
	const settledMs = state.settledAt === null ? -Infinity : Date.parse(state.settledAt);
	if (settledMs >= cursorMs) return { ms: cursorMs, inclusive: false };
	const overlapMs = cursorMs - OVERLAP_MS;
	return settledMs >= overlapMs ? { ms: settledMs, inclusive: false } : { ms: overlapMs, inclusive: true };
}

function toItems(emitted: Emitted[], settings: PollSettings): INodeExecutionData[] {
	const fields = settings.simplify ? resourceOf(settings.list).simplifyFields : undefined;
	return emitted.map(({ record, label }) => {
		let json = record;
		if (fields) {
			json = {};
			for (const f of fields) if (f in record) json[f] = record[f];
		}
		return { json: { event: label, ...json } };
	});
}

const STATE_KEY = 'pollState';

/**
 * An activated workflow's poll. The first poll (no state for this configuration) only notes the
 * newest record's timestamp, unless a start date is set. Later polls read every page of the
 * changes since the cursor, then emit and move the cursor; if a request fails, the error reaches
 * n8n before anything is stored, so the next poll reads the same changes again.
 */
export async function pollChanges(ctx: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	const config = configKey(settings);
	const stored = staticData[STATE_KEY] as PollState | undefined;
	let state: PollState;
	if (stored?.config === config) {
		state = stored;
	} else if (settings.sinceMs !== undefined) {
		const since = new Date(settings.sinceMs).toISOString();
		state = { config, cursor: since, settledAt: since, seen: [], inStatus: [] };
	} else {
		staticData[STATE_KEY] = (await initialState(ctx, settings, config)) as unknown as IDataObject;
		return null;
	}

	const records = await readList(ctx, settings, { from: lowerBound(state) });
	const { emitted, state: next } = advance(state, records, settings);
	staticData[STATE_KEY] = next as unknown as IDataObject;
	return emitted.length ? [toItems(emitted, settings)] : null;
}

/**
 * A manual test (the editor's "Fetch Test Event"): the newest record the event matches, so the user
 * can map its fields. Reads one request's worth, stores nothing.
 */
export async function sampleNewest(ctx: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[][] | null> {
	const { list, event } = settings;
	const matches = typeof event.emits === 'object' || event.emits === 'existing';
	const limit = matches ? (listOperation(list).maxPageSize ?? 100) : newestPageSize(settings);
	const records = (await readList(ctx, settings, { limit })).sort((a, b) => (timeOf(b, event.field) ?? -Infinity) - (timeOf(a, event.field) ?? -Infinity));
	const created = (r: IDataObject) => (list.created ? timeOf(r, list.created) : undefined);
	const record = records.find((r) => {
		const { emits } = event;
		if (emits === 'all') return true;
		if (emits === 'existing') return (created(r) ?? Infinity) < (timeOf(r, event.field) ?? -Infinity);
		return emits.values.includes(String(r[emits.statusField] ?? ''));
	});
	if (!record) return null;
	const label = event.labelByCreation ? (created(record) === timeOf(record, event.field) ? 'created' : 'updated') : event.value;
	return [toItems([{ record, label }], settings)];
}
