import { randomUUID } from 'crypto';
import type { RecordRef } from '../handlers';
import { forEndpoint, isBlank, perEmulator } from '../handlers';
import { parseFilters } from '../list';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';

/**
 * Custom emulator handlers for the Spend & Expense API (`/v3/spend/...`, `apiToken` auth), where
 * BILL does more than generic CRUD: IDs *or* UUIDs in every path, budgets with their members and
 * periods, vendor cards (freeze, PAN JWT), custom fields and values, reimbursements (upload URL,
 * approve / deny, receipts), card transactions (custom fields, receipts, 3-D Secure) and the
 * current user of the token.
 *
 * Spend & Expense has no endpoint that creates a card transaction: tests create them with
 * `simulateCardTransaction()` (and 3-D Secure challenges with `simulate3dsChallenge()`), the way
 * card networks would. Shapes follow BILL's Postman collection; statuses and refusals BILL does
 * not document are marked [inferred].
 */

/* ------------------------------------------------------------------ helpers */

/** Collections of the Spend & Expense objects (as the generic routes derive them). */
export const SPEND = {
	budgets: 'spend/budgets',
	members: 'spend/budgets/members',
	cards: 'spend/cards',
	customFields: 'spend/custom-fields',
	values: 'spend/custom-fields/values',
	reimbursements: 'spend/reimbursements',
	transactions: 'spend/transactions',
	users: 'spend/users',
	challenges: 'spend/3ds-challenges',
} as const;

/** Path parameter → collection whose records it names (by ID or UUID). */
const PARAM_COLLECTIONS: Record<string, string> = {
	budgetId: SPEND.budgets,
	cardId: SPEND.cards,
	customFieldId: SPEND.customFields,
	customFieldValueId: SPEND.values,
	reimbursementId: SPEND.reimbursements,
	transactionId: SPEND.transactions,
	userId: SPEND.users,
};

/** BILL accepts an S&E object's `id` or its `uuid` (and recommends the UUID). */
export function findSpend(coll: Collection, idOrUuid: unknown): EmuRecord | undefined {
	if (isBlank(idOrUuid)) return undefined;
	const key = String(idOrUuid);
	return coll.get(key) ?? coll.find((r) => r.uuid === key);
}

export const spendColl = (emu: Emulator, req: EmuRequest, name: string) => emu.collection(req, name);

/** The record the path param names in an S&E collection, by ID or UUID. */
export const bySpend = (collection: string, param: string): RecordRef => ({
	collection,
	find: (emu, req) => findSpend(spendColl(emu, req, collection), req.params[param]),
});

/** Rewrites path params given as UUIDs to the records' IDs, so generic behaviour finds them. */
export function normalizeParams(emu: Emulator, req: EmuRequest): void {
	for (const [name, value] of Object.entries(req.params)) {
		const coll = PARAM_COLLECTIONS[name];
		if (!coll) continue;
		const rec = findSpend(spendColl(emu, req, coll), value);
		if (rec) req.params[name] = rec.id;
	}
}

/** A new S&E record: base64 global ID + UUID, no Connect bookkeeping (`archived`). */
export function insertSpend(emu: Emulator, req: EmuRequest | string, name: string, data: Record<string, unknown>): EmuRecord {
	const coll = typeof req === 'string' ? emu.store.collection(name, req) : spendColl(emu, req, name);
	const rec = coll.insert({ uuid: randomUUID(), ...data }, { bare: true });
	return rec;
}

/* ------------------------------------------------------------------ per-emulator state */

interface SpendState {
	/** Upload URLs handed out (image-upload-url / receipt-upload-url). */
	uploadUrls: Set<string>;
	/** Tokens added by addSpendToken() (removed from the config on reset). */
	addedTokens: Set<string>;
}

export const state = perEmulator<SpendState>(() => ({ uploadUrls: new Set(), addedTokens: new Set() }));

/* ------------------------------------------------------------------ list filters on IDs */

/**
 * S&E list filters name objects by ID *or* UUID (`budgetIds:eq:<uuid>`, `cardId:in:"a,b"`): the
 * emulator resolves them to records before the generic filters run.
 * `idsFilter`: the filter naming the listed objects themselves (e.g. `budgetIds`).
 */
export function spendList(emu: Emulator, req: EmuRequest, records: EmuRecord[], idsFilter?: string, refFields: Record<string, string> = {}): EmuResponse {
	let filters;
	try {
		filters = parseFilters(req.query.filters);
	} catch {
		return emu.listResponse(req, records); // the generic list reports the error
	}
	const rest: string[] = [];
	let selected = records;
	for (const f of filters) {
		if (idsFilter && f.field === idsFilter && (f.op === 'eq' || f.op === 'in')) {
			const wanted = new Set(f.values);
			selected = selected.filter((r) => wanted.has(r.id) || wanted.has(String(r.uuid)));
			continue;
		}
		const coll = refFields[f.field];
		if (coll && (f.op === 'eq' || f.op === 'in' || f.op === 'ne' || f.op === 'nin')) {
			const ids = f.values.map((v) => findSpend(spendColl(emu, req, coll), v)?.id ?? v);
			const quoted = f.op === 'in' || f.op === 'nin' ? `"${ids.join(',')}"` : ids[0];
			rest.push(`${f.field}:${f.op}:${quoted}`);
			continue;
		}
		const value = f.op === 'in' || f.op === 'nin' || /[,:]/.test(f.value) ? `"${f.values.join(',')}"` : f.value;
		rest.push(`${f.field}:${f.op}:${value}`);
	}
	const original = req.query.filters;
	if (original !== undefined) req.query.filters = rest.join(',');
	const res = emu.listResponse(req, selected);
	if (original !== undefined) req.query.filters = original;
	return res;
}

/** The list `endpoint` of an S&E resource: `idsFilter` names the listed objects, `refFields` other objects, by ID or UUID. */
export function listHandler(endpoint: string, collection: string, idsFilter: string, refFields?: Record<string, string>): CustomHandler {
	return forEndpoint(endpoint, (req, emu: Emulator) => spendList(emu, req, spendColl(emu, req, collection).list(), idsFilter, refFields));
}
