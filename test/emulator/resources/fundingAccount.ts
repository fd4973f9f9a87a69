/**
 * Funding accounts (BILL resource `fundingAccount`: permissions) and the user checks the bank and
 * card account modules share.
 */
import { AP, coll } from '../family/accounts-payable';
import { forEndpoint, invalid } from '../handlers';
import type { CustomHandler, Emulator, EmuRequest } from '../types';

// ------------------------------------------------------------------ funding accounts

export function roleOf(emu: Emulator, req: EmuRequest): string | undefined {
	const fromConfig = emu.config.users.find((u) => u.userId === req.auth.userId)?.role;
	if (fromConfig) return fromConfig;
	const u = coll(emu, req, AP.users).get(String(req.auth.userId));
	return typeof u?.roleType === 'string' ? u.roleType : typeof u?.role === 'string' ? u.role : undefined;
}

export const isAdmin = (role: string | undefined) => role === 'ADMINISTRATOR' || role === 'ADMIN';

export function userExists(emu: Emulator, req: EmuRequest, userId: string): boolean {
	const org = emu.orgKeyOf(req);
	return emu.config.users.some((u) => u.userId === userId && u.organizationIds.includes(org)) || coll(emu, req, AP.users).get(userId) !== undefined;
}

/** Lists users of funding accounts, honouring `currentUser`. */
export function fundingUsers(name: string): CustomHandler['handle'] {
	return (req, emu: Emulator) => {
		const cu = req.query.currentUser;
		if (cu !== undefined && cu !== 'true' && cu !== 'false') return invalid('currentUser', cu);
		const records = coll(emu, req, name).list((r) => cu !== 'true' || r.userId === req.auth.userId);
		return emu.listResponse(req, records);
	};
}

export const BANK_IMMUTABLE = ['routingNumber', 'accountNumber', 'type'];

const fundingAccountHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/funding-accounts/permissions', (req, emu: Emulator) => {
		const admin = isAdmin(roleOf(emu, req));
		return {
			body: {
				organization: { card: { payByCard: true, fundingEnabled: true, amexAllowed: false }, wallet: { fundingEnabled: false } },
				user: { payOnline: admin },
			},
		};
	}),
];

export const handlers: CustomHandler[] = [
	...fundingAccountHandlers,
];
