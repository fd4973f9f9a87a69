/**
 * Spend & Expense vendor cards (BILL resource `card`): freeze, PAN JWT.
 */
import { createHmac } from 'crypto';
import { bySpend, findSpend, insertSpend, listHandler, SPEND, spendColl } from '../family/spend';
import type { Obj } from '../handlers';
import { bodyOf, changeRecord, DATE_RE, forEndpoint, invalid, isBlank, missing, removeRecord, view, withGuard, withRecord } from '../handlers';
import type { CustomHandler, Emulator } from '../types';
import { refreshAssigned } from './budget';
import { requireAdmin } from './spendUser';

/* ------------------------------------------------------------------ cards */

const CARD_DELETE_REASONS = ['CANCELLED', 'LOST', 'STOLEN', 'MISPLACED'];

function validThru(expirationDate: unknown, createdTime: string): string {
	const d = typeof expirationDate === 'string' && DATE_RE.test(expirationDate) ? expirationDate : `${Number(createdTime.slice(0, 4)) + 3}${createdTime.slice(4, 10)}`;
	return `${d.slice(5, 7)}/${d.slice(2, 4)}`;
}

const CARD = bySpend(SPEND.cards, 'cardId');

export const cardHandlers: CustomHandler[] = [
	listHandler('GET /v3/spend/cards', SPEND.cards, 'cardIds', { userId: SPEND.users, budgetId: SPEND.budgets }),
	forEndpoint('POST /v3/spend/cards', withGuard({
		guard: requireAdmin,
		handle(req, emu: Emulator) {
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
	forEndpoint('PATCH /v3/spend/cards/{cardId}', changeRecord({
		guard: requireAdmin,
		find: CARD,
		mode: 'update',
		change(req, emu: Emulator, card) {
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
		after(req, emu: Emulator, card) {
			const budget = findSpend(spendColl(emu, req, SPEND.budgets), card.budgetId);
			if (budget) refreshAssigned(emu, req, budget);
			return undefined;
		},
	})),
	forEndpoint('DELETE /v3/spend/cards/{cardId}', removeRecord({
		guard: requireAdmin,
		find: CARD,
		check: (req) => (req.query.reason !== undefined && !CARD_DELETE_REASONS.includes(req.query.reason) ? invalid('reason', req.query.reason) : undefined),
		after(req, emu: Emulator, card) {
			const budget = findSpend(spendColl(emu, req, SPEND.budgets), card.budgetId);
			if (budget) refreshAssigned(emu, req, budget);
		},
	})),
	...(['freeze', 'unfreeze'] as const).map(
		(verb): CustomHandler =>
			forEndpoint(`POST /v3/spend/cards/{cardId}/${verb}`, changeRecord({
				find: CARD,
				mode: 'update',
				change(_req, _emu, card) {
					const status = verb === 'freeze' ? 'FROZEN' : 'ACTIVE';
					return card.status === status ? undefined : { status };
				},
			})),
	),
	forEndpoint('GET /v3/spend/cards/{cardId}/pan-jwt', withRecord({
		find: CARD,
		handle(req, emu: Emulator, card) {
			// A JWT that expires after 5 minutes; the PAN service (divvy.co) is not emulated.
			const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
			const iat = Math.floor(emu.nowMs() / 1000);
			const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: card.uuid, iat, exp: iat + 300 })}`;
			const sig = createHmac('sha256', 'bill-emulator-pan').update(head).digest('base64url');
			return { body: { token: `${head}.${sig}` } };
		},
	})),
];

export const handlers: CustomHandler[] = [
	...cardHandlers,
];
