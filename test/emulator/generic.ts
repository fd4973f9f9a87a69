/**
 * Generic behaviour per endpoint of BILL's catalog (`EmuBehaviour`, catalog.ts): list, get, create,
 * update, replace, delete, archive, restore and their bulk forms, upload, download; `custom` has none
 * (501) unless a custom handler exists.
 */
import type { EmuEndpoint } from './catalog';
import { BDC, bdcError } from './errors';
import {
	applyFilters,
	applySort,
	decodePageToken,
	encodePageToken,
	ListError,
	parseFilters,
	parseSort,
	querySignature,
	type Filter,
} from './list';
import type { Collection, EmuRecord } from './store';
import type { Emulator, EmuRequest, EmuResponse, EmuRoute } from './types';

const notFound = () => bdcError(404, BDC.noData.code, BDC.noData.message);
const missing = (name: string) => bdcError(400, BDC.missingParam.code, `${BDC.missingParam.message}${name}.`);
const invalid = (name: string, value: unknown) => bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}${name}, ${String(value)}`);

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function routeOf(req: EmuRequest): EmuRoute {
	if (!req.route) throw new Error(`No route for ${req.method} ${req.path}`);
	return req.route;
}

/** Scope values of the request (path params other than the id). */
function scopeOf(req: EmuRequest, route: EmuRoute): Record<string, string> {
	const scope: Record<string, string> = {};
	for (const p of route.scopeParams) if (req.params[p] !== undefined) scope[p] = req.params[p];
	return scope;
}

function inScope(rec: EmuRecord, scope: Record<string, string>): boolean {
	const stored = (rec._scope ?? {}) as Record<string, unknown>;
	return Object.entries(scope).every(([k, v]) => (stored[k] ?? rec[k]) === v);
}

/** The record a request names: by id (or a field named like the id param), within the scope; a singleton when the path has no id. */
export function findTarget(emu: Emulator, req: EmuRequest): { coll: Collection; rec?: EmuRecord } {
	const route = routeOf(req);
	const coll = emu.collection(req, route.collection);
	const scope = scopeOf(req, route);
	if (!route.idParam) return { coll, rec: coll.find((r) => inScope(r, scope)) };
	const id = req.params[route.idParam];
	const byId = coll.get(id);
	if (byId && inScope(byId, scope)) return { coll, rec: byId };
	return { coll, rec: coll.find((r) => r[route.idParam!] === id && inScope(r, scope)) };
}

const view = (emu: Emulator, rec: EmuRecord) => emu.view(rec) as Record<string, unknown>;

/** Required top-level body fields the element lacks (first one), per the endpoint. */
function missingRequired(fields: readonly string[], el: Record<string, unknown>): string | undefined {
	for (const name of fields) {
		const v = el[name];
		if (v === undefined || v === null || v === '') return name;
	}
	return undefined;
}

function createdStatus(ep: EmuEndpoint): number {
	return ep.api === 'connect' || ep.api === 'partner' ? 201 : 200;
}

/** The elements of a bulk body per `ep.bulk.request`. */
function bulkElementsOf(req: EmuRequest, ep: EmuEndpoint): unknown[] | EmuResponse {
	const request = ep.bulk?.request ?? 'array';
	if (request === 'idsQuery') {
		const ids = req.query.ids;
		if (ids === undefined || ids.trim() === '') return missing('ids');
		return ids
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
	}
	if (request === 'array') {
		if (!Array.isArray(req.body)) return bdcError(400, BDC.jsonParse.code, `${BDC.jsonParse.message} Expected a JSON array.`);
		return req.body;
	}
	if (!isObject(req.body) || !Array.isArray(req.body[request.key])) return missing(request.key);
	return req.body[request.key] as unknown[];
}

/** The elements of a bulk call (body array, body key or `ids=` query), 1 to the operation's limit. */
function bulkElements(req: EmuRequest, ep: EmuEndpoint): unknown[] | EmuResponse {
	const elements = bulkElementsOf(req, ep);
	if (!Array.isArray(elements)) return elements;
	if (elements.length === 0) return invalid(ep.bulk?.request === 'idsQuery' ? 'ids' : 'body', '[]');
	const limit = ep.bulk?.limit;
	if (limit !== undefined && elements.length > limit) {
		return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}size, ${elements.length}. The maximum number of objects in one request is ${limit}.`);
	}
	return elements;
}

/**
 * BILL answers a bulk call with `{<collection in camelCase>: [...]}`: so do all of its Postman
 * collection's bulk examples that the generic routes serve (classifications, credit memos, vendor
 * credits), e.g. `POST /v3/classifications/chart-of-accounts/bulk/archive` → `{chartOfAccounts: [...]}`.
 * (Bulk calls BILL answers otherwise, bills and bill approvals, have custom handlers.)
 */
function bulkResponse(req: EmuRequest, records: Array<Record<string, unknown>>, status = 200): EmuResponse {
	const segments = req.path.split('/');
	const collection = segments[segments.lastIndexOf('bulk') - 1] ?? 'results';
	return { status, body: { [collection.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())]: records } };
}

/** Lists BILL answers with a bare JSON array instead of `{results}` (its Postman examples; the audit trail is custom). */
const BARE_ARRAY_LISTS = ['/v3/funding-accounts/ap-cards'];

export function runGeneric(emu: Emulator, req: EmuRequest): EmuResponse {
	const ep = req.endpoint;
	if (!ep) return bdcError(501, BDC.notImplemented.code, `${BDC.notImplemented.message} ${req.method} ${req.path}`);
	const route = routeOf(req);
	const scope = scopeOf(req, route);
	for (const q of ep.required.query) {
		if (req.query[q] === undefined || req.query[q] === '') return missing(q);
	}
	for (const h of ep.required.headers) {
		const v = req.headers[h.toLowerCase()];
		if (v === undefined || v === '') return missing(h);
	}
	const behaviour = ep.behaviour;
	switch (behaviour) {
		case 'list': {
			const coll = emu.collection(req, route.collection);
			return listResponse(emu, req, coll.list((r) => inScope(r, scope)));
		}
		case 'get': {
			const { rec } = findTarget(emu, req);
			return rec ? { body: view(emu, rec) } : notFound();
		}
		case 'create': {
			if (req.body !== undefined && !isObject(req.body)) return bdcError(400, BDC.jsonParse.code, BDC.jsonParse.message);
			const body = (req.body ?? {}) as Record<string, unknown>;
			const miss = missingRequired(ep.required.body, body);
			if (miss) return missing(miss);
			const coll = emu.collection(req, route.collection);
			const rec = coll.insert({ ...body, ...(Object.keys(scope).length ? { _scope: scope } : {}) });
			return { status: createdStatus(ep), body: view(emu, rec) };
		}
		case 'bulk-create': {
			const els = bulkElements(req, ep);
			if (!Array.isArray(els)) return els;
			for (const [i, el] of els.entries()) {
				if (!isObject(el)) return invalid(`[${i}]`, JSON.stringify(el));
				const miss = missingRequired(ep.required.body, el);
				if (miss) return missing(`[${i}].${miss}`);
			}
			const coll = emu.collection(req, route.collection);
			const recs = els.map((el) => view(emu, coll.insert({ ...(el as Record<string, unknown>), ...(Object.keys(scope).length ? { _scope: scope } : {}) })));
			return bulkResponse(req, recs, createdStatus(ep));
		}
		case 'update':
		case 'replace': {
			if (req.body !== undefined && !isObject(req.body)) return bdcError(400, BDC.jsonParse.code, BDC.jsonParse.message);
			const body = (req.body ?? {}) as Record<string, unknown>;
			const { coll, rec } = findTarget(emu, req);
			if (!rec) {
				if (behaviour === 'replace' && !route.idParam) {
					// PUT on a singleton sub-resource creates it.
					return { body: view(emu, coll.insert({ ...body, ...(Object.keys(scope).length ? { _scope: scope } : {}) })) };
				}
				return notFound();
			}
			if (behaviour === 'update') return { body: view(emu, coll.update(rec.id, body)!) };
			const keep = rec._scope ? { _scope: rec._scope } : {};
			return { body: view(emu, coll.replace(rec.id, { ...body, ...keep })!) };
		}
		case 'bulk-update':
		case 'bulk-replace': {
			const els = bulkElements(req, ep);
			if (!Array.isArray(els)) return els;
			const coll = emu.collection(req, route.collection);
			// All-or-nothing: check every element first.
			for (const [i, el] of els.entries()) {
				if (!isObject(el) || typeof el.id !== 'string') return missing(`[${i}].id`);
				const rec = coll.get(el.id);
				if (!rec || !inScope(rec, scope)) return notFound();
			}
			const recs = (els as Array<Record<string, unknown>>).map((el) => {
				const id = el.id as string;
				if (behaviour === 'bulk-update') return view(emu, coll.update(id, el)!);
				const old = coll.get(id)!;
				return view(emu, coll.replace(id, { ...el, ...(old._scope ? { _scope: old._scope } : {}) })!);
			});
			return bulkResponse(req, recs);
		}
		case 'archive':
		case 'restore': {
			const { coll, rec } = findTarget(emu, req);
			if (!rec) return notFound();
			const archived = behaviour === 'archive';
			// Archiving an archived object is a no-op (BILL).
			if (rec.archived === archived) return { body: view(emu, rec) };
			return { body: view(emu, coll.update(rec.id, { archived })!) };
		}
		case 'bulk-archive':
		case 'bulk-restore': {
			const els = bulkElements(req, ep);
			if (!Array.isArray(els)) return els;
			const ids = els.map((e) => (isObject(e) ? String(e.id) : String(e)));
			const coll = emu.collection(req, route.collection);
			if (ids.some((id) => !coll.get(id) || !inScope(coll.get(id)!, scope))) return notFound();
			const archived = behaviour === 'bulk-archive';
			const recs = ids.map((id) => {
				const rec = coll.get(id)!;
				return view(emu, rec.archived === archived ? rec : coll.update(id, { archived })!);
			});
			return bulkResponse(req, recs);
		}
		case 'delete': {
			const { coll, rec } = findTarget(emu, req);
			if (!rec) return notFound();
			coll.remove(rec.id);
			// BILL (Postman examples): Connect deletes answer `{status: 'SUCCESS'}`, Spend & Expense and webhooks no body.
			if (ep.api === 'spend' || ep.api === 'webhooks') return { status: 200 };
			return { body: { status: 'SUCCESS' } };
		}
		case 'upload':
			return upload(emu, req, ep, route, scope);
		case 'download': {
			const { rec } = findTarget(emu, req);
			if (!rec || typeof rec.downloadLink !== 'string') return notFound();
			return { body: view(emu, rec) };
		}
		case 'custom':
			// Each of BILL's actions does something of its own: a custom handler answers it (resources/).
			return bdcError(501, BDC.notImplemented.code, `${BDC.notImplemented.message} ${ep.method} ${ep.path}`);
		default: {
			// Every behaviour of the emulator (EmuBehaviour, catalog.ts) has its case above: a new one does
			// not compile until it has; test/emulator/__tests__/catalog.test.ts maps the node's kinds onto them.
			const unknown: never = behaviour;
			return bdcError(501, BDC.notImplemented.code, `${BDC.notImplemented.message} ${String(unknown)}`);
		}
	}
}

function upload(emu: Emulator, req: EmuRequest, ep: EmuEndpoint, route: EmuRoute, scope: Record<string, string>): EmuResponse {
	const name = req.query.name;
	if (name === undefined || name === '') return missing('name');
	if (req.rawBody.length === 0) return missing('file');
	if (req.rawBody.length > emu.config.maxUploadBytes) {
		// [inferred] code: BILL documents the 6 MB limit, not the error it returns.
		return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}file, ${req.rawBody.length} bytes. The maximum file size is ${Math.round(emu.config.maxUploadBytes / 1024 / 1024)} MB.`);
	}
	const coll = emu.collection(req, route.collection);
	const contentType = req.headers['content-type'] || ep.uploadContentType || 'application/octet-stream';
	const downloadLink = emu.addDownload(Buffer.from(req.rawBody), name, contentType, emu.orgKeyOf(req));
	const rec = coll.insert(
		{ name, downloadLink, _size: req.rawBody.length, _contentType: contentType, ...(Object.keys(scope).length ? { _scope: scope } : {}) },
		{ bare: true },
	);
	rec.createdTime = emu.now();
	return { body: { id: rec.id, name, createdTime: rec.createdTime, downloadLink } };
}

/** BILL list response for `records` with the request's filters / sort / page size / page token. */
export function listResponse(emu: Emulator, req: EmuRequest, records: EmuRecord[]): EmuResponse {
	const ep = req.endpoint;
	const pagination = ep?.pagination ?? 'page';
	const maxAllowed = ep?.maxPageSize ?? 100;
	let filters: Filter[];
	let sorted: EmuRecord[];
	try {
		filters = parseFilters(req.query.filters);
		sorted = applySort(applyFilters(records, filters), parseSort(req.query.sort));
	} catch (e) {
		if (e instanceof ListError) return bdcError(400, e.code, e.message);
		throw e;
	}
	// Archived records: `includeArchived` wins, then an `archived` filter, then the config default.
	const inc = req.query.includeArchived;
	const archivedFiltered = filters.some((f) => f.field === 'archived');
	const includeArchived = inc !== undefined ? inc === 'true' : archivedFiltered || emu.config.includeArchivedByDefault;
	if (!includeArchived) sorted = sorted.filter((r) => r.archived !== true);

	const views = (rs: EmuRecord[]) => rs.map((r) => emu.view(r));
	if (pagination === 'none') {
		return { body: BARE_ARRAY_LISTS.includes(req.path) ? views(sorted) : { results: views(sorted) } };
	}
	let max = 20;
	if (req.query.max !== undefined) {
		max = Number(req.query.max);
		if (!Number.isInteger(max) || max < 1 || max > maxAllowed) return invalid('max', req.query.max);
	}
	if (pagination === 'start') {
		let start = 0;
		if (req.query.start !== undefined) {
			start = Number(req.query.start);
			if (!Number.isInteger(start) || start < 0) return invalid('start', req.query.start);
		}
		return { body: views(sorted.slice(start, start + max)) };
	}
	const sig = querySignature([req.path, req.query.filters, req.query.sort, req.query.includeArchived]);
	const tokenParam = pagination === 'nextPage' ? (req.query.nextPage !== undefined ? 'nextPage' : 'prevPage') : 'page';
	const token = req.query[tokenParam];
	let offset = 0;
	if (token !== undefined && token !== '') {
		try {
			offset = decodePageToken(token, sig);
		} catch (e) {
			if (e instanceof ListError) return bdcError(400, e.code, e.message.replace('page,', `${tokenParam},`));
			throw e;
		}
	}
	const page = sorted.slice(offset, offset + max);
	const body: Record<string, unknown> = {};
	if (offset + max < sorted.length) body.nextPage = encodePageToken(offset + max, sig);
	if (offset > 0) body.prevPage = encodePageToken(Math.max(0, offset - max), sig);
	body.results = views(page);
	return { body };
}
