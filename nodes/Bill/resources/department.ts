import { classificationResource } from './shared/classification';

export const department = classificationResource({
	value: 'department',
	name: 'Department',
	singular: 'department',
	plural: 'departments',
	pathSegment: 'departments',
	responseKey: 'departments',
	description: 'Departments that tag transactions in your general ledger',
});
