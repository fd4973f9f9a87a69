/**
 * Attachments (BILL resource `attachment`): the parent must exist.
 */
import { AP, coll } from '../family/accounts-payable';
import { byParam, forOperation, invalid, isError as isErr, withRecord } from '../handlers';
import type { CustomHandler, Emulator } from '../types';
import { uploadedFile } from './document';

/** The owners of attachments: the list and upload operations of each, its path param and collection. */
const ATTACHMENT_PARENTS = [
	{ owner: 'Vendor', param: 'vendorId', collection: AP.vendors },
	{ owner: 'Customer', param: 'customerId', collection: AP.customers },
	{ owner: 'Invoice', param: 'invoiceId', collection: AP.invoices },
] as const;

const attachmentHandlers: CustomHandler[] = ATTACHMENT_PARENTS.flatMap((p) => [
	forOperation('attachment', `getAllFor${p.owner}`, withRecord({ find: byParam(p.collection, p.param), handle: (req, emu: Emulator) => emu.generic(req) })),
	forOperation('attachment', `uploadTo${p.owner}`, withRecord({
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
			if (replace === 'true' && p.owner === 'Invoice') owner._invoicePdfAttachmentId = rec.id;
			return { body: { id: rec.id, name: rec.name, createdTime: rec.createdTime, downloadLink } };
		},
	})),
]);

export const handlers: CustomHandler[] = [
	...attachmentHandlers,
];
