/**
 * Bank accounts (BILL resource `bankAccount`): creation, verification, archive, users and nominations.
 */
import { bdcError } from '../errors';
import { AP, AP_SEED, checkEnum, coll } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { bodyOf, byParam, changeRecord, forEndpoint, invalid, isError as isErr, isObject, jsonObjectBody, jsonObjectOf, missing, num, view as out, refused, withRecord } from '../handlers';
import type { CustomHandler, Emulator } from '../types';
import { BANK_IMMUTABLE, fundingUsers, isAdmin, roleOf, userExists } from './fundingAccount';

const bankAccountHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/funding-accounts/banks', (req, emu: Emulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		// BILL: the signed-in user must have the ADMINISTRATOR role. [inferred] code.
		if (!isAdmin(roleOf(emu, req))) return bdcError(403, 'BDC_1145', 'Only a user with the ADMINISTRATOR role can create a bank account.');
		for (const f of ['nameOnAccount', 'routingNumber', 'accountNumber', 'type', 'ownerType', 'bankName']) {
			if (b[f] === undefined || b[f] === '') return missing(f);
		}
		const e = checkEnum('type', b.type, ['CHECKING', 'SAVINGS']) ?? checkEnum('ownerType', b.ownerType, ['BUSINESS', 'PERSONAL']);
		if (e) return e;
		if (!/^\d{9}$/.test(String(b.routingNumber))) return invalid('routingNumber', b.routingNumber, 'US routing numbers have 9 digits');
		if (!/^\d{4,17}$/.test(String(b.accountNumber))) return invalid('accountNumber', b.accountNumber);
		if (b.chartOfAccountId !== undefined && !String(b.chartOfAccountId).startsWith('0ca')) return invalid('chartOfAccountId', b.chartOfAccountId);
		// BILL: status PENDING until the test deposit is verified; payables / receivables false.
		const rec = coll(emu, req, AP.banks).insert({
			...b,
			status: 'PENDING',
			createdBy: req.auth.userId,
			accessToAdmins: b.accessToAdmins === true,
			default: { payables: false, receivables: false },
			_verifyAttempts: 0,
		});
		// [inferred] the creating administrator becomes a verified user of the account.
		coll(emu, req, AP.bankUsers).insert({ bankAccountId: rec.id, userId: req.auth.userId, verificationStatus: 'VERIFIED' });
		return { status: 201, body: out(emu, rec) };
	}),
	forEndpoint('PATCH /v3/funding-accounts/banks/{bankAccountId}', withRecord({
		guard: jsonObjectBody,
		find: byParam(AP.banks, 'bankAccountId'),
		handle(req, emu: Emulator, rec) {
			const b = bodyOf(req);
			// BILL: the bank account must be VERIFIED before any update; routing/account number and type never change.
			if (rec.status !== 'VERIFIED') return refused(`Bank account ${rec.id} is ${String(rec.status)}: verify it before updating it.`);
			const fixed = BANK_IMMUTABLE.find((k) => b[k] !== undefined && b[k] !== rec[k]);
			if (fixed) return invalid(fixed, b[fixed], 'This cannot change: create another bank account instead');
			const e = checkEnum('ownerType', b.ownerType, ['BUSINESS', 'PERSONAL']);
			if (e) return e;
			if (b.default !== undefined && !isObject(b.default)) return invalid('default', b.default);
			if (isObject(b.default)) {
				// One default account for payables and one for receivables.
				for (const k of ['payables', 'receivables']) {
					if (b.default[k] === true) for (const other of coll(emu, req, AP.banks).list((a) => a.id !== rec.id && isObject(a.default))) (other.default as Obj)[k] = false;
				}
			}
			return emu.generic(req);
		},
	})),
	forEndpoint('POST /v3/funding-accounts/banks/{bankAccountId}/archive', withRecord({
		find: byParam(AP.banks, 'bankAccountId'),
		handle(req, emu: Emulator, rec) {
			if (rec.archived !== true && rec.status !== 'VERIFIED') {
				return refused(`Bank account ${rec.id} is ${String(rec.status)}: BILL archives verified bank accounts only.`);
			}
			return emu.generic(req);
		},
	})),
	forEndpoint('POST /v3/funding-accounts/banks/{bankAccountId}/verify', withRecord({
		guard: jsonObjectBody,
		find: byParam(AP.banks, 'bankAccountId'),
		handle(req, emu: Emulator, rec) {
			const b = bodyOf(req);
			if (b.depositAmount === undefined) return missing('depositAmount');
			if (typeof b.depositAmount !== 'number') return invalid('depositAmount', b.depositAmount);
			if (rec.status === 'VERIFIED') return { body: { verified: true } };
			// BILL: after three failed attempts the bank account cannot be used.
			if (num(rec._verifyAttempts) >= 3) return refused(`Bank account ${rec.id} failed verification three times and cannot be used. Add another bank account.`);
			if (Math.abs(b.depositAmount - AP_SEED.depositAmount) < 1e-9) {
				rec.status = 'VERIFIED';
				rec.updatedTime = emu.now();
				return { body: { verified: true } };
			}
			rec._verifyAttempts = num(rec._verifyAttempts) + 1;
			if (num(rec._verifyAttempts) >= 3) rec.status = 'INVALID';
			return { body: { verified: false } };
		},
	})),
	forEndpoint('GET /v3/funding-accounts/banks/users', fundingUsers(AP.bankUsers)),
	forEndpoint('POST /v3/funding-accounts/banks/users/nominate', (req, emu: Emulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		if (typeof b.bankAccountId !== 'string' || b.bankAccountId === '') return missing('bankAccountId');
		if (typeof b.userId !== 'string' || b.userId === '') return missing('userId');
		const bank = coll(emu, req, AP.banks).get(b.bankAccountId);
		if (!bank || bank.archived === true) return invalid('bankAccountId', b.bankAccountId, 'No active bank account with this ID');
		// BILL: the bank account status must be VERIFIED before users can be nominated.
		if (bank.status !== 'VERIFIED') return refused(`Bank account ${bank.id} is ${String(bank.status)}: verify it before nominating users.`);
		if (!userExists(emu, req, b.userId)) return invalid('userId', b.userId, 'No user with this ID in the organization');
		const users = coll(emu, req, AP.bankUsers);
		const existing = users.find((u) => u.bankAccountId === bank.id && u.userId === b.userId && u.archived !== true);
		if (existing?.verificationStatus === 'VERIFIED') return refused(`User ${b.userId} is already a verified user of bank account ${bank.id}.`);
		if (existing) users.update(existing.id, { verificationStatus: 'NOMINATED' });
		else users.insert({ bankAccountId: bank.id, userId: b.userId, verificationStatus: 'NOMINATED' });
		return { body: { status: 'SUCCESS' } };
	}),
	// BILL: archived true and verificationStatus UNVERIFIED.
	forEndpoint('POST /v3/funding-accounts/banks/users/{bankAccountUserId}/archive', changeRecord({ find: byParam(AP.bankUsers, 'bankAccountUserId'), mode: 'update', change: () => ({ archived: true, verificationStatus: 'UNVERIFIED' }) })),
];

export const handlers: CustomHandler[] = [
	...bankAccountHandlers,
];
