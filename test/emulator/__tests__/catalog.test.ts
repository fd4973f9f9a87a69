/**
 * The emulator's catalog of BILL's endpoints (test/emulator/catalog.ts) is its own statement, read
 * from BILL's catalog in test/fixtures; the emulator's code imports nothing of the node. This test
 * (a test may) holds the two witnesses side by side: the same endpoints, and for each, the generic
 * behaviour the emulator decided matches the kind the node gives its operation. The map from the
 * node's kinds to the emulator's behaviours is checked by the compiler: a new kind of the node
 * (OperationKind) does not compile here until the emulator says how BILL answers it.
 */
import * as fs from 'fs';
import * as path from 'path';
import axios from 'axios';

import type { OperationKind } from '../../../nodes/Bill/catalog/types';
import { allOperations } from '../../../nodes/Bill/resources';
import { BEHAVIOURS, BILL_ENDPOINTS, endpointKey, type EmuBehaviour } from '../catalog';
import { BillEmulator, SEED } from '../server';

/** The emulator's behaviour for each kind of the node; `no endpoint`: the node composes it of other calls (Create or Update). */
const BEHAVIOUR_OF_KIND = {
	list: 'list',
	get: 'get',
	create: 'create',
	createMany: 'bulk-create',
	update: 'update',
	updateMany: 'bulk-update',
	replace: 'replace',
	replaceMany: 'bulk-replace',
	archive: 'archive',
	archiveMany: 'bulk-archive',
	restore: 'restore',
	restoreMany: 'bulk-restore',
	delete: 'delete',
	upload: 'upload',
	download: 'download',
	action: 'custom',
	actionMany: 'custom',
	upsert: 'no endpoint',
} as const satisfies Record<OperationKind, EmuBehaviour | 'no endpoint'>;

const key = (e: { method: string; path: string }, base: string) => `${base} ${endpointKey(e.method, e.path)}`;
// BILL's endpoints as the node calls them: not its compositions, nor a second output of one endpoint (`viewOf`).
const nodeEndpoints = allOperations.filter((o) => BEHAVIOUR_OF_KIND[o.kind] !== 'no endpoint' && !o.viewOf);
const nodeBase = (o: { api: string }) => (o.api === 'webhooks' ? 'connect-events' : 'connect');

describe("the emulator's catalog of BILL's endpoints", () => {
	test("holds BILL's reference menu (253), the Postman-only endpoints (50) and the 2026 additions (4), each once", () => {
		const count = (s: string) => BILL_ENDPOINTS.filter((e) => e.source === s).length;
		expect([count('reference'), count('postman'), count('changelog')]).toEqual([253, 50, 4]);
		const keys = BILL_ENDPOINTS.map((e) => key(e, e.base));
		expect(new Set(keys).size).toBe(keys.length);
	});

	test("lists the same endpoints as the node's table", () => {
		const emulator = new Set(BILL_ENDPOINTS.map((e) => key(e, e.base)));
		const node = new Set(nodeEndpoints.map((o) => key(o, nodeBase(o))));
		expect([...node].filter((k) => !emulator.has(k))).toEqual([]);
		expect([...emulator].filter((k) => !node.has(k))).toEqual([]);
	});

	test("decides each endpoint's generic behaviour as the node's kind of that operation", () => {
		const byKey = new Map(BILL_ENDPOINTS.map((e) => [key(e, e.base), e]));
		const differ = nodeEndpoints
			.map((o) => ({ op: `${o.resource}:${o.operation} ${o.method} ${o.path}`, node: BEHAVIOUR_OF_KIND[o.kind], emulator: byKey.get(key(o, nodeBase(o)))?.behaviour }))
			.filter((x) => x.node !== x.emulator);
		expect(differ).toEqual([]);
		// Every behaviour is used by some endpoint of BILL's.
		expect(Object.keys(BEHAVIOURS).filter((b) => !BILL_ENDPOINTS.some((e) => e.behaviour === b))).toEqual([]);
	});

	test('no module of the emulator imports the node (nodes/): it is an independent witness', () => {
		const root = path.join(__dirname, '..');
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
				if (f.isDirectory() && f.name !== '__tests__') walk(path.join(dir, f.name));
				else if (f.name.endsWith('.ts')) files.push(path.join(dir, f.name));
			}
		};
		walk(root);
		expect(files.length).toBeGreaterThan(50);
		const importing = files.filter((f) => /from '(\.\.\/)+nodes\//.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f));
		expect(importing).toEqual([]);
	});

	test('every endpoint has a route (never "API not supported"), and only an action without a handler answers 501', async () => {
		const emu = new BillEmulator({ spendPerMinute: 1_000_000 });
		await emu.start();
		try {
			const http = axios.create({ validateStatus: () => true });
			const sid = (await http.post(`${emu.connectUrl}/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey })).data.sessionId as string;
			const psid = (await http.post(`${emu.connectUrl}/v3/partner/login`, { username: SEED.partnerUsername, password: SEED.partnerPassword, appKey: SEED.appKey })).data.sessionId as string;
			const unrouted: string[] = [];
			const unanswered: string[] = [];
			for (const e of BILL_ENDPOINTS) {
				if (e.noAuth || e.path === '/v3/logout') continue;
				const url = `${e.base === 'connect-events' ? emu.eventsUrl : emu.connectUrl}${e.path.replace(/\{[^}]+\}/g, 'x0')}`;
				const headers = e.api === 'spend' ? { apiToken: SEED.spendToken } : e.api === 'partner' ? { appKey: SEED.appKey, sessionId: psid, organizationId: SEED.organizationId } : { devKey: SEED.devKey, sessionId: sid };
				const r = await http.request({ method: e.method, url, headers });
				if (r.status === 404 && Array.isArray(r.data) && r.data[0]?.code === 'BDC_1121') unrouted.push(key(e, e.base));
				if (r.status === 501) unanswered.push(key(e, e.base));
			}
			expect(unrouted).toEqual([]);
			expect(unanswered).toEqual([]);
		} finally {
			await emu.stop();
		}
	});
});
