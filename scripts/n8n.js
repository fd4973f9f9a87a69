#!/usr/bin/env node
/**
 * Runs one n8n command the way this project runs n8n (`npm start`, the end-to-end tests, the
 * benchmarks), on either supported version:
 *
 *   node scripts/n8n.js <n8n arguments…>          e.g. node scripts/n8n.js start
 *
 * - Which n8n: BILL_N8N = oldest | newest (default newest), as chosen in scripts/n8n-versions/;
 *   installed on first use by scripts/n8n-install.sh (or given as BILL_N8N_BIN + BILL_N8N_NODE).
 * - Which Node: that version's (engines.node there), first on PATH for n8n and its task runner.
 * - What that version expects ("n8nSettings" there), so that it prints no deprecation warning:
 *   the webhook base URL (BILL_N8N_WEBHOOK_URL) under the variable name it reads (WEBHOOK_URL or
 *   N8N_WEBHOOK_URL), explicit values for settings whose defaults are about to change, and the
 *   JavaScript task runner in external mode: n8n's task broker listens on N8N_RUNNERS_BROKER_PORT
 *   (a free port unless given: the default 5679 clashes with any other n8n on the machine) and this
 *   script starts @n8n/task-runner beside it (as n8n's launcher does), restarting it if it exits.
 * - The local defaults below (no telemetry, 127.0.0.1, …) unless the caller set them.
 * - Signals: SIGTERM and SIGHUP are passed on to n8n once (it shuts down gracefully); SIGINT from a
 *   terminal reaches n8n directly. The runner is stopped after n8n; the exit code is n8n's.
 *   n8n's output goes to stdout/stderr unchanged; the runner's goes to stderr.
 */
'use strict';
const { spawn, spawnSync } = require('child_process');
const { randomBytes, randomInt } = require('crypto');
const { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const RUNNER_COMMANDS = new Set(['start', 'worker', 'webhook', 'execute', 'execute-batch']);

/** Settings the project always runs n8n with (the caller's environment wins). */
const LOCAL_DEFAULTS = {
	NODE_ENV: 'production',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_SECURE_COOKIE: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_LOG_LEVEL: 'info',
};

/** scripts/n8n-versions/<name>/package.json: version, Node and settings of a supported n8n. */
function runtime(name = process.env.BILL_N8N || 'newest') {
	const file = path.join(ROOT, 'scripts/n8n-versions', name, 'package.json');
	if (!existsSync(file)) throw new Error(`BILL_N8N=${name}: choose oldest or newest (scripts/n8n-versions/)`);
	const pkg = JSON.parse(readFileSync(file, 'utf8'));
	return { name, version: pkg.dependencies.n8n, node: pkg.engines.node, settings: pkg.n8nSettings };
}

/** The installed n8n (scripts/n8n-install.sh, cached): { node, bin }. */
function installed(name) {
	if (process.env.BILL_N8N_BIN && process.env.BILL_N8N_NODE) {
		return { node: process.env.BILL_N8N_NODE, bin: process.env.BILL_N8N_BIN };
	}
	const result = spawnSync('bash', [path.join(ROOT, 'scripts/n8n-install.sh'), name], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	// what the install printed, unless it only said that the cache was there
	if (result.status !== 0 || !/\(cached\)\s*$/.test(result.stderr)) process.stderr.write(result.stderr);
	if (result.status !== 0) throw new Error(`scripts/n8n-install.sh ${name} failed (exit ${result.status})`);
	const [, , node, bin] = result.stdout.trim().split('\n').pop().split('\t');
	return { node, bin };
}

/**
 * Ports handed out for a process that binds them later (n8n takes seconds to listen). Asking the
 * OS for port 0 and closing it is racy when several test processes run at once: the OS may hand
 * the same port to another process before n8n binds it, and then one n8n fails (EADDRINUSE) or a
 * test talks to another process's n8n. So ports come from a range below the OS's ephemeral range
 * (Linux: 32768–60999, used for port 0 and outgoing connections), each claimed by creating a marker
 * file exclusively in a folder all test processes share; a claim expires after PORT_HOLD_MS, long
 * after the process that asked has bound the port (or given up).
 */
const PORT_RANGE = { from: 20000, to: 32000 };
const PORT_HOLD_MS = 10 * 60_000;
const PORT_DIR = path.join(os.tmpdir(), 'n8n-nodes-bill-ports');

/** Claims a port's marker: created here, or taken over once stale (a rename lets one process win). */
function claimPort(port) {
	const mark = path.join(PORT_DIR, String(port));
	try {
		closeSync(openSync(mark, 'wx'));
		return true;
	} catch {
		try {
			if (Date.now() - statSync(mark).mtimeMs < PORT_HOLD_MS) return false;
			renameSync(mark, `${mark}.${process.pid}.stale`);
			rmSync(`${mark}.${process.pid}.stale`, { force: true });
			closeSync(openSync(mark, 'wx'));
			return true;
		} catch {
			return false;
		}
	}
}

async function canListen(port) {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** A port on 127.0.0.1 that is free now and that no other test process is handed for PORT_HOLD_MS. */
async function freePort() {
	mkdirSync(PORT_DIR, { recursive: true });
	const span = PORT_RANGE.to - PORT_RANGE.from;
	const first = randomInt(span);
	for (let n = 0; n < span; n++) {
		const port = PORT_RANGE.from + ((first + n) % span);
		if (claimPort(port) && (await canListen(port))) return port;
	}
	throw new Error(`no free port in ${PORT_RANGE.from}–${PORT_RANGE.to}`);
}

/** The environment n8n gets: caller's, local defaults, and what this version expects. */
async function n8nEnvironment(rt, node, base = process.env) {
	const env = { ...LOCAL_DEFAULTS, ...base };
	// settings of another version must not leak in (e.g. WEBHOOK_URL into the newest n8n)
	delete env.WEBHOOK_URL;
	delete env.N8N_WEBHOOK_URL;
	delete env.N8N_RUNNERS_ENABLED;
	if (base.BILL_N8N_WEBHOOK_URL) env[rt.settings.webhookUrlVariable] = base.BILL_N8N_WEBHOOK_URL;
	Object.assign(env, rt.settings.env);
	env.PATH = `${path.dirname(node)}${path.delimiter}${base.PATH ?? ''}`;
	env.N8N_RUNNERS_BROKER_PORT = base.N8N_RUNNERS_BROKER_PORT || String(await freePort());
	if (rt.settings.taskRunners === 'external') {
		env.N8N_RUNNERS_MODE = 'external';
		env.N8N_RUNNERS_AUTH_TOKEN = base.N8N_RUNNERS_AUTH_TOKEN || randomBytes(24).toString('hex');
	}
	return env;
}

/** POST /runners/auth on the broker: a one-time grant token, or undefined when it does not answer. */
async function grantToken(port, authToken) {
	return await new Promise((resolve) => {
		const body = JSON.stringify({ token: authToken });
		const req = http.request(
			{ host: '127.0.0.1', port, path: '/runners/auth', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				let text = '';
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => {
					try {
						resolve(res.statusCode === 200 ? JSON.parse(text).data.token : undefined);
					} catch {
						resolve(undefined);
					}
				});
			},
		);
		req.on('error', () => resolve(undefined));
		req.end(body);
	});
}

/**
 * Runner output to stderr, line by line, without the line it prints when n8n (and so its broker)
 * has exited, which is every time an `n8n execute` ends.
 */
function forwardLines(stream) {
	let rest = '';
	stream.on('data', (chunk) => {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop();
		for (const line of lines) {
			if (!/^Connection to task broker closed unexpectedly/.test(line)) process.stderr.write(`${line}\n`);
		}
	});
	stream.on('end', () => rest && process.stderr.write(`${rest}\n`));
}

/**
 * The JavaScript task runner in external mode, as n8n's launcher runs it: waits for the broker,
 * fetches a grant token and starts @n8n/task-runner; again if the runner exits while n8n runs.
 */
function superviseRunner(node, bin, env, isStopping) {
	const start = require.resolve('@n8n/task-runner/start', { paths: [path.dirname(bin)] });
	const port = env.N8N_RUNNERS_BROKER_PORT;
	const flags = env.N8N_RUNNERS_INSECURE_MODE === 'true' ? [] : ['--disallow-code-generation-from-strings', '--disable-proto=delete'];
	const pass = ['PATH', 'HOME', 'NODE_PATH', 'GENERIC_TIMEZONE', 'NODE_FUNCTION_ALLOW_BUILTIN', 'NODE_FUNCTION_ALLOW_EXTERNAL', 'N8N_RUNNERS_MAX_PAYLOAD', 'N8N_RUNNERS_MAX_CONCURRENCY', 'N8N_RUNNERS_TASK_TIMEOUT', 'N8N_RUNNERS_HEARTBEAT_INTERVAL', 'N8N_RUNNERS_INSECURE_MODE', 'NODE_COMPILE_CACHE'];
	let child;
	const loop = (async () => {
		while (!isStopping()) {
			const token = await grantToken(port, env.N8N_RUNNERS_AUTH_TOKEN);
			if (!token) {
				// the broker is not listening yet (n8n is starting): ask again shortly
				await new Promise((r) => setTimeout(r, 250));
				continue;
			}
			if (isStopping()) return;
			const runnerEnv = Object.fromEntries(pass.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
			Object.assign(runnerEnv, { N8N_RUNNERS_GRANT_TOKEN: token, N8N_RUNNERS_TASK_BROKER_URI: `http://127.0.0.1:${port}` });
			child = spawn(node, [...flags, start], { env: runnerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
			forwardLines(child.stdout);
			forwardLines(child.stderr);
			await new Promise((r) => child.on('exit', r));
			child = undefined;
		}
	})();
	return {
		async stop() {
			if (child && child.exitCode === null) child.kill('SIGTERM');
			await loop;
		},
	};
}

async function main() {
	const args = process.argv.slice(2);
	const rt = runtime();
	const { node, bin } = installed(rt.name);
	const env = await n8nEnvironment(rt, node);
	let stopping = false;
	let signalled;
	const n8n = spawn(node, [bin, ...args], { env, stdio: 'inherit' });
	const runner = rt.settings.taskRunners === 'external' && RUNNER_COMMANDS.has(args[0]) ? superviseRunner(node, bin, env, () => stopping) : undefined;
	const pass = (signal) => {
		stopping = true;
		if (signalled) return;
		signalled = signal;
		if (n8n.exitCode === null) n8n.kill(signal);
	};
	process.on('SIGTERM', () => pass('SIGTERM'));
	process.on('SIGHUP', () => pass('SIGHUP'));
	process.on('SIGINT', () => {
		// a terminal sends SIGINT to n8n as well (same process group): do not send a second one
		stopping = true;
		signalled ??= 'SIGINT';
	});
	const [code, signal] = await new Promise((resolve) => n8n.on('exit', (c, s) => resolve([c, s])));
	stopping = true;
	await runner?.stop();
	if (signal) {
		process.removeAllListeners(signal);
		process.kill(process.pid, signal);
	}
	process.exit(code ?? 1);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`[n8n.js] ${error.stack ?? error}\n`);
		process.exit(1);
	});
}

module.exports = { runtime, installed, n8nEnvironment, freePort, LOCAL_DEFAULTS };
