import { classificationResource } from './shared/classification';

export const job = classificationResource({
	value: 'job',
	name: 'Job',
	singular: 'job',
	plural: 'jobs',
	pathSegment: 'jobs',
	responseKey: 'jobs',
	description: 'Jobs (projects) that tag transactions in your general ledger',
});
