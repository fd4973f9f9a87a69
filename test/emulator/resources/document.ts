/**
 * Bill documents (BILL resource `document`): asynchronous upload (`0du` upload id → `00h` document
 * after a few minutes of emulator time, `config.documentProcessing`).
 */
import { AP, BILL, coll } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { forEndpoint, invalid, isError as isErr, missing, num, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';

// ------------------------------------------------------------------ documents and attachments

const MIME: Record<string, string> = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	txt: 'text/plain',
	csv: 'text/csv',
	xml: 'application/xml',
	json: 'application/json',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file of an upload request, or BILL's error. */
export function uploadedFile(emu: Emulator, req: EmuRequest): { name: string; data: Buffer; contentType: string } | EmuResponse {
	const name = req.query.name;
	if (name === undefined || name === '') return missing('name');
	if (req.rawBody.length === 0) return missing('file');
	if (req.rawBody.length > emu.config.maxUploadBytes) {
		// [inferred] code: BILL documents the 6 MB limit, not its error.
		return invalid('file', `${req.rawBody.length} bytes`, `The maximum file size is ${Math.round(emu.config.maxUploadBytes / 1024 / 1024)} MB`);
	}
	const header = (req.headers['content-type'] ?? '').split(';')[0].trim();
	const ext = name.toLowerCase().split('.').pop() ?? '';
	const contentType = header && header !== '*/*' && header !== 'application/octet-stream' ? header : (MIME[ext] ?? 'application/octet-stream');
	return { name, data: Buffer.from(req.rawBody), contentType };
}

/**
 * Where an upload is now. BILL: "it takes a few minutes for BILL to complete the upload process";
 * an upload is `IN_PROGRESS` (upload id `0du…`), then `IVA_PROCESSING` (a status BILL's examples
 * show), then `UPLOADED` with its document (`00h…`). Durations: `config.documentProcessing`
 * (emulator time; [inferred] split and order). With `neverFinish` an upload stays IVA_PROCESSING.
 */
function uploadStatusNow(emu: Emulator, upload: EmuRecord): string {
	if (upload.status === 'UPLOADED') return 'UPLOADED';
	const { inProgressMs, ivaProcessingMs, neverFinish } = emu.config.documentProcessing;
	const elapsed = emu.nowMs() - num(upload._startedMs);
	if (elapsed < inProgressMs) return 'IN_PROGRESS';
	if (neverFinish || elapsed < inProgressMs + ivaProcessingMs) return 'IVA_PROCESSING';
	return 'UPLOADED';
}

/** Brings the caller's uploads that `match` up to date: a finished one becomes its document. */
function settleUploads(emu: Emulator, req: EmuRequest, match: (u: EmuRecord) => boolean): void {
	const docs = coll(emu, req, AP.documents);
	for (const u of coll(emu, req, AP.uploads).list(match)) {
		const status = uploadStatusNow(emu, u);
		if (status === u.status) continue;
		u.status = status;
		if (status !== 'UPLOADED') continue;
		const doc = docs.insert(
			{
				name: u.name,
				downloadLink: emu.addDownload(u._data as Buffer, String(u.name), String(u._contentType), emu.orgKeyOf(req)),
				_scope: { billId: u.billId },
				_size: (u._data as Buffer).length,
			},
			{ bare: true, prefix: '00h' },
		);
		doc.createdTime = emu.now();
		u.documentId = doc.id;
		delete u._data;
	}
}

const documentHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/documents/bills/{billId}', withRecord({
		find: BILL,
		handle(req, emu: Emulator, bill) {
			const file = uploadedFile(emu, req);
			if (isErr(file)) return file;
			// BILL: the upload completes asynchronously; until then only an upload id (0du…) exists.
			// PM "Upload a bill document": the answer also carries `createdTime` and a `downloadLink`; [inferred] the
			// link serves the file as uploaded (the document it becomes has its own link, settleUploads).
			const createdTime = emu.now();
			const downloadLink = emu.addDownload(file.data, file.name, file.contentType, emu.orgKeyOf(req));
			const upload = coll(emu, req, AP.uploads).insert(
				{ billId: bill.id, name: file.name, status: 'IN_PROGRESS', createdTime, _contentType: file.contentType, _startedMs: emu.nowMs() },
				{ bare: true, prefix: '0du' },
			);
			upload._data = file.data; // after insert: the store deep-copies through JSON, which a Buffer does not survive
			return { body: { id: upload.id, name: file.name, createdTime, downloadLink } };
		},
	})),
	forEndpoint('GET /v3/documents/upload-status', (req, emu: Emulator) => {
		const raw = req.query.ids;
		if (raw === undefined || raw.trim() === '') return missing('ids');
		const ids = raw
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const uploads = coll(emu, req, AP.uploads);
		const unknown = ids.find((id) => !uploads.get(id));
		if (unknown !== undefined) return invalid('ids', unknown, 'No document upload with this ID (upload IDs begin with 0du)');
		settleUploads(emu, req, (u) => ids.includes(u.id));
		// PM "Get document upload status": a top-level array; [inferred] documentId only once UPLOADED.
		const result = ids.map((id) => {
			const u = uploads.get(id)!;
			return { ...(u.documentId ? { documentId: u.documentId } : {}), uploadId: u.id, status: u.status };
		});
		return { body: result };
	}),
	forEndpoint('GET /v3/documents/bills/{billId}', withRecord({
		find: BILL,
		handle(req, emu: Emulator, bill) {
			settleUploads(emu, req, (u) => u.billId === bill.id);
			const docs = coll(emu, req, AP.documents).list((d) => (d._scope as Obj | undefined)?.billId === bill.id);
			return emu.listResponse(req, docs);
		},
	})),
];

export const handlers: CustomHandler[] = [
	...documentHandlers,
];
