/**
 * The newcomer's first run, `npm start` (scripts/start.sh), on free ports and a fresh user folder:
 * it starts the emulator and n8n with the package loaded, the "BILL (local emulator)" credentials
 * and the five example workflows (checked through n8n's REST API, as the editor sees them); SIGTERM
 * stops n8n and the emulator. Then the AP, AR and nightly-sync examples run with `n8n execute` in
 * that user folder against an emulator in production mode (the credential's MFA Remember Me ID
 * makes the payment possible). A second start reuses everything: no install, build or import.
 * The events → Slack example cannot run from the CLI (it starts with the BILL Trigger): its
 * message builder is run here on notifications shaped as the trigger emits them.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import http from 'http';
import { tmpdir } from 'os';
import { join } from 'path';

import { FALLBACK_EVENTS } from '../../nodes/BillTrigger/events';
import { AP } from '../emulator/family/accounts-payable';
import { BillEmulator, SEED } from '../emulator/server';
import { freePort, N8N_RUNTIME, N8N_VERSION, parseRunOutput, ROOT } from './n8n';

const folder = mkdtempSync(join(tmpdir(), 'bill-start-'));
const ports = { n8n: 0, emulator: 0 };
const owner = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Local-emulator-1' };
const browserId = 'start-script-test';
const EXAMPLES = {
	ap: 'billExampleApJourney',
	ar: 'billExampleArJourney',
	webhook: 'billExampleWebhookSlack',
	sync: 'billExampleVendorSync',
	polling: 'billExamplePollingPaid',
	aiReview: 'billExampleAiAgentReview',
};

/** The environment of a newcomer's shell: nothing of n8n or jest. */
function env(): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined || /^(N8N_|BILL_|EXECUTIONS_|QUEUE_|DB_|WEBHOOK_URL|NODE_ENV|NODE_OPTIONS|JEST_|TS_JEST|npm_)/.test(key)) continue;
		out[key] = value;
	}
	return {
		...out,
		BILL_N8N: N8N_RUNTIME.name,
		BILL_LOCAL_FOLDER: folder,
		N8N_PORT: String(ports.n8n),
		BILL_EMULATOR_PORT: String(ports.emulator),
	};
}

class StartScript {
	output = '';
	exit: Promise<number | null>;
	n8nPid?: number;
	readonly child: ChildProcess;

	constructor() {
		this.child = spawn('bash', ['scripts/start.sh'], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		const collect = (chunk: Buffer) => {
			this.output += chunk.toString();
			this.n8nPid ??= Number(this.output.match(/n8n process (\d+)/)?.[1]) || undefined;
		};
		this.child.stdout!.on('data', collect);
		this.child.stderr!.on('data', collect);
		this.exit = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
	}

	async ready(timeoutMs = 360_000) {
		const deadline = Date.now() + timeoutMs;
		while (!/n8n with the BILL nodes is ready: +http:\/\/localhost:\d+/.test(this.output)) {
			if (this.child.exitCode !== null) throw new Error(`start.sh exited (${this.child.exitCode}):\n${this.output.slice(-4000)}`);
			if (Date.now() > deadline) throw new Error(`start.sh: not ready after ${timeoutMs} ms:\n${this.output.slice(-4000)}`);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** SIGTERM to the script only, as `kill <pid>` would: its trap stops n8n and the emulator. */
	async stop() {
		this.child.kill('SIGTERM');
		return await this.exit;
	}

	/** Last resort after a failed test: everything this script started (n8n runs in its own session). */
	kill() {
		for (const pid of [this.n8nPid && -this.n8nPid, this.child.pid && -this.child.pid]) {
			try {
				if (pid) process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}
}

const scripts: StartScript[] = [];
function start() {
	const script = new StartScript();
	scripts.push(script);
	return script;
}

async function listening(port: number) {
	try {
		await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
		return true;
	} catch {
		return false;
	}
}

/**
 * n8n's REST API as the editor calls it (owner created on the first call, then signed in). Right
 * after start.sh is ready n8n may not route /rest/owner/setup or /rest/login yet (n8n 2.41 on a busy
 * machine: 404; n8n 2.8.4 in CI: setup refused and then login 401, the owner not yet created): both
 * are tried again for up to 20 s, and the statuses seen are named if neither succeeds.
 */
async function rest(path: string): Promise<any> {
	const base = `http://127.0.0.1:${ports.n8n}`;
	const headers = { 'content-type': 'application/json', 'browser-id': browserId };
	const seen: string[] = [];
	let res: Response | undefined;
	for (let attempt = 0; attempt < 40; attempt++) {
		if (attempt) await new Promise((r) => setTimeout(r, 500));
		res = await fetch(`${base}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(owner) });
		if (res.ok && /json/.test(res.headers.get('content-type') ?? '')) break;
		seen.push(`setup ${res.status}`);
		res = await fetch(`${base}/rest/login`, { method: 'POST', headers, body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }) });
		if (res.ok) break;
		seen.push(`login ${res.status}`);
	}
	expect({ status: res?.status, seen: res?.ok ? [] : seen.slice(-6) }).toEqual({ status: 200, seen: [] });
	const cookie = (res!.headers.get('set-cookie') ?? '').split(';')[0];
	const answer = await fetch(`${base}${path}`, { headers: { ...headers, cookie } });
	expect(answer.status).toBe(200);
	return await answer.json();
}

/** An n8n CLI command in the start script's user folder, with its environment (scripts/n8n-env.sh). */
async function n8nCli(args: string[]) {
	return await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		const child = spawn(
			'bash',
			['-c', 'source scripts/n8n-env.sh "$BILL_LOCAL_FOLDER" && N8N_CUSTOM_EXTENSIONS="$PWD/dist" exec "$BILL_N8N_RUN" "$@"', 'n8n', ...args],
			{ cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

async function execute(id: string) {
	const result = await n8nCli(['execute', `--id=${id}`, '--rawOutput']);
	const run = parseRunOutput(result.stdout);
	if (result.code !== 0 || run?.status !== 'success') {
		throw new Error(`n8n execute --id=${id} failed (${result.code}): ${JSON.stringify(run?.data.resultData.error ?? result.stderr.slice(-3000))}`);
	}
	const last = (node: string) => {
		const tasks = run.data.resultData.runData[node] ?? [];
		return tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
	};
	return { run, last };
}

/**
 * n8n's default task-broker port, held for the whole file (unless another n8n on the machine holds
 * it already): npm start must not need it (it gives the broker a free port).
 */
let brokerDefault: http.Server | undefined;

beforeAll(async () => {
	ports.n8n = await freePort();
	ports.emulator = await freePort();
	// npm test runs both n8n versions' suites at once: this file of the other suite may hold the
	// port for its own run; wait for it (up to 5 minutes), so that the port stays taken during ours
	const hold = async () =>
		await new Promise<http.Server | undefined>((resolve) => {
			const server = http.createServer((_req, res) => res.end());
			server.once('error', () => resolve(undefined));
			server.listen(5679, '127.0.0.1', () => resolve(server));
		});
	const until = Date.now() + 300_000;
	while (!(brokerDefault = await hold()) && Date.now() < until) await new Promise((r) => setTimeout(r, 1000));
}, 400_000);

afterAll(() => {
	for (const script of scripts) script.kill();
	brokerDefault?.close();
	rmSync(folder, { recursive: true, force: true });
});

test('first run: emulator + n8n with the credentials and the five examples; SIGTERM stops both', async () => {
	const script = start();
	try {
		await script.ready();
		expect(script.output).toContain('importing the BILL credentials and the example workflows');
		expect(script.output).toContain(`n8n ${N8N_VERSION} (${N8N_RUNTIME.name})`);
		// the default task-broker port is taken (held above, or by another n8n): n8n started anyway
		expect(await listening(5679)).toBe(true);
		expect(await listening(ports.emulator)).toBe(true);
		expect((await fetch(`http://127.0.0.1:${ports.n8n}/healthz`)).status).toBe(200);

		const workflows = (await rest('/rest/workflows')).data as Array<{ id: string; name: string }>;
		expect(workflows.map((w) => w.id).sort()).toEqual(Object.values(EXAMPLES).sort());
		const credentials = (await rest('/rest/credentials')).data as Array<{ id: string; name: string; type: string }>;
		expect(credentials.map((c) => [c.name, c.type]).sort()).toEqual([
			['BILL (local emulator)', 'billApi'],
			['BILL Partner (local emulator)', 'billPartnerApi'],
			['BILL S&E (local emulator)', 'billSpendApi'],
		]);
		const nodeTypes = (await rest('/types/nodes.json')) as Array<{ name: string }>;
		expect(nodeTypes.map((t) => t.name)).toEqual(expect.arrayContaining(['CUSTOM.bill', 'CUSTOM.billTrigger', 'CUSTOM.billPollingTrigger']));
		const ap = (await rest(`/rest/workflows/${EXAMPLES.ap}`)).data as { nodes: Array<{ type: string; credentials?: Record<string, { id: string }> }> };
		expect(ap.nodes.filter((n) => n.type === 'CUSTOM.bill').map((n) => n.credentials?.billApi?.id)).toEqual(Array(4).fill('bill-local-emulator'));
	} finally {
		const code = await script.stop();
		expect(code).toBe(143);
	}
	expect(script.output).toMatch(/stopping n8n[\s\S]*stopping the BILL emulator/);
	expect(await listening(ports.n8n)).toBe(false);
	expect(await listening(ports.emulator)).toBe(false);
});

describe('the examples run in that user folder (n8n execute) against the emulator', () => {
	let emu: BillEmulator;
	beforeAll(async () => {
		// production rules: the payment needs the MFA-trusted session the example credential gives
		emu = new BillEmulator({ productionRules: true });
		await emu.start(ports.emulator);
	});
	afterAll(async () => {
		await emu?.stop();
	});

	test('AP journey: vendor → bill → MFA-trusted payment, the bill is paid', async () => {
		const { last } = await execute(EXAMPLES.ap);
		const bill = last('Create Bill')[0].json;
		expect(last('Create Vendor')[0].json).toMatchObject({ name: 'Happy Music Supplies' });
		expect(last('Pay Bill')[0].json).toMatchObject({ billId: bill.id, amount: 229, status: 'PAID' });
		expect(last('Get Paid Bill')[0].json).toMatchObject({ id: bill.id, paymentStatus: 'PAID', dueAmount: 0 });
		expect(emu.counters.logins).toBe(1);
		expect(emu.requestLog.filter((e) => e.path === '/v3/payments').map((e) => [e.method, e.status])).toEqual([['POST', 201]]);
	});

	test('AR journey: the invoice is sent and paid', async () => {
		const { last } = await execute(EXAMPLES.ar);
		const invoice = last('Create Invoice')[0].json;
		expect(last('Send Invoice')[0].json).toEqual({ success: true });
		expect(last('Get Invoice')[0].json).toMatchObject({ id: invoice.id, status: 'PAID', dueAmount: 0 });
	});

	test('nightly vendor sync: the vendors changed since yesterday, summed up', async () => {
		const vendors = emu.store.collection(AP.vendors, SEED.organizationId).size;
		expect(vendors).toBeGreaterThan(0);
		const { last } = await execute(EXAMPLES.sync);
		expect(last('Vendors Changed Since Yesterday')).toHaveLength(vendors);
		expect(last('Summary')[0].json).toMatchObject({ changedVendors: vendors, names: ['Happy Music Supplies'] });
		const list = emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/v3/vendors');
		expect(list).toHaveLength(1);
		expect(list[0].query.filters).toMatch(/^updatedTime:gte:/);
	});
});

test('second run reuses everything: no install, build or import; the same workflows', async () => {
	const script = start();
	try {
		await script.ready();
		expect(script.output).toContain('dist/ is up to date');
		expect(script.output).toContain(`n8n ${N8N_VERSION} already installed`);
		expect(script.output).toContain('credentials and example workflows already imported');
		expect(script.output).not.toMatch(/npm ci|importing the BILL credentials/);
		const workflows = (await rest('/rest/workflows')).data as Array<{ id: string }>;
		expect(workflows).toHaveLength(Object.keys(EXAMPLES).length);
	} finally {
		expect(await script.stop()).toBe(143);
	}
	expect(await listening(ports.emulator)).toBe(false);
});

test('events → Slack example: BILL events it subscribes to exist, one message per notification', async () => {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'examples/webhook-slack-summary.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, any> }>;
	};
	const trigger = workflow.nodes.find((n) => n.type === 'CUSTOM.billTrigger')!;
	const known = FALLBACK_EVENTS.map((e) => `${e.type}:1`);
	expect(trigger.parameters.events.length).toBeGreaterThan(0);
	for (const event of trigger.parameters.events) expect(known).toContain(event);

	const jsCode = String(workflow.nodes.find((n) => n.name === 'Build Slack Message')!.parameters.jsCode);
	const notifications = [
		{ eventType: 'bill.created', entityType: 'bill', entity: { id: '00n01BILL', amount: 229, paymentStatus: 'UNPAID', invoice: { invoiceNumber: 'INV-7' } }, metadata: { eventTime: '2026-11-21T10:00:00Z' } },
		{ eventType: 'payment.failed', entityType: 'payment', entity: { id: 'stp01PAY', amount: 12.5, status: 'FAILED' }, metadata: {} },
	];
	const $input = { all: () => notifications.map((json) => ({ json })) };
	// the Code node runs its code as the body of an async function
	const run = new Function('$input', `return (async () => {\n${jsCode}\n})();`) as (input: typeof $input) => Promise<Array<{ json: Record<string, unknown> }>>;
	const out = await run($input);
	expect(out.map((o) => o.json)).toEqual([
		{ text: ':page_facing_up: *BILL: bill.created* for $229.00\nbill INV-7 · UNPAID', eventType: 'bill.created', entityId: '00n01BILL', occurredAt: '2026-11-21T10:00:00Z' },
		{ text: ':warning: *BILL: payment.failed* for $12.50\npayment stp01PAY · FAILED', eventType: 'payment.failed', entityId: 'stp01PAY', occurredAt: null },
	]);
});
