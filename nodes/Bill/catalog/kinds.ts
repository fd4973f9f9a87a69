/**
 * The model of operation kinds: what each kind of operation means, written once. The description
 * builder (which form), the executor (which handler), the list search / load options methods
 * (which list) and the emulator (how a path names a record) ask this model; no other file keeps a
 * list of kinds or a rule about them.
 */
import { EVENT_FAMILY_CREDENTIAL, type BillCredentialType, type EventFamily } from '../transport/credentialTypes';
import type { BillBase } from '../transport/environment';
import { consoleRefused, CONSOLE, OAUTH, OAuthRefusedError, oauthRefused, type Authentication } from './authentication';
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
	/** What it did to the record, in words ("created"), for the error when BILL may have done it (actions/outcome.ts); none: the operation's own name. */
	done?: string;
}

const single = { handler: 'request', fieldGroup: 'additionalFields', jsonBody: true, simplify: false, targetsRecord: true, verbSuffix: 'never' } as const;

export const KINDS: Record<OperationKind, KindTraits> = {
	list: { ...single, handler: 'list', simplify: true, targetsRecord: false },
	get: { ...single, simplify: true },
	create: { ...single, targetsRecord: false, done: 'created' },
	createMany: { ...single, handler: 'bulk', element: 'body', targetsRecord: false, done: 'created' },
	update: { ...single, fieldGroup: 'updateFields', done: 'updated' },
	updateMany: { ...single, handler: 'bulk', element: 'body', fieldGroup: 'updateFields', targetsRecord: false, done: 'updated' },
	replace: { ...single, fieldGroup: 'updateFields', done: 'replaced' },
	replaceMany: { ...single, handler: 'bulk', element: 'body', fieldGroup: 'updateFields', targetsRecord: false, done: 'replaced' },
	archive: { ...single, verbSuffix: 'always', done: 'archived' },
	archiveMany: { ...single, handler: 'bulk', element: 'id', jsonBody: false, targetsRecord: false, verbSuffix: 'always', done: 'archived' },
	restore: { ...single, verbSuffix: 'always', done: 'restored' },
	restoreMany: { ...single, handler: 'bulk', element: 'id', jsonBody: false, targetsRecord: false, verbSuffix: 'always', done: 'restored' },
	delete: { ...single, done: 'deleted' },
	upload: { ...single, handler: 'upload', jsonBody: false, targetsRecord: false, done: 'created' },
	download: { ...single, handler: 'download', verbSuffix: 'afterRecordOrBulk' },
	action: { ...single, verbSuffix: 'afterRecordOrBulk' },
	actionMany: { ...single, handler: 'bulk', element: 'body', targetsRecord: false },
	upsert: { ...single, handler: 'upsert', targetsRecord: false, composite: true, done: 'created or updated' },
};

/** Traits of an operation's kind. */
export function kindOf(op: Pick<OperationDef, 'kind'>): KindTraits {
	return KINDS[op.kind];
}

/** The handler that runs an operation: BILL's own sign-in endpoints are run by the credential. */
export function handlerOf(op: Pick<OperationDef, 'kind' | 'noAuth'>): Handler {
	return op.noAuth ? 'signIn' : KINDS[op.kind].handler;
}

/** Whether the operation is one of BILL's endpoints (not composed by the node of other operations, nor another output of one: `viewOf`). */
export function isEndpoint(op: Pick<OperationDef, 'kind' | 'viewOf'>): boolean {
	return !KINDS[op.kind].composite && !op.viewOf;
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

/**
 * The credential of an operation: its API family's (webhooks: the one of the subscription's event
 * family), or the OAuth / Accountant Console credential the node's Authentication parameter chose
 * — refused before anything is sent where BILL does not serve it (catalog/authentication.ts).
 */
export function credentialTypeOf(api: ApiFamily, eventFamily: EventFamily = 'organization', authentication: Authentication = 'signIn', resource?: string): BillCredentialType {
	if (authentication === CONSOLE) {
		const refused = consoleRefused(api);
		if (refused) throw new OAuthRefusedError(refused);
		return 'billConsoleApi';
	}
	if (authentication === OAUTH) {
		const refused = oauthRefused(api, resource);
		if (refused) throw new OAuthRefusedError(refused);
		return 'billOAuth2Api';
	}
	return api === 'webhooks' ? EVENT_FAMILY_CREDENTIAL[eventFamily] : FAMILY_CREDENTIAL[api];
}

/** The Get Many of a resource (resource locators search it, load-options methods list it). */
export function listOperationOf<O extends Pick<OperationDef, 'operation' | 'kind'>>(resource: { operations: O[] }): O | undefined {
	return resource.operations.find((o) => o.operation === 'getAll' && o.kind === 'list');
}
