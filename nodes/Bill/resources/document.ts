import { defineResource, listOp, type Noun } from './shared/operations';
import { billIdParam, idField } from './shared/ids';
import { uploadHint } from './shared/hints';

const noun: Noun = { one: 'document', many: 'documents' };

/** Files attached to a bill (the vendor's invoice PDF, …). */
export const document = defineResource({
	value: 'document',
	name: 'Bill Document',
	api: 'connect',
	description: 'Files attached to bills',
	operations: [
		listOp(noun, '/v3/documents/bills/{billId}', {
			pathParams: [billIdParam],
			description: 'List the documents of a bill (name, creation time and download link of each)',
		}),
		{
			operation: 'upload',
			name: 'Upload',
			action: 'Upload a bill document',
			description:
				'Upload a file to a bill. BILL processes it asynchronously (a few minutes): by default the node waits, polling less and less often, until Get Upload Status reports the document ID (`00h`); if BILL is still processing when the wait ends, or without waiting, it returns the upload ID (`0du`) and its status.',
			method: 'POST',
			path: '/v3/documents/bills/{billId}',
			kind: 'upload',
			pathParams: [billIdParam],
			uploadContentType: '*/*',
			hint: uploadHint,
			// BILL documents UPLOADED as the end of processing (IN_PROGRESS and IVA_PROCESSING come before it).
			waitFor: { operation: 'getUploadStatus', query: 'ids', field: 'status', done: ['UPLOADED'] },
		},
		{
			operation: 'getUploadStatus',
			name: 'Get Upload Status',
			action: 'Get the status of document uploads',
			description:
				'Get the status of bill document uploads: IN_PROGRESS while BILL processes the file, UPLOADED with the document ID (`00h`) once done',
			method: 'GET',
			path: '/v3/documents/upload-status',
			kind: 'get',
			query: [
				{
					name: 'ids',
					label: 'Upload IDs',
					type: 'string',
					required: true,
					placeholder: '0du01ABCDEFGHIJ1234',
					description: 'Upload IDs returned by Upload (begin with `0du`), comma-separated',
				},
			],
			response: { array: true },
		},
		{
			operation: 'download',
			name: 'Download',
			action: 'Download a bill document',
			description: 'Get the details of a bill document and download its file as binary data',
			method: 'GET',
			path: '/v3/documents/{documentId}',
			kind: 'download',
			pathParams: [idField('documentId', { label: 'Document', what: 'The document', prefix: '00h' })],
		},
	],
});
