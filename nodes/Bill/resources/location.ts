import { classificationResource } from './shared/classification';

export const location = classificationResource({
	value: 'location',
	name: 'Location',
	singular: 'location',
	plural: 'locations',
	pathSegment: 'locations',
	responseKey: 'locations',
	description: 'Locations that tag transactions in your general ledger',
});
