import { BULK, classificationResource, namedClassificationFields, P, standardFilterFields, standardSortFields } from './shared/classification';

export const job = classificationResource({
	value: 'job',
	name: 'Job',
	singular: 'job',
	plural: 'jobs',
	pathSegment: 'jobs',
	fields: namedClassificationFields('job', P.job, 'getJobs'),
	bulkLimit: BULK,
	bulkIdsLimit: BULK,
	idPrefix: P.job,
	responseKey: 'jobs',
	nameField: 'name',
	loadOptions: 'getJobs',
	description: 'Jobs (projects) that tag transactions in your general ledger',
	filterFields: [...standardFilterFields(['name', 'shortName']), 'parentId'],
	sortFields: standardSortFields(['name']),
});
