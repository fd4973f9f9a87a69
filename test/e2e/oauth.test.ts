/**
 * Issue 22 end to end, in a real n8n (the version BILL_N8N names) against the emulator; each
 * `n8n execute` is a process of its own, so a later execution only has what n8n stored:
 * - a workflow with the OAuth client-credentials credential: the BILL node (AP and Spend & Expense)
 *   and the HTTP Request node (predefined credential); one token request, then none; one new token
 *   after BILL expired it;
 * - a workflow looping over two Accountant Console client organizations: Session → Get Login
 *   Organizations, then Vendor → Get Many with Client Organization ID from each item.
 * - n8n's credential test (the editor's "Test" button, POST /rest/credentials/test) in words.
 * Needs `npm run build` first.
 */
import { join } from 'path';

import { BillEmulator, SEED } from '../emulator/server';
import { CRED_IDS, credentialsFor } from '../support/bill';
import { billNodes, chain, manual, requestsSince } from './bill-e2e';
import { N8n, N8nRest, ROOT, type E2ENode } from './n8n';

let emu: BillEmulator;
let base = '';
let n8n: N8n;
let oauthId = '';
let consoleId = '';

const OAUTH_CRED = { id: CRED_IDS.billOAuth2Api, name: 'BILL OAuth (local emulator)' };
const CONSOLE_CRED = { id: CRED_IDS.billConsoleApi, name: 'BILL Console (local emulator)' };
const address = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };

beforeAll(async () => {
	emu = new BillEmulator();
	base = await emu.start();
	emu.store.collection('vendors', SEED.organizationId).insert({ name: 'Own Org Vendor', address });
	emu.store.collection('spend/budgets', SEED.organizationId).insert({ name: 'OAuth Budget' });
	emu.store.collection('vendors', SEED.clientOrganizationId).insert({ name: 'Client One Vendor', address });
	emu.store.collection('vendors', SEED.clientOrganizationId2).insert({ name: 'Client Two Vendor', address });
	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	const creds = credentialsFor(base);
	await n8n.importCredentials([
		{ ...OAUTH_CRED, type: 'billOAuth2Api', data: creds[CRED_IDS.billOAuth2Api].data },
		{ ...CONSOLE_CRED, type: 'billConsoleApi', data: creds[CRED_IDS.billConsoleApi].data },
	]);
	const { bill } = billNodes(n8n);
	const withCred = (node: E2ENode, slot: string, cred: { id: string; name: string }): E2ENode => ({ ...node, credentials: { [slot]: cred } });
	// both workflows in one import (one n8n boot)
	[oauthId, consoleId] = await n8n.importWorkflows([
		{
			name: 'BILL with OAuth client credentials',
			nodes: [
				manual(),
				withCred(bill('Vendors', 'vendor', 'getAll', { authentication: 'oAuthClientCredentials', returnAll: true }), 'billOAuth2Api', OAUTH_CRED),
				withCred(bill('Budgets', 'budget', 'getAll', { authentication: 'oAuthClientCredentials', returnAll: true }, { executeOnce: true }), 'billOAuth2Api', OAUTH_CRED),
				{
					name: 'HTTP Vendors',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					executeOnce: true,
					parameters: { method: 'GET', url: `${base}/connect/v3/vendors?max=10`, authentication: 'predefinedCredentialType', nodeCredentialType: 'billOAuth2Api', options: {} },
					credentials: { billOAuth2Api: OAUTH_CRED },
				},
			],
			connections: chain('Manual', 'Vendors', 'Budgets', 'HTTP Vendors'),
		},
		{
			name: 'BILL over every Console client organization',
			nodes: [
				manual(),
				withCred(bill('Client Organizations', 'session', 'getOrganizations', { authentication: 'accountantConsole', returnAll: true }), 'billConsoleApi', CONSOLE_CRED),
				withCred(
					bill('Client Vendors', 'vendor', 'getAll', { authentication: 'accountantConsole', clientOrganizationId: '={{ $json.organizationId }}', returnAll: true }),
					'billConsoleApi',
					CONSOLE_CRED,
				),
			],
			connections: chain('Manual', 'Client Organizations', 'Client Vendors'),
		},
	]);
});

afterAll(async () => {
	await n8n?.dispose();
	await emu?.stop();
});

async function runOAuth() {
	const tokens = emu.signIns.tokenRequests;
	const logins = emu.counters.logins;
	const from = emu.requestLog.length;
	const result = await n8n.execute(oauthId);
	if (!result.success) throw new Error(`execution failed: ${JSON.stringify(result.error ?? result.stderr.slice(-2000))}`);
	return { result, tokens: emu.signIns.tokenRequests - tokens, logins: emu.counters.logins - logins, vendors: requestsSince(emu.requestLog, from, 'GET', '/v3/vendors').map((e) => e.status) };
}

test('OAuth: the first execution gets one token for the BILL node (AP and S&E) and the HTTP Request node', async () => {
	const { result, tokens, logins } = await runOAuth();
	expect(tokens).toBe(1);
	expect(logins).toBe(0);
	expect(result.byNode.Vendors.map((i) => i.json.name)).toEqual(['Own Org Vendor']);
	expect(result.byNode.Budgets.map((i) => i.json.name)).toEqual(['OAuth Budget']);
	expect(result.byNode['HTTP Vendors'][0].json).toMatchObject({ results: [expect.objectContaining({ name: 'Own Org Vendor' })] });
});

test('OAuth: a later execution (another process) reuses the stored token: zero token requests', async () => {
	const { tokens } = await runOAuth();
	expect(tokens).toBe(0);
});

test('OAuth: BILL expired the token: one new token, the refused request resent once', async () => {
	emu.signIns.expireAllTokens();
	const { tokens, vendors } = await runOAuth();
	expect(tokens).toBe(1);
	expect(vendors.slice(0, 2)).toEqual([401, 200]);
});

test('Console: one workflow over both client organizations, one sign-in per organization', async () => {
	const logins = emu.counters.logins;
	const result = await n8n.execute(consoleId);
	if (!result.success) throw new Error(`execution failed: ${JSON.stringify(result.error ?? result.stderr.slice(-2000))}`);
	expect(result.byNode['Client Organizations'].map((i) => i.json.organizationId).sort()).toEqual([SEED.clientOrganizationId, SEED.clientOrganizationId2].sort());
	expect(result.byNode['Client Vendors'].map((i) => i.json.name).sort()).toEqual(['Client One Vendor', 'Client Two Vendor']);
	expect(emu.counters.logins - logins).toBe(2);
	// A later execution (another process): the default organization's stored session is reused, the other organization signs in once.
	const again = emu.counters.logins;
	expect((await n8n.execute(consoleId)).success).toBe(true);
	expect(emu.counters.logins - again).toBe(1);
});

test("OAuth credential test in n8n's editor: what is wrong, in words", async () => {
	const server = await n8n.start();
	try {
		const rest = await N8nRest.owner(server.url);
		const data = credentialsFor(base)[CRED_IDS.billOAuth2Api].data;
		const check = async (over: Record<string, unknown>) =>
			await rest.request<{ status: string; message: string }>('POST', '/credentials/test', { credentials: { ...OAUTH_CRED, type: 'billOAuth2Api', data: { ...data, ...over } } });
		const ok = await check({});
		expect(`${ok.status} ${ok.message}`).toMatch(/^OK/);
		expect((await check({ clientSecret: 'wrong-secret' })).message).toMatch(/Client Secret is wrong/);
		expect((await check({ clientId: 'nobody' })).message).toMatch(/does not know this Client ID/);
		expect((await check({ baseUrl: `${base}/elsewhere` })).message).toMatch(/no token endpoint/);
		const user = emu.config.users.find((u) => u.userId === SEED.userId)!;
		const role = user.role;
		user.role = 'NONE';
		try {
			expect((await check({})).message).toMatch(/no Accounts Payable \/ Receivable access/);
		} finally {
			user.role = role;
		}
	} finally {
		await server.stop();
	}
});
