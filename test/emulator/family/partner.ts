import type { Guard } from '../handlers';
import { byParam, isBlank, isObject, missing, withGuard } from '../handlers';
import type { EmuRecord } from '../store';
import type { Emulator, EmuRequest } from '../types';
import { SEEDED_ROLES } from './connect';

/**
 * Custom emulator handlers for the partner API (`/v3/partner/...`, partner `sessionId` + `appKey`):
 * organizations a partner creates (they become real emulator organizations that
 * `POST /v3/partner/login-as-user` can sign in to), the users and roles of those organizations (the
 * `organizationId` header picks the organization; they are the organization's own users and roles,
 * shared with `/v3/users` and `/v3/roles`), the phone needed for risk verification, and the price plan.
 *
 * Shapes follow BILL's Postman collection; refusals BILL does not document are marked [inferred].
 */

/** Partner users and roles are the organization's users and roles. */
export const collectionAliases: Record<string, string> = {
	'partner/users': 'users',
	'partner/roles': 'roles',
};

/** Key of the partner's own data (organizations it created). */
export const partnerKey = (partnerId: string) => `partner:${partnerId}`;

/* ------------------------------------------------------------------ per-emulator state */

const createdOrgs = new WeakMap<Emulator, Set<string>>();

export function created(emu: Emulator): Set<string> {
	let s = createdOrgs.get(emu);
	if (!s) {
		s = new Set();
		createdOrgs.set(emu, s);
	}
	return s;
}

export function seedRoles(emu: Emulator, orgId: string): void {
	const roles = emu.store.collection('roles', orgId);
	if (roles.size > 0) return;
	for (const r of SEEDED_ROLES) {
		const rec = roles.insert({ type: r.type, description: r.description }, { bare: true });
		rec.createdTime = emu.now();
		rec.updatedTime = rec.createdTime;
	}
}

export function orgRecord(name: string, b: Record<string, unknown> = {}): Record<string, unknown> {
	const address = isObject(b.address)
		? { ...b.address, countryName: b.address.country === 'US' ? 'United States' : b.address.country }
		: { line1: '1 Emulator Way', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US', countryName: 'United States' };
	const same = !isObject(b.processingOptions) || b.processingOptions.mailingAddressSameAsPhysical !== false;
	return {
		name,
		address,
		mailingAddress: isObject(b.mailingAddress) ? b.mailingAddress : same ? address : null,
		phone: b.phone ?? null,
		companyOwner: isObject(b.companyOwner) ? b.companyOwner : null,
		taxId: b.taxId ?? null,
		taxIdType: b.taxIdType ?? null,
		industry: b.industry ?? null,
		businessCategory: b.businessCategory ?? null,
		accountType: b.accountType ?? 'BUSINESS',
		processingOptions: {
			mailingAddressSameAsPhysical: same,
			individualTransferOut: false,
			individualTransferIn: false,
		},
		partnerName: 'Emulator Partner',
	};
}

/** Undoes the organizations partners created (config) and lists every partner's organizations. */
export function seed(emu: Emulator): void {
	const mine = created(emu);
	if (mine.size > 0) {
		emu.config.organizations = emu.config.organizations.filter((o) => !mine.has(o.id));
		for (const p of emu.config.partners) p.organizationIds = p.organizationIds.filter((id) => !mine.has(id));
		mine.clear();
	}
	for (const p of emu.config.partners) {
		const coll = emu.store.collection('partner/organizations', partnerKey(p.partnerId));
		for (const orgId of p.organizationIds) {
			const name = emu.config.organizations.find((o) => o.id === orgId)?.name ?? orgId;
			coll.insert(orgRecord(name), { id: orgId });
		}
	}
}

/* ------------------------------------------------------------------ helpers */

export function partnerOf(emu: Emulator, req: EmuRequest) {
	return emu.config.partners.find((p) => p.partnerId === req.auth.partnerId);
}

/** Partner user, role and risk calls act on the organization in the `organizationId` header. */
export const orgHeader: Guard = (_emu, req) => (isBlank(req.auth.organizationId) ? missing('organizationId') : undefined);

export function roleView(role: EmuRecord): Record<string, unknown> {
	return { id: role.id, type: role.type, description: role.description };
}

/** BILL's generic behaviour on the organization in the `organizationId` header. */
export const orgGeneric = withGuard({ guard: orgHeader, handle: (req, emu: Emulator) => emu.generic(req) });

export const USER = byParam('users', 'userId');
