/**
 * Spend & Expense budget members (BILL resource `budgetMember`).
 */
import { findSpend, SPEND, spendColl, spendList } from '../family/spend';
import { bodyOf, forEndpoint, invalid, isBlank, isObject, missing, notFound, withRecord } from '../handlers';
import type { CustomHandler, Emulator } from '../types';
import { BUDGET, BUDGET_ROLES, budgetMembers, memberView, refreshAssigned, upsertMember } from './budget';
import { requireAdmin } from './spendUser';

export const budgetMemberHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/spend/budgets/{budgetId}/members', withRecord({
		find: BUDGET,
		handle(req, emu: Emulator, budget) {
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
	forEndpoint('GET /v3/spend/budgets/{budgetId}/members/{userId}', withRecord({
		find: BUDGET,
		handle(req, emu: Emulator, budget) {
			const user = findSpend(spendColl(emu, req, SPEND.users), req.params.userId);
			const member = user && budgetMembers(emu, req, budget).find((m) => m.userId === user.id);
			return member ? { body: memberView(emu, member) } : notFound();
		},
	})),
	forEndpoint('PUT /v3/spend/budgets/{budgetId}/members/{userId}', withRecord({
		guard: requireAdmin,
		find: BUDGET,
		handle(req, emu: Emulator, budget) {
			const res = upsertMember(emu, req, budget, req.params.userId, bodyOf(req));
			if (!('id' in res)) return res;
			refreshAssigned(emu, req, budget);
			return { body: memberView(emu, res) };
		},
	})),
	forEndpoint('PUT /v3/spend/budgets/{budgetId}/members/bulk', withRecord({
		guard: requireAdmin,
		find: BUDGET,
		handle(req, emu: Emulator, budget) {
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
	forEndpoint('DELETE /v3/spend/budgets/{budgetId}/members/{userId}', withRecord({
		guard: requireAdmin,
		find: BUDGET,
		handle(req, emu: Emulator, budget) {
			const user = findSpend(spendColl(emu, req, SPEND.users), req.params.userId);
			const member = user && budgetMembers(emu, req, budget).find((m) => m.userId === user.id);
			if (!member) return notFound();
			spendColl(emu, req, SPEND.members).remove(member.id);
			refreshAssigned(emu, req, budget);
			return { status: 200 };
		},
	})),
];

export const handlers: CustomHandler[] = [
	...budgetMemberHandlers,
];
