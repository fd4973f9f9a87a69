/**
 * A sync run twice through a real n8n (the version BILL_N8N names; `import:workflow`, `execute`),
 * the package loaded from dist/, against the emulator (issue 17): three CRM rows → Vendor → Create
 * or Update (by name) → Bill → Create with the option Skip Existing Number. The second execution updates the vendors and skips the bills: no duplicate.
 * Needs `npm run build` first.
 */
import { join } from 'path';

import { BillEmulator, SEED } from '../emulator/server';
import { billNodes, byId, chain, code, e2eCredentials, manual } from './bill-e2e';
import { N8n, ROOT, type ExecuteResult } from './n8n';

let emu: BillEmulator;
let n8n: N8n;
let workflowId = '';

const address = { line1: '1 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };
const rows = [
	{ name: 'Sync A', number: 'S-1', amount: 10 },
	{ name: 'Sync B', number: 'S-2', amount: 20 },
	{ name: 'Sync A', number: 'S-3', amount: 30 },
];

beforeAll(async () => {
	emu = new BillEmulator();
	const base = await emu.start();
	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	await n8n.importCredentials(e2eCredentials(base));
	const { bill } = billNodes(n8n);
	const nodes = [
		manual(),
		code('CRM Rows', `return ${JSON.stringify(rows)}.map((json) => ({ json }));`),
		bill('Upsert Vendor', 'vendor', 'upsert', { matchOn: 'name', name: '={{ $json.name }}', address }),
		bill('Create Bill', 'bill', 'create', {
			vendorId: byId('={{ $json.id }}'),
			dueDate: '2026-12-31T00:00:00.000Z',
			invoice: { invoiceNumber: "={{ $('CRM Rows').item.json.number }}", invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount: "={{ $('CRM Rows').item.json.amount }}" }] },
			options: { skipExisting: true },
		}),
	];
	[workflowId] = await n8n.importWorkflows([{ name: 'BILL sync', nodes, connections: chain('Manual', 'CRM Rows', 'Upsert Vendor', 'Create Bill') }]);
});

afterAll(async () => {
	await n8n?.dispose();
	await emu?.stop();
});

function ok(result: ExecuteResult): ExecuteResult {
	if (!result.success) throw new Error(`execution failed: ${JSON.stringify(result.error ?? result.stderr.slice(-2000))}`);
	return result;
}

const outcomes = (result: ExecuteResult, node: string) => result.byNode[node].map((i) => i.json._operation);

test('the same rows twice: vendors created then updated, bills created then skipped, nothing doubled', async () => {
	const first = ok(await n8n.execute(workflowId));
	expect(outcomes(first, 'Upsert Vendor')).toEqual(['created', 'created', 'updated']);
	expect(outcomes(first, 'Create Bill')).toEqual(['created', 'created', 'created']);
	const second = ok(await n8n.execute(workflowId));
	expect(outcomes(second, 'Upsert Vendor')).toEqual(['updated', 'updated', 'updated']);
	expect(outcomes(second, 'Create Bill')).toEqual(['skipped', 'skipped', 'skipped']);
	expect(second.byNode['Create Bill'].map((i) => i.json.id)).toEqual(first.byNode['Create Bill'].map((i) => i.json.id));
	const store = (name: string) => emu.store.collection(name, SEED.organizationId).list();
	expect(store('vendors').filter((v) => String(v.name).startsWith('Sync ')).map((v) => v.name).sort()).toEqual(['Sync A', 'Sync B']);
	const numbers = store('bills').map((b) => String((b.invoice as { invoiceNumber?: string } | undefined)?.invoiceNumber ?? ''));
	expect(numbers.filter((n) => n.startsWith('S-')).sort()).toEqual(['S-1', 'S-2', 'S-3']);
});
