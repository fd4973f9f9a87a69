import type { FieldDef } from '../catalog/types';
import { defineResource, listOp } from './shared/operations';
import { idField } from './shared/ids';
import { type BodyMode, invoiceClassificationFields, invoiceLineClassificationFields, lineItemIdField } from './shared/fields';

const recurringInvoiceIdParam = idField('recurringInvoiceId', { label: 'Recurring Invoice', what: 'The recurring invoice', locator: 'recurringInvoice' });

const recurringInvoiceFields = (mode: BodyMode): FieldDef[] => {
	const required = mode !== 'update';
	return [
		idField('customerId', { label: 'Customer', what: 'Customer the invoices are for', prefix: '0cu', locator: 'customer', required }),
		{
			name: 'schedule',
			type: 'object',
			required,
			description: 'When BILL creates the invoices. Invoice numbers are set to the due date (yyyy-MM-dd).',
			fields: [
				{ name: 'period', type: 'options', options: ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'], default: 'MONTHLY', required, description: 'Time unit of the schedule' },
				{ name: 'frequency', type: 'number', default: 1, min: 1, description: 'Number of periods between invoices (e.g. Monthly with 3 = every 3 months)' },
				{ name: 'nextDueDate', type: 'date', required, description: 'Due date of the next invoice' },
				{ name: 'endDate', type: 'date', description: 'Date after which no invoice is created' },
				{ name: 'daysInAdvance', type: 'number', min: 0, description: 'Days before the due date that each invoice is created' },
			],
		},
		{
			name: 'recurringInvoiceLineItems',
			label: 'Line Items',
			type: 'array',
			required,
			description:
				mode === 'replace'
					? 'All lines of the template: lines left out are removed'
					: mode === 'update'
						? 'Lines to change (by ID) or add'
						: 'Lines of each invoice. Set Price (amount = quantity × price) or Rate Percent, not both.',
			fields: [
				...lineItemIdField(mode),
				{ name: 'amount', type: 'number', description: 'Line amount' },
				{ name: 'quantity', type: 'number' },
				{ name: 'price', type: 'number', description: 'Unit price' },
				{ name: 'ratePercent', type: 'number', description: 'Percentage of the sum of the lines above this one (e.g. -20 for a 20% discount)' },
				{ name: 'description', type: 'string' },
				{ name: 'taxable', type: 'boolean', default: false, description: 'Whether sales tax applies to this line' },
				{ name: 'classifications', type: 'object', fields: invoiceLineClassificationFields },
			],
		},
		{ name: 'description', type: 'string', description: 'Description of the recurring invoice' },
		{ name: 'sendEmail', type: 'boolean', default: false, description: 'Whether BILL emails the customer each invoice it creates' },
		{ name: 'classifications', type: 'object', fields: invoiceClassificationFields },
	];
};

export const recurringInvoice = defineResource({
	value: 'recurringInvoice',
	name: 'Recurring Invoice',
	api: 'connect',
	description: 'Templates from which BILL creates identical invoices on a schedule (accounts receivable)',
	locator: { nameField: 'description', placeholder: 'Recurring invoice ID' },
	operations: [
		listOp(
			{ many: 'recurring invoices' },
			'/v3/recurring-invoices',
			{
				filterFields: ['id', 'customerId', 'archived', 'createdTime', 'updatedTime'],
				sortFields: ['archived', 'createdTime', 'updatedTime'],
			},
			{ source: 'postman' },
		),
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a recurring invoice',
			description: 'Create a recurring invoice: a customer, a schedule and the lines of each invoice',
			method: 'POST',
			path: '/v3/recurring-invoices',
			source: 'postman',
			kind: 'create',
			body: recurringInvoiceFields('create'),
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a recurring invoice',
			description: 'Get a recurring invoice with its schedule and lines',
			method: 'GET',
			path: '/v3/recurring-invoices/{recurringInvoiceId}',
			source: 'postman',
			kind: 'get',
			pathParams: [recurringInvoiceIdParam],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a recurring invoice',
			description: 'Update the fields and lines you set (lines by ID); the others keep their values',
			method: 'PATCH',
			path: '/v3/recurring-invoices/{recurringInvoiceId}',
			source: 'postman',
			kind: 'update',
			pathParams: [recurringInvoiceIdParam],
			body: recurringInvoiceFields('update'),
		},
		{
			operation: 'replace',
			name: 'Replace',
			action: 'Replace a recurring invoice',
			description: 'Replace a whole recurring invoice: add, change or remove lines (lines left out are removed)',
			method: 'PUT',
			path: '/v3/recurring-invoices/{recurringInvoiceId}',
			source: 'postman',
			kind: 'replace',
			pathParams: [recurringInvoiceIdParam],
			body: recurringInvoiceFields('replace'),
		},
		{
			operation: 'archive',
			name: 'Archive',
			action: 'Archive a recurring invoice',
			description: 'Archive a recurring invoice: BILL stops creating its invoices; Restore brings it back',
			method: 'POST',
			path: '/v3/recurring-invoices/{recurringInvoiceId}/archive',
			source: 'postman',
			kind: 'archive',
			pathParams: [recurringInvoiceIdParam],
		},
		{
			operation: 'restore',
			name: 'Restore',
			action: 'Restore a recurring invoice',
			description: 'Restore an archived recurring invoice',
			method: 'POST',
			path: '/v3/recurring-invoices/{recurringInvoiceId}/restore',
			source: 'postman',
			kind: 'restore',
			pathParams: [recurringInvoiceIdParam],
		},
	],
});
