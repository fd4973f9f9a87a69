/**
 * Documents with lines (credit memos, vendor credits, recurring invoices): amounts from their lines,
 * BILL's line merging for PATCH / PUT, and the handlers every such document has (create, replace,
 * update, bulk). Each document's own rules are in its resource module.
 */
import type { Obj } from '../handlers';
import { arrayBody, atElement, bodyOf, byParam, changeRecord, DATE_RE, forEndpoint, invalid, isBlank, isError, isObject, jsonObjectBody, jsonObjectOf, missing, num, refused, round2 } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { coll } from './accounts-payable';

/* ------------------------------------------------------------------ documents with lines: credit memos, vendor credits, recurring invoices */

export interface LineDoc {
	collection: string;
	linesKey: string;
	/** The counterparty field and its collection (customers / vendors). */
	party: { field: string; collection: string };
	linePrefix: string;
	/** ID prefix of the documents (BILL's reference; default: the emulator's prefix map). */
	idPrefix?: string;
	/** Line amounts in order, from price × quantity or a percentage of the lines above. */
	compute(doc: Obj): void;
	dateFields: string[];
	requiredOnCreate: string[];
	check?(b: Obj, creating: boolean): EmuResponse | undefined;
}

/** Amounts of lines priced by quantity × price or by ratePercent of the lines above (invoices, credit memos). */
// [inferred] A 0 rate or price counts as not set (forms send 0 for number fields left alone).
export const isSet = (v: unknown) => !isBlank(v) && Number(v) !== 0;

export function pricedLines(lines: Obj[]): void {
	let above = 0;
	for (const l of lines) {
		if (isSet(l.ratePercent)) l.amount = round2((num(Number(l.ratePercent)) / 100) * above);
		else if (isSet(l.price)) l.amount = round2(num(Number(isSet(l.quantity) ? l.quantity : 1)) * num(Number(l.price)));
		else l.amount = round2(num(Number(l.amount)));
		above = round2(above + num(l.amount));
	}
}

/** BILL documents up to 50 objects per bulk create of credit memos and vendor credits; [inferred] the same for their bulk updates. */
const DOCS_PER_BULK = 50;

const creditStatus = (amount: number, applied: number) => (applied <= 0 ? 'NOT_APPLIED' : applied >= amount ? 'FULLY_APPLIED' : 'PARTIALLY_APPLIED');

/** A credit (credit memo, vendor credit): its amount is the sum of its lines, its status how much of it is applied. */
export function settleCredit(doc: Obj, lines: Obj[]): void {
	doc.amount = round2(lines.reduce((s, l) => s + num(l.amount), 0));
	doc.appliedAmount = num(doc.appliedAmount);
	doc.status = creditStatus(num(doc.amount), num(doc.appliedAmount));
}

/** Merges lines the BILL way: PATCH changes the lines it names by ID and adds the others; PUT keeps only the lines it lists. */
function mergeLines(emu: Emulator, d: LineDoc, input: unknown, existing: Obj[] | undefined, mode: 'create' | 'replace' | 'update'): Obj[] | EmuResponse {
	if (!Array.isArray(input)) return invalid(d.linesKey, input);
	const current = (existing ?? []).map((l) => ({ ...l }));
	const out: Obj[] = mode === 'update' ? current : [];
	for (const [i, raw] of input.entries()) {
		if (!isObject(raw)) return invalid(`${d.linesKey}[${i}]`, raw);
		if (!isBlank(raw.id)) {
			if (mode === 'create') return invalid(`${d.linesKey}[${i}].id`, raw.id, 'New lines have no ID');
			const old = current.find((l) => l.id === raw.id);
			if (!old) return invalid(`${d.linesKey}[${i}].id`, raw.id, 'No line with this ID');
			const merged = { ...old, ...raw };
			if (mode === 'update') Object.assign(old, raw);
			else out.push(merged);
		} else {
			out.push({ ...raw, id: emu.newId(d.linePrefix) });
		}
	}
	return out;
}

/** Validates one document body and returns the fields to store (with merged lines). */
function docData(emu: Emulator, req: EmuRequest, d: LineDoc, b: Obj, mode: 'create' | 'replace' | 'update', existing?: EmuRecord): Obj | EmuResponse {
	if (mode !== 'update') for (const f of d.requiredOnCreate) if (isBlank(b[f])) return missing(f);
	const party = b[d.party.field];
	if (party !== undefined) {
		const rec = coll(emu, req, d.party.collection).get(String(party));
		if (!rec) return invalid(d.party.field, party, `No ${d.party.collection.replace(/s$/, '')} with this ID`);
		if (rec.archived === true) return refused(`${d.party.field} ${String(party)} is archived. Restore it first.`);
	}
	for (const f of d.dateFields) if (b[f] !== undefined && !DATE_RE.test(String(b[f]))) return invalid(f, b[f]);
	const bad = d.check?.(b, mode === 'create');
	if (bad) return bad;
	const data: Obj = { ...b };
	delete data.id;
	if (b[d.linesKey] !== undefined) {
		const lines = mergeLines(emu, d, b[d.linesKey], existing?.[d.linesKey] as Obj[] | undefined, mode);
		if (isError(lines)) return lines;
		if (lines.length === 0) return missing(d.linesKey);
		data[d.linesKey] = lines;
	}
	return data;
}

/** The document to store, amounts computed: new, PUT (replace, keeping BILL's own fields) or PATCH of `existing`. */
function nextDoc(d: LineDoc, data: Obj, mode: 'create' | 'replace' | 'update', existing?: EmuRecord): Obj {
	let next: Obj;
	if (mode === 'create') next = { ...data };
	else if (mode === 'replace') next = { appliedAmount: existing!.appliedAmount, archived: existing!.archived, ...data };
	else next = { ...JSON.parse(JSON.stringify(existing)), ...data };
	if (isObject(existing?.schedule) && isObject(data.schedule) && mode === 'update') next.schedule = { ...existing!.schedule, ...data.schedule };
	d.compute(next);
	return next;
}

/** Saves a document: insert, PUT or PATCH (see nextDoc). */
function saveDoc(emu: Emulator, req: EmuRequest, d: LineDoc, data: Obj, mode: 'create' | 'replace' | 'update', existing?: EmuRecord): EmuRecord {
	const c = coll(emu, req, d.collection);
	const next = nextDoc(d, data, mode, existing);
	if (mode === 'create') return c.insert(next, d.idPrefix ? { prefix: d.idPrefix } : {});
	return mode === 'replace' ? c.replace(existing!.id, next)! : c.update(existing!.id, next)!;
}

/**
 * The handlers of a document resource at `path` (e.g. `/v3/credit-memos`): create, replace, update
 * and, with `bulkKey` (BILL's key of the bulk answers), their bulk forms.
 */
export function docHandlers(d: LineDoc, path: string, idParam: string, bulkKey?: string): CustomHandler[] {
	const out: CustomHandler[] = [
		forEndpoint(`POST ${path}`, (req, emu: Emulator) => {
			const b = jsonObjectOf(req);
			if (isError(b)) return b;
			const data = docData(emu, req, d, b, 'create');
			if (isError(data)) return data;
			return { status: 201, body: emu.view(saveDoc(emu, req, d, data, 'create')) };
		}),
		...(['replace', 'update'] as const).map(
			(mode): CustomHandler =>
				forEndpoint(`${mode === 'replace' ? 'PUT' : 'PATCH'} ${path}/{${idParam}}`, changeRecord({
					guard: jsonObjectBody,
					find: byParam(d.collection, idParam),
					mode,
					change(req, emu: Emulator, existing) {
						const data = docData(emu, req, d, bodyOf(req), mode, existing);
						return isError(data) ? data : nextDoc(d, data, mode, existing);
					},
				})),
		),
	];
	if (!bulkKey) return out;
	const bulk = (mode: 'create' | 'replace' | 'update'): CustomHandler =>
		forEndpoint(`${mode === 'create' ? 'POST' : mode === 'replace' ? 'PUT' : 'PATCH'} ${path}/bulk`, (req, emu: Emulator) => {
			const els = arrayBody(req, DOCS_PER_BULK, 'objects');
			if (isError(els)) return els;
			const c = coll(emu, req, d.collection);
			// All or nothing: validate every element first.
			const plans: Array<{ data: Obj; existing?: EmuRecord }> = [];
			for (const [i, el] of els.entries()) {
				if (!isObject(el)) return invalid(`[${i}]`, el);
				let existing: EmuRecord | undefined;
				if (mode !== 'create') {
					if (isBlank(el.id)) return missing(`[${i}].id`);
					existing = c.get(String(el.id));
					if (!existing) return invalid(`[${i}].id`, el.id, 'No object with this ID');
				}
				const data = docData(emu, req, d, el, mode, existing);
				if (isError(data)) return atElement(i, data);
				plans.push({ data, existing });
			}
			const saved = plans.map((p) => emu.view(saveDoc(emu, req, d, p.data, mode, p.existing)));
			return { status: mode === 'create' ? 201 : 200, body: { [bulkKey]: saved } };
		});
	return [...out, bulk('create'), bulk('replace'), bulk('update')];
}
