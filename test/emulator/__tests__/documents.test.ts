/**
 * Bill document uploads in the emulator, over HTTP, as BILL describes them: "it takes a few
 * minutes for BILL to complete the upload process"; `GET /v3/documents/upload-status?ids=` answers
 * a top-level array of `{documentId, uploadId, status}` (PM "Get document upload status") going
 * IN_PROGRESS → IVA_PROCESSING → UPLOADED over emulator time (`config.documentProcessing`), or never
 * finishing (`neverFinish`), or at once (INSTANT_DOCUMENT_PROCESSING).
 */
import type { AxiosInstance } from 'axios';

import { defaultSeed, INSTANT_DOCUMENT_PROCESSING } from '../config';
import { apRecords, orgSession, useEmulator } from '../../support/emulator-http';

const emu = useEmulator();
let api: AxiosInstance;
const { vendor, bill } = apRecords(() => api);
const MINUTE = 60_000;
const PDF = Buffer.from('%PDF-1.4\n% invoice 202501\n');

async function upload(billId: string, name = 'invoice.pdf'): Promise<string> {
	const r = await api.post(`/v3/documents/bills/${billId}`, PDF, { params: { name }, headers: { 'Content-Type': '*/*' } });
	expect(r.status).toBe(200);
	expect(r.data.id).toMatch(/^0du/);
	return r.data.id;
}

const status = async (...ids: string[]) => (await api.get('/v3/documents/upload-status', { params: { ids: ids.join(',') } })).data;
const billDocuments = async (billId: string) => (await api.get(`/v3/documents/bills/${billId}`)).data.results as Array<Record<string, any>>;

beforeEach(async () => {
	emu.reset();
	api = await orgSession(emu);
});

test('by default an upload is IN_PROGRESS for a minute, IVA_PROCESSING for two more, then UPLOADED with its 00h document', async () => {
	const b = await bill(await vendor());
	const id = await upload(b.id);
	expect(await status(id)).toEqual([{ uploadId: id, status: 'IN_PROGRESS' }]);
	emu.advanceTime(MINUTE - 1000);
	expect(await status(id)).toEqual([{ uploadId: id, status: 'IN_PROGRESS' }]);
	emu.advanceTime(1000);
	expect(await status(id)).toEqual([{ uploadId: id, status: 'IVA_PROCESSING' }]);
	expect(await billDocuments(b.id)).toEqual([]);
	emu.advanceTime(2 * MINUTE);
	const [done] = await status(id);
	expect(done).toEqual({ documentId: expect.stringMatching(/^00h/), uploadId: id, status: 'UPLOADED' });
	const doc = (await api.get(`/v3/documents/${done.documentId}`)).data;
	expect(doc).toMatchObject({ id: done.documentId, name: 'invoice.pdf' });
	const file = await api.get(doc.downloadLink, { baseURL: '', responseType: 'arraybuffer' });
	expect(Buffer.compare(Buffer.from(file.data), PDF)).toBe(0);
	// Asked again: the same document.
	expect(await status(id)).toEqual([done]);
});

test("the upload answer is BILL's example: upload ID, name, createdTime and a link to the file as uploaded", async () => {
	const b = await bill(await vendor());
	const r = await api.post(`/v3/documents/bills/${b.id}`, PDF, { params: { name: 'invoice.pdf' }, headers: { 'Content-Type': '*/*' } });
	expect(Object.keys(r.data).sort()).toEqual(['createdTime', 'downloadLink', 'id', 'name']);
	expect(r.data.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
	expect(Date.parse(r.data.createdTime)).toBeLessThanOrEqual(emu.nowMs());
	const file = await api.get(r.data.downloadLink, { baseURL: '', responseType: 'arraybuffer' });
	expect(Buffer.compare(Buffer.from(file.data), PDF)).toBe(0);
});

test("a finished upload is on the bill's document list even when nobody asked for its status", async () => {
	const b = await bill(await vendor());
	await upload(b.id, 'a.pdf');
	emu.advanceTime(3 * MINUTE);
	expect((await billDocuments(b.id)).map((d) => d.name)).toEqual(['a.pdf']);
});

test('several IDs: one top-level array in the order asked, each upload at its own stage; an unknown ID is refused', async () => {
	const b = await bill(await vendor());
	const first = await upload(b.id, 'first.pdf');
	emu.advanceTime(90_000);
	const second = await upload(b.id, 'second.pdf');
	emu.advanceTime(90_000);
	const third = await upload(b.id, 'third.pdf');
	const answer = await status(third, first, second);
	expect(answer.map((s: any) => [s.uploadId, s.status])).toEqual([
		[third, 'IN_PROGRESS'],
		[first, 'UPLOADED'],
		[second, 'IVA_PROCESSING'],
	]);
	const bad = await api.get('/v3/documents/upload-status', { params: { ids: `${first},0du01NOSUCHUPLOAD` } });
	expect(bad.status).toBe(400);
	expect(bad.data[0].message).toContain('0du01NOSUCHUPLOAD');
});

test('neverFinish: an upload stays IVA_PROCESSING however long one waits, and no document appears', async () => {
	emu.config.documentProcessing = { ...defaultSeed().documentProcessing, neverFinish: true };
	try {
		const b = await bill(await vendor());
		const id = await upload(b.id);
		emu.advanceTime(30 * MINUTE);
		api = await orgSession(emu);
		expect(await status(id)).toEqual([{ uploadId: id, status: 'IVA_PROCESSING' }]);
		expect(await billDocuments(b.id)).toEqual([]);
		// Switched back, the upload completes.
		emu.config.documentProcessing = defaultSeed().documentProcessing;
		expect((await status(id))[0].status).toBe('UPLOADED');
	} finally {
		emu.config.documentProcessing = defaultSeed().documentProcessing;
	}
});

test('durations are configurable: instant for tests that are not about the wait, or a few seconds', async () => {
	emu.config.documentProcessing = { ...INSTANT_DOCUMENT_PROCESSING };
	const b = await bill(await vendor());
	const instant = await upload(b.id);
	expect((await status(instant))[0]).toMatchObject({ status: 'UPLOADED', documentId: expect.stringMatching(/^00h/) });
	emu.config.documentProcessing = { inProgressMs: 0, ivaProcessingMs: 5000, neverFinish: false };
	const short = await upload(b.id);
	expect((await status(short))[0].status).toBe('IVA_PROCESSING');
	emu.advanceTime(5000);
	expect((await status(short))[0].status).toBe('UPLOADED');
});
