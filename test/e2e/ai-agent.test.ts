/**
 * The BILL node as an AI Agent's tool in a real n8n (the version BILL_N8N names): a workflow
 * Manual → AI Agent, with n8n's OpenAI Chat Model as its model and the BILL node as its tool
 * (`CUSTOM.billTool`, the tool variant n8n derives from `usableAsTool`). The model is a local
 * OpenAI-compatible test server (test/e2e/fake-openai.ts, the credential's Base URL) that answers
 * the first turn with a call of the BILL tool; the tool lists the vendors of the emulator; the
 * second request the model receives carries the tool's result, with the vendor created here.
 *
 * Node versions that work on both n8n versions: AI Agent 2.2 and OpenAI Chat Model 1.3 with
 * "Use Responses API" off (on by default from 1.3; the agent then needs the Responses API, which
 * this server does not offer). The vendor count limit is filled by the model ($fromAI).
 * Needs `npm run build` first.
 */
import { join } from 'path';

import { BillEmulator } from '../emulator/server';
import { billUser, e2eCredentials, E2E_CREDS, manual, vendorBody } from './bill-e2e';
import { FakeOpenAi } from './fake-openai';
import { N8n, ROOT } from './n8n';

const VENDOR = 'Agent Tool Vendor 7';
let emu: BillEmulator;
let model: FakeOpenAi;
let n8n: N8n;
let modelUrl = '';

beforeAll(async () => {
	emu = new BillEmulator();
	const base = await emu.start();
	await (await billUser(base))('/v3/vendors', vendorBody(VENDOR));

	model = new FakeOpenAi({ toolPattern: /vendor/i });
	modelUrl = await model.start();
	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	await n8n.importCredentials([
		...e2eCredentials(base),
		{ id: 'cred-openai', name: 'OpenAI (test server)', type: 'openAiApi', data: { apiKey: 'sk-test-not-a-key', url: modelUrl } },
	]);
});

afterAll(async () => {
	await n8n?.dispose();
	await model?.stop();
	await emu?.stop();
});

test('the AI Agent calls the BILL tool; the vendors from BILL reach the model', async () => {
	const id = await n8n.importWorkflow({
		name: 'AI agent with the BILL tool',
		nodes: [
			manual(),
			{
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 2.2,
				parameters: { promptType: 'define', text: 'Which vendors do we have in BILL?', options: {} },
			},
			{
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4.1-mini' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: { id: 'cred-openai', name: 'OpenAI (test server)' } },
			},
			{
				name: 'List BILL Vendors',
				type: n8n.nodeType('billTool'),
				typeVersion: 1,
				parameters: {
					resource: 'vendor',
					operation: 'getAll',
					returnAll: false,
					limit: "={{ $fromAI('limit', 'How many vendors to list', 'number') }}",
				},
				credentials: { billApi: E2E_CREDS.billApi },
			},
		],
		connections: {
			Manual: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'List BILL Vendors': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	});
	const run = await n8n.execute(id);
	expect(model.unexpected).toEqual([]);
	expect(run.error).toBeUndefined();
	expect(run.success).toBe(true);

	// 1st request: the question and the BILL tool offered; 2nd: the tool's result
	expect(model.requests).toHaveLength(2);
	const [first, second] = model.requests;
	expect(JSON.stringify(first.messages)).toContain('Which vendors do we have in BILL?');
	const tool = first.tools?.find((t) => /vendor/i.test(t.function.name));
	expect(tool?.function.parameters?.properties).toHaveProperty('limit');
	const call = second.messages.find((m) => m.role === 'assistant' && m.tool_calls?.length)?.tool_calls?.[0];
	expect(call?.function).toEqual({ name: tool?.function.name, arguments: JSON.stringify({ limit: 10 }) });
	const results = model.toolResults();
	expect(results).toHaveLength(1);
	expect(results[0]).toContain(VENDOR);

	// the tool's request reached BILL (the emulator), with the limit the model chose
	const listed = emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/v3/vendors');
	expect(listed).toHaveLength(1);
	expect(listed[0].query.max).toBe('10');
	// and the agent's answer is the model's final text, quoting the tool result
	expect(String(run.output[0]?.json.output)).toContain(VENDOR);
});
