/**
 * Contract tests that do not go through the node's table: BILL's own Postman collection ("BILL v3
 * API", test/fixtures/bill-v3-api.postman_collection.json) is the judge.
 *
 * For every request item of the collection that the node covers (matched to an operation by method,
 * base and path template; test/contract/postman.ts):
 * - request side: the node runs in-process (n8n-core harness) with form inputs equivalent to BILL's
 *   example (test/contract/inputs.ts walks the example against the node's built parameters) against
 *   a capturing server; method, path, query keys, header names and the body's key structure are
 *   compared with the example, and the body's values (valueDiff: JSON types, enum values, date and
 *   date-time formats, ID prefixes; bulk elements each judged by BILL's first element);
 * - response side: every example response (success and error) is fed back to the node; its output
 *   must be the records BILL's example documents (list pages, `{key: [...]}` wrappers, bulk results
 *   one per input item and paired with it), and an error example must stop the node with a
 *   NodeApiError carrying BILL's code (or, with Continue On Fail, give every item that error);
 * - emulator: the operation runs against the emulator as in the executed coverage test, and the
 *   emulator's answer is compared with BILL's success example (status, wrapper, keys and nesting):
 *   a key BILL's example has and the answer lacks, and an empty list where BILL's has elements,
 *   count as differences (the emulator's record shapes: test/emulator/family/shapes.ts).
 * Differences not fixed are listed, with the reason, in test/contract/allow-list.ts.
 *
 * Figures of the latest run (2026-12-07, issue 17; the suite prints the current ones at the end):
 *   Postman items in the collection: 302; covered by the node: 302
 *   request side: 287 match BILL's example, 15 differ (allow-listed)
 *   response side: 878 example responses checked (302 success, 576 error), 869 match
 *   emulator: 302 items checked, 209 match BILL's example (missing keys and empty lists counted;
 *     before the emulator's record shapes: 72 match, 1,624 difference lines; money path stated: 77,
 *     1,360; then classifications, users, roles, organizations, credit memos, vendor credits,
 *     recurring bills and invoices, S&E users, budgets, budget members, cards, custom fields,
 *     reimbursements, attachments, documents, received payments: 199, 527; then S&E transactions,
 *     webhook subscriptions, billing statements, credit usage, bill document upload, risk
 *     verification, network invitations, MFA validation: 209, 418, none marked "fix wanted")
 *   allow-list: 25 entries (fix: node 0, emulator 0, none 25) covering 117 item/side differences (446 lines)
 */
import { isEndpoint } from '../../nodes/Bill/catalog/kinds';
import { allOperations } from '../../nodes/Bill/resources';
import { startHookReceiver } from '../fixtures/operation-params';
import { EmuApi } from '../fixtures/operation-setups';
import { useBill } from '../support/bill';
import { ALLOW_LIST, type Side } from './allow-list';
import { emulatorDiffs, requestDiffs, responseChecks, startRig, type Rig } from './checks';
import { loadPostmanItems, operationFor } from './postman';
import { INSTANT_DOCUMENT_PROCESSING } from '../emulator/config';

const items = loadPostmanItems();
const covered = items.flatMap((item) => {
	// BILL's endpoints only: Create or Update is the node's composition of Get Many, Update and Create.
	const op = operationFor(item, allOperations.filter(isEndpoint));
	// Operations that output other keys of the same answer (OperationDef.viewOf) are judged with it.
	const views = op ? allOperations.filter((o) => o.viewOf === op.operation && o.resource === op.resource) : [];
	return op ? [{ key: `${item.method} ${item.template}`, item, op, views }] : [];
});

/** The differences the allow-list accepts for one item and side. */
function allowed(side: Side, key: string): string[] {
	return ALLOW_LIST.filter((e) => e.side === side).flatMap((e) => e.items[key] ?? []);
}

/** Fails unless the differences are exactly the allow-listed ones (new ones: fix or list; gone ones: delete). */
function judge(side: Side, key: string, diffs: string[], notes: string[] = []): void {
	const ok = allowed(side, key);
	const unexpected = diffs.filter((d) => !ok.includes(d));
	const stale = ok.filter((d) => !diffs.includes(d));
	const lines = [
		...(unexpected.length ? [`${key} — ${side} differs from BILL's example (fix it, or add it to test/contract/allow-list.ts with the reason):`, ...unexpected.map((d) => `  ${d}`)] : []),
		...(stale.length ? [`${key} — allow-listed ${side} differences that no longer occur (delete them from test/contract/allow-list.ts):`, ...stale.map((d) => `  ${d}`)] : []),
	];
	if (lines.length) throw new Error([...lines, ...(notes.length ? ['Parts of the example the node offers no field for:', ...notes.map((n) => `  ${n}`)] : [])].join('\n'));
}

const figures = {
	request: { matched: 0, allowListed: 0 },
	response: { examples: 0, success: 0, error: 0, matched: 0 },
	emulator: { checked: 0, matched: 0 },
};

let rig: Rig;
let api: EmuApi;
let hooks: Awaited<ReturnType<typeof startHookReceiver>>;

// The emulator as the executed coverage test runs it, keeping the JSON of every answer.
// Bill documents are processed at once here (BILL's few minutes are tested in the document tests).
const t = useBill({ httpsOnlyWebhooks: false, spendPerMinute: 1_000_000, documentProcessing: { ...INSTANT_DOCUMENT_PROCESSING } });
beforeAll(async () => {
	rig = await startRig();
	t.emu.captureResponses = true;
	api = new EmuApi(t);
	hooks = await startHookReceiver();
});

afterAll(async () => {
	await rig.stop();
	await hooks.close();
	const byFix = (fix: string) => ALLOW_LIST.filter((e) => e.fix === fix).length;
	const pairs = new Set(ALLOW_LIST.flatMap((e) => Object.keys(e.items).map((key) => `${e.side} ${key}`))).size;
	const lines = ALLOW_LIST.reduce((n, e) => n + Object.values(e.items).flat().length, 0);
	console.log(
		[
			'Contract with BILL\'s Postman collection:',
			`  Postman items in the collection: ${items.length}; covered by the node: ${covered.length}`,
			`  request side: ${figures.request.matched} match BILL's example, ${figures.request.allowListed} differ (allow-listed)`,
			`  response side: ${figures.response.examples} example responses checked (${figures.response.success} success, ${figures.response.error} error), ${figures.response.matched} match`,
			`  emulator: ${figures.emulator.checked} items checked, ${figures.emulator.matched} match BILL's example`,
			`  allow-list: ${ALLOW_LIST.length} entries (fix: node ${byFix('node')}, emulator ${byFix('emulator')}, none ${byFix('none')}) covering ${pairs} item/side differences (${lines} lines)`,
		].join('\n'),
	);
});

describe("BILL's Postman collection", () => {
	test('every request item is read, and the node covers each', () => {
		expect(items).toHaveLength(302);
		expect(covered.map((c) => c.key)).toEqual(items.map((i) => `${i.method} ${i.template}`));
	});

	test('every allow-list entry names covered items, with differences, once', () => {
		const keys = new Set(covered.map((c) => c.key));
		const problems: string[] = [];
		const seen = new Set<string>();
		for (const e of ALLOW_LIST) {
			if (!e.reason.trim()) problems.push(`${e.id}: no reason`);
			if (!Object.keys(e.items).length) problems.push(`${e.id}: no items`);
			for (const [key, diffs] of Object.entries(e.items)) {
				if (!keys.has(key)) problems.push(`${e.id}: ${key} is not a covered Postman item`);
				if (!diffs.length) problems.push(`${e.id}: ${key} lists no difference`);
				for (const d of diffs) {
					const id = `${e.side} ${key} ${d}`;
					if (seen.has(id)) problems.push(`${e.id}: "${d}" of ${key} is listed twice`);
					seen.add(id);
				}
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('request side: the node builds BILL\'s example request', () => {
	test.each(covered.map((c) => [c.key, c] as const))('%s', async (key, { item, op }) => {
		const { diffs, unplaced } = await requestDiffs(rig, item, op);
		if (diffs.length) figures.request.allowListed++;
		else figures.request.matched++;
		judge('request', key, diffs, unplaced);
	});
});

describe("response side: the node's output for every example response", () => {
	test.each(covered.map((c) => [c.key, c] as const))('%s', async (key, { item, op, views }) => {
		const checks = await responseChecks(rig, item, op, views);
		for (const c of checks) {
			figures.response.examples++;
			figures.response[c.code < 400 ? 'success' : 'error']++;
			if (!c.diffs.length) figures.response.matched++;
		}
		expect(checks.length).toBe(item.responses.length);
		judge('response', key, checks.flatMap((c) => c.diffs));
	});
});

describe("emulator: its answers have the shape of BILL's examples", () => {
	test.each(covered.map((c) => [c.key, c] as const))('%s', async (key, { item, op }) => {
		const diffs = await emulatorDiffs(t, api, hooks.url, item, op);
		figures.emulator.checked++;
		if (!diffs.length) figures.emulator.matched++;
		judge('emulator', key, diffs);
	});
});
