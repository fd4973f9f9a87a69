/**
 * Issue 18 on a real n8n (BILL_N8N): the AI Agent (every version of the installed nodes-langchain
 * this test names: 2.2 and 3.1) with a local OpenAI-compatible model (fake-openai.ts) and the BILL
 * tool against the emulator:
 *   (a) a read answered from BILL's data;
 *   (b) a payment refused with money movement off: nothing sent, the model told why;
 *   (c) the same with money movement on: exactly one payment;
 *   (d) a wrong Limit (0) corrected by the model on its second call: the execution succeeds.
 * Needs `npm run build` first.
 */
import { join } from 'path';

import { BillEmulator } from '../emulator/server';
import { AP_SEED } from '../emulator/family/accounts-payable';
import { billUser, e2eCredentials, E2E_CREDS, manual, vendorBody } from './bill-e2e';
import { FakeOpenAi } from './fake-openai';
import { N8n, ROOT, type E2ENode } from './n8n';

const AGENT_VERSIONS = [2.2, 3.1];
const VENDOR = 'Agent Read Vendor';
let emu: BillEmulator;
let n8n: N8n;
let billId = '';
const models: FakeOpenAi[] = [];

/** A local model answering with `options`' tool calls, and the n8n credential that points to it (imported later). */
async function model(options: ConstructorParameters<typeof FakeOpenAi>[0]) {
	const m = new FakeOpenAi(options);
	const url = await m.start();
	models.push(m);
	const credential = { id: `cred-openai-${models.length}`, name: `OpenAI ${models.length}` };
	return { model: m, credential, imported: { ...credential, type: 'openAiApi', data: { apiKey: 'sk-test-not-a-key', url } } };
}

/** The agent workflow: Manual → AI Agent with the model and `tool`. */
function agentWorkflow(agentVersion: number, question: string, tool: E2ENode, credential: { id: string; name: string }) {
	return {
		name: `agent ${agentVersion}: ${question}`,
		nodes: [
			manual(),
			{ name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: agentVersion, parameters: { promptType: 'define', text: question, options: {} } },
			{
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4.1-mini' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: credential },
			},
			tool,
		],
		connections: {
			Manual: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[tool.name]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

const listVendors = (): E2ENode => ({
	name: 'List BILL Vendors',
	type: n8n.nodeType('billTool'),
	typeVersion: 1,
	parameters: { resource: 'vendor', operation: 'getAll', returnAll: false, limit: "={{ $fromAI('limit', 'How many vendors to list', 'number') }}" },
	credentials: { billApi: E2E_CREDS.billApi },
});

const payBill = (allow: boolean): E2ENode => ({
	name: 'Pay BILL Bill',
	type: n8n.nodeType('billTool'),
	typeVersion: 1,
	parameters: {
		resource: 'payment',
		operation: 'create',
		amount: "={{ $fromAI('amount', 'Amount to pay', 'number') }}",
		fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId },
		processingOptions: { requestPayFaster: false },
		additionalFields: { billId: { __rl: true, mode: 'id', value: "={{ $fromAI('billId', 'The bill to pay', 'string') }}" } },
		...(allow ? { allowMoneyMovement: true } : {}),
	},
	credentials: { billApi: E2E_CREDS.billApi },
});

/** The four cases, each with its own local model: the question, the BILL tool, the model's tool calls. */
const cases = {
	a: { question: 'Which vendors do we have?', tool: () => listVendors(), options: () => ({ toolPattern: /vendor/i, calls: [{ limit: 5 }] }) },
	b: { question: 'Pay the bill from Acme', tool: () => payBill(false), options: () => ({ toolPattern: /pay/i, calls: [{ amount: 12, billId }] }) },
	c: { question: 'Pay 1 of the bill from Acme', tool: () => payBill(true), options: () => ({ toolPattern: /pay/i, calls: [{ amount: 1, billId }] }) },
	d: { question: 'List three vendors', tool: () => listVendors(), options: () => ({ toolPattern: /vendor/i, calls: [{ limit: 0 }, { limit: 3 }] }) },
};
type CaseKey = keyof typeof cases;
/** Per agent version and case: its model and workflow id. */
const prepared = new Map<string, { model: FakeOpenAi; id: string }>();

beforeAll(async () => {
	emu = new BillEmulator();
	const base = await emu.start();
	const post = await billUser(base);
	const vendor = await post('/v3/vendors', vendorBody(VENDOR));
	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	billId = String(
		(
			await post('/v3/bills', {
				vendorId: vendor.id,
				dueDate: '2026-12-31',
				invoice: { invoiceNumber: 'AGENT-1', invoiceDate: '2026-12-01' },
				billLineItems: [{ amount: 12 }],
			})
		).id,
	);
	// every case of every agent version: its model, credential and workflow, imported together
	// (two n8n boots for the file)
	const keys = AGENT_VERSIONS.flatMap((agentVersion) => (Object.keys(cases) as CaseKey[]).map((key) => ({ agentVersion, key })));
	const made: Array<Awaited<ReturnType<typeof model>>> = [];
	for (const { key } of keys) made.push(await model(cases[key].options()));
	await n8n.importCredentials([...e2eCredentials(base), ...made.map((m) => m.imported)]);
	const ids = await n8n.importWorkflows(keys.map(({ agentVersion, key }, i) => agentWorkflow(agentVersion, cases[key].question, cases[key].tool(), made[i].credential)));
	keys.forEach(({ agentVersion, key }, i) => prepared.set(`${agentVersion} ${key}`, { model: made[i].model, id: ids[i] }));
});

afterAll(async () => {
	await n8n?.dispose();
	for (const m of models) await m.stop();
	await emu?.stop();
});

const payments = () => emu.requestLog.filter((e) => e.method === 'POST' && e.path === '/v3/payments');

describe.each(AGENT_VERSIONS)('AI Agent %s with the BILL tool', (agentVersion) => {
	const runAgent = async (key: CaseKey) => {
		const { id, model: m } = prepared.get(`${agentVersion} ${key}`)!;
		return { run: await n8n.execute(id), m };
	};

	test('(a) a read is answered from BILL', async () => {
		const { run, m } = await runAgent('a');
		expect(run.error).toBeUndefined();
		expect(run.success).toBe(true);
		expect(m.toolResults().join('\n')).toContain(VENDOR);
		expect(String(run.output[0]?.json.output)).toContain(VENDOR);
	});

	test('(b) a payment is refused with money movement off: nothing sent, the model told why', async () => {
		const before = payments().length;
		const { run, m } = await runAgent('b');
		expect(run.error).toBeUndefined();
		expect(run.success).toBe(true);
		expect(payments().length).toBe(before);
		const told = m.toolResults().join('\n');
		expect(told).toMatch(/Not allowed: .*moves money in BILL/);
		expect(told).toContain('Nothing was sent to BILL');
		// the tool's description says it moves money and may need approval
		const offered = m.requests[0].tools?.find((t) => /pay/i.test(t.function.name));
		expect(offered?.function.description).toMatch(/moves money; may need human approval/);
	});

	test('(c) with money movement on: exactly one payment', async () => {
		const before = payments().length;
		const { run, m } = await runAgent('c');
		expect(run.error).toBeUndefined();
		expect(run.success).toBe(true);
		expect(payments().length).toBe(before + 1);
		expect(m.toolResults().join('\n')).toMatch(/stp/);
	});

	test('(d) a wrong Limit is corrected on the second call; the execution succeeds', async () => {
		const { run, m } = await runAgent('d');
		expect(run.error).toBeUndefined();
		expect(run.success).toBe(true);
		expect(m.requests).toHaveLength(3);
		const [first, second] = m.toolResults();
		expect(first).toMatch(/Limit.*must be a whole number 1 or more/);
		expect(second).toContain(VENDOR);
	});
});
