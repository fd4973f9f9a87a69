/** The three BILL credentials (their auth differs: organization session, S&E token, partner session). */
export type BillCredentialType = 'billApi' | 'billSpendApi' | 'billPartnerApi';

/** Event families of BILL's webhooks: the credential that manages a subscription decides its events. */
export type EventFamily = 'organization' | 'partner' | 'spend';

export const EVENT_FAMILY_CREDENTIAL: Record<EventFamily, BillCredentialType> = {
	organization: 'billApi',
	partner: 'billPartnerApi',
	spend: 'billSpendApi',
};
