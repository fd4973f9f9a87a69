/**
 * Helpers shared by the custom handlers of every family: BILL's error responses, body checks,
 * patch building and the handler builders that look a record up before the handler runs.
 */
import { BDC, bdcError } from '../errors';
import type { BillEmulator } from '../server';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, EmuBase, EmuRequest, EmuResponse } from '../types';

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
export const today = (emu: BillEmulator) => emu.now().slice(0, 10);

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

export const view = (emu: BillEmulator, rec: EmuRecord) => emu.view(rec) as Obj;

/** The fields of `keys` that `b` sets (not undefined), copied into `into` (a new patch by default). */
export function pickDefined(b: Obj, keys: readonly string[], into: Obj = {}): Obj {
	for (const k of keys) if (b[k] !== undefined) into[k] = b[k];
	return into;
}

/** Per-emulator state of a module, made on first use. */
export function perEmulator<T>(make: () => T): (emu: BillEmulator) => T {
	const states = new WeakMap<BillEmulator, T>();
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

/** Runs before a handler (a role, session or body check); an answer ends the request. */
export type Guard = (emu: BillEmulator, req: EmuRequest) => EmuResponse | undefined;

/** BILL's answer to a body it cannot parse as the JSON it expects (BDC_1122); `detail` is appended to the message. */
export const jsonParseError = (detail = '') => bdcError(400, BDC.jsonParse.code, `${BDC.jsonParse.message}${detail}`);

/** Whether the request has a body that is not a JSON object. */
export const notJsonObject = (req: EmuRequest) => req.body !== undefined && !isObject(req.body);

/** BILL refuses a body that is there but is not a JSON object (BDC_1122). */
export const jsonObjectBody: Guard = (_emu, req) => (notJsonObject(req) ? jsonParseError() : undefined);

function runGuards(guard: Guard | Guard[] | undefined, emu: BillEmulator, req: EmuRequest): EmuResponse | undefined {
	for (const g of guard === undefined ? [] : Array.isArray(guard) ? guard : [guard]) {
		const denied = g(emu, req);
		if (denied) return denied;
	}
	return undefined;
}

export interface GuardedHandlerSpec {
	method: string;
	path: string;
	base?: EmuBase;
	/** Run first, in order; the first answer ends the request. */
	guard: Guard | Guard[];
	handle(req: EmuRequest, emu: BillEmulator): EmuResponse | Promise<EmuResponse>;
}

/** A handler that runs `guard` first. */
export function withGuard(spec: GuardedHandlerSpec): CustomHandler {
	const { guard, handle, ...route } = spec;
	return {
		...route,
		handle(req, emu: BillEmulator) {
			return runGuards(guard, emu, req) ?? handle(req, emu);
		},
	};
}

/** Finds the record a request names (by path param), or nothing. */
export type RecordLookup = (emu: BillEmulator, req: EmuRequest) => EmuRecord | undefined;

/** Looks `req.params[param]` up by ID in the request's `collection`. */
export const byParam =
	(collection: string, param: string): RecordLookup =>
	(emu, req) =>
		emu.collection(req, collection).get(req.params[param]);

export interface RecordHandlerSpec {
	method: string;
	path: string;
	base?: EmuBase;
	/** Run first, in order (e.g. a role or body check); the first answer ends the request. */
	guard?: Guard | Guard[];
	/** The record the path names; BILL answers 404 BDC_1120 when there is none. */
	find: RecordLookup;
	handle(req: EmuRequest, emu: BillEmulator, rec: EmuRecord): EmuResponse | Promise<EmuResponse>;
}

/** A handler that runs `guard`, then answers 404 unless the path names a record, then `handle`. */
export function withRecord(spec: RecordHandlerSpec): CustomHandler {
	const { guard, find, handle, ...route } = spec;
	return {
		...route,
		handle(req, emu: BillEmulator) {
			const denied = runGuards(guard, emu, req);
			if (denied) return denied;
			const rec = find(emu, req);
			if (!rec) return notFound();
			return handle(req, emu, rec);
		},
	};
}

export type { Collection, EmuRecord };
