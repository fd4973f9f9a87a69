/**
 * Runs a real n8n for the end-to-end tests, through scripts/n8n.js (the version BILL_N8N names —
 * oldest or newest, default newest — installed and cached by scripts/n8n-install.sh, on its own
 * Node.js, with the settings that version expects and its JavaScript task runner):
 * a throw-away user folder per instance, the package loaded the way users load it (custom
 * extensions folder and/or installed from its `npm pack` tarball), credentials and workflows
 * imported through n8n's CLI, `n8n execute` parsed into the run data, `n8n start` ready when its
 * REST API and the webhooks of every published workflow answer, and queue mode (main + workers on
 * a local Redis). With BILL_E2E_LOG set, everything n8n prints is appended to that file (npm test
 * counts the warnings in it).
 *
 *   const n8n = await N8n.create({ tarballs: [await packPackage()] });
 *   await n8n.importCredentials([{ id: 'c1', name: 'BILL', type: 'billApi', data }]);
 *   const id = await n8n.importWorkflow({ name: 'AP', nodes, connections });
 *   const run = await n8n.execute(id);      // run.success, run.output, run.byNode.Bill
 *   const server = await n8n.start();      // server.url, server.stop()
 *   await n8n.dispose();
 */
import { spawn, execFileSync, type ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import { appendFileSync, closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { createHash } from 'crypto';
import net from 'net';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';

import { freePort, installed, runtime, type N8nRuntime } from '../../scripts/n8n';

export const ROOT = resolve(__dirname, '../..');
/** The n8n under test (scripts/n8n-versions/<BILL_N8N>/, default newest). */
export const N8N_RUNTIME: N8nRuntime = runtime();
export const N8N_VERSION = N8N_RUNTIME.version;
const WRAPPER = join(ROOT, 'scripts/n8n.js');
const PACKAGE_NAME = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string })
	.name;

// ------------------------------------------------------------------ install, pack, ports

let install: { node: string; bin: string } | undefined;

/** Installs the n8n under test into ~/.cache/n8n-nodes-bill/ unless cached; its Node and bin paths. */
export function installN8n(): { node: string; bin: string } {
	install ??= installed(N8N_RUNTIME.name);
	return install;
}

/** Appends what an n8n process printed to BILL_E2E_LOG (when set). */
function record(what: string, output: string) {
	const file = process.env.BILL_E2E_LOG;
	if (file) appendFileSync(file, `\n===== n8n ${N8N_VERSION}: ${what}\n${output}`);
}

/** The test file jest is running (relative to the repository), '' outside jest. */
function testFile(): string {
	const state = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.();
	return state?.testPath ? relative(ROOT, state.testPath) : '';
}

/**
 * Appends `<ms>\t<version>\t<jest worker>\t<what>\t<test file>` to BILL_E2E_TIMES (when set; the
 * suite's reporter, test/e2e/summary-reporter.js, sets it and prints the boots per file at the end):
 * where the end-to-end time goes.
 */
export function timed(what: string, ms: number) {
	const file = process.env.BILL_E2E_TIMES;
	if (file) appendFileSync(file, `${ms}\t${N8N_VERSION}\t${process.env.JEST_WORKER_ID ?? ''}\t${what}\t${testFile()}\n`);
}

/** `npm pack` of a package folder (default: this repository, built) into a temp folder. */
export function packPackage(dir = ROOT, destination = mkdtempSync(join(tmpdir(), 'n8n-e2e-pack-'))) {
	if (dir === ROOT && !existsSync(join(ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
	}
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{ cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	return join(destination, filename);
}

/** Whether Debian's redis-server is there (queue mode needs it; npm test installs it as root). */
export const HAS_REDIS = (() => {
	try {
		execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

/** A port for a process that binds it later: scripts/n8n.js hands each test process its own. */
export { freePort };

// ------------------------------------------------------------------ types

export interface E2ECredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface E2ENode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface E2EWorkflow {
	id?: string;
	name?: string;
	nodes: E2ENode[];
	connections?: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: Record<string, unknown> | null;
	active?: boolean;
}

export interface E2EItem {
	json: Record<string, unknown>;
	binary?: Record<string, { data?: string; id?: string; fileName?: string; mimeType?: string }>;
	pairedItem?: unknown;
}

interface TaskData {
	executionStatus?: string;
	error?: Record<string, unknown>;
	data?: { main?: Array<E2EItem[] | null> };
}

export interface E2ERun {
	status: string;
	finished?: boolean;
	mode: string;
	data: {
		resultData: {
			runData: Record<string, TaskData[]>;
			lastNodeExecuted?: string;
			error?: Record<string, unknown> & { message: string };
		};
	};
}

export interface ExecuteResult {
	success: boolean;
	/** Exit code of `n8n execute`. */
	code: number | null;
	run?: E2ERun;
	error?: Record<string, unknown> & { message: string };
	/** Main output 0 of the last run of the last node executed. */
	output: E2EItem[];
	/** Main output 0 of the last run of each node. */
	byNode: Record<string, E2EItem[]>;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface N8nOptions {
	/** Folders for N8N_CUSTOM_EXTENSIONS (nodes get the `CUSTOM.` prefix), e.g. `${ROOT}/dist`. */
	custom?: string[];
	/** `npm pack` tarballs installed into <user folder>/.n8n/nodes (prefix `<package name>.`). */
	tarballs?: string[];
	/** Extra environment for every n8n process of this instance. */
	env?: Record<string, string>;
	/** Keep the user folder after dispose() (for debugging). */
	keep?: boolean;
	/**
	 * Let n8n create and migrate its database at the first command (default: the user folder starts
	 * with a copy of a database this n8n version migrated once, see `N8n.create`).
	 */
	freshDatabase?: boolean;
}

// ------------------------------------------------------------------ helpers

/** The first `{ … }` block at column 0 that parses as a run (what `execute --rawOutput` prints). */
export function parseRunOutput(stdout: string): E2ERun | undefined {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as E2ERun;
				if (parsed?.data?.resultData) return parsed;
			} catch {
				// not this closing brace
			}
			break;
		}
	}
	return undefined;
}

function mainOutput(run: E2ERun, node: string): E2EItem[] {
	const tasks = run.data.resultData.runData[node] ?? [];
	return tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
}

/** Environment of the jest process without anything that would change how n8n behaves. */
function cleanEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined) continue;
		if (/^(N8N_|EXECUTIONS_|QUEUE_|DB_|GENERIC_|WEBHOOK_URL|NODE_ENV|NODE_OPTIONS|JEST_|TS_JEST)/.test(key)) {
			continue;
		}
		env[key] = value;
	}
	return env;
}

/**
 * The production webhooks a workflow registers when published: an n8n Webhook node's path and
 * method; for a trigger node with a `webhookId` (the BILL Trigger), `<webhookId>/webhook` for POST.
 */
function webhooksOf(workflow: E2EWorkflow | undefined): Array<{ path: string; method: string }> {
	const out: Array<{ path: string; method: string }> = [];
	for (const node of workflow?.nodes ?? []) {
		const parameters = node.parameters ?? {};
		if (node.type === 'n8n-nodes-base.webhook') {
			out.push({ path: String(parameters.path), method: String(parameters.httpMethod ?? 'GET') });
		} else if (typeof node.webhookId === 'string' && !node.disabled) {
			out.push({ path: `${node.webhookId}/webhook`, method: 'POST' });
		}
	}
	return out;
}

/** Whether n8n's REST API answers (what the editor and N8nRest need). */
async function restAnswers(url: string): Promise<boolean> {
	try {
		return (await fetch(`${url}/rest/settings`)).status === 200;
	} catch {
		return false;
	}
}

/**
 * Whether a production webhook is registered, without running its workflow: asked with a method it
 * does not take, n8n answers "This webhook is not registered for PATCH requests. Did you mean to make
 * a POST request?" once it is registered, and "The requested webhook … is not registered" before.
 */
async function webhookRegistered(url: string, webhook: { path: string; method: string }): Promise<boolean> {
	const probe = webhook.method === 'PATCH' ? 'PUT' : 'PATCH';
	try {
		const res = await fetch(`${url}/webhook/${webhook.path}`, { method: probe });
		return res.status === 404 && (await res.text()).includes(`Did you mean to make a ${webhook.method} request`);
	} catch {
		return false;
	}
}

/** Polls `check` every 250 ms until it returns a value (not undefined). */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	timeoutMs: number,
	isAlive: () => boolean = () => true,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (!isAlive()) throw new Error(`${what}: the process exited`);
		if (Date.now() > deadline) throw new Error(`${what}: timed out after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

// ------------------------------------------------------------------ long-running processes

/** A running n8n process (`start`, `worker`) with its output kept for assertions. */
export class N8nProcess {
	output = '';
	exitCode: number | null | undefined;
	private readonly exited: Promise<void>;

	constructor(
		readonly name: string,
		readonly child: ChildProcess,
		readonly port: number,
	) {
		child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		this.exited = new Promise((resolveExit) =>
			child.on('exit', (code) => {
				this.exitCode = code;
				record(name, this.output);
				resolveExit();
			}),
		);
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	get alive() {
		return this.exitCode === undefined;
	}

	/** Resolves with the first match of `pattern` in the output (waits for it). */
	async waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
		return await waitFor(
			`${this.name}: waiting for ${pattern}`,
			() => this.output.match(pattern) ?? undefined,
			timeoutMs,
			() => this.alive,
		);
	}

	/**
	 * SIGTERM (scripts/n8n.js passes it to n8n, which shuts down gracefully; then its runner stops),
	 * SIGKILL to the whole process group after `graceMs`.
	 */
	async stop(graceMs = 15_000) {
		if (!this.alive) return;
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => {
			try {
				process.kill(-this.child.pid!, 'SIGKILL');
			} catch {
				this.child.kill('SIGKILL');
			}
		}, graceMs);
		await this.exited;
		clearTimeout(timer);
	}
}

export interface QueueMode {
	main: N8nProcess;
	workers: N8nProcess[];
	redis?: ChildProcess;
	stop(): Promise<void>;
}

// ------------------------------------------------------------------ the instance

/** Tarball installs of this test process (content hash → a copy of the .n8n/nodes folder). */
const installedTarballs = new Map<string, string>();
process.on('exit', () => {
	for (const copy of installedTarballs.values()) rmSync(copy, { recursive: true, force: true });
});


export class N8n {
	readonly processes: N8nProcess[] = [];
	private redis?: ChildProcess;

	/** Webhook paths (and their HTTP method) of the workflows published in this user folder. */
	private readonly published = new Map<string, Array<{ path: string; method: string }>>();
	private readonly imported = new Map<string, E2EWorkflow>();

	private constructor(
		readonly bin: string,
		readonly userFolder: string,
		readonly env: Record<string, string>,
		private readonly options: N8nOptions,
	) {}

	/** A fresh user folder with the package loaded as `options` says (n8n installed if needed). */
	static async create(options: N8nOptions = {}): Promise<N8n> {
		const { node, bin } = installN8n();
		const userFolder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		// the rest (no telemetry, 127.0.0.1, log level, version settings): scripts/n8n.js
		const env: Record<string, string> = {
			...cleanEnv(),
			BILL_N8N: N8N_RUNTIME.name,
			BILL_N8N_BIN: bin,
			BILL_N8N_NODE: node,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-bill-e2e',
			N8N_HOST: '127.0.0.1',
			N8N_LOG_OUTPUT: 'console',
			N8N_PUBLIC_API_DISABLED: 'true',
			DB_SQLITE_POOL_SIZE: '2',
			// Node's compile cache (Node ≥ 22.1; older Node ignores it): n8n's modules are compiled once
			// per machine, not at every boot (measured: a fifth less CPU per n8n 2.41 CLI command)
			NODE_COMPILE_CACHE: join(tmpdir(), 'n8n-e2e-compile-cache'),
			...(options.custom?.length ? { N8N_CUSTOM_EXTENSIONS: options.custom.join(';') } : {}),
			...options.env,
		};
		const n8n = new N8n(bin, userFolder, env, options);
		const sameDatabase = !options.freshDatabase && !Object.keys(options.env ?? {}).some((key) => key.startsWith('DB_'));
		if (sameDatabase) await N8n.seedDatabase(bin, env, userFolder);
		for (const tarball of options.tarballs ?? []) n8n.installTarball(tarball);
		return n8n;
	}

	/**
	 * A new user folder starts with the database this n8n version creates and migrates on its first
	 * command (the same for every instance: the encryption key and settings are in the environment),
	 * made once per version and machine into ${tmpdir}/n8n-e2e-db-<version>-<install> and copied: each
	 * n8n boot on an empty folder would otherwise spend seconds on the same migrations.
	 */
	private static async seedDatabase(bin: string, env: Record<string, string>, userFolder: string) {
		const key = createHash('sha256').update(`${bin}:${statSync(bin).mtimeMs}:${env.N8N_ENCRYPTION_KEY}`).digest('hex').slice(0, 12);
		const template = join(tmpdir(), `n8n-e2e-db-${N8N_VERSION}-${key}`);
		const files = ['database.sqlite', 'database.sqlite-wal'];
		if (!existsSync(join(template, 'database.sqlite'))) {
			const folder = mkdtempSync(join(tmpdir(), 'n8n-e2e-db-'));
			const input = join(folder, 'none.json');
			writeFileSync(input, '[]');
			const started = Date.now();
			const makerEnv: Record<string, string> = { ...env, N8N_USER_FOLDER: folder };
			delete makerEnv.N8N_CUSTOM_EXTENSIONS;
			const maker = new N8n(bin, folder, makerEnv, {});
			const result = await maker.cli(['import:credentials', `--input=${input}`]);
			timed('database template', Date.now() - started);
			if (result.code !== 0) throw new Error(`n8n could not create its database (${result.code}):\n${result.stdout}\n${result.stderr}`);
			const made = mkdtempSync(join(tmpdir(), 'n8n-e2e-db-'));
			for (const file of files) if (existsSync(join(folder, '.n8n', file))) copyFileSync(join(folder, '.n8n', file), join(made, file));
			rmSync(folder, { recursive: true, force: true });
			try {
				renameSync(made, template); // another test process may have made it meanwhile: keep that one
			} catch {
				rmSync(made, { recursive: true, force: true });
			}
		}
		mkdirSync(join(userFolder, '.n8n'), { recursive: true });
		for (const file of files) if (existsSync(join(template, file))) copyFileSync(join(template, file), join(userFolder, '.n8n', file));
	}

	/** Node type name as n8n knows it in this instance (`CUSTOM.bill`, `n8n-nodes-bill.bill`). */
	nodeType(name: string, packageName = PACKAGE_NAME) {
		return this.options.tarballs?.length ? `${packageName}.${name}` : `CUSTOM.${name}`;
	}

	/**
	 * Installs a tarball as n8n's community-package installer does, into .n8n/nodes. The result of
	 * installing the same tarball (by content) is copied from the first install of this test process.
	 */
	installTarball(tarball: string) {
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		if (existsSync(nodesDir)) {
			this.installTarballWithNpm(tarball, nodesDir); // a second package beside the first
			return;
		}
		const key = createHash('sha256').update(readFileSync(tarball)).digest('hex');
		const done = installedTarballs.get(key);
		if (done && existsSync(done)) {
			cpSync(done, nodesDir, { recursive: true, verbatimSymlinks: true });
			return;
		}
		this.installTarballWithNpm(tarball, nodesDir);
		const copy = mkdtempSync(join(tmpdir(), 'n8n-e2e-nodes-'));
		cpSync(nodesDir, copy, { recursive: true, verbatimSymlinks: true });
		installedTarballs.set(key, copy);
	}

	private installTarballWithNpm(tarball: string, nodesDir: string) {
		mkdirSync(nodesDir, { recursive: true });
		if (!existsSync(join(nodesDir, 'package.json'))) {
			writeFileSync(
				join(nodesDir, 'package.json'),
				JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
			);
		}
		execFileSync(
			'npm',
			[
				'install',
				tarball,
				'--ignore-scripts',
				'--legacy-peer-deps',
				'--omit=dev',
				'--no-audit',
				'--no-fund',
				'--no-package-lock',
				'--loglevel=error',
			],
			{ cwd: nodesDir, stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv() },
		);
	}

	/** Runs an n8n CLI command in this user folder (through scripts/n8n.js). */
	async cli(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}) {
		const started = Date.now();
		// stdout goes to a file, not a pipe: n8n exits (process.exit) right after writing a run's
		// output, and on a pipe Node writes asynchronously, so a large output (megabytes of
		// `execute --rawOutput`) would be cut off; writes to a file are synchronous.
		const outFile = join(this.userFolder, `stdout-${randomUUID()}.txt`);
		const out = openSync(outFile, 'w');
		return await new Promise<CliResult>((resolveRun, reject) => {
			const child = spawn(process.execPath, [WRAPPER, ...args], {
				env: { ...this.env, ...options.env },
				stdio: ['ignore', out, 'pipe'],
			});
			closeSync(out);
			let stderr = '';
			child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
			child.on('error', reject);
			child.on('close', (code) => {
				clearTimeout(timer);
				const stdout = readFileSync(outFile, 'utf8');
				rmSync(outFile, { force: true });
				record(args.join(' '), stdout + stderr);
				timed(`cli ${args[0]}`, Date.now() - started);
				resolveRun({ code, stdout, stderr, ms: Date.now() - started });
			});
		});
	}

	private async cliOrThrow(args: string[], env?: Record<string, string>) {
		const result = await this.cli(args, { env });
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
		}
		return result;
	}

	private writeInput(name: string, content: unknown) {
		const file = join(this.userFolder, `${name}-${randomUUID()}.json`);
		writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	/** `n8n import:credentials` (data in plain text; n8n encrypts it). */
	async importCredentials(credentials: E2ECredential[]) {
		const file = this.writeInput('credentials', credentials);
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		rmSync(file);
	}

	/** `n8n export:credentials --decrypted`: what n8n stored, e.g. a session written back. */
	async exportCredentials(): Promise<E2ECredential[]> {
		const file = join(this.userFolder, `export-${randomUUID()}.json`);
		await this.cliOrThrow(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		const credentials = JSON.parse(readFileSync(file, 'utf8')) as E2ECredential[];
		rmSync(file);
		return credentials;
	}

	/** `n8n import:workflow`; fills in ids and positions; returns the workflow id. */
	async importWorkflow(workflow: E2EWorkflow): Promise<string> {
		return (await this.importWorkflows([workflow]))[0];
	}

	/** Several workflows in one `n8n import:workflow` call (one n8n boot); returns their ids in order. */
	async importWorkflows(workflows: E2EWorkflow[]): Promise<string[]> {
		const all = workflows.map((workflow) => this.workflowData(workflow));
		const file = this.writeInput('workflow', all);
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		rmSync(file);
		for (const workflow of all) this.imported.set(workflow.id, workflow);
		return all.map((workflow) => workflow.id);
	}

	private workflowData(workflow: E2EWorkflow) {
		const id = workflow.id ?? randomUUID().replace(/-/g, '').slice(0, 16);
		return {
			name: workflow.name ?? `e2e ${id}`,
			active: false,
			connections: {},
			settings: { executionOrder: 'v1' },
			...workflow,
			id,
			nodes: workflow.nodes.map((node, index) => ({
				id: randomUUID(),
				position: [index * 220, 0] as [number, number],
				parameters: {},
				...node,
			})),
		};
	}

	/** `n8n execute --id --rawOutput`, its run data parsed. */
	async execute(id: string, options: { env?: Record<string, string> } = {}): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { env: options.env });
		const run = parseRunOutput(result.stdout);
		const lastNode = run?.data.resultData.lastNodeExecuted;
		return {
			success: result.code === 0 && run?.status === 'success',
			code: result.code,
			run,
			error: run?.data.resultData.error,
			output: run && lastNode ? mainOutput(run, lastNode) : [],
			byNode: run
				? Object.fromEntries(
						Object.keys(run.data.resultData.runData).map((node) => [node, mainOutput(run, node)]),
					)
				: {},
			stdout: result.stdout,
			stderr: result.stderr,
			ms: result.ms,
		};
	}

	/** `n8n publish:workflow` (activates it for `n8n start`, which then waits for its webhooks). */
	async publishWorkflow(id: string) {
		await this.cliOrThrow(['publish:workflow', `--id=${id}`]);
		this.published.set(id, webhooksOf(this.imported.get(id)));
	}

	/** The workflow was deactivated (e.g. through the REST API): later starts do not wait for it. */
	unpublished(id: string) {
		this.published.delete(id);
	}

	/** Starts a long-running n8n command with its own ports; resolves once `/healthz` answers. */
	async spawn(
		command: 'start' | 'worker' | 'webhook',
		options: { env?: Record<string, string>; args?: string[]; name?: string; port?: number } = {},
	): Promise<N8nProcess> {
		const started = Date.now();
		const port = options.port ?? (await freePort());
		const env: Record<string, string> = {
			...this.env,
			N8N_PORT: String(port),
			// scripts/n8n.js passes it as WEBHOOK_URL or N8N_WEBHOOK_URL, as the version expects
			BILL_N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			...options.env,
		};
		if (command === 'worker') {
			env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
			env.QUEUE_HEALTH_CHECK_PORT = String(port);
			env.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
		}
		// its own process group, so that stop() can end n8n and its runner together if needed
		const child = spawn(process.execPath, [WRAPPER, command, ...(options.args ?? [])], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const proc = new N8nProcess(options.name ?? command, child, port);
		this.processes.push(proc);
		await waitFor(
			`${proc.name} /healthz`,
			async () => {
				try {
					const res = await fetch(`${proc.url}/healthz`);
					return res.ok ? true : undefined;
				} catch {
					return undefined;
				}
			},
			120_000,
			() => proc.alive,
		).catch((error: Error) => {
			throw new Error(`${error.message}\n--- ${proc.name} output ---\n${proc.output.slice(-4000)}`);
		});
		// an answer from another process on the port (this one failed to bind it) is not a start
		if (!proc.alive || /EADDRINUSE/.test(proc.output)) throw new Error(`${proc.name} did not start on port ${port}\n--- ${proc.name} output ---\n${proc.output.slice(-4000)}`);
		timed(`${command} healthz`, Date.now() - started);
		return proc;
	}

	/**
	 * `n8n start`, ready: its REST API answers, the production webhook of every workflow published
	 * in this user folder answers (webhooks under `${url}/webhook/`), and where n8n reports the
	 * publication of a workflow (2.41: `/rest/workflows/<id>/publication-status`), all its triggers
	 * are activated. /healthz answers long before that, and n8n 2.41 activates published workflows
	 * after it prints "Editor is now accessible". (A trigger's own work at activation, such as the
	 * BILL Trigger creating its subscription, is for the test to wait for where n8n does not report it.)
	 */
	async start(options: { env?: Record<string, string>; port?: number } = {}) {
		const started = Date.now();
		const main = await this.spawn('start', { ...options, name: 'main' });
		const webhooks = [...this.published.values()].flat();
		// One owner login for the whole wait, tried at most every 3 s until it works: n8n 2.41 answers 429
		// to repeated logins (its login rate limit), and "n8n is starting up" (200, no cookie) before it is up.
		let owner: N8nRest | undefined;
		let lastLoginAt = 0;
		const ready = async () => {
			if (!(await restAnswers(main.url))) return undefined;
			if (!(await Promise.all(webhooks.map(async (w) => await webhookRegistered(main.url, w)))).every(Boolean)) return undefined;
			if (!this.published.size) return true;
			if (!owner) {
				if (Date.now() - lastLoginAt < 3000) return undefined;
				lastLoginAt = Date.now();
				owner = await N8nRest.owner(main.url).catch(() => undefined);
				if (!owner) return undefined;
			}
			const rest = owner;
			for (const id of this.published.keys()) {
				const { status, data } = await rest.get<{ status: string; triggers: Array<{ status: string }> }>(`/workflows/${id}/publication-status`);
				if (status === 404) return true; // this n8n does not report publications
				if (!data || data.status === 'in_progress' || !data.triggers.length || data.triggers.some((t) => t.status !== 'activated')) return undefined;
			}
			return true;
		};
		await waitFor(`${main.name}: REST API, ${webhooks.length} webhook(s) and published workflows`, ready, 120_000, () => main.alive).catch((error: Error) => {
			throw new Error(`${error.message}\n--- ${main.name} output ---\n${main.output.slice(-4000)}`);
		});
		timed('start ready', Date.now() - started);
		return main;
	}

	/**
	 * Queue mode: a Redis (started here from Debian's redis-server unless `redisPort` is given),
	 * one main and `workers` workers sharing this user folder's database.
	 */
	async startQueueMode(
		options: { workers?: number; redisPort?: number; env?: Record<string, string>; concurrency?: number; port?: number } = {},
	): Promise<QueueMode> {
		let redisPort = options.redisPort;
		if (redisPort === undefined) {
			redisPort = await freePort();
			this.redis = spawn(
				'redis-server',
				['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
				{ stdio: 'ignore' },
			);
			const port = redisPort;
			await waitFor(
				'redis',
				async () =>
					await new Promise<true | undefined>((ok) => {
						const socket = net.connect(port, '127.0.0.1', () => {
							socket.end();
							ok(true);
						});
						socket.on('error', () => ok(undefined));
					}),
				15_000,
			);
		}
		const env = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			QUEUE_BULL_PREFIX: `bull-${randomUUID().slice(0, 8)}`,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...options.env,
		};
		const main = await this.start({ env, port: options.port });
		// the workers boot side by side (each is ready when its /healthz answers)
		const workers = await Promise.all(
			Array.from({ length: options.workers ?? 2 }, async (_, i) =>
				await this.spawn('worker', {
					env,
					args: [`--concurrency=${options.concurrency ?? 5}`],
					name: `worker${i + 1}`,
				}),
			),
		);
		const redis = this.redis;
		return {
			main,
			workers,
			redis,
			stop: async () => {
				await Promise.all(workers.map(async (worker) => await worker.stop()));
				await main.stop();
				redis?.kill('SIGTERM');
			},
		};
	}

	/** Stops every process of this instance and removes the user folder. */
	async dispose() {
		await Promise.all(this.processes.map(async (proc) => await proc.stop()));
		this.redis?.kill('SIGTERM');
		if (!this.options.keep) rmSync(this.userFolder, { recursive: true, force: true });
	}
}

// ------------------------------------------------------------------ REST as the owner

/**
 * n8n's internal REST API (`/rest/...`) as the instance owner, with the auth cookie: what the
 * editor does (e.g. `POST /rest/workflows/<id>/deactivate`, `GET /rest/executions`). The owner is
 * set up on first use and logged in on later starts of the same user folder.
 */
export class N8nRest {
	static readonly OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-password-1' };

	private constructor(
		readonly url: string,
		private readonly cookie: string,
	) {}

	/**
	 * Signs in as the owner (setting it up on first use). While n8n is still starting it answers
	 * "n8n is starting up" (200 without a cookie), 404 or 503, and 429 to rapid logins: those are tried
	 * again for up to 60 s, with a pause; any other answer fails at once.
	 */
	static async owner(url: string): Promise<N8nRest> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const attempt = await N8nRest.signIn(url);
			if (attempt.rest) return attempt.rest;
			const notYet = attempt.status === 404 || attempt.status === 429 || attempt.status === 503 || /starting up/i.test(attempt.text);
			if (!notYet || Date.now() > deadline) throw new Error(`n8n owner login failed: ${attempt.status} ${attempt.text}`);
			await new Promise((r) => setTimeout(r, attempt.status === 429 ? 3000 : 1000));
		}
	}

	private static async signIn(url: string): Promise<{ rest?: N8nRest; status: number; text: string }> {
		const { email, password } = N8nRest.OWNER;
		let res = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(N8nRest.OWNER),
		});
		if (!res.ok) {
			res = await fetch(`${url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: email, password }),
			});
		}
		const cookie = (res.headers.getSetCookie?.() ?? [])
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('n8n-auth='));
		if (!res.ok || !cookie) return { status: res.status, text: await res.text() };
		return { rest: new N8nRest(url, cookie), status: res.status, text: '' };
	}

	/** `data` of n8n's `{ data }` answer; throws on a non-2xx status. */
	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /rest${path}: ${res.status} ${text}`);
		return (text ? (JSON.parse(text) as { data: T }).data : undefined) as T;
	}

	/** GET with the status: `data` of a 2xx answer (no throw on an error status). */
	async get<T = unknown>(path: string): Promise<{ status: number; data?: T }> {
		const res = await fetch(`${this.url}/rest${path}`, { headers: { cookie: this.cookie } });
		const text = await res.text();
		return { status: res.status, data: res.ok && text ? (JSON.parse(text) as { data: T }).data : undefined };
	}

	/** Executions of a workflow, newest first (up to 100). */
	async executions(workflowId: string) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: Array<{ id: string; workflowId: string; mode: string; status: string; startedAt: string | null; stoppedAt: string | null }> }>(
			'GET',
			`/executions?filter=${filter}&limit=100`,
		);
		return page.results;
	}
}
