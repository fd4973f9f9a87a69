/**
 * Editor timing (`npm run editor-timing`, not part of the tests or the package): in ONE Chromium
 * session against a real n8n (BILL_N8N; results of 2.8.4 in docs/editor-timing.md, of others with their version in the name) with the package loaded from dist/, how long the node panel
 * takes to show its first parameter field after a double-click on the canvas, for
 *   - BILL → Bill → Create (a saved node with vendor, due date, invoice and one line),
 *   - n8n's HTTP Request node (a saved GET with a URL),
 *   - n8n's Notion node (Database Page → Create, the closest to Bill → Create),
 * all three on one canvas, opened in turns (one warm-up round, then REPS rounds, the order rotated
 * each round), the panel closed between opens. Also recorded per open: when the panel stopped
 * changing (no DOM change for QUIET_MS), the main thread's long tasks up to then, and the editor's
 * load-options requests. Sizes: the BILL node's description and each node's share of the node
 * types file the editor downloads (/types/nodes.json).
 *
 * Writes docs/editor-timing.md (table) and bench/results/editor-timing.json (every sample); with
 * N8N_E2E_VERSION (e.g. 2.41.3, run under Node 24) docs/editor-timing-<version>.md and its JSON.
 * Environment: EDITOR_TIMING_REPS (default 7), EDITOR_TIMING_PROFILE=1 also records a JS CPU
 * profile of one open of each node (bench/results/editor-profile-<node>.cpuprofile, top functions
 * printed), EDITOR_TIMING_BEFORE=<a built package's dist/> also times that build's BILL node (e.g.
 * main's, before a change) in the same session, loaded as a node "BILL (before)" (type billBefore),
 * BILL_DIST (the package to time, default dist/), EDITOR_TIMING_OUT, CHROMIUM_PATH.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join, relative } from 'path';
import { get as httpGet } from 'http';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, inflateSync } from 'zlib';

import type { CDPSession, Page } from 'playwright-core';

import { N8N_VERSION, ROOT, type E2EWorkflow } from '../test/e2e/n8n';
import { billCreateNode, canvasNode, DIST, keepFailure, openSession } from './browser-support';
import { writeBeforePackage } from './lib/before-package';

const REPS = Number(process.env.EDITOR_TIMING_REPS ?? 7);
const PROFILE = process.env.EDITOR_TIMING_PROFILE === '1';
const QUIET_MS = 500;
const WORKFLOW_ID = 'editortiming0001';
/** EDITOR_TIMING_OUT: write the results elsewhere (e.g. when timing a variant build with BILL_DIST). */
const RESULTS = process.env.EDITOR_TIMING_OUT ?? join(ROOT, 'bench', 'results');
/** Results of another n8n than the e2e default (N8N_E2E_VERSION=2.41.3) are named after it. */
const SUFFIX = N8N_VERSION === '2.8.4' ? '' : `-${N8N_VERSION}`;
const DOC = process.env.EDITOR_TIMING_OUT ? join(RESULTS, `editor-timing${SUFFIX}.md`) : join(ROOT, 'docs', `editor-timing${SUFFIX}.md`);
const JSON_FILE = join(RESULTS, `editor-timing${SUFFIX}.json`);

const BEFORE = process.env.EDITOR_TIMING_BEFORE;
/** With BEFORE, the folder n8n loads: a copy of this build with BEFORE's BILL node beside it under another name. */
const BEFORE_PACKAGE = join(ROOT, '.cache', 'editor-timing-before');

/** The nodes measured: canvas name, node type names in /types/nodes.json (tool copies counted too). */
interface Subject {
	name: string;
	label: string;
	types: (bill: string) => string[];
}
const SUBJECTS: Subject[] = [
	{ name: 'BILL', label: 'BILL → Bill → Create', types: (bill) => [bill, `${bill}Tool`] },
	...(BEFORE ? [{ name: 'BILL (before)', label: 'BILL (before) → Bill → Create', types: (bill: string) => [`${bill}Before`, `${bill}BeforeTool`] }] : []),
	{ name: 'HTTP Request', label: 'HTTP Request (GET with URL)', types: () => ['n8n-nodes-base.httpRequest', 'n8n-nodes-base.httpRequestTool'] },
	{ name: 'Notion', label: 'Notion → Database Page → Create', types: () => ['n8n-nodes-base.notion', 'n8n-nodes-base.notionTool'] },
];
type SubjectName = string;

function log(message: string) {
	process.stdout.write(`[editor-timing] ${message}\n`);
}

function workflow(billType: string): E2EWorkflow {
	const billNode = billCreateNode(billType, [300, 0]);
	return {
		id: WORKFLOW_ID,
		name: 'Editor timing: BILL, HTTP Request, Notion',
		nodes: [
			{ name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 200] },
			billNode,
			...(BEFORE ? [{ ...billNode, name: 'BILL (before)', type: `${billType}Before`, position: [600, 0] as [number, number] }] : []),
			{
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.4,
				position: [300, 200],
				parameters: { url: 'https://example.com/api/items', options: {} },
			},
			{
				name: 'Notion',
				type: 'n8n-nodes-base.notion',
				typeVersion: 2.2,
				position: [300, 400],
				parameters: {
					resource: 'databasePage',
					operation: 'create',
					databaseId: { __rl: true, mode: 'id', value: 'd9824bdc84454327be8b5b47500af6ce' },
					title: 'A page',
				},
			},
		],
		connections: {},
	};
}

/**
 * Runs in the page (a string: this project compiles without DOM types). `arm()` waits for the next
 * double-click; the clock starts at the dblclick event's time stamp. `firstFieldDom`: the first
 * parameter input of the panel is in the DOM with a size; `firstField`: two animation frames later
 * (the frame that shows it has been painted); `settled`: last DOM change before QUIET_MS of calm.
 */
const PAGE_TIMER = `
(() => {
	const FIELD = '[data-test-id="ndv"] [data-test-id^="parameter-input-"]';
	const longTasks = [];
	try {
		new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration }); })
			.observe({ type: 'longtask', buffered: false });
	} catch (e) { /* no long task timing */ }
	const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight; };
	window.__ndvTimer = {
		arm(quietMs) {
			window.__ndvTimer.result = new Promise((resolve) => {
				let t0 = null, dom = null, painted = null, last = null, fields = 0;
				document.addEventListener('dblclick', (ev) => { t0 = ev.timeStamp; last = performance.now(); }, { capture: true, once: true });
				const observer = new MutationObserver(() => {
					if (t0 === null) return;
					last = performance.now();
					if (dom === null) {
						const el = Array.from(document.querySelectorAll(FIELD)).find(shown);
						if (el) {
							dom = last;
							requestAnimationFrame(() => requestAnimationFrame(() => { painted = performance.now(); }));
						}
					}
				});
				observer.observe(document.body, { childList: true, subtree: true, characterData: true });
				const started = performance.now();
				const poll = setInterval(() => {
					const now = performance.now();
					const done = painted !== null && now - last > quietMs;
					if (!done && now - started < 30000) return;
					clearInterval(poll);
					observer.disconnect();
					fields = document.querySelectorAll('[data-test-id="ndv"] [data-test-id="parameter-item"]').length;
					const blocking = longTasks.filter((t) => t0 !== null && t.start >= t0 - 1 && t.start <= last);
					resolve({
						ok: painted !== null,
						firstFieldDom: dom === null ? null : dom - t0,
						firstField: painted === null ? null : painted - t0,
						settled: last === null || t0 === null ? null : last - t0,
						longTaskMs: blocking.reduce((s, t) => s + t.duration, 0),
						longestTaskMs: blocking.reduce((m, t) => Math.max(m, t.duration), 0),
						parameterItems: fields,
					});
					longTasks.length = 0;
				}, 50);
			});
			return true;
		},
	};
})();
`;

interface Sample {
	node: SubjectName;
	round: number;
	ok: boolean;
	firstFieldDom: number | null;
	firstField: number | null;
	settled: number | null;
	longTaskMs: number;
	longestTaskMs: number;
	parameterItems: number;
	loadOptionsRequests: number;
	/** CPU time of the page's main thread from before the double-click to "settled" (Chrome's ThreadTime), ms. */
	cpuMs: number;
	/** Of which running JavaScript / layout / style (Chrome's ScriptDuration, LayoutDuration, RecalcStyleDuration), ms. */
	scriptMs: number;
	layoutMs: number;
	styleMs: number;
}

let loadOptionsRequests = 0;

async function closePanel(page: Page) {
	const back = page.locator('[data-test-id="back-to-canvas"], [data-test-id="ndv-close-button"]').first();
	if (await back.isVisible().catch(() => false)) await back.click();
	else await page.keyboard.press('Escape');
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'hidden', timeout: 15_000 });
	await page.waitForTimeout(600);
}

/** Chrome's performance counters of the page (seconds for durations; CPU time, not wall time). */
async function metrics(cdp: CDPSession) {
	const { metrics: list } = await cdp.send('Performance.getMetrics');
	return Object.fromEntries(list.map((m) => [m.name, m.value])) as Record<string, number>;
}

async function openOnce(page: Page, cdp: CDPSession, node: SubjectName, round: number): Promise<Sample> {
	await page.evaluate(`window.__ndvTimer.arm(${QUIET_MS})`);
	loadOptionsRequests = 0;
	const before = await metrics(cdp);
	await canvasNode(page, node).dblclick();
	const result = (await page.evaluate('window.__ndvTimer.result')) as Omit<Sample, 'node' | 'round' | 'loadOptionsRequests' | 'cpuMs' | 'scriptMs' | 'layoutMs' | 'styleMs'>;
	const after = await metrics(cdp);
	const delta = (name: string) => Math.round((after[name] - before[name]) * 1000);
	const sample = {
		node,
		round,
		...result,
		loadOptionsRequests,
		cpuMs: delta('ThreadTime'),
		scriptMs: delta('ScriptDuration'),
		layoutMs: delta('LayoutDuration'),
		styleMs: delta('RecalcStyleDuration'),
	};
	await closePanel(page);
	return sample;
}

// ------------------------------------------------------------------ statistics and sizes

function median(values: number[]) {
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function stats(values: number[]) {
	return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

interface Sizes {
	billDescriptionBytes: number;
	billTopLevelParameters: number;
	/** /types/nodes.json: decoded size, size on the wire (its encoding), node types. */
	nodesJson: { bytes: number; transferredBytes: number; encoding: string; entries: number };
	/** Per node: its entries (node and AI-tool copy, every version) and their size, alone and brotli-compressed. */
	byNode: Record<SubjectName, { types: string[]; bytes: number; brotliBytes: number; topLevelParameters: number }>;
}

/** /types/nodes.json as a browser gets it (the page's cookies, Chrome's Accept-Encoding): raw bytes and encoding. */
async function download(page: Page, url: string): Promise<{ raw: Buffer; encoding: string }> {
	const cookie = (await page.context().cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ');
	return await new Promise((resolve, reject) => {
		httpGet(url, { headers: { cookie, 'accept-encoding': 'gzip, deflate, br, zstd' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ raw: Buffer.concat(chunks), encoding: String(res.headers['content-encoding'] ?? 'identity') }));
			res.on('error', reject);
		}).on('error', reject);
	});
}

function decode(raw: Buffer, encoding: string): Buffer {
	if (encoding === 'br') return brotliDecompressSync(raw);
	if (encoding === 'gzip') return gunzipSync(raw);
	if (encoding === 'deflate') return inflateSync(raw);
	return raw;
}

/** Sizes of the BILL description and of /types/nodes.json (the file the editor loads every node type from). */
async function measureSizes(page: Page, url: string, billType: string): Promise<Sizes> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Bill } = require(join(DIST, 'nodes', 'Bill', 'Bill.node.js')) as { Bill: new () => { description: { properties: unknown[] } } };
	const description = new Bill().description;
	const { raw, encoding } = await download(page, `${url}/types/nodes.json`);
	const body = decode(raw, encoding);
	const all = JSON.parse(body.toString('utf8')) as Array<{ name: string; properties: unknown[] }>;
	const byNode = {} as Sizes['byNode'];
	for (const subject of SUBJECTS) {
		const types = subject.types(billType);
		const entries = all.filter((n) => types.includes(n.name));
		const json = entries.map((e) => JSON.stringify(e)).join(',');
		byNode[subject.name] = {
			types: entries.map((e) => e.name),
			bytes: Buffer.byteLength(json),
			brotliBytes: brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length,
			topLevelParameters: Math.max(...entries.filter((e) => e.name === types[0]).map((e) => e.properties.length)),
		};
	}
	return {
		billDescriptionBytes: Buffer.byteLength(JSON.stringify(description)),
		billTopLevelParameters: description.properties.length,
		nodesJson: { bytes: body.length, transferredBytes: raw.length, encoding, entries: all.length },
		byNode,
	};
}

// ------------------------------------------------------------------ CPU profile (optional)

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

/** Self time per function (ms), the top `count`, from a CDP CPU profile. */
function topFunctions(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, count = 25) {
	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const byFunction = new Map<string, number>();
	for (const node of profile.nodes) {
		const file = node.callFrame.url.split('/').pop() ?? '';
		const key = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
		byFunction.set(key, (byFunction.get(key) ?? 0) + (selfUs.get(node.id) ?? 0) / 1000);
	}
	const total = [...byFunction.values()].reduce((s, v) => s + v, 0);
	return {
		totalMs: total,
		top: [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([fn, ms]) => ({ fn, ms: Math.round(ms) })),
	};
}

async function profileOpen(page: Page, cdp: CDPSession, node: SubjectName) {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	const sample = await openOnce(page, cdp, node, -1);
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
	const file = join(RESULTS, `editor-profile-${node.replace(/\s+/g, '-').toLowerCase()}.cpuprofile`);
	writeFileSync(file, JSON.stringify(profile));
	const top = topFunctions(profile);
	log(`CPU profile of one ${node} open (first field ${sample.firstField?.toFixed(0)} ms, settled ${sample.settled?.toFixed(0)} ms): ${top.totalMs.toFixed(0)} ms sampled, ${file}`);
	for (const { fn, ms } of top.top) process.stdout.write(`    ${String(ms).padStart(6)} ms  ${fn}\n`);
	return { node, sample, file: relative(ROOT, file), ...top };
}

// ------------------------------------------------------------------ report

function table(samples: Sample[], sizes: Sizes, meta: Record<string, string>) {
	const of = (node: SubjectName, round: (r: number) => boolean) => samples.filter((s) => s.node === node && s.ok && round(s.round));
	const measured = (node: SubjectName) => of(node, (r) => r > 0);
	const notion = stats(measured('Notion').map((s) => s.firstField!));
	const notionCpu = stats(measured('Notion').map((s) => s.cpuMs));
	const fmt = (v: number) => v.toFixed(0);
	const lines = [
		'| Node | First field visible: median (min–max), ms | × Notion | Panel settled: median (min–max), ms | Main-thread CPU per open: median (min–max), ms | × Notion | of which script / layout / style (median), ms | First open (warm-up): first field / settled, ms | Fields shown | Load-options requests per open |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	for (const subject of SUBJECTS) {
		const m = measured(subject.name);
		const first = stats(m.map((s) => s.firstField!));
		const settled = stats(m.map((s) => s.settled!));
		const cpu = stats(m.map((s) => s.cpuMs));
		const warm = of(subject.name, (r) => r === 0)[0];
		const parts = `${fmt(median(m.map((s) => s.scriptMs)))} / ${fmt(median(m.map((s) => s.layoutMs)))} / ${fmt(median(m.map((s) => s.styleMs)))}`;
		lines.push(
			`| ${subject.label} | ${fmt(first.median)} (${fmt(first.min)}–${fmt(first.max)}) | ${(first.median / notion.median).toFixed(2)}× | ${fmt(settled.median)} (${fmt(settled.min)}–${fmt(settled.max)}) | ${fmt(cpu.median)} (${fmt(cpu.min)}–${fmt(cpu.max)}) | ${(cpu.median / notionCpu.median).toFixed(2)}× | ${parts} | ${warm ? `${fmt(warm.firstField ?? NaN)} / ${fmt(warm.settled ?? NaN)}` : '—'} | ${m[0]?.parameterItems ?? '—'} | ${median(m.map((s) => s.loadOptionsRequests))} |`,
		);
	}
	const sizeLines = [
		'| Node | Top-level parameters | Its entries in /types/nodes.json (node + AI-tool copy, every version) | Same, brotli-compressed alone (≈ its share on the wire) |',
		'| --- | --- | --- | --- |',
		...SUBJECTS.map((s) => `| ${s.name} | ${sizes.byNode[s.name].topLevelParameters} | ${kb(sizes.byNode[s.name].bytes)} (${[...new Set(sizes.byNode[s.name].types)].join(', ')}) | ${kb(sizes.byNode[s.name].brotliBytes)} |`),
	];
	return [
		'# Editor timing',
		'',
		'`npm run editor-timing` (scripts/editor-timing.ts), latest run. One Chromium session against a real n8n with the package',
		'loaded from dist/; the nodes below on one canvas, each opened by a double-click and closed again, in turns',
		`(${REPS} measured rounds after one warm-up round, the order rotated each round).`,
		'',
		'- **First field visible**: from the dblclick event to two animation frames after the panel\'s first parameter input',
		'  is in the DOM with a size (the frame that shows it has been painted).',
		`- **Panel settled**: the last DOM change of the opening before ${QUIET_MS} ms without any.`,
		'- **Main-thread CPU**: CPU time of the page\'s main thread from just before the double-click to "settled" (Chrome\'s',
		'  ThreadTime counter): the work the opening costs, much less affected than wall time by other programs on the machine.',
		'',
		...lines,
		'',
		`BILL → Create ÷ Notion (median first field): **${(stats(measured('BILL').map((s) => s.firstField!)).median / notion.median).toFixed(2)}×** (target ≤ 1.5×).`,
		'',
		'## Sizes',
		'',
		`- BILL node description (JSON): ${kb(sizes.billDescriptionBytes)}, ${sizes.billTopLevelParameters} top-level parameters.`,
		`- /types/nodes.json (every node type; the editor downloads it on every load): ${kb(sizes.nodesJson.bytes)} (${sizes.nodesJson.entries} node types), ${kb(sizes.nodesJson.transferredBytes)} on the wire (${sizes.nodesJson.encoding}).`,
		'',
		...sizeLines,
		'',
		...Object.entries(meta).map(([k, v]) => `- ${k}: ${v}`),
		'',
	].join('\n');
}

async function main() {
	if (BEFORE) writeBeforePackage(DIST, BEFORE, BEFORE_PACKAGE);
	const session = await openSession((billType) => [workflow(billType)], { keep: process.env.BROWSER_CHECK_KEEP === '1', custom: BEFORE ? BEFORE_PACKAGE : undefined });
	const { page, server } = session;
	const samples: Sample[] = [];
	const profiles: unknown[] = [];
	try {
		log(`n8n at ${server.url}, user folder ${session.n8n.userFolder}`);
		page.on('request', (req) => {
			if (req.url().includes('/rest/dynamic-node-parameters/')) loadOptionsRequests++;
		});
		await page.addInitScript({ content: PAGE_TIMER });
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
		await page.goto(`${server.url}/workflow/${WORKFLOW_ID}`);
		for (const s of SUBJECTS) await canvasNode(page, s.name).waitFor({ timeout: 60_000 });
		await page.waitForTimeout(2000);
		const sizes = await measureSizes(page, server.url, session.n8n.nodeType('bill'));
		log(`sizes: ${JSON.stringify(sizes)}`);

		for (let round = 0; round <= REPS; round++) {
			const order = SUBJECTS.map((_, i) => SUBJECTS[(i + round) % SUBJECTS.length].name);
			for (const node of order) {
				const sample = await openOnce(page, cdp, node, round);
				samples.push(sample);
				log(`round ${round} ${node}: first field ${sample.firstField?.toFixed(0)} ms (in DOM ${sample.firstFieldDom?.toFixed(0)}), settled ${sample.settled?.toFixed(0)} ms, long tasks ${sample.longTaskMs.toFixed(0)} ms, CPU ${sample.cpuMs} ms (script ${sample.scriptMs}, layout ${sample.layoutMs}, style ${sample.styleMs}), ${sample.parameterItems} fields, ${sample.loadOptionsRequests} load-options requests`);
				if (!sample.ok) throw new Error(`${node}: no parameter field appeared within 30 s`);
			}
		}
		mkdirSync(RESULTS, { recursive: true });
		if (PROFILE) {
			for (const s of SUBJECTS) profiles.push(await profileOpen(page, cdp, s.name));
		}

		const meta = {
			...(BEFORE ? { 'BILL (before)': `the BILL node built in ${relative(ROOT, BEFORE) || BEFORE}, loaded beside this build's under the type name billBefore` } : {}),
			Machine: `${cpus().length} cores (${cpus()[0]?.model?.trim()}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`,
			'n8n / browser': `n8n ${N8N_VERSION}, Chromium ${session.browser.version()} (headless), Node ${process.version}`,
			Date: new Date().toISOString(),
		};
		writeFileSync(JSON_FILE, `${JSON.stringify({ meta, sizes, samples, profiles }, null, 2)}\n`);
		const md = table(samples, sizes, meta);
		writeFileSync(DOC, md);
		process.stdout.write(`\n${md}\n`);
		log(`written ${relative(ROOT, DOC)} and ${relative(ROOT, JSON_FILE)}`);
	} catch (error) {
		await keepFailure(page, 'editor-timing', log);
		throw error;
	} finally {
		await session.close();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
