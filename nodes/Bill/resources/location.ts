import { BULK, classificationResource, namedClassificationFields, P, standardFilterFields, standardSortFields } from './shared/classification';

export const location = classificationResource({
	value: 'location',
	name: 'Location',
	singular: 'location',
	plural: 'locations',
	pathSegment: 'locations',
	fields: namedClassificationFields('location', P.location, 'getLocations'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.location,
	responseKey: 'locations',
	nameField: 'name',
	loadOptions: 'getLocations',
	description: 'Locations that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});
