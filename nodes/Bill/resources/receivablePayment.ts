import { defineResource, listOp } from './shared/operations';
import { idField } from './shared/ids';

const receivedPaymentIdParam = idField('receivedPaymentId', {
	label: 'Received Payment',
	what: 'The payment received from a customer',
	locator: 'receivablePayment',
});

export const receivablePayment = defineResource({
	value: 'receivablePayment',
	name: 'Received Payment',
	api: 'connect',
	description: 'Payments received from customers and the invoices they paid (accounts receivable)',
	locator: { nameField: 'referenceNumber', placeholder: 'Received payment ID' },
	operations: [
		listOp(
			{ many: 'received payments' },
			'/v3/receivable-payments',
			{
				description: 'List payments received from customers, with filters and sorting',
				filterFields: ['id', 'customerId', 'status', 'paymentDate', 'amount', 'createdTime', 'updatedTime'],
				sortFields: ['paymentDate', 'amount', 'createdTime', 'updatedTime'],
			},
			{ source: 'postman' },
		),
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a received payment',
			description: 'Get a received payment: amount, status, the invoices it paid and any unapplied amount',
			method: 'GET',
			path: '/v3/receivable-payments/{receivedPaymentId}',
			source: 'postman',
			kind: 'get',
			pathParams: [receivedPaymentIdParam],
		},
	],
});
