/**
 * MFA (BILL resource `mfa`): phone setup, challenge, Remember Me ID, step-up.
 */
import { bdcError } from '../errors';
import { checkEnum, checkMessageLimit, MFA_CODE, state } from '../family/connect';
import { bodyOf, forEndpoint, invalidText as invalid, isBlank, missing, requireFields } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest } from '../types';

/* ------------------------------------------------------------------ MFA */

const MFA_DELIVERY = ['TEXT', 'VOICE'];

function userPhones(emu: Emulator, req: EmuRequest): EmuRecord[] {
	return emu.collection(req, 'mfa/phones').list((p) => p._userId === req.auth.userId);
}

const mfaHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/mfa/setup', (req, emu: Emulator) => {
		const b = bodyOf(req);
		// Since 2026-03-30 `primary` is optional and may only be true (BILL changelog 2026-02-06:
		// no secondary MFA phones; `primary: false` → HTTP 400).
		const miss = requireFields(b, ['phone', 'type']);
		if (miss) return miss;
		const typeErr = checkEnum('type', b.type, MFA_DELIVERY);
		if (typeErr) return typeErr;
		const digits = String(b.phone).replace(/\D/g, '');
		if (digits.length < 10) return invalid('phone', b.phone);
		if (b.primary !== undefined && b.primary !== true) return invalid('primary', b.primary);
		const limited = checkMessageLimit(emu, req);
		if (limited) return limited;
		const setup = emu.collection(req, 'mfa/setups').insert(
			{ _userId: req.auth.userId, phone: digits, type: b.type, primary: true, validated: false },
			{ bare: true, prefix: 'mfs' },
		);
		return { body: { setupId: setup.id } };
	}),
	forEndpoint('POST /v3/mfa/setup/validate', (req, emu: Emulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['setupId', 'type', 'token']);
		if (miss) return miss;
		const typeErr = checkEnum('type', b.type, MFA_DELIVERY);
		if (typeErr) return typeErr;
		const setups = emu.collection(req, 'mfa/setups');
		const setup = setups.get(String(b.setupId));
		if (!setup || setup._userId !== req.auth.userId || setup.validated === true) return invalid('setupId', b.setupId);
		// [inferred] code for a wrong MFA token.
		if (String(b.token) !== MFA_CODE) return bdcError(400, 'BDC_1355', 'Invalid MFA token. Check the code sent to the phone and try again.');
		setups.update(setup.id, { validated: true });
		const phones = emu.collection(req, 'mfa/phones');
		if (setup.primary === true) for (const p of userPhones(emu, req)) if (p.primary === true) phones.update(p.id, { primary: false });
		const digits = String(setup.phone);
		phones.insert({ _userId: req.auth.userId, type: 'MOBILE', phone: digits, last4digits: digits.slice(-4), primary: setup.primary }, { bare: true, prefix: 'mfp' });
		return { body: { status: 'SUCCESS' } };
	}),
	forEndpoint('GET /v3/mfa/phones', (req, emu: Emulator) => {
		return { body: { results: userPhones(emu, req).map((p) => ({ type: p.type, last4digits: p.last4digits, primary: p.primary })) } };
	}),
	forEndpoint('POST /v3/mfa/challenge', (req, emu: Emulator) => {
		const b = bodyOf(req);
		// Since 2026-03-30 `useBackup` is optional and may only be false (BILL changelog 2026-02-06: `true` → HTTP 400).
		if (b.useBackup !== undefined && b.useBackup !== false && b.useBackup !== 'false') return invalid('useBackup', b.useBackup);
		const phones = userPhones(emu, req).filter((p) => p.primary === true);
		if (phones.length === 0) {
			// [inferred] code: no phone registered (run MFA setup first).
			return bdcError(400, 'BDC_1354', 'MFA is not set up for this user. Add and validate a phone first.');
		}
		const limited = checkMessageLimit(emu, req);
		if (limited) return limited;
		const ch = emu.collection(req, 'mfa/challenges').insert({ _userId: req.auth.userId, _sessionId: req.auth.sessionId, _at: emu.nowMs(), used: false }, { bare: true, prefix: 'mfc' });
		return { body: { challengeId: ch.id } };
	}),
	forEndpoint('POST /v3/mfa/challenge/validate', (req, emu: Emulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['challengeId', 'token']);
		if (miss) return miss;
		const challenges = emu.collection(req, 'mfa/challenges');
		const ch = challenges.get(String(b.challengeId));
		// Challenges belong to the user, are single-use and expire [inferred: after 10 minutes].
		if (!ch || ch._userId !== req.auth.userId || ch.used === true || emu.nowMs() - Number(ch._at) > 10 * 60_000) return invalid('challengeId', b.challengeId);
		if (String(b.token) !== MFA_CODE) return bdcError(400, 'BDC_1355', 'Invalid MFA token. Check the code sent to the phone and try again.');
		const rememberMe = b.rememberMe === true || b.rememberMe === 'true';
		if (rememberMe && isBlank(b.device)) return missing('device');
		challenges.update(ch.id, { used: true });
		const session = emu.getSession(req.auth.sessionId);
		if (session) session.trusted = true;
		if (!rememberMe) return { body: {} };
		const rememberMeId = `${emu.newId('rmb')}${Math.random().toString(36).slice(2, 10)}`;
		emu.config.mfaDevices.push({ rememberMeId, device: String(b.device), userId: req.auth.userId });
		state(emu).rememberMeIds.add(rememberMeId);
		return { body: { rememberMeId } };
	}),
	forEndpoint('POST /v3/mfa/step-up', (req, emu: Emulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['rememberMeId', 'device']);
		if (miss) return miss;
		const ok = emu.config.mfaDevices.some((d) => d.rememberMeId === b.rememberMeId && d.device === b.device && (!d.userId || d.userId === req.auth.userId));
		// [inferred] code: BILL's MFA family (third-party: BDC_1356 "MFA expired").
		if (!ok) return bdcError(400, 'BDC_1356', 'The MFA remember me ID and device are not valid for this user. Complete MFA sign-in again.');
		const session = emu.getSession(req.auth.sessionId);
		if (session) session.trusted = true;
		return { body: { trusted: true } };
	}),
];

export const handlers: CustomHandler[] = [
	...mfaHandlers,
];
