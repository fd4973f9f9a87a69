/**
 * Browser check (`npm run browser-check`, not part of the tests): a real n8n (BILL_N8N: newest by default, or oldest) with the built
 * package loaded from dist/ (custom extensions folder) and the emulator, driven in Debian's
 * Chromium by playwright-core, the way a person would:
 *   1. create the owner account through n8n's /setup form;
 *   2. open a workflow with the BILL node (CUSTOM.bill) and check that the node's icon loads with a
 *      non-zero size, on the canvas and in the node's panel;
 *   3. open the node and check the Resource list (Bill, Vendor, Payment, Budget, …) and the
 *      Operation list of Bill (Create, Create Many, Get, Get Many, Update, Replace, Archive, Restore);
 *   4. keep docs/screenshots/bill-node.png (the node's panel, for the README),
 *      docs/screenshots/bill-operations.png (the panel with Bill's Operation list open) and
 *      docs/screenshots/workflow.png (the canvas);
 *   5. the forms of fresh nodes (a second workflow): Bill → Create marks its required groups (Line
 *      Items with n8n's warning until a line is added, Invoice showing its required fields at once:
 *      docs/screenshots/bill-create-required.png), a new line shows no value that is not sent (Amount,
 *      Quantity, Price empty: docs/screenshots/bill-line-item.png; a credit memo line's Taxable on
 *      "BILL's Default"), the shared Options collection offers only the current operation's options
 *      (Bill → Create: Max Concurrent Requests; Document → Upload: also Wait for Processing and Max
 *      Wait (Minutes): docs/screenshots/options-document-upload.png), and each resource offers only
 *      its own credential type.
 * Exits 1 when a check fails. Needs `npm run build`, `apt-get install chromium` and playwright-core.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), BROWSER_CHECK_KEEP=1 keeps n8n's folder.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';

import type { INodeProperties } from 'n8n-workflow';
import type { Locator, Page } from 'playwright-core';

import { type E2EWorkflow } from '../test/e2e/n8n';
import { CRED_IDS } from '../test/support/bill';
import { billCreateNode, canvasNode, DIST, keepFailure, openSession, OWNER, SHOTS, type Session } from './browser-support';

const WORKFLOW_ID = 'browsercheck0001';
const FORMS_ID = 'browsercheck0002';

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

function workflow(billType: string): E2EWorkflow {
	return {
		id: WORKFLOW_ID,
		name: 'BILL: create a bill',
		nodes: [
			{ name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number] },
			billCreateNode(billType, [260, 0]),
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'BILL', type: 'main', index: 0 }]] },
		},
	};
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

/** Fresh nodes (only resource and operation set), for the form checks. */
function formsWorkflow(billType: string): E2EWorkflow {
	const billApi = { billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' } };
	const node = (name: string, resource: string, operation: string, x: number, credentials?: E2EWorkflow['nodes'][number]['credentials']) => ({
		name,
		type: billType,
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: { resource, operation },
		...(credentials ? { credentials } : {}),
	});
	return {
		id: FORMS_ID,
		name: 'BILL: fresh forms',
		nodes: [
			node('New bill', 'bill', 'create', 0, billApi),
			node('New credit memo', 'creditMemo', 'create', 260, billApi),
			node('Upload a document', 'document', 'upload', 520, billApi),
			node('Budgets', 'budget', 'getAll', 780),
		],
		connections: {},
	};
}

/** The children of the built node's shared Options collection. */
function optionsChildren(): INodeProperties[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Bill } = require(join(DIST, 'nodes', 'Bill', 'Bill.node.js')) as { Bill: new () => { description: { properties: INodeProperties[] } } };
	return new Bill().description.properties.find((p) => p.name === 'options')!.options as INodeProperties[];
}

/** The Options children the description shows for an operation (root conditions on /resource, /operation). */
function expectedOptions(resource: string, operation: string): string[] {
	const options = optionsChildren();
	const admits = (p: INodeProperties) => {
		const show = p.displayOptions?.show ?? {};
		return (!show['/resource'] || show['/resource'].includes(resource)) && (!show['/operation'] || show['/operation'].includes(operation));
	};
	return options.filter(admits).map((o) => o.displayName).sort();
}

const ndvPart = (page: Page, selector: string) => page.locator(`[data-test-id="ndv"] ${selector}`).first();

async function openNode(page: Page, name: string) {
	await canvasNode(page, name).dblclick();
	await ndvPart(page, '[data-test-id^="parameter-input-"]').waitFor({ timeout: 20_000 });
	await page.waitForTimeout(800);
}

async function closeNode(page: Page) {
	await ndvPart(page, '[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]').click();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'hidden', timeout: 15_000 });
}

/** The label block of a top-level collection / fixedCollection (n8n's `.multi-parameter`). */
const group = (page: Page, name: string) => ndvPart(page, `.multi-parameter:has(label[for="${name}"])`);

/** Texts of the open select's options. */
async function dropdownItems(page: Page) {
	const dropdown = page.locator('.el-select-dropdown:visible, .el-popper:visible [role="listbox"]').last();
	await dropdown.waitFor({ timeout: 10_000 });
	return (await dropdown.locator('.el-select-dropdown__item').allTextContents()).map((t) => t.trim());
}

/**
 * The options the Options collection offers to add: n8n shows a select when there are several, or a single
 * "Add …" button that adds the only one (then the added field's label tells which it is).
 */
async function offeredOptions(page: Page, screenshot?: string): Promise<string[]> {
	const name = 'options';
	const add = group(page, name).locator('[data-test-id="collection-parameter-add"]').first();
	await add.waitFor({ timeout: 10_000 });
	if ((await add.evaluate((e) => e.tagName)) === 'BUTTON') {
		const fields = async () => await group(page, name).locator('label[for]').evaluateAll((els) => els.map((e) => e.getAttribute('for')));
		const before = await fields();
		await add.click();
		await page.waitForTimeout(500);
		const added = (await fields()).filter((f) => !before.includes(f));
		return added.map((f) => optionsChildren().find((o) => o.name === f)?.displayName ?? String(f));
	}
	await add.click();
	const items = await dropdownItems(page);
	if (screenshot) {
		await page.waitForTimeout(600);
		await page.screenshot({ path: screenshot });
	}
	await page.keyboard.press('Escape');
	return items.sort();
}

/** Names of the credentials the node's credential select offers. */
async function credentialChoices(page: Page) {
	await ndvPart(page, '[data-test-id="node-credentials-select"]').click();
	const dropdown = page.locator('.el-select-dropdown:visible').last();
	await dropdown.waitFor({ timeout: 10_000 });
	const items = (await dropdown.locator('.el-select-dropdown__item').allInnerTexts()).map((t) => t.split('\n')[0].trim()).filter(Boolean);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
	return items;
}

const inputValue = async (page: Page, parameter: string) => await ndvPart(page, `[data-test-id="parameter-input-${parameter}"] input`).inputValue();

async function checkForms(session: Session) {
	const p = session.page;
	await p.goto(`${session.server.url}/workflow/${FORMS_ID}`);
	await canvasNode(p, 'New bill').waitFor({ timeout: 60_000 });
	await p.waitForTimeout(1000);

	// Bill → Create, fresh: required groups marked
	await openNode(p, 'New bill');
	const warning = group(p, 'billLineItems').locator('[data-test-id="billLineItems-parameter-input-issues-container"] svg[data-icon="triangle-alert"]');
	check('fresh Bill → Create: Line Items is marked required (n8n\'s warning on its label)', (await warning.count()) === 1);
	await warning.hover();
	const tip = await p.locator('[role="tooltip"]:visible, .el-popper:visible').last().innerText().catch(() => '');
	check('… its warning says a line is required', /at least 1/i.test(tip), JSON.stringify(tip.trim()));
	const invoiceFields = await Promise.all(['invoiceNumber', 'invoiceDate'].map(async (n) => await ndvPart(p, `[data-test-id="parameter-input-${n}"]`).isVisible()));
	check('fresh Bill → Create: Invoice shows its required fields (Invoice Number, Invoice Date) without adding them', invoiceFields.every(Boolean), JSON.stringify(invoiceFields));
	await ndvPart(p, '[data-test-id="parameter-input-dueDate"]').scrollIntoViewIfNeeded();
	await p.mouse.move(0, 0);
	await p.waitForTimeout(400);
	await p.screenshot({ path: join(SHOTS, 'bill-create-required.png') });
	const credentials = await credentialChoices(p);
	check('Bill → Create offers only BILL API credentials', credentials.length > 0 && credentials.every((c) => c === 'BILL (local emulator)'), JSON.stringify(credentials));
	const billOptions = await offeredOptions(p);
	const billExpected = expectedOptions('bill', 'create');
	check('Bill → Create: Options offers only its own options', JSON.stringify(billOptions) === JSON.stringify(billExpected), `${JSON.stringify(billOptions)} (expected ${JSON.stringify(billExpected)})`);

	// a new line shows nothing that is not sent
	await group(p, 'billLineItems').locator('[data-test-id="fixed-collection-add"]').click();
	await ndvPart(p, '[data-test-id="parameter-input-quantity"]').waitFor({ timeout: 10_000 });
	await p.waitForTimeout(500);
	const line = Object.fromEntries(await Promise.all(['amount', 'quantity', 'price'].map(async (n) => [n, await inputValue(p, n)] as const)));
	check('a new bill line shows Amount, Quantity and Price empty (not sent unless filled)', Object.values(line).every((v) => v === ''), JSON.stringify(line));
	check('… and Line Items is no longer marked once a line is added', (await warning.count()) === 0);
	await ndvPart(p, '[data-test-id="parameter-input-price"]').scrollIntoViewIfNeeded();
	await p.mouse.move(0, 0);
	await p.waitForTimeout(400);
	await p.screenshot({ path: join(SHOTS, 'bill-line-item.png') });
	await closeNode(p);

	// Credit Memo → Create: an optional yes/no of a line on BILL's Default
	await openNode(p, 'New credit memo');
	await group(p, 'creditMemoLineItems').locator('[data-test-id="fixed-collection-add"]').click();
	await ndvPart(p, '[data-test-id="parameter-input-taxable"]').waitFor({ timeout: 10_000 });
	const taxable = await inputValue(p, 'taxable');
	check('a new credit memo line shows Taxable on "BILL\'s Default" (not sent)', taxable === "BILL's Default", JSON.stringify(taxable));
	await closeNode(p);

	// Document → Upload: its own options too
	await openNode(p, 'Upload a document');
	const uploadOptions = await offeredOptions(p, join(SHOTS, 'options-document-upload.png'));
	const uploadExpected = expectedOptions('document', 'upload');
	check(
		'Document → Upload: Options offers its own options (Wait for Processing, Max Wait) and no other operation\'s',
		JSON.stringify(uploadOptions) === JSON.stringify(uploadExpected) && uploadOptions.includes('Wait for Processing'),
		`${JSON.stringify(uploadOptions)} (expected ${JSON.stringify(uploadExpected)})`,
	);
	await closeNode(p);

	// a Spend & Expense resource offers only its credential type
	await openNode(p, 'Budgets');
	const spendCredentials = await credentialChoices(p);
	check('Budget → Get Many offers only BILL Spend & Expense credentials', spendCredentials.length > 0 && spendCredentials.every((c) => c === 'BILL S&E (local emulator)'), JSON.stringify(spendCredentials));
	await closeNode(p);
}

async function main() {
	const session = await openSession((billType) => [workflow(billType), formsWorkflow(billType)], { keep: process.env.BROWSER_CHECK_KEEP === '1' });
	const { page: p, server } = session;
	try {
		log(`n8n at ${server.url}, user folder ${session.n8n.userFolder}, emulator ${session.emulator}`);
		check('owner account created through /setup', true, OWNER.email);
		const failedIcons: string[] = [];
		const loadedIcons: string[] = [];
		p.on('response', (res) => {
			if (!/\/bill(\.dark)?\.svg$/.test(new URL(res.url()).pathname)) return;
			const type = res.headers()['content-type'] ?? '';
			if (res.status() < 400 && type.includes('svg')) loadedIcons.push(res.url());
			else failedIcons.push(`${res.status()} ${type} ${res.url()}`);
		});

		await p.goto(`${server.url}/workflow/${WORKFLOW_ID}`);
		const node = canvasNode(p, 'BILL');
		await node.waitFor({ timeout: 60_000 });
		await p.waitForTimeout(1500);
		const canvasIcon = await iconState(node);
		check(
			'BILL icon renders on the canvas',
			canvasIcon.naturalWidth > 0 && canvasIcon.width > 0 && canvasIcon.height > 0,
			`${canvasIcon.src} natural ${canvasIcon.naturalWidth}×${canvasIcon.naturalHeight}, shown ${canvasIcon.width}×${canvasIcon.height}`,
		);
		mkdirSync(SHOTS, { recursive: true });
		await p.screenshot({ path: join(SHOTS, 'workflow.png') });

		await node.dblclick();
		const ndv = p.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor({ timeout: 20_000 });
		await ndvPart(p, '[data-test-id="parameter-input-resource"]').waitFor({ timeout: 20_000 });
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
		await closeNode(p);

		await checkForms(session);
		log(`screenshots in ${SHOTS}`);
	} catch (error) {
		await keepFailure(p, 'browser-check', log);
		throw error;
	} finally {
		await session.close();
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
