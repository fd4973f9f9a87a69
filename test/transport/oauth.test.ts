/**
 * Issue 22 §1/§3: OAuth client credentials against the emulator's token endpoint and bearer checks,
 * through real workflows on n8n-core: token requests per execution (1 then 0, also in another
 * "worker" — a separate copy of the package's modules sharing only the stored credential), one new
 * token per expiry with requests in flight, expiry in the middle of a Return All and of a bulk batch,
 * worded sign-in failures, and OAuth refused before anything is sent where BILL does not serve it.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { BillOAuth2Api } from '../../credentials/BillOAuth2Api.credentials';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { SEED } from '../emulator/server';
import { binaryBuffer } from '../harness';
import { PollHost } from '../polling/poll-host';
import { byId, CRED_IDS, startBill, type BillTestContext } from '../support/bill';
import { simulatedProcesses } from '../support/processes';

let t: BillTestContext;
const OAUTH = { authentication: 'oAuthClientCredentials' };

beforeAll(async () => {
	t = await startBill();
});
afterAll(async () => {
	await t.stop();
});

const tokens = () => t.emu.signIns.tokenRequests;
const stored = () => t.harness.credentialStore.get(CRED_IDS.billOAuth2Api)!;
/** Forget the token in the stored credential and in this process's memory (a fresh start). */
function forgetToken() {
	const entry = stored();
	t.harness.credentialStore.seed(CRED_IDS.billOAuth2Api, { ...entry, data: { ...entry.data, sessionToken: '' } });
	resetSessionCache();
}
function seedVendors(n: number): string[] {
	const c = t.emu.store.collection('vendors', SEED.organizationId);
	return Array.from({ length: n }, (_, i) => c.insert({ name: `OAuth Vendor ${i}`, archived: false }).id);
}

describe('OAuth client credentials: tokens', () => {
	test('first execution: one token request, sent as a bearer token (no sign-in, no developer key)', async () => {
		forgetToken();
		const before = { tokens: tokens(), logins: t.emu.counters.logins };
		const r = await t.runOp('vendor', 'getAll', { ...OAUTH, returnAll: true });
		expect(r.success).toBe(true);
		expect(tokens() - before.tokens).toBe(1);
		expect(t.emu.counters.logins - before.logins).toBe(0);
		expect(String(stored().data.sessionToken).length).toBeGreaterThan(20);
	});

	test('a later execution reuses the stored token: zero token requests', async () => {
		const before = tokens();
		resetSessionCache();
		const r = await t.runOp('vendor', 'getAll', { ...OAUTH, returnAll: true });
		expect(r.success).toBe(true);
		expect(tokens() - before).toBe(0);
	});

	test('another worker (a separate copy of every module) reuses the stored token: zero token requests', async () => {
		const before = tokens();
		// its own module registry and n8n-core (whose timer its harness unrefs: built outside isolateModules, jest could not exit)
		const [worker] = simulatedProcesses(t.base, 1);
		// The worker shares only the database: the credential as the first process stored it.
		worker.credentialStore.seed(CRED_IDS.billOAuth2Api, stored());
		const r = await worker.runOp('vendor', 'getAll', { ...OAUTH, returnAll: true });
		expect(r.success).toBe(true);
		expect(tokens() - before).toBe(0);
	});

	test('no token and 9 items 3 at a time: exactly one token request', async () => {
		const ids = seedVendors(3);
		forgetToken();
		const before = tokens();
		t.emu.config.latencyMs = 40;
		const r = await t.runOp('vendor', 'get', { ...OAUTH, vendorId: '={{ $json.id }}' }, [...ids, ...ids, ...ids].map((id) => ({ json: { id } })));
		t.emu.config.latencyMs = 0;
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(9);
		expect(tokens() - before).toBe(1);
	});

	test('token expired with requests in flight: one new token, every request resent once', async () => {
		const ids = seedVendors(6);
		await t.runOk('vendor', 'getAll', { ...OAUTH, limit: 1 });
		t.emu.signIns.expireAllTokens();
		const before = tokens();
		const requests = t.emu.requestLog.length;
		t.emu.config.latencyMs = 40;
		const r = await t.runOp('vendor', 'get', { ...OAUTH, vendorId: '={{ $json.id }}' }, ids.map((id) => ({ json: { id } })));
		t.emu.config.latencyMs = 0;
		expect(r.success).toBe(true);
		expect(r.output.map((i) => i.json.id)).toEqual(ids);
		expect(tokens() - before).toBe(1);
		const refused = t.emu.requestLog.slice(requests).filter((e) => e.status === 401).length;
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(3);
	});

	test('expiry in the middle of a Return All: one new token, every record once', async () => {
		t.emu.store.collection('vendors', SEED.organizationId).clear();
		const ids = seedVendors(250);
		await t.runOk('vendor', 'getAll', { ...OAUTH, limit: 1 });
		const before = tokens();
		t.emu.signIns.expireTokensAfter(1); // page 1 passes, page 2 finds the token expired
		const r = await t.runOp('vendor', 'getAll', { ...OAUTH, returnAll: true });
		expect(r.success).toBe(true);
		expect(r.output.map((i) => String(i.json.id)).sort()).toEqual([...ids].sort());
		expect(tokens() - before).toBe(1);
	});

	test('expiry in the middle of a bulk batch: the refused batch is resent once, each vendor created once', async () => {
		const c = t.emu.store.collection('vendors', SEED.organizationId);
		c.clear();
		await t.runOk('vendor', 'getAll', { ...OAUTH, limit: 1 });
		const before = tokens();
		t.emu.signIns.expireTokensAfter(1); // batch 1 passes, batch 2 is refused (401: BILL did nothing)
		const items = Array.from({ length: 45 }, (_, n) => ({ json: { n } }));
		const address = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };
		const r = await t.runOp('vendor', 'createMany', { ...OAUTH, name: '={{ "Bulk " + $json.n }}', address }, items);
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(45);
		expect(tokens() - before).toBe(1);
		const names = c.list().map((v) => String(v.name));
		expect(names).toHaveLength(45);
		expect(new Set(names).size).toBe(45);
	});

	test('Spend & Expense with the same OAuth credential: the token carries the creator’s S&E role', async () => {
		const r = await t.runOp('budget', 'getAll', { ...OAUTH, returnAll: true });
		expect(r.success).toBe(true);
		const user = t.emu.config.users.find((u) => u.userId === SEED.userId)!;
		const role = user.spendRole;
		user.spendRole = undefined;
		try {
			const refused = await t.runOp('budget', 'getAll', { ...OAUTH, returnAll: true });
			expect(refused.success).toBe(false);
			expect(`${refused.error?.message} ${refused.error?.description ?? ''}`).toMatch(/403|Spend & Expense access/);
		} finally {
			user.spendRole = role;
		}
	});
});

describe('OAuth client credentials: every path of the node', () => {
	test('binary upload and download (the download link is fetched with the bearer token)', async () => {
		const [vendorId] = seedVendors(1);
		const bytes = Buffer.from('W-9 via OAuth\n'.repeat(40));
		const up = await t.runOp('attachment', 'uploadToVendor', { ...OAUTH, vendorId: byId(vendorId), binaryPropertyName: 'data', fileName: 'w9.txt' }, [
			{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'text/plain', fileName: 'w9.txt' } } },
		]);
		expect(up.error?.message).toBeUndefined();
		const down = await t.runOp('attachment', 'download', { ...OAUTH, attachmentId: String(up.output[0].json.id), binaryPropertyName: 'data' });
		expect(down.error?.message).toBeUndefined();
		expect(Buffer.compare(binaryBuffer(down.output[0], 'data'), bytes)).toBe(0);
	});

	test('list search (resource locator) uses the OAuth credential', async () => {
		seedVendors(1);
		const credentials = { billOAuth2Api: { id: CRED_IDS.billOAuth2Api, name: 'BILL OAuth (local emulator)' } };
		const logins = t.emu.counters.logins;
		const found = await t.harness.listSearch('searchVendor', { nodeType: 'bill', parameters: { ...OAUTH, resource: 'vendor', operation: 'get' }, credentials }, 'OAuth Vendor');
		expect(found.results.length).toBeGreaterThan(0);
		expect(t.emu.counters.logins).toBe(logins);
	});

	test('the polling trigger with the OAuth credential: one token request, then none', async () => {
		resetSessionCache();
		const host = new PollHost(t.base, { ...OAUTH, resource: 'vendor', event: 'created' });
		const before = { tokens: tokens(), logins: t.emu.counters.logins };
		expect((await host.activate()).items).toBeNull();
		t.emu.advanceTime(60_000);
		const id = seedVendors(1)[0];
		const polled = await host.poll();
		expect(polled.error).toBeUndefined();
		expect((polled.items ?? []).map((i) => i.json.id)).toContain(id);
		expect(tokens() - before.tokens).toBe(1);
		expect(t.emu.counters.logins).toBe(before.logins);
	});
});

describe('OAuth client credentials: payments in production', () => {
	test("BILL refuses an untrusted payment: the error says OAuth has no documented MFA trust and names the credential to use", async () => {
		t.emu.config.productionRules = true;
		try {
			const vendor = t.emu.store.collection('vendors', SEED.organizationId).insert({ name: 'OAuth Pay Vendor', archived: false, address: { line1: '1 Main St', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95110', country: 'US' } });
			const bill = t.emu.store.collection('bills', SEED.organizationId).insert({ vendorId: vendor.id, amount: 5, dueAmount: 5, paymentStatus: 'UNPAID', archived: false, invoice: { invoiceNumber: 'O-1', invoiceDate: '2026-11-30' }, billLineItems: [{ amount: 5 }] });
			const bank = t.emu.store.collection('funding-accounts/banks', SEED.organizationId).find(() => true);
			const r = await t.runOp('payment', 'create', {
				...OAUTH,
				amount: 5,
				fundingAccount: { type: 'BANK_ACCOUNT', id: bank?.id ?? 'bac01EMU' },
				processingOptions: { requestPayFaster: false },
				additionalFields: { billId: byId(bill.id) },
			});
			expect(r.success).toBe(false);
			const text = `${r.error?.message} ${r.error?.description ?? ''}`;
			expect(text).toMatch(/BDC_1361/);
			expect(text).toMatch(/not for OAuth client credentials.*BILL API credential with an MFA Remember Me ID/s);
			expect(t.emu.store.collection('payments', SEED.organizationId).list().filter((p) => p.billId === bill.id)).toHaveLength(0);
		} finally {
			t.emu.config.productionRules = false;
		}
	});
});

describe('OAuth client credentials: refused before sending', () => {
	test.each([
		['webhookSubscription', 'getAll', /webhooks.*BILL API credential/s],
		['mfa', 'getPhones', /MFA.*BILL API credential/s],
		['session', 'getSession', /sign-in session.*BILL API credential/s],
	])('%s → %s names the credential to use and sends nothing', async (resource, operation, message) => {
		const requests = t.emu.requestLog.length;
		const r = await t.runOp(resource, operation, { ...OAUTH });
		expect(r.success).toBe(false);
		expect(String(r.error?.message)).toMatch(message);
		expect(t.emu.requestLog.length).toBe(requests);
	});
});

/** n8n's request helper as preAuthentication gets it (real HTTP, n8n's full-response shape). */
const helper = {
	helpers: {
		async httpRequest(options: IHttpRequestOptions) {
			const res = await fetch(options.url, { method: options.method, headers: options.headers as Record<string, string>, body: options.body as string });
			const text = await res.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				/* not JSON */
			}
			return { statusCode: res.status, body, headers: {} };
		},
	},
} as unknown as IHttpRequestHelper;

describe('OAuth client credentials: failures in words', () => {
	const cred = (over: Record<string, unknown>) =>
		({ environment: 'custom', baseUrl: t.base, clientId: SEED.oauthClientId, clientSecret: SEED.oauthClientSecret, sessionToken: '', ...over }) as ICredentialDataDecryptedObject;
	const signIn = async (over: Record<string, unknown>) => {
		resetSessionCache();
		return await new BillOAuth2Api().preAuthentication.call(helper, cred(over));
	};

	test('right client: a token', async () => {
		expect((await signIn({})).sessionToken).toEqual(expect.any(String));
	});
	test('wrong secret', async () => {
		await expect(signIn({ clientSecret: 'nope-secret-value' })).rejects.toThrow(/Client Secret is wrong/);
	});
	test('unknown client', async () => {
		await expect(signIn({ clientId: 'someone-else' })).rejects.toThrow(/does not know this Client ID.*Environment/s);
	});
	test('wrong environment (no token endpoint there)', async () => {
		await expect(signIn({ baseUrl: `${t.base}/nothing-here` })).rejects.toThrow(/no token endpoint at .*Environment/s);
	});
	test('the secret never appears in an error', async () => {
		await expect(signIn({ clientSecret: 'very-secret-value-123' })).rejects.toThrow(expect.objectContaining({ message: expect.not.stringContaining('very-secret-value-123') }));
	});
	test('a failed run with a wrong secret says so and sends nothing to the API', async () => {
		const entry = stored();
		const requests = t.emu.requestLog.filter((e) => e.base === 'connect').length;
		resetSessionCache();
		const r = await t.runOp('vendor', 'getAll', { ...OAUTH, limit: 1 }, undefined, undefined, {
			[CRED_IDS.billOAuth2Api]: { ...entry, data: { ...entry.data, sessionToken: '', clientSecret: 'not-the-secret-x1' } },
		});
		t.harness.credentialStore.seed(CRED_IDS.billOAuth2Api, entry);
		expect(r.success).toBe(false);
		expect(`${r.error?.message} ${r.error?.description ?? ''}`).toMatch(/Client Secret is wrong/);
		expect(t.emu.requestLog.filter((e) => e.base === 'connect').length).toBe(requests);
	});
});
