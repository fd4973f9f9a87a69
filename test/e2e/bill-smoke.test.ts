/**
 * Smoke test of the built package in a real n8n (the version BILL_N8N names), loaded both ways users load it (installed
 * from its `npm pack` tarball, and from a custom extensions folder), against the emulator:
 * a vendor is created and listed; the first execution logs in once, the next reuses the stored
 * session; n8n serves the package's output schemas to the editor. Needs `npm run build` first. The journeys of issue 6 build on the same helpers.
 */
import { dirname, join } from 'path';
import { readFileSync, rmSync } from 'fs';

import { BillEmulator } from '../emulator/server';
import { CRED_IDS } from '../support/bill';
import { e2eCredentials } from './bill-e2e';
import { N8n, N8N_VERSION, ROOT, packPackage, waitFor, type E2ENode } from './n8n';

let emu: BillEmulator;
let base = '';
let tarball = '';

beforeAll(async () => {
	tarball = packPackage();
	emu = new BillEmulator();
	base = await emu.start();
});

afterAll(async () => {
	await emu?.stop();
	if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
});

function workflow(n8n: N8n, vendorName: string) {
	const bill = (name: string, parameters: Record<string, unknown>): E2ENode => ({
		name,
		type: n8n.nodeType('bill'),
		typeVersion: 1,
		parameters,
		credentials: { billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' } },
	});
	return {
		name: 'BILL smoke',
		nodes: [
			{ name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 },
			bill('Create Vendor', {
				resource: 'vendor',
				operation: 'create',
				name: vendorName,
				address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' },
			}),
			{ ...bill('List Vendors', { resource: 'vendor', operation: 'getAll', returnAll: true }), executeOnce: true },
		],
		connections: {
			Manual: { main: [[{ node: 'Create Vendor', type: 'main', index: 0 }]] },
			'Create Vendor': { main: [[{ node: 'List Vendors', type: 'main', index: 0 }]] },
		},
	};
}

describe.each([
	['installed from the npm pack tarball', () => ({ tarballs: [tarball] })],
	['loaded from a custom extensions folder', () => ({ custom: [join(ROOT, 'dist')] })],
])('BILL in a real n8n, %s', (_how, options) => {
	let n8n: N8n;
	let id = '';

	beforeAll(async () => {
		emu.reset();
		n8n = await N8n.create(options());
		await n8n.importCredentials(e2eCredentials(base));
		id = await n8n.importWorkflow(workflow(n8n, 'Acme Smoke'));
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	test('first execution: the vendor is created and listed, one login', async () => {
		const before = emu.counters.logins;
		const run = await n8n.execute(id);
		expect(run.error).toBeUndefined();
		expect(run.success).toBe(true);
		expect(run.byNode['Create Vendor'][0].json).toMatchObject({ name: 'Acme Smoke' });
		expect(run.output.map((item) => item.json.name)).toContain('Acme Smoke');
		expect(emu.counters.logins - before).toBe(1);
		const stored = (await n8n.exportCredentials()).find((c) => c.id === CRED_IDS.billApi);
		expect(String(stored?.data.sessionToken ?? '')).not.toBe('');
	});

	test('second execution: the stored session is reused, zero logins', async () => {
		const before = emu.counters.logins;
		const run = await n8n.execute(id);
		expect(run.success).toBe(true);
		expect(run.output.filter((item) => item.json.name === 'Acme Smoke')).toHaveLength(2);
		expect(emu.counters.logins - before).toBe(0);
	});

	test("the editor's schema preview: n8n serves the package's output schemas (issue 17 §4, scripts/schemas.ts)", async () => {
		const main = await n8n.start();
		// What the editor asks for a BILL node (type, version 1 padded to 1.0.0, resource, operation).
		const url = `${main.url}/schemas/${n8n.nodeType('bill')}/1.0.0/vendor/getAll.json`;
		// Asked again for up to 20 s: one clean-clone run on 2.41.3 got 404 right after the start, and
		// one on 2.8.4 a 200 whose body was not JSON, while the test alone gets the schema at once.
		// Both runs ran test processes side by side that took ports from the OS and let n8n bind
		// them seconds later, so another process could be handed the same port (now each test
		// process claims its own: freePort in scripts/n8n.js). The editor asks only when a BILL node
		// is opened, long after the start, so the answer is judged once n8n gives 200 or after 20 s,
		// and a wrong answer is shown whole.
		const finds = 'tarballs' in options() || !N8N_VERSION.startsWith('2.8.');
		const ask = async () => {
			const r = await fetch(url);
			return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
		};
		// n8n 2.8.4 sometimes answers a schema path with the editor's own page (200, text/html: its
		// fallback for paths it does not route, seen in 2 clean-clone runs): that is no schema, so wait for JSON
		const res = finds ? await waitFor('schema preview', async () => ((r) => (r.status === 200 && r.type.includes('json') ? r : undefined))(await ask()), 20_000).catch(ask) : await ask();
		// n8n 2.8.4 joins the custom folder with the node's already absolute path (cli
		// load-nodes-and-credentials postProcessLoaders: path.join(directory, sourcePath)), so it finds no
		// schema of a node loaded from a custom extensions folder; 2.41 resolves the path. Installed
		// packages (what users get from the community-node installer) are served by both.
		// Its editor page (above) counts as no schema too; any other 200 must be our schema, judged by its body.
		if (!finds && (res.status === 404 || res.type.includes('html'))) return;
		if (!finds) process.stdout.write(`[schema preview n8n ${N8N_VERSION}, custom folder] 200 instead of 404: ${res.type} ${res.body.slice(0, 120)}\n`);
		expect({ status: res.status, type: res.type, body: res.body.slice(0, 300) }).toMatchObject({ status: 200, type: expect.stringContaining('json') });
		expect(JSON.parse(res.body)).toEqual(JSON.parse(readFileSync(join(ROOT, 'nodes', 'Bill', '__schema__', 'v1.0.0', 'vendor', 'getAll.json'), 'utf8')));
		if (finds) expect((await fetch(`${main.url}/schemas/${n8n.nodeType('bill')}/1.0.0/vendor/create.json`)).status).toBe(404);
	});
});
