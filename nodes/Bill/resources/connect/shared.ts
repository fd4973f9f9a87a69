import type { FieldDef } from '../../catalog/types';

/** Field sets that several Connect resources share. Write a shape once, reuse it. */

export const addressFields: FieldDef[] = [
	{ name: 'line1', type: 'string', description: 'Street address, line 1' },
	{ name: 'line2', type: 'string', description: 'Street address, line 2' },
	{ name: 'city', type: 'string' },
	{ name: 'stateOrProvince', type: 'string', description: 'State or province (two-letter code in the US, e.g. CA)' },
	{ name: 'zipOrPostalCode', type: 'string', displayName: 'ZIP or Postal Code' },
	{ name: 'country', type: 'string', description: 'Two-letter ISO country code, e.g. US', placeholder: 'US' },
];

/** Classification IDs a bill, invoice or line item can carry. */
export const classificationFields: FieldDef[] = [
	{ name: 'chartOfAccountId', type: 'string', displayName: 'Chart of Account', loadOptions: 'getChartOfAccounts', description: 'Begins with `0ca`' },
	{ name: 'accountingClassId', type: 'string', displayName: 'Accounting Class', loadOptions: 'getAccountingClasses' },
	{ name: 'departmentId', type: 'string', displayName: 'Department', loadOptions: 'getDepartments' },
	{ name: 'employeeId', type: 'string', displayName: 'Employee', loadOptions: 'getEmployees' },
	{ name: 'jobId', type: 'string', displayName: 'Job', loadOptions: 'getJobs' },
	{ name: 'locationId', type: 'string', displayName: 'Location', loadOptions: 'getLocations' },
	{ name: 'itemId', type: 'string', displayName: 'Item', loadOptions: 'getItems' },
];

export const currencyOptions = ['USD', 'CAD', 'EUR', 'GBP', 'AUD', 'MXN', 'JPY', 'CHF', 'CNY', 'INR'];
