/**
 * Spend & Expense budgets (BILL resource `budget`): periods, members, assigned amounts.
 */
import { bySpend, findSpend, insertSpend, listHandler, SPEND, spendColl } from '../family/spend';
import { bodyOf, changeRecord, DATE_RE, forEndpoint, invalid, isBlank, isObject, missing, pickDefined, removeRecord, round2, view, withGuard } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { requireAdmin } from './spendUser';

/* ------------------------------------------------------------------ budgets and members */

const INTERVALS = ['NONE', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'];
const SHARE_FUNDS = ['SHARE_WITH_ALL_MEMBERS', 'SHARE_MANUALLY', 'SHARE_ALL_OWNERS_BUT_MEMBERS_MANUALLY'];
export const BUDGET_ROLES = ['OWNER', 'MEMBER', 'OBSERVER'];

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

function resolveUsers(emu: Emulator, req: EmuRequest, field: string, v: unknown): EmuRecord[] | EmuResponse {
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

export function memberName(u: EmuRecord): string {
	return `${String(u.firstName ?? '')} ${String(u.lastName ?? '')}`.trim();
}

/** Adds or updates a member of a budget. Returns the member record or an error. */
export function upsertMember(emu: Emulator, req: EmuRequest, budget: EmuRecord, userIdOrUuid: unknown, b: Record<string, unknown>): EmuRecord | EmuResponse {
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
export const memberView = (emu: Emulator, m: EmuRecord) => {
	const out = view(emu, m);
	delete out.id;
	return out;
};

export function budgetMembers(emu: Emulator, req: EmuRequest, budget: EmuRecord): EmuRecord[] {
	return spendColl(emu, req, SPEND.members).list((m) => (m._scope as Record<string, unknown>)?.budgetId === budget.id);
}

/** Refreshes a budget's assigned funds from its members and cards. */
export function refreshAssigned(emu: Emulator, req: EmuRequest | string, budget: EmuRecord): void {
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

export const BUDGET = bySpend(SPEND.budgets, 'budgetId');

export const budgetHandlers: CustomHandler[] = [
	listHandler('GET /v3/spend/budgets', SPEND.budgets, 'budgetIds'),
	forEndpoint('POST /v3/spend/budgets', withGuard({
		guard: requireAdmin,
		handle(req, emu: Emulator) {
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
	forEndpoint('PATCH /v3/spend/budgets/{budgetId}', changeRecord({
		guard: requireAdmin,
		find: BUDGET,
		mode: 'update',
		change(req, emu: Emulator, budget) {
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
	forEndpoint('DELETE /v3/spend/budgets/{budgetId}', removeRecord({
		guard: requireAdmin,
		find: BUDGET,
		check(req, emu: Emulator, budget) {
			const cards = spendColl(emu, req, SPEND.cards).list((c) => c.budgetId === budget.id);
			// [inferred] BILL keeps card history; the emulator refuses while cards still spend from the budget.
			return cards.length ? invalid('budgetId', `${budget.id} (delete or move its ${cards.length} card(s) first)`) : undefined;
		},
		after(req, emu: Emulator, budget) {
			for (const m of budgetMembers(emu, req, budget)) spendColl(emu, req, SPEND.members).remove(m.id);
		},
	})),
];

export const handlers: CustomHandler[] = [
	...budgetHandlers,
];
