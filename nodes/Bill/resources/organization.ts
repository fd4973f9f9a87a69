import type { FieldDef, OperationDef, ResourceDef } from '../catalog/types';
import { addressFields } from './shared/fields';

/** BILL refuses these calls unless the signed-in user has the Administrator role. */
export const adminHint = 'The signed-in BILL user needs the Administrator role for this operation.';

const organizationId: FieldDef = {
	name: 'organizationId',
	label: 'Organization ID',
	type: 'string',
	required: true,
	idPrefix: '008',
	placeholder: '00801ABCDEFGHIJ1234',
	description: 'Your BILL organization (begins with `008`), the one set in the credential',
};

/** Updatable organization details (BILL's PATCH body; the same shape partners create organizations with). */
export const organizationFields: FieldDef[] = [
	{ name: 'name', type: 'string', description: 'Organization name' },
	{ name: 'phone', type: 'string', description: 'Organization phone number' },
	{ name: 'address', type: 'object', description: 'Physical address', fields: addressFields },
	{ name: 'mailingAddress', type: 'object', description: 'Mailing address, when it differs from the physical address', fields: addressFields },
	{
		name: 'companyOwner',
		type: 'object',
		description: 'Owner of the company; BILL uses it for risk verification',
		fields: [
			{ name: 'name', type: 'string', description: 'Owner full name' },
			{ name: 'dateOfBirth', type: 'date', description: 'Owner date of birth (sent as yyyy-MM-dd)' },
		],
	},
	{ name: 'taxId', label: 'Tax ID', type: 'string', description: 'Tax ID the IRS knows the organization by' },
	{ name: 'taxIdType', label: 'Tax ID Type', type: 'options', options: ['EIN', 'SSN'], default: 'EIN', description: 'Kind of tax ID' },
	{ name: 'industry', type: 'string', description: 'Industry, one of the values Organization → Get Industries returns' },
	// BILL's enums for these two are not published in the material we have; examples show
	// INDIVIDUAL / LLC and BUSINESS / EMPLOYEE_OR_INDIVIDUAL, so they stay free text [inferred].
	{ name: 'businessCategory', type: 'string', placeholder: 'LLC', description: 'Legal form of the business in BILL\'s terms, e.g. LLC or INDIVIDUAL' },
	{ name: 'accountType', type: 'string', placeholder: 'BUSINESS', description: 'Account type in BILL\'s terms, e.g. BUSINESS or EMPLOYEE_OR_INDIVIDUAL' },
	{
		name: 'processingOptions',
		type: 'object',
		fields: [
			{
				name: 'mailingAddressSameAsPhysical',
				type: 'boolean',
				default: false,
				description: 'Whether the mailing address is the physical address',
			},
		],
	},
];

const op = (o: Omit<OperationDef, 'resource' | 'api'>): OperationDef => ({ resource: 'organization', api: 'connect', ...o });

export const organization: ResourceDef = {
	value: 'organization',
	name: 'Organization',
	api: 'connect',
	description: 'Your BILL organization: details, industry list and price plan',
	operations: [
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get an organization',
			description: 'Get the details of your organization: addresses, owner, tax details, industry and business category',
			method: 'GET',
			path: '/v3/organizations/{organizationId}',
			kind: 'get',
			pathParams: [organizationId],
			hint: adminHint,
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update an organization',
			description: 'Update the organization details you set; the others keep their values',
			method: 'PATCH',
			path: '/v3/organizations/{organizationId}',
			kind: 'update',
			pathParams: [organizationId],
			body: organizationFields,
			hint: adminHint,
		}),
		op({
			operation: 'getIndustries',
			name: 'Get Industries',
			action: 'Get organization industries',
			description: 'Get the values BILL accepts for an organization\'s industry field',
			method: 'GET',
			path: '/v3/organizations/industries',
			kind: 'get',
		}),
		op({
			operation: 'getPricePlan',
			name: 'Get Price Plan',
			action: 'Get an organization price plan',
			description: 'Get the BILL price plan of the organization: monthly price, trial and the tiers of additional charges',
			method: 'GET',
			path: '/v3/organizations/{organizationId}/price-plan',
			kind: 'get',
			pathParams: [organizationId],
			hint: adminHint,
		}),
		op({
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
			hint: adminHint,
		}),
		op({
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
			hint: adminHint,
		}),
	],
};
