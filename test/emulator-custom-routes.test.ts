/**
 * The emulator's custom handlers take their routes from the node's table: each names the operation
 * it serves (`forOperation(resource, operation, handle)` in test/emulator/custom/common.ts) and gets
 * that operation's method, path and base (catalog/kinds `baseOf`); what it answers is BILL's
 * behaviour, written in the handler.
 */
import axios from 'axios';
import { baseOf } from '../nodes/Bill/catalog/kinds';
import { allOperations } from '../nodes/Bill/resources';
import { customHandlers } from './emulator/custom';
import { forOperation } from './emulator/custom/common';
import { BillEmulator, SEED } from './emulator/server';

const http = axios.create({ validateStatus: () => true });
const keyOf = (op: { resource: string; operation: string }) => `${op.resource}.${op.operation}`;

/** Custom handlers with a route of their own (one the table does not have), and why. None today. */
const OWN_ROUTES: Record<string, string> = {};

describe('custom handlers serve operations of the table', () => {
	test('forOperation refuses an operation the table does not have, naming it', () => {
		const handle = () => ({ body: {} });
		expect(() => forOperation('webhookSubscription', 'createTwice', handle)).toThrow(/webhookSubscription\.createTwice: the node's table has no such operation/);
		expect(() => forOperation('widget', 'create', handle)).toThrow(/widget\.create/);
	});

	test('a custom module that names a missing operation does not load', () => {
		jest.isolateModules(() => {
			jest.doMock('../nodes/Bill/resources', () => {
				const actual = jest.requireActual<typeof import('../nodes/Bill/resources')>('../nodes/Bill/resources');
				return { ...actual, findOperation: (resource: string, operation: string) => (resource === 'webhookSubscription' && operation === 'create' ? undefined : actual.findOperation(resource, operation)) };
			});
			expect(() => require('./emulator/custom')).toThrow(/webhookSubscription\.create/);
		});
		jest.dontMock('../nodes/Bill/resources');
	});

	test("every handler's route is the route of the operation it names", () => {
		const byKey = new Map(allOperations.map((op) => [keyOf(op), op]));
		const own = customHandlers.filter((h) => h.operation === undefined).map((h) => `${h.method} ${h.path}`);
		expect(own.sort()).toEqual(Object.keys(OWN_ROUTES).sort());
		for (const h of customHandlers.filter((x) => x.operation !== undefined)) {
			const op = byKey.get(h.operation!);
			expect(op && { method: op.method, path: op.path, base: baseOf(op) }).toEqual({ method: h.method, path: h.path, base: h.base });
		}
		expect(customHandlers.length).toBeGreaterThan(150);
	});

	test('no operation has two handlers (the second would silently replace the first)', () => {
		const counts = new Map<string, number>();
		for (const h of customHandlers) counts.set(`${h.base} ${h.method} ${h.path}`, (counts.get(`${h.base} ${h.method} ${h.path}`) ?? 0) + 1);
		expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
	});
});

describe('emu.addHandler with a route of its own', () => {
	let emu: BillEmulator;
	beforeAll(async () => {
		emu = new BillEmulator();
		await emu.start();
	});
	afterAll(() => emu.stop());

	test('without a base: served where the table serves that route (webhooks under /connect-events), else under /connect', async () => {
		emu.addHandler({ method: 'GET', path: '/v3/subscriptions', handle: () => ({ body: { mine: 'events' } }) });
		emu.addHandler({ method: 'GET', path: '/v3/not-in-the-table', handle: () => ({ body: { mine: 'connect' } }) });
		const login = await http.post(`${emu.connectUrl}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
		const headers = { devKey: SEED.devKey, sessionId: String(login.data.sessionId) };
		expect((await http.get(`${emu.eventsUrl}/v3/subscriptions`, { headers })).data).toEqual({ mine: 'events' });
		expect((await http.get(`${emu.connectUrl}/v3/not-in-the-table`, { headers })).data).toEqual({ mine: 'connect' });
		expect((await http.get(`${emu.connectUrl}/v3/subscriptions`, { headers })).status).toBe(404);
	});
});
