/**
 * Issue 20 #10: an event counts as handled only once n8n has started its execution.
 * The host (trigger-host.ts) answers as n8n does: it starts the execution, then answers 200 with the
 * node's webhookResponse; `failNextStarts` makes the start fail, and n8n then answers 500. BILL
 * (the emulator) retries what did not get a 200. The same in a real n8n: test/e2e/trigger-dedup.test.ts.
 */
import { createHmac } from 'crypto';

import { RETRY } from '../../nodes/Bill/transport/request';
import { SIGNATURE_HEADER } from '../../nodes/BillTrigger/signature';
import { deliveriesIdle, deliveryAttempts, stopDeliveries, webhookSettings } from '../emulator/webhooks';
import { SEED } from '../emulator/server';
import { useBill } from '../support/bill';
import { TriggerHost } from './trigger-host';

const t = useBill();
let host: TriggerHost;

beforeAll(() => {
	RETRY.baseMs = 20;
	RETRY.maxMs = 200;
});

beforeEach(async () => {
	t.emu.reset();
	Object.assign(webhookSettings(t.emu), { retryDelaysMs: [20, 40, 80, 160], timeoutMs: 2000, escapedPayload: false });
	host = new TriggerHost({ emulatorBase: t.base, parameters: { eventFamily: 'organization', events: ['bill.created:1'] } });
	await host.start();
	await host.activate();
});

afterEach(async () => {
	stopDeliveries(t.emu);
	await host.stop();
});

function notification(eventId: string) {
	return Buffer.from(JSON.stringify({ metadata: { eventId, subscriptionId: host.state.subscriptionId, organizationId: SEED.organizationId, eventType: 'bill.created', version: '1' }, bill: { id: '00n01HANDLED' } }));
}
const signed = (body: Buffer) => ({ [SIGNATURE_HEADER]: createHmac('sha256', String(host.state.securityKey)).update(body).digest('base64'), 'content-type': 'application/json' });

async function createBill(invoiceNumber: string) {
	const seed = SEED;
	const login = await fetch(`${t.base}/connect/v3/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: seed.username, password: seed.password, organizationId: seed.organizationId, devKey: seed.devKey }) });
	const headers = { 'content-type': 'application/json', devKey: seed.devKey, sessionId: String(((await login.json()) as { sessionId: string }).sessionId) };
	const vendor = await fetch(`${t.base}/connect/v3/vendors`, { method: 'POST', headers, body: JSON.stringify({ name: `Vendor ${invoiceNumber}`, accountType: 'BUSINESS', email: 'ap@vendor.example', address: { line1: '1 Main St', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' } }) });
	const vendorId = ((await vendor.json()) as { id: string }).id;
	const bill = await fetch(`${t.base}/connect/v3/bills`, { method: 'POST', headers, body: JSON.stringify({ vendorId, dueDate: '2026-12-31', invoice: { invoiceNumber, invoiceDate: '2026-12-01' }, billLineItems: [{ amount: 10 }] }) });
	expect(bill.status).toBeLessThan(300);
}

test('the execution fails to start: n8n answers 500, the event is not remembered, and BILL\'s retry starts it', async () => {
	host.failNextStarts = 1;
	await createBill('FAIL-1');
	await deliveriesIdle(t.emu);
	const attempts = deliveryAttempts(t.emu);
	expect(attempts.map((a) => a.status)).toEqual([500, 200]);
	expect(new Set(attempts.map((a) => a.eventId)).size).toBe(1);
	expect(host.executions).toHaveLength(1);
	expect(host.answers.map((a) => [a.status, a.body])).toEqual([
		[500, '{"code":0,"message":"There was a problem executing the workflow"}'],
		[200, '{"received":true}'],
	]);
	expect(host.state.seenEventIds).toEqual([attempts[0].eventId]);
	// and from then on it is a duplicate
	const body = Buffer.from(attempts[0].body);
	expect((await host.deliver({ [SIGNATURE_HEADER]: attempts[0].signature, 'content-type': 'application/json' }, body)).body).toBe('{"received":true,"duplicate":true}');
	expect(host.executions).toHaveLength(1);
});

test('nothing is stored while the execution is being started: a start that fails leaves no trace in the static data', async () => {
	host.failNextStarts = 1;
	const body = notification('evt-no-trace');
	const r = await host.deliver(signed(body), body);
	expect(r.status).toBe(500);
	expect(host.state.seenEventIds ?? []).not.toContain('evt-no-trace');
	const again = await host.deliver(signed(body), body);
	expect([again.status, again.body, again.items?.length]).toEqual([200, '{"received":true}', 1]);
	expect(host.state.seenEventIds).toContain('evt-no-trace');
});

test('copies arriving while the first copy is being started wait for it: one execution, the others duplicates', async () => {
	const body = notification('evt-copies');
	const answers = await Promise.all(Array.from({ length: 6 }, async () => await host.deliver(signed(body), body)));
	expect(answers.filter((a) => a.items).length).toBe(1);
	expect(answers.map((a) => a.body).sort()).toEqual([...Array(5).fill('{"received":true,"duplicate":true}'), '{"received":true}']);
});

test('copies arriving while the first copy\'s start fails: one of them starts the event instead', async () => {
	host.failNextStarts = 1;
	const body = notification('evt-takeover');
	const answers = await Promise.all(Array.from({ length: 6 }, async () => await host.deliver(signed(body), body)));
	expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 500]);
	expect(answers.filter((a) => a.items).length).toBe(1);
	expect(answers.filter((a) => a.body === '{"received":true,"duplicate":true}')).toHaveLength(4);
	expect(host.state.seenEventIds).toEqual(['evt-takeover']);
});
