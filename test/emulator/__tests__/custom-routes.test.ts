/**
 * The emulator's custom handlers are keyed by BILL's method and path: each names the endpoint it
 * serves (`forEndpoint('METHOD /path', handle)` in test/emulator/handlers.ts), checked against the
 * emulator's catalog of BILL's endpoints (catalog.ts, test/fixtures/endpoints*.json), which gives
 * its base; what it answers is BILL's behaviour, written in the handler. The find → check → store →
 * answer skeleton of BILL's PUT / PATCH handlers is one builder, `changeRecord`, tested here on its own.
 */
import axios from 'axios';
import { BILL_ENDPOINTS, endpointKey } from '../catalog';
import { customHandlers } from '../resources';
import { arrayBody, byParam, changeRecord, forEndpoint, missing, removeRecord } from '../handlers';
import { BillEmulator, SEED } from '../server';
import type { EmuRequest, EmuResponse } from '../types';

const http = axios.create({ validateStatus: () => true });

/** Custom handlers with a route of their own (one BILL's catalog does not have), and why. None today. */
const OWN_ROUTES: Record<string, string> = {};

describe("custom handlers serve endpoints of BILL's catalog", () => {
	test('forEndpoint refuses an endpoint the catalog does not have, naming it', () => {
		const handle = () => ({ body: {} });
		expect(() => forEndpoint('POST /v3/subscriptions/twice', handle)).toThrow(/POST \/v3\/subscriptions\/twice: BILL's catalog has no such endpoint/);
		expect(() => forEndpoint('PATCH /v3/payments', handle)).toThrow(/PATCH \/v3\/payments/);
		expect(() => forEndpoint('GET /v3/health', handle)).toThrow(/name the base/);
	});

	test('a custom module that names an endpoint missing from the catalog does not load', () => {
		jest.isolateModules(() => {
			jest.doMock('../catalog', () => {
				const actual = jest.requireActual<typeof import('../catalog')>('../catalog');
				const endpoints = actual.BILL_ENDPOINTS.filter((e) => !(e.method === 'POST' && e.path === '/v3/subscriptions'));
				return { ...actual, BILL_ENDPOINTS: endpoints, findEndpoint: (m: string, p: string, b?: never) => actual.findEndpoint(m, p, b, endpoints) };
			});
			expect(() => require('../resources')).toThrow(/POST \/v3\/subscriptions/);
		});
		jest.dontMock('../catalog');
	});

	test("every handler's route is the route of the endpoint it names", () => {
		const byKey = new Map(BILL_ENDPOINTS.map((e) => [endpointKey(e.method, e.path), e]));
		const own = customHandlers.filter((h) => h.endpoint === undefined).map((h) => `${h.method} ${h.path}`);
		expect(own.sort()).toEqual(Object.keys(OWN_ROUTES).sort());
		for (const h of customHandlers.filter((x) => x.endpoint !== undefined)) {
			const e = byKey.get(h.endpoint!);
			expect(e && { method: e.method, path: e.path, base: e.base }).toEqual({ method: h.method, path: h.path, base: h.base });
		}
		expect(customHandlers.length).toBeGreaterThan(150);
	});

	test('no endpoint has two handlers (the second would silently replace the first)', () => {
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

	test('without a base: served where BILL\'s catalog serves that route (webhooks under /connect-events), else under /connect', async () => {
		emu.addHandler({ method: 'GET', path: '/v3/subscriptions', handle: () => ({ body: { mine: 'events' } }) });
		emu.addHandler({ method: 'GET', path: '/v3/not-in-the-table', handle: () => ({ body: { mine: 'connect' } }) });
		const login = await http.post(`${emu.connectUrl}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
		const headers = { devKey: SEED.devKey, sessionId: String(login.data.sessionId) };
		expect((await http.get(`${emu.eventsUrl}/v3/subscriptions`, { headers })).data).toEqual({ mine: 'events' });
		expect((await http.get(`${emu.connectUrl}/v3/not-in-the-table`, { headers })).data).toEqual({ mine: 'connect' });
		expect((await http.get(`${emu.connectUrl}/v3/subscriptions`, { headers })).status).toBe(404);
	});
});

/** A request to the test's widget route (`/v3/widgets/x`) with these path params and body. */
const widgetRequest =
	(method: string) =>
	(params: Record<string, string>, body?: unknown): EmuRequest => ({
		method,
		path: '/v3/widgets/x',
		base: 'connect',
		params,
		query: {},
		headers: {},
		body,
		rawBody: Buffer.alloc(0),
		auth: { kind: 'org', organizationId: SEED.organizationId },
	});

describe('changeRecord: find → check → store → answer', () => {
	const emu = new BillEmulator({ handlers: [], seeders: [] });
	const request = widgetRequest('PATCH');
	const widgets = () => emu.store.collection('widgets', SEED.organizationId);
	const WIDGET = byParam('widgets', 'widgetId');
	const bodyOf = (r: EmuResponse | Promise<EmuResponse>) => (r as EmuResponse).body;
	let id: string;
	beforeEach(() => {
		emu.reset();
		id = widgets().insert({ name: 'old', tags: ['a', 'b'], address: { city: 'A', zip: '1' }, _secret: 's', updatedTime: '2020-01-01T00:00:00.000Z' }).id;
	});

	test('update: the change is deep-merged (arrays replace), updatedTime moves, the answer is the view', () => {
		const handle = changeRecord({ find: WIDGET, mode: 'update', change: () => ({ tags: ['c'], address: { city: 'B' } }) });
		const body = bodyOf(handle(request({ widgetId: id }), emu)) as Record<string, unknown>;
		expect(body).toMatchObject({ id, name: 'old', tags: ['c'], address: { city: 'B', zip: '1' } });
		expect(body._secret).toBeUndefined();
		expect(widgets().get(id)!.updatedTime).not.toBe('2020-01-01T00:00:00.000Z');
	});

	test('replace: the record keeps only the fields given (and id, archived, createdTime)', () => {
		const handle = changeRecord({ find: WIDGET, mode: 'replace', change: () => ({ name: 'new' }) });
		expect(Object.keys(bodyOf(handle(request({ widgetId: id }), emu)) as object).sort()).toEqual(['archived', 'createdTime', 'id', 'name', 'updatedTime']);
	});

	test('no record → 404 BDC_1120; a refusal of find, guard or change is the answer and nothing is stored', () => {
		const change = jest.fn(() => ({ name: 'never' }));
		const handle = changeRecord({ find: WIDGET, mode: 'update', change });
		const notFound = handle(request({ widgetId: 'nope' }), emu) as EmuResponse;
		expect([notFound.status, (notFound.body as Array<{ code: string }>)[0].code]).toEqual([404, 'BDC_1120']);
		const guarded = changeRecord({ guard: () => missing('guard'), find: WIDGET, mode: 'update', change });
		expect((guarded(request({ widgetId: 'nope' }), emu) as EmuResponse).body).toEqual([expect.objectContaining({ code: 'BDC_1108', message: expect.stringContaining('guard') })]);
		const refusedByFind = changeRecord({ find: { collection: 'widgets', find: () => missing('find') }, mode: 'update', change });
		expect(JSON.stringify(bodyOf(refusedByFind(request({ widgetId: id }), emu)))).toContain('find');
		expect(change).not.toHaveBeenCalled();
		const refusing = changeRecord({ find: WIDGET, mode: 'update', change: () => missing('name') });
		expect((refusing(request({ widgetId: id }), emu) as EmuResponse).status).toBe(400);
		expect(widgets().get(id)).toMatchObject({ name: 'old', updatedTime: '2020-01-01T00:00:00.000Z' });
	});

	test('nothing to change: the record is answered as it is, not stamped', () => {
		const handle = changeRecord({ find: WIDGET, mode: 'update', change: () => undefined });
		expect(bodyOf(handle(request({ widgetId: id }), emu))).toMatchObject({ name: 'old', updatedTime: '2020-01-01T00:00:00.000Z' });
	});

	test('after sees the stored record and the record as found; its answer, or answer(), replaces the view', () => {
		const seen: unknown[] = [];
		const replacing = changeRecord({
			find: WIDGET,
			mode: 'replace',
			change: () => ({ name: 'new' }),
			after: (_req, _emu, saved, before) => {
				seen.push(saved.name, before.name);
				return undefined;
			},
			answer: () => ({ status: 'SUCCESS' }),
		});
		expect(bodyOf(replacing(request({ widgetId: id }), emu))).toEqual({ status: 'SUCCESS' });
		expect(seen).toEqual(['new', 'old']);
		const refusingAfter = changeRecord({ find: WIDGET, mode: 'update', change: () => ({ name: 'newer' }), after: () => missing('after') });
		expect((refusingAfter(request({ widgetId: id }), emu) as EmuResponse).status).toBe(400);
		expect(widgets().get(id)!.name).toBe('newer');
	});
});

describe('removeRecord and arrayBody', () => {
	const emu = new BillEmulator({ handlers: [], seeders: [] });
	const request = widgetRequest('DELETE');
	const widgets = () => emu.store.collection('widgets', SEED.organizationId);

	test('removeRecord: 404 without a record; a refusal keeps it; else it goes, after runs, the answer is an empty 200', () => {
		const id = widgets().insert({ name: 'w' }).id;
		const after = jest.fn();
		const refusing = removeRecord({ find: byParam('widgets', 'widgetId'), check: () => missing('no'), after });
		expect((refusing(request({ widgetId: id }), emu) as EmuResponse).status).toBe(400);
		expect(widgets().get(id)).toBeDefined();
		const handle = removeRecord({ find: byParam('widgets', 'widgetId'), after });
		expect((handle(request({ widgetId: 'nope' }), emu) as EmuResponse).status).toBe(404);
		expect(handle(request({ widgetId: id }), emu)).toEqual({ status: 200 });
		expect(widgets().get(id)).toBeUndefined();
		expect(after).toHaveBeenCalledTimes(1);
		expect(after.mock.calls[0][2]).toMatchObject({ id, name: 'w' });
	});

	test('arrayBody: BILL refuses a body that is not an array (BDC_1122), an empty one, and more than the limit', () => {
		const code = (r: unknown) => (r as { body: Array<{ code: string; message: string }> }).body[0];
		expect(code(arrayBody(request({}, { a: 1 }), 2, 'bills')).code).toBe('BDC_1122');
		expect(code(arrayBody(request({}, []), 2, 'bills')).code).toBe('BDC_1129');
		expect(code(arrayBody(request({}, [1, 2, 3]), 2, 'bills')).message).toContain('The maximum number of bills in one request is 2');
		expect(arrayBody(request({}, [1, 2]), 2, 'bills')).toEqual([1, 2]);
	});
});
