/**
 * Contract between the emulator core (server.ts, store, auth, limits) and the per-family custom
 * handlers in ./custom/. Generic behaviour (CRUD, list, archive, bulk) is derived from the node's
 * table of operations; a custom handler overrides one `METHOD path-template` where BILL does more.
 */
import type { OperationDef } from '../../nodes/Bill/catalog/types';

export type EmuBase = 'connect' | 'connect-events';

export interface EmuAuth {
	/** org: devKey + sessionId; partner: appKey + sessionId; spend: apiToken; none: public. */
	kind: 'org' | 'partner' | 'spend' | 'none';
	organizationId?: string;
	userId?: string;
	/** MFA-trusted session. */
	trusted?: boolean;
	partnerId?: string;
	sessionId?: string;
}

export interface EmuRequest {
	method: string;
	/** Path below the base, e.g. `/v3/vendors/00901...`. */
	path: string;
	base: EmuBase;
	/** Values of the `{params}` of the matched path template. */
	params: Record<string, string>;
	query: Record<string, string>;
	headers: Record<string, string | undefined>;
	/** Parsed JSON body (undefined when none or not JSON). */
	body: unknown;
	rawBody: Buffer;
	auth: EmuAuth;
	/** The table entry this request matched, when there is one. */
	op?: OperationDef;
}

export interface EmuResponse {
	status?: number;
	/** JSON body; ignored when `raw` is set. `undefined` = empty body. */
	body?: unknown;
	raw?: Buffer;
	headers?: Record<string, string>;
}

export interface CustomHandler {
	method: string;
	/** Path template as in the table, e.g. `/v3/payments/{paymentId}/void`. */
	path: string;
	base?: EmuBase;
	handle(req: EmuRequest, emu: any): EmuResponse | Promise<EmuResponse>;
}
