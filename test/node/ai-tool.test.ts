/**
 * The BILL node as an AI Agent's tool, in-process against the emulator: the tool variant n8n
 * derives from `usableAsTool` (type `billTool`, as n8n's convertNodeToAiTool names it) run the way
 * Agent 3.x's engine runs a tool (a node of the workflow) — money movement refused with nothing
 * sent unless allowed, mistakes returned as results (the execution succeeds), output shaped for a
 * model, no secret in any result; the same node as a plain `bill` node is unchanged.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { NodeHelpers, type INode, type INodeExecutionData, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

import { BillApi } from '../../credentials/BillApi.credentials';
import { BillPartnerApi } from '../../credentials/BillPartnerApi.credentials';
import { BillSpendApi } from '../../credentials/BillSpendApi.credentials';
import { Bill } from '../../nodes/Bill/Bill.node';
import { redact } from '../../nodes/Bill/actions/tool';
import { AP_SEED } from '../emulator/family/accounts-payable';
import { SEED } from '../emulator/server';
import { createHarness } from '../harness';
import { byId, credentialsFor, parameterIssues, useBill } from '../support/bill';

/** The tool variant, as n8n builds it (name + `Tool`, AI tool output). */
class BillTool extends Bill {
	constructor() {
		super();
		this.description = { ...this.description, name: 'billTool', displayName: 'BILL Tool', inputs: [], outputs: ['ai_tool'] } as INodeTypeDescription;
	}
}

const t = useBill({}, { resetEach: true });
const address = { line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };

async function runTool(resource: string, operation: string, params: Record<string, unknown> = {}, items: INodeExecutionData[] = [{ json: {} }]) {
	const harness = createHarness({ nodeTypes: [new Bill(), new BillTool()], credentialTypes: [new BillApi(), new BillSpendApi(), new BillPartnerApi()], credentials: credentialsFor(t.base) });
	// What a model leaves empty reaches the node as an empty $fromAI value (n8n refuses a workflow with an empty required field).
	const missing = Object.keys(JSON.parse(parameterIssues(resource, operation, params as never) || '{}') as object);
	const filled = { ...Object.fromEntries(missing.map((k) => [k, "={{ '' }}"])), ...params };
	const node = { ...t.billNode(resource, operation, filled), type: 'billTool' };
	return await harness.run({
		nodes: [{ name: 'Start', type: 'harnessStart', parameters: {} }, node],
		connections: { Start: { main: [[{ node: 'BILL', type: 'main', index: 0 }]] } },
		startItems: items,
	});
}

const secrets = () => [SEED.password, SEED.devKey, SEED.spendToken, SEED.appKey, SEED.partnerPassword].filter(Boolean);
function expectNoSecret(output: INodeExecutionData[]) {
	const text = JSON.stringify(output);
	for (const s of secrets()) expect(text).not.toContain(String(s));
	expect(text).not.toMatch(/sessionId/);
}

/** A resource locator filled by the model ($fromAI resolves to this value; n8n checks no pattern on an expression). */
const fromModel = (value: string) => byId(`={{ '${value}' }}`);

const payment = { amount: 12, fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId }, processingOptions: { requestPayFaster: false } };

describe('money movement as an AI tool', () => {
	test('refused while Allow Money Movement is off: the result tells the model, nothing reaches BILL', async () => {
		for (const [resource, operation, params] of [
			['payment', 'create', payment],
			['vendorBankAccount', 'create', { vendorId: fromModel('00901ABC'), accountNumber: '123456789' }],
			['billApproval', 'approveOrDeny', { billId: fromModel('00n01ABC') }],
			['card', 'getPanJwt', { cardId: fromModel('Q2FyZDox') }],
		] as const) {
			t.emu.requestLog = [];
			const r = await runTool(resource, operation, params);
			expect(r.success).toBe(true);
			expect(r.output).toHaveLength(1);
			expect(String(r.output[0].json.error)).toMatch(/^Not allowed: .* moves money in BILL .*Nothing was sent to BILL\./);
			expect(String(r.output[0].json.hint)).toContain('Allow Money Movement (AI Tool)');
			expect(t.emu.requestLog).toEqual([]);
		}
	});

	test('allowed: exactly one payment is sent', async () => {
		const vendor = await t.runOk('vendor', 'create', { name: 'Tool Vendor', address });
		const bill = await t.runOk('bill', 'create', {
			vendorId: byId(String(vendor.output[0].json.id)),
			dueDate: '2026-12-31T00:00:00.000Z',
			invoice: { invoiceNumber: 'T-1', invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount: 12 }] },
		});
		t.emu.requestLog = [];
		const r = await runTool('payment', 'create', { ...payment, additionalFields: { billId: byId(String(bill.output[0].json.id)) }, allowMoneyMovement: true, toolOutput: 'raw' });
		expect(r.output[0].json.error).toBeUndefined();
		expect(String(r.output[0].json.id)).toMatch(/^stp/);
		expect(t.emu.requestLog.filter((e) => e.method === 'POST' && e.path === '/v3/payments')).toHaveLength(1);
	});

	test('a record write keeps working; one that turns on vendor auto-pay is refused', async () => {
		const ok = await runTool('vendor', 'create', { name: 'Plain Vendor', address });
		expect(ok.output[0].json).toMatchObject({ name: 'Plain Vendor' });
		expect(String(ok.output[0].json.id)).toMatch(/^009/);
		t.emu.requestLog = [];
		const auto = await runTool('vendor', 'create', { name: 'Auto Vendor', address, additionalFields: { autoPay: { enabled: true, maxAmount: 500 } } });
		expect(String(auto.output[0].json.error)).toContain('turns on automatic payment');
		expect(t.emu.requestLog).toEqual([]);
	});

	test('outside AI use nothing changes: the plain node sends the payment request', async () => {
		t.emu.requestLog = [];
		await t.runOp('payment', 'create', payment);
		expect(t.emu.requestLog.filter((e) => e.path === '/v3/payments').length).toBeGreaterThan(0);
	});
});

describe('the model can recover', () => {
	test.each([
		['a Limit of 0', 'vendor', 'getAll', { limit: 0 }, /"Limit" must be a whole number 1 or more \(got 0\)/],
		['an ID with the wrong prefix', 'vendor', 'get', { vendorId: fromModel('00nWRONG') }, /Vendor.*009/i],
		['a missing required field', 'vendor', 'create', { address }, /"Name" is required/],
		['an unknown enum value', 'vendor', 'create', { name: 'X', address, additionalFields: { accountType: 'PLANET' } }, /cannot be "PLANET"/],
	])('%s comes back as the tool result, the execution succeeds, nothing is sent', async (_what, resource, operation, params, message) => {
		t.emu.requestLog = [];
		const r = await runTool(resource, operation, params as Record<string, unknown>);
		expect(r.success).toBe(true);
		expect(r.output).toHaveLength(1);
		expect(String(r.output[0].json.error)).toMatch(message);
		expect(t.emu.requestLog.filter((e) => !e.path.startsWith('/v3/login'))).toEqual([]);
		expectNoSecret(r.output);
	});

	test('the allowed values are named (enum)', async () => {
		const r = await runTool('vendor', 'create', { name: 'X', address, additionalFields: { accountType: 'PLANET' } });
		expect(String(r.output[0].json.hint)).toMatch(/Allowed values: .*BUSINESS/);
	});

	test('a plain node still fails on a Limit of 0', async () => {
		const r = await t.runOp('vendor', 'getAll', { limit: 0 });
		expect(r.success).toBe(false);
	});
});

describe('output sized for a model', () => {
	beforeEach(async () => {
		for (let i = 0; i < 12; i++) await t.runOk('vendor', 'create', { name: `Vendor ${i}`, address, additionalFields: { email: `v${i}@example.com` } });
	});

	test('Get Many defaults to 10 records, simplified, and says how to get more', async () => {
		t.emu.requestLog = [];
		const r = await runTool('vendor', 'getAll');
		expect(r.success).toBe(true);
		const records = r.output.filter((o) => o.json.id);
		expect(records).toHaveLength(10);
		expect(t.emu.requestLog.find((e) => e.path === '/v3/vendors' && e.method === 'GET')?.query.max).toBe('10');
		for (const rec of records) expect(Object.keys(rec.json).every((k) => ['id', 'name', 'email', 'phone', 'accountType', 'billCurrency', 'address', 'balance', 'networkStatus', 'archived'].includes(k))).toBe(true);
		expect(r.output[10].json).toMatchObject({ moreAvailable: true });
		expect(String(r.output[10].json.note)).toMatch(/first 10/);
	});

	test('Selected Fields keeps the ID and the named fields; Raw keeps all', async () => {
		const sel = await runTool('vendor', 'getAll', { limit: 3, toolOutput: 'selected', toolFields: 'name' });
		expect(sel.output.slice(0, 3).map((o) => Object.keys(o.json).sort())).toEqual([['id', 'name'], ['id', 'name'], ['id', 'name']]);
		const raw = await runTool('vendor', 'getAll', { limit: 3, toolOutput: 'raw' });
		expect(Object.keys(raw.output[0].json).length).toBeGreaterThan(10);
		expectNoSecret([...sel.output, ...raw.output]);
	});
});

test('no secret or full bank number in a tool result', () => {
	expect(redact({ id: 'x', sessionId: 's', token: 't', nested: [{ securityKey: 'k', accountNumber: '123456789', routingNumber: '****6789' }] })).toEqual({
		id: 'x',
		nested: [{ accountNumber: '****6789', routingNumber: '****6789' }],
	});
});

test('the example with human review: its BILL tools resolve against the tool description, payments only through the review', () => {
	const wf = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'ai-agent-human-review.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
		connections: Record<string, { ai_tool?: Array<Array<{ node: string }>> }>;
	};
	const description = new BillTool().description;
	const tools = wf.nodes.filter((n) => n.type === 'CUSTOM.billTool');
	expect(tools.map((n) => n.name).sort()).toEqual(['Find Bills', 'List Vendors', 'Pay a Bill']);
	for (const n of tools) {
		const parameters = NodeHelpers.getNodeParameters(description.properties, n.parameters, true, false, { typeVersion: 1 } as INode, description)!;
		const node = { id: n.name, name: n.name, type: 'billTool', typeVersion: 1, position: [0, 0], parameters } as INode;
		expect(NodeHelpers.getNodeParametersIssues(description.properties, node, description)).toBeNull();
	}
	expect(wf.connections['Pay a Bill'].ai_tool?.[0][0].node).toBe('Approve Payment');
	expect(wf.nodes.find((n) => n.name === 'Approve Payment')?.type).toMatch(/HitlTool$/);
	expect(wf.nodes.find((n) => n.name === 'Pay a Bill')?.parameters.allowMoneyMovement).toBe(true);
});
