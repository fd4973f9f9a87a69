import type { FieldDef, OperationDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { customerIdParam, uncheckedInvoiceIdParam, vendorIdParam } from './shared/ids';
import { uploadHint } from './shared/hints';

/** Attachments hang on a vendor, a customer or an invoice: one list and one upload per parent. */
interface Parent {
	/** Value suffix: `Vendor` → getAllForVendor / uploadToVendor. */
	suffix: string;
	one: string;
	segment: string;
	idParam: FieldDef;
	uploadQuery?: FieldDef[];
}

const parents: Parent[] = [
	{ suffix: 'Vendor', one: 'vendor', segment: 'vendors', idParam: vendorIdParam },
	{ suffix: 'Customer', one: 'customer', segment: 'customers', idParam: customerIdParam },
	{
		suffix: 'Invoice',
		one: 'invoice',
		segment: 'invoices',
		idParam: uncheckedInvoiceIdParam,
		uploadQuery: [
			{
				name: 'replaceInvoicePdf',
				label: 'Replace Invoice PDF',
				type: 'boolean',
				default: false,
				description: "Whether the file replaces the PDF BILL generates for the invoice (when sent by email)",
			},
		],
	},
];

const parentOperations = (p: Parent): Array<Omit<OperationDef, 'resource' | 'api'>> => {
	const path = `/v3/attachments/${p.segment}/{${p.idParam.name}}`;
	return [
		{
			operation: `getAllFor${p.suffix}`,
			name: `Get Many for ${p.suffix}`,
			action: `Get many attachments of a ${p.one}`,
			description: `List the attachments of a ${p.one} (name, creation time and download link of each)`,
			method: 'GET',
			path,
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
			pathParams: [p.idParam],
		},
		{
			operation: `uploadTo${p.suffix}`,
			name: `Upload to ${p.suffix}`,
			action: `Upload an attachment to a ${p.one}`,
			description: `Upload a file as an attachment of a ${p.one}`,
			method: 'POST',
			path,
			kind: 'upload',
			pathParams: [p.idParam],
			...(p.uploadQuery ? { query: p.uploadQuery } : {}),
			hint: uploadHint,
		},
	];
};

export const attachment = defineResource({
	value: 'attachment',
	name: 'Attachment',
	api: 'connect',
	description: 'Files attached to vendors, customers and invoices',
	operations: [
		...parents.flatMap(parentOperations),
		{
			operation: 'download',
			name: 'Download',
			action: 'Download an attachment',
			description: 'Get the details of an attachment and download its file as binary data',
			method: 'GET',
			path: '/v3/attachments/{attachmentId}',
			kind: 'download',
			pathParams: [{ name: 'attachmentId', label: 'Attachment', type: 'string', required: true, description: 'The attachment' }],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete an attachment',
			description: 'Delete an attachment of a vendor, customer or invoice. BILL cannot restore it.',
			method: 'DELETE',
			path: '/v3/attachments/{attachmentId}',
			source: 'postman',
			kind: 'delete',
			pathParams: [{ name: 'attachmentId', label: 'Attachment ID', type: 'string', required: true, description: 'The attachment (its `id` in the attachment lists)' }],
		},
	],
});
