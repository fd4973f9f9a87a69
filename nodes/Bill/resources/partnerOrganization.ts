import { defineResource, listOp } from './shared/operations';
import { addressFields, mailingAddressSameAsPhysical, organizationFields, pickFields } from './shared/fields';
import { partnerHint } from './shared/hints';
import { partnerOrganizationIdField } from './shared/partner';

export const partnerOrganization = defineResource({
	value: 'partnerOrganization',
	name: 'Partner Organization',
	api: 'partner',
	description: 'BILL organizations created by your partner account',
	locator: {
		nameField: 'name',
		searchField: 'name',
		idPrefix: '008',
		urlRegex: '(008[0-9A-Za-z]+)',
		placeholder: '00801ABCDEFGHIJ1234',
	},
	operations: [
		listOp(
			{ many: 'partner organizations' },
			'/v3/partner/organizations',
			{
				description: 'List the organizations your partner account created, with filters and sorting',
				filterFields: ['id', 'name', 'archived', 'createdTime', 'updatedTime'],
				sortFields: ['name', 'createdTime', 'updatedTime'],
			},
		),
		{
			operation: 'create',
			name: 'Create',
			action: 'Create an organization',
			description: 'Create a BILL organization as a partner. Next: create a user in it, add the user\'s phone for risk verification, then start risk verification as that user.',
			method: 'POST',
			path: '/v3/partner/organizations',
			kind: 'create',
			hint: `${partnerHint} Set the company owner name: BILL needs it for risk verification and funding accounts.`,
			// The organization shape is written once, in the Connect organization resource (PATCH body).
			body: pickFields(
				organizationFields,
				['name', 'address', 'phone', 'companyOwner', 'mailingAddress', 'taxId', 'taxIdType', 'industry', 'businessCategory', 'accountType', 'processingOptions'],
				{
					name: { required: true, description: 'Organization name (up to 100 characters)' },
					// BILL documents the ACH transfer rules for Update only (changelog 2025-11-05).
					processingOptions: { fields: [mailingAddressSameAsPhysical] },
					address: {
						required: true,
						description: 'Physical address of the organization',
						fields: addressFields.map((f) => (['line1', 'city', 'zipOrPostalCode', 'country'].includes(f.name) ? { ...f, required: true } : f)),
					},
				},
			),
		},
		{
			operation: 'updatePricePlan',
			name: 'Update Price Plan',
			action: 'Update the price plan of an organization',
			description: 'Set the BILL price plan of an organization your partner account created',
			method: 'PATCH',
			path: '/v3/partner/organizations/{organizationId}/price-plan',
			source: 'postman',
			kind: 'update',
			pathParams: [partnerOrganizationIdField('The organization')],
			body: [{ name: 'pricePlanType', type: 'string', required: true, placeholder: 'PricePlan1', description: 'Price plan agreed with BILL for your partner program' }],
			hint: partnerHint,
		},
	],
});
