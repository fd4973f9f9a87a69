/**
 * What the browser scripts (scripts/browser-check.ts, scripts/editor-timing.ts) share: a real n8n
 * with the built package loaded from dist/ and the emulator's credentials, Debian's Chromium driven
 * by playwright-core, n8n's owner set-up form, and a failure screenshot.
 * Not part of the published package (scripts/ is outside `files`).
 */
import { existsSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { Browser, Page } from 'playwright-core';

import { BillEmulator } from '../test/emulator/server';
import { N8n, ROOT, type E2ENode, type E2EWorkflow, type N8nProcess } from '../test/e2e/n8n';
import { CRED_IDS, credentialsFor } from '../test/support/bill';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'docs', 'screenshots');
/** The built package n8n loads (BILL_DIST: another build, e.g. a variant of the description to time). */
export const DIST = process.env.BILL_DIST ?? join(ROOT, 'dist');
export const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Browser-check-1' };

/** The flags this machine's Chromium needs (../.library notes: closed network, no sandbox as root). */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface Session {
	/** The n8n instance (user folder, CLI). */
	n8n: N8n;
	server: N8nProcess;
	browser: Browser;
	page: Page;
	/** The emulator's base URL. */
	emulator: string;
	/** Stops the browser, n8n and the emulator. */
	close(): Promise<void>;
}

/**
 * n8n (regular mode, package from dist/) with the BILL credentials and `workflows` imported,
 * Chromium with one page of 1440×900, the owner account created through /setup.
 * `workflows` receives the BILL node type name of this instance (`CUSTOM.bill`); `custom`: the folder
 * n8n loads the nodes from instead of DIST (n8n keeps one folder of custom extensions: the last).
 */
export async function openSession(workflows: (billType: string) => E2EWorkflow[], options: { keep?: boolean; custom?: string } = {}): Promise<Session> {
	if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
	if (!existsSync(join(DIST, 'nodes', 'Bill', 'Bill.node.js'))) throw new Error(`${DIST} has no nodes/Bill/Bill.node.js: run \`npm run build\` first`);
	const { chromium } = await import('playwright-core').catch(() => {
		throw new Error('playwright-core is not installed (devDependency): npm install');
	});
	const emu = new BillEmulator();
	const base = await emu.start();
	const n8n = await N8n.create({ custom: [options.custom ?? DIST], keep: options.keep });
	let server: N8nProcess | undefined;
	let browser: Browser | undefined;
	const close = async () => {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		await n8n.dispose();
		await emu.stop();
	};
	try {
		await n8n.importCredentials(
			Object.entries(credentialsFor(base)).map(([id, c]) => ({ id, name: c.name ?? id, type: c.type, data: c.data })),
		);
		await n8n.importWorkflows(workflows(n8n.nodeType('bill')));
		server = await n8n.start();
		browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		const page = await context.newPage();
		await setupOwner(page, server.url);
		return { n8n, server, browser, page, emulator: base, close };
	} catch (error) {
		await close();
		throw error;
	}
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

/** A saved BILL → Bill → Create node (vendor, due date, invoice, one line) with the emulator's credential. */
export function billCreateNode(billType: string, position: [number, number]): E2ENode {
	return {
		name: 'BILL',
		type: billType,
		typeVersion: 1,
		position,
		parameters: {
			resource: 'bill',
			operation: 'create',
			vendorId: { __rl: true, mode: 'id', value: '00901EXAMPLEVNDR' },
			dueDate: '2026-12-31T00:00:00',
			invoice: { invoiceNumber: 'INV-1001', invoiceDate: '2026-12-01T00:00:00' },
			billLineItems: { values: [{ amount: 149, description: 'USB audio interface' }] },
		},
		credentials: { billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' } },
	};
}

/** A canvas node by its name. */
export function canvasNode(page: Page, name: string) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).first();
}

/** Keeps what the browser showed when something went wrong (screenshot and page), and says where. */
export async function keepFailure(page: Page | undefined, name: string, log: (message: string) => void) {
	const debug = join(tmpdir(), `${name}-failure-${Date.now()}`);
	await page?.screenshot({ path: `${debug}.png` }).catch(() => undefined);
	const html = await page?.content().catch(() => '');
	if (html) writeFileSync(`${debug}.html`, html);
	log(`failure screenshot/page: ${debug}.png / .html`);
}
