/**
 * The BILL Polling Trigger in a real n8n (`n8n start`, the workflow published) against the
 * emulator, at n8n's shortest poll interval (Every Minute): BILL failing during the activation
 * polls does not fail the activation (n8n reports the triggers activated) and the first scheduled
 * poll starts the cursor, emitting nothing old; a bill created, a bill paid and a bill paid before
 * activation edited, all in the same second, reach the workflow once each (Created or Updated),
 * and only the newly paid one starts the Paid workflow; the next scheduled polls emit nothing again.
 * Needs `npm run build` first. Takes about four minutes (three poll cycles).
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';

import { AP_SEED } from '../emulator/family/accounts-payable';
import { BillEmulator, SEED } from '../emulator/server';
import { credentialsFor, CRED_IDS } from '../support/bill';
import { N8n, N8nRest, ROOT, waitFor, type N8nProcess } from './n8n';

let emu: BillEmulator;
let base = '';
let n8n: N8n;
let main: N8nProcess;
let rest: N8nRest;
let workflowId = '';

/** What the workflow's two Report nodes post back, by path (`/any`, `/paid`): one body per item. */
const received: Record<string, Array<Record<string, any>>> = { '/any': [], '/paid': [] };
const callback = http.createServer((req, res) => {
	let body = '';
	req.on('data', (chunk: Buffer) => (body += chunk.toString()));
	req.on('end', () => {
		(received[req.url ?? ''] ??= []).push(JSON.parse(body || '{}') as Record<string, any>);
		res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
	});
});

let session = '';
async function billApi(method: string, path: string, body?: unknown): Promise<Record<string, any>> {
	const headers = { 'content-type': 'application/json', devKey: SEED.devKey, sessionId: session };
	const res = await fetch(`${base}/connect${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const json = (await res.json()) as Record<string, any>;
	if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}
let vendorId = '';
const createBill = async (invoiceNumber: string, amount: number) =>
	await billApi('POST', '/v3/bills', { vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber, invoiceDate: '2026-12-01' }, billLineItems: [{ amount }] });

/** The triggers' list requests BILL answered (the test itself never lists bills). */
const polls = () => emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/v3/bills' && e.query.sort && e.status === 200);
/** BILL failing every bills list request while n8n activates the workflow. */
let activationFault: ReturnType<BillEmulator['faults']['add']>;

const trigger = (name: string, event: string) => ({
	name,
	type: n8n.nodeType('billPollingTrigger'),
	typeVersion: 1,
	parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, resource: 'bill', event, options: {} },
	credentials: { billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' } },
});
const report = (name: string, url: string) => ({
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
});

let oldBill: Record<string, any>;
let paidBefore: Record<string, any>;

beforeAll(async () => {
	emu = new BillEmulator();
	base = await emu.start();
	await new Promise<void>((ok) => callback.listen(0, '127.0.0.1', ok));
	const callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}`;

	const login = await fetch(`${base}/connect/v3/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey }),
	});
	session = ((await login.json()) as { sessionId: string }).sessionId;
	vendorId = String((await billApi('POST', '/v3/vendors', { name: 'Polling Vendor', accountType: 'BUSINESS', address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' } })).id);
	// Before activation: an unpaid bill, and one already paid (neither may start the workflow).
	oldBill = await createBill('OLD-1', 120);
	paidBefore = await createBill('OLD-PAID', 30);
	await billApi('POST', '/v3/payments', { billId: paidBefore.id, amount: 30, fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId }, processingOptions: {} });

	n8n = await N8n.create({ custom: [join(ROOT, 'dist')] });
	const credential = credentialsFor(base)[CRED_IDS.billApi];
	await n8n.importCredentials([{ id: CRED_IDS.billApi, name: credential.name ?? 'BILL', type: 'billApi', data: credential.data }]);
	workflowId = await n8n.importWorkflow({
		name: 'BILL polling',
		nodes: [trigger('Any Bill Change', 'createdOrUpdated'), trigger('Bill Paid', 'paid'), report('Report Any', `${callbackUrl}/any`), report('Report Paid', `${callbackUrl}/paid`)],
		connections: {
			'Any Bill Change': { main: [[{ node: 'Report Any', type: 'main', index: 0 }]] },
			'Bill Paid': { main: [[{ node: 'Report Paid', type: 'main', index: 0 }]] },
		},
	});
	await n8n.publishWorkflow(workflowId);
	activationFault = emu.faults.add({ match: { method: 'GET', path: /^\/v3\/bills$/ }, times: Infinity, status: 503 });
	main = await n8n.start();
	rest = await N8nRest.owner(main.url);
});

afterAll(async () => {
	await n8n?.dispose();
	await emu?.stop();
	callback.close();
});

test('BILL failing during the activation polls: n8n activates the workflow; the first scheduled polls start the cursor (one request each) and start nothing', async () => {
	// Each activation poll tries 6 times (the request layer's retries) before it gives up.
	await waitFor('activation polls given up', () => (activationFault.hits >= 12 ? true : undefined), 60_000);
	await new Promise((r) => setTimeout(r, 2000));
	emu.faults.clear();
	expect(main.alive).toBe(true);
	await waitFor('first scheduled polls', () => (polls().length >= 2 ? true : undefined), 90_000);
	expect(polls().map((p) => p.query)).toEqual([
		{ sort: 'updatedTime:desc', max: '100' },
		{ sort: 'updatedTime:desc', max: '100' },
	]);
	expect(await rest.executions(workflowId)).toEqual([]);
});

test('a bill created, a bill paid and an old paid bill edited in the same second: one execution per trigger, each record once, Paid only for the new payment', async () => {
	emu.freezeTime();
	const created = await createBill('NEW-1', 75);
	await billApi('POST', '/v3/payments', { billId: oldBill.id, amount: 120, fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId }, processingOptions: {} });
	await billApi('PATCH', `/v3/bills/${String(paidBefore.id)}`, { description: 'synced to accounting' });
	emu.unfreezeTime();
	const paid = await billApi('GET', `/v3/bills/${String(oldBill.id)}`);
	expect(paid.updatedTime).toBe(created.updatedTime);

	await waitFor('executions', async () => ((await rest.executions(workflowId)).filter((e) => e.status === 'success').length >= 2 ? true : undefined), 150_000);
	await waitFor('reports', () => (received['/any'].length >= 3 && received['/paid'].length >= 1 ? true : undefined), 30_000);
	const executions = await rest.executions(workflowId);
	expect(executions.map((e) => [e.mode, e.status])).toEqual([
		['trigger', 'success'],
		['trigger', 'success'],
	]);
	expect(received['/any'].map((r) => [r.id, r.event]).sort()).toEqual(
		[
			[created.id, 'created'],
			[oldBill.id, 'updated'],
			[paidBefore.id, 'updated'],
		].sort(),
	);
	expect(received['/paid'].map((r) => [r.id, r.event, r.paymentStatus])).toEqual([[oldBill.id, 'paid', 'PAID']]);
});

test('the next scheduled polls emit nothing again (one request each)', async () => {
	const seen = polls().length;
	await waitFor('two more polls', () => (polls().length >= seen + 2 ? true : undefined), 90_000);
	await new Promise((r) => setTimeout(r, 3000));
	const later = polls()
		.slice(seen)
		.map((p) => p.query);
	expect(later.every((p) => /^updatedTime:gte?:"/.test(p.filters ?? ''))).toBe(true);
	expect(later.every((p) => p.page === undefined)).toBe(true);
	expect((await rest.executions(workflowId)).length).toBe(2);
	expect(received['/any']).toHaveLength(3);
	expect(received['/paid']).toHaveLength(1);
});
