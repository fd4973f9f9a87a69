/**
 * Proves the end-to-end runner (test/e2e/n8n.ts) against a real n8n (the version BILL_N8N names) before the BILL node
 * uses it: built-in nodes through `import:workflow` + `execute`, a community package installed
 * from its `npm pack` tarball and loaded from a custom extensions folder, credentials imported
 * and read back, `n8n start` with a webhook, and queue mode with two workers.
 *
 * The package is the session probe that test/transport/harness.test.ts runs in-process: the login counts
 * asserted here are the same as there, which shows the harness mirrors n8n.
 */
import { execFileSync } from 'child_process';
import { rmSync } from 'fs';
import { dirname, join } from 'path';

import { ProbeApi } from '../harness/probe/server';
import { HAS_REDIS, N8n, N8N_VERSION, installN8n, packPackage, type E2ENode } from './n8n';
import { buildProbePackage, PROBE_PACKAGE } from './probe';

const api = new ProbeApi();
let probeDir = '';
let probeTarball = '';

beforeAll(async () => {
	installN8n();
	await api.start();
	probeDir = buildProbePackage();
	probeTarball = packPackage(probeDir);
});

afterAll(async () => {
	await api.stop();
	rmSync(probeDir, { recursive: true, force: true });
	if (probeTarball) rmSync(dirname(probeTarball), { recursive: true, force: true });
});

const manual: E2ENode = {
	name: 'Manual',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
};
const itemsFrom = (ids: string[]): E2ENode => ({
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return ${JSON.stringify(ids.map((id) => ({ json: { id } })))};` },
});
const chain = (...names: string[]) =>
	Object.fromEntries(
		names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const probeCredential = (id: string) => ({
	id,
	name: `Probe ${id}`,
	type: 'sessionProbeApi',
	data: { baseUrl: api.url, username: 'alice', password: 'secret' },
});

describe('real n8n: CLI runner with built-in nodes', () => {
	let n8n: N8n;
	let builtInId = '';
	let failingId = '';
	beforeAll(async () => {
		n8n = await N8n.create();
		// both workflows in one import (one n8n boot)
		[builtInId, failingId] = await n8n.importWorkflows([
			{
				name: 'built-in',
				nodes: [
					manual,
					{
						name: 'Set',
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						parameters: {
							assignments: {
								assignments: [{ id: 'a1', name: 'hello', value: 'world', type: 'string' }],
							},
							options: {},
						},
					},
					{
						name: 'Code',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: {
							jsCode: 'return [{ json: { n: $input.all().length, hello: $input.first().json.hello } }];',
						},
					},
				],
				connections: chain('Manual', 'Set', 'Code'),
			},
			{
				nodes: [
					manual,
					{
						name: 'Fail',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: { jsCode: "throw new Error('boom');" },
					},
				],
				connections: chain('Manual', 'Fail'),
			},
		]);
	});
	afterAll(async () => {
		await n8n.dispose();
	});

	test(`the cached install is n8n ${N8N_VERSION}`, async () => {
		const result = await n8n.cli(['--version']);
		expect(result.stdout.trim().split('\n').pop()).toBe(N8N_VERSION);
	});

	test('import:workflow + execute returns the parsed run', async () => {
		const run = await n8n.execute(builtInId);
		expect(run.stderr).toBe('');
		expect(run.success).toBe(true);
		expect(run.run?.mode).toBe('cli');
		expect(run.output.map((item) => item.json)).toEqual([{ n: 1, hello: 'world' }]);
		expect(run.byNode.Set.map((item) => item.json)).toEqual([{ hello: 'world' }]);
	});

	test('a failing execution: success false, exit code 1, the error of the node', async () => {
		const run = await n8n.execute(failingId);
		expect(run.success).toBe(false);
		expect(run.code).toBe(1);
		expect(run.run?.status).toBe('error');
		expect(run.error?.message).toMatch(/boom/);
		expect(run.run?.data.resultData.lastNodeExecuted).toBe('Fail');
		expect(run.run?.data.resultData.runData.Fail[0].executionStatus).toBe('error');
	});
});

describe('real n8n: the session probe installed from its npm pack tarball', () => {
	let n8n: N8n;
	const probe = () => ({
		name: 'Probe',
		type: n8n.nodeType('sessionProbe', PROBE_PACKAGE),
		typeVersion: 1,
		credentials: { sessionProbeApi: { id: 'probe1', name: 'Probe probe1' } },
	});
	let getId = '';
	let concurrentId = '';
	let continueId = '';

	beforeAll(async () => {
		api.reset();
		n8n = await N8n.create({ tarballs: [probeTarball] });
		// every credential and workflow of these tests in one import each (two n8n boots); probe2 is
		// used by nothing before the concurrent test, so it has no session there
		await n8n.importCredentials([probeCredential('probe1'), probeCredential('probe2')]);
		[getId, concurrentId, continueId] = await n8n.importWorkflows([
			{
				name: 'probe get',
				nodes: [
					manual,
					itemsFrom(['a', 'b', 'c']),
					{ ...probe(), parameters: { operation: 'get', thingId: '={{ $json.id }}' } },
				],
				connections: chain('Manual', 'Items', 'Probe'),
			},
			{
				nodes: [
					manual,
					itemsFrom(['a', 'b', 'c']),
					{
						...probe(),
						credentials: { sessionProbeApi: { id: 'probe2', name: 'Probe probe2' } },
						parameters: { operation: 'getConcurrently' },
					},
				],
				connections: chain('Manual', 'Items', 'Probe'),
			},
			{
				nodes: [
					manual,
					itemsFrom(['a', 'missing']),
					{
						...probe(),
						onError: 'continueRegularOutput',
						parameters: { operation: 'get', thingId: '={{ $json.id }}' },
					},
				],
				connections: chain('Manual', 'Items', 'Probe'),
			},
		]);
	});
	afterAll(async () => {
		await n8n.dispose();
	});
	beforeEach(() => api.clearLog());

	test('loads as <package>.<node> from .n8n/nodes', () => {
		expect(n8n.nodeType('sessionProbe', PROBE_PACKAGE)).toBe(`${PROBE_PACKAGE}.sessionProbe`);
		const installed = execFileSync('npm', ['ls', '--json', '--depth=0'], {
			cwd: join(n8n.userFolder, '.n8n/nodes'),
			encoding: 'utf8',
		});
		expect(Object.keys((JSON.parse(installed) as { dependencies: object }).dependencies)).toEqual([
			PROBE_PACKAGE,
		]);
	});

	test('first execution: one login, the session written back into n8n', async () => {
		const run = await n8n.execute(getId);
		expect(run.error).toBeUndefined();
		expect(run.success).toBe(true);
		expect(run.output.map((item) => [item.json.id, item.json.user])).toEqual([
			['a', 'alice'],
			['b', 'alice'],
			['c', 'alice'],
		]);
		expect(api.logins).toBe(1);
		expect(api.dataRequests().map((r) => r.session)).toEqual(['s1', 's1', 's1']);
		const stored = (await n8n.exportCredentials()).find((c) => c.id === 'probe1');
		expect(stored?.data.sessionId).toBe('s1');
	});

	test('second execution: zero logins', async () => {
		const run = await n8n.execute(getId);
		expect(run.success).toBe(true);
		expect(api.logins).toBe(0);
		expect(api.log.every((r) => r.session === 's1')).toBe(true);
	});

	test('401: one re-login and one resend, the next request uses the new session', async () => {
		api.sessions.clear(); // the API forgets every session; the next one it hands out is s2
		const run = await n8n.execute(getId);
		expect(run.success).toBe(true);
		expect(api.log.map((r) => [r.path, r.session, r.status])).toEqual([
			['/things/a', 's1', 401],
			['/login', undefined, 200],
			['/things/a', 's2', 200],
			['/things/b', 's2', 200],
			['/things/c', 's2', 200],
		]);
	});

	test('concurrent requests without a session each log in (as the harness shows)', async () => {
		const run = await n8n.execute(concurrentId);
		expect(run.success).toBe(true);
		expect(api.logins).toBe(3);
	});

	test('continueOnFail through the node setting', async () => {
		const run = await n8n.execute(continueId);
		expect(run.success).toBe(true);
		expect(run.output.map((item) => item.json.id ?? 'error')).toEqual(['a', 'error']);
	});
});

describe('real n8n: the session probe from a custom extensions folder', () => {
	test('loads as CUSTOM.<node> and runs', async () => {
		const n8n = await N8n.create({ custom: [join(probeDir, 'dist')] });
		try {
			api.reset();
			await n8n.importCredentials([probeCredential('probe1')]);
			const id = await n8n.importWorkflow({
				nodes: [
					manual,
					itemsFrom(['x']),
					{
						name: 'Probe',
						type: n8n.nodeType('sessionProbe'),
						typeVersion: 1,
						credentials: { sessionProbeApi: { id: 'probe1', name: 'Probe probe1' } },
						parameters: { operation: 'get', thingId: '={{ $json.id }}' },
					},
				],
				connections: chain('Manual', 'Items', 'Probe'),
			});
			expect(n8n.nodeType('sessionProbe')).toBe('CUSTOM.sessionProbe');
			const run = await n8n.execute(id);
			expect(run.success).toBe(true);
			expect(run.output.map((item) => item.json.id)).toEqual(['x']);
			expect(api.logins).toBe(1);
		} finally {
			await n8n.dispose();
		}
	});
});

const webhookWorkflow = (path: string) => ({
	name: `webhook ${path}`,
	nodes: [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: path,
			parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
		},
		{
			name: 'Code',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: {
				jsCode: 'return [{ json: { got: $input.first().json.body.value } }];',
			},
		},
	],
	connections: chain('Webhook', 'Code'),
});

describe('real n8n: n8n start', () => {
	test('a published webhook workflow answers, stop() ends the process', async () => {
		const n8n = await N8n.create();
		try {
			const id = await n8n.importWorkflow(webhookWorkflow('e2e-hello'));
			await n8n.publishWorkflow(id);
			const main = await n8n.start();
			const res = await fetch(`${main.url}/webhook/e2e-hello`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ value: 42 }),
			});
			expect(res.status).toBe(200);
			expect(((await res.json()) as { got: number }).got).toBe(42);
			await main.stop();
			expect(main.alive).toBe(false);
		} finally {
			await n8n.dispose();
		}
	});
});


(HAS_REDIS ? describe : describe.skip)('real n8n: queue mode (main + 2 workers + Redis)', () => {
	test('webhook executions run on the workers, not on main', async () => {
		const n8n = await N8n.create();
		try {
			const id = await n8n.importWorkflow(webhookWorkflow('e2e-queue'));
			await n8n.publishWorkflow(id);
			const queue = await n8n.startQueueMode({ workers: 2 });
			const answers = await Promise.all(
				[1, 2, 3, 4].map(async (value) => {
					const res = await fetch(`${queue.main.url}/webhook/e2e-queue`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ value }),
					});
					return (await res.json()) as { got: number };
				}),
			);
			expect(answers.map((answer) => answer.got)).toEqual([1, 2, 3, 4]);
			const started = queue.workers.map(
				(worker) => (worker.output.match(/Worker started execution \d+/g) ?? []).length,
			);
			expect(started.reduce((a, b) => a + b, 0)).toBe(4);
			expect(queue.main.output).not.toMatch(/Worker started execution/);
			await queue.stop();
		} finally {
			await n8n.dispose();
		}
	});
});
