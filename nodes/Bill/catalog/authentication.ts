import type { ApiFamily } from './types';

/**
 * The node's Authentication parameter: BILL's sign-in credentials (session, S&E token, partner), or
 * OAuth client credentials, which BILL serves for AP, AR and Spend & Expense only.
 */
export type Authentication = 'signIn' | 'oAuthClientCredentials' | 'accountantConsole';

export const AUTHENTICATION_PARAMETER = 'authentication';

export const OAUTH: Authentication = 'oAuthClientCredentials';

export const CONSOLE: Authentication = 'accountantConsole';

/** The node's per-item client organization for the Accountant Console. */
export const CLIENT_ORGANIZATION_PARAMETER = 'clientOrganizationId';

/**
 * The Accountant Console signs in to client organizations and performs "all BILL AP & AR API
 * operations" there (BILL Accountant Console operations): the Connect family only.
 */
export function consoleRefused(api: ApiFamily): string | undefined {
	return api === 'connect'
		? undefined
		: 'The BILL Accountant Console serves the AP & AR operations of client organizations only. For Spend & Expense, webhooks or partner operations set Authentication to "Sign-In or API Token" and use the credential of that API.';
}

/**
 * Where BILL does not accept OAuth client credentials (docs/oauth-facts.md): webhooks, partner
 * operations ("not supported for … BILL partners … or webhooks") and MFA, which acts on a
 * sign-in session [inferred]. The text names the credential to use instead.
 */
const OAUTH_REFUSED: Partial<Record<ApiFamily, string>> = {
	webhooks:
		'BILL does not accept OAuth client credentials for webhooks. Set Authentication to "Sign-In or API Token" and use a BILL API credential (organization events), BILL Spend & Expense API (S&E events) or BILL Partner API (partner events).',
	partner: 'BILL does not accept OAuth client credentials for partner operations. Use a BILL Partner API credential.',
};

const SESSION_ONLY = 'OAuth client credentials do not have a BILL sign-in session [inferred]. Set Authentication to "Sign-In or API Token" and use a BILL API credential (Organization User).';

const OAUTH_REFUSED_RESOURCES: Record<string, string> = {
	mfa: `MFA works on a BILL sign-in session. ${SESSION_ONLY}`,
	session: `Session operations (sign in, session details, sign out) work on a BILL sign-in session. ${SESSION_ONLY}`,
};

/** Resources the OAuth credential cannot serve (partner, webhook and MFA resources). */
export function oauthRefused(api: ApiFamily, resource?: string): string | undefined {
	return OAUTH_REFUSED[api] ?? (resource ? OAUTH_REFUSED_RESOURCES[resource] : undefined);
}

/** Thrown before anything is sent when OAuth is chosen where BILL does not serve it. */
export class OAuthRefusedError extends Error {}
