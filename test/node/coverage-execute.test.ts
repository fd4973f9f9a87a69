/**
 * Coverage, executed: every operation of the table runs once through the in-process n8n harness
 * against the emulator. Parameters are synthesised from the table itself (test/fixtures/operation-params.ts): required fields filled by
 * type and by name (emails, phones, URLs, countries, dates…), every ID field (resource locator,
 * ID prefix, or a name ending in `Id`) pointing at a record seeded in the right emulator collection
 * of the caller's organization. Operations that need real state (a bill with a due amount before a
 * payment, an MFA setup id, …) get it from test/fixtures/operation-setups.ts.
 *
 * Each operation must succeed and must reach BILL (the emulator) with its method and path.
 * Operations that fail because of a known defect of the node or the emulator are listed in
 * KNOWN_BUGS: they still run, and fail with the recorded reason (or tell you to remove the entry
 * once they pass).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { OperationDef } from '../../nodes/Bill/catalog/types';
import { allOperations } from '../../nodes/Bill/resources';
import { preparedOperation, resourceCollection, startHookReceiver } from '../fixtures/operation-params';
import { EmuApi, makeWorld, OPERATION_SETUPS, rl } from '../fixtures/operation-setups';
import { INSTANT_DOCUMENT_PROCESSING } from '../emulator/config';
import type { RunResult } from '../harness';
import { parameterIssues, useBill } from '../support/bill';

/**
 * Operations that fail because of a defect outside this test (see the report of each entry).
 * `resource:operation` → what is wrong and where.
 */
const KNOWN_BUGS: Record<string, string> = {};

let api: EmuApi;
/** Webhook notifications go to this local receiver (never to the internet). */
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
// Every S&E operation plus its set-up calls run within a few seconds: the per-minute S&E limit
// (tested in the emulator and transport tests) is lifted for this run.
// Bill documents are processed at once here (BILL's few minutes are tested in the document tests).
const t = useBill({ httpsOnlyWebhooks: false, spendPerMinute: 1_000_000, documentProcessing: { ...INSTANT_DOCUMENT_PROCESSING } });
beforeAll(async () => {
	api = new EmuApi(t);
	receiver = await startHookReceiver();
});
afterAll(async () => {
	await receiver.close();
});

const templateRegex = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);

/* ------------------------------------------------------------------ the test */

describe('every operation executes against the emulator', () => {
	test('every known bug names an operation of the table', () => {
		const names = new Set(allOperations.map((o) => `${o.resource}:${o.operation}`));
		expect(Object.keys(KNOWN_BUGS).filter((k) => !names.has(k))).toEqual([]);
		expect(Object.keys(OPERATION_SETUPS).filter((k) => !names.has(k))).toEqual([]);
	});

	test.each(allOperations.map((o) => [`${o.resource}:${o.operation}`, o] as const))('%s', async (label, op) => {
		const { params, items } = await preparedOperation(t, api, op, receiver.url);
		await runAndCheck(op, params, items, KNOWN_BUGS[label]);
	});

	// The loop names S&E records by UUID (what BILL recommends); their BILL-generated IDs work too.
	test('budget:get with the BILL-generated ID of the budget (base64, may end in "=")', async () => {
		const op = allOperations.find((o) => o.resource === 'budget' && o.operation === 'get')!;
		const w = makeWorld(t, api, op, receiver.url, (resource) => resourceCollection(t, resource));
		let id = t.emu.idFor('spend/budgets');
		while (!id.endsWith('=')) id = t.emu.idFor('spend/budgets');
		w.seed('budget', { id });
		await runAndCheck(op, { budgetId: rl(id) }, [{ json: {} }]);
	});
});

/** Runs the operation; fails unless it succeeds and reaches the emulator (or, for a known bug, with its reason). */
async function runAndCheck(op: OperationDef, params: INodeParameters, items: INodeExecutionData[], known?: string): Promise<void> {
	const logStart = t.emu.requestLog.length;
	let r: RunResult | undefined;
	let thrown = '';
	try {
		r = await t.runOp(op.resource, op.operation, params, items);
	} catch (error) {
		// n8n refuses a workflow whose parameters have issues: say which.
		thrown = `${(error as Error).message} ${parameterIssues(op.resource, op.operation, params)}`;
	}
	const seen = t.emu.requestLog.slice(logStart).some((e) => e.method === op.method && templateRegex(op.path).test(e.path));
	const problem = !r
		? `${op.method} ${op.path}: ${thrown}`
		: !r.success
			? `${op.method} ${op.path}: ${r.error?.message} — ${r.error?.description ?? ''}`.trim()
			: !op.noAuth && !seen
				? `${op.method} ${op.path} never reached the emulator`
				: undefined;

	if (known && problem) throw new Error(`KNOWN BUG (${known}) — ${problem}`);
	if (known) throw new Error(`Listed in KNOWN_BUGS (${known}) but now passes: remove the entry`);
	if (problem) throw new Error(problem);
	expect(r?.success).toBe(true);
	if (!op.noAuth) expect(seen).toBe(true);
}
