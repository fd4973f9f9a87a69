/**
 * Issue 20 #3 and #9: credentials go only to BILL, and an answer that is not JSON is an error.
 * A second HTTP host records every request it receives: it must never see a BILL header or any
 * secret of the credential, whether reached by a redirect from the API or by a download link.
 * In-process n8n-core workflows against the emulator.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

import { binaryBuffer } from '../harness';
import { SEED } from '../emulator/server';
import { byId, CRED_IDS, startBill, type BillTestContext } from '../support/bill';

let t: BillTestContext;
let other: Server;
let otherBase: string;
const received: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> = [];
const FILE = Buffer.from('%PDF-1.4 file from the file host');

const SECRETS = [SEED.password, SEED.devKey];

beforeAll(async () => {
	t = await startBill();
	other = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString('utf8')));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, headers: req.headers, body });
			if (req.url?.startsWith('/hop')) {
				res.writeHead(302, { Location: `${otherBase}/file.pdf` }).end();
				return;
			}
			res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="from-host.pdf"' }).end(FILE);
		});
	});
	await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
	otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((r) => other.close(r));
	await t.stop();
});
beforeEach(() => {
	received.length = 0;
	t.emu.faults.clear();
});

/** The other host saw no BILL header and no secret value anywhere in what it received (headers, URL, body). */
function expectNothingSecretReceived() {
	const session = String(t.harness.credentialStore.get(CRED_IDS.billApi)?.data.sessionToken ?? '');
	expect(session).not.toBe('');
	const all = JSON.stringify(received);
	for (const r of received) {
		expect(Object.keys(r.headers).map((h) => h.toLowerCase())).not.toEqual(expect.arrayContaining(['devkey']));
		expect(Object.keys(r.headers).map((h) => h.toLowerCase())).not.toEqual(expect.arrayContaining(['sessionid']));
		expect(r.headers.authorization).toBeUndefined();
		expect(r.headers.cookie).toBeUndefined();
	}
	for (const secret of [...SECRETS, session]) expect(all).not.toContain(secret);
}

async function vendorId(): Promise<string> {
	const r = await t.runOk('vendor', 'create', { name: 'Hosts Vendor', address: { line1: '1 Main', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' } });
	return String(r.output[0].json.id);
}

/** An attachment whose download link BILL gives as `link`. */
async function attachmentWithLink(link: (base: string) => string): Promise<string> {
	const v = await vendorId();
	const up = await t.runOp('attachment', 'uploadToVendor', { vendorId: byId(v), binaryPropertyName: 'data', fileName: 'w9.txt' }, [
		{ json: {}, binary: { data: { data: Buffer.from('W-9').toString('base64'), mimeType: 'text/plain', fileName: 'w9.txt' } } },
	]);
	const id = String(up.output[0].json.id);
	const collection = t.emu.store.describe().find((c) => t.emu.store.collection(c.name, c.orgKey).get(id));
	t.emu.store.collection(collection!.name, collection!.orgKey).update(id, { downloadLink: link(t.base) });
	return id;
}

describe('redirects of API requests', () => {
	test('a GET redirected by "BILL" to another host is not followed: error naming the host; the host receives nothing', async () => {
		const v = await vendorId();
		t.emu.faults.add({ match: { method: 'GET', path: /^\/v3\/vendors\/009/ }, status: 302, body: null, headers: { Location: `${otherBase}/steal` } });
		const r = await t.runOp('vendor', 'get', { vendorId: byId(v) });
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe(`BILL redirected the request to another host (${otherBase.slice(7)}); the node sends BILL credentials only to BILL and did not follow [item 0]`);
		expect(received).toHaveLength(0);
	});

	test('a GET redirected to the same BILL host is followed with the session and succeeds', async () => {
		const v = await vendorId();
		t.emu.faults.add({ match: { method: 'GET', path: /^\/v3\/vendors\/009/ }, status: 302, body: null, headers: { Location: `/connect/v3/vendors/${v}` } });
		const r = await t.runOk('vendor', 'get', { vendorId: byId(v) });
		expect(r.output[0].json.id).toBe(v);
		expect(t.emu.faults.pending).toHaveLength(0);
	});

	test('a POST answered with a redirect (307 to another host) is never resent: error, nothing received there', async () => {
		t.emu.faults.add({ match: { method: 'POST', path: /^\/v3\/vendors$/ }, status: 307, body: null, headers: { Location: `${otherBase}/steal` } });
		const r = await t.runOp('vendor', 'create', { name: 'Redirected', address: { line1: '1 Main', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' } });
		expect(r.success).toBe(false);
		expect(r.error?.message).toMatch(/BILL answered the POST with a redirect \(HTTP 307\)/);
		expect(received).toHaveLength(0);
	});
});

describe('downloads', () => {
	test('a download link on another host is fetched without any BILL header or secret', async () => {
		const id = await attachmentWithLink(() => `${otherBase}/file.pdf?sig=abc`);
		const r = await t.runOk('attachment', 'download', { attachmentId: id, binaryPropertyName: 'data' });
		expect(Buffer.compare(binaryBuffer(r.output[0], 'data'), FILE)).toBe(0);
		expect(received.map((x) => x.url)).toEqual(['/file.pdf?sig=abc']);
		expectNothingSecretReceived();
	});

	test('a download link on another host that redirects again: followed, still without credentials', async () => {
		const id = await attachmentWithLink(() => `${otherBase}/hop`);
		const r = await t.runOk('attachment', 'download', { attachmentId: id, binaryPropertyName: 'data' });
		expect(Buffer.compare(binaryBuffer(r.output[0], 'data'), FILE)).toBe(0);
		expect(received.map((x) => x.url)).toEqual(['/hop', '/file.pdf']);
		expectNothingSecretReceived();
	});

	test('a download link on BILL\'s host redirected to a file host: BILL gets the session, the file host does not', async () => {
		const v = await vendorId();
		const id = await attachmentWithLink((base) => `${base}/connect/v3/vendors/${v}`);
		t.emu.faults.add({ match: { method: 'GET', path: new RegExp(`^/v3/vendors/${v}$`) }, status: 302, body: null, headers: { Location: `${otherBase}/file.pdf` } });
		const r = await t.runOk('attachment', 'download', { attachmentId: id, binaryPropertyName: 'data' });
		expect(Buffer.compare(binaryBuffer(r.output[0], 'data'), FILE)).toBe(0);
		expect(received).toHaveLength(1);
		expectNothingSecretReceived();
	});

	test('a file host that answers 403 (expired link) is an error naming the host', async () => {
		const id = await attachmentWithLink(() => `${otherBase}/file.pdf`);
		const close = other.listeners('request')[0] as (...a: unknown[]) => void;
		other.removeAllListeners('request');
		other.on('request', (req, res) => {
			received.push({ method: req.method, url: req.url, headers: req.headers, body: '' });
			res.writeHead(403).end('expired');
		});
		try {
			const r = await t.runOp('attachment', 'download', { attachmentId: id, binaryPropertyName: 'data' });
			expect(r.success).toBe(false);
			expect(r.error?.message).toBe(`The file host ${otherBase.slice(7)} answered HTTP 403 [item 0]`);
			expectNothingSecretReceived();
		} finally {
			other.removeAllListeners('request');
			other.on('request', close);
		}
	});
});

describe('answers that are not JSON (issue 20 #9)', () => {
	test('an HTML page answered with 200 on a list is an error saying what came back, not 0 items', async () => {
		t.emu.faults.add({ match: { method: 'GET', path: /^\/v3\/vendors$/ }, status: 200, body: '<html><head><title>Hotel WiFi - please sign in</title></head><body>Accept terms</body></html>' });
		const r = await t.runOp('vendor', 'getAll', { returnAll: true });
		expect(r.success).toBe(false);
		expect(r.error?.message).toBe('BILL answered HTTP 200 with text/html instead of JSON: "Hotel WiFi - please sign in" [item 0]');
		expect(r.error?.description).toMatch(/captive portal, a proxy or a wrong Base URL/);
	});

	test('with Continue On Fail on, the item carries that error', async () => {
		t.emu.faults.add({ match: { method: 'GET', path: /^\/v3\/vendors$/ }, status: 200, body: 'plain text, not JSON' });
		const r = await t.runOp('vendor', 'getAll', { returnAll: true }, undefined, { continueOnFail: true });
		expect(r.output).toEqual([expect.objectContaining({ json: { error: 'BILL answered HTTP 200 with text/html instead of JSON: "plain text, not JSON" [item 0]' } })]);
	});
});
