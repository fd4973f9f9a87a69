import type { EventFamily } from '../Bill/transport/credentialTypes';

/**
 * Event families of the BILL Trigger. Which credential (and so which headers) creates the
 * subscription decides which events BILL offers and for which organizations it notifies
 * (webhooks.md §1, §7).
 */
export type { EventFamily };

/** Value of the "All events" choice of the Events parameter. */
export const ALL_EVENTS = '*';

/** One entry of `GET /v3/events/catalog`. */
export interface CatalogEntry {
	type: string;
	versions: string[];
}

/** One event of a subscription body. */
export interface SubscriptionEvent {
	type: string;
	version: string;
}

/**
 * Built-in list, used when `GET /v3/events/catalog` cannot be read (webhooks.md §4). Every version
 * BILL documents is "1".
 */
export const FALLBACK_EVENTS: Array<{ type: string; description: string }> = [
	{ type: 'vendor.created', description: 'A vendor was created' },
	{ type: 'vendor.updated', description: 'A vendor was updated' },
	{ type: 'vendor.archived', description: 'A vendor was archived' },
	{ type: 'vendor.restored', description: 'An archived vendor was restored' },
	{ type: 'autopay.failed', description: 'A vendor auto-pay failed' },
	{ type: 'bill.created', description: 'A bill was created' },
	{ type: 'bill.updated', description: 'A bill was updated' },
	{ type: 'bill.archived', description: 'A bill was archived' },
	{ type: 'bill.restored', description: 'An archived bill was restored' },
	{ type: 'payment.updated', description: 'The status of a payment changed' },
	{ type: 'payment.failed', description: 'A payment failed' },
	{ type: 'mass-payment.updated', description: 'The status of a payment batch changed' },
	{ type: 'bank-account.created', description: 'A bank account was added' },
	{ type: 'bank-account.updated', description: 'A bank account was updated' },
	{ type: 'card-account.created', description: 'A card account was added' },
	{ type: 'card-account.updated', description: 'A card account was updated' },
	{ type: 'invoice.created', description: 'An invoice was created' },
	{ type: 'invoice.updated', description: 'An invoice was updated' },
	{ type: 'invoice.archived', description: 'An invoice was archived' },
	{ type: 'invoice.restored', description: 'An archived invoice was restored' },
	{ type: 'risk-verification.updated', description: 'The status of a risk verification changed' },
	{ type: 'spend.transaction.updated', description: 'A Spend & Expense card transaction was updated' },
	{ type: 'spend.reimbursement.created', description: 'A Spend & Expense reimbursement was created' },
	{ type: 'spend.reimbursement.updated', description: 'A Spend & Expense reimbursement was updated' },
	{ type: 'spend.reimbursement.deleted', description: 'A Spend & Expense reimbursement was deleted' },
	{ type: 'spend.three-ds-challenge.created', description: 'A card purchase asks for a 3-D Secure challenge' },
];

const DESCRIPTIONS = new Map(FALLBACK_EVENTS.map((e) => [e.type, e.description]));

export function describeEvent(type: string): string | undefined {
	return DESCRIPTIONS.get(type);
}

/** Whether an event type belongs to a family: Spend & Expense events begin with `spend.`. */
export function inFamily(type: string, family: EventFamily): boolean {
	return family === 'spend' ? type.startsWith('spend.') : !type.startsWith('spend.');
}

/** The built-in catalog of a family. */
export function fallbackCatalog(family: EventFamily): CatalogEntry[] {
	return FALLBACK_EVENTS.filter((e) => inFamily(e.type, family)).map((e) => ({ type: e.type, versions: ['1'] }));
}

/** Keeps the well-formed entries of a catalog response that belong to the family. */
export function normalizeCatalog(response: unknown, family: EventFamily): CatalogEntry[] {
	const list = Array.isArray(response)
		? response
		: response && typeof response === 'object' && Array.isArray((response as { results?: unknown }).results)
			? ((response as { results: unknown[] }).results)
			: [];
	const out: CatalogEntry[] = [];
	for (const raw of list) {
		if (!raw || typeof raw !== 'object') continue;
		const entry = raw as { type?: unknown; versions?: unknown; version?: unknown };
		if (typeof entry.type !== 'string' || !entry.type) continue;
		if (!inFamily(entry.type, family)) continue;
		let versions = Array.isArray(entry.versions) ? entry.versions.map(String).filter(Boolean) : [];
		if (!versions.length && entry.version !== undefined) versions = [String(entry.version)];
		if (!versions.length) versions = ['1'];
		out.push({ type: entry.type, versions });
	}
	return out;
}

/** Highest version of a catalog entry ("10" > "9"). */
export function latestVersion(versions: string[]): string {
	return [...versions].sort((a, b) => compareVersions(b, a))[0] ?? '1';
}

function compareVersions(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
	return a.localeCompare(b);
}

/** Option value of one event: `bill.created:1`. */
export function eventValue(type: string, version: string): string {
	return `${type}:${version}`;
}

/** Parses an option value (`bill.created:1`, or `bill.created` meaning version 1). */
export function parseEventValue(value: string): SubscriptionEvent | undefined {
	const text = String(value ?? '').trim();
	if (!text || text === ALL_EVENTS) return undefined;
	const at = text.lastIndexOf(':');
	if (at > 0 && at < text.length - 1) return { type: text.slice(0, at).trim(), version: text.slice(at + 1).trim() };
	return { type: text.replace(/:$/, ''), version: '1' };
}

/** Canonical form of a set of events, for comparing a subscription with the node's parameters. */
export function eventKey(events: Array<Partial<SubscriptionEvent>> | undefined): string {
	return [...new Set((events ?? []).map((e) => `${String(e.type ?? '')}@${String(e.version ?? '1')}`))].sort().join(',');
}

export function sameEvents(a: Array<Partial<SubscriptionEvent>> | undefined, b: Array<Partial<SubscriptionEvent>> | undefined): boolean {
	return eventKey(a) === eventKey(b);
}

/** Every event of a catalog at its latest version (the "All events" choice). */
export function allEventsOf(catalog: CatalogEntry[]): SubscriptionEvent[] {
	return catalog.map((e) => ({ type: e.type, version: latestVersion(e.versions) }));
}

/** De-duplicated, sorted events. */
export function uniqueEvents(events: SubscriptionEvent[]): SubscriptionEvent[] {
	const seen = new Map<string, SubscriptionEvent>();
	for (const e of events) seen.set(`${e.type}@${e.version}`, e);
	return [...seen.values()].sort((x, y) => x.type.localeCompare(y.type) || x.version.localeCompare(y.version));
}
