import type { FieldDef } from '../catalog/types';
import { BULK, classificationResource, P, parentField, standardFilterFields, standardSortFields } from './shared/classification';

const employeeFields = (forUpdate: boolean): FieldDef[] => [
	{ name: 'firstName', type: 'string', required: !forUpdate, description: 'Employee first name' },
	{ name: 'lastName', type: 'string', required: !forUpdate, description: 'Employee last name' },
	{ name: 'shortName', type: 'string', description: 'Employee short name' },
	parentField('employee', P.employee, 'getEmployees'),
];

export const employee = classificationResource({
	value: 'employee',
	name: 'Employee',
	singular: 'employee',
	plural: 'employees',
	pathSegment: 'employees',
	fields: employeeFields,
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.employee,
	responseKey: 'employees',
	nameField: 'lastName',
	loadOptions: 'getEmployees',
	description: 'Employees that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['firstName', 'lastName', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['lastName', 'firstName']),
});
