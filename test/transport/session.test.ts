/**
 * The session rules (one sign-in reused, one re-sign-in on an expired session), against the emulator, through real workflows on n8n-core.
 */
import { byId, useBill } from '../support/bill';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { CRED_IDS } from '../support/bill';

const t = useBill();

async function seedVendors(n: number) {
	const r = await t.runOp(
		'vendor',
		'createMany',
		{ name: '={{ "Vendor " + $json.n }}', address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' } },
		Array.from({ length: n }, (_, n) => ({ json: { n } })),
	);
	expect(r.success).toBe(true);
	return r.output.map((i) => String(i.json.id));
}

describe('session handling', () => {
	test('a missing session costs exactly one login, even with several requests in flight', async () => {
		const ids = await seedVendors(3);
		// Forget the session everywhere: the stored credential and the in-memory cache.
		const stored = t.harness.credentialStore.get(CRED_IDS.billApi)!;
		t.harness.credentialStore.seed(CRED_IDS.billApi, { ...stored, data: { ...stored.data, sessionToken: '' } });
		resetSessionCache();
		const before = t.emu.counters.logins;
		t.emu.config.latencyMs = 50;
		// 9 items run 3 at a time: the first 3 start together with no session.
		const r = await t.runOp('vendor', 'get', { vendorId: '={{ $json.id }}' }, [...ids, ...ids, ...ids].map((id) => ({ json: { id } })));
		t.emu.config.latencyMs = 0;
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(9);
		expect(t.emu.counters.logins - before).toBe(1);
		expect(Math.max(...Object.values(t.emu.counters.peakConcurrency as Record<string, number>))).toBeLessThanOrEqual(3);
	});

	test('a stored valid session is reused by a later execution with zero logins', async () => {
		const before = t.emu.counters.logins;
		const stored = t.harness.credentialStore.get(CRED_IDS.billApi)!.data.sessionToken;
		expect(typeof stored).toBe('string');
		expect(String(stored).length).toBeGreaterThan(0);
		// A new process would not have the in-memory cache: drop it, keep the stored credential.
		resetSessionCache();
		const r = await t.runOp('vendor', 'getAll', { returnAll: true });
		expect(r.success).toBe(true);
		expect(t.emu.counters.logins - before).toBe(0);
	});

	test('an expired session costs one login and one resend per request, concurrent requests included', async () => {
		const ids = (await t.runOp('vendor', 'getAll', { returnAll: true })).output.map((i) => String(i.json.id));
		t.emu.expireAllSessions();
		const before = t.emu.counters.logins;
		t.emu.config.latencyMs = 30;
		const r = await t.runOp('vendor', 'get', { vendorId: '={{ $json.id }}' }, ids.map((id) => ({ json: { id } })));
		t.emu.config.latencyMs = 0;
		expect(r.success).toBe(true);
		expect(r.output.map((i) => i.json.id)).toEqual(ids);
		expect(t.emu.counters.logins - before).toBe(1);
	});

	test('BDC_1109 leads to one re-login and one resend, never a loop', async () => {
		const [id] = await seedVendors(1);
		const before = t.emu.counters.logins;
		const requestsBefore = t.emu.requestLog.length;
		// Every session BILL hands out is refused: the node must give up after one re-login.
		t.emu.faults.add({ match: { path: /\/v3\/vendors\// }, times: 5, status: 401, code: 'BDC_1109', message: 'Session is invalid.  Please log in.' });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(id) });
		t.emu.faults.clear?.();
		expect(r.success).toBe(false);
		expect(String(r.error?.message)).toContain('BDC_1109');
		expect(t.emu.counters.logins - before).toBe(1);
		const vendorCalls = t.emu.requestLog.slice(requestsBefore).filter((e) => e.path.startsWith('/v3/vendors/'));
		expect(vendorCalls).toHaveLength(2);
	});

	test('an upload is not lost when its session expired', async () => {
		const [id] = await seedVendors(1);
		t.emu.expireAllSessions();
		const before = t.emu.counters.logins;
		const content = Buffer.from('%PDF-1.4 test attachment');
		const r = await t.runOp('attachment', 'uploadToVendor', { vendorId: byId(id), binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: content.toString('base64'), mimeType: 'application/pdf', fileName: 'w9.pdf' } } },
		]);
		expect(r.success).toBe(true);
		expect(t.emu.counters.logins - before).toBe(1);
		expect(r.output[0].json.name).toBe('w9.pdf');
	});
});
