/**
 * Helpers shared by the custom handlers of every family: BILL's error responses, body checks,
 * patch building and the handler builders that look a record up before the handler runs.
 */
import { endpointKey, findEndpoint } from './catalog';
import { BDC, bdcError } from './errors';
import type { Collection, EmuRecord } from './store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from './types';

export type Obj = Record<string, unknown>;

/* ------------------------------------------------------------------ values */

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isBlank = (v: unknown) => v === undefined || v === null || v === '';
/** Whether a helper returned an error response rather than data. */
export const isError = (x: unknown): x is EmuResponse => isObject(x) && typeof x.status === 'number' && Array.isArray(x.body);
export const round2 = (n: number) => Math.round(n * 100) / 100;
export const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The emulator's current day, `yyyy-MM-dd` (UTC). */
export const today = (emu: Emulator) => emu.now().slice(0, 10);

/** `date` plus `days` business days (weekends skipped; [inferred] US federal holidays are not modelled). */
export function addBusinessDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	let left = days;
	while (left > 0) {
		d.setUTCDate(d.getUTCDate() + 1);
		const wd = d.getUTCDay();
		if (wd !== 0 && wd !== 6) left--;
	}
	return d.toISOString().slice(0, 10);
}

/** The request's JSON object body (`{}` when none or not an object). */
export const bodyOf = (req: EmuRequest): Obj => (isObject(req.body) ? req.body : {});

/* ------------------------------------------------------------------ BILL's refusals */

/** BDC_1108 for `name`; `why` (when given) follows BILL's message. */
export const missing = (name: string, why?: string) => bdcError(400, BDC.missingParam.code, `${BDC.missingParam.message}${name}.${why ? ` ${why}` : ''}`);
export const notFound = () => bdcError(404, BDC.noData.code, BDC.noData.message);
/** A BILL business rule refused the request. [inferred] code: BILL documents these rules, not their codes. */
export const refused = (message: string, code = 'BDC_1171') => bdcError(400, code, message);

function invalidParam(name: string, shown: string, why?: string): EmuResponse {
	return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}${name}, ${shown}${why ? `. ${why}` : ''}`);
}

/** BDC_1129 for `name`; objects and arrays are shown as JSON, other values as text. */
export const invalid = (name: string, value: unknown, why?: string) => invalidParam(name, typeof value === 'object' ? JSON.stringify(value) : String(value), why);

/** BDC_1129 for `name` with the value shown as `String(value)` (objects as `[object Object]`). */
export const invalidText = (name: string, value: unknown, why?: string) => invalidParam(name, String(value), why);

/** The first of `names` that is blank in `b`, as BILL's missing-parameter error. */
export function requireFields(b: Obj, names: readonly string[]): EmuResponse | undefined {
	for (const n of names) if (isBlank(b[n])) return missing(n);
	return undefined;
}

/* ------------------------------------------------------------------ records */

export const view = (emu: Emulator, rec: EmuRecord) => emu.view(rec) as Obj;

/** The fields of `keys` that `b` sets (not undefined), copied into `into` (a new patch by default). */
export function pickDefined(b: Obj, keys: readonly string[], into: Obj = {}): Obj {
	for (const k of keys) if (b[k] !== undefined) into[k] = b[k];
	return into;
}

/** Per-emulator state of a module, made on first use. */
export function perEmulator<T>(make: () => T): (emu: Emulator) => T {
	const states = new WeakMap<Emulator, T>();
	return (emu) => {
		let s = states.get(emu);
		if (s === undefined) {
			s = make();
			states.set(emu, s);
		}
		return s;
	};
}

/* ------------------------------------------------------------------ handler builders */

/** What a custom handler runs; its route (method, path, base) is the endpoint's it serves (`forEndpoint`). */
export type Handle = (req: EmuRequest, emu: Emulator) => EmuResponse | Promise<EmuResponse>;

/**
 * The handler of BILL's endpoint `METHOD /path` (e.g. `'POST /v3/payments/{paymentId}/void'`), served
 * under the endpoint's base; what `handle` answers is BILL's behaviour. Throws when BILL's catalog
 * (catalog.ts, test/fixtures/endpoints*.json) has no such endpoint, so a handler cannot serve a route
 * BILL does not document.
 */
export function forEndpoint(endpoint: string, handle: Handle): CustomHandler {
	const [method, path] = endpoint.split(' ');
	const ep = findEndpoint(method, path);
	return { method: ep.method, path: ep.path, base: ep.base, endpoint: endpointKey(ep.method, ep.path), handle };
}

/** Runs before a handler (a role, session or body check); an answer ends the request. */
export type Guard = (emu: Emulator, req: EmuRequest) => EmuResponse | undefined;

/** BILL's answer to a body it cannot parse as the JSON it expects (BDC_1122); `detail` is appended to the message. */
export const jsonParseError = (detail = '') => bdcError(400, BDC.jsonParse.code, `${BDC.jsonParse.message}${detail}`);

/** Whether the request has a body that is not a JSON object. */
export const notJsonObject = (req: EmuRequest) => req.body !== undefined && !isObject(req.body);

/** BILL refuses a body that is there but is not a JSON object (BDC_1122). */
export const jsonObjectBody: Guard = (_emu, req) => (notJsonObject(req) ? jsonParseError() : undefined);

/** The request's JSON object body (`{}` when none), or BILL's refusal of a body that is not an object (BDC_1122). */
export const jsonObjectOf = (req: EmuRequest): Obj | EmuResponse => (notJsonObject(req) ? jsonParseError() : bodyOf(req));

/**
 * The JSON array body of a bulk call: BILL refuses another body (BDC_1122), an empty array, and
 * more than `limit` elements (`what` names them in the message, e.g. `bills`).
 */
export function arrayBody(req: EmuRequest, limit: number, what: string): unknown[] | EmuResponse {
	if (!Array.isArray(req.body)) return jsonParseError(' Expected a JSON array.');
	if (req.body.length === 0) return invalid('body', '[]');
	if (req.body.length > limit) return invalid('size', req.body.length, `The maximum number of ${what} in one request is ${limit}`);
	return req.body;
}

/** BILL's refusal of element `i` of a bulk body: its message begins with `[i] `. */
export function atElement(i: number, refusal: EmuResponse): EmuResponse {
	const [first] = refusal.body as Array<{ message: string }>;
	first.message = `[${i}] ${first.message}`;
	return refusal;
}

function runGuards(guard: Guard | Guard[] | undefined, emu: Emulator, req: EmuRequest): EmuResponse | undefined {
	for (const g of guard === undefined ? [] : Array.isArray(guard) ? guard : [guard]) {
		const denied = g(emu, req);
		if (denied) return denied;
	}
	return undefined;
}

export interface GuardedHandlerSpec {
	/** Run first, in order; the first answer ends the request. */
	guard: Guard | Guard[];
	handle: Handle;
}

/** Runs `guard` first, then `handle`. */
export function withGuard(spec: GuardedHandlerSpec): Handle {
	const { guard, handle } = spec;
	return (req, emu) => runGuards(guard, emu, req) ?? handle(req, emu);
}

/** The record a request names (by path param) and the collection it is stored in. */
export interface RecordRef {
	collection: string;
	/** The record; nothing → BILL's 404 BDC_1120; an answer (e.g. another organization's record) ends the request. */
	find(emu: Emulator, req: EmuRequest): EmuRecord | EmuResponse | undefined;
}

/** The record `req.params[param]` names by ID in the request's `collection`. */
export const byParam = (collection: string, param: string): RecordRef => ({
	collection,
	find: (emu, req) => emu.collection(req, collection).get(req.params[param]),
});

export interface RecordHandlerSpec {
	/** Run first, in order (e.g. a role or body check); the first answer ends the request. */
	guard?: Guard | Guard[];
	/** The record the path names; BILL answers 404 BDC_1120 when there is none. */
	find: RecordRef;
	handle(req: EmuRequest, emu: Emulator, rec: EmuRecord): EmuResponse | Promise<EmuResponse>;
}

/** Runs `guard`, then answers 404 unless the path names a record, then `handle`. */
export function withRecord(spec: RecordHandlerSpec): Handle {
	const { guard, find, handle } = spec;
	return (req, emu) => {
		const denied = runGuards(guard, emu, req);
		if (denied) return denied;
		const rec = find.find(emu, req);
		if (rec === undefined) return notFound();
		if (isError(rec)) return rec;
		return handle(req, emu, rec);
	};
}

export interface ChangeSpec {
	/** Run first, in order (e.g. a role or body check); the first answer ends the request. */
	guard?: Guard | Guard[];
	/** The record the path names; BILL answers 404 BDC_1120 when there is none. */
	find: RecordRef;
	/** `update` deep-merges the change into the record (objects merge, arrays replace); `replace` replaces its fields. */
	mode: 'update' | 'replace';
	/**
	 * BILL's checks of the request against the record: the fields to store, BILL's refusal, or
	 * nothing when there is nothing to change (the record is answered as it is).
	 */
	change(req: EmuRequest, emu: Emulator, rec: EmuRecord): Obj | EmuResponse | undefined;
	/**
	 * Runs once the change is stored (`rec` is the record as found: the same object as `saved` after
	 * an update); an answer it returns is the answer.
	 */
	after?(req: EmuRequest, emu: Emulator, saved: EmuRecord, rec: EmuRecord): EmuResponse | undefined;
	/** The answer's body (default: BILL's view of the record). */
	answer?(req: EmuRequest, emu: Emulator, saved: EmuRecord): unknown;
}

/**
 * The find → check → store → answer handler of BILL's PUT / PATCH (and actions that change one
 * record): `guard`, 404 unless the path names a record, `change` (BILL's checks, the fields to
 * store), then the record updated or replaced in its collection, `after`, and the answer (BILL's
 * view of the record unless `answer` says otherwise).
 */
export function changeRecord(spec: ChangeSpec): Handle {
	const { find, mode, change, after, answer } = spec;
	return withRecord({
		guard: spec.guard,
		find,
		handle(req, emu, rec) {
			const fields = change(req, emu, rec);
			if (isError(fields)) return fields;
			const coll = emu.collection(req, find.collection);
			const saved = fields === undefined ? rec : mode === 'replace' ? coll.replace(rec.id, fields)! : coll.update(rec.id, fields)!;
			return after?.(req, emu, saved, rec) ?? { body: answer ? answer(req, emu, saved) : view(emu, saved) };
		},
	});
}

export interface RemoveSpec {
	/** Run first, in order (e.g. a role check); the first answer ends the request. */
	guard?: Guard | Guard[];
	/** The record the path names; BILL answers 404 BDC_1120 when there is none. */
	find: RecordRef;
	/** BILL's refusal to delete this record, if any. */
	check?(req: EmuRequest, emu: Emulator, rec: EmuRecord): EmuResponse | undefined;
	/** What goes with the record once it is removed (its members or values, a budget's assigned funds). */
	after?(req: EmuRequest, emu: Emulator, rec: EmuRecord): void;
}

/** The find → check → remove handler of a delete BILL answers with an empty 200 (Spend & Expense, webhooks). */
export function removeRecord(spec: RemoveSpec): Handle {
	const { find, check, after } = spec;
	return withRecord({
		guard: spec.guard,
		find,
		handle(req, emu, rec) {
			const refusal = check?.(req, emu, rec);
			if (refusal) return refusal;
			emu.collection(req, find.collection).remove(rec.id);
			after?.(req, emu, rec);
			return { status: 200 };
		},
	});
}

export type { Collection, EmuRecord };

/**
 * BILL's `recordStatus` of bills and invoices (changelog 2026-03-20): ACTIVE when the record is not
 * archived; any other value (INACTIVE, DRAFT, DRAFT_DELETED for bills; drafts are made in BILL's web
 * app) comes with `archived: true`. After an archive or restore, the record's status follows.
 */
export function withRecordStatus(emu: Emulator, req: EmuRequest, collection: string, res: EmuResponse): EmuResponse {
	if ((res.status ?? 200) >= 300 || !isObject(res.body) || typeof res.body.id !== 'string') return res;
	const c = emu.collection(req, collection);
	const rec = c.get(res.body.id);
	if (!rec) return res;
	// Part of the archive or restore itself: no change of its own (no second webhook event).
	rec.recordStatus = rec.archived === true ? 'INACTIVE' : 'ACTIVE';
	return { ...res, body: view(emu, rec) };
}
