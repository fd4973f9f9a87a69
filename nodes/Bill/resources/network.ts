import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { customerIdParam } from './shared/ids';
import { emailLimitHint } from './shared/hints';

const vendorId: FieldDef = {
	name: 'vendorId',
	label: 'Vendor',
	type: 'string',
	required: true,
	locator: 'vendor',
	idPrefix: '009',
	description: 'The vendor record in your organization. IDs begin with `009`.',
};

const networkIdField: FieldDef = {
	name: 'networkId',
	label: 'Network ID',
	type: 'string',
	required: true,
	description:
		'Payment Network ID (PNI) of the organization to connect with, from Network → Search. Verified national vendors\' IDs begin with `0rv`.',
};

/** Body of a connection request to a customer or vendor organization in the BILL Network. */
const invitationFields: FieldDef[] = [
	networkIdField,
	{
		name: 'networkType',
		type: 'options',
		required: true,
		default: 'BILL',
		options: [
			{ name: 'BILL Network', value: 'BILL' },
			{ name: 'Verified National Vendor (RPPS)', value: 'RPPS' },
		],
		description: 'Network the organization belongs to',
	},
	{
		name: 'rppsInformation',
		label: 'RPPS Information',
		type: 'object',
		description: 'Needed when Network Type is RPPS: your account number with the verified national vendor and its billing address ID',
		fields: [
			{ name: 'accountNumber', type: 'string', description: 'Your account number with the vendor (e.g. on its statement)' },
			{ name: 'addressId', label: 'Address ID', type: 'string', description: 'Billing address ID of the verified national vendor, from the search results' },
		],
	},
];

const inviteHint = `${emailLimitHint} If the organization has auto-connections on, BILL connects at once; otherwise it emails an invitation that expires after 60 days.`;

export const network = defineResource({
	value: 'network',
	name: 'Network',
	api: 'connect',
	description: 'The BILL Network: find organizations and connect your customers and vendors for electronic payments',
	operations: [
		{
			operation: 'search',
			name: 'Search',
			action: 'Search the BILL network',
			description:
				'Search the BILL Network and verified national vendors (RPPS) for an organization by name. In the BILL Network the name must be a whole word of at least three characters.',
			method: 'GET',
			path: '/v3/network',
			kind: 'list',
			pagination: 'none',
			query: [
				{ name: 'name', type: 'string', required: true, description: 'Organization name to search for (a whole word, at least three characters)' },
				{
					name: 'scope',
					type: 'options',
					default: 'BILL',
					options: [
						{ name: 'BILL Network', value: 'BILL' },
						{ name: 'Verified National Vendors (RPPS)', value: 'RPPS' },
						{ name: 'All', value: 'ALL' },
					],
					description: 'Which network to search',
				},
				{ name: 'zipOrPostalCode', label: 'ZIP or Postal Code', type: 'string', description: 'Narrow RPPS results by ZIP or postal code' },
				{ name: 'accountNumber', type: 'string', description: 'Narrow RPPS results by your account number with the vendor' },
			],
		},
		{
			operation: 'acceptInvitation',
			name: 'Accept Invitation',
			action: 'Accept a network invitation',
			description:
				'Accept a connection request a customer or vendor organization sent you, linking it to an existing record or a new one. Only needed when auto-connections are off.',
			method: 'POST',
			path: '/v3/network/invitation/accept',
			kind: 'action',
			body: [
				networkIdField,
				{
					name: 'type',
					type: 'options',
					required: true,
					default: 'VENDOR',
					options: [
						{ name: 'Customer', value: 'CUSTOMER', description: 'The sender becomes (or is) your customer' },
						{ name: 'Vendor', value: 'VENDOR', description: 'The sender becomes (or is) your vendor' },
					],
					description: 'What the sender is to you',
				},
				{ name: 'id', label: 'Existing Record ID', type: 'string', description: 'Your existing vendor (`009…`) or customer (`0cu…`) to connect' },
				{ name: 'name', type: 'string', description: 'Name of a new vendor or customer BILL creates for the connection (instead of an existing ID)' },
			],
			response: { empty: true },
		},
		{
			operation: 'getCustomerInvitation',
			name: 'Get Customer Invitation',
			action: 'Get a customer invitation status',
			description: 'Get the status of the connection request sent to a customer (NOT_CONNECTED, PENDING or CONNECTED)',
			method: 'GET',
			path: '/v3/network/invitation/customer/{customerId}',
			kind: 'get',
			pathParams: [customerIdParam],
		},
		{
			operation: 'inviteCustomer',
			name: 'Invite Customer',
			action: 'Invite a customer to connect',
			description: 'Send a connection request to a customer organization in the BILL Network and link it to your customer record',
			method: 'POST',
			path: '/v3/network/invitation/customer/{customerId}',
			kind: 'action',
			pathParams: [customerIdParam],
			body: invitationFields,
			hint: inviteHint,
			response: { empty: true },
		},
		{
			operation: 'deleteCustomerConnection',
			name: 'Delete Customer Connection',
			action: 'Delete a customer connection',
			description:
				'Disconnect a customer organization or cancel a pending request. BILL refuses while payments are scheduled or in process.',
			method: 'DELETE',
			path: '/v3/network/invitation/customer/{customerId}',
			kind: 'delete',
			pathParams: [customerIdParam],
			response: { empty: true },
		},
		{
			operation: 'getVendorInvitation',
			name: 'Get Vendor Invitation',
			action: 'Get a vendor invitation status',
			description: 'Get the status of the connection request sent to a vendor (NOT_CONNECTED, PENDING or CONNECTED)',
			method: 'GET',
			path: '/v3/network/invitation/vendor/{vendorId}',
			kind: 'get',
			pathParams: [vendorId],
		},
		{
			operation: 'inviteVendor',
			name: 'Invite Vendor',
			action: 'Invite a vendor to connect',
			description:
				'Send a connection request to a vendor organization in the BILL Network (or connect a verified national vendor) and link it to your vendor record',
			method: 'POST',
			path: '/v3/network/invitation/vendor/{vendorId}',
			kind: 'action',
			mfa: true,
			pathParams: [vendorId],
			body: invitationFields,
			hint: inviteHint,
			response: { empty: true },
		},
		{
			operation: 'deleteVendorConnection',
			name: 'Delete Vendor Connection',
			action: 'Delete a vendor connection',
			description:
				'Disconnect a vendor organization or cancel a pending request. BILL refuses while payments are scheduled or in process.',
			method: 'DELETE',
			path: '/v3/network/invitation/vendor/{vendorId}',
			kind: 'delete',
			pathParams: [vendorId],
			response: { empty: true },
		},
		{
			operation: 'inviteVendorByEmail',
			name: 'Invite Vendor by Email',
			action: 'Invite a vendor not in the network',
			description:
				'Email an invitation to a vendor that is not in the BILL Network; when it signs up, BILL connects it to your vendor record. The invitation expires after 60 days.',
			method: 'POST',
			path: '/v3/network/invitation/vendor/{vendorId}/email',
			kind: 'action',
			pathParams: [vendorId],
			body: [{ name: 'email', type: 'string', required: true, placeholder: 'ar@vendor.com', description: 'Vendor email address the invitation goes to' }],
			hint: emailLimitHint,
			response: { empty: true },
		},
	],
});
