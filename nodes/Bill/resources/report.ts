import { defineResource } from './shared/operations';
import { vendorIdParam } from './shared/ids';

/** BILL reports: the audit trail of a vendor. */
export const report = defineResource({
	value: 'report',
	name: 'Report',
	api: 'connect',
	description: 'Audit trails',
	operations: [
		{
			operation: 'getVendorAuditTrail',
			name: 'Get Vendor Audit Trail',
			action: 'Get the audit trail of a vendor',
			description:
				'List who created and changed a vendor, field by field (previous and current value of each change), one item per record',
			method: 'GET',
			path: '/v3/reports/audit-trail/vendor/{vendorId}',
			kind: 'list',
			pagination: 'start',
			maxPageSize: 100,
			pathParams: [vendorIdParam],
			response: { array: true },
			query: [{ name: 'includeArchived', type: 'boolean', default: false, description: 'Whether records of archived objects are included' }],
		},
	],
});
