/**
 * Users (BILL resource `user`) and their roles.
 */
import { BDC, bdcError } from '../errors';
import { requireAdmin } from '../family/connect';
import { bodyOf, byParam, changeRecord, EMAIL_RE, forEndpoint, invalidText as invalid, jsonObjectBody, pickDefined, requireFields, withGuard } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator } from '../types';

/* ------------------------------------------------------------------ users */

function roleView(role: EmuRecord): Record<string, unknown> {
	return { id: role.id, type: role.type, description: role.description };
}

const userHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/users', withGuard({
		guard: [requireAdmin, jsonObjectBody],
		handle(req, emu: Emulator) {
			const b = bodyOf(req);
			const miss = requireFields(b, ['firstName', 'lastName', 'email', 'roleId', 'acceptTermsOfService']);
			if (miss) return miss;
			if (b.acceptTermsOfService !== true) return invalid('acceptTermsOfService', b.acceptTermsOfService);
			if (!EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
			const role = emu.collection(req, 'roles').get(String(b.roleId));
			if (!role) return invalid('roleId', b.roleId);
			const users = emu.collection(req, 'users');
			if (users.find((u) => String(u.email).toLowerCase() === String(b.email).toLowerCase())) {
				return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}email, ${String(b.email)}. A user with this email already exists.`);
			}
			const rec = users.insert({ firstName: b.firstName, lastName: b.lastName, email: b.email, role: roleView(role) });
			return { status: 201, body: emu.view(rec) };
		},
	})),
	forEndpoint('PATCH /v3/users/{userId}', changeRecord({
		guard: jsonObjectBody,
		find: byParam('users', 'userId'),
		mode: 'update',
		change(req, emu: Emulator) {
			const { roleId, email, ...rest } = bodyOf(req);
			if (email !== undefined) return invalid('email', email);
			const patch = pickDefined(rest, ['firstName', 'lastName']);
			for (const k of Object.keys(rest)) if (!['firstName', 'lastName'].includes(k)) return invalid(k, JSON.stringify(rest[k]));
			if (roleId !== undefined) {
				const role = emu.collection(req, 'roles').get(String(roleId));
				if (!role) return invalid('roleId', roleId);
				patch.role = roleView(role);
			}
			return patch;
		},
	})),
];

export const handlers: CustomHandler[] = [
	...userHandlers,
];
