/**
 * Browser check (`npm run browser-check`, not part of the tests): a real n8n 2.8.4 with the built
 * package loaded from dist/ (custom extensions folder) and the emulator, driven in Debian's
 * Chromium by playwright-core, the way a person would:
 *   1. create the owner account through n8n's /setup form;
 *   2. open a workflow with the BILL node (CUSTOM.bill) and check that the node's icon loads with a
 *      non-zero size, on the canvas and in the node's panel;
 *   3. open the node and check the Resource list (Bill, Vendor, Payment, Budget, …) and the
 *      Operation list of Bill (Create, Create Many, Get, Get Many, Update, Replace, Archive, Restore);
 *   4. keep docs/screenshots/bill-node.png (the node's panel, for the README),
 *      docs/screenshots/bill-operations.png (the panel with Bill's Operation list open) and
 *      docs/screenshots/workflow.png (the canvas).
 * Exits 1 when a check fails. Needs `npm run build`, `apt-get install chromium` and playwright-core.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), BROWSER_CHECK_KEEP=1 keeps n8n's folder.
 */
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { Browser, Locator, Page } from 'playwright-core';

import { BillEmulator } from '../test/emulator/server';
import { N8n, ROOT, type N8nProcess } from '../test/e2e/n8n';
import { CRED_IDS, credentialsFor } from '../test/support/bill';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'docs', 'screenshots');
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Browser-check-1' };
const WORKFLOW_ID = 'browsercheck0001';

const EXPECTED_RESOURCES = ['Bill', 'Vendor', 'Payment', 'Budget', 'Customer', 'Invoice'];
const EXPECTED_BILL_OPERATIONS = ['Create', 'Create Many', 'Get', 'Get Many', 'Update', 'Replace', 'Archive', 'Restore'];

interface Check {
	name: string;
	ok: boolean;
	detail: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean, detail = '') {
	checks.push({ name, ok, detail });
	process.stdout.write(`${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}\n`);
}

function log(message: string) {
	process.stdout.write(`[browser-check] ${message}\n`);
}

function workflow(billType: string) {
	return {
		id: WORKFLOW_ID,
		name: 'BILL: create a bill',
		nodes: [
			{ name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number] },
			{
				name: 'BILL',
				type: billType,
				typeVersion: 1,
				position: [260, 0] as [number, number],
				parameters: {
					resource: 'bill',
					operation: 'create',
					vendorId: { __rl: true, mode: 'id', value: '00901EXAMPLEVNDR' },
					dueDate: '2026-12-31T00:00:00',
					invoice: { invoiceNumber: 'INV-1001', invoiceDate: '2026-12-01T00:00:00' },
					billLineItems: { values: [{ amount: 149, description: 'USB audio interface' }] },
				},
				credentials: { billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' } },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'BILL', type: 'main', index: 0 }]] },
		},
	};
}

/** The owner account, through the /setup form as a person creates it. */
async function setupOwner(page: Page, url: string) {
	await page.goto(`${url}/setup`);
	await page.waitForSelector('input[name="email"]', { timeout: 60_000 });
	await page.fill('input[name="email"]', OWNER.email);
	await page.fill('input[name="firstName"]', OWNER.firstName);
	await page.fill('input[name="lastName"]', OWNER.lastName);
	await page.fill('input[name="password"]', OWNER.password);
	await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
	await page.waitForURL((u) => !u.pathname.startsWith('/setup'), { timeout: 30_000 });
}

/** The BILL icon files of the package (light and dark). */
const ICON_IMG = 'img[src$="/bill.svg"], img[src$="/bill.dark.svg"]';

/** Load state and size of the first BILL icon <img> inside `scope`. */
async function iconState(scope: Locator) {
	const icon = scope.locator(ICON_IMG).first();
	await icon.waitFor({ state: 'attached', timeout: 15_000 });
	// Runs in the page (no DOM types in this project's tsconfig): waits for the image, then reads it.
	return await icon.evaluate(async (node) => {
		const img = node as unknown as {
			complete: boolean;
			currentSrc: string;
			naturalWidth: number;
			naturalHeight: number;
			getBoundingClientRect(): { width: number; height: number };
			addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
		};
		if (!img.complete) {
			await new Promise<void>((r) => {
				img.addEventListener('load', () => r(), { once: true });
				img.addEventListener('error', () => r(), { once: true });
			});
		}
		const box = img.getBoundingClientRect();
		return { src: img.currentSrc, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, width: box.width, height: box.height };
	});
}

/** Opens the select of parameter `name` in the node's panel and returns the option texts. */
async function optionsOf(page: Page, name: string, screenshot?: string): Promise<string[]> {
	const input = page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"]`).first();
	await input.waitFor({ timeout: 15_000 });
	await input.click();
	const dropdown = page.locator('.el-select-dropdown:visible, .el-popper:visible [role="listbox"]').last();
	await dropdown.waitFor({ timeout: 10_000 });
	const texts = await dropdown.locator('.el-select-dropdown__item').evaluateAll((els) =>
		els.map((e) => (e.querySelector('span, .option-headline, [class*="headline"]')?.textContent ?? e.textContent ?? '').trim()),
	);
	if (screenshot) {
		await page.waitForTimeout(800); // the dropdown fades in
		await page.screenshot({ path: screenshot });
	}
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
	return texts;
}

async function main() {
	if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
	if (!existsSync(join(ROOT, 'dist', 'nodes', 'Bill', 'Bill.node.js'))) throw new Error('dist/ is missing: run `npm run build` first');
	const { chromium } = await import('playwright-core').catch(() => {
		throw new Error('playwright-core is not installed (devDependency): npm install');
	});
	const emu = new BillEmulator();
	const base = await emu.start();
	const n8n = await N8n.create({ custom: [join(ROOT, 'dist')], keep: process.env.BROWSER_CHECK_KEEP === '1' });
	let server: N8nProcess | undefined;
	let browser: Browser | undefined;
	let page: Page | undefined;
	try {
		log(`n8n user folder ${n8n.userFolder}, emulator ${base}`);
		await n8n.importCredentials(
			Object.entries(credentialsFor(base)).map(([id, c]) => ({ id, name: c.name ?? id, type: c.type, data: c.data })),
		);
		await n8n.importWorkflow(workflow(n8n.nodeType('bill')));
		server = await n8n.start();
		log(`n8n at ${server.url}`);

		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		page = await context.newPage();
		const p = page;
		const failedIcons: string[] = [];
		const loadedIcons: string[] = [];
		p.on('response', (res) => {
			if (!/\/bill(\.dark)?\.svg$/.test(new URL(res.url()).pathname)) return;
			const type = res.headers()['content-type'] ?? '';
			if (res.status() < 400 && type.includes('svg')) loadedIcons.push(res.url());
			else failedIcons.push(`${res.status()} ${type} ${res.url()}`);
		});

		await setupOwner(p, server.url);
		check('owner account created through /setup', true, OWNER.email);

		await p.goto(`${server.url}/workflow/${WORKFLOW_ID}`);
		const canvasNode = p.locator('[data-test-id="canvas-node"][data-node-name="BILL"], [data-test-id="canvas-node"]:has-text("BILL")').first();
		await canvasNode.waitFor({ timeout: 60_000 });
		await p.waitForTimeout(1500);
		const canvasIcon = await iconState(canvasNode);
		check(
			'BILL icon renders on the canvas',
			canvasIcon.naturalWidth > 0 && canvasIcon.width > 0 && canvasIcon.height > 0,
			`${canvasIcon.src} natural ${canvasIcon.naturalWidth}×${canvasIcon.naturalHeight}, shown ${canvasIcon.width}×${canvasIcon.height}`,
		);
		mkdirSync(SHOTS, { recursive: true });
		await p.screenshot({ path: join(SHOTS, 'workflow.png') });

		await canvasNode.dblclick();
		const ndv = p.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor({ timeout: 20_000 });
		await p.locator('[data-test-id="ndv"] [data-test-id="parameter-input-resource"]').first().waitFor({ timeout: 20_000 });
		await p.waitForTimeout(1000);

		const resources = await optionsOf(p, 'resource');
		const missingResources = EXPECTED_RESOURCES.filter((r) => !resources.includes(r));
		check('Resource list has the expected entries', missingResources.length === 0, `${resources.length} resources; missing: ${missingResources.join(', ') || 'none'}`);
		const operations = await optionsOf(p, 'operation', join(SHOTS, 'bill-operations.png'));
		const missingOps = EXPECTED_BILL_OPERATIONS.filter((o) => !operations.includes(o));
		check('Operation list of Bill has the expected entries', missingOps.length === 0, `${operations.join(', ')}; missing: ${missingOps.join(', ') || 'none'}`);

		const ndvIcon = await iconState(ndv);
		check('BILL icon renders in the node panel', ndvIcon.naturalWidth > 0 && ndvIcon.width > 0 && ndvIcon.height > 0, `${ndvIcon.src} shown ${ndvIcon.width}×${ndvIcon.height}`);
		check(
			'icon files served as SVG without error',
			loadedIcons.length > 0 && failedIcons.length === 0,
			`${loadedIcons.length} loaded${failedIcons.length ? `; failed: ${failedIcons.join('; ')}` : ''}`,
		);

		await p.screenshot({ path: join(SHOTS, 'bill-node.png') });
		log(`screenshots in ${SHOTS}`);
	} catch (error) {
		// What the browser showed when it went wrong, for the person reading the output.
		const debug = join(tmpdir(), `browser-check-failure-${Date.now()}`);
		await page?.screenshot({ path: `${debug}.png` }).catch(() => undefined);
		const html = await page?.content().catch(() => '');
		if (html) writeFileSync(`${debug}.html`, html);
		log(`failure screenshot/page: ${debug}.png / .html`);
		throw error;
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		await n8n.dispose();
		await emu.stop();
	}
	const failed = checks.filter((c) => !c.ok);
	process.stdout.write(`${checks.length - failed.length} passed, ${failed.length} failed\n`);
	process.exitCode = failed.length ? 1 : 0;
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.stdout.write(`${checks.filter((c) => c.ok).length} passed, ${checks.filter((c) => !c.ok).length + 1} failed\n`);
	process.exit(1);
});
