import type { TriggerState } from './subscription';

/**
 * A key rotation must not be undone by a concurrent webhook call. n8n loads the trigger's static
 * data at the start of each call and saves it after the call: a call that loaded the data before
 * another call rotated the key would save the old key over the new one (BILL then signs with a key
 * the trigger no longer holds). So every rotation made in this process is also kept here, per
 * subscription; each call adopts the newest key at its start, and before returning waits for a
 * rotation still in flight and adopts its result, so what n8n saves after it holds the newest key.
 * Across processes (separate `n8n webhook` processes, several mains) nothing here is shared: there
 * every call that loaded the old key finds the rotation due and rotates with the same
 * X-Idempotent-Key (derived from the old key, subscription.ts), so BILL answers each with the same
 * new key and every save holds it (test/e2e/trigger-scaled.test.ts). A call in another process
 * whose rotation request fails while another's succeeds saves the old key (not measured).
 */

interface KeyRecord {
	securityKey: string;
	keyCreatedAt: number;
	previousKeys: Array<{ key: string; until: number }>;
}

const latest = new Map<string, KeyRecord>();
const inFlight = new Map<string, Promise<unknown>>();
const MAX_SUBSCRIPTIONS = 500;

/** Remembers the key state of `state` (after a create or a rotation). */
export function recordKeys(state: TriggerState): void {
	const id = state.subscriptionId;
	if (!id || !state.securityKey) return;
	latest.delete(id);
	latest.set(id, { securityKey: state.securityKey, keyCreatedAt: Number(state.keyCreatedAt ?? 0), previousKeys: [...(state.previousKeys ?? [])] });
	if (latest.size > MAX_SUBSCRIPTIONS) latest.delete(latest.keys().next().value as string);
}

/** Forgets a subscription (deleted). */
export function forgetKeys(subscriptionId: string | undefined): void {
	if (subscriptionId) latest.delete(subscriptionId);
}

/** Takes the newest key this process knows for the subscription when it is newer than the one in `state`; the replaced keys stay accepted as they were. */
export function adoptNewerKeys(state: TriggerState): void {
	const known = state.subscriptionId ? latest.get(state.subscriptionId) : undefined;
	if (!known || known.keyCreatedAt <= Number(state.keyCreatedAt ?? 0) || known.securityKey === state.securityKey) return;
	const previous = [...(state.previousKeys ?? []), ...known.previousKeys];
	const seen = new Set<string>([known.securityKey]);
	state.previousKeys = previous.filter((p) => p && !seen.has(p.key) && (seen.add(p.key), true));
	state.securityKey = known.securityKey;
	state.keyCreatedAt = known.keyCreatedAt;
}

/** Runs a rotation of the subscription, visible to concurrent calls (settleKeys) until it ends. */
export async function tracked<T>(subscriptionId: string, rotation: Promise<T>): Promise<T> {
	const entry = rotation.finally(() => {
		if (inFlight.get(subscriptionId) === entry) inFlight.delete(subscriptionId);
	});
	inFlight.set(subscriptionId, entry);
	return await entry;
}

/** Before a call returns (and n8n saves the static data): waits for a rotation in flight, then adopts the newest key. */
export async function settleKeys(state: TriggerState): Promise<void> {
	const pending = state.subscriptionId ? inFlight.get(state.subscriptionId) : undefined;
	if (pending) await pending.catch(() => undefined);
	adoptNewerKeys(state);
}
