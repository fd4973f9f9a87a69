import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { baseOf, credentialTypeOf, listOperationOf } from '../catalog/kinds';
import { FILTER_OPERATORS, filterCondition, filterFieldsOf, operatorsOf } from '../catalog/filters';
import { OPTION_LISTS } from '../catalog/lists';
import type { FieldDef, OperationDef, ResourceDef } from '../catalog/types';
import { optionsMethodName, searchMethodName } from '../helpers/description';
import { titleFromName } from '../helpers/naming';
import type { EventFamily } from '../transport/credentialTypes';
import { AUTHENTICATION_PARAMETER, CLIENT_ORGANIZATION_PARAMETER, consoleRefused, CONSOLE, OAUTH, oauthRefused, type Authentication } from '../catalog/authentication';
import { billPaginate, type BillRequest } from '../transport/request';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** `nameField` may be a dotted path (bills: `invoice.invoiceNumber`). */
function label(record: IDataObject, nameField: string): string {
	const named = nameField.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as IDataObject)[k] : undefined), record);
	const name = named ?? record.name ?? record.displayName ?? record.id;
	return String(name ?? '');
}

/**
 * The request of a resource's Get Many as the methods send it: the operation's credential (for
 * webhook resources, the one of the node's Event Family) and base, like the operation itself.
 */
function listRequest(ctx: ILoadOptionsFunctions, op: OperationDef, qs: IDataObject): BillRequest {
	const family = op.api === 'webhooks' ? (ctx.getCurrentNodeParameter('eventFamily') as EventFamily | undefined) : undefined;
	// The node's Authentication decides between the sign-in credentials and OAuth (none for partner resources).
	const authentication = op.api === 'partner' ? 'signIn' : ((ctx.getCurrentNodeParameter(AUTHENTICATION_PARAMETER) as Authentication | undefined) ?? 'signIn');
	const refused = authentication === OAUTH ? oauthRefused(op.api, op.resource) : authentication === CONSOLE ? consoleRefused(op.api) : undefined;
	if (refused) throw new NodeOperationError(ctx.getNode(), refused);
	// Accountant Console: the Client Organization ID when it is a plain value (an expression of the item: the credential's default).
	const org = authentication === CONSOLE ? String(ctx.getCurrentNodeParameter(CLIENT_ORGANIZATION_PARAMETER) ?? '') : '';
	return {
		credentialType: credentialTypeOf(op.api, family ?? 'organization', authentication, op.resource),
		...(org && !org.startsWith('=') ? { organizationId: org } : {}),
		base: baseOf(op),
		method: op.method,
		path: op.path,
		qs,
	};
}

/** A `listSearch` method per resource that has a locator: one page of BILL's list, `sw` search on the name. */
export function buildListSearch(resources: ResourceDef[]) {
	const methods: Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>> = {};
	for (const resource of resources) {
		const op = listOperationOf(resource);
		const loc = resource.locator;
		if (!op || !loc) continue;
		methods[searchMethodName(resource.value)] = async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			const searchable = !!(filter && loc.searchField && op.filters);
			const qs: IDataObject = searchable ? { filters: filterCondition(loc.searchField!, 'sw', filter!) } : {};
			let nextPage: string | undefined;
			// One page of the list, through the same pagination as Get Many (page size, token style).
			const records = await billPaginate.call(this, listRequest(this, op, qs), {
				style: op.pagination ?? 'page',
				limit: op.maxPageSize ?? 100,
				maxPageSize: op.maxPageSize ?? 100,
				itemsKey: op.response?.unwrap,
				startToken: paginationToken,
				onNextPage: (token) => (nextPage = token),
				pages: 1,
			});
			const lower = filter?.toLowerCase();
			return {
				results: records
					.filter((r) => !lower || searchable || label(r, loc.nameField).toLowerCase().includes(lower))
					.map((r) => ({ name: label(r, loc.nameField), value: String(r.id) })),
				paginationToken: nextPage,
			};
		};
	}
	return methods;
}

/** Every field of an operation, nested ones included. */
function fieldsOf(op: OperationDef): FieldDef[] {
	const envelope = typeof op.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [];
	const walk = (fields: FieldDef[]): FieldDef[] => fields.flatMap((f) => [f, ...walk(f.fields ?? [])]);
	return walk([...(op.pathParams ?? []), ...(op.query ?? []), ...(op.body ?? []), ...(op.headers ?? []), ...envelope]);
}

/** Load-options method → the resource whose Get Many lists its choices: one for each resource a field picks from (`optionsFrom`). */
export function optionsSources(resources: ResourceDef[]): Record<string, string> {
	const sources: Record<string, string> = {};
	for (const op of resources.flatMap((r) => r.operations)) {
		for (const field of fieldsOf(op)) if (field.optionsFrom) sources[optionsMethodName(field.optionsFrom)] = field.optionsFrom;
	}
	return sources;
}

export function buildLoadOptions(resources: ResourceDef[]) {
	const methods: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {};
	// The fields and operators the current list accepts (catalog/filters.ts): no request.
	const currentList = (ctx: ILoadOptionsFunctions) => {
		const resource = resources.find((r) => r.value === ctx.getCurrentNodeParameter('resource'));
		return resource?.operations.find((o) => o.operation === ctx.getCurrentNodeParameter('operation'));
	};
	methods.getFilterFields = async function (this: ILoadOptionsFunctions) {
		const op = currentList(this);
		return op ? filterFieldsOf(op).map((f) => ({ name: titleFromName(f.name), value: f.name, description: `Operators: ${f.operators.join(', ')}` })).sort(byName) : [];
	};
	methods.getFilterOperators = async function (this: ILoadOptionsFunctions) {
		const op = currentList(this);
		const field = String(this.getCurrentNodeParameter('&field') ?? '');
		const allowed = op ? operatorsOf(op, field) : FILTER_OPERATORS.map((o) => o.value);
		return FILTER_OPERATORS.filter((o) => allowed.includes(o.value));
	};
	methods.getSortFields = async function (this: ILoadOptionsFunctions) {
		const op = currentList(this);
		return (op?.sortFields ?? []).map((f) => ({ name: titleFromName(f), value: f })).sort(byName);
	};
	// Long lists BILL accepts (catalog/lists.ts): no request, the same values the node checks before sending.
	for (const [method, list] of Object.entries(OPTION_LISTS)) {
		methods[method] = async () => list.values.map((value) => ({ name: value, value }));
	}
	for (const [method, value] of Object.entries(optionsSources(resources))) {
		const resource = resources.find((r) => r.value === value);
		const op = resource && listOperationOf(resource);
		if (!resource || !op) throw new Error(`Fields pick from ${value} (load-options method ${method}), which has no Get Many`);
		methods[method] = async function (this: ILoadOptionsFunctions) {
			const records = await billPaginate.call(this, listRequest(this, op, op.filters ? { filters: 'archived:eq:false' } : {}), {
				style: op.pagination ?? 'page',
				limit: 500,
				maxPageSize: op.maxPageSize ?? 100,
				itemsKey: op.response?.unwrap,
			});
			return records
				.map((r) => ({ name: label(r, resource.locator?.nameField ?? 'name'), value: String(r.id) }))
				.sort((a, b) => a.name.localeCompare(b.name));
		};
	}
	return methods;
}
