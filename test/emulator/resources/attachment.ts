/**
 * Attachments (BILL resource `attachment`): the parent must exist.
 */
import { AP, coll } from '../family/accounts-payable';
import { byParam, forEndpoint, invalid, isError as isErr, withRecord } from '../handlers';
import type { CustomHandler, Emulator } from '../types';
import { uploadedFile } from './document';

/** The owners of attachments: the path of their list and upload (`GET` / `POST`), its path param and collection. */
const ATTACHMENT_PARENTS = [
	{ path: '/v3/attachments/vendors/{vendorId}', param: 'vendorId', collection: AP.vendors },
	{ path: '/v3/attachments/customers/{customerId}', param: 'customerId', collection: AP.customers },
	{ path: '/v3/attachments/invoices/{invoiceId}', param: 'invoiceId', collection: AP.invoices },
] as const;

const attachmentHandlers: CustomHandler[] = ATTACHMENT_PARENTS.flatMap((p) => [
	forEndpoint(`GET ${p.path}`, withRecord({ find: byParam(p.collection, p.param), handle: (req, emu: Emulator) => emu.generic(req) })),
	forEndpoint(`POST ${p.path}`, withRecord({
		find: byParam(p.collection, p.param),
		handle(req, emu: Emulator, owner) {
			const replace = req.query.replaceInvoicePdf;
			if (replace !== undefined && replace !== 'true' && replace !== 'false') return invalid('replaceInvoicePdf', replace);
			const file = uploadedFile(emu, req);
			if (isErr(file)) return file;
			const downloadLink = emu.addDownload(file.data, file.name, file.contentType, emu.orgKeyOf(req));
			const rec = coll(emu, req, AP.attachments).insert(
				{ name: file.name, downloadLink, _scope: { [p.param]: owner.id }, _size: file.data.length, _contentType: file.contentType },
				{ bare: true, prefix: '0at' },
			);
			rec.createdTime = emu.now();
			if (replace === 'true' && p.param === 'invoiceId') owner._invoicePdfAttachmentId = rec.id;
			return { body: { id: rec.id, name: rec.name, createdTime: rec.createdTime, downloadLink } };
		},
	})),
]);

export const handlers: CustomHandler[] = [
	...attachmentHandlers,
];
