/**
 * Scale-out: the package (installed from its `npm pack` tarball, as a community package) in n8n's
 * queue mode — Redis, one main and two workers (concurrency 1 each, so parallel work spreads) —
 * against the emulator with BILL's production rules (payments need an MFA-trusted session):
 * the AP journey (vendor → bill → payment) started through a Webhook node runs on the workers,
 * the session one worker stored is reused by the other (one login in all), and the BILL Trigger's
 * executions (one per bill the journeys create) run on the workers too.
 * Needs `npm run build` first, and redis-server (Debian package `redis-server`).
 */
import { randomUUID } from 'crypto';
import { rmSync } from 'fs';
import { dirname } from 'path';

import { AP_SEED } from '../emulator/family/accounts-payable';
import { BillEmulator, SEED } from '../emulator/server';
import { deliveriesIdle, deliveryAttempts, stopDeliveries } from '../emulator/webhooks';
import { credentialsFor, CRED_IDS } from '../support/bill';
import { HAS_REDIS, N8n, N8nRest, packPackage, waitFor, type E2ENode, type QueueMode } from './n8n';


const TRIGGER_CRED = 'cred-bill-trigger';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

(HAS_REDIS ? describe : describe.skip)('BILL in n8n queue mode (Redis, main + 2 workers)', () => {
	let emu: BillEmulator;
	let tarball = '';
	let n8n: N8n;
	let queue: QueueMode;
	let rest: N8nRest;
	let journeyId = '';
	let triggerId = '';
	let loginsAfterStart = 0;
	let firstWorker = -1;
	/** Journeys run so far: each creates one bill, so one bill.created notification. */
	let journeys = 0;

	/** Index of the worker that ran an execution (-1: none; main never logs this line). */
	const workerOf = (executionId: string) =>
		queue.workers.findIndex((w) => new RegExp(`Worker started execution ${executionId} `).test(w.output));

	async function journey(n: number) {
		const res = await fetch(`${queue.main.url}/webhook/ap-journey`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ vendor: `Queue Vendor ${n}`, invoice: `Q-${n}`, amount: 100 + n }),
		});
		expect(res.status).toBe(200);
		return (await res.json()) as Record<string, unknown>;
	}

	beforeAll(async () => {
		tarball = packPackage();
		emu = new BillEmulator({ productionRules: true });
		const base = await emu.start();
		n8n = await N8n.create({ tarballs: [tarball] });
		const { data } = credentialsFor(base)[CRED_IDS.billApi];
		const mfa = { ...data, mfaRememberMeToken: SEED.rememberMeId, deviceName: SEED.device };
		await n8n.importCredentials([
			{ id: CRED_IDS.billApi, name: 'BILL (MFA-trusted)', type: 'billApi', data: mfa },
			{ id: TRIGGER_CRED, name: 'BILL (trigger)', type: 'billApi', data },
		]);
		const bill = (name: string, parameters: Record<string, unknown>): E2ENode => ({
			name,
			type: n8n.nodeType('bill'),
			typeVersion: 1,
			parameters,
			credentials: { billApi: { id: CRED_IDS.billApi, name: 'BILL (MFA-trusted)' } },
		});
		const body = (field: string) => `={{ $('Webhook').item.json.body.${field} }}`;
		journeyId = await n8n.importWorkflow({
			name: 'AP journey (webhook)',
			nodes: [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path: 'ap-journey', responseMode: 'lastNode', options: {} },
				},
				bill('Create Vendor', {
					resource: 'vendor',
					operation: 'create',
					name: body('vendor'),
					address: { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' },
				}),
				bill('Create Bill', {
					resource: 'bill',
					operation: 'create',
					vendorId: byId('={{ $json.id }}'),
					dueDate: '2026-12-31',
					invoice: { invoiceNumber: body('invoice'), invoiceDate: '2026-12-01' },
					billLineItems: { values: [{ amount: body('amount') }] },
				}),
				bill('Pay', {
					resource: 'payment',
					operation: 'create',
					amount: '={{ $json.amount }}',
					fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId },
					processingOptions: { requestPayFaster: false, requestCheckDeliveryType: 'STANDARD' },
					additionalFields: { billId: byId('={{ $json.id }}') },
				}),
			],
			connections: {
				Webhook: { main: [[{ node: 'Create Vendor', type: 'main', index: 0 }]] },
				'Create Vendor': { main: [[{ node: 'Create Bill', type: 'main', index: 0 }]] },
				'Create Bill': { main: [[{ node: 'Pay', type: 'main', index: 0 }]] },
			},
		});
		triggerId = await n8n.importWorkflow({
			name: 'New bills',
			nodes: [
				{
					name: 'BILL Trigger',
					type: n8n.nodeType('billTrigger'),
					typeVersion: 1,
					webhookId: randomUUID(),
					parameters: { eventFamily: 'organization', events: ['bill.created:1'], options: {} },
					credentials: { billApi: { id: TRIGGER_CRED, name: 'BILL (trigger)' } },
				},
				{ name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1 },
			],
			connections: { 'BILL Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		});
		await n8n.publishWorkflow(journeyId);
		await n8n.publishWorkflow(triggerId);
		queue = await n8n.startQueueMode({ workers: 2, concurrency: 1 });
		rest = await N8nRest.owner(queue.main.url);
		// activation's own work: the BILL Trigger's subscription
		await waitFor('subscription created', () => (emu.store.collection('subscriptions', SEED.organizationId).list().length ? true : undefined), 30_000);
		loginsAfterStart = emu.counters.logins;
	});

	afterAll(async () => {
		await queue?.stop();
		await n8n?.dispose();
		if (emu) stopDeliveries(emu);
		await emu?.stop();
		if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
	});

	test('main activated the BILL Trigger: one subscription, created with the trigger credential (one login)', () => {
		const subs = emu.store.collection('subscriptions', SEED.organizationId).list();
		expect(subs.map((s) => [s.name, s.notificationUrl])).toEqual([
			['n8n: New bills / BILL Trigger', expect.stringMatching(new RegExp(`^${queue.main.url}/webhook/`))],
		]);
		expect(loginsAfterStart).toBe(1);
	});

	test('the AP journey through a webhook runs on a worker: vendor → bill → MFA-trusted payment, one login', async () => {
		journeys = 1;
		const payment = await journey(1);
		expect(payment).toMatchObject({ amount: 101, status: 'PAID', fundingAccount: { type: 'BANK_ACCOUNT', id: AP_SEED.bankAccountId } });
		expect(emu.counters.logins - loginsAfterStart).toBe(1);
		const [execution] = await rest.executions(journeyId);
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		firstWorker = workerOf(execution.id);
		expect(firstWorker).toBeGreaterThanOrEqual(0);
		expect(queue.main.output).not.toMatch(/Worker started execution/);
	});

	test('parallel journeys spread over both workers and reuse the stored session (no new login)', async () => {
		// Batches of 4 until the worker that logged in is not the only one that ran journeys
		// (concurrency 1 each, so a batch nearly always reaches both; at most 3 batches).
		let workers: number[] = [];
		for (let batch = 0; batch < 3 && !workers.some((w) => w !== firstWorker); batch++) {
			const numbers = [1, 2, 3, 4].map((k) => journeys + k);
			journeys += numbers.length;
			const payments = await Promise.all(numbers.map(async (n) => await journey(n)));
			expect(payments.map((p) => [p.amount, p.status])).toEqual(numbers.map((n) => [100 + n, 'PAID']));
			const executions = await rest.executions(journeyId);
			expect(executions.map((e) => e.status)).toEqual(Array(journeys).fill('success'));
			workers = executions.map((e) => workerOf(e.id));
		}
		expect(workers).not.toContain(-1);
		// the other worker ran journeys with the session the first one stored: still one login
		expect(workers.filter((w) => w !== firstWorker).length).toBeGreaterThan(0);
		expect(emu.counters.logins - loginsAfterStart).toBe(1);
	});

	test("the BILL Trigger's executions (one per bill created) run on the workers", async () => {
		const done = async () => {
			const executions = await rest.executions(triggerId);
			return executions.length >= journeys && executions.every((e) => !['new', 'running', 'waiting'].includes(e.status)) ? executions : undefined;
		};
		const executions = await waitFor('trigger executions', done, 30_000);
		await deliveriesIdle(emu, 30_000);
		const attempts = deliveryAttempts(emu).filter((a) => a.eventType === 'bill.created');
		expect(attempts.map((a) => a.status)).toEqual(Array(journeys).fill(200));
		expect(await rest.executions(triggerId)).toHaveLength(journeys);
		expect(executions.map((e) => [e.mode, e.status])).toEqual(Array(journeys).fill(['webhook', 'success']));
		expect(executions.map((e) => workerOf(e.id))).not.toContain(-1);
		expect(queue.main.output).not.toMatch(/Worker started execution/);
		// the trigger's notifications made no BILL requests and no logins
		expect(emu.counters.logins - loginsAfterStart).toBe(1);
	});
});
