import type { FieldDef } from '../catalog/types';
import { archiveOp, defineResource, getOp, listOp, type Noun, restoreOp } from './shared/operations';
import { idField, recurringBillIdParam } from './shared/ids';
import { type BodyMode, lineItemClassificationFields, lineItemIdField } from './shared/fields';
import { FILTERS } from './shared/filters';

const noun: Noun = { one: 'recurring bill', many: 'recurring bills' };

const lineItemFields = (mode: BodyMode): FieldDef[] => [
	...lineItemIdField(mode),
	{ name: 'amount', type: 'number' },
	{ name: 'description', type: 'string' },
	{ name: 'quantity', type: 'number' },
	{ name: 'classifications', type: 'object', description: 'How this line is classified in your books', fields: lineItemClassificationFields },
];

/** Body of a recurring bill, written once for Create, Replace and Update. */
const recurringBillFields = (mode: BodyMode): FieldDef[] => {
	const required = mode !== 'update';
	return [
		idField('vendorId', { label: 'Vendor', what: 'The vendor who bills you', prefix: '009', locator: 'vendor', required }),
		{
			name: 'schedule',
			type: 'object',
			required,
			description: 'When BILL creates the bills',
			fields: [
				{ name: 'period', type: 'options', options: ['WEEKLY', 'MONTHLY', 'YEARLY'], default: 'MONTHLY', required },
				{ name: 'frequency', type: 'number', default: 1, min: 1, description: 'Every how many periods a bill is created (1 = every period)' },
				{ name: 'nextDueDate', type: 'date', required, description: 'Due date of the next bill' },
				{ name: 'endDate', type: 'date', description: 'Date after which no more bills are created' },
				{ name: 'daysInAdvance', type: 'number', description: 'Days before the due date that each bill is created' },
			],
		},
		{
			name: 'recurringBillLineItems',
			label: 'Line Items',
			type: 'array',
			required,
			description:
				mode === 'replace'
					? 'All lines of the recurring bill: lines left out are removed'
					: mode === 'update'
						? 'Lines to change (by ID) or add'
						: 'Lines of each bill',
			fields: lineItemFields(mode),
		},
		{ name: 'description', type: 'string', description: 'Description of the recurring bill (e.g. your invoice number scheme)' },
		{
			name: 'processingOptions',
			type: 'object',
			fields: [
				{
					name: 'autoPayment',
					type: 'boolean',
					default: false,
					description: 'Whether BILL pays each bill automatically. Enabling it in production needs an MFA-trusted session.',
				},
			],
		},
		{
			name: 'paymentInformation',
			type: 'object',
			fields: [
				{
					name: 'bankAccountId',
					label: 'Bank Account',
					type: 'string',
					optionsFrom: 'bankAccount',
					idPrefix: 'bac',
					description: 'Bank account automatic payments come from. Begins with `bac`.',
				},
			],
		},
	];
};

export const recurringBill = defineResource({
	value: 'recurringBill',
	name: 'Recurring Bill',
	api: 'connect',
	description: 'Schedules that create the same bill every week, month or year',
	locator: { nameField: 'description' },
	simplifyFields: ['id', 'vendorId', 'description', 'schedule', 'processingOptions', 'archived'],
	operations: [
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a recurring bill',
			description: 'Create a recurring bill: BILL creates a bill for the vendor on each date of the schedule',
			method: 'POST',
			path: '/v3/recurringbills',
			kind: 'create',
			body: recurringBillFields('create'),
		},
		getOp(noun, '/v3/recurringbills/{recurringBillId}', recurringBillIdParam),
		listOp(noun, '/v3/recurringbills', {
			filterFields: FILTERS.recurringBill,
			sortFields: ['archived', 'createdTime', 'updatedTime'],
		}),
		{
			operation: 'replace',
			name: 'Replace',
			action: 'Replace a recurring bill',
			description:
				'Send the whole recurring bill again: lines with an ID are kept or changed, lines without one are added, existing lines you leave out are removed. All future bills change.',
			method: 'PUT',
			path: '/v3/recurringbills/{recurringBillId}',
			kind: 'replace',
			pathParams: [recurringBillIdParam],
			body: recurringBillFields('replace'),
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a recurring bill',
			description: 'Update the fields you set; change a line by its ID or add one without an ID. All future bills change.',
			method: 'PATCH',
			path: '/v3/recurringbills/{recurringBillId}',
			kind: 'update',
			pathParams: [recurringBillIdParam],
			body: recurringBillFields('update'),
		},
		archiveOp(noun, '/v3/recurringbills/{recurringBillId}/archive', recurringBillIdParam),
		restoreOp(noun, '/v3/recurringbills/{recurringBillId}/restore', recurringBillIdParam),
	],
});
