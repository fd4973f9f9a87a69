/**
 * Jest reporter of the end-to-end suite: at the end of the run, where each test file's time went —
 * its n8n boots (every CLI command, `n8n start` until ready, each queue worker until /healthz
 * answers) and their seconds, the rest of the file's time (tests, waits) and the file's own time.
 * The harness (test/e2e/n8n.ts, `timed`) appends one line per boot to BILL_E2E_TIMES; this reporter
 * points it to a file of its own unless it is set (then that file keeps the lines).
 */
'use strict';
const { existsSync, readFileSync, rmSync, statSync } = require('fs');
const { tmpdir } = require('os');
const { join, relative } = require('path');

class E2eSummaryReporter {
	constructor(globalConfig) {
		this.rootDir = globalConfig.rootDir;
		this.files = new Map();
		this.started = Date.now();
		if (process.env.BILL_E2E_TIMES) {
			this.file = process.env.BILL_E2E_TIMES;
			this.from = existsSync(this.file) ? statSync(this.file).size : 0;
		} else {
			// set before jest starts its workers, which inherit it
			this.file = join(tmpdir(), `n8n-e2e-times-${process.pid}-${Date.now()}.tsv`);
			this.own = true;
			this.from = 0;
			process.env.BILL_E2E_TIMES = this.file;
		}
	}

	onTestResult(_test, result) {
		const { start, end } = result.perfStats;
		this.files.set(relative(this.rootDir, result.testFilePath), { ms: end - start, tests: result.numPassingTests + result.numFailingTests });
	}

	onRunComplete() {
		const boots = new Map();
		const versions = new Set();
		const text = existsSync(this.file) ? readFileSync(this.file).subarray(this.from).toString('utf8') : '';
		if (this.own) rmSync(this.file, { force: true });
		for (const line of text.split('\n')) {
			const [ms, version, , what, file = ''] = line.split('\t');
			// a start counts once, until ready ('start ready'); the database template is its CLI command
			if (!what || what === 'start healthz' || what === 'database template') continue;
			versions.add(version);
			const entry = boots.get(file) ?? { count: 0, ms: 0, kinds: new Map() };
			entry.count++;
			entry.ms += Number(ms);
			const kind = what.replace(/^cli /, '').replace(/ (healthz|ready)$/, '');
			entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + 1);
			boots.set(file, entry);
		}
		const s = (ms) => `${(ms / 1000).toFixed(1)}s`;
		const rows = [...new Set([...this.files.keys(), ...boots.keys()])].filter(Boolean).sort((a, b) => (this.files.get(b)?.ms ?? 0) - (this.files.get(a)?.ms ?? 0));
		const width = Math.max(...rows.map((r) => r.length), 5);
		const out = [
			`\nend-to-end time by file, n8n ${[...versions].join(', ') || '?'} — boots: n8n processes started (CLI commands, starts, queue workers); booting: their time until done or ready, summed (boots side by side each count); other: the rest of the file's time`,
		];
		out.push(`${'file'.padEnd(width)}  tests  boots  booting    other     file`);
		const total = { tests: 0, count: 0, ms: 0, file: 0 };
		for (const row of rows) {
			const file = this.files.get(row) ?? { ms: 0, tests: 0 };
			const boot = boots.get(row) ?? { count: 0, ms: 0 };
			total.tests += file.tests;
			total.count += boot.count;
			total.ms += boot.ms;
			total.file += file.ms;
			out.push(`${row.padEnd(width)}  ${String(file.tests).padStart(5)}  ${String(boot.count).padStart(5)}  ${s(boot.ms).padStart(7)}  ${s(Math.max(0, file.ms - boot.ms)).padStart(7)}  ${s(file.ms).padStart(7)}`);
		}
		out.push(`${'all files'.padEnd(width)}  ${String(total.tests).padStart(5)}  ${String(total.count).padStart(5)}  ${s(total.ms).padStart(7)}  ${s(Math.max(0, total.file - total.ms)).padStart(7)}  ${s(total.file).padStart(7)}  (wall ${s(Date.now() - this.started)})`);
		const kinds = new Map();
		for (const entry of boots.values()) for (const [kind, n] of entry.kinds) kinds.set(kind, (kinds.get(kind) ?? 0) + n);
		out.push(`boots by command: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${kind}`).join(', ')}`);
		process.stderr.write(`${out.join('\n')}\n`);
	}
}

module.exports = E2eSummaryReporter;
