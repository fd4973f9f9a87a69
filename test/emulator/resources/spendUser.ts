/**
 * Spend & Expense users (BILL resource `spendUser`) and the owner of an API token.
 */
import { randomUUID } from 'crypto';
import { SEED } from '../config';
import { bdcError } from '../errors';
import { bySpend, findSpend, insertSpend, SPEND, spendColl, state } from '../family/spend';
import { bodyOf, changeRecord, DATE_RE, forEndpoint, invalid, isBlank, missing, notFound, pickDefined, removeRecord, view, withGuard } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';

/* ------------------------------------------------------------------ users and the token owner */

export const SPEND_ROLES = ['ADMIN', 'AUDITOR', 'BOOKKEEPER', 'MEMBER'];

function userView(emu: Emulator, rec: EmuRecord): Record<string, unknown> {
	return view(emu, rec);
}

/** The user whose API token made the request. */
export function tokenOwner(emu: Emulator, req: EmuRequest): EmuRecord | undefined {
	const token = String(req.auth.limitKey ?? '').replace(/^spend:/, '');
	return spendColl(emu, req, SPEND.users).find((u) => Array.isArray(u._tokens) && (u._tokens as string[]).includes(token));
}

/** BILL: budgets, cards, users and approvals need the ADMIN role. The refusal's code is [inferred]. */
export function requireAdmin(emu: Emulator, req: EmuRequest): EmuResponse | undefined {
	const owner = tokenOwner(emu, req);
	if (owner && owner.role === 'ADMIN') return undefined;
	return bdcError(403, 'BDC_1143', 'The API token user does not have the ADMIN role required for this operation.');
}

function newUser(emu: Emulator, orgKey: string, b: Record<string, unknown>, tokens: string[] = []): EmuRecord {
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
export function addSpendToken(emu: Emulator, organizationId: string, userIdOrUuid: string, token = `spend-token-${randomUUID()}`): string {
	const user = findSpend(emu.store.collection(SPEND.users, organizationId), userIdOrUuid);
	if (!user) throw new Error(`No Spend & Expense user ${userIdOrUuid} in ${organizationId}`);
	user._tokens = [...((user._tokens as string[] | undefined) ?? []), token];
	emu.config.spendTokens = [...emu.config.spendTokens, { token, organizationId }];
	state(emu).addedTokens.add(token);
	return token;
}

/** Each configured token belongs to an ADMIN user of its company (the one who generated it in the web app). */
export function seed(emu: Emulator): void {
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

function checkUserBody(emu: Emulator, req: EmuRequest, b: Record<string, unknown>, current?: EmuRecord): EmuResponse | undefined {
	if (b.role !== undefined && !SPEND_ROLES.includes(String(b.role))) return invalid('role', b.role);
	if (b.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(b.email))) return invalid('email', b.email);
	if (b.dateOfBirth !== undefined && b.dateOfBirth !== null && !DATE_RE.test(String(b.dateOfBirth))) return invalid('dateOfBirth', b.dateOfBirth);
	if (b.email !== undefined) {
		const taken = spendColl(emu, req, SPEND.users).find((u) => u !== current && String(u.email).toLowerCase() === String(b.email).toLowerCase());
		if (taken) return invalid('email', `${String(b.email)} (a user with this email exists)`);
	}
	return undefined;
}

export const userHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/spend/users', withGuard({
		guard: requireAdmin,
		handle(req, emu: Emulator) {
			const b = bodyOf(req);
			for (const f of ['firstName', 'lastName', 'email', 'role']) if (isBlank(b[f])) return missing(f);
			const bad = checkUserBody(emu, req, b);
			if (bad) return bad;
			return { body: userView(emu, newUser(emu, emu.orgKeyOf(req), b)) };
		},
	})),
	forEndpoint('GET /v3/spend/users/current', (req, emu: Emulator) => {
		const owner = tokenOwner(emu, req);
		return owner ? { body: userView(emu, owner) } : notFound();
	}),
	forEndpoint('PATCH /v3/spend/users/{userId}', changeRecord({
		guard: requireAdmin,
		find: bySpend(SPEND.users, 'userId'),
		mode: 'update',
		change(req, emu: Emulator, rec) {
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
	forEndpoint('DELETE /v3/spend/users/{userId}', removeRecord({
		guard: requireAdmin,
		find: bySpend(SPEND.users, 'userId'),
		check: (req, emu: Emulator, rec) => (rec === tokenOwner(emu, req) ? invalid('userId', `${rec.id} (the API token user cannot delete itself)`) : undefined),
		after(req, emu: Emulator, rec) {
			// The user leaves every budget.
			const members = spendColl(emu, req, SPEND.members);
			for (const m of members.list((x) => x.userId === rec.id)) members.remove(m.id);
		},
	})),
];

export const handlers: CustomHandler[] = [
	...userHandlers,
];
