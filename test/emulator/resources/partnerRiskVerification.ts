/**
 * Partner risk verification (BILL resource `partnerRiskVerification`): the phone it needs.
 */
import { orgHeader, USER } from '../family/partner';
import { bodyOf, forEndpoint, invalid, isBlank, missing, withRecord } from '../handlers';
import type { CustomHandler, Emulator } from '../types';

const riskVerificationHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/partner/risk-verifications/{userId}/phone', withRecord({
		guard: orgHeader,
		find: USER,
		handle(req, emu: Emulator, user) {
			const b = bodyOf(req);
			for (const f of ['phoneNumber', 'phoneType']) if (isBlank(b[f])) return missing(f);
			if (!['MOBILE', 'WORK'].includes(String(b.phoneType))) return invalid('phoneType', b.phoneType);
			const digits = String(b.phoneNumber).replace(/\D/g, '');
			if (digits.length < 10) return invalid('phoneNumber', b.phoneNumber);
			// The same record `/v3/risk-verifications` checks before it starts (see riskVerification.ts).
			const phones = emu.collection(req, 'risk-verifications/phones');
			if (phones.get(user.id)) phones.update(user.id, { phoneNumber: digits, phoneType: b.phoneType });
			else phones.insert({ phoneNumber: digits, phoneType: b.phoneType }, { bare: true, id: user.id });
			return { status: 200 };
		},
	})),
];

export const handlers: CustomHandler[] = [
	...riskVerificationHandlers,
];
