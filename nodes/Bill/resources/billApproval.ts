import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { idField } from './shared/ids';

/**
 * Bill approvals (BILL v3, November 2025): approval policies decide which bills need approval and by
 * whom; approvers then approve or deny the bills waiting for them. BILL refuses to pay a bill whose
 * approvals are not complete (except for Administrators).
 */

const approverRolesHint =
	'Users with the Administrator, Accountant or Approver role can manage approvals. An Administrator can pay a bill whatever its approval status.';

const policyIdParam: FieldDef = {
	name: 'policyId',
	label: 'Policy ID',
	type: 'string',
	required: true,
	description: 'The approval policy, as {organizationId}-{uniqueId} (see Get Policies)',
};

/** Policy body: written once for Create Policy and Update Policy (BILL replaces the whole policy). */
const policyFields: FieldDef[] = [
	{ name: 'policyName', type: 'string', required: true, placeholder: 'Bills of $1,000 or more', description: 'Name of the policy' },
	{
		name: 'rules',
		type: 'array',
		required: true,
		description: 'Conditions a bill must meet for the policy to apply; BILL evaluates them in this order',
		fields: [
			{
				name: 'key',
				type: 'options',
				required: true,
				default: 'BILL_AMOUNT',
				options: [
					{ name: 'Bill Amount', value: 'BILL_AMOUNT' },
					{ name: 'Vendor', value: 'VENDOR_ID' },
					{ name: 'Chart of Account', value: 'CHART_OF_ACCOUNT_ID' },
					{ name: 'Location', value: 'LOCATION_ID' },
					{ name: 'Job', value: 'JOB_ID' },
				],
				description: 'Bill field the rule tests',
			},
			{
				name: 'op',
				label: 'Operator',
				type: 'options',
				required: true,
				default: 'gte',
				options: [
					{ name: 'Equals', value: 'eq' },
					{ name: 'Greater Than', value: 'gt' },
					{ name: 'Greater Than or Equal', value: 'gte' },
					{ name: 'Less Than', value: 'lt' },
					{ name: 'Less Than or Equal', value: 'lte' },
					{ name: 'In', value: 'in' },
				],
				// [inferred] BILL's examples show gte and lt; the other operators follow its list filter operators.
				description: 'How the bill field is compared with the values',
			},
			{
				name: 'values',
				type: 'stringList',
				required: true,
				placeholder: '1000',
				description: 'Values to compare with, comma-separated (an amount, or vendor / account / location / job IDs)',
			},
		],
	},
	{
		name: 'approvers',
		type: 'stringList',
		required: true,
		description:
			'Who approves, in order: user IDs (begin with `006`) or approval group IDs (begin with `agp`, created in the BILL web app), comma-separated',
	},
];

export const billApproval = defineResource({
	value: 'billApproval',
	name: 'Bill Approval',
	api: 'connect',
	description: 'Approve or deny bills, list the bills waiting for you, and manage bill approval policies',
	operations: [
		{
			operation: 'approveOrDeny',
			name: 'Approve or Deny',
			action: 'Approve or deny bills',
			description:
				'Approve or deny bills as the signed-in approver, with a comment. One bill per input item; BILL takes them in batches. Approved bills can be paid once every approver has approved.',
			method: 'POST',
			path: '/v3/bill-approvals/actions',
			source: 'postman',
			kind: 'updateMany',
			// [inferred] BILL does not state a limit for this array body; 100 matches its other bill batches.
			bulk: { limit: 100 },
			body: [
				idField('billId', { label: 'Bill', what: 'The bill to approve or deny', prefix: '00n', locator: 'bill' }),
				{
					name: 'action',
					type: 'options',
					required: true,
					default: 'APPROVE',
					options: [
						{ name: 'Approve', value: 'APPROVE', description: 'Approve the bill for payment' },
						{ name: 'Deny', value: 'DENY', description: 'Deny the bill; it cannot be paid' },
					],
					description: 'Decision on the bill',
				},
				{ name: 'comment', type: 'string', placeholder: 'Approved for payment', description: 'Comment BILL keeps with the decision' },
			],
			hint: `Only bills waiting for the signed-in user can be approved or denied (see Get Pending Bills). ${approverRolesHint}`,
		},
		{
			operation: 'getPending',
			name: 'Get Pending Bills',
			action: 'Get bills pending my approval',
			description: 'List the bills waiting for the signed-in user to approve them, with vendor, amount and due date',
			method: 'GET',
			path: '/v3/bill-approvals/pending-user-approvals',
			source: 'postman',
			// One response `{bills: [...]}`, no paging: output one item per bill.
			kind: 'get',
			response: { unwrap: 'bills' },
		},
		{
			operation: 'getPolicies',
			name: 'Get Policies',
			action: 'Get bill approval policies',
			description: 'List the bill approval policies of the organization, with their rules and approvers',
			method: 'GET',
			path: '/v3/bill-approvals/policies',
			source: 'postman',
			kind: 'list',
			pagination: 'none',
			response: { array: true },
		},
		{
			operation: 'createPolicy',
			name: 'Create Policy',
			action: 'Create a bill approval policy',
			description:
				'Create an approval policy: bills matching its rules (e.g. amount of $1,000 or more) need its approvers, in order, before they can be paid',
			method: 'POST',
			// BILL's pages disagree: its Postman collection puts Create at /v3/bill-approvals/policies, beside
			// List, Update and Delete under /v3/bill-approvals/policies (API reference updatebillapprovalpolicy);
			// its newer changelog of 2025-11-05 (new-endpoints-bill-approvals) and guide ap-bill-approvals
			// (updated 2026-06-12) write POST /v3/bill-approvals. The node sends the newer path first and the
			// collection's only when BILL answers that the route does not exist (OperationDef.newerPath).
			path: '/v3/bill-approvals/policies',
			newerPath: '/v3/bill-approvals',
			source: 'postman',
			kind: 'create',
			body: policyFields,
			hint: `Bills created or updated after the policy exists get its approvers (set Include Approvers on the bill to see them in its answer). ${approverRolesHint}`,
		},
		{
			operation: 'updatePolicy',
			name: 'Update Policy',
			action: 'Update a bill approval policy',
			description: 'Replace the name, rules and approvers of an approval policy (send them all: BILL replaces the policy)',
			method: 'PUT',
			path: '/v3/bill-approvals/policies/{policyId}',
			source: 'postman',
			kind: 'replace',
			pathParams: [policyIdParam],
			body: policyFields,
		},
		{
			operation: 'deletePolicy',
			name: 'Delete Policy',
			action: 'Delete a bill approval policy',
			description: 'Delete an approval policy. BILL cannot restore it; bills no longer get its approvers.',
			method: 'DELETE',
			path: '/v3/bill-approvals/policies/{policyId}',
			source: 'postman',
			kind: 'delete',
			pathParams: [policyIdParam],
		},
	],
});
