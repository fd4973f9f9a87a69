import type { FieldDef } from '../../catalog/types';

/** Field sets that several Connect resources share. Write a shape once, reuse it. */

export const addressFields: FieldDef[] = [
	{ name: 'line1', type: 'string', description: 'Street address, line 1' },
	{ name: 'line2', type: 'string', description: 'Street address, line 2' },
	{ name: 'city', type: 'string' },
	{ name: 'stateOrProvince', type: 'string', description: 'State or province (two-letter code in the US, e.g. CA)' },
	{ name: 'zipOrPostalCode', type: 'string', label: 'ZIP or Postal Code' },
	{ name: 'country', type: 'string', description: 'Two-letter ISO country code, e.g. US', placeholder: 'US' },
];

/** Classification IDs a bill, invoice or line item can carry. */
export const classificationFields: FieldDef[] = [
	{ name: 'chartOfAccountId', type: 'string', label: 'Chart of Account', optionsFrom: 'chartOfAccount', description: 'Begins with `0ca`' },
	{ name: 'accountingClassId', type: 'string', label: 'Accounting Class', optionsFrom: 'accountingClass' },
	{ name: 'departmentId', type: 'string', label: 'Department', optionsFrom: 'department' },
	{ name: 'employeeId', type: 'string', label: 'Employee', optionsFrom: 'employee' },
	{ name: 'jobId', type: 'string', label: 'Job', optionsFrom: 'job' },
	{ name: 'locationId', type: 'string', label: 'Location', optionsFrom: 'location' },
	{ name: 'itemId', type: 'string', label: 'Item', optionsFrom: 'item' },
];

/** Classifications of a bill or invoice line item: the header set plus the customer a line is billed to. */
export const lineItemClassificationFields: FieldDef[] = [
	...classificationFields,
	{ name: 'customerId', type: 'string', label: 'Customer', description: 'Customer the line is billable to. Begins with `0cu`.' },
];

/** Classifications BILL keeps on a bill header (no employee, job or customer there). */
export const headerClassificationFields: FieldDef[] = classificationFields.filter((f) =>
	['chartOfAccountId', 'accountingClassId', 'departmentId', 'locationId', 'itemId'].includes(f.name),
);

/** Payment purpose for international payments (see the vendor's configuration for the codes BILL accepts). */
export const paymentPurposeFields: FieldDef[] = [
	{ name: 'text', type: 'string', description: 'Free-text purpose, when the vendor configuration asks for text' },
	{
		name: 'code',
		type: 'object',
		description: 'Purpose code, when the vendor configuration asks for a code',
		fields: [
			{ name: 'name', type: 'string' },
			{ name: 'value', type: 'string' },
		],
	},
];


/** Copy the named fields of a set, in the order given, optionally changing some properties. */
export function pickFields(fields: FieldDef[], names: string[], overrides: Record<string, Partial<FieldDef>> = {}): FieldDef[] {
	return names.map((name) => {
		const field = fields.find((f) => f.name === name);
		if (!field) throw new Error(`pickFields: no field ${name}`);
		return { ...field, ...(overrides[name] ?? {}) };
	});
}

/** ID prefixes of the classification objects (BILL's "BILL-generated IDs" page). */
export const classificationIdPrefixes = {
	chartOfAccount: '0ca',
	accountingClass: 'cls',
	department: '0de',
	employee: 'emp',
	item: '0ii',
	job: 'job',
	location: 'loc',
} as const;

/** First and last name of a contact person (customer contact). */
export const contactNameFields: FieldDef[] = [
	{ name: 'firstName', type: 'string', description: 'Contact first name' },
	{ name: 'lastName', type: 'string', description: 'Contact last name' },
];

/** Classifications of an invoice line item (BILL's invoice line `classifications` object). */
export const invoiceLineClassificationFields: FieldDef[] = pickFields(classificationFields, [
	'chartOfAccountId',
	'accountingClassId',
	'departmentId',
	'jobId',
	'locationId',
	'itemId',
]);

/** Classifications BILL keeps on an invoice header. */
export const invoiceClassificationFields: FieldDef[] = pickFields(classificationFields, [
	'accountingClassId',
	'departmentId',
	'jobId',
	'locationId',
]);

/** Account types BILL accepts for customers (and vendors). */
export const counterpartyAccountTypeOptions = ['BUSINESS', 'PERSON', 'NONE'];

/** Bank account types and owner types BILL accepts (vendor and organization bank accounts). */
export const bankAccountTypeOptions = ['CHECKING', 'SAVINGS'];
export const bankAccountOwnerTypeOptions = ['BUSINESS', 'PERSONAL'];

export const mailingAddressSameAsPhysical: FieldDef = {
	name: 'mailingAddressSameAsPhysical',
	type: 'boolean',
	default: false,
	description: 'Whether the mailing address is the physical address',
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
			mailingAddressSameAsPhysical,
			// BILL changelog 2025-11-05 (organizations API improvements): set on Update; both default to false.
			// [inferred] placement under processingOptions: the changelog names the fields, not their parent.
			{
				name: 'individualTransferOut',
				type: 'boolean',
				default: false,
				description: 'Whether each vendor payment is a separate ACH transfer (false: one daily batch)',
			},
			{
				name: 'individualTransferIn',
				type: 'boolean',
				default: false,
				description: 'Whether each customer payment is a separate ACH transfer (false: one daily batch)',
			},
		],
	},
];

/**
 * Which body an object with line items gets: `create` a new one (and each element of Create Many),
 * `replace` (PUT) the whole object, lines left out are removed; `update` (PATCH) only what is set.
 */
export type BodyMode = 'create' | 'replace' | 'update';

/**
 * The `id` of an existing line item, offered on Replace and Update only (create adds new lines).
 * Replace: lines left out are removed; Update: only the lines named change.
 */
export function lineItemIdField(mode: BodyMode, idPrefix?: string): FieldDef[] {
	if (mode === 'create') return [];
	const prefix = idPrefix ? ` (begins with \`${idPrefix}\`)` : '';
	return [
		{
			name: 'id',
			label: 'Line Item ID',
			type: 'string',
			...(idPrefix ? { idPrefix } : {}),
			description:
				mode === 'replace'
					? `ID of an existing line to keep or change${prefix}. Leave empty to add a line; lines whose ID you leave out are removed.`
					: `ID of the existing line to change${prefix}. Leave empty to add a line.`,
		},
	];
}
