import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { bulkOfIds, credentialTypeOf, hasJsonBody, isBulk, kindOf } from '../catalog/kinds';
import { actionOf } from '../catalog/money';
import { toolOperationProperties, toolProperties } from '../actions/tool';
import { OPTION_LISTS } from '../catalog/lists';
import type { FieldDef, OperationDef, ResourceDef } from '../catalog/types';
import { EVENT_FAMILY_CREDENTIAL, type EventFamily } from '../transport/credentialTypes';
import { consoleRefused, CONSOLE, OAUTH, oauthRefused } from '../catalog/authentication';
import { compactProperties } from './compact';
import { optionName, titleFromName } from './naming';

/**
 * Turns the table of operations into the node's parameters. Nothing here knows about a particular
 * endpoint: change the table, and the UI follows.
 */

export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

/** Parameter names the builder adds itself (kept stable: workflows store them). */
export const P = {
	returnAll: 'returnAll',
	limit: 'limit',
	filters: 'filters',
	sort: 'sort',
	options: 'options',
	additionalFields: 'additionalFields',
	updateFields: 'updateFields',
	specifyBody: 'specifyBody',
	jsonBody: 'jsonBody',
	binaryProperty: 'binaryPropertyName',
	fileName: 'fileName',
	id: 'id',
	simplify: 'simplify',
	eventFamily: 'eventFamily',
	matchOn: 'matchOn',
	authentication: 'authentication',
	clientOrganizationId: 'clientOrganizationId',
} as const;

/** The option of a create with a duplicate guard (OperationDef.duplicateGuard): one option, shared by Bill and Invoice Create. */
export const SKIP_EXISTING = 'skipExisting';

/**
 * Match On of Create or Update (OperationDef.upsert): one parameter for every resource that has it
 * (a lean description), its choices the keys of all of them; a key some resources lack names those
 * that have it, and the node refuses it elsewhere before sending anything.
 */
function matchOnParameter(resources: ResourceDef[]): INodeProperties {
	const withUpsert = resources.flatMap((r) => r.operations.filter((o) => o.upsert).map((o) => ({ resource: r, op: o })));
	const keys = [...new Set(withUpsert.flatMap((u) => u.op.upsert!.keys))];
	const options = keys.map((k) => {
		const having = withUpsert.filter((u) => u.op.upsert!.keys.includes(k));
		const field = having[0].op.body?.find((f) => f.name === k);
		const label = field ? displayNameOf(field) : k;
		return { name: having.length === withUpsert.length ? label : `${label} (${having.map((u) => `${u.resource.name}s`).join(', ')})`, value: k };
	});
	const firstKey = keys[0];
	return {
		displayName: 'Match On',
		name: P.matchOn,
		type: 'options',
		options,
		default: firstKey,
		description: 'The field whose value in this item finds the record to update (set it below)',
	};
}

/**
 * Display conditions of a parameter within its operation's form (conditions on other parameters);
 * where each form is shown (resource, operation) is added when the forms are laid out (compact.ts).
 */
function show(_op: OperationDef, extra: Record<string, Array<string | boolean>> = {}) {
	return Object.keys(extra).length ? { show: extra } : undefined;
}

/** The table writes BILL's values in `backticks`; n8n shows descriptions as plain text. */
export function plain(text: string | undefined): string | undefined {
	return text?.replace(/`([^`]*)`/g, '$1');
}

export function displayNameOf(field: FieldDef): string {
	return field.label ?? titleFromName(field.name);
}

function sortedOptions(field: FieldDef): INodePropertyOptions[] {
	return (field.options ?? [])
		.map((o) => (typeof o === 'string' ? { name: optionName(o), value: o } : { name: o.name, value: o.value, description: plain(o.description) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function byDisplayName(a: INodeProperties, b: INodeProperties) {
	return a.displayName.localeCompare(b.displayName);
}

/**
 * One table field → one n8n parameter (recursively for objects and arrays). `inRow`: a value of a
 * row of an array field, which n8n shows (with its default) as soon as the row is added.
 */
export function fieldToProperty(field: FieldDef, resources: ResourceDef[], topLevel: boolean, inRow = false): INodeProperties {
	const base = {
		displayName: displayNameOf(field),
		name: field.name,
		description: plain(field.description),
		...(topLevel && field.required ? { required: true } : {}),
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
	};
	if (field.locator) {
		const target = resources.find((r) => r.value === field.locator);
		if (target?.locator) return { ...base, ...locatorProperty(target), default: { mode: 'list', value: '' } } as INodeProperties;
	}
	// n8n's wording for a list loaded from a method, on top-level parameters; nested ones (the
	// classifications of every line, repeated hundreds of times) keep only their own description.
	const fromList = (what: string) =>
		topLevel ? `${field.description ? `${plain(field.description)}. ` : ''}Choose from the list, or specify ${what} using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.` : plain(field.description);
	if (field.optionList) {
		const list = OPTION_LISTS[field.optionList];
		return { ...base, type: 'options', typeOptions: { loadOptionsMethod: field.optionList }, default: field.default ?? '', description: fromList(`a ${list.what}`) };
	}
	if (field.optionsFrom) {
		return { ...base, type: 'options', typeOptions: { loadOptionsMethod: optionsMethodName(field.optionsFrom) }, default: '', description: fromList('an ID') };
	}
	switch (field.type) {
		case 'number':
			return {
				...base,
				type: 'number',
				// An optional number of a row shows empty: it is not sent unless filled in (values.ts).
				default: typeof field.default === 'number' ? field.default : inRow && !field.required ? null : 0,
				typeOptions: { ...(field.min !== undefined ? { minValue: field.min } : {}), ...(field.max !== undefined ? { maxValue: field.max } : {}), numberPrecision: field.integer ? 0 : 2 },
			};
		case 'boolean':
			if (inRow && !field.required) {
				// A row shows all its values at once: an optional yes/no of a row offers BILL's default too, so
				// that a value the user did not choose is not sent (and an explicit No still is).
				return {
					...base,
					type: 'options',
					options: [
						{ name: "BILL's Default", value: 'default', description: 'Not sent: BILL decides' },
						{ name: 'Yes', value: true },
						{ name: 'No', value: false },
					],
					default: 'default',
				};
			}
			return { ...base, type: 'boolean', default: typeof field.default === 'boolean' ? field.default : false };
		case 'date':
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'options': {
			const options = sortedOptions(field);
			return { ...base, type: 'options', options, default: field.default ?? options[0]?.value ?? '' };
		}
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: sortedOptions(field), default: [] };
		case 'json':
			return { ...base, type: 'json', default: field.default ?? '{}' };
		case 'object': {
			const options = (field.fields ?? []).map((f) => fieldToProperty(f, resources, false)).sort(byDisplayName);
			return {
				...base,
				type: 'collection',
				placeholder: field.placeholder ?? 'Add Field',
				// n8n marks no collection as required (nor may its fields be: n8n checks the fields of a
				// top-level collection against the node's top level and reports them missing on every node).
				// A required group shows its required fields at once instead, to be filled in.
				default: topLevel && field.required ? requiredFieldsShown(field, options) : {},
				options,
			};
		}
		case 'array':
			return {
				...base,
				type: 'fixedCollection',
				placeholder: field.placeholder ?? `Add ${displayNameOf(field).replace(/s$/, '')}`,
				// n8n's mark of a required list: a warning on its label and on the node until a row is added.
				typeOptions: { multipleValues: true, ...(topLevel && field.required ? { minRequiredFields: 1 } : {}) },
				default: {},
				options: [
					{
						displayName: displayNameOf(field).replace(/s$/, ''),
						name: 'values',
						values: (field.fields ?? []).map((f) => fieldToProperty(f, resources, false, true)),
					},
				],
			};
		case 'stringList':
			return { ...base, type: 'string', default: '', hint: 'Comma-separated list' };
		default:
			return {
				...base,
				type: 'string',
				default: typeof field.default === 'string' ? field.default : '',
				...(field.rows ? { typeOptions: { rows: field.rows } } : {}),
				...(field.typeOptions?.password ? { typeOptions: { password: true } } : {}),
			};
	}
}

/** The default of a required group: its required fields, empty (their own defaults), so that the form shows them. */
function requiredFieldsShown(field: FieldDef, options: INodeProperties[]): INodeParameters {
	const required = new Set((field.fields ?? []).filter((f) => f.required).map((f) => f.name));
	return Object.fromEntries(options.filter((o) => required.has(o.name)).map((o) => [o.name, o.default]));
}

/** Resource locator: From List (search), By ID (prefix-checked), By URL. */
export function locatorProperty(resource: ResourceDef): Partial<INodeProperties> {
	const loc = resource.locator!;
	// Without a prefix: BILL's Spend & Expense IDs are base64-like (may contain + / =).
	const idRegex = loc.idPrefix ? `^${loc.idPrefix}[0-9A-Za-z]+$` : '^[0-9A-Za-z_=+/-]+$';
	const kind = resource.name.toLowerCase();
	const idError = loc.idPrefix ? `Not a valid ${kind} ID: it begins with ${loc.idPrefix}` : `Not a valid ${kind} ID`;
	const idPlaceholder = loc.placeholder ?? (loc.idPrefix ? `${loc.idPrefix}01ABCDEFGHIJ1234` : '');
	const urlRegex = loc.urlRegex ?? '';
	const locator: Partial<INodeProperties> = {
		type: 'resourceLocator',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: searchMethodName(resource.value), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: idPlaceholder,
				validation: [{ type: 'regex', properties: { regex: idRegex, errorMessage: idError } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://app.bill.com/...',
				extractValue: { type: 'regex', regex: urlRegex },
				validation: [{ type: 'regex', properties: { regex: `.*${urlRegex}.*`, errorMessage: `Not a BILL URL that contains a ${kind} ID` } }],
			},
		],
	};
	if (!loc.urlRegex) locator.modes = locator.modes!.slice(0, 2);
	return locator;
}

export function searchMethodName(resource: string): string {
	return `search${resource.charAt(0).toUpperCase()}${resource.slice(1)}`;
}

/** The load-options method listing a resource's records for `optionsFrom` fields: `chartOfAccount` → `getChartOfAccounts`. */
export function optionsMethodName(resource: string): string {
	const plural = /(s|x|ch|sh)$/.test(resource) ? `${resource}es` : `${resource}s`;
	return `get${plural.charAt(0).toUpperCase()}${plural.slice(1)}`;
}

/**
 * Return All / Limit, Filters and Sort of a list. The same parameters for every list: the fields
 * and operators each list accepts come from its operation through load-options methods
 * (getFilterFields, getFilterOperators, getSortFields), so one definition serves them all.
 */
function listProperties(op: OperationDef): INodeProperties[] {
	const props: INodeProperties[] = [
		{
			displayName: 'Return All',
			name: P.returnAll,
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(op),
		},
		{
			displayName: 'Limit',
			name: P.limit,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { ...show(op, { [P.returnAll]: [false] }), hide: { '@tool': [true] } },
		},
		// As an AI tool: a small default; the result says when there are more (actions/tool.ts).
		{
			displayName: 'Limit',
			name: P.limit,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10, // TOOL.limit in actions/tool.ts (a literal for n8n's lint)
			description: 'Max number of results the AI agent receives; the result says when there are more',
			displayOptions: show(op, { [P.returnAll]: [false], '@tool': [true] }),
		},
	];
	if (op.filters) {
		props.push({
			displayName: 'Filters',
			name: P.filters,
			type: 'fixedCollection',
			placeholder: 'Add Filter',
			typeOptions: { multipleValues: true },
			default: {},
			description: 'Conditions BILL applies to the list; all must match',
			displayOptions: show(op),
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'field',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getFilterFields' },
							default: '',
							description:
								'A field BILL filters this list on. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Operator Name or ID',
							name: 'operator',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getFilterOperators', loadOptionsDependsOn: ['&field'] },
							default: 'eq',
							description:
								'The operators BILL allows for the field (eq, ne, gt, gte, lt, lte, in, nin, sw). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							hint: 'Dates as 2026-01-31 or 2026-01-31T00:00:00.000Z; lists comma-separated',
						},
					],
				},
			],
		});
	}
	if (op.sort) {
		props.push({
			displayName: 'Sort',
			name: P.sort,
			type: 'fixedCollection',
			placeholder: 'Add Sort',
			default: {},
			displayOptions: show(op),
			options: [
				{
					displayName: 'Sort By',
					name: 'sortBy',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'field',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getSortFields' },
							default: '',
							description:
								'A field BILL sorts this list by. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Direction',
							name: 'direction',
							type: 'options',
							options: [
								{ name: 'Ascending', value: 'asc' },
								{ name: 'Descending', value: 'desc' },
							],
							default: 'asc',
						},
					],
				},
			],
		});
	}
	return props;
}

function concurrencyOption(): INodeProperties {
	return {
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3 },
		default: 3,
		description: 'Input items sent to BILL at once (BILL allows 3 per organization)',
	};
}

/** All parameters of one operation, in the order the form shows them. */
export function operationProperties(op: OperationDef, resources: ResourceDef[], resource: ResourceDef): INodeProperties[] {
	const props: INodeProperties[] = [];
	const jsonMode = hasJsonBody(op);
	const fieldsOnly = jsonMode ? show(op, { [P.specifyBody]: ['fields'] }) : show(op);

	if (op.mfa) {
		props.push({
			displayName:
				'In production BILL requires an MFA-trusted session for this operation: set MFA Remember Me ID and Device Name in the BILL API credential',
			name: 'mfaNotice',
			type: 'notice',
			default: '',
			displayOptions: show(op),
		});
	}
	if (op.hint) {
		props.push({ displayName: plain(op.hint)!, name: 'operationNotice', type: 'notice', default: '', displayOptions: show(op) });
	}
	props.push(...toolOperationProperties(resource, op));
	if (isBulk(op) && bulkOfIds(op)) {
		props.push({
			displayName: `${resource.name} ID`,
			name: P.id,
			type: 'string',
			required: true,
			default: '',
			description: `ID of the ${resource.name.toLowerCase()} for this input item; the node sends the IDs of all input items to BILL in batches of ${op.bulk?.limit ?? 100}`,
			displayOptions: show(op),
		});
	}
	for (const f of op.pathParams ?? []) props.push({ ...fieldToProperty({ ...f, required: true }, resources, true), displayOptions: show(op) });
	for (const f of op.headers ?? []) if (f.required) props.push({ ...fieldToProperty(f, resources, true), displayOptions: show(op) });
	for (const f of op.query ?? []) if (f.required) props.push({ ...fieldToProperty(f, resources, true), displayOptions: show(op) });

	if (kindOf(op).handler === 'upload') {
		props.push(
			{
				displayName: 'Input Binary Field',
				name: P.binaryProperty,
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the input binary field containing the file to upload (BILL accepts up to 6 MB)',
				displayOptions: show(op),
			},
			{
				displayName: 'File Name',
				name: P.fileName,
				type: 'string',
				default: '',
				description: 'Name BILL stores the file under. Leave empty to use the input file name.',
				displayOptions: show(op),
			},
		);
	}
	if (kindOf(op).handler === 'download') {
		props.push({
			displayName: 'Put Output File in Field',
			name: P.binaryProperty,
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
			displayOptions: show(op),
		});
	}

	if (op.upsert) props.push({ ...matchOnParameter(resources), displayOptions: show(op) });
	if (jsonMode) {
		props.push(
			{
				displayName: 'Send Body As',
				name: P.specifyBody,
				type: 'options',
				options: [
					{ name: 'Fields', value: 'fields', description: 'Fill in the form below' },
					{ name: 'JSON', value: 'json', description: 'Write the request body as JSON (any field BILL accepts)' },
				],
				default: 'fields',
				displayOptions: show(op),
			},
			{
				displayName: 'JSON Body',
				name: P.jsonBody,
				type: 'json',
				default: '{}',
				required: true,
				description: isBulk(op) ? 'The JSON of one element for this input item; the node batches the input items' : 'The request body BILL receives',
				displayOptions: show(op, { [P.specifyBody]: ['json'] }),
			},
		);
		// Bulk envelope fields (sent once per request beside the elements) render like body fields.
		const envelope = typeof op.bulk?.request === 'object' ? (op.bulk.request.envelope ?? []) : [];
		const formFields = [...(op.body ?? []), ...envelope];
		for (const f of formFields) if (f.required) props.push({ ...fieldToProperty(f, resources, true), displayOptions: envelope.includes(f) ? show(op) : fieldsOnly });
		const optional = formFields.filter((f) => !f.required);
		if (optional.length) {
			const group = kindOf(op).fieldGroup;
			props.push({
				displayName: group === 'updateFields' ? 'Update Fields' : 'Additional Fields',
				name: P[group],
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: fieldsOnly,
				options: optional.map((f) => fieldToProperty(f, resources, false)).sort(byDisplayName),
			});
		}
	}

	if (kindOf(op).handler === 'list') props.push(...listProperties(op));

	const options: INodeProperties[] = [
		...(op.query ?? []).filter((f) => !f.required).map((f) => fieldToProperty(f, resources, false)),
		...(op.headers ?? []).filter((f) => !f.required).map((f) => fieldToProperty(f, resources, false)),
	];
	if (resource.simplifyFields && kindOf(op).simplify) {
		props.push({
			displayName: 'Simplify',
			name: P.simplify,
			type: 'boolean',
			default: false,
			description: `Whether to return a simplified version of the response instead of the raw data (${resource.simplifyFields.join(', ')})`,
			// As an AI tool the Output parameter decides (actions/tool.ts).
			displayOptions: { ...show(op), hide: { '@tool': [true] } },
		});
	}
	if (op.waitFor) {
		options.push({
			displayName: 'Wait for Processing',
			name: 'waitForProcessing',
			type: 'boolean',
			default: true,
			description: 'Whether to wait until BILL has processed the file and return its final status (otherwise return the upload ID at once)',
		});
		options.push({
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60 },
			default: 5,
			description: 'How long to wait for BILL to finish processing; after that the node returns the upload ID and status as they are (nothing fails, nothing is uploaded twice)',
		});
	}
	if (op.duplicateGuard) {
		options.push({
			displayName: 'Skip Existing Number',
			name: SKIP_EXISTING,
			type: 'boolean',
			default: false,
			description: "Whether to output the vendor's bill (the customer's invoice) with this number, marked _operation: skipped, instead of creating another",
		});
	}
	options.push(concurrencyOption());
	props.push({
		displayName: 'Options',
		name: P.options,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(op),
		options: options.sort(byDisplayName),
	});
	return props;
}

/** Resource list, one Operation list per resource, then every operation's fields. */
export function buildProperties(resources: ResourceDef[]): INodeProperties[] {
	const firstResource = resources[0].value;
	const partner = resources.filter((r) => r.api === 'partner').map((r) => r.value);
	const props: INodeProperties[] = [
		authenticationProperty(partner, true),
		{
			displayName: 'Client Organization ID',
			name: P.clientOrganizationId,
			type: 'string',
			default: '',
			placeholder: '00801ABCDEFGHIJ1234',
			description:
				"The client organization to act in (begins with 008): an expression per item, e.g. the organization ID from Session → Get Login Organizations. Empty: the credential's Default Client Organization ID.",
			displayOptions: { show: { [P.authentication]: [CONSOLE] }, ...(partner.length ? { hide: { resource: partner } } : {}) },
		},
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((r) => ({ name: r.name, value: r.value, description: plain(r.description) })),
			default: firstResource,
		},
	];
	const webhookResources = resources.filter((r) => r.api === 'webhooks').map((r) => r.value);
	if (webhookResources.length) {
		props.push({
			displayName: 'Event Family',
			name: P.eventFamily,
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Organization (AP/AR)', value: 'organization', description: 'Webhooks of one organization, with the BILL API credential' },
				{ name: 'Partner', value: 'partner', description: 'Webhooks of all organizations of a partner, with the BILL Partner API credential' },
				{ name: 'Spend & Expense', value: 'spend', description: 'Spend & Expense webhooks, with the BILL Spend & Expense API credential' },
			],
			default: 'organization',
			description: 'Which BILL events the subscriptions are for; decides the credential',
			displayOptions: { show: { resource: webhookResources } },
		});
	}
	for (const r of resources) {
		const defaultOperation = r.operations.find((o) => o.operation === 'getAll')?.operation ?? r.operations[0].operation;
		props.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [r.value] } },
			options: r.operations
				// The action is also an AI tool's description ("<action> in BILL"): money movement says so.
				.map((o) => ({ name: o.name, value: o.operation, description: plain(o.description), action: actionOf(r.value, o) }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		});
	}
	const forms = resources.flatMap((r) => r.operations.map((op) => ({ resource: r.value, operation: op.operation, properties: operationProperties(op, resources, r) })));
	props.push(...compactProperties(forms, [P.options]), ...toolProperties());
	return props;
}

/**
 * BILL's sign-in credentials, or OAuth client credentials (AP, AR, Spend & Expense). Hidden for the
 * partner resources, which only the BILL Partner API credential serves; the node refuses OAuth for
 * webhooks and MFA before sending anything (credentialTypes.ts).
 */
export function authenticationProperty(hideFor: string[], console = false): INodeProperties {
	return {
		displayName: 'Authentication',
		name: P.authentication,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'OAuth Client Credentials', value: OAUTH, description: "BILL's recommended sign-in for AP, AR and Spend & Expense; not for webhooks or MFA" },
			{ name: 'Sign-In or API Token', value: 'signIn', description: 'BILL API (user, sync token, partner log-in-as-user) or BILL Spend & Expense API token' },
			...(console ? [{ name: 'Accountant Console', value: CONSOLE, description: 'A Console API token: AP & AR operations in any client organization, chosen per item' }] : []),
		],
		default: 'signIn',
		...(hideFor.length ? { displayOptions: { hide: { resource: hideFor } } } : {}),
	};
}

/**
 * Spread into the node's description: marks it as fixed data for n8n's editor. `__v_skip` is the
 * flag Vue's `markRaw` sets, and it travels with the description to the editor (/types/nodes.json).
 * The editor keeps every node type in a Vue store, which would otherwise wrap each of the 400
 * parameters, their display conditions and their lists in reactive proxies and track each read:
 * the node's panel reads them all several times per opening (once for every list field shown,
 * three times to decide which parameters are shown), and that proxy work was some 30 % of the
 * JavaScript work of opening Bill → Create ("The node's description" in docs/development.md).
 * The description never changes once loaded; n8n's backend ignores the flag.
 */
export const FIXED_FOR_EDITOR: object = { __v_skip: true };

/**
 * The node's credentials: each shown only for the resources (and event family) it can serve.
 * Written as `hide` conditions (the resources a credential does not serve): n8n 2.x's editor takes
 * a parameter that credentials are `show`n by as the node's authentication field and looks for it
 * through all the node's parameters once for every parameter it displays — with some 400
 * parameters, a third of a second of every opening of the node's panel (docs/editor-timing.md).
 */
export function buildCredentials(resources: ResourceDef[]) {
	const webhooks = resources.filter((r) => r.api === 'webhooks').map((r) => r.value);
	const families = Object.keys(EVENT_FAMILY_CREDENTIAL) as EventFamily[];
	const signIn = families.map((family) => {
		const name = EVENT_FAMILY_CREDENTIAL[family];
		const served = new Set([...resources.filter((r) => r.api !== 'webhooks' && credentialTypeOf(r.api) === name).map((r) => r.value), ...webhooks]);
		return {
			name,
			required: true,
			displayOptions: {
				hide: {
					resource: resources.map((r) => r.value).filter((r) => !served.has(r)),
					...(webhooks.length ? { [P.eventFamily]: families.filter((f) => f !== family) } : {}),
					...(name === 'billPartnerApi' ? {} : { [P.authentication]: [OAUTH, CONSOLE] }),
				},
			},
		};
	});
	const oauth = {
		name: 'billOAuth2Api',
		required: true,
		displayOptions: { hide: { resource: resources.filter((r) => oauthRefused(r.api, r.value)).map((r) => r.value), [P.authentication]: ['signIn', CONSOLE] } },
	};
	const console = {
		name: 'billConsoleApi',
		required: true,
		displayOptions: { hide: { resource: resources.filter((r) => consoleRefused(r.api)).map((r) => r.value), [P.authentication]: ['signIn', OAUTH] } },
	};
	return [...signIn, oauth, console];
}
