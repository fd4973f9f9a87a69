/**
 * Custom emulator handlers for the partner API (`/v3/partner/...`, partner `sessionId` + `appKey`):
 * organizations a partner creates (they become real emulator organizations that
 * `POST /v3/partner/login-as-user` can sign in to), the users and roles of those organizations (the
 * `organizationId` header picks the organization; they are the organization's own users and roles,
 * shared with `/v3/users` and `/v3/roles`), the phone needed for risk verification, and the price plan.
 *
 * Shapes follow BILL's Postman collection; refusals BILL does not document are marked [inferred].
 */
import { BDC, bdcError } from '../errors';
import type { BillEmulator } from '../server';
import type { EmuRecord } from '../store';
import type { CustomHandler, EmuRequest, EmuResponse } from '../types';
import { bodyOf, byParam, changeRecord, DATE_RE, EMAIL_RE, forOperation, invalid, isBlank, isError, isObject, jsonObjectBody, jsonObjectOf, missing, withGuard, withRecord } from './common';
import type { Guard, Obj } from './common';
import { SEEDED_ROLES } from './connect';

/** Partner users and roles are the organization's users and roles. */
export const collectionAliases: Record<string, string> = {
	'partner/users': 'users',
	'partner/roles': 'roles',
};

/** Key of the partner's own data (organizations it created). */
const partnerKey = (partnerId: string) => `partner:${partnerId}`;

/* ------------------------------------------------------------------ per-emulator state */

const createdOrgs = new WeakMap<BillEmulator, Set<string>>();

function created(emu: BillEmulator): Set<string> {
	let s = createdOrgs.get(emu);
	if (!s) {
		s = new Set();
		createdOrgs.set(emu, s);
	}
	return s;
}

function seedRoles(emu: BillEmulator, orgId: string): void {
	const roles = emu.store.collection('roles', orgId);
	if (roles.size > 0) return;
	for (const r of SEEDED_ROLES) {
		const rec = roles.insert({ type: r.type, description: r.description }, { bare: true });
		rec.createdTime = emu.now();
		rec.updatedTime = rec.createdTime;
	}
}

function orgRecord(name: string, b: Record<string, unknown> = {}): Record<string, unknown> {
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
export function seed(emu: BillEmulator): void {
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

function partnerOf(emu: BillEmulator, req: EmuRequest) {
	return emu.config.partners.find((p) => p.partnerId === req.auth.partnerId);
}

/** Partner user, role and risk calls act on the organization in the `organizationId` header. */
const orgHeader: Guard = (_emu, req) => (isBlank(req.auth.organizationId) ? missing('organizationId') : undefined);

function roleView(role: EmuRecord): Record<string, unknown> {
	return { id: role.id, type: role.type, description: role.description };
}

/** BILL's generic behaviour on the organization in the `organizationId` header. */
const orgGeneric = withGuard({ guard: orgHeader, handle: (req, emu: BillEmulator) => emu.generic(req) });

const USER = byParam('users', 'userId');

/* ------------------------------------------------------------------ organizations */

const organizationHandlers: CustomHandler[] = [
	forOperation('partnerOrganization', 'getAll', (req, emu: BillEmulator) => {
		const coll = emu.store.collection('partner/organizations', partnerKey(String(req.auth.partnerId)));
		return emu.listResponse(req, coll.list());
	}),
	forOperation('partnerOrganization', 'create', (req, emu: BillEmulator) => {
		const partner = partnerOf(emu, req);
		if (!partner) return bdcError(401, BDC.sessionInvalid.code, BDC.sessionInvalid.message, 'DOWNSTREAM');
		const b = jsonObjectOf(req);
		if (isError(b)) return b;
		if (isBlank(b.name)) return missing('name');
		if (String(b.name).length > 100) return invalid('name', b.name);
		if (!isObject(b.address)) return missing('address');
		for (const f of ['line1', 'city', 'zipOrPostalCode', 'country']) if (isBlank(b.address[f])) return missing(`address.${f}`);
		if (!/^[A-Z]{2}$/.test(String(b.address.country))) return invalid('address.country', b.address.country);
		if (b.taxIdType !== undefined && !['EIN', 'SSN'].includes(String(b.taxIdType))) return invalid('taxIdType', b.taxIdType);
		if (isObject(b.companyOwner) && b.companyOwner.dateOfBirth !== undefined && !DATE_RE.test(String(b.companyOwner.dateOfBirth))) {
			return invalid('companyOwner.dateOfBirth', b.companyOwner.dateOfBirth);
		}
		const orgId = emu.newId('008');
		const data = orgRecord(String(b.name), b);
		const rec = emu.store.collection('partner/organizations', partnerKey(partner.partnerId)).insert(data, { id: orgId });
		// A real organization from now on: the partner can act on it and sign in to it as its users.
		emu.config.organizations = [...emu.config.organizations, { id: orgId, name: String(b.name) }];
		partner.organizationIds = [...partner.organizationIds, orgId];
		created(emu).add(orgId);
		emu.store.collection('organizations', orgId).insert(data, { id: orgId });
		seedRoles(emu, orgId);
		return { status: 201, body: emu.view(rec) };
	}),
	forOperation('partnerOrganization', 'updatePricePlan', (req, emu: BillEmulator) => {
		const partner = partnerOf(emu, req);
		const orgId = req.params.organizationId;
		if (!partner || !partner.organizationIds.includes(orgId)) return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
		const b = bodyOf(req);
		if (isBlank(b.pricePlanType)) return missing('pricePlanType');
		if (typeof b.pricePlanType !== 'string') return invalid('pricePlanType', b.pricePlanType);
		const coll = emu.store.collection('partner/organizations', partnerKey(partner.partnerId));
		const rec = coll.get(orgId);
		if (rec) coll.update(orgId, { _pricePlanType: b.pricePlanType });
		return { body: { status: 'SUCCESS' } };
	}),
];

/* ------------------------------------------------------------------ users, roles, risk phone */

function checkRole(emu: BillEmulator, req: EmuRequest, roleId: unknown): EmuRecord | EmuResponse {
	const role = emu.collection(req, 'roles').get(String(roleId));
	return role ?? invalid('roleId', roleId);
}

const userHandlers: CustomHandler[] = [
	forOperation('partnerUser', 'getAll', orgGeneric),
	forOperation('partnerUser', 'get', orgGeneric),
	forOperation('partnerUser', 'archive', orgGeneric),
	forOperation('partnerUser', 'restore', orgGeneric),
	forOperation('partnerRole', 'getAll', orgGeneric),
	forOperation('partnerRole', 'get', orgGeneric),
	forOperation('partnerUser', 'create', withGuard({
		guard: [orgHeader, jsonObjectBody],
		handle(req, emu: BillEmulator) {
			const b = bodyOf(req);
			for (const f of ['firstName', 'email', 'username']) if (isBlank(b[f])) return missing(f);
			if (b.acceptTermsOfService === undefined) return missing('acceptTermsOfService');
			// BILL creates users only when they accept its terms of service [inferred code].
			if (b.acceptTermsOfService !== true) return invalid('acceptTermsOfService', b.acceptTermsOfService);
			if (!EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
			const users = emu.collection(req, 'users');
			const email = String(b.email).toLowerCase();
			const username = String(b.username).toLowerCase();
			if (users.find((u) => String(u.email).toLowerCase() === email)) return invalid('email', `${String(b.email)} (a user with this email exists)`);
			if (users.find((u) => String(u._username ?? '').toLowerCase() === username)) return invalid('username', `${String(b.username)} (taken)`);
			let role: EmuRecord | EmuResponse | undefined;
			if (isBlank(b.roleId)) {
				// [inferred] Without a role BILL's web app makes a user an Administrator of the new organization.
				role = emu.collection(req, 'roles').find((r) => r.type === 'ADMINISTRATOR');
			} else role = checkRole(emu, req, b.roleId);
			if (!role) return missing('roleId');
			if (!('id' in role)) return role;
			const rec = users.insert({
				firstName: b.firstName,
				lastName: b.lastName ?? null,
				email: b.email,
				role: roleView(role),
				_username: b.username,
				...(isBlank(b.externalReferenceId) ? {} : { _externalReferenceId: b.externalReferenceId }),
			});
			return { status: 201, body: emu.view(rec) };
		},
	})),
	forOperation('partnerUser', 'update', changeRecord({
		guard: [orgHeader, jsonObjectBody],
		find: USER,
		mode: 'update',
		change(req, emu: BillEmulator) {
			const { roleId, ...rest } = bodyOf(req);
			const patch: Obj = {};
			for (const [k, v] of Object.entries(rest)) {
				if (!['firstName', 'lastName', 'email'].includes(k)) return invalid(k, v);
				if (k === 'email' && !EMAIL_RE.test(String(v))) return invalid('email', v);
				patch[k] = v;
			}
			if (roleId !== undefined) {
				const role = checkRole(emu, req, roleId);
				if (!('id' in role)) return role;
				patch.role = roleView(role);
			}
			return patch;
		},
	})),
	forOperation('partnerRiskVerification', 'addPhone', withRecord({
		guard: orgHeader,
		find: USER,
		handle(req, emu: BillEmulator, user) {
			const b = bodyOf(req);
			for (const f of ['phoneNumber', 'phoneType']) if (isBlank(b[f])) return missing(f);
			if (!['MOBILE', 'WORK'].includes(String(b.phoneType))) return invalid('phoneType', b.phoneType);
			const digits = String(b.phoneNumber).replace(/\D/g, '');
			if (digits.length < 10) return invalid('phoneNumber', b.phoneNumber);
			// The same record `/v3/risk-verifications` checks before it starts (see custom/connect.ts).
			const phones = emu.collection(req, 'risk-verifications/phones');
			if (phones.get(user.id)) phones.update(user.id, { phoneNumber: digits, phoneType: b.phoneType });
			else phones.insert({ phoneNumber: digits, phoneType: b.phoneType }, { bare: true, id: user.id });
			return { status: 200 };
		},
	})),
];

export const handlers: CustomHandler[] = [...organizationHandlers, ...userHandlers];
