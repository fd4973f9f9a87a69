/**
 * Spend & Expense through real n8n workflows (in-process harness) against the emulator:
 * a budget → card → transaction journey, reimbursements, and S&E pagination (`nextPage`, max 100,
 * transactions max 50). Card purchases are made with the emulator's `simulateCardTransaction`,
 * the way the card network would report them to BILL.
 */
import type { IDataObject } from 'n8n-workflow';

import { SPEND } from '../emulator/family/spend';
import { simulateCardTransaction } from '../emulator/resources/transaction';
import { SEED } from '../emulator/server';
import { byId, useBill } from '../support/bill';

const t = useBill({}, { resetEach: true });

const json = (r: { output: Array<{ json: IDataObject }> }, i = 0) => r.output[i].json;

const ok = (resource: string, operation: string, params: IDataObject = {}) => t.runOk(resource, operation, params);

/** Requests the emulator received for a path, with their query. */
const requests = (method: string, path: string) => t.emu.requestLog.filter((e) => e.method === method && e.path === path);

describe('budget → card → transaction journey', () => {
	it('creates a user, a budget and a vendor card, sees purchases and codes them', async () => {
		// A new member of the company.
		const user = json(
			await ok('spendUser', 'create', { firstName: 'Clark', lastName: 'Spenderson', email: 'clark@example.com', role: 'MEMBER' }),
		);
		expect(user).toMatchObject({ firstName: 'Clark', role: 'MEMBER', retired: false });
		expect(typeof user.uuid).toBe('string');

		// A monthly budget owned by the admin (the token user), with Clark as member.
		const me = json(await ok('spendUser', 'getCurrent'));
		expect(me.role).toBe('ADMIN');
		const budget = json(
			await ok('budget', 'create', {
				name: 'Team travel',
				owners: String(me.uuid),
				recurringInterval: 'MONTHLY',
				additionalFields: { members: String(user.uuid), limit: 1000, recurringLimit: 1000, maxTxSize: 400, receiptRequired: true },
			}),
		);
		expect(budget).toMatchObject({ name: 'Team travel', recurringInterval: 'MONTHLY', retired: false, receiptRequired: true });
		expect((budget.currentPeriod as IDataObject).limit).toBe(1000);

		// Clark gets 300 of it this period (BILL: limit needed unless budget funds are shared).
		const member = json(
			await ok('budgetMember', 'upsert', { budgetId: byId(String(budget.uuid)), userId: byId(String(user.uuid)), updateFields: { limit: 300, recurringLimit: 300, role: 'MEMBER' } }),
		);
		expect(member).toMatchObject({ userUuid: user.uuid, limit: 300, budgetRole: 'MEMBER', shareBudgetFunds: false });
		const members = await ok('budgetMember', 'getAll', { budgetId: byId(String(budget.uuid)), returnAll: true });
		expect(members.output.map((o) => o.json.userId).sort()).toEqual([me.id, user.id].sort());

		// A vendor card for Clark, 200 a month.
		const card = json(
			await ok('card', 'create', { name: 'Airline card', userId: byId(String(user.uuid)), budgetId: byId(String(budget.uuid)), additionalFields: { limit: 200 } }),
		);
		expect(card).toMatchObject({ status: 'ACTIVE', type: 'VIRTUAL', budgetId: budget.id, userId: user.id });
		expect(card.lastFour).toMatch(/^\d{4}$/);

		// Purchases: authorized, over the card's funds, and while frozen.
		const first = simulateCardTransaction(t.emu, { cardId: String(card.uuid), amount: 120, merchantName: 'Emulator Air' });
		expect(first).toMatchObject({ transactionType: 'AUTHORIZATION', declineReason: null });
		const tooMuch = simulateCardTransaction(t.emu, { cardId: String(card.id), amount: 100, merchantName: 'Emulator Air' });
		expect(tooMuch).toMatchObject({ transactionType: 'DECLINE', declineReason: 'INSUFFICIENT_FUNDS' });
		await ok('card', 'freeze', { cardId: byId(String(card.uuid)) });
		expect(simulateCardTransaction(t.emu, { cardId: String(card.id), amount: 5 })).toMatchObject({ declineReason: 'CARD_FROZEN' });
		const unfrozen = json(await ok('card', 'unfreeze', { cardId: byId(String(card.uuid)) }));
		expect(unfrozen.status).toBe('ACTIVE');

		// The card's transactions, by card UUID (BILL filters take IDs or UUIDs).
		const txs = await ok('transaction', 'getAll', {
			returnAll: true,
			filters: { filter: [{ field: 'cardId', operator: 'eq', value: String(card.uuid) }] },
		});
		expect(txs.output).toHaveLength(3);
		expect(txs.output.map((o) => o.json.transactionType).sort()).toEqual(['AUTHORIZATION', 'DECLINE', 'DECLINE']);

		// Only the authorized one counts against the card and the budget.
		expect(json(await ok('card', 'get', { cardId: byId(String(card.uuid)) })).currentPeriod).toEqual({ limit: 200, spent: 120 });
		const after = json(await ok('budget', 'get', { budgetId: byId(String(budget.uuid)) }));
		expect((after.currentPeriod as IDataObject).spent).toEqual({ cleared: 0, pending: 120, total: 120 });

		// Code the purchase with a custom field value.
		const field = json(
			await ok('customField', 'create', { name: 'Trip', allowCustomValues: false, required: false, global: true, additionalFields: { values: 'Offsite, Conference' } }),
		);
		const values = await ok('customFieldValue', 'getAll', { customFieldId: byId(String(field.uuid)), returnAll: true });
		const conference = values.output.find((o) => o.json.value === 'Conference')!.json;
		const coded = await ok('transaction', 'updateCustomFields', {
			transactionId: byId(String(first.uuid)),
			customFields: { values: [{ customFieldId: String(field.uuid), selectedValues: String(conference.uuid), note: 'NYC' }] },
		});
		expect(json(coded)).toEqual({ status: 'SUCCESS' });
		const onTx = await ok('transaction', 'getCustomFields', { transactionId: byId(String(first.uuid)), returnAll: true });
		expect(onTx.output).toHaveLength(1);
		expect(onTx.output[0].json).toMatchObject({ id: field.id, name: 'Trip', note: 'NYC', selectedValues: [{ id: conference.id, value: 'Conference' }] });

		// A receipt for the purchase (receipt required by the budget).
		const { url } = json(await ok('transaction', 'createReceiptUploadUrl')) as { url: string };
		expect(url).toMatch(/^https:\/\//);
		const receipt = json(await ok('transaction', 'addReceipt', { transactionId: byId(String(first.uuid)), url }));
		expect(typeof receipt.uuid).toBe('string');
		const withReceipt = json(await ok('transaction', 'get', { transactionId: byId(String(first.uuid)) }));
		expect(withReceipt.receiptStatus).toBe('ATTACHED');
		expect(withReceipt.receipts).toHaveLength(1);
	});

	it('refuses a budget whose owners are not users, with BILL\'s error', async () => {
		const r = await t.runOp('budget', 'create', {
			name: 'Ghost budget',
			owners: 'not-a-user',
			recurringInterval: 'NONE',
			additionalFields: { limit: 10 },
		} as never);
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/BDC_1129|owners/);
		expect(t.emu.store.collection(SPEND.budgets, SEED.organizationId).size).toBe(0);
	});

	it('approves a reimbursement submitted with an uploaded receipt', async () => {
		const me = json(await ok('spendUser', 'getCurrent'));
		const budget = json(
			await ok('budget', 'create', { name: 'Meals', owners: String(me.uuid), recurringInterval: 'NONE', additionalFields: { limit: 500 } }),
		);
		const { url } = json(await ok('reimbursement', 'createImageUploadUrl')) as { url: string };
		const created = json(
			await ok('reimbursement', 'create', {
				userId: byId(String(me.uuid)),
				budgetId: byId(String(budget.uuid)),
				amount: 42.5,
				merchantName: 'Jasmine Thai',
				occurredDate: '2026-01-15',
				note: 'Team lunch',
				receipts: { values: [{ url, filename: 'lunch.jpg' }] },
			}),
		);
		expect(created).toMatchObject({ amount: 42.5, status: 'AWAITING_APPROVAL', occurredDate: '2026-01-15' });
		expect((created.receipts as IDataObject[])[0]).toMatchObject({ filename: 'lunch.jpg' });

		const approved = json(await ok('reimbursement', 'approveOrDeny', { reimbursementId: byId(String(created.uuid)), action: 'APPROVE', additionalFields: { note: 'Enjoy' } }));
		expect(approved.status).toBe('APPROVED');
		expect((approved.statusHistory as IDataObject[]).map((h) => h.status)).toEqual(['AWAITING_APPROVAL', 'APPROVED']);

		// A decided request cannot be decided again.
		const again = await t.runOp('reimbursement', 'approveOrDeny', { reimbursementId: byId(String(created.uuid)), action: 'DENY' } as never);
		expect(again.success).toBe(false);
		expect(again.error?.message).toMatch(/already APPROVED/);
	});
});

describe('Spend & Expense pagination', () => {
	it('pages transactions with nextPage, at most 50 per request', async () => {
		const me = json(await ok('spendUser', 'getCurrent'));
		const budget = json(await ok('budget', 'create', { name: 'Big', owners: String(me.uuid), recurringInterval: 'NONE', additionalFields: { limit: 100000 } }));
		const card = json(await ok('card', 'create', { name: 'Ops', userId: byId(String(me.uuid)), budgetId: byId(String(budget.uuid)) }));
		for (let i = 0; i < 120; i++) simulateCardTransaction(t.emu, { cardId: String(card.id), amount: 1 + i, merchantName: `M${i}` });

		const before = t.emu.requestLog.length;
		const all = await ok('transaction', 'getAll', { returnAll: true });
		expect(all.output).toHaveLength(120);
		expect(new Set(all.output.map((o) => o.json.id)).size).toBe(120);
		const calls = t.emu.requestLog.slice(before).filter((e) => e.path === '/v3/spend/transactions');
		expect(calls.map((c) => c.query.max)).toEqual(['50', '50', '50']);
		expect(calls[0].query.nextPage).toBeUndefined();
		expect(calls[1].query.nextPage).toBeTruthy();
		expect(calls[2].query.nextPage).toBeTruthy();
		expect(calls.every((c) => c.query.page === undefined && c.status === 200)).toBe(true);

		// A limit asks only for what it needs: 50 + 20.
		const mark = t.emu.requestLog.length;
		const some = await ok('transaction', 'getAll', { returnAll: false, limit: 70 });
		expect(some.output).toHaveLength(70);
		expect(t.emu.requestLog.slice(mark).filter((e) => e.path === '/v3/spend/transactions').map((c) => c.query.max)).toEqual(['50', '20']);

		// BILL refuses more than 50 transactions per page.
		const res = await fetch(`${t.emu.connectUrl}/v3/spend/transactions?max=51`, { headers: { apiToken: SEED.spendToken } });
		expect(res.status).toBe(400);
	});

	it('pages other lists 100 at a time, and sends no sort for users', async () => {
		const budgets = t.emu.store.collection(SPEND.budgets, SEED.organizationId);
		for (let i = 0; i < 130; i++) budgets.insert({ uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `B${String(i).padStart(3, '0')}`, retired: false }, { bare: true });
		const mark = t.emu.requestLog.length;
		const all = await ok('budget', 'getAll', { returnAll: true, sort: { sortBy: { field: 'name', direction: 'desc' } } });
		expect(all.output).toHaveLength(130);
		expect(all.output[0].json.name).toBe('B129');
		const calls = t.emu.requestLog.slice(mark).filter((e) => e.method === 'GET' && e.path === '/v3/spend/budgets');
		expect(calls.map((c) => c.query.max)).toEqual(['100', '100']);
		expect(calls[1].query.nextPage).toBeTruthy();
		expect(calls[0].query.sort).toBe('name:desc');

		await ok('spendUser', 'getAll', { returnAll: true });
		const users = requests('GET', '/v3/spend/users');
		expect(users.at(-1)!.query.sort).toBeUndefined();
	});
});

describe('Spend & Expense token rules', () => {
	it('answers 401 for a wrong token and 403 for a non-admin token on admin operations', async () => {
		const { addSpendToken } = await import('../emulator/resources/spendUser');
		const member = json(await ok('spendUser', 'create', { firstName: 'Mo', lastName: 'Member', email: 'mo@example.com', role: 'MEMBER' }));
		const token = addSpendToken(t.emu, SEED.organizationId, String(member.uuid));
		const post = (tok: string) =>
			fetch(`${t.emu.connectUrl}/v3/spend/users`, {
				method: 'POST',
				headers: { apiToken: tok, 'Content-Type': 'application/json' },
				body: JSON.stringify({ firstName: 'X', lastName: 'Y', email: 'x@example.com', role: 'MEMBER' }),
			});
		expect((await post('wrong-token')).status).toBe(401);
		const denied = await post(token);
		expect(denied.status).toBe(403);
		const current = (await (await fetch(`${t.emu.connectUrl}/v3/spend/users/current`, { headers: { apiToken: token } })).json()) as { uuid: string };
		expect(current.uuid).toBe(member.uuid);
	});
});
