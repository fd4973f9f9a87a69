import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import type { ResourceDef } from '../catalog/types';
import { searchMethodName } from '../helpers/description';
import { filterValue } from '../helpers/executor';
import { credentialTypeOf } from '../transport/credentialTypes';
import { billPaginate, billRequest } from '../transport/request';


function listOperation(resource: ResourceDef) {
	return resource.operations.find((o) => o.operation === 'getAll' && o.kind === 'list');
}

function label(record: IDataObject, nameField: string): string {
	// `nameField` may be a dotted path (bills: `invoice.invoiceNumber`).
	const named = nameField.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as IDataObject)[k] : undefined), record);
	const name = named ?? record.name ?? record.displayName ?? record.id;
	return String(name ?? '');
}

/** A `listSearch` method per resource that has a locator: one page of BILL's list, `sw` search on the name. */
export function buildListSearch(resources: ResourceDef[]) {
	const methods: Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>> = {};
	for (const resource of resources) {
		const op = listOperation(resource);
		const loc = resource.locator;
		if (!op || !loc) continue;
		methods[searchMethodName(resource.value)] = async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			const qs: IDataObject = { max: 100 };
			if (filter && loc.searchField && op.filters) qs.filters = `${loc.searchField}:sw:${filterValue('sw', filter)}`;
			if (paginationToken) qs[op.pagination === 'nextPage' ? 'nextPage' : 'page'] = paginationToken;
			const response = (await billRequest.call(this, { credentialType: credentialTypeOf(resource.api), method: 'GET', path: op.path, qs })) as IDataObject;
			const records = (Array.isArray(response) ? response : ((response?.results as IDataObject[]) ?? [])) as IDataObject[];
			const lower = filter?.toLowerCase();
			return {
				results: records
					.filter((r) => !lower || op.filters || label(r, loc.nameField).toLowerCase().includes(lower))
					.map((r) => ({ name: label(r, loc.nameField), value: String(r.id) })),
				paginationToken: typeof response?.nextPage === 'string' ? response.nextPage : undefined,
			};
		};
	}
	return methods;
}

/** loadOptions method name → resource whose Get Many lists the choices (small lists). */
export const LOAD_OPTIONS_SOURCES: Record<string, string> = {
	getChartOfAccounts: 'chartOfAccount',
	getAccountingClasses: 'accountingClass',
	getDepartments: 'department',
	getEmployees: 'employee',
	getJobs: 'job',
	getLocations: 'location',
	getItems: 'item',
	getRoles: 'role',
	getBankAccounts: 'bankAccount',
};

export function buildLoadOptions(resources: ResourceDef[]) {
	const methods: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {};
	for (const [method, value] of Object.entries(LOAD_OPTIONS_SOURCES)) {
		methods[method] = async function (this: ILoadOptionsFunctions) {
			const resource = resources.find((r) => r.value === value);
			const op = resource && listOperation(resource);
			if (!resource || !op) return [];
			const records = await billPaginate.call(
				this,
				{ credentialType: credentialTypeOf(resource.api), method: 'GET', path: op.path, qs: op.filters ? { filters: 'archived:eq:false' } : {} },
				{ style: op.pagination ?? 'page', limit: 500, maxPageSize: op.maxPageSize ?? 100 },
			);
			return records
				.map((r) => ({ name: label(r, resource.locator?.nameField ?? 'name'), value: String(r.id) }))
				.sort((a, b) => a.name.localeCompare(b.name));
		};
	}
	return methods;
}
