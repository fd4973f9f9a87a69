/**
 * The editor loads the BILL node's description whenever it opens (and n8n derives the AI-tool copy
 * from it): it stays small. Figures (JSON of the description):
 *   main before the lighter-node work (2026-11-30): 906,978 bytes, 1,334 top-level parameters;
 *   now: see the test output. n8n's largest built-in node (Notion) is ~283 KB.
 * The budget below fails a change that makes it grow beyond it.
 */
import { Bill } from '../../nodes/Bill/Bill.node';

/** Bytes of the description's JSON, at most (see "The node's description" in docs/development.md). */
// +2,000 for the AI tool's parameters (Output, Fields, the tool's Limit, Allow Money Movement) and the Authentication / Client Organization ID parameters (OAuth, Accountant Console): 371,694 bytes, 399 parameters when they landed.
// +2,500 for issue 17 (Create or Update with one Match On shared by vendors and customers, the Skip Existing Number option shared by Bill and Invoice Create, Include Approvers, Individual Transfer Out / In, Ascending): 374,191 bytes, 400 parameters when they landed.
const BUDGET_BYTES = 374_500;
/** Top-level parameters, at most. */
const BUDGET_PARAMETERS = 400;

test(`the node's description is at most ${BUDGET_BYTES.toLocaleString('en-US')} bytes with at most ${BUDGET_PARAMETERS} top-level parameters`, () => {
	const description = new Bill().description;
	const bytes = JSON.stringify(description).length;
	process.stdout.write(`BILL node description: ${bytes.toLocaleString('en-US')} bytes, ${description.properties.length} top-level parameters\n`);
	expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
	expect(description.properties.length).toBeLessThanOrEqual(BUDGET_PARAMETERS);
});

test("the description reaches the editor marked as fixed data (Vue's markRaw flag), so the editor's store does not wrap it in reactive proxies", () => {
	const sent = JSON.parse(JSON.stringify(new Bill().description)) as Record<string, unknown>;
	expect(sent.__v_skip).toBe(true);
});
