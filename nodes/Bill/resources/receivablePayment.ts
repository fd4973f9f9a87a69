import type { ResourceDef } from '../catalog/types';
import { idField } from './shared/operations';

const receivedPaymentIdParam = idField('receivedPaymentId', {
	label: 'Received Payment',
	what: 'The payment received from a customer',
	locator: 'receivablePayment',
});

export const receivablePayment: ResourceDef = {
	value: 'receivablePayment',
	name: 'Received Payment',
	api: 'connect',
	description: 'Payments received from customers and the invoices they paid (accounts receivable)',
	locator: { nameField: 'referenceNumber', placeholder: 'Received payment ID' },
	operations: [
		{
			resource: 'receivablePayment',
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many received payments',
			description: 'List payments received from customers, with filters and sorting',
			api: 'connect',
			method: 'GET',
			path: '/v3/receivable-payments',
			source: 'postman',
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
			filters: true,
			sort: true,
			filterFields: ['id', 'customerId', 'status', 'paymentDate', 'amount', 'createdTime', 'updatedTime'],
			sortFields: ['paymentDate', 'amount', 'createdTime', 'updatedTime'],
		},
		{
			resource: 'receivablePayment',
			operation: 'get',
			name: 'Get',
			action: 'Get a received payment',
			description: 'Get a received payment: amount, status, the invoices it paid and any unapplied amount',
			api: 'connect',
			method: 'GET',
			path: '/v3/receivable-payments/{receivedPaymentId}',
			source: 'postman',
			kind: 'get',
			pathParams: [receivedPaymentIdParam],
		},
	],
};
