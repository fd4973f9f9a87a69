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
import { createHmac, randomUUID } from 'crypto';
import type { OperationDef } from '../../../nodes/Bill/catalog/types';
import { allOperations } from '../../../nodes/Bill/resources';
import { SEED } from '../config';
import { bdcError } from '../errors';
import { parseFilters } from '../list';
import type { BillEmulator } from '../server';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, EmuRequest, EmuResponse } from '../types';
import { DATE_RE, bodyOf, byParam, changeRecord, forOperation, forTableOperation, removeRecord, invalid, isBlank, isError, isObject, missing, notFound, perEmulator, pickDefined, round2, view, withGuard, withRecord } from './common';
import type { Obj, RecordRef } from './common';

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

const spendColl = (emu: BillEmulator, req: EmuRequest, name: string) => emu.collection(req, name);

/** The record the path param names in an S&E collection, by ID or UUID. */
const bySpend = (collection: string, param: string): RecordRef => ({
	collection,
	find: (emu, req) => findSpend(spendColl(emu, req, collection), req.params[param]),
});

/** Rewrites path params given as UUIDs to the records' IDs, so generic behaviour finds them. */
function normalizeParams(emu: BillEmulator, req: EmuRequest): void {
	for (const [name, value] of Object.entries(req.params)) {
		const coll = PARAM_COLLECTIONS[name];
		if (!coll) continue;
		const rec = findSpend(spendColl(emu, req, coll), value);
		if (rec) req.params[name] = rec.id;
	}
}

/** A new S&E record: base64 global ID + UUID, no Connect bookkeeping (`archived`). */
function insertSpend(emu: BillEmulator, req: EmuRequest | string, name: string, data: Record<string, unknown>): EmuRecord {
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

const state = perEmulator<SpendState>(() => ({ uploadUrls: new Set(), addedTokens: new Set() }));

/* ------------------------------------------------------------------ users and the token owner */

export const SPEND_ROLES = ['ADMIN', 'AUDITOR', 'BOOKKEEPER', 'MEMBER'];

function userView(emu: BillEmulator, rec: EmuRecord): Record<string, unknown> {
	return view(emu, rec);
}

/** The user whose API token made the request. */
function tokenOwner(emu: BillEmulator, req: EmuRequest): EmuRecord | undefined {
	const token = String(req.auth.limitKey ?? '').replace(/^spend:/, '');
	return spendColl(emu, req, SPEND.users).find((u) => Array.isArray(u._tokens) && (u._tokens as string[]).includes(token));
}

/** BILL: budgets, cards, users and approvals need the ADMIN role. The refusal's code is [inferred]. */
function requireAdmin(emu: BillEmulator, req: EmuRequest): EmuResponse | undefined {
	const owner = tokenOwner(emu, req);
	if (owner && owner.role === 'ADMIN') return undefined;
	return bdcError(403, 'BDC_1143', 'The API token user does not have the ADMIN role required for this operation.');
}

function newUser(emu: BillEmulator, orgKey: string, b: Record<string, unknown>, tokens: string[] = []): EmuRecord {
	const rec = insertSpend(emu, orgKey, SPEND.users, {
		firstName: b.firstName,
		lastName: b.lastName,
		email: b.email,
		receiptEmail: b.email,
		retired: false,
		useCompanyMailingAddress: false,
		smsOptIn: false,
		hasDateOfBirth: !isBlank(b.dateOfBirth),
		role: b.role,
		createdTime: emu.now(),
		...(isBlank(b.dateOfBirth) ? {} : { _dateOfBirth: b.dateOfBirth }),
		...(tokens.length ? { _tokens: tokens } : {}),
	});
	return rec;
}

/**
 * Adds an API token for a user of an S&E company (e.g. a MEMBER, to see BILL refuse admin
 * operations). Returns the token.
 */
export function addSpendToken(emu: BillEmulator, organizationId: string, userIdOrUuid: string, token = `spend-token-${randomUUID()}`): string {
	const user = findSpend(emu.store.collection(SPEND.users, organizationId), userIdOrUuid);
	if (!user) throw new Error(`No Spend & Expense user ${userIdOrUuid} in ${organizationId}`);
	user._tokens = [...((user._tokens as string[] | undefined) ?? []), token];
	emu.config.spendTokens = [...emu.config.spendTokens, { token, organizationId }];
	state(emu).addedTokens.add(token);
	return token;
}

/** Each configured token belongs to an ADMIN user of its company (the one who generated it in the web app). */
export function seed(emu: BillEmulator): void {
	const s = state(emu);
	s.uploadUrls.clear();
	// Tokens added by addSpendToken() live only until reset.
	emu.config.spendTokens = emu.config.spendTokens.filter((t) => !s.addedTokens.has(t.token));
	s.addedTokens.clear();
	const byOrg = new Map<string, string[]>();
	for (const t of emu.config.spendTokens) byOrg.set(t.organizationId, [...(byOrg.get(t.organizationId) ?? []), t.token]);
	for (const [orgId, tokens] of byOrg) {
		newUser(emu, orgId, { firstName: 'Emma', lastName: 'Ulator', email: SEED.username, role: 'ADMIN' }, tokens);
	}
}

function checkUserBody(emu: BillEmulator, req: EmuRequest, b: Record<string, unknown>, current?: EmuRecord): EmuResponse | undefined {
	if (b.role !== undefined && !SPEND_ROLES.includes(String(b.role))) return invalid('role', b.role);
	if (b.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(b.email))) return invalid('email', b.email);
	if (b.dateOfBirth !== undefined && b.dateOfBirth !== null && !DATE_RE.test(String(b.dateOfBirth))) return invalid('dateOfBirth', b.dateOfBirth);
	if (b.email !== undefined) {
		const taken = spendColl(emu, req, SPEND.users).find((u) => u !== current && String(u.email).toLowerCase() === String(b.email).toLowerCase());
		if (taken) return invalid('email', `${String(b.email)} (a user with this email exists)`);
	}
	return undefined;
}

const userHandlers: CustomHandler[] = [
	forOperation('spendUser', 'create', withGuard({
		guard: requireAdmin,
		handle(req, emu: BillEmulator) {
			const b = bodyOf(req);
			for (const f of ['firstName', 'lastName', 'email', 'role']) if (isBlank(b[f])) return missing(f);
			const bad = checkUserBody(emu, req, b);
			if (bad) return bad;
			return { body: userView(emu, newUser(emu, emu.orgKeyOf(req), b)) };
		},
	})),
	forOperation('spendUser', 'getCurrent', (req, emu: BillEmulator) => {
		const owner = tokenOwner(emu, req);
		return owner ? { body: userView(emu, owner) } : notFound();
	}),
	forOperation('spendUser', 'update', changeRecord({
		guard: requireAdmin,
		find: bySpend(SPEND.users, 'userId'),
		mode: 'update',
		change(req, emu: BillEmulator, rec) {
			const b = bodyOf(req);
			const bad = checkUserBody(emu, req, b, rec);
			if (bad) return bad;
			const patch = pickDefined(b, ['firstName', 'lastName', 'email', 'role']);
			if (b.email !== undefined) patch.receiptEmail = b.email;
			if (b.dateOfBirth !== undefined) {
				patch._dateOfBirth = b.dateOfBirth;
				patch.hasDateOfBirth = !isBlank(b.dateOfBirth);
			}
			return patch;
		},
	})),
	forOperation('spendUser', 'delete', removeRecord({
		guard: requireAdmin,
		find: bySpend(SPEND.users, 'userId'),
		check: (req, emu: BillEmulator, rec) => (rec === tokenOwner(emu, req) ? invalid('userId', `${rec.id} (the API token user cannot delete itself)`) : undefined),
		after(req, emu: BillEmulator, rec) {
			// The user leaves every budget.
			const members = spendColl(emu, req, SPEND.members);
			for (const m of members.list((x) => x.userId === rec.id)) members.remove(m.id);
		},
	})),
];

/* ------------------------------------------------------------------ list filters on IDs */

/**
 * S&E list filters name objects by ID *or* UUID (`budgetIds:eq:<uuid>`, `cardId:in:"a,b"`): the
 * emulator resolves them to records before the generic filters run.
 * `idsFilter`: the filter naming the listed objects themselves (e.g. `budgetIds`).
 */
function spendList(emu: BillEmulator, req: EmuRequest, records: EmuRecord[], idsFilter?: string, refFields: Record<string, string> = {}): EmuResponse {
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

/** Get Many of an S&E resource: `idsFilter` names the listed objects, `refFields` other objects, by ID or UUID. */
function listHandler(resource: string, collection: string, idsFilter: string, refFields?: Record<string, string>): CustomHandler {
	return forOperation(resource, 'getAll', (req, emu: BillEmulator) => spendList(emu, req, spendColl(emu, req, collection).list(), idsFilter, refFields));
}

/* ------------------------------------------------------------------ budgets and members */

const INTERVALS = ['NONE', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'];
const SHARE_FUNDS = ['SHARE_WITH_ALL_MEMBERS', 'SHARE_MANUALLY', 'SHARE_ALL_OWNERS_BUT_MEMBERS_MANUALLY'];
const BUDGET_ROLES = ['OWNER', 'MEMBER', 'OBSERVER'];

/** First and last day of the budget period containing `today`. */
function periodOf(interval: string, today: string): { startDate: string; endDate: string | null } {
	const d = new Date(`${today}T00:00:00.000Z`);
	const iso = (x: Date) => x.toISOString().slice(0, 10);
	const y = d.getUTCFullYear();
	const m = d.getUTCMonth();
	switch (interval) {
		case 'DAILY':
			return { startDate: today, endDate: today };
		case 'WEEKLY': {
			const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
			const start = new Date(Date.UTC(y, m, d.getUTCDate() - dow));
			return { startDate: iso(start), endDate: iso(new Date(start.getTime() + 6 * 86400000)) };
		}
		case 'MONTHLY':
			return { startDate: iso(new Date(Date.UTC(y, m, 1))), endDate: iso(new Date(Date.UTC(y, m + 1, 0))) };
		case 'QUARTERLY': {
			const q = Math.floor(m / 3) * 3;
			return { startDate: iso(new Date(Date.UTC(y, q, 1))), endDate: iso(new Date(Date.UTC(y, q + 3, 0))) };
		}
		case 'YEARLY':
			return { startDate: iso(new Date(Date.UTC(y, 0, 1))), endDate: iso(new Date(Date.UTC(y, 11, 31))) };
		default:
			return { startDate: today, endDate: null };
	}
}

/** BILL's budget rules (Create a budget reference). */
function checkBudgetRules(b: Record<string, unknown>): EmuResponse | undefined {
	const interval = String(b.recurringInterval);
	if (!INTERVALS.includes(interval)) return invalid('recurringInterval', b.recurringInterval);
	if (b.shareFunds !== undefined && !SHARE_FUNDS.includes(String(b.shareFunds))) return invalid('shareFunds', b.shareFunds);
	if (b.expirationDate !== undefined && b.expirationDate !== null && !DATE_RE.test(String(b.expirationDate))) return invalid('expirationDate', b.expirationDate);
	const limitless = b.limitlessOverspend === true;
	if (limitless && (interval === 'DAILY' || interval === 'WEEKLY')) return invalid('limitlessOverspend', 'true (not for DAILY or WEEKLY budgets)');
	if (!limitless && isBlank(b.limit)) return missing('limit');
	if (limitless && !isBlank(b.overspendBuffer)) return invalid('overspendBuffer', `${String(b.overspendBuffer)} (not for limitless budgets)`);
	if (!limitless && !isBlank(b.limitlessGoal)) return invalid('limitlessGoal', `${String(b.limitlessGoal)} (only for limitless budgets)`);
	if (interval !== 'NONE' && isBlank(b.recurringLimit)) return missing('recurringLimit');
	if (b.recurMonth !== undefined && b.recurMonth !== null) {
		const n = Number(b.recurMonth);
		if (!Number.isInteger(n) || n < 1 || n > 12) return invalid('recurMonth', b.recurMonth);
		if (interval !== 'QUARTERLY' && interval !== 'YEARLY') return invalid('recurMonth', `${n} (only for QUARTERLY or YEARLY budgets)`);
	}
	return undefined;
}

function resolveUsers(emu: BillEmulator, req: EmuRequest, field: string, v: unknown): EmuRecord[] | EmuResponse {
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v)) return invalid(field, v);
	const users = spendColl(emu, req, SPEND.users);
	const out: EmuRecord[] = [];
	for (const id of v) {
		const u = findSpend(users, id);
		if (!u || u.retired === true) return invalid(field, id);
		out.push(u);
	}
	return out;
}

function memberName(u: EmuRecord): string {
	return `${String(u.firstName ?? '')} ${String(u.lastName ?? '')}`.trim();
}

/** Adds or updates a member of a budget. Returns the member record or an error. */
function upsertMember(emu: BillEmulator, req: EmuRequest, budget: EmuRecord, userIdOrUuid: unknown, b: Record<string, unknown>): EmuRecord | EmuResponse {
	const user = findSpend(spendColl(emu, req, SPEND.users), userIdOrUuid);
	if (!user || user.retired === true) return invalid('userId', userIdOrUuid);
	if (b.role !== undefined && !BUDGET_ROLES.includes(String(b.role))) return invalid('role', b.role);
	const share = b.shareBudgetFunds === true;
	if (share && (!isBlank(b.limit) || !isBlank(b.recurringLimit))) return invalid('shareBudgetFunds', 'true (leave limit and recurringLimit empty)');
	const members = spendColl(emu, req, SPEND.members);
	const existing = members.find((m) => m.userId === user.id && (m._scope as Record<string, unknown>)?.budgetId === budget.id);
	if (!existing && !share && (isBlank(b.limit) || (budget.recurringInterval !== 'NONE' && isBlank(b.recurringLimit)))) {
		// "If shareBudgetFunds is false, limit and recurringLimit must be set."
		return missing(isBlank(b.limit) ? 'limit' : 'recurringLimit');
	}
	const patch: Record<string, unknown> = {
		...(b.limit !== undefined ? { limit: b.limit === null ? null : Number(b.limit) } : {}),
		...(b.recurringLimit !== undefined ? { recurringLimit: b.recurringLimit === null ? null : Number(b.recurringLimit), recurring: b.recurringLimit !== null } : {}),
		...(b.role !== undefined ? { budgetRole: b.role } : {}),
		...(b.shareBudgetFunds !== undefined ? { shareBudgetFunds: share } : {}),
		// Assigning funds to a member ends sharing all budget funds with them.
		...(b.shareBudgetFunds === undefined && (!isBlank(b.limit) || !isBlank(b.recurringLimit)) ? { shareBudgetFunds: false } : {}),
		...(share ? { limit: null, recurringLimit: null, recurring: false } : {}),
	};
	if (existing) return members.update(existing.id, patch)!;
	return members.insert(
		{
			userId: user.id,
			userUuid: user.uuid,
			spent: 0,
			limit: null,
			recurringLimit: null,
			recurring: false,
			budgetRole: 'MEMBER',
			name: memberName(user),
			retired: false,
			shareBudgetFunds: false,
			...patch,
			_scope: { budgetId: budget.id },
		},
		{ bare: true },
	);
}

/** Member record → BILL's member object. */
const memberView = (emu: BillEmulator, m: EmuRecord) => {
	const out = view(emu, m);
	delete out.id;
	return out;
};

function budgetMembers(emu: BillEmulator, req: EmuRequest, budget: EmuRecord): EmuRecord[] {
	return spendColl(emu, req, SPEND.members).list((m) => (m._scope as Record<string, unknown>)?.budgetId === budget.id);
}

/** Refreshes a budget's assigned funds from its members and cards. */
function refreshAssigned(emu: BillEmulator, req: EmuRequest | string, budget: EmuRecord): void {
	const orgKey = typeof req === 'string' ? req : emu.orgKeyOf(req);
	const members = emu.store.collection(SPEND.members, orgKey).list((m) => (m._scope as Record<string, unknown>)?.budgetId === budget.id);
	const cards = emu.store.collection(SPEND.cards, orgKey).list((c) => c.budgetId === budget.id);
	const assigned = [...members, ...cards.map((c) => ({ limit: (c.currentPeriod as Record<string, unknown>)?.limit }))].reduce(
		(s, x) => s + (typeof x.limit === 'number' ? x.limit : 0),
		0,
	);
	if (!isObject(budget.currentPeriod)) budget.currentPeriod = { limit: null, overspendBuffer: null, assigned: 0, spent: { cleared: 0, pending: 0, total: 0 } };
	(budget.currentPeriod as Record<string, unknown>).assigned = round2(assigned);
}

function budgetFields(b: Record<string, unknown>): Record<string, unknown> {
	const out = pickDefined(b, ['name', 'description', 'expirationDate', 'recurringInterval', 'timezone', 'autoAddUsers', 'receiptRequired', 'maxTxSize', 'carryOver', 'budgetGroup', 'shareFunds', 'recurringLimit', 'limitlessOverspend', 'limitlessGoal']);
	if (b.recurMonth !== undefined) out._recurMonth = b.recurMonth;
	return out;
}

const BUDGET = bySpend(SPEND.budgets, 'budgetId');

const budgetHandlers: CustomHandler[] = [
	listHandler('budget', SPEND.budgets, 'budgetIds'),
	forOperation('budget', 'create', withGuard({
		guard: requireAdmin,
		handle(req, emu: BillEmulator) {
			const b = bodyOf(req);
			for (const f of ['name', 'owners', 'recurringInterval']) if (isBlank(b[f])) return missing(f);
			const owners = resolveUsers(emu, req, 'owners', b.owners);
			if (!Array.isArray(owners)) return owners;
			if (owners.length === 0) return missing('owners');
			const members = resolveUsers(emu, req, 'members', b.members);
			if (!Array.isArray(members)) return members;
			const observers = resolveUsers(emu, req, 'observers', b.observers);
			if (!Array.isArray(observers)) return observers;
			const rule = checkBudgetRules(b);
			if (rule) return rule;
			let parent: EmuRecord | undefined;
			if (!isBlank(b.parentBudgetId)) {
				parent = findSpend(spendColl(emu, req, SPEND.budgets), b.parentBudgetId);
				if (!parent || parent.budgetGroup !== true) return invalid('parentBudgetId', b.parentBudgetId);
			}
			const interval = String(b.recurringInterval);
			const today = emu.now().slice(0, 10);
			const budget = insertSpend(emu, req, SPEND.budgets, {
				name: b.name,
				description: b.description ?? null,
				retired: false,
				startDate: today,
				expirationDate: b.expirationDate ?? null,
				recurringInterval: interval,
				timezone: b.timezone ?? 'US/Pacific',
				autoAddUsers: b.autoAddUsers === true,
				receiptRequired: b.receiptRequired === true,
				maxTxSize: b.maxTxSize ?? null,
				carryOver: b.carryOver === true,
				default: false,
				parentBudgetId: parent?.id ?? null,
				parentBudgetUuid: parent?.uuid ?? null,
				budgetGroup: b.budgetGroup === true,
				shareFunds: b.shareFunds ?? 'SHARE_WITH_ALL_MEMBERS',
				recurringLimit: b.recurringLimit ?? null,
				limitlessOverspend: b.limitlessOverspend === true,
				limitlessGoal: b.limitlessGoal ?? null,
				currentPeriod: {
					...periodOf(interval, today),
					limit: b.limit ?? null,
					overspendBuffer: b.overspendBuffer ?? null,
					assigned: 0,
					spent: { cleared: 0, pending: 0, total: 0 },
				},
				createdTime: emu.now(),
				...(b.recurMonth !== undefined ? { _recurMonth: b.recurMonth } : {}),
			});
			// Owners, members and observers join the budget sharing its funds.
			const roles: Array<[EmuRecord[], string]> = [
				[owners, 'OWNER'],
				[members, 'MEMBER'],
				[observers, 'OBSERVER'],
			];
			for (const [users, role] of roles) for (const u of users) upsertMember(emu, req, budget, u.id, { role, shareBudgetFunds: true });
			return { body: view(emu, budget) };
		},
	})),
	forOperation('budget', 'update', changeRecord({
		guard: requireAdmin,
		find: BUDGET,
		mode: 'update',
		change(req, emu: BillEmulator, budget) {
			const b = bodyOf(req);
			const period = isObject(budget.currentPeriod) ? budget.currentPeriod : {};
			const merged = { ...budget, limit: period.limit, overspendBuffer: period.overspendBuffer, ...b };
			const rule = checkBudgetRules(merged);
			if (rule) return rule;
			const patch = budgetFields(b);
			const periodPatch: Record<string, unknown> = {};
			if (b.limit !== undefined) periodPatch.limit = b.limit;
			if (b.overspendBuffer !== undefined) periodPatch.overspendBuffer = b.overspendBuffer;
			if (b.recurringInterval !== undefined) Object.assign(periodPatch, periodOf(String(b.recurringInterval), emu.now().slice(0, 10)));
			if (Object.keys(periodPatch).length) patch.currentPeriod = periodPatch;
			return patch;
		},
	})),
	forOperation('budget', 'delete', removeRecord({
		guard: requireAdmin,
		find: BUDGET,
		check(req, emu: BillEmulator, budget) {
			const cards = spendColl(emu, req, SPEND.cards).list((c) => c.budgetId === budget.id);
			// [inferred] BILL keeps card history; the emulator refuses while cards still spend from the budget.
			return cards.length ? invalid('budgetId', `${budget.id} (delete or move its ${cards.length} card(s) first)`) : undefined;
		},
		after(req, emu: BillEmulator, budget) {
			for (const m of budgetMembers(emu, req, budget)) spendColl(emu, req, SPEND.members).remove(m.id);
		},
	})),
	forOperation('budgetMember', 'getAll', withRecord({
		find: BUDGET,
		handle(req, emu: BillEmulator, budget) {
			const res = spendList(emu, req, budgetMembers(emu, req, budget));
			if (isObject(res.body) && Array.isArray(res.body.results)) {
				res.body.results = (res.body.results as Array<Record<string, unknown>>).map((m) => {
					const { id: _id, ...rest } = m;
					void _id;
					return rest;
				});
			}
			return res;
		},
	})),
	forOperation('budgetMember', 'get', withRecord({
		find: BUDGET,
		handle(req, emu: BillEmulator, budget) {
			const user = findSpend(spendColl(emu, req, SPEND.users), req.params.userId);
			const member = user && budgetMembers(emu, req, budget).find((m) => m.userId === user.id);
			return member ? { body: memberView(emu, member) } : notFound();
		},
	})),
	forOperation('budgetMember', 'upsert', withRecord({
		guard: requireAdmin,
		find: BUDGET,
		handle(req, emu: BillEmulator, budget) {
			const res = upsertMember(emu, req, budget, req.params.userId, bodyOf(req));
			if (!('id' in res)) return res;
			refreshAssigned(emu, req, budget);
			return { body: memberView(emu, res) };
		},
	})),
	forOperation('budgetMember', 'updateMany', withRecord({
		guard: requireAdmin,
		find: BUDGET,
		handle(req, emu: BillEmulator, budget) {
			const b = bodyOf(req);
			if (!Array.isArray(b.members) || b.members.length === 0) return missing('members');
			// All or nothing: check every member before changing any.
			const users = spendColl(emu, req, SPEND.users);
			for (const [i, m] of b.members.entries()) {
				if (!isObject(m) || isBlank(m.userId)) return missing(`members[${i}].userId`);
				if (!findSpend(users, m.userId)) return invalid(`members[${i}].userId`, m.userId);
				if (m.role !== undefined && !BUDGET_ROLES.includes(String(m.role))) return invalid(`members[${i}].role`, m.role);
			}
			for (const m of b.members as Array<Record<string, unknown>>) {
				const res = upsertMember(emu, req, budget, m.userId, m);
				if (!('id' in res)) return res;
			}
			refreshAssigned(emu, req, budget);
			return { body: { status: 'SUCCESS' } };
		},
	})),
	forOperation('budgetMember', 'delete', withRecord({
		guard: requireAdmin,
		find: BUDGET,
		handle(req, emu: BillEmulator, budget) {
			const user = findSpend(spendColl(emu, req, SPEND.users), req.params.userId);
			const member = user && budgetMembers(emu, req, budget).find((m) => m.userId === user.id);
			if (!member) return notFound();
			spendColl(emu, req, SPEND.members).remove(member.id);
			refreshAssigned(emu, req, budget);
			return { status: 200 };
		},
	})),
];

/* ------------------------------------------------------------------ cards */

const CARD_DELETE_REASONS = ['CANCELLED', 'LOST', 'STOLEN', 'MISPLACED'];

function validThru(expirationDate: unknown, createdTime: string): string {
	const d = typeof expirationDate === 'string' && DATE_RE.test(expirationDate) ? expirationDate : `${Number(createdTime.slice(0, 4)) + 3}${createdTime.slice(4, 10)}`;
	return `${d.slice(5, 7)}/${d.slice(2, 4)}`;
}

const CARD = bySpend(SPEND.cards, 'cardId');

const cardHandlers: CustomHandler[] = [
	listHandler('card', SPEND.cards, 'cardIds', { userId: SPEND.users, budgetId: SPEND.budgets }),
	forOperation('card', 'create', withGuard({
		guard: requireAdmin,
		handle(req, emu: BillEmulator) {
			const b = bodyOf(req);
			for (const f of ['name', 'userId', 'budgetId']) if (isBlank(b[f])) return missing(f);
			const user = findSpend(spendColl(emu, req, SPEND.users), b.userId);
			if (!user || user.retired === true) return invalid('userId', b.userId);
			const budget = findSpend(spendColl(emu, req, SPEND.budgets), b.budgetId);
			if (!budget) return invalid('budgetId', b.budgetId);
			const share = b.shareBudgetFunds === true;
			if (share && (!isBlank(b.limit) || !isBlank(b.recurringLimit))) return invalid('shareBudgetFunds', 'true (leave limit and recurringLimit empty)');
			if (b.expirationDate !== undefined && !DATE_RE.test(String(b.expirationDate))) return invalid('expirationDate', b.expirationDate);
			const now = emu.now();
			const last = String(1000 + (spendColl(emu, req, SPEND.cards).size * 7919) % 9000).slice(-4);
			const card = insertSpend(emu, req, SPEND.cards, {
				name: b.name,
				userId: user.id,
				userUuid: user.uuid,
				budgetId: budget.id,
				budgetUuid: budget.uuid,
				lastFour: last,
				validThru: validThru(b.expirationDate, now),
				expirationDate: b.expirationDate ?? null,
				status: 'ACTIVE',
				deletedReason: null,
				type: 'VIRTUAL',
				shareBudgetFunds: share,
				recurring: !isBlank(b.recurringLimit),
				recurringLimit: b.recurringLimit ?? null,
				currentPeriod: { limit: share || isBlank(b.limit) ? null : Number(b.limit), spent: 0 },
				createdTime: now,
				updatedTime: now,
			});
			refreshAssigned(emu, req, budget);
			return { body: view(emu, card) };
		},
	})),
	forOperation('card', 'update', changeRecord({
		guard: requireAdmin,
		find: CARD,
		mode: 'update',
		change(req, emu: BillEmulator, card) {
			const b = bodyOf(req);
			const patch: Obj = {};
			if (b.name !== undefined) patch.name = b.name;
			if (b.budgetId !== undefined) {
				const budget = findSpend(spendColl(emu, req, SPEND.budgets), b.budgetId);
				if (!budget) return invalid('budgetId', b.budgetId);
				patch.budgetId = budget.id;
				patch.budgetUuid = budget.uuid;
			}
			if (b.shareBudgetFunds === true && (!isBlank(b.limit) || !isBlank(b.recurringLimit))) return invalid('shareBudgetFunds', 'true (limit and recurringLimit may not be set)');
			if (b.shareBudgetFunds !== undefined) patch.shareBudgetFunds = b.shareBudgetFunds === true;
			if (b.shareBudgetFunds === true) {
				patch.currentPeriod = { limit: null };
				patch.recurringLimit = null;
			}
			if (b.limit !== undefined) patch.currentPeriod = { limit: b.limit === null ? null : Number(b.limit) };
			if (b.recurringLimit !== undefined) patch.recurringLimit = b.recurringLimit;
			if (b.recurring !== undefined && b.recurring !== null) patch.recurring = b.recurring === true;
			if (b.expirationDate !== undefined) {
				if (b.expirationDate !== null && !DATE_RE.test(String(b.expirationDate))) return invalid('expirationDate', b.expirationDate);
				patch.expirationDate = b.expirationDate;
				patch.validThru = validThru(b.expirationDate, String(card.createdTime));
			}
			return patch;
		},
		after(req, emu: BillEmulator, card) {
			const budget = findSpend(spendColl(emu, req, SPEND.budgets), card.budgetId);
			if (budget) refreshAssigned(emu, req, budget);
			return undefined;
		},
	})),
	forOperation('card', 'delete', removeRecord({
		guard: requireAdmin,
		find: CARD,
		check: (req) => (req.query.reason !== undefined && !CARD_DELETE_REASONS.includes(req.query.reason) ? invalid('reason', req.query.reason) : undefined),
		after(req, emu: BillEmulator, card) {
			const budget = findSpend(spendColl(emu, req, SPEND.budgets), card.budgetId);
			if (budget) refreshAssigned(emu, req, budget);
		},
	})),
	...(['freeze', 'unfreeze'] as const).map(
		(verb): CustomHandler =>
			forOperation('card', verb, changeRecord({
				find: CARD,
				mode: 'update',
				change(_req, _emu, card) {
					const status = verb === 'freeze' ? 'FROZEN' : 'ACTIVE';
					return card.status === status ? undefined : { status };
				},
			})),
	),
	forOperation('card', 'getPanJwt', withRecord({
		find: CARD,
		handle(req, emu: BillEmulator, card) {
			// A JWT that expires after 5 minutes; the PAN service (divvy.co) is not emulated.
			const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
			const iat = Math.floor(emu.nowMs() / 1000);
			const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: card.uuid, iat, exp: iat + 300 })}`;
			const sig = createHmac('sha256', 'bill-emulator-pan').update(head).digest('base64url');
			return { body: { token: `${head}.${sig}` } };
		},
	})),
];

/* ------------------------------------------------------------------ custom fields and values */

function fieldBudgets(emu: BillEmulator, req: EmuRequest, name: string, v: unknown): { ids: string[]; uuids: string[] } | EmuResponse {
	if (v === undefined || v === null) return { ids: [], uuids: [] };
	if (!Array.isArray(v)) return invalid(name, v);
	const ids: string[] = [];
	const uuids: string[] = [];
	for (const x of v) {
		const budget = findSpend(spendColl(emu, req, SPEND.budgets), x);
		if (!budget) return invalid(name, x);
		ids.push(budget.id);
		uuids.push(String(budget.uuid));
	}
	return { ids, uuids };
}

function customFieldValues(emu: BillEmulator, req: EmuRequest, field: EmuRecord): EmuRecord[] {
	return spendColl(emu, req, SPEND.values).list((v) => (v._scope as Record<string, unknown>)?.customFieldId === field.id);
}

/** Adds values to a custom field; refuses a value the field has already [inferred]. */
function addValues(emu: BillEmulator, req: EmuRequest, field: EmuRecord, values: unknown): EmuRecord[] | EmuResponse {
	if (!Array.isArray(values) || values.length === 0) return missing('values');
	const existing = new Set(customFieldValues(emu, req, field).filter((v) => v.deleted !== true).map((v) => String(v.value).toLowerCase()));
	for (const v of values) {
		if (typeof v !== 'string' || v.trim() === '') return invalid('values', v);
		if (existing.has(v.toLowerCase())) return invalid('values', `${v} (the custom field has this value)`);
		existing.add(v.toLowerCase());
	}
	return (values as string[]).map((value) => insertSpend(emu, req, SPEND.values, { value, deleted: false, _scope: { customFieldId: field.id } }));
}

const CUSTOM_FIELD = bySpend(SPEND.customFields, 'customFieldId');

const customFieldHandlers: CustomHandler[] = [
	listHandler('customField', SPEND.customFields, 'customFieldIds'),
	forOperation('customField', 'create', withGuard({
		guard: requireAdmin,
		handle(req, emu: BillEmulator) {
			const b = bodyOf(req);
			for (const f of ['name', 'allowCustomValues', 'required', 'global']) if (b[f] === undefined || b[f] === null || b[f] === '') return missing(f);
			const selected = fieldBudgets(emu, req, 'selectedBudgetIds', b.selectedBudgetIds);
			if (!('ids' in selected)) return selected;
			const required = fieldBudgets(emu, req, 'requiredBudgetIds', b.requiredBudgetIds);
			if (!('ids' in required)) return required;
			if (spendColl(emu, req, SPEND.customFields).find((f) => String(f.name).toLowerCase() === String(b.name).toLowerCase() && f.retired !== true)) {
				return invalid('name', `${String(b.name)} (a custom field has this name)`);
			}
			const hasValues = Array.isArray(b.values) && b.values.length > 0;
			const field = insertSpend(emu, req, SPEND.customFields, {
				name: b.name,
				description: b.description ?? null,
				// [inferred] a field with a list of values is a selector; a free-text one a note.
				type: hasValues || b.allowCustomValues !== true ? 'CUSTOM_SELECTOR' : 'NOTE',
				multiSelect: b.multiSelect === true,
				allowCustomValues: b.allowCustomValues === true,
				minimumAmountForRequirement: b.minimumAmountForRequirement ?? null,
				required: b.required === true,
				global: b.global === true,
				retired: false,
				createdTime: emu.now(),
				selectedBudgetIds: selected.ids,
				selectedBudgetUuids: selected.uuids,
				requiredBudgetIds: required.ids,
				requiredBudgetUuids: required.uuids,
			});
			if (hasValues) {
				const added = addValues(emu, req, field, b.values);
				if (!Array.isArray(added)) {
					spendColl(emu, req, SPEND.customFields).remove(field.id);
					return added;
				}
			}
			return { body: view(emu, field) };
		},
	})),
	forOperation('customField', 'update', changeRecord({
		guard: requireAdmin,
		find: CUSTOM_FIELD,
		mode: 'update',
		change(req, emu: BillEmulator) {
			const b = bodyOf(req);
			const patch = pickDefined(b, ['name', 'description', 'allowCustomValues', 'minimumAmountForRequirement', 'required', 'global']);
			for (const [k, kU] of [
				['selectedBudgetIds', 'selectedBudgetUuids'],
				['requiredBudgetIds', 'requiredBudgetUuids'],
			]) {
				if (b[k] === undefined) continue;
				const r = fieldBudgets(emu, req, k, b[k]);
				if (!('ids' in r)) return r;
				patch[k] = r.ids;
				patch[kU] = r.uuids;
			}
			return patch;
		},
	})),
	forOperation('customField', 'delete', removeRecord({
		guard: requireAdmin,
		find: CUSTOM_FIELD,
		after(req, emu: BillEmulator, field) {
			for (const v of customFieldValues(emu, req, field)) spendColl(emu, req, SPEND.values).remove(v.id);
		},
	})),
	forOperation('customFieldValue', 'getAll', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: BillEmulator, field) {
			// BILL's example filters values with `retired`; a deleted value is a retired one.
			const original = req.query.filters;
			if (original !== undefined) req.query.filters = original.replace(/(^|,)\s*retired:/g, '$1deleted:');
			const res = spendList(emu, req, customFieldValues(emu, req, field));
			if (original !== undefined) req.query.filters = original;
			return res;
		},
	})),
	forOperation('customFieldValue', 'create', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: BillEmulator, field) {
			const added = addValues(emu, req, field, bodyOf(req).values);
			if (!Array.isArray(added)) return added;
			// BILL's example sends three values and answers one value object: so does the emulator
			// (the first value created; which one BILL returns is [inferred]).
			return { body: view(emu, added[0]) };
		},
	})),
	forOperation('customFieldValue', 'delete', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: BillEmulator, field) {
			const ids = bodyOf(req).customFieldValueIds;
			if (!Array.isArray(ids) || ids.length === 0) return missing('customFieldValueIds');
			const values = customFieldValues(emu, req, field);
			const targets: EmuRecord[] = [];
			for (const id of ids) {
				const v = values.find((x) => x.id === id || x.uuid === id);
				if (!v) return invalid('customFieldValueIds', id);
				targets.push(v);
			}
			// "Values cannot be assigned to current or future transactions; they remain on past ones."
			for (const v of targets) v.deleted = true;
			return { status: 200 };
		},
	})),
	forOperation('customFieldValue', 'get', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: BillEmulator, field) {
			const v = customFieldValues(emu, req, field).find((x) => x.id === req.params.customFieldValueId || x.uuid === req.params.customFieldValueId);
			return v ? { body: view(emu, v) } : notFound();
		},
	})),
];

/** `[{customFieldId, selectedValues, note}]` → BILL's custom field objects of a transaction or reimbursement. */
function resolveCustomFields(emu: BillEmulator, req: EmuRequest, raw: unknown): Array<Record<string, unknown>> | EmuResponse {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) return invalid('customFields', raw);
	const out: Array<Record<string, unknown>> = [];
	for (const [i, cf] of raw.entries()) {
		if (!isObject(cf) || isBlank(cf.customFieldId)) return missing(`customFields[${i}].customFieldId`);
		const field = findSpend(spendColl(emu, req, SPEND.customFields), cf.customFieldId);
		if (!field || field.retired === true) return invalid(`customFields[${i}].customFieldId`, cf.customFieldId);
		const values = customFieldValues(emu, req, field);
		const selected: Array<Record<string, unknown>> = [];
		const sel = cf.selectedValues ?? [];
		if (!Array.isArray(sel)) return invalid(`customFields[${i}].selectedValues`, sel);
		if (sel.length > 1 && field.multiSelect !== true) return invalid(`customFields[${i}].selectedValues`, `${sel.length} values (the field takes one)`);
		for (const s of sel) {
			const v = values.find((x) => (x.id === s || x.uuid === s) && x.deleted !== true);
			if (!v) return invalid(`customFields[${i}].selectedValues`, s);
			selected.push({ id: v.id, uuid: v.uuid, value: v.value });
		}
		out.push({ id: field.id, uuid: field.uuid, name: field.name, note: cf.note ?? null, isRequired: field.required === true, selectedValues: selected });
	}
	return out;
}

/* ------------------------------------------------------------------ reimbursements */

function uploadUrl(emu: BillEmulator, kind: string): string {
	const url = `https://bill-emulator-uploads.invalid/${kind}/${randomUUID()}?X-Amz-Expires=900&X-Amz-Signature=${randomUUID().replace(/-/g, '')}`;
	state(emu).uploadUrls.add(url);
	return url;
}

function checkReceipt(r: unknown, i: number, needName: boolean): EmuResponse | undefined {
	if (!isObject(r) || isBlank(r.url)) return missing(`receipts[${i}].url`);
	if (needName && isBlank(r.filename)) return missing(`receipts[${i}].filename`);
	if (!/^https?:\/\//.test(String(r.url))) return invalid(`receipts[${i}].url`, r.url);
	return undefined;
}

const receiptOf = (r: Record<string, unknown>) => ({
	filename: r.filename ?? decodeURIComponent(String(r.url).split('?')[0].split('/').pop() ?? 'receipt'),
	url: String(r.url).split('?')[0],
	uuid: randomUUID(),
});

/** Adds the request's receipt to a reimbursement or transaction (`needName`: the filename is required). */
function addReceipt(req: EmuRequest, rec: EmuRecord, needName: boolean): EmuResponse {
	const bad = checkReceipt(req.body, 0, needName);
	if (bad) return bad;
	const receipt = receiptOf(bodyOf(req));
	rec.receipts = [...((rec.receipts as unknown[]) ?? []), receipt];
	return { body: receipt };
}

/** Removes the receipt the path names (`receiptId`, its UUID); 404 when the record has none such. */
function removeReceipt(req: EmuRequest, rec: EmuRecord): EmuResponse {
	const receipts = (rec.receipts as Array<Record<string, unknown>>) ?? [];
	if (!receipts.some((r) => r.uuid === req.params.receiptId)) return notFound();
	rec.receipts = receipts.filter((r) => r.uuid !== req.params.receiptId);
	return { status: 200 };
}

const REIMBURSEMENT_OPEN = 'AWAITING_APPROVAL'; // [inferred] status of a submitted reimbursement
/** Statuses after a decision: the request can no longer change or be decided again [inferred]. */
const REIMBURSEMENT_DECIDED = ['APPROVED', 'DENIED', 'READY_TO_PAY', 'PAID', 'PAYMENT_FAILED', 'ARCHIVED'];

function reimbursementFields(emu: BillEmulator, req: EmuRequest, b: Record<string, unknown>): Record<string, unknown> | EmuResponse {
	const out: Record<string, unknown> = {};
	if (b.userId !== undefined) {
		const user = findSpend(spendColl(emu, req, SPEND.users), b.userId);
		if (!user) return invalid('userId', b.userId);
		out.userId = user.id;
		out.userUuid = user.uuid;
	}
	if (b.budgetId !== undefined) {
		const budget = findSpend(spendColl(emu, req, SPEND.budgets), b.budgetId);
		if (!budget) return invalid('budgetId', b.budgetId);
		out.budgetId = budget.id;
		out.budgetUuid = budget.uuid;
	}
	if (b.amount !== undefined) {
		const a = Number(b.amount);
		if (!Number.isFinite(a) || a <= 0) return invalid('amount', b.amount);
		out.amount = round2(a);
	}
	if (b.occurredDate !== undefined) {
		if (!DATE_RE.test(String(b.occurredDate))) return invalid('occurredDate', b.occurredDate);
		out.occurredDate = b.occurredDate;
	}
	pickDefined(b, ['note', 'merchantName'], out);
	if (b.receipts !== undefined) {
		if (!Array.isArray(b.receipts) || b.receipts.length === 0) return missing('receipts');
		for (const [i, r] of b.receipts.entries()) {
			const bad = checkReceipt(r, i, true);
			if (bad) return bad;
		}
		out.receipts = (b.receipts as Array<Record<string, unknown>>).map(receiptOf);
	}
	if (b.customFields !== undefined) {
		const cfs = resolveCustomFields(emu, req, b.customFields);
		if (!Array.isArray(cfs)) return cfs;
		out.customFields = cfs;
	}
	return out;
}

const REIMBURSEMENT = bySpend(SPEND.reimbursements, 'reimbursementId');

const reimbursementHandlers: CustomHandler[] = [
	listHandler('reimbursement', SPEND.reimbursements, 'reimbursementIds', { userId: SPEND.users, budgetId: SPEND.budgets }),
	forOperation('reimbursement', 'createImageUploadUrl', (_req, emu: BillEmulator) => ({ body: { url: uploadUrl(emu, 'reimbursements') } })),
	forOperation('reimbursement', 'create', (req, emu: BillEmulator) => {
		const b = bodyOf(req);
		for (const f of ['userId', 'budgetId', 'amount', 'note', 'merchantName', 'occurredDate', 'receipts']) if (isBlank(b[f])) return missing(f);
		const fields = reimbursementFields(emu, req, b);
		if (isError(fields)) return fields;
		const now = emu.now();
		const owner = tokenOwner(emu, req);
		const rec = insertSpend(emu, req, SPEND.reimbursements, {
			amount: 0,
			fulfillmentType: 'ACH',
			fundRequestAmount: null,
			fundRequestBudgetAmount: null,
			merchantName: null,
			note: null,
			submittedTime: now,
			occurredDate: null,
			retired: false,
			status: REIMBURSEMENT_OPEN,
			type: 'OUT_OF_POCKET',
			batchId: null,
			batchAmount: null,
			statusHistory: [{ actorId: owner?.id ?? null, actorRole: 'SUBMITTER', occurredTime: now, note: b.note, status: REIMBURSEMENT_OPEN }],
			budgetId: null,
			budgetUuid: null,
			userId: null,
			userUuid: null,
			receipts: [],
			customFields: [],
			...fields,
		});
		return { body: view(emu, rec) };
	}),
	forOperation('reimbursement', 'update', changeRecord({
		find: REIMBURSEMENT,
		mode: 'update',
		change(req, emu: BillEmulator, rec) {
			if (REIMBURSEMENT_DECIDED.includes(String(rec.status))) return invalid('reimbursementId', `${rec.id} (status ${String(rec.status)} cannot change)`);
			return reimbursementFields(emu, req, bodyOf(req));
		},
	})),
	forOperation('reimbursement', 'approveOrDeny', changeRecord({
		guard: requireAdmin,
		find: REIMBURSEMENT,
		mode: 'update',
		change(req, emu: BillEmulator, rec) {
			const b = bodyOf(req);
			if (isBlank(b.action)) return missing('action');
			if (b.action !== 'APPROVE' && b.action !== 'DENY') return invalid('action', b.action);
			if (REIMBURSEMENT_DECIDED.includes(String(rec.status))) return invalid('reimbursementId', `${rec.id} (already ${String(rec.status)})`);
			const status = b.action === 'APPROVE' ? 'APPROVED' : 'DENIED';
			const history = [
				...((rec.statusHistory as unknown[]) ?? []),
				{ actorId: tokenOwner(emu, req)?.id ?? null, actorRole: 'ADMIN', occurredTime: emu.now(), note: b.note ?? null, status },
			];
			return { status, statusHistory: history };
		},
	})),
	forOperation('reimbursement', 'addReceipt', withRecord({ find: REIMBURSEMENT, handle: (req, _emu, rec) => addReceipt(req, rec, true) })),
	forOperation('reimbursement', 'deleteReceipt', withRecord({ find: REIMBURSEMENT, handle: (req, _emu, rec) => removeReceipt(req, rec) })),
];

/* ------------------------------------------------------------------ transactions */

export interface SimulatedTransaction {
	/** Card (ID or UUID) the purchase is made with. */
	cardId: string;
	amount: number;
	merchantName?: string;
	/** Organization of the S&E company (default: the first configured one). */
	organizationId?: string;
	/** Default now. */
	occurredTime?: string;
	/** Whether the transaction has cleared (money moved): CLEAR instead of AUTHORIZATION. */
	cleared?: boolean;
	merchantCategoryCode?: string;
}

/**
 * A purchase with a vendor card, as the card network reports it to BILL: BILL authorizes it against
 * the card's funds (or declines it: frozen card, funds exhausted, over the budget's max transaction
 * size), then the card, member and budget spend go up.
 */
export function simulateCardTransaction(emu: BillEmulator, t: SimulatedTransaction): Record<string, unknown> {
	const orgKey = t.organizationId ?? emu.config.spendTokens[0]?.organizationId ?? emu.config.organizations[0].id;
	const cards = emu.store.collection(SPEND.cards, orgKey);
	const card = findSpend(cards, t.cardId);
	if (!card) throw new Error(`No card ${t.cardId} in ${orgKey}`);
	const budget = findSpend(emu.store.collection(SPEND.budgets, orgKey), card.budgetId);
	const user = findSpend(emu.store.collection(SPEND.users, orgKey), card.userId);
	if (!isObject(card.currentPeriod)) card.currentPeriod = { limit: null, spent: 0 };
	const period = card.currentPeriod as Record<string, unknown>;
	const amount = round2(t.amount);
	let declineReason: string | null = null;
	if (card.status !== 'ACTIVE') declineReason = 'CARD_FROZEN';
	else if (budget && typeof budget.maxTxSize === 'number' && amount > budget.maxTxSize) declineReason = 'EXCEEDS_MAX_TRANSACTION_SIZE';
	else if (typeof period.limit === 'number' && Number(period.spent) + amount > period.limit) declineReason = 'INSUFFICIENT_FUNDS';
	const declined = declineReason !== null;
	const when = t.occurredTime ?? emu.now();
	const merchant = t.merchantName ?? 'Emulator Merchant';
	const rec = insertSpend(emu, orgKey, SPEND.transactions, {
		childTransactionIds: [],
		childTransactionUuids: [],
		isLocked: false,
		isReconciled: false,
		transactionType: declined ? 'DECLINE' : t.cleared ? 'CLEAR' : 'AUTHORIZATION',
		parentTransactionId: null,
		userId: user?.id ?? card.userId,
		userUuid: user?.uuid ?? card.userUuid,
		userName: user ? memberName(user) : null,
		rawMerchantName: merchant.toUpperCase(),
		merchantName: merchant,
		budgetId: budget?.id ?? card.budgetId,
		budgetUuid: budget?.uuid ?? card.budgetUuid,
		budgetName: budget?.name ?? null,
		originalAuthTransactionId: null,
		originalAuthTransactionUuid: null,
		isCredit: amount < 0,
		currencyData: { exchangeRate: 1, exponent: 2, originalCurrencyAmount: amount.toFixed(2), originalCurrencyCode: 'USD', symbol: '$' },
		receiptRequired: budget?.receiptRequired === true,
		reviewRequired: false,
		occurredTime: when,
		updatedTime: when,
		authorizedTime: when,
		complete: t.cleared === true,
		pointsAwarded: 0,
		customFields: [],
		receipts: [],
		network: 'VISA',
		isParent: true,
		reviews: [],
		amount,
		transactedAmount: amount,
		fees: 0,
		foreignExchangeFee: 0,
		receiptStatus: budget?.receiptRequired === true ? 'MISSING' : 'NOT_REQUIRED',
		matchedClearTransactionId: null,
		matchedClearTransactionUuid: null,
		accountingIntegrationTransactions: [],
		reviewers: [],
		cardId: card.id,
		cardUuid: card.uuid,
		cardLastFour: card.lastFour,
		cardType: card.type,
		receiptSyncStatus: null,
		merchantCategoryCode: t.merchantCategoryCode ?? '5734',
		declineReason,
		declineInternalReasonCode: null,
		cardPresent: false,
		merchantLocation: { city: 'San Jose', state: 'CA', country: 'US', postalCode: '95002' },
		disputeStatus: null,
	});
	if (!declined) {
		period.spent = round2(Number(period.spent ?? 0) + amount);
		if (budget) {
			if (!isObject(budget.currentPeriod)) budget.currentPeriod = { limit: null, overspendBuffer: null, assigned: 0 };
			const cp = budget.currentPeriod as Record<string, unknown>;
			if (!isObject(cp.spent)) cp.spent = { cleared: 0, pending: 0, total: 0 };
			const spent = cp.spent as Record<string, number>;
			if (t.cleared) spent.cleared = round2(spent.cleared + amount);
			else spent.pending = round2(spent.pending + amount);
			spent.total = round2(spent.cleared + spent.pending);
			const member = emu.store.collection(SPEND.members, orgKey).find((m) => m.userId === card.userId && (m._scope as Record<string, unknown>)?.budgetId === budget.id);
			if (member) member.spent = round2(Number(member.spent ?? 0) + amount);
		}
	}
	return emu.view(rec) as Record<string, unknown>;
}

export interface Simulated3dsChallenge {
	cardId: string;
	amount: number;
	merchantName?: string;
	organizationId?: string;
}

/** A 3-D Secure challenge for an online purchase (BILL notifies it with `spend.three-ds-challenge.created`). Returns its ACS transaction ID. */
export function simulate3dsChallenge(emu: BillEmulator, c: Simulated3dsChallenge): string {
	const orgKey = c.organizationId ?? emu.config.spendTokens[0]?.organizationId ?? emu.config.organizations[0].id;
	const card = findSpend(emu.store.collection(SPEND.cards, orgKey), c.cardId);
	if (!card) throw new Error(`No card ${c.cardId} in ${orgKey}`);
	const id = randomUUID();
	emu.store.collection(SPEND.challenges, orgKey).insert(
		{ status: 'PENDING', cardId: card.id, amount: c.amount, merchantName: c.merchantName ?? 'Emulator Online Shop', createdTime: emu.now() },
		{ bare: true, id },
	);
	return id;
}

const TRANSACTION = bySpend(SPEND.transactions, 'transactionId');

const transactionHandlers: CustomHandler[] = [
	forOperation('transaction', 'getAll', (req, emu: BillEmulator) => {
		const all = spendColl(emu, req, SPEND.transactions).list((t) => t.isParent !== false);
		const res = spendList(emu, req, all, 'transactionIds', { cardId: SPEND.cards, userId: SPEND.users, budgetId: SPEND.budgets });
		// Receipts only with includeReceipts=true; custom field IDs only with showCustomFieldIds=true.
		if (isObject(res.body) && Array.isArray(res.body.results)) {
			res.body.results = (res.body.results as Array<Record<string, unknown>>).map((t) => shapeTransaction(t, req));
		}
		return res;
	}),
	forOperation('transaction', 'get', withRecord({
		find: TRANSACTION,
		handle: (req, emu: BillEmulator, t) => ({ body: shapeTransaction(view(emu, t), req, true) }),
	})),
	forOperation('transaction', 'update', changeRecord({
		find: TRANSACTION,
		mode: 'update',
		change(req, emu: BillEmulator, t) {
			const b = bodyOf(req);
			if (isBlank(b.budgetId)) return missing('budgetId');
			const budget = findSpend(spendColl(emu, req, SPEND.budgets), b.budgetId);
			if (!budget) return invalid('budgetId', b.budgetId);
			if (t.isLocked === true) return invalid('transactionId', `${t.id} (locked)`);
			return { budgetId: budget.id, budgetUuid: budget.uuid, budgetName: budget.name };
		},
		answer: (req, emu: BillEmulator, t) => shapeTransaction(view(emu, t), req, true),
	})),
	forOperation('transaction', 'getCustomFields', withRecord({
		find: TRANSACTION,
		handle(req, emu: BillEmulator, t) {
			let results = (t.customFields as Array<Record<string, unknown>>) ?? [];
			let filters;
			try {
				filters = parseFilters(req.query.filters);
			} catch {
				return invalid('filters', req.query.filters);
			}
			for (const f of filters) {
				if (f.field !== 'customFieldIds') return invalid('filters', req.query.filters);
				results = results.filter((cf) => f.values.includes(String(cf.id)) || f.values.includes(String(cf.uuid)));
			}
			return { body: { results } };
		},
	})),
	forOperation('transaction', 'updateCustomFields', withRecord({
		find: TRANSACTION,
		handle(req, emu: BillEmulator, t) {
			const b = bodyOf(req);
			if (!Array.isArray(b.customFields) || b.customFields.length === 0) return missing('customFields');
			const resolved = resolveCustomFields(emu, req, b.customFields);
			if (!Array.isArray(resolved)) return resolved;
			// Fields set here replace the same fields on the transaction; the others stay.
			const kept = ((t.customFields as Obj[]) ?? []).filter((cf) => !resolved.some((r) => r.id === cf.id));
			t.customFields = [...kept, ...resolved];
			t.updatedTime = emu.now();
			return { body: { status: 'SUCCESS' } };
		},
	})),
	forOperation('transaction', 'getCustomFieldValues', withRecord({
		find: TRANSACTION,
		handle(req, emu: BillEmulator, t) {
			const field = findSpend(spendColl(emu, req, SPEND.customFields), req.params.customFieldId);
			if (!field) return notFound();
			const cf = ((t.customFields as Array<Record<string, unknown>>) ?? []).find((x) => x.id === field.id);
			const values = ((cf?.selectedValues as EmuRecord[]) ?? []).map((v) => ({ ...v }));
			return emu.listResponse(req, values);
		},
	})),
	forOperation('transaction', 'createReceiptUploadUrl', (_req, emu: BillEmulator) => ({ body: { url: uploadUrl(emu, 'transactions') } })),
	forOperation('transaction', 'addReceipt', withRecord({
		find: TRANSACTION,
		handle(req, emu: BillEmulator, t) {
			const res = addReceipt(req, t, false);
			if (!isError(res) && t.receiptStatus === 'MISSING') t.receiptStatus = 'ATTACHED';
			return res;
		},
	})),
	forOperation('transaction', 'deleteReceipt', withRecord({
		find: TRANSACTION,
		handle(req, emu: BillEmulator, t) {
			const res = removeReceipt(req, t);
			if (res.status === 200 && (t.receipts as unknown[]).length === 0 && t.receiptRequired === true) t.receiptStatus = 'MISSING';
			return res;
		},
	})),
	forOperation('transaction', 'respondTo3dsChallenge', withRecord({
		find: byParam(SPEND.challenges, 'acsTransactionId'),
		handle(req, emu: BillEmulator, c) {
			const b = bodyOf(req);
			if (isBlank(b.action)) return missing('action');
			if (b.action !== 'ACCEPT' && b.action !== 'REJECT') return invalid('action', b.action);
			if (c.status !== 'PENDING') return invalid('acsTransactionId', `${c.id} (already ${String(c.status)})`);
			c.status = b.action === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
			return { body: { id: c.id, status: c.status } };
		},
	})),
];

function shapeTransaction(t: Record<string, unknown>, req: EmuRequest, single = false): Record<string, unknown> {
	const out = { ...t };
	if (!single && req.query.includeReceipts !== 'true') delete out.receipts;
	if (req.query.showCustomFieldIds !== 'true' && Array.isArray(out.customFields)) {
		out.customFields = (out.customFields as Array<Record<string, unknown>>).map((cf) => {
			const { id: _i, uuid: _u, ...rest } = cf;
			void _i;
			void _u;
			return rest;
		});
	}
	return out;
}

/* ------------------------------------------------------------------ every other S&E route: IDs or UUIDs */

const specific: CustomHandler[] = [
	...userHandlers,
	...budgetHandlers,
	...cardHandlers,
	...customFieldHandlers,
	...reimbursementHandlers,
	...transactionHandlers,
];

/** Table operations without a specific handler: resolve UUIDs, then BILL's generic behaviour. */
const normalizing: CustomHandler[] = allOperations
	.filter((op: OperationDef) => op.api === 'spend' && !specific.some((h) => h.operation === `${op.resource}.${op.operation}`))
	.map((op) =>
		forTableOperation(op, (req, emu: BillEmulator) => {
			normalizeParams(emu, req);
			return emu.generic(req);
		}),
	);

export const handlers: CustomHandler[] = [...specific, ...normalizing];
