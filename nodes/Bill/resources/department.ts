import { BULK, classificationResource, namedClassificationFields, P, standardFilterFields, standardSortFields } from './shared/classification';

export const department = classificationResource({
	value: 'department',
	name: 'Department',
	singular: 'department',
	plural: 'departments',
	pathSegment: 'departments',
	fields: namedClassificationFields('department', P.department, 'getDepartments'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.department,
	responseKey: 'departments',
	nameField: 'name',
	loadOptions: 'getDepartments',
	description: 'Departments that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});
