import { classificationResource } from './shared/classification';

export const accountingClass = classificationResource({
	value: 'accountingClass',
	name: 'Accounting Class',
	singular: 'accounting class',
	plural: 'accounting classes',
	pathSegment: 'accounting-classes',
	responseKey: 'accountingClasses',
	description: 'Classes that tag transactions in your general ledger',
});
