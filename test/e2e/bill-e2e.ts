/**
 * Shared builders for the end-to-end tests of the BILL package in a real n8n (test/e2e/n8n.ts):
 * the emulator credentials as n8n imports them, BILL node definitions with the right credential,
 * Code / Manual / HTTP Request nodes, and linear connections.
 *
 *   const n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
 *   await n8n.importCredentials(e2eCredentials(base));
 *   const b = billNodes(n8n);
 *   const id = await n8n.importWorkflow({ nodes: [manual(), b.bill('List', 'vendor', 'getAll', { returnAll: true })], connections: chain('Manual', 'List') });
 */
import { SEED } from '../emulator/server';
import { CRED_IDS, credentialsFor } from '../support/bill';
import type { E2ECredential, E2ENode, N8n } from './n8n';

/** Credential ids of the e2e instance: the three emulator credentials plus an MFA-trusted billApi one. */
export const E2E_CREDS = {
	billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' },
	billApiMfa: { id: 'cred-bill-mfa', name: 'BILL (MFA-trusted)' },
	billSpendApi: { id: CRED_IDS.billSpendApi, name: 'BILL S&E (local emulator)' },
	billPartnerApi: { id: CRED_IDS.billPartnerApi, name: 'BILL Partner (local emulator)' },
} as const;

export type E2ECredKey = keyof typeof E2E_CREDS;

/** The credentials n8n imports: data in plain text, the session empty (n8n logs in on first use). */
export function e2eCredentials(base: string): E2ECredential[] {
	const plain = credentialsFor(base);
	const mfa = credentialsFor(base, { billApi: { mfaRememberMeToken: SEED.rememberMeId, deviceName: SEED.device } });
	return [
		{ ...E2E_CREDS.billApi, type: 'billApi', data: plain[CRED_IDS.billApi].data },
		{ ...E2E_CREDS.billApiMfa, type: 'billApi', data: mfa[CRED_IDS.billApi].data },
		{ ...E2E_CREDS.billSpendApi, type: 'billSpendApi', data: plain[CRED_IDS.billSpendApi].data },
		{ ...E2E_CREDS.billPartnerApi, type: 'billPartnerApi', data: plain[CRED_IDS.billPartnerApi].data },
	];
}

/** The credential slot (`billApi`, `billSpendApi`, `billPartnerApi`) a credential key fills. */
const slotOf = (key: E2ECredKey) => (key === 'billApiMfa' ? 'billApi' : key);

/** By-ID value of a resource locator (an expression works too: `byId('={{ $json.id }}')`). */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export const manual = (name = 'Manual'): E2ENode => ({ name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 });

/** A Code node (runs once for all items). */
export const code = (name: string, jsCode: string): E2ENode => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode },
});

/** Connections of nodes run one after the other. */
export function chain(...names: string[]): Record<string, unknown> {
	return Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
}

/** BILL node builders for an instance (node type `CUSTOM.bill` or `n8n-nodes-bill.bill`). */
export function billNodes(n8n: N8n) {
	return {
		/** A BILL node; `credential` picks one of E2E_CREDS (default: by resource family, billApi). */
		bill(
			name: string,
			resource: string,
			operation: string,
			params: Record<string, unknown> = {},
			options: { credential?: E2ECredKey; executeOnce?: boolean; continueOnFail?: boolean } = {},
		): E2ENode {
			const credential =
				options.credential ?? (resource.startsWith('partner') ? 'billPartnerApi' : SPEND_RESOURCES.includes(resource) ? 'billSpendApi' : 'billApi');
			const { id, name: credentialName } = E2E_CREDS[credential];
			return {
				name,
				type: n8n.nodeType('bill'),
				typeVersion: 1,
				parameters: { resource, operation, ...params },
				credentials: { [slotOf(credential)]: { id, name: credentialName } },
				...(options.executeOnce ? { executeOnce: true } : {}),
				...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			};
		},
	};
}

/** Resources of the Spend & Expense family (credential billSpendApi). */
const SPEND_RESOURCES = ['budget', 'budgetMember', 'card', 'customField', 'customFieldValue', 'reimbursement', 'transaction', 'spendUser'];

/** Requests the emulator logged from index `from` on, optionally for one method and path. */
export function requestsSince<T extends { method: string; path: string }>(log: T[], from: number, method?: string, path?: string | RegExp): T[] {
	return log
		.slice(from)
		.filter((e) => (!method || e.method === method) && (path === undefined || (typeof path === 'string' ? e.path === path : path.test(e.path))));
}

/**
 * BILL's API as a user of the emulator's organization (a session of its own), to make changes in
 * BILL the way someone working in BILL would: `const post = await billUser(base);
 * await post('/v3/vendors', {...})`. Throws on an error answer.
 */
export async function billUser(base: string): Promise<(path: string, body: unknown) => Promise<Record<string, unknown>>> {
	const login = await fetch(`${base}/connect/v3/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey }),
	});
	const { sessionId } = (await login.json()) as { sessionId: string };
	return async (path, body) => {
		const res = await fetch(`${base}/connect${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', devKey: SEED.devKey, sessionId },
			body: JSON.stringify(body),
		});
		const json = (await res.json()) as Record<string, unknown>;
		if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	};
}

/** A vendor body BILL accepts (name as given). */
export const vendorBody = (name: string) => ({ name, accountType: 'BUSINESS', address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' } });

/** A BILL Trigger for `bill.created` (organization events) with the emulator's billApi credential. */
export function billTriggerNode(n8n: N8n, webhookId: string, credential: { id: string; name: string } = E2E_CREDS.billApi): E2ENode {
	return {
		name: 'BILL Trigger',
		type: n8n.nodeType('billTrigger'),
		typeVersion: 1,
		webhookId,
		parameters: { eventFamily: 'organization', events: ['bill.created:1'], options: {} },
		credentials: { billApi: credential },
	};
}
