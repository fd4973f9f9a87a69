/**
 * The request layer against the emulator, through real workflows on n8n-core:
 * pagination, concurrency cap, safe retries, hourly cap, binary round trip, size limit, secrets.
 */
import { byId, credentialsFor, CRED_IDS, useBill } from '../support/bill';
import { SEED } from '../emulator/server';
import { binaryBuffer } from '../harness';

const t = useBill();
beforeEach(() => {
	t.emu.faults.clear();
	t.emu.config.latencyMs = 0;
});

const vendors = () => t.emu.store.collection('vendors');
const address = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };

function seedVendors(n: number) {
	t.emu.store.clear();
	for (let i = 0; i < n; i++) vendors().insert({ name: `Vendor ${String(i).padStart(5, '0')}`, address }, { prefix: '009' });
}

const listCalls = (from: number) => t.emu.requestLog.slice(from).filter((e) => e.method === 'GET' && e.path === '/v3/vendors');

describe('pagination', () => {
	test.each([0, 1, 100, 101, 1234])('Return All over %i vendors returns each exactly once, with the fewest pages', async (n) => {
		seedVendors(n);
		const from = t.emu.requestLog.length;
		const r = await t.runOp('vendor', 'getAll', { returnAll: true });
		expect(r.success).toBe(true);
		const ids = r.output.map((i) => i.json.id);
		expect(ids).toHaveLength(n);
		expect(new Set(ids).size).toBe(n);
		const calls = listCalls(from);
		expect(calls).toHaveLength(Math.max(1, Math.ceil(n / 100)));
		expect(calls.every((c) => Number(c.query.max) === 100)).toBe(true);
	});

	test('Limit fetches only the pages it needs, asking for no more than it needs', async () => {
		seedVendors(1234);
		const from = t.emu.requestLog.length;
		const r = await t.runOp('vendor', 'getAll', { returnAll: false, limit: 150 });
		expect(r.output).toHaveLength(150);
		const calls = listCalls(from);
		expect(calls.map((c) => Number(c.query.max))).toEqual([100, 50]);
	});

	test('filters and sort reach BILL in its syntax', async () => {
		seedVendors(30);
		const from = t.emu.requestLog.length;
		const r = await t.runOp('vendor', 'getAll', {
			returnAll: true,
			filters: { filter: [{ field: 'name', operator: 'sw', value: 'Vendor 0001' }] },
			sort: { sortBy: { field: 'name', direction: 'desc' } },
		});
		expect(r.success).toBe(true);
		expect(r.output.map((i) => i.json.name)).toEqual(['Vendor 00019', 'Vendor 00018', 'Vendor 00017', 'Vendor 00016', 'Vendor 00015', 'Vendor 00014', 'Vendor 00013', 'Vendor 00012', 'Vendor 00011', 'Vendor 00010']);
		expect(listCalls(from)[0].query).toMatchObject({ filters: 'name:sw:"Vendor 0001"', sort: 'name:desc' });
	});
});

describe('concurrency and retries', () => {
	test('never more than 3 requests in flight per organization, and exactly 3 when there is work', async () => {
		seedVendors(12);
		const ids = vendors().list().map((v) => String(v.id));
		t.emu.counters.peakConcurrency = {};
		t.emu.config.latencyMs = 40;
		const r = await t.runOp('vendor', 'get', { vendorId: '={{ $json.id }}' }, ids.map((id) => ({ json: { id } })));
		expect(r.success).toBe(true);
		expect(r.output.map((i) => i.json.id)).toEqual(ids);
		expect(r.output.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(t.emu.counters.peakConcurrency[SEED.organizationId]).toBe(3);
		expect(t.emu.requestLog.some((e) => e.code === 'BDC_1322')).toBe(false);
	});

	test('BDC_1322 is retried and the create happens exactly once (a 503 is not: test/transport/no-second-payment.test.ts)', async () => {
		t.emu.store.clear();
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/ }, times: 2, status: 400, code: 'BDC_1322', message: 'Max number of concurrent requests per organization reached.' });
		const r = await t.runOp('vendor', 'create', { name: 'Once Inc', address });
		expect(r.success).toBe(true);
		expect(vendors().list().filter((v) => v.name === 'Once Inc')).toHaveLength(1);
	});

	test('a POST that may have been applied (500 after processing) is not resent', async () => {
		t.emu.store.clear();
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/ }, times: 1, status: 500, when: 'after' });
		const r = await t.runOp('vendor', 'create', { name: 'Maybe Inc', address });
		expect(r.success).toBe(false);
		expect(vendors().list().filter((v) => v.name === 'Maybe Inc')).toHaveLength(1);
	});

	test('a GET that failed with 500 is retried', async () => {
		seedVendors(2);
		const [id] = vendors().list().map((v) => String(v.id));
		t.emu.faults.add({ match: { method: 'GET', path: /^\/v3\/vendors\// }, times: 2, status: 500 });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(id) });
		expect(r.success).toBe(true);
	});

	test('BDC_1144 fails fast and says when to try again', async () => {
		const from = t.emu.requestLog.length;
		t.emu.faults.add({ match: { path: /^\/v3\/vendors$/ }, times: 10, status: 400, code: 'BDC_1144', message: 'Max number of allowed requests per hour reached: 20000.' });
		const r = await t.runOp('vendor', 'getAll', { returnAll: true });
		expect(r.success).toBe(false);
		expect(r.error?.message).toContain('BDC_1144');
		expect(r.error?.description).toMatch(/Try again after \d\d:\d\d UTC/);
		expect(listCalls(from)).toHaveLength(1);
	});
});

describe('binary data', () => {
	test('a 5 MB attachment uploads and downloads back byte-identical', async () => {
		seedVendors(1);
		const [vendorId] = vendors().list().map((v) => String(v.id));
		const bytes = Buffer.alloc(5 * 1024 * 1024);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 251;
		const up = await t.runOp('attachment', 'uploadToVendor', { vendorId: byId(vendorId), binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: 'contract.pdf' } } },
		]);
		expect(up.success).toBe(true);
		const attachmentId = String(up.output[0].json.id);
		const down = await t.runOp('attachment', 'download', { attachmentId: byId(attachmentId), binaryPropertyName: 'file' });
		expect(down.success).toBe(true);
		const bin = down.output[0].binary!.file;
		expect(bin.fileName).toBe('contract.pdf');
		const got = binaryBuffer(down.output[0], 'file');
		expect(Buffer.compare(got, bytes)).toBe(0);
	});

	test('a 7 MB file is refused before anything is sent', async () => {
		seedVendors(1);
		const [vendorId] = vendors().list().map((v) => String(v.id));
		const from = t.emu.requestLog.length;
		const big = Buffer.alloc(7 * 1024 * 1024, 1);
		const r = await t.runOp('attachment', 'uploadToVendor', { vendorId: byId(vendorId), binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: big.toString('base64'), mimeType: 'application/pdf', fileName: 'huge.pdf' } } },
		]);
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/huge\.pdf.*7\.0 MB.*6 MB/);
		expect(t.emu.requestLog.slice(from).filter((e) => e.method === 'POST')).toHaveLength(0);
	});
});

describe('errors and secrets', () => {
	test("a BILL error shows its BDC code and BILL's message", async () => {
		const r = await t.runOp('vendor', 'get', { vendorId: byId('00900000000NOPE') });
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/^BDC_\d+: /);
	});

	test('a wrong password names the fix and leaks no secret', async () => {
		const creds = credentialsFor(t.base, { billApi: { password: 'wrong-password-123', sessionToken: '' } });
		t.harness.credentialStore.seed(CRED_IDS.billApi, creds[CRED_IDS.billApi]);
		const r = await t.runOp('vendor', 'getAll', { returnAll: false, limit: 1 });
		t.harness.credentialStore.seed(CRED_IDS.billApi, credentialsFor(t.base)[CRED_IDS.billApi]);
		expect(r.success).toBe(false);
		const text = JSON.stringify({ message: r.error?.message, description: r.error?.description, error: r.error });
		expect(text).toContain('BDC_1101');
		for (const secret of ['wrong-password-123', SEED.devKey]) expect(text).not.toContain(secret);
	});

	test('outputs and errors of a normal run carry no session, key or token', async () => {
		seedVendors(3);
		const r = await t.runOp('vendor', 'getAll', { returnAll: true });
		const session = String(t.harness.credentialStore.get(CRED_IDS.billApi)!.data.sessionToken);
		expect(session.length).toBeGreaterThan(0);
		const text = JSON.stringify(r.run.data);
		for (const secret of [session, SEED.devKey, SEED.password, SEED.spendToken]) expect(text).not.toContain(secret);
	});

	test('with Continue On Fail, a bad item fails alone and the others succeed', async () => {
		seedVendors(2);
		const ids = vendors().list().map((v) => String(v.id));
		const r = await t.runOp('vendor', 'get', { vendorId: '={{ $json.id }}' }, [{ json: { id: ids[0] } }, { json: { id: 'not-an-id' } }, { json: { id: ids[1] } }], { continueOnFail: true });
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(3);
		expect(r.output[0].json.id).toBe(ids[0]);
		expect(String(r.output[1].json.error)).toMatch(/Vendor.*begins with 009/);
		expect(r.output[2].json.id).toBe(ids[1]);
	});
});
