/**
 * Issue 22 §2: the BILL Accountant Console against the emulator, through real workflows on
 * n8n-core: list the client organizations a Console API token reaches, run one workflow over all of
 * them with the organization chosen per item, one sign-in per organization (then none), one
 * re-sign-in per organization on expiry, BILL's 3-in-flight limit per organization, and the
 * Console refused before sending for what it does not serve.
 */
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { SEED } from '../emulator/server';
import { CRED_IDS, startBill, type BillTestContext } from '../support/bill';

let t: BillTestContext;
const CONSOLE = { authentication: 'accountantConsole' };
const ORGS = [SEED.clientOrganizationId, SEED.clientOrganizationId2];
const address = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };

beforeAll(async () => {
	t = await startBill();
});
afterAll(async () => {
	await t.stop();
});

const logins = () => t.emu.counters.logins;

describe('Accountant Console', () => {
	test('Session → Get Login Organizations lists the client organizations the Console token reaches', async () => {
		const r = await t.runOk('session', 'getOrganizations', { ...CONSOLE, returnAll: true });
		expect(r.output.map((i) => i.json.organizationId).sort()).toEqual([...ORGS].sort());
		expect(r.output[0].json).toMatchObject({ consoleOrganizationId: SEED.consoleOrganizationId });
	});

	test('one workflow over every client organization: each item acts in its own organization, one sign-in per organization', async () => {
		const entry = t.harness.credentialStore.get(CRED_IDS.billConsoleApi)!;
		t.harness.credentialStore.seed(CRED_IDS.billConsoleApi, { ...entry, data: { ...entry.data, sessionToken: '' } });
		resetSessionCache();
		const before = logins();
		t.emu.config.latencyMs = 30;
		const items = ORGS.flatMap((organizationId) => [1, 2, 3].map((n) => ({ json: { organizationId, name: `Client vendor ${organizationId.slice(-4)} ${n}` } })));
		const r = await t.runOp('vendor', 'create', { ...CONSOLE, clientOrganizationId: '={{ $json.organizationId }}', name: '={{ $json.name }}', address }, items);
		t.emu.config.latencyMs = 0;
		expect(r.success).toBe(true);
		for (const org of ORGS) {
			const names = t.emu.store.collection('vendors', org).list().map((v) => String(v.name));
			expect(names.sort()).toEqual([1, 2, 3].map((n) => `Client vendor ${org.slice(-4)} ${n}`).sort());
		}
		expect(logins() - before).toBe(2);
	});

	test('a later execution: zero sign-ins', async () => {
		const before = logins();
		const r = await t.runOp('vendor', 'getAll', { ...CONSOLE, clientOrganizationId: '={{ $json.organizationId }}', returnAll: true }, ORGS.map((organizationId) => ({ json: { organizationId } })));
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(6);
		expect(logins() - before).toBe(0);
	});

	test("a new worker (nothing in memory): the default organization's stored session is reused, the other organization signs in once", async () => {
		resetSessionCache();
		const before = logins();
		const r = await t.runOp('vendor', 'getAll', { ...CONSOLE, clientOrganizationId: '={{ $json.organizationId }}', returnAll: true }, ORGS.map((organizationId) => ({ json: { organizationId } })));
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(6);
		expect(logins() - before).toBe(1);
	});

	test('sessions expired with requests in flight: one re-sign-in per organization', async () => {
		t.emu.expireAllSessions();
		const before = logins();
		t.emu.config.latencyMs = 30;
		const items = ORGS.flatMap((organizationId) => [1, 2, 3].map(() => ({ json: { organizationId } })));
		const r = await t.runOp('vendor', 'getAll', { ...CONSOLE, clientOrganizationId: '={{ $json.organizationId }}', limit: 1 }, items);
		t.emu.config.latencyMs = 0;
		expect(r.success).toBe(true);
		expect(logins() - before).toBe(2);
	});

	test("BILL's limit of 3 requests in flight applies to each client organization on its own", async () => {
		t.emu.counters.peakConcurrency = {};
		t.emu.config.latencyMs = 60;
		const items = ORGS.flatMap((organizationId) => Array.from({ length: 6 }, () => ({ json: { organizationId } })));
		const r = await t.runOp('vendor', 'getAll', { ...CONSOLE, clientOrganizationId: '={{ $json.organizationId }}', limit: 1 }, items);
		t.emu.config.latencyMs = 0;
		expect(r.success).toBe(true);
		const peaks = t.emu.counters.peakConcurrency as Record<string, number>;
		for (const org of ORGS) expect(peaks[org]).toBeLessThanOrEqual(3);
		expect(t.emu.requestLog.filter((e) => e.code === 'BDC_1322')).toHaveLength(0);
	});

	test("an empty Client Organization ID uses the credential's default organization", async () => {
		const r = await t.runOk('vendor', 'getAll', { ...CONSOLE, returnAll: true });
		expect(r.output.map((i) => String(i.json.name)).every((n) => n.includes(SEED.clientOrganizationId.slice(-4)))).toBe(true);
	});

	test('an organization the Console does not reach: BILL refuses the sign-in, the error says which', async () => {
		const r = await t.runOp('vendor', 'getAll', { ...CONSOLE, clientOrganizationId: SEED.organizationId, limit: 1 });
		expect(r.success).toBe(false);
		expect(`${r.error?.message} ${r.error?.description ?? ''}`).toMatch(/BDC_1123/);
	});

	test('a malformed organization ID is refused before anything is sent', async () => {
		const requests = t.emu.requestLog.length;
		const r = await t.runOp('vendor', 'getAll', { ...CONSOLE, clientOrganizationId: 'acme', limit: 1 });
		expect(r.success).toBe(false);
		expect(String(r.error?.message)).toMatch(/must begin with 008/);
		expect(t.emu.requestLog.length).toBe(requests);
	});

	test('Spend & Expense with the Console is refused before sending, naming what to use', async () => {
		const requests = t.emu.requestLog.length;
		const r = await t.runOp('budget', 'getAll', { ...CONSOLE, returnAll: true });
		expect(r.success).toBe(false);
		expect(String(r.error?.message)).toMatch(/AP & AR operations of client organizations only/);
		expect(t.emu.requestLog.length).toBe(requests);
	});
});
