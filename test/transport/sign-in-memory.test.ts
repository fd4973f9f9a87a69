/**
 * Issue 16 §3: a sign-in BILL refuses (BDC_1101 wrong password, BDC_1102 developer key, a locked
 * user) is remembered for the account for a few minutes and fails fast, so that a workflow with
 * many items, or a polling trigger, does not hammer BILL's login (200 per hour, users locked out
 * after failed attempts). In-process n8n-core workflows against the emulator, counting its logins.
 */
import { SIGN_IN_REFUSAL, resetSessionCache } from '../../nodes/Bill/transport/session';
import { SEED } from '../emulator/server';
import { credentialsFor, startBill, type BillTestContext } from '../support/bill';

let t: BillTestContext;
const saved = { ...SIGN_IN_REFUSAL };

beforeAll(async () => {
	t = await startBill();
	t.emu.store.collection('vendors').insert({ name: 'Listed Co' }, { prefix: '009' });
});
afterAll(async () => t.stop());
beforeEach(() => {
	resetSessionCache();
	Object.assign(SIGN_IN_REFUSAL, saved);
});

const tenItems = Array.from({ length: 10 }, (_, n) => ({ json: { n } }));
/** The BILL API credential with `password` and no stored session (so that every run must sign in). */
const withPassword = (password: string) => credentialsFor(t.base, { billApi: { password, sessionToken: '' } });

async function listWith(password: string, items = tenItems) {
	const before = t.emu.counters.logins;
	const r = await t.runOp('vendor', 'getAll', { returnAll: false, limit: 1 }, items, { continueOnFail: true }, withPassword(password));
	return { r, logins: t.emu.counters.logins - before };
}

test('10 items with a wrong password: 1 sign-in attempt, each item fails with BILL\'s BDC_1101', async () => {
	const { r, logins } = await listWith('wrong-password-1');
	expect(logins).toBe(1);
	expect(r.output).toHaveLength(10);
	expect(r.output.map((o) => o.pairedItem)).toEqual(tenItems.map((_, item) => ({ item })));
	for (const o of r.output) expect(String(o.json.error)).toContain('BDC_1101');
	const text = JSON.stringify(r.output);
	expect(text).not.toContain('wrong-password-1');
});

test('without the memory (as before), the same run signs in once per wave of 3 items', async () => {
	SIGN_IN_REFUSAL.rememberMs = 0;
	const { logins } = await listWith('wrong-password-2');
	// 10 items, 3 at a time: one shared sign-in per wave, 4 waves (the figure measured in issue 16).
	expect(logins).toBeGreaterThanOrEqual(3);
});

test('a later run within the window fails at once, without a sign-in, and says why', async () => {
	await listWith('wrong-password-3', tenItems.slice(0, 1));
	const { r, logins } = await listWith('wrong-password-3', tenItems.slice(0, 1));
	expect(logins).toBe(0);
	expect(String(r.output[0].json.error)).toMatch(/BDC_1101/);
	const failed = await t.runOp('vendor', 'getAll', { returnAll: false, limit: 1 }, undefined, undefined, withPassword('wrong-password-3'));
	expect(failed.error?.message).toContain('BDC_1101');
	expect(JSON.stringify([failed.error?.message, failed.error?.description])).toMatch(/does not try again for \d+ more minutes? \(failed sign-ins can lock the BILL user out\); a corrected credential is tried at once/);
});

test('a corrected credential is tried at once; the refusal is forgotten after the window', async () => {
	await listWith('wrong-password-4', tenItems.slice(0, 1));
	const fixed = await listWith(SEED.password, tenItems.slice(0, 1));
	expect(fixed.logins).toBe(1);
	expect(fixed.r.output[0].json.error).toBeUndefined();

	SIGN_IN_REFUSAL.rememberMs = 150;
	await listWith('wrong-password-5', tenItems.slice(0, 1));
	expect((await listWith('wrong-password-5', tenItems.slice(0, 1))).logins).toBe(0);
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect((await listWith('wrong-password-5', tenItems.slice(0, 1))).logins).toBe(1);
});

test('a wrong developer key (BDC_1102) is remembered too; a network failure at sign-in is not', async () => {
	const before = t.emu.counters.logins;
	const badKey = credentialsFor(t.base, { billApi: { developerApiKey: 'not-a-key', sessionToken: '' } });
	for (let i = 0; i < 3; i++) await t.runOp('vendor', 'getAll', { returnAll: false, limit: 1 }, undefined, undefined, badKey);
	expect(t.emu.counters.logins - before).toBe(1);

	// A 503 at sign-in is no refusal of the credential: the request layer retries it (nothing was sent).
	t.emu.faults.add({ status: 503, times: 2, match: { method: 'POST', path: /^\/v3\/login$/ } });
	const r = await t.runOp('vendor', 'getAll', { returnAll: false, limit: 1 }, undefined, undefined, withPassword(SEED.password));
	expect(r.error?.message).toBeUndefined();
});
