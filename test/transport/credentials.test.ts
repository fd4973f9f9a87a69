/**
 * The credentials on their own: sign-in against the emulator as n8n's credential test runs it
 * (preAuthentication first), clear messages for BILL's refusals, and the node offering exactly the
 * credential each resource can use.
 */
import axios from 'axios';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BillApi } from '../../credentials/BillApi.credentials';
import { BillPartnerApi } from '../../credentials/BillPartnerApi.credentials';
import { Bill } from '../../nodes/Bill/Bill.node';
import { resources } from '../../nodes/Bill/resources';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { SEED } from '../emulator/server';
import { credentialsFor, CRED_IDS } from '../support/bill';
import { useEmulator } from '../support/emulator-http';

const emu = useEmulator();
let base = '';

/** What n8n gives preAuthentication: `this.helpers.httpRequest`, here over real HTTP. */
const helper: IHttpRequestHelper = {
	helpers: {
		httpRequest: async (o: IHttpRequestOptions) => (await axios.request({ method: o.method, url: o.url, data: o.body, headers: o.headers as Record<string, string> })).data,
	},
} as unknown as IHttpRequestHelper;

beforeAll(() => {
	base = emu.baseUrl;
});
beforeEach(() => resetSessionCache());

const orgData = (over: Record<string, unknown> = {}) => ({ ...credentialsFor(base)[CRED_IDS.billApi].data, ...over }) as ICredentialDataDecryptedObject;

describe('BILL API credential sign-in', () => {
	test('signs in once and returns the session for n8n to store', async () => {
		const before = emu.counters.logins;
		const out = await new BillApi().preAuthentication.call(helper, orgData());
		expect(String(out.sessionToken)).toMatch(/.+/);
		expect(emu.counters.logins - before).toBe(1);
	});

	test('a sync token works in place of username and password', async () => {
		const out = await new BillApi().preAuthentication.call(helper, orgData({ username: SEED.syncTokenName, password: SEED.syncTokenValue }));
		expect(String(out.sessionToken)).toMatch(/.+/);
	});

	test.each([
		['wrong password', { password: 'nope-123' }, /BDC_1101.*username and password.*environment/i],
		['wrong developer key', { developerApiKey: 'bad-key-456' }, /BDC_1102.*developer key/i],
		['an organization ID that does not begin with 008', { organizationId: '12345' }, /must begin with 008/],
	])('%s gives a message that says what to fix, without the secret', async (_label, over, expected) => {
		const error = await new BillApi().preAuthentication.call(helper, orgData(over)).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(expected);
		for (const v of Object.values(over)) if (v !== '12345') expect((error as Error).message).not.toContain(String(v));
	});

	test('an MFA Remember Me ID gives an MFA-trusted session', async () => {
		const out = await new BillApi().preAuthentication.call(helper, orgData({ mfaRememberMeToken: SEED.rememberMeId, deviceName: SEED.device }));
		const session = await axios.get(`${base}/connect/v3/login/session`, { headers: { devKey: SEED.devKey, sessionId: String(out.sessionToken) } });
		expect(session.status).toBe(200);
		const entry = emu.requestLog.filter((e) => e.path === '/v3/login').pop();
		expect(entry).toBeDefined();
	});

	test('Partner: Log In as User yields an organization session', async () => {
		const out = await new BillApi().preAuthentication.call(
			helper,
			orgData({ loginType: 'partnerLoginAsUser', partnerUsername: SEED.partnerUsername, partnerPassword: SEED.partnerPassword, appApiKey: SEED.appKey, userId: SEED.userId }),
		);
		const r = await axios.get(`${base}/connect/v3/login/session`, { headers: { devKey: SEED.devKey, sessionId: String(out.sessionToken) } });
		expect(r.data.organizationId).toBe(SEED.organizationId);
	});

	test('partner credential signs in with the app key', async () => {
		const out = await new BillPartnerApi().preAuthentication.call(helper, credentialsFor(base)[CRED_IDS.billPartnerApi].data);
		expect(String(out.sessionToken)).toMatch(/.+/);
	});
});

describe('credential selector', () => {
	const node = new Bill();
	const family = (api: string) => (api === 'spend' ? ['billSpendApi'] : api === 'partner' ? ['billPartnerApi'] : ['billApi']);
	// As n8n sees a node: with the defaults of the parameters it does not store (n8n's Workflow adds them).
	const shown = (parameters: Record<string, unknown>) => {
		const full = NodeHelpers.getNodeParameters(node.description.properties, parameters as never, true, false, { typeVersion: 1 } as INode, node.description) ?? {};
		return (node.description.credentials ?? [])
			.filter((c) => NodeHelpers.displayParameter(full, c, { typeVersion: 1 } as INode, node.description))
			.map((c) => c.name);
	};

	test.each(resources.filter((r) => r.api !== 'webhooks').map((r) => [r.value, r.api] as const))('%s offers only its credential', (value, api) => {
		expect(shown({ resource: value, operation: resources.find((r) => r.value === value)!.operations[0].operation })).toEqual(family(api));
	});

	test.each(resources.filter((r) => r.api !== 'webhooks').map((r) => [r.value, r.api] as const))('%s with OAuth client credentials offers the OAuth credential where BILL serves it', (value, api) => {
		const operation = resources.find((r) => r.value === value)!.operations[0].operation;
		const expected = api === 'partner' ? ['billPartnerApi'] : ['mfa', 'session'].includes(value) ? [] : ['billOAuth2Api'];
		expect(shown({ resource: value, operation, authentication: 'oAuthClientCredentials' })).toEqual(expected);
	});

	test.each(resources.filter((r) => r.api !== 'webhooks').map((r) => [r.value, r.api] as const))('%s with the Accountant Console offers the Console credential for AP & AR', (value, api) => {
		const operation = resources.find((r) => r.value === value)!.operations[0].operation;
		const expected = api === 'partner' ? ['billPartnerApi'] : api === 'connect' ? ['billConsoleApi'] : [];
		expect(shown({ resource: value, operation, authentication: 'accountantConsole' })).toEqual(expected);
	});

	test('webhook resources offer no credential with OAuth client credentials (BILL does not accept OAuth for webhooks)', () => {
		expect(shown({ resource: 'webhookSubscription', operation: 'getAll', eventFamily: 'organization', authentication: 'oAuthClientCredentials' })).toEqual([]);
	});

	test.each([
		['organization', ['billApi']],
		['partner', ['billPartnerApi']],
		['spend', ['billSpendApi']],
	])('webhook resources with event family %s offer %s', (eventFamily, expected) => {
		expect(shown({ resource: 'webhookSubscription', operation: 'getAll', eventFamily })).toEqual(expected);
	});
});
