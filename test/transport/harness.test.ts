/**
 * Proves that the in-process harness behaves like n8n where the BILL package depends on it:
 * the pre-authentication gate and write-back (login once, reuse across executions, one re-login
 * on 401), generic authentication with expressions, credential defaults and expressions,
 * continueOnFail, in-memory binary data and loadOptions. Uses the session probe (a tiny node
 * type and credential type, test/harness/probe) against its real local HTTP server; the same
 * probe runs through a real n8n in test/e2e/runner.test.ts with the same counts.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { binaryBuffer, binaryData, createHarness } from '../harness';
import { SessionProbe } from '../harness/probe/SessionProbe.node';
import { SessionProbeApi } from '../harness/probe/SessionProbeApi.credentials';
import { ProbeApi } from '../harness/probe/server';

const api = new ProbeApi();
let baseUrl = '';

beforeAll(async () => {
	baseUrl = await api.start();
});

afterAll(async () => {
	await api.stop();
});

beforeEach(() => api.reset());

// ---------------------------------------------------------------- workflows
const credentialRef = { sessionProbeApi: { id: 'cred-1', name: 'Test account' } };
const credentials = () => ({
	'cred-1': { type: 'sessionProbeApi', data: { baseUrl, username: 'alice', password: 'secret' } },
});

function getWorkflow(thingIds: string[], nodeSettings: IDataObject = {}) {
	return {
		nodes: [
			{ name: 'Start', type: 'harnessStart', parameters: {} },
			{
				name: 'Get',
				type: 'sessionProbe',
				parameters: { operation: 'get', thingId: '={{ $json.id }}' },
				credentials: credentialRef,
				...nodeSettings,
			},
		],
		connections: { Start: { main: [[{ node: 'Get', type: 'main' as const, index: 0 }]] } },
		startItems: thingIds.map((id) => ({ json: { id } })),
	};
}

const harness = () =>
	createHarness({ nodeTypes: [new SessionProbe()], credentialTypes: [new SessionProbeApi()] });

describe('harness: pre-authentication like n8n', () => {
	test('first execution logs in once, writes the session back, sends it on every request', async () => {
		const h = harness();
		const result = await h.run({ ...getWorkflow(['a', 'b', 'c']), credentials: credentials() });

		expect(result.error).toBeUndefined();
		expect(result.success).toBe(true);
		expect(result.output.map((item) => item.json.id)).toEqual(['a', 'b', 'c']);
		expect(api.logins).toBe(1);
		expect(api.dataRequests().map((r) => [r.session, r.status])).toEqual([
			['s1', 200],
			['s1', 200],
			['s1', 200],
		]);
		// generic authenticate resolved {{$credentials.username}} into the query string
		expect(result.output[0].json.user).toBe('alice');
		expect(h.credentialStore.get('cred-1')?.data.sessionId).toBe('s1');
		expect(h.credentialStore.writes).toBe(1);
	});

	test('a later execution reuses the stored session: zero logins', async () => {
		const h = harness();
		await h.run({ ...getWorkflow(['a']), credentials: credentials() });
		api.log = [];
		const before = api.logins;

		const second = await h.run({ ...getWorkflow(['b', 'c']), credentials: credentials() });

		expect(second.success).toBe(true);
		expect(api.logins - before).toBe(0);
		expect(api.log.every((r) => r.session === 's1' && r.path !== '/login')).toBe(true);
		expect(h.credentialStore.writes).toBe(1);
	});

	test('a session refused with 401 costs one re-login and one resend', async () => {
		const h = harness();
		await h.run({ ...getWorkflow(['a']), credentials: credentials() });
		api.sessions.clear(); // the API forgets every session
		api.log = [];

		const result = await h.run({ ...getWorkflow(['b', 'c']), credentials: credentials() });

		expect(result.success).toBe(true);
		expect(result.output.map((item) => item.json.id)).toEqual(['b', 'c']);
		expect(api.log.map((r) => [r.path, r.session, r.status])).toEqual([
			['/things/b', 's1', 401],
			['/login', undefined, 200],
			['/things/b', 's2', 200],
			['/things/c', 's2', 200], // the next request reads the session n8n stored
		]);
		expect(h.credentialStore.get('cred-1')?.data.sessionId).toBe('s2');
	});

	test('a 401 after the re-login fails the node instead of looping', async () => {
		const h = harness();
		api.brokenLogin = true;

		const result = await h.run({ ...getWorkflow(['a']), credentials: credentials() });

		expect(result.success).toBe(false);
		// like n8n, the execution's error is a plain copy of the node's NodeApiError
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '401',
			node: { name: 'Get' },
		});
		expect(api.logins).toBe(2); // empty session, then the single forced re-login
		expect(api.log.map((r) => [r.path, r.status])).toEqual([
			['/login', 200],
			['/things/a', 401],
			['/login', 200],
			['/things/a', 401],
		]);
	});

	test('as in n8n, concurrent requests without a session each log in', async () => {
		// n8n has no lock around pre-authentication: a node that sends requests in parallel
		// before a session exists pays one login per request (the BILL node must avoid this)
		const h = harness();
		const workflow = getWorkflow(['a', 'b', 'c']);
		(workflow.nodes[1].parameters as IDataObject).operation = 'getConcurrently';
		const result = await h.run({ ...workflow, credentials: credentials() });
		expect(result.success).toBe(true);
		expect(result.output.map((item) => item.json.id)).toEqual(['a', 'b', 'c']);
		expect(api.logins).toBe(3);
	});

	test('passing changed credential data is a re-save: the stored session is dropped', async () => {
		const h = harness();
		await h.run({ ...getWorkflow(['a']), credentials: credentials() });
		const changed = credentials();
		(changed['cred-1'].data as IDataObject).note = 'edited';
		await h.run({ ...getWorkflow(['b']), credentials: changed });
		expect(api.logins).toBe(2);
		expect(h.credentialStore.get('cred-1')?.data.sessionId).toBe('s2');
	});
});

describe('harness: credentials helper', () => {
	test('defaults are applied and expressions in credential data resolved', async () => {
		const h = harness();
		h.credentialStore.set('cred-1', {
			type: 'sessionProbeApi',
			data: { baseUrl, username: "={{ 'ali' + 'ce' }}", password: 'secret' },
		});
		const result = await h.run(getWorkflow(['a']));
		expect(result.success).toBe(true);
		expect(result.output[0].json.user).toBe('alice');
		// n8n 2.8.4 writes the decrypted credential back with the session: the expression is
		// stored resolved from then on (newer n8n versions keep the expression)
		expect(h.credentialStore.get('cred-1')?.data).toEqual({
			baseUrl,
			username: 'alice',
			password: 'secret',
			sessionId: 's1',
		});
	});

	test('an unknown credential id fails the run', async () => {
		const h = harness();
		const result = await h.run(getWorkflow(['a']));
		expect(result.success).toBe(false);
		expect(result.error?.message).toMatch(/does not exist/);
		expect(api.log).toEqual([]);
	});
});

describe('harness: node behaviour', () => {
	test('continueOnFail: onError continueRegularOutput keeps the other items', async () => {
		const h = harness();
		const result = await h.run({
			...getWorkflow(['a', 'missing', 'c'], { onError: 'continueRegularOutput' }),
			credentials: credentials(),
		});
		expect(result.success).toBe(true);
		expect(result.output.map((item) => item.json.id ?? 'error')).toEqual(['a', 'error', 'c']);
		expect(result.output[1].json.error).toEqual(expect.stringMatching(/404|resource/i));
	});

	test('without continueOnFail the 404 fails the execution', async () => {
		const h = harness();
		const result = await h.run({ ...getWorkflow(['a', 'missing']), credentials: credentials() });
		expect(result.success).toBe(false);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.byNode.Get).toEqual([]);
		expect(result.executionOrder).toEqual(['Start', 'Get']);
	});

	test('binary data in, binary data out (in-memory mode)', async () => {
		const h = harness();
		const bytes = Buffer.from('hello, binary world');
		const result = await h.run({
			nodes: [
				{ name: 'Start', type: 'harnessStart' },
				{
					name: 'Upload',
					type: 'sessionProbe',
					parameters: { operation: 'upload' },
					credentials: credentialRef,
				},
			],
			connections: { Start: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] } },
			startItems: [{ json: {}, binary: { data: await binaryData(bytes, 'hello.txt', 'text/plain') } }],
			credentials: credentials(),
		});
		expect(result.success).toBe(true);
		expect(result.output[0].json).toEqual({
			bytes: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			contentType: 'application/octet-stream',
		});
		expect(binaryBuffer(result.output[0]).toString()).toBe('dlrow yranib ,olleh');
		expect(result.output[0].binary?.data.fileName).toBe('reversed.bin');
		expect(result.byNode.Start[0].binary?.data.fileName).toBe('hello.txt');
	});

	test('loadOptions run with the stored credential and its session', async () => {
		const h = harness();
		await h.run({ ...getWorkflow(['a']), credentials: credentials() });
		const options = await h.loadOptions('getThings', {
			nodeType: 'sessionProbe',
			credentials: credentialRef,
		});
		expect(options).toEqual([
			{ name: 'First', value: 't1' },
			{ name: 'Second', value: 't2' },
		]);
		expect(api.logins).toBe(1);
	});
});
