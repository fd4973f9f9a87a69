/**
 * The BILL credentials (their auth differs: organization session, S&E token, partner session, OAuth
 * client-credentials access token, Accountant Console session per client organization).
 */
export type BillCredentialType = 'billApi' | 'billSpendApi' | 'billPartnerApi' | 'billOAuth2Api' | 'billConsoleApi';

/** Event families of BILL's webhooks: the credential that manages a subscription decides its events. */
export type EventFamily = 'organization' | 'partner' | 'spend';

export const EVENT_FAMILY_CREDENTIAL: Record<EventFamily, BillCredentialType> = {
	organization: 'billApi',
	partner: 'billPartnerApi',
	spend: 'billSpendApi',
};
