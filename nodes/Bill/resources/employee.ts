import type { FieldDef } from '../catalog/types';
import { classificationResource, standardFilterFields, standardSortFields } from './shared/classification';

const employeeFields = (forUpdate: boolean, parent: FieldDef): FieldDef[] => [
	{ name: 'firstName', type: 'string', required: !forUpdate, description: 'Employee first name' },
	{ name: 'lastName', type: 'string', required: !forUpdate, description: 'Employee last name' },
	{ name: 'shortName', type: 'string', description: 'Employee short name' },
	parent,
];

export const employee = classificationResource({
	value: 'employee',
	name: 'Employee',
	singular: 'employee',
	plural: 'employees',
	pathSegment: 'employees',
	fields: employeeFields,
	responseKey: 'employees',
	nameField: 'lastName',
	description: 'Employees that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['firstName', 'lastName', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['lastName', 'firstName']),
});
