/** Fault injection for tests: answer an error (or drop the connection) instead of / after the real response. */
import { bdcError } from './errors';
import type { EmuResponse } from './types';

export interface FaultSpec {
	match?: {
		method?: string;
		/** Tested against the path below the base, e.g. `/v3/vendors/00901…`. */
		path?: RegExp;
		base?: 'connect' | 'connect-events';
		/** Tested against the raw request body (e.g. one item of a run: `/"name":"Refused"/`). */
		body?: RegExp;
	};
	/** How many matching requests it applies to (default 1; `Infinity` for all). */
	times?: number;
	/** How many matching requests pass untouched before it applies (default 0): a fault in the middle of a run. */
	skip?: number;
	/** HTTP status to answer (default 503 unless only `delayMs` is given). */
	status?: number;
	/** BDC code of the error body (default BDC_1001 for 5xx, BDC_1129 otherwise). */
	code?: string;
	message?: string;
	/** Full body override (e.g. a gateway HTML page as a string, or `null` for an empty body). */
	body?: unknown;
	/** 'before' (default): the request is NOT applied; 'after': it is applied, then the error is answered. */
	when?: 'before' | 'after';
	/** Extra headers of the answer (e.g. `Location` of a redirect, `Retry-After`). */
	headers?: Record<string, string>;
	/** Destroy the socket instead of answering (a network reset). */
	reset?: boolean;
	/** Extra delay for matching requests (alone: slow down without failing). */
	delayMs?: number;
}

export interface ActiveFault extends FaultSpec {
	remaining: number;
	/** Matching requests still to let through before it applies. */
	toSkip: number;
	/** How many requests it has hit so far. */
	hits: number;
}

export class FaultInjector {
	private faults: ActiveFault[] = [];

	/** Adds a fault; returns it (inspect `hits` / `remaining`). */
	add(spec: FaultSpec): ActiveFault {
		const status = spec.status ?? (spec.reset || (spec.delayMs !== undefined && spec.code === undefined) ? undefined : 503);
		const f: ActiveFault = { when: 'before', ...spec, status, remaining: spec.times ?? 1, toSkip: spec.skip ?? 0, hits: 0 };
		this.faults.push(f);
		return f;
	}

	clear(): void {
		this.faults = [];
	}

	/** Faults that still have requests left. */
	get pending(): ActiveFault[] {
		return this.faults.filter((f) => f.remaining > 0);
	}

	/** The first fault matching this request (consumes one use), or undefined. */
	take(method: string, base: string, path: string, body?: Buffer): ActiveFault | undefined {
		const f = this.faults.find(
			(x) =>
				x.remaining > 0 &&
				(!x.match?.method || x.match.method.toUpperCase() === method) &&
				(!x.match?.base || x.match.base === base) &&
				(!x.match?.path || x.match.path.test(path)) &&
				(!x.match?.body || x.match.body.test(body?.toString('utf8') ?? '')),
		);
		if (!f) return undefined;
		if (f.toSkip > 0) {
			f.toSkip--;
			return undefined;
		}
		f.remaining--;
		f.hits++;
		return f;
	}

	response(f: ActiveFault): EmuResponse {
		const status = f.status ?? 503;
		const extra = f.headers ?? {};
		if (f.body !== undefined) {
			if (f.body === null) return { status, headers: extra };
			if (typeof f.body === 'string') return { status, raw: Buffer.from(f.body), headers: { 'Content-Type': 'text/html', ...extra } };
			return { status, body: f.body, headers: extra };
		}
		const code = f.code ?? (status >= 500 ? 'BDC_1001' : 'BDC_1129');
		const message = f.message ?? (status >= 500 ? 'System error occurred.' : 'Injected fault.');
		const answer = bdcError(status, code, message);
		return { ...answer, headers: { ...(answer.headers ?? {}), ...extra } };
	}
}
