/**
 * Risk verification (BILL resource `riskVerification`).
 */
import { BDC, bdcError } from '../errors';
import { checkEnum, requireAdmin, state } from '../family/connect';
import { bodyOf, forEndpoint, invalidText as invalid, requireFields, withGuard } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest } from '../types';

/* ------------------------------------------------------------------ risk verification */

/** Time after which an initiated risk verification is complete [inferred: the emulator's choice]. */
export const RISK_REVIEW_MS = 5 * 60_000;

function riskRecord(emu: Emulator, req: EmuRequest): EmuRecord | undefined {
	return emu.collection(req, 'risk-verifications').get(String(req.auth.organizationId));
}

function riskView(emu: Emulator, rec: EmuRecord | undefined): Record<string, unknown> {
	if (!rec) return { processingStatus: 'NOT_STARTED', decision: 'UNDEFINED' };
	const done = emu.nowMs() - Number(rec._at) >= RISK_REVIEW_MS;
	return { processingStatus: done ? 'COMPLETED' : 'IN_PROGRESS', decision: done ? 'APPROVED' : 'HOLD', referenceId: rec.referenceId };
}

const riskHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/risk-verifications', (req, emu: Emulator) => ({ body: riskView(emu, riskRecord(emu, req)) })),
	forEndpoint('POST /v3/risk-verifications', withGuard({
		guard: requireAdmin,
		handle(req, emu: Emulator) {
			const hasPhone = emu.collection(req, 'risk-verifications/phones').get(String(req.auth.userId)) !== undefined;
			// "You must add a phone number for the signed-in user before you can initiate risk verification." [inferred code]
			if (!hasPhone) return bdcError(400, BDC.missingParam.code, `${BDC.missingParam.message}phone. Add a phone for the signed-in user first.`);
			const existing = riskRecord(emu, req);
			if (existing) return { body: riskView(emu, existing) };
			const rec = emu
				.collection(req, 'risk-verifications')
				.insert({ referenceId: emu.newId('rvr'), _at: emu.nowMs() }, { bare: true, id: String(req.auth.organizationId) });
			state(emu).outbox.push({ kind: 'riskVerification', to: [String(emu.collection(req, 'users').get(String(req.auth.userId))?.email ?? '')], time: emu.now() });
			return { body: riskView(emu, rec) };
		},
	})),
	forEndpoint('GET /v3/risk-verifications/phone', (req, emu: Emulator) => ({ body: { hasPhone: emu.collection(req, 'risk-verifications/phones').get(String(req.auth.userId)) !== undefined } })),
	forEndpoint('POST /v3/risk-verifications/phone', (req, emu: Emulator) => {
		const b = bodyOf(req);
		const miss = requireFields(b, ['phoneNumber', 'phoneType']);
		if (miss) return miss;
		const typeErr = checkEnum('phoneType', b.phoneType, ['MOBILE', 'WORK']);
		if (typeErr) return typeErr;
		const digits = String(b.phoneNumber).replace(/\D/g, '');
		if (digits.length < 10) return invalid('phoneNumber', b.phoneNumber);
		const phones = emu.collection(req, 'risk-verifications/phones');
		const id = String(req.auth.userId);
		if (phones.get(id)) phones.update(id, { phoneNumber: digits, phoneType: b.phoneType });
		else phones.insert({ phoneNumber: digits, phoneType: b.phoneType }, { bare: true, id });
		return { status: 200 };
	}),
];

export const handlers: CustomHandler[] = [
	...riskHandlers,
];
