/**
 * Issue 20 #5: Archive / Restore Many take one BILL ID per item, checked for the resource's prefix
 * and for separators: `"<a>,<b>"` would make BILL act on two records for one item. In-process
 * workflows against the emulator.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { startBill, type BillTestContext } from '../support/bill';

let t: BillTestContext;
beforeAll(async () => {
	t = await startBill();
});
afterAll(async () => {
	await t.stop();
});

const items = (ids: string[]): INodeExecutionData[] => ids.map((id) => ({ json: { id } }));

async function twoItems(tag: string): Promise<string[]> {
	const r = await t.runOk('item', 'createMany', { name: `={{ "${tag} " + $json.n }}`, type: 'SERVICE' }, [{ json: { n: 1 } }, { json: { n: 2 } }]);
	return r.output.map((o) => String(o.json.id));
}

function bulkArchives(from: number) {
	return t.emu.requestLog.slice(from).filter((e) => e.path.endsWith('/bulk/archive'));
}

test('an ID with a comma is an error naming the item; Continue On Fail off: nothing is archived', async () => {
	const [a, b] = await twoItems('Comma');
	const from = t.emu.requestLog.length;
	const r = await t.runOp('item', 'archiveMany', { id: '={{ $json.id }}' }, items([a, `${a},${b}`]));
	expect(r.success).toBe(false);
	expect(r.error?.message).toBe(`"ID" must be one BILL ID (got "${a},${b}") [item 1]`);
	expect(r.error?.description).toMatch(/one ID per item/);
	expect((r.error as { context?: { itemIndex?: number } })?.context?.itemIndex).toBe(1);
	expect(bulkArchives(from)).toHaveLength(0);
	const listed = await t.runOk('item', 'get', { id: b });
	expect(listed.output[0].json.archived).toBe(false);
});

test('Continue On Fail on: the valid ID is archived, the comma and wrong-prefix IDs get their own error, the other record is untouched', async () => {
	const [a, b] = await twoItems('CoF');
	const from = t.emu.requestLog.length;
	const r = await t.runOp('item', 'archiveMany', { id: '={{ $json.id }}' }, items([a, `${a}, ${b}`, '00901EMU00000000001', 'x;y']), { continueOnFail: true });
	expect(r.output.map((o) => o.json.error ?? o.json.id)).toEqual([
		a,
		`"ID" must be one BILL ID (got "${a}, ${b}") [item 1]`,
		'"ID" must be a BILL ID that begins with 0ii (got "00901EMU00000000001") [item 2]',
		'"ID" must be one BILL ID (got "x;y") [item 3]',
	]);
	expect(bulkArchives(from).map((e) => e.query.ids)).toEqual([a]);
	expect((await t.runOk('item', 'get', { id: b })).output[0].json.archived).toBe(false);
});

test('Restore Many checks the same way', async () => {
	const r = await t.runOp('item', 'restoreMany', { id: '={{ $json.id }}' }, items(['0ii01EMU0000000001,0ii01EMU0000000002']));
	expect(r.success).toBe(false);
	expect(r.error?.message).toMatch(/"ID" must be one BILL ID/);
});
