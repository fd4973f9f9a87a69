import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export type BillBase = 'connect' | 'connect-events';

/** BILL's hosts (auth.md §1). Spend & Expense and partner calls live under the Connect base. */
const HOSTS: Record<string, string> = {
	sandbox: 'https://gateway.stage.bill.com',
	production: 'https://gateway.prod.bill.com',
};

/** Root URL (without `/connect`) for a credential: sandbox, production or a custom URL (emulator, proxy). */
export function rootUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'sandbox');
	if (environment === 'custom') {
		const custom = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
		if (!custom) throw new Error('The credential uses a custom environment but has no Base URL');
		return custom;
	}
	return HOSTS[environment] ?? HOSTS.sandbox;
}

/** `https://gateway.stage.bill.com/connect` or `…/connect-events`: the events base replaces `/connect`. */
export function baseUrl(credentials: ICredentialDataDecryptedObject, base: BillBase = 'connect'): string {
	return `${rootUrl(credentials)}/${base}`;
}

/**
 * BILL's OAuth token endpoint (docs/oauth-facts.md): `POST {auth host}/authx/token`. BILL's OpenAPI
 * file names the sandbox server `https://auth.stage.bill.com`; the production host is
 * `https://auth.prod.bill.com` [inferred] (BILL names only the stage server). A custom base URL (a
 * proxy, the emulator) serves it at its root.
 */
const AUTH_HOSTS: Record<string, string> = {
	sandbox: 'https://auth.stage.bill.com',
	production: 'https://auth.prod.bill.com',
};

export function tokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'sandbox');
	const host = environment === 'custom' ? rootUrl(credentials) : (AUTH_HOSTS[environment] ?? AUTH_HOSTS.sandbox);
	return `${host}/authx/token`;
}

/** n8n expression (for credential tests) giving the same Connect base URL as `baseUrl()`. */
export const CONNECT_BASE_EXPRESSION =
	'={{$credentials.environment === "production" ? "https://gateway.prod.bill.com/connect" : $credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") + "/connect" : "https://gateway.stage.bill.com/connect"}}';

/**
 * A Base URL over plain `http://` to a host other than this machine (localhost, 127.x, [::1]):
 * the password, developer key and session would cross the network unencrypted. A regular
 * expression source, used by the credential form's warning (displayOptions `_cnd.regex`).
 */
export const PLAIN_HTTP_REMOTE = '^\\s*[hH][tT][tT][pP]://(?!(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\])(:\\d+)?(/|$))';

export function isPlainHttpRemote(url: string): boolean {
	return new RegExp(PLAIN_HTTP_REMOTE).test(url);
}
