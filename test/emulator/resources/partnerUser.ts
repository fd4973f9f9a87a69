/**
 * Partner users (BILL resource `partnerUser`): the users of the organization the `organizationId` header picks.
 */
import { orgGeneric, orgHeader, roleView, USER } from '../family/partner';
import type { Obj } from '../handlers';
import { bodyOf, changeRecord, EMAIL_RE, forEndpoint, invalid, isBlank, jsonObjectBody, missing, withGuard } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';

/* ------------------------------------------------------------------ users, roles, risk phone */

function checkRole(emu: Emulator, req: EmuRequest, roleId: unknown): EmuRecord | EmuResponse {
	const role = emu.collection(req, 'roles').get(String(roleId));
	return role ?? invalid('roleId', roleId);
}

const userHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/partner/users', orgGeneric),
	forEndpoint('GET /v3/partner/users/{userId}', orgGeneric),
	forEndpoint('POST /v3/partner/users/{userId}/archive', orgGeneric),
	forEndpoint('POST /v3/partner/users/{userId}/restore', orgGeneric),
	forEndpoint('POST /v3/partner/users', withGuard({
		guard: [orgHeader, jsonObjectBody],
		handle(req, emu: Emulator) {
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
	forEndpoint('PATCH /v3/partner/users/{userId}', changeRecord({
		guard: [orgHeader, jsonObjectBody],
		find: USER,
		mode: 'update',
		change(req, emu: Emulator) {
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
];

export const handlers: CustomHandler[] = [
	...userHandlers,
];
