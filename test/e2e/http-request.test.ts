/**
 * The BILL credentials used from n8n's own HTTP Request node ("Predefined Credential Type"), in a
 * real n8n (the version BILL_N8N names) against the emulator: n8n signs in for it through the credential's
 * preAuthentication, stores the session, reuses it in the next execution, and signs in again once
 * when BILL answers 401 for an expired session. The S&E credential puts its API token on the request.
 * Needs `npm run build` first.
 */
import { join } from 'path';

import { BillEmulator } from '../emulator/server';
import { chain, e2eCredentials, E2E_CREDS, manual, requestsSince } from './bill-e2e';
import { N8n, ROOT, type E2ENode } from './n8n';

let emu: BillEmulator;
let base = '';
let n8n: N8n;
let id = '';

const httpRequest = (name: string, url: string, credential: 'billApi' | 'billSpendApi' | 'billPartnerApi'): E2ENode => ({
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: credential, options: {} },
	credentials: { [credential]: E2E_CREDS[credential] },
});

beforeAll(async () => {
	emu = new BillEmulator();
	base = await emu.start();
	for (const name of ['Acme Audio', 'Beta Beats']) {
		emu.store.collection('vendors').insert({ name, address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' } });
	}
	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	await n8n.importCredentials(e2eCredentials(base).filter((c) => ([E2E_CREDS.billApi.id, E2E_CREDS.billSpendApi.id, E2E_CREDS.billPartnerApi.id] as string[]).includes(c.id)));
	id = await n8n.importWorkflow({
		name: 'BILL through the HTTP Request node',
		nodes: [
			manual(),
			httpRequest('Vendors', `${base}/connect/v3/vendors?max=10`, 'billApi'),
			{ ...httpRequest('S&E User', `${base}/connect/v3/spend/users/current`, 'billSpendApi'), executeOnce: true },
			{ ...httpRequest('Partner Orgs', `${base}/connect/v3/partner/organizations?max=10`, 'billPartnerApi'), executeOnce: true },
		],
		connections: chain('Manual', 'Vendors', 'S&E User', 'Partner Orgs'),
	});
});

afterAll(async () => {
	await n8n?.dispose();
	await emu?.stop();
});

async function run() {
	const logins = emu.counters.logins;
	const partnerLogins = emu.counters.partnerLogins;
	const from = emu.requestLog.length;
	const result = await n8n.execute(id);
	if (!result.success) throw new Error(`execution failed: ${JSON.stringify(result.error ?? result.stderr.slice(-2000))}`);
	return {
		result,
		logins: emu.counters.logins - logins,
		partnerLogins: emu.counters.partnerLogins - partnerLogins,
		partner: requestsSince(emu.requestLog, from, 'GET', '/v3/partner/organizations').map((e) => [e.auth, e.status]),
		vendors: requestsSince(emu.requestLog, from, 'GET', '/v3/vendors').map((e) => [e.auth, e.status]),
		spend: requestsSince(emu.requestLog, from, 'GET', '/v3/spend/users/current').map((e) => [e.auth, e.status]),
	};
}

const storedSession = async () => (await n8n.exportCredentials()).find((c) => c.id === E2E_CREDS.billApi.id)?.data.sessionToken;
/** The session n8n stored after the first execution. */
let firstSession: unknown;

test('first execution: n8n signs in for the HTTP Request node (one login each), the S&E token is sent', async () => {
	const { result, logins, partnerLogins, vendors, spend, partner } = await run();
	expect(logins).toBe(1);
	expect(partnerLogins).toBe(1);
	expect(partner).toEqual([['partner', 200]]);
	expect(vendors).toEqual([['org', 200]]);
	const page = result.byNode.Vendors[0].json as { results: Array<{ name: string }> };
	expect(page.results.map((v) => v.name).sort()).toEqual(['Acme Audio', 'Beta Beats']);
	expect(spend).toEqual([['spend', 200]]);
	expect(result.byNode['S&E User'][0].json).toMatchObject({ role: 'ADMIN' });
	firstSession = await storedSession();
	expect(String(firstSession ?? '')).not.toBe('');
});

test('second execution reuses the stored sessions: zero logins', async () => {
	const { logins, partnerLogins, vendors } = await run();
	expect(logins).toBe(0);
	expect(partnerLogins).toBe(0);
	expect(vendors).toEqual([['org', 200]]);
});

test('an expired session: BILL answers 401, n8n signs in once more and resends', async () => {
	emu.expireAllSessions();
	const { result, logins, vendors } = await run();
	expect(logins).toBe(1);
	expect(vendors).toEqual([
		['none', 401],
		['org', 200],
	]);
	expect((result.byNode.Vendors[0].json as { results: unknown[] }).results).toHaveLength(2);
	const after = await storedSession();
	expect(after).not.toBe(firstSession);
	expect(String(after ?? '')).not.toBe('');
});
