import { BULK, classificationResource, namedClassificationFields, P, standardFilterFields, standardSortFields } from './shared/classification';

export const accountingClass = classificationResource({
	value: 'accountingClass',
	name: 'Accounting Class',
	singular: 'accounting class',
	plural: 'accounting classes',
	pathSegment: 'accounting-classes',
	fields: namedClassificationFields('accounting class', P.accountingClass, 'getAccountingClasses'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.accountingClass,
	responseKey: 'accountingClasses',
	nameField: 'name',
	loadOptions: 'getAccountingClasses',
	description: 'Classes that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});
