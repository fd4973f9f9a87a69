/**
 * Bill approval → Create Policy where BILL's pages give two paths: its changelog of 2025-11-05 and
 * guide ap-bill-approvals (newer) write POST /v3/bill-approvals, its Postman collection POST
 * /v3/bill-approvals/policies (OperationDef.newerPath in nodes/Bill/resources/billApproval.ts). The
 * node sends the newer path first and the collection's once, only when BILL answers that the route
 * does not exist (404 BDC_1121 or a 404 without BILL's error body).
 *
 * The emulator serves the collection's path (its routes: test/fixtures/endpoints-extra.json, BILL's
 * Postman-only endpoints) and answers any other route 404 BDC_1121, as BILL's error list words it.
 * The second emulator here serves the guide's path instead: the same handler under /v3/bill-approvals,
 * and the collection's path answered as an unknown route (a test-local fault).
 */
import type { IDataObject } from 'n8n-workflow';

import { customHandlers } from '../emulator/resources';
import { SEED } from '../emulator/server';
import { useBill, type BillTestContext } from '../support/bill';

const DOCS = '/v3/bill-approvals';
const COLLECTION = '/v3/bill-approvals/policies';

const policy = (name: string) => ({ policyName: name, rules: { values: [{ key: 'BILL_AMOUNT', op: 'gte', values: '1000' }] }, approvers: SEED.userId });

/** The POSTs of a run to each path, with BILL's answers (status and code). */
function posts(t: BillTestContext, from: number) {
	return t.emu.requestLog
		.slice(from)
		// (A 401 is the node's session from before the emulator's reset: the credential signs in again and resends.)
		.filter((e) => e.method === 'POST' && (e.path === DOCS || e.path === COLLECTION) && e.status !== 401)
		.map((e) => `${e.path} ${e.status}${e.code ? ` ${e.code}` : ''}`);
}

async function policies(t: BillTestContext): Promise<IDataObject[]> {
	return (await t.runOk('billApproval', 'getPolicies', { returnAll: true })).output.map((o) => o.json);
}

describe('the emulator serves the Postman collection\'s path', () => {
	const t = useBill({}, { resetEach: true });

	it('BILL has no route at the guide\'s path (404 BDC_1121): the node sends the same request once to the collection\'s path', async () => {
		const mark = t.emu.requestLog.length;
		const created = (await t.runOk('billApproval', 'createPolicy', policy('Big bills'))).output.map((o) => o.json);
		expect(posts(t, mark)).toEqual([`${DOCS} 404 BDC_1121`, `${COLLECTION} 201`]);
		expect(created).toEqual([expect.objectContaining({ policyName: 'Big bills', status: 'ACTIVE' })]);
		expect((await policies(t)).map((p) => p.id)).toEqual([created[0].id]);
	});

	it('a refusal of the request itself at the collection\'s path is the answer (no third request)', async () => {
		const mark = t.emu.requestLog.length;
		const run = await t.runOp('billApproval', 'createPolicy', { ...policy('Nobody'), approvers: '00601NOBODY000001' } as never);
		expect(run.success).toBe(false);
		expect(run.error?.message).toMatch(/approvers/);
		expect(posts(t, mark)).toEqual([`${DOCS} 404 BDC_1121`, `${COLLECTION} 400 BDC_1129`]);
	});
});

describe('the emulator serves the guide\'s path', () => {
	const t = useBill({}, { resetEach: true });
	const create = customHandlers.find((h) => h.endpoint === 'POST /v3/bill-approvals/policies')!;

	beforeAll(() => t.emu.addHandler({ ...create, path: DOCS }));
	// The collection's path as an unknown route of this BILL (faults are cleared by every reset).
	beforeEach(() => t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/bill-approvals\/policies$/ }, status: 404, code: 'BDC_1121', message: 'API not supported.', times: Infinity }));

	it('the first request creates the policy; the collection\'s path is never sent', async () => {
		const mark = t.emu.requestLog.length;
		const created = (await t.runOk('billApproval', 'createPolicy', policy('Big bills'))).output.map((o) => o.json);
		expect(posts(t, mark)).toEqual([`${DOCS} 201`]);
		expect(created).toEqual([expect.objectContaining({ policyName: 'Big bills', status: 'ACTIVE' })]);
		expect((await policies(t)).map((p) => p.id)).toEqual([created[0].id]);
	});

	it('a refusal at the guide\'s path is the answer: no request to the collection\'s path', async () => {
		const mark = t.emu.requestLog.length;
		const run = await t.runOp('billApproval', 'createPolicy', { ...policy('Nobody'), approvers: '00601NOBODY000001' } as never);
		expect(run.success).toBe(false);
		expect(posts(t, mark)).toEqual([`${DOCS} 400 BDC_1129`]);
	});

	it('a 404 without BILL\'s error body (no route answered it) falls back too', async () => {
		// Here the guide's path answers a bare 404 and the collection's path is served.
		t.emu.faults.clear();
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/bill-approvals$/ }, status: 404, body: null });
		const mark = t.emu.requestLog.length;
		await t.runOk('billApproval', 'createPolicy', policy('Empty 404'));
		expect(posts(t, mark)).toEqual([`${DOCS} 404`, `${COLLECTION} 201`]);
	});

	it('BILL\'s "no data" (404 BDC_1120: the route exists, a record does not) is not a missing route: no second request', async () => {
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/bill-approvals$/ }, status: 404, code: 'BDC_1120', message: 'No data found for ID.' });
		const mark = t.emu.requestLog.length;
		const run = await t.runOp('billApproval', 'createPolicy', policy('No data'));
		expect(run.success).toBe(false);
		expect(run.error?.message).toMatch(/^BDC_1120/);
		expect(posts(t, mark)).toEqual([`${DOCS} 404 BDC_1120`]);
		expect(await policies(t)).toEqual([]);
	});

	it('a server error at the guide\'s path may have created the policy: never resent, to either path', async () => {
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/bill-approvals$/ }, status: 503 });
		const mark = t.emu.requestLog.length;
		const run = await t.runOp('billApproval', 'createPolicy', policy('Maybe'));
		expect(run.success).toBe(false);
		expect(run.error?.message).toMatch(/^BILL may have /);
		expect(posts(t, mark)).toEqual([`${DOCS} 503 BDC_1001`]);
	});
});
