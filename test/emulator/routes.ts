/** Path templates, and what the generic handlers derive from an endpoint (collection, id, scope). */
import { BEHAVIOURS, type EmuBehaviour } from './catalog';
import type { EmuRoute } from './types';

export interface CompiledTemplate {
	template: string;
	regex: RegExp;
	paramNames: string[];
	/** Number of static segments: more static segments = more specific. */
	staticCount: number;
}

export function compileTemplate(template: string): CompiledTemplate {
	const paramNames: string[] = [];
	let staticCount = 0;
	const parts = template
		.split('/')
		.map((seg) => {
			const m = /^\{([^}]+)\}$/.exec(seg);
			if (m) {
				paramNames.push(m[1]);
				return '([^/]+)';
			}
			if (seg) staticCount++;
			return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { template, regex: new RegExp(`^${parts}/?$`), paramNames, staticCount };
}

export function matchTemplate(t: CompiledTemplate, path: string): Record<string, string> | undefined {
	const m = t.regex.exec(path);
	if (!m) return undefined;
	const params: Record<string, string> = {};
	t.paramNames.forEach((name, i) => {
		params[name] = decodeURIComponent(m[i + 1]);
	});
	return params;
}

const isParam = (seg: string) => /^\{[^}]+\}$/.test(seg);
const paramName = (seg: string) => seg.slice(1, -1);

/**
 * Collection, id param and scope params of an endpoint, from its behaviour's traits (see README "Routing"):
 * `/v3/vendors/{vendorId}` → vendors + vendorId; `/v3/classifications/items/bulk/archive` →
 * classifications/items; `/v3/spend/budgets/{budgetId}/members/{userId}` → spend/budgets/members,
 * id userId, scope [budgetId].
 */
export function deriveRoute(ep: { path: string; behaviour: EmuBehaviour }, aliases: Record<string, string> = {}): EmuRoute {
	const segs = ep.path.replace(/^\/v3\//, '').split('/').filter(Boolean);
	// Trailing verb: `/{id}/archive`, `/bulk/restore`, `/{id}/void`, `/{id}/check-image`.
	const { trailingVerb, namesRecord, bulk } = BEHAVIOURS[ep.behaviour];
	if (trailingVerb !== 'never' && segs.length > 1 && !isParam(segs[segs.length - 1])) {
		const prev = segs[segs.length - 2];
		if (trailingVerb === 'always' || isParam(prev) || prev === 'bulk') segs.pop();
	}
	if (bulk && segs[segs.length - 1] === 'bulk') segs.pop();
	let idParam: string | undefined;
	if (namesRecord && segs.length > 0 && isParam(segs[segs.length - 1])) {
		idParam = paramName(segs[segs.length - 1]);
	}
	const scopeParams = segs.filter(isParam).map(paramName).filter((p) => p !== idParam);
	let collection = segs.filter((s) => !isParam(s)).join('/');
	if (aliases[collection]) collection = aliases[collection];
	return { collection, idParam, scopeParams };
}

/**
 * Collections that BILL exposes under several paths (core defaults; custom modules' `collectionAliases`
 * override them): attachments of vendors/customers/invoices are one `attachments` collection (scoped
 * by the owner id), bill documents are `documents`, partner users/roles are the child org's users/roles.
 */
export const DEFAULT_COLLECTION_ALIASES: Record<string, string> = {
	'attachments/vendors': 'attachments',
	'attachments/customers': 'attachments',
	'attachments/invoices': 'attachments',
	'documents/bills': 'documents',
	'partner/users': 'users',
	'partner/roles': 'roles',
};

/**
 * BILL id prefixes per collection (last path segment or full collection name), as BILL's
 * "BILL-generated IDs" page lists them (accounting class `cls`, employee `emp`, job `job`, location
 * `loc`, credit memo `ccr`, recurring bill `btp`, recurring invoice `rit`, approval policy `app`,
 * vendor bank account `vba`, organization bank account `bac`).
 */
export const ID_PREFIXES: Record<string, string> = {
	vendors: '009',
	bills: '00n',
	customers: '0cu',
	users: '006',
	'partner/users': '006',
	roles: '0po',
	'partner/roles': '0po',
	'chart-of-accounts': '0ca',
	payments: 'stp',
	invoices: '00e',
	documents: '00h',
	uploads: '0du',
	'documents/bills': '0du',
	'funding-accounts/banks': 'bac',
	'bank-accounts': 'bac',
	'vendors/bank-account': 'vba',
	'vendor-credits': 'vcr',
	'credit-memos': 'ccr',
	'accounting-classes': 'cls',
	departments: '0de',
	employees: 'emp',
	items: '0ii',
	jobs: 'job',
	locations: 'loc',
	attachments: '0at',
	recurringbills: 'btp',
	'recurring-invoices': 'rit',
	organizations: '008',
	'partner/organizations': '008',
	'bill-approvals/policies': 'app',
	'funding-accounts/banks/users': '0bu',
	'risk-verifications': '0rk',
};

/** Id prefix for a collection: exact name, then last segment, then 3 letters of the last segment. */
export function prefixFor(collection: string): string {
	if (ID_PREFIXES[collection]) return ID_PREFIXES[collection];
	const last = collection.split('/').pop() ?? collection;
	if (ID_PREFIXES[last]) return ID_PREFIXES[last];
	const letters = last.replace(/[^a-z0-9]/gi, '').toLowerCase();
	return (letters + 'xxx').slice(0, 3);
}
