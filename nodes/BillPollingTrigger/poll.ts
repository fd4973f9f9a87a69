import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { billPaginate } from '../Bill/transport/request';
import { AUTHENTICATION_PARAMETER, type Authentication } from '../Bill/catalog/authentication';
import { credentialOf, findWatched, listOperation, resourceOf, type StatusJudge, type WatchEvent, type WatchedList } from './watched';

/**
 * Late changes: BILL may list a change later than its timestamp says (a record stamped 10:18:17
 * appearing after one stamped 10:18:20). Every poll reads again the records stamped after the
 * settled point (`settled`), which stays at least this long behind what BILL showed, so a change
 * visible up to this long after its timestamp is still read; the `seen` keys (record ID + timestamp,
 * kept only after the settled point) keep what was already emitted from being emitted twice.
 * [inferred] BILL documents no bound on how late a list shows a change (its list, filter and
 * sorting pages say nothing about index delay or eventual consistency): 5 minutes by default,
 * the option Late Change Window changes it.
 */
export const DEFAULT_LATE_WINDOW_S = 300;

/** Most records one poll emits (option Max Items per Poll): the rest come with the next polls, oldest first. */
export const DEFAULT_MAX_ITEMS = 500;

/**
 * The local clock, used only for durations between polls (never compared with BILL's timestamps,
 * so a BILL clock that is off changes nothing). Tests may replace `now`.
 */
export const POLL_CLOCK = { now: (): number => Date.now() };

/** What the trigger keeps in the workflow's static data between polls. */
export interface PollState {
	/** Resource, event and start date the state belongs to: another configuration starts afresh. */
	config: string;
	/** BILL's timestamp of the newest record emitted (its own string); null: the list was empty. */
	cursor: string | null;
	/**
	 * Every record stamped at or before this BILL timestamp has been read at a time BILL certainly
	 * showed it: polls read what is stamped after it. Null: read the whole list (it was empty).
	 */
	settled: string | null;
	/**
	 * How far BILL's clock is at least ahead of the local one: the largest (timestamp BILL showed −
	 * local time then) seen. With the local clock it bounds BILL's time now from below (both clocks
	 * run at the same rate; how far apart they are does not matter). Null: nothing seen yet.
	 */
	aheadMs: number | null;
	/** `<id>@<ms>` of the records handled after `settled`, `<id>#<ref>@<ms>` of status transitions. */
	seen: string[];
	/** Catch-up: BILL timestamps where the next polls' reads end (from the read that found the backlog). */
	batches: number[];
}

export interface PollSettings {
	list: WatchedList;
	event: WatchEvent;
	/** Epoch ms of "Include Changes Since" (first poll only). */
	sinceMs?: number;
	simplify: boolean;
	/** Late Change Window in ms. */
	lateMs: number;
	/** Max Items per Poll. */
	maxItems: number;
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
/** The record ID of a version key (transition keys, with `#`, have none). */
const keyRecord = (key: string) => (key.includes('#') ? undefined : key.slice(0, key.lastIndexOf('@')));

export function configKey(settings: PollSettings): string {
	return [settings.list.resource, settings.event.value, settings.sinceMs ?? ''].join('|');
}

/** A BILL list read: after `from` (BILL's filter, or a scan that stops at the first older record), up to `until`. */
interface Range {
	from?: number;
	until?: number;
}

/**
 * Reads a list newest first, every page before returning.
 * Newest first rather than oldest first: if BILL's page tokens are offsets, a record updated while
 * the pages are read moves to the front (already read), so no unread record shifts out of reach;
 * the moved record is newer than the cursor and comes with the next poll.
 */
async function readList(
	ctx: IPollFunctions,
	list: WatchedList,
	field: string,
	options: { range?: Range; limit?: number; sortBy?: string },
): Promise<IDataObject[]> {
	const op = listOperation(list);
	const qs: IDataObject = { sort: `${options.sortBy ?? list.sortBy ?? field}:desc` };
	const { from, until } = options.range ?? {};
	let stopAfterPage: ((page: IDataObject[]) => boolean) | undefined;
	if (list.query === 'filter') {
		const filters: string[] = [];
		if (from !== undefined) filters.push(`${field}:${list.afterOp}:"${new Date(from).toISOString()}"`);
		if (until !== undefined) filters.push(`${field}:lte:"${new Date(until).toISOString()}"`);
		if (filters.length) qs.filters = filters.join(',');
	} else if (from !== undefined) {
		stopAfterPage = (page) => page.some((r) => (timeOf(r, field) ?? -Infinity) <= from);
	}
	return await billPaginate.call(
		ctx,
		{ credentialType: credentialOf(list, ctx.getNodeParameter(AUTHENTICATION_PARAMETER, 'signIn') as Authentication), method: 'GET', path: op.path, qs },
		{ style: op.pagination ?? 'page', maxPageSize: op.maxPageSize ?? 100, limit: options.limit, stopAfterPage },
	);
}

/**
 * The first poll of a configuration: one page of the newest records. The cursor and the settled
 * point are the newest timestamp: nothing stamped up to it (before activation) is emitted.
 */
async function initialState(ctx: IPollFunctions, settings: PollSettings, config: string): Promise<PollState> {
	const { list, event } = settings;
	const records = await readList(ctx, list, event.field, { limit: listOperation(list).maxPageSize ?? 100 });
	let cursor: string | null = null;
	let newestMs = -Infinity;
	for (const record of records) {
		const ms = timeOf(record, event.field);
		if (ms !== undefined && ms > newestMs) {
			newestMs = ms;
			cursor = String(record[event.field]);
		}
	}
	return { config, cursor, settled: cursor, aheadMs: cursor === null ? null : newestMs - POLL_CLOCK.now(), seen: [], batches: [] };
}

/** How many of the newest records show the newest event time (one, unless BILL sorts by another field). */
function newestPageSize(settings: PollSettings): number {
	return settings.list.sortBy ? (listOperation(settings.list).maxPageSize ?? 100) : 1;
}

/** Where a poll reads: after the settled point, up to the catch-up batch's end. */
export function rangeOf(state: PollState): Range {
	return {
		from: state.settled === null ? undefined : Date.parse(state.settled),
		until: state.batches.length ? state.batches[0] : undefined,
	};
}

/** BILL's evidence of status transitions: record ID → `[ref, ms]` of its payments changed in the read range. */
export type Evidence = Map<string, Array<[string, number]>>;

/** The IDs of the records a payment (AP) or a received payment (AR) applies to (BILL's Postman shapes). */
function linkedIds(payment: IDataObject): string[] {
	const ids = new Set<string>();
	if (typeof payment.billId === 'string') ids.add(payment.billId);
	for (const key of ['billPayments', 'invoicePayments'] as const) {
		const lines = payment[key];
		if (!Array.isArray(lines)) continue;
		for (const line of lines as IDataObject[]) {
			const id = line.billId ?? line.invoiceId;
			if (typeof id === 'string') ids.add(id);
		}
	}
	return [...ids];
}

/** Reads the payments (or received payments) changed after `from`: BILL's evidence for payment status events. */
async function readEvidence(ctx: IPollFunctions, resource: string, from: number | undefined): Promise<Evidence> {
	const list = findWatched(resource);
	if (!list) throw new Error(`BILL Polling Trigger: no watched list "${resource}"`);
	const evidence: Evidence = new Map();
	for (const payment of await readList(ctx, list, 'updatedTime', { range: { from } })) {
		const ms = timeOf(payment, 'updatedTime');
		const ref = idOf(payment);
		if (ms === undefined || ref === undefined) continue;
		for (const id of linkedIds(payment)) {
			const entries = evidence.get(id) ?? [];
			entries.push([ref, ms]);
			evidence.set(id, entries);
		}
	}
	return evidence;
}

/** The newest of the approvers' `statusChangedTime`, in ms. */
function approvalTime(record: IDataObject): number | undefined {
	const approvers = Array.isArray(record.approvers) ? (record.approvers as IDataObject[]) : [];
	let newest: number | undefined;
	for (const a of approvers) {
		const ms = timeOf(a, 'statusChangedTime');
		if (ms !== undefined && (newest === undefined || ms > newest)) newest = ms;
	}
	return newest;
}

/** The status transitions (seen keys) BILL's data shows for a record after `fromMs`. */
function transitions(id: string, record: IDataObject, ms: number, judge: StatusJudge, fromMs: number, evidence: Evidence | undefined): Array<[string, number]> {
	if (judge.by === 'updated') return [[`${id}#status@${ms}`, ms]];
	if (judge.by === 'approvers') {
		const at = approvalTime(record);
		return at !== undefined && at > fromMs ? [[`${id}#approval@${at}`, at]] : [];
	}
	return (evidence?.get(id) ?? []).filter(([, at]) => at > fromMs).map(([ref, at]) => [`${id}#${ref}@${at}`, at]);
}

/** Whether a poll must read BILL's payments to judge its status event (a record in the status changed). */
export function needsEvidence(state: PollState, records: IDataObject[], settings: PollSettings): boolean {
	const { emits, field } = settings.event;
	if (typeof emits !== 'object' || emits.judge.by !== 'payments') return false;
	const { from } = rangeOf(state);
	const seen = new Set(state.seen);
	return records.some((r) => {
		const id = idOf(r);
		const ms = timeOf(r, field);
		return id !== undefined && ms !== undefined && (from === undefined || ms > from) && !seen.has(seenKey(id, ms)) && emits.values.includes(String(r[emits.statusField] ?? ''));
	});
}

/**
 * One poll's bookkeeping, without I/O: which of the records read are new (not seen at the same
 * timestamp), which of those this poll emits (the oldest, at most Max Items per Poll) and with which
 * label, and the next state. The cursor and the settled point only ever come from BILL's timestamps;
 * the local clock only measures how long ago earlier polls were.
 */
export function advance(
	state: PollState,
	records: IDataObject[],
	settings: PollSettings,
	options: { nowMs?: number; evidence?: Evidence } = {},
): { emitted: Emitted[]; state: PollState } {
	const { list, event, lateMs, maxItems } = settings;
	const nowMs = options.nowMs ?? POLL_CLOCK.now();
	const { from, until } = rangeOf(state);
	const fromMs = from ?? -Infinity;

	// The newest version of each record in the range (a record can show up on two pages).
	const latest = new Map<string, { record: IDataObject; ms: number }>();
	let newestRead = -Infinity;
	for (const record of records) {
		const id = idOf(record);
		const ms = timeOf(record, event.field);
		if (id === undefined || ms === undefined || ms <= fromMs || (until !== undefined && ms > until)) continue;
		newestRead = Math.max(newestRead, ms);
		const known = latest.get(id);
		if (!known || ms > known.ms) latest.set(id, { record, ms });
	}

	const seen = new Set(state.seen);
	const seenIds = new Set(state.seen.map(keyRecord).filter((id): id is string => id !== undefined));
	const fresh = [...latest.entries()]
		.filter(([id, { ms }]) => !seen.has(seenKey(id, ms)))
		.sort(([idA, a], [idB, b]) => a.ms - b.ms || (idA < idB ? -1 : idA > idB ? 1 : 0));

	// Catch-up: the oldest Max Items per Poll (and the rest of their last millisecond); the others wait.
	let take = fresh.length;
	if (fresh.length > maxItems) {
		take = maxItems;
		while (take < fresh.length && fresh[take][1].ms === fresh[take - 1][1].ms) take++;
	}
	const batch = fresh.slice(0, take);
	const waiting = fresh.slice(take);

	const handled = new Set<string>();
	const emitted: Emitted[] = [];
	for (const [id, { record, ms }] of batch) {
		const version = seenKey(id, ms);
		handled.add(version);
		const createdMs = list.created ? timeOf(record, list.created) : undefined;
		// Created: stamped after the settled point and never handled in an earlier version.
		const isNew = from === undefined || createdMs === undefined || (createdMs > fromMs && !seenIds.has(id));
		const { emits } = event;
		if (emits === 'all') {
			emitted.push({ record, label: event.labelByCreation ? (isNew ? 'created' : 'updated') : event.value });
		} else if (emits === 'existing') {
			if (!isNew) emitted.push({ record, label: event.value });
		} else if (emits.values.includes(String(record[emits.statusField] ?? ''))) {
			const found = transitions(id, record, ms, emits.judge, fromMs, options.evidence);
			const unseen = found.filter(([key]) => !seen.has(key) && !handled.has(key));
			if (unseen.length) emitted.push({ record, label: event.value });
			for (const [key] of found) handled.add(key);
			// No payment yet (BILL may list it later than the bill): judged again by the next polls
			// of the late window; the payment's key keeps the event from firing twice.
			if (!found.length && emits.judge.by === 'payments') handled.delete(version);
		}
	}

	// The cursor: the newest timestamp handled (every fresh record up to it is emitted).
	let cursor = state.cursor;
	let cursorMs = cursor === null ? -Infinity : Date.parse(cursor);
	const last = batch.length ? batch[batch.length - 1][1] : undefined;
	const handledVersions = waiting.length ? [...latest.values()].filter(({ ms }) => ms <= last!.ms) : [...latest.values()];
	for (const { record, ms } of handledVersions) {
		if (ms > cursorMs) {
			cursorMs = ms;
			cursor = String(record[event.field]);
		}
	}

	// Settling: what is stamped up to (BILL's time now, at least − late window) was certainly
	// visible to this read; never past the cursor (what is after it waits or was not read).
	const aheadMs = Math.max(state.aheadMs ?? -Infinity, newestRead - nowMs);
	const reach = nowMs + aheadMs - lateMs;
	let settled = state.settled;
	const settleMs = Math.min(cursorMs, reach);
	if (settleMs > fromMs && Number.isFinite(settleMs)) settled = new Date(settleMs).toISOString();
	if (cursor !== null && settleMs === cursorMs) settled = cursor;
	const settledMs = settled === null ? -Infinity : Date.parse(settled);

	const nextSeen = [...new Set([...state.seen, ...handled])].filter((k) => keyTime(k) > settledMs);
	let batches = state.batches.filter((b) => b > cursorMs);
	if (waiting.length && until === undefined) {
		// The read that found the backlog: where each next poll's read ends (Max Items per Poll each).
		batches = [];
		for (let i = maxItems - 1; i < waiting.length; i += maxItems) batches.push(waiting[i][1].ms);
		if (batches[batches.length - 1] !== waiting[waiting.length - 1][1].ms) batches.push(waiting[waiting.length - 1][1].ms);
	}

	return {
		emitted,
		state: {
			config: state.config,
			cursor,
			settled,
			aheadMs: Number.isFinite(aheadMs) ? aheadMs : null,
			seen: nextSeen,
			batches,
		},
	};
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

/** A state stored by the version before the late window (cursor + settledAt): carried over. */
function upgrade(stored: IDataObject): PollState {
	if ('aheadMs' in stored) return stored as unknown as PollState;
	const cursor = (stored.cursor as string | null) ?? null;
	const settled = (stored.settledAt as string | null | undefined) ?? cursor;
	return { config: String(stored.config), cursor, settled, aheadMs: null, seen: (stored.seen as string[]) ?? [], batches: [] };
}

/**
 * An activated workflow's poll. The first poll (no state for this configuration) only notes the
 * newest record's timestamp, unless a start date is set; if BILL fails then, the activation is not
 * failed: the next poll that succeeds starts the cursor. Later polls read every page of the range,
 * then emit and store; if a request fails, the error reaches n8n before anything is stored, so the
 * next poll reads the same changes again.
 */
export async function pollChanges(ctx: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	const config = configKey(settings);
	const stored = staticData[STATE_KEY] as IDataObject | undefined;
	let state: PollState;
	if (stored?.config === config && stored.cursor !== undefined) {
		state = upgrade(stored);
	} else if (settings.sinceMs !== undefined) {
		const since = new Date(settings.sinceMs).toISOString();
		state = { config, cursor: since, settled: since, aheadMs: null, seen: [], batches: [] };
	} else {
		// A failure of the activation poll would make n8n refuse to activate: noted once, no cursor;
		// a failure of the next poll (still without a cursor) reaches n8n as any poll's error.
		const retry = stored?.config === config && Boolean(stored.failedStart);
		const first = retry ? await initialState(ctx, settings, config) : await initialState(ctx, settings, config).catch((error: Error) => error);
		staticData[STATE_KEY] = (first instanceof Error ? { config, failedStart: first.message || 'error' } : first) as unknown as IDataObject;
		return null;
	}

	const records = await readList(ctx, settings.list, settings.event.field, { range: rangeOf(state) });
	const { emits } = settings.event;
	const evidence =
		typeof emits === 'object' && emits.judge.by === 'payments' && needsEvidence(state, records, settings)
			? await readEvidence(ctx, emits.judge.resource, rangeOf(state).from)
			: undefined;
	const { emitted, state: next } = advance(state, records, settings, { evidence });
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
	const records = (await readList(ctx, list, event.field, { limit })).sort((a, b) => (timeOf(b, event.field) ?? -Infinity) - (timeOf(a, event.field) ?? -Infinity));
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
