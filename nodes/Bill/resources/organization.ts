import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';
import { organizationFields } from './shared/fields';
import { organizationAdminHint } from './shared/hints';

const organizationId: FieldDef = {
	name: 'organizationId',
	label: 'Organization ID',
	type: 'string',
	required: true,
	idPrefix: '008',
	placeholder: '00801ABCDEFGHIJ1234',
	description: 'Your BILL organization (begins with `008`), the one set in the credential',
};

export const organization = defineResource({
	value: 'organization',
	name: 'Organization',
	api: 'connect',
	description: 'Your BILL organization: details, industry list and price plan',
	operations: [
		{
			operation: 'get',
			name: 'Get',
			action: 'Get an organization',
			description: 'Get the details of your organization: addresses, owner, tax details, industry and business category',
			method: 'GET',
			path: '/v3/organizations/{organizationId}',
			kind: 'get',
			pathParams: [organizationId],
			hint: organizationAdminHint,
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update an organization',
			description: 'Update the organization details you set; the others keep their values',
			method: 'PATCH',
			path: '/v3/organizations/{organizationId}',
			kind: 'update',
			pathParams: [organizationId],
			body: organizationFields,
			hint: organizationAdminHint,
		},
		{
			operation: 'getIndustries',
			name: 'Get Industries',
			action: 'Get organization industries',
			description: 'Get the values BILL accepts for an organization\'s industry field',
			method: 'GET',
			path: '/v3/organizations/industries',
			kind: 'get',
		},
		{
			operation: 'getPricePlan',
			name: 'Get Price Plan',
			action: 'Get an organization price plan',
			description: 'Get the BILL price plan of the organization: monthly price, trial and the tiers of additional charges',
			method: 'GET',
			path: '/v3/organizations/{organizationId}/price-plan',
			kind: 'get',
			pathParams: [organizationId],
			hint: organizationAdminHint,
		},
		{
			operation: 'getBillingStatements',
			name: 'Get Billing Statements',
			action: 'Get organization billing statements',
			description: "List the monthly statements of BILL's charges to the organization, with amount and payment status",
			method: 'GET',
			path: '/v3/organizations/{organizationId}/billing-statements',
			source: 'postman',
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
			pathParams: [organizationId],
			query: [
				{ name: 'invoiceDateFrom', type: 'date', description: 'Only statements dated on or after this date' },
				{ name: 'invoiceDateTo', type: 'date', description: 'Only statements dated on or before this date' },
			],
			hint: organizationAdminHint,
		},
		{
			operation: 'getBillingStatement',
			name: 'Get Billing Statement',
			action: 'Get an organization billing statement',
			description: 'Get one billing statement with its charge details and CSV / PDF download links',
			method: 'GET',
			path: '/v3/organizations/{organizationId}/billing-statements/{billingStatementId}',
			source: 'postman',
			kind: 'get',
			pathParams: [
				organizationId,
				{ name: 'billingStatementId', label: 'Billing Statement ID', type: 'string', required: true, description: 'The statement (its `id` in Get Billing Statements)' },
			],
			hint: organizationAdminHint,
		},
	],
});
