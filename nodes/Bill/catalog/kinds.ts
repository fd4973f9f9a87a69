/**
 * The model of operation kinds: what each kind of operation means, written once. The description
 * builder (which form), the executor (which handler), the list search / load options methods
 * (which list) and the emulator (how a path names a record) ask this model; no other file keeps a
 * list of kinds or a rule about them.
 */
import { EVENT_FAMILY_CREDENTIAL, type BillCredentialType, type EventFamily } from '../transport/credentialTypes';
import type { BillBase } from '../transport/environment';
import type { ApiFamily, OperationDef, OperationKind } from './types';

/** How the node runs an operation: one handler each, in nodes/Bill/actions/handlers.ts, chosen by nodes/Bill/actions/router.ts. */
export type Handler = 'request' | 'list' | 'bulk' | 'upload' | 'download' | 'upsert' | 'signIn';

export interface KindTraits {
	/** The handler that runs it. */
	handler: Exclude<Handler, 'signIn'>;
	/**
	 * Bulk kinds: what each input item contributes to the batch: a body element, or the ID of a
	 * record (BILL's `ids=` bulk archive / restore).
	 */
	element?: 'body' | 'id';
	/** Where the optional body fields are in the form. */
	fieldGroup: 'additionalFields' | 'updateFields';
	/** Whether the request carries a JSON body taken from the form (or the JSON Body parameter) when the operation has body fields. */
	jsonBody: boolean;
	/** Whether the response is records the Simplify option can shorten. */
	simplify: boolean;
	/** HTTP shape: the path's last `{param}` names the record the operation reads or changes. */
	targetsRecord: boolean;
	/** HTTP shape: BILL's path may end with a verb after the record or `bulk` (`/{id}/archive`, `/bulk/restore`, `/{id}/void`). */
	verbSuffix: 'always' | 'afterRecordOrBulk' | 'never';
	/**
	 * Not an endpoint of BILL's: the node composes it of the resource's own operations (Get Many,
	 * Create, Update). Its method and path are those of the Create it may send; BILL's catalog, the
	 * emulator's routes and the contract suite leave it out.
	 */
	composite?: true;
}

const single = { handler: 'request', fieldGroup: 'additionalFields', jsonBody: true, simplify: false, targetsRecord: true, verbSuffix: 'never' } as const;

export const KINDS: Record<OperationKind, KindTraits> = {
	list: { ...single, handler: 'list', simplify: true, targetsRecord: false },
	get: { ...single, simplify: true },
	create: { ...single, targetsRecord: false },
	createMany: { ...single, handler: 'bulk', element: 'body', targetsRecord: false },
	update: { ...single, fieldGroup: 'updateFields' },
	updateMany: { ...single, handler: 'bulk', element: 'body', fieldGroup: 'updateFields', targetsRecord: false },
	replace: { ...single, fieldGroup: 'updateFields' },
	replaceMany: { ...single, handler: 'bulk', element: 'body', fieldGroup: 'updateFields', targetsRecord: false },
	archive: { ...single, verbSuffix: 'always' },
	archiveMany: { ...single, handler: 'bulk', element: 'id', jsonBody: false, targetsRecord: false, verbSuffix: 'always' },
	restore: { ...single, verbSuffix: 'always' },
	restoreMany: { ...single, handler: 'bulk', element: 'id', jsonBody: false, targetsRecord: false, verbSuffix: 'always' },
	delete: single,
	upload: { ...single, handler: 'upload', jsonBody: false, targetsRecord: false },
	download: { ...single, handler: 'download', verbSuffix: 'afterRecordOrBulk' },
	action: { ...single, verbSuffix: 'afterRecordOrBulk' },
	actionMany: { ...single, handler: 'bulk', element: 'body', targetsRecord: false },
	upsert: { ...single, handler: 'upsert', targetsRecord: false, composite: true },
};

/** Traits of an operation's kind. */
export function kindOf(op: Pick<OperationDef, 'kind'>): KindTraits {
	return KINDS[op.kind];
}

/** The handler that runs an operation: BILL's own sign-in endpoints are run by the credential. */
export function handlerOf(op: Pick<OperationDef, 'kind' | 'noAuth'>): Handler {
	return op.noAuth ? 'signIn' : KINDS[op.kind].handler;
}

/** Whether the operation is one of BILL's endpoints (not composed by the node of other operations). */
export function isEndpoint(op: Pick<OperationDef, 'kind'>): boolean {
	return !KINDS[op.kind].composite;
}

export function isBulk(op: Pick<OperationDef, 'kind'>): boolean {
	return KINDS[op.kind].handler === 'bulk';
}

/** Whether each input item of a bulk operation contributes an ID (sent as BILL's `ids=` query) rather than a body element. */
export function bulkOfIds(op: Pick<OperationDef, 'kind' | 'bulk'>): boolean {
	return KINDS[op.kind].element === 'id' || op.bulk?.request === 'idsQuery';
}

/** Whether the form offers body fields (and the JSON Body alternative) for this operation. */
export function hasJsonBody(op: Pick<OperationDef, 'kind' | 'body'>): boolean {
	return !!op.body?.length && KINDS[op.kind].jsonBody;
}

/** Which BILL base each API family lives under: the webhooks API is `connect-events`, everything else `connect`. */
export const FAMILY_BASE: Record<ApiFamily, BillBase> = {
	connect: 'connect',
	spend: 'connect',
	partner: 'connect',
	webhooks: 'connect-events',
};

export function baseOf(op: Pick<OperationDef, 'api'>): BillBase {
	return FAMILY_BASE[op.api];
}

/** Which credential each API family uses; the webhooks API uses the one of the subscription's event family. */
export const FAMILY_CREDENTIAL: Record<Exclude<ApiFamily, 'webhooks'>, BillCredentialType> = {
	connect: 'billApi',
	spend: 'billSpendApi',
	partner: 'billPartnerApi',
};

export function credentialTypeOf(api: ApiFamily, eventFamily: EventFamily = 'organization'): BillCredentialType {
	return api === 'webhooks' ? EVENT_FAMILY_CREDENTIAL[eventFamily] : FAMILY_CREDENTIAL[api];
}

/** The Get Many of a resource (resource locators search it, load-options methods list it). */
export function listOperationOf<O extends Pick<OperationDef, 'operation' | 'kind'>>(resource: { operations: O[] }): O | undefined {
	return resource.operations.find((o) => o.operation === 'getAll' && o.kind === 'list');
}
