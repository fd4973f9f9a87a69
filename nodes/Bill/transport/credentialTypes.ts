import type { ApiFamily } from '../catalog/types';

/** The three BILL credentials (their auth differs: organization session, S&E token, partner session). */
export type BillCredentialType = 'billApi' | 'billSpendApi' | 'billPartnerApi';

/** Event families of BILL's webhooks: the credential that manages a subscription decides its events. */
export type EventFamily = 'organization' | 'partner' | 'spend';

export const EVENT_FAMILY_CREDENTIAL: Record<EventFamily, BillCredentialType> = {
	organization: 'billApi',
	partner: 'billPartnerApi',
	spend: 'billSpendApi',
};

/** Which credential an API family uses; webhook calls use the one of their event family. */
export function credentialTypeOf(api: ApiFamily, eventFamily: EventFamily = 'organization'): BillCredentialType {
	if (api === 'webhooks') return EVENT_FAMILY_CREDENTIAL[eventFamily];
	if (api === 'spend') return 'billSpendApi';
	if (api === 'partner') return 'billPartnerApi';
	return 'billApi';
}
