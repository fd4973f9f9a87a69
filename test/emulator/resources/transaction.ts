/**
 * Spend & Expense card transactions (BILL resource `transaction`): custom fields, receipts,
 * 3-D Secure. Tests create transactions with `simulateCardTransaction()` (and challenges with
 * `simulate3dsChallenge()`), the way card networks would; statuses BILL does not document are marked [inferred].
 */
import { randomUUID } from 'crypto';
import { bySpend, findSpend, insertSpend, SPEND, spendColl, spendList } from '../family/spend';
import type { Obj } from '../handlers';
import { bodyOf, byParam, changeRecord, forEndpoint, invalid, isBlank, isError, isObject, missing, notFound, round2, view, withRecord } from '../handlers';
import { parseFilters } from '../list';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest } from '../types';
import { memberName } from './budget';
import { resolveCustomFields } from './customField';
import { addReceipt, removeReceipt, uploadUrl } from './reimbursement';

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
export function simulateCardTransaction(emu: Emulator, t: SimulatedTransaction): Record<string, unknown> {
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
export function simulate3dsChallenge(emu: Emulator, c: Simulated3dsChallenge): string {
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

export const transactionHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/spend/transactions', (req, emu: Emulator) => {
		const all = spendColl(emu, req, SPEND.transactions).list((t) => t.isParent !== false);
		const res = spendList(emu, req, all, 'transactionIds', { cardId: SPEND.cards, userId: SPEND.users, budgetId: SPEND.budgets });
		// Receipts only with includeReceipts=true; custom field IDs only with showCustomFieldIds=true.
		if (isObject(res.body) && Array.isArray(res.body.results)) {
			res.body.results = (res.body.results as Array<Record<string, unknown>>).map((t) => shapeTransaction(t, req));
		}
		return res;
	}),
	forEndpoint('GET /v3/spend/transactions/{transactionId}', withRecord({
		find: TRANSACTION,
		handle: (req, emu: Emulator, t) => ({ body: shapeTransaction(view(emu, t), req, true) }),
	})),
	forEndpoint('PUT /v3/spend/transactions/{transactionId}', changeRecord({
		find: TRANSACTION,
		mode: 'update',
		change(req, emu: Emulator, t) {
			const b = bodyOf(req);
			if (isBlank(b.budgetId)) return missing('budgetId');
			const budget = findSpend(spendColl(emu, req, SPEND.budgets), b.budgetId);
			if (!budget) return invalid('budgetId', b.budgetId);
			if (t.isLocked === true) return invalid('transactionId', `${t.id} (locked)`);
			return { budgetId: budget.id, budgetUuid: budget.uuid, budgetName: budget.name };
		},
		answer: (req, emu: Emulator, t) => shapeTransaction(view(emu, t), req, true),
	})),
	forEndpoint('GET /v3/spend/transactions/{transactionId}/custom-fields', withRecord({
		find: TRANSACTION,
		handle(req, emu: Emulator, t) {
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
	forEndpoint('PUT /v3/spend/transactions/{transactionId}/custom-fields', withRecord({
		find: TRANSACTION,
		handle(req, emu: Emulator, t) {
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
	forEndpoint('GET /v3/spend/transactions/{transactionId}/custom-fields/{customFieldId}/values', withRecord({
		find: TRANSACTION,
		handle(req, emu: Emulator, t) {
			const field = findSpend(spendColl(emu, req, SPEND.customFields), req.params.customFieldId);
			if (!field) return notFound();
			const cf = ((t.customFields as Array<Record<string, unknown>>) ?? []).find((x) => x.id === field.id);
			const values = ((cf?.selectedValues as EmuRecord[]) ?? []).map((v) => ({ ...v }));
			return emu.listResponse(req, values);
		},
	})),
	forEndpoint('POST /v3/spend/transactions/receipt-upload-url', (_req, emu: Emulator) => ({ body: { url: uploadUrl(emu, 'transactions') } })),
	forEndpoint('POST /v3/spend/transactions/{transactionId}/receipts', withRecord({
		find: TRANSACTION,
		handle(req, emu: Emulator, t) {
			const res = addReceipt(req, t, false);
			if (!isError(res) && t.receiptStatus === 'MISSING') t.receiptStatus = 'ATTACHED';
			return res;
		},
	})),
	forEndpoint('DELETE /v3/spend/transactions/{transactionId}/receipts/{receiptId}', withRecord({
		find: TRANSACTION,
		handle(req, emu: Emulator, t) {
			const res = removeReceipt(req, t);
			if (res.status === 200 && (t.receipts as unknown[]).length === 0 && t.receiptRequired === true) t.receiptStatus = 'MISSING';
			return res;
		},
	})),
	forEndpoint('POST /v3/spend/transactions/{acsTransactionId}/3ds-challenge', withRecord({
		find: byParam(SPEND.challenges, 'acsTransactionId'),
		handle(req, emu: Emulator, c) {
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

export const handlers: CustomHandler[] = [
	...transactionHandlers,
];
