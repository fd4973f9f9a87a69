import { sleep } from 'n8n-workflow';

import { SEEN_EVENT_IDS, type TriggerState } from './subscription';

/**
 * Which event IDs start an execution, and when an event counts as handled.
 *
 * What n8n does with a webhook call (read in n8n 2.8.4 and 2.41.3: cli `webhooks/live-webhooks`,
 * `webhooks/webhook-helpers` executeWebhook, `workflow-runner`; the same code in the main process
 * and in a separate `n8n webhook` process):
 * 1. it loads the workflow, with its static data, from the database and calls webhook();
 * 2. when webhook() answered itself (`noWebhookResponse`), n8n saves the static data and then
 *    starts the execution: BILL has its 200 before n8n knows whether the execution starts;
 * 3. otherwise (responseMode onReceived) n8n first starts the execution (WorkflowRunner.run: the
 *    execution row is written, then the run begins or, in queue mode, the job is queued), then reads
 *    the result's `webhookResponse` for the body, saves the static data and answers 200. When
 *    starting fails (database, Redis), n8n answers 500 and saves nothing: BILL retries.
 * 4. Starting the execution wraps the same static-data object in another Workflow, which clears
 *    its "changed" flag (2.41 in both modes, 2.8.4 in regular mode), so a change webhook() made is
 *    not saved in step 3; a change made when n8n reads `webhookResponse` (after the start) is.
 * 5. n8n's shared, database-backed deduplication helpers (`checkProcessedAndRecord`) exist only in
 *    execute contexts, not in webhook(); static data has no compare-and-set.
 * So the trigger lets n8n answer (step 3): an event is *claimed* in this process's memory when
 * webhook() takes it, and becomes *handled* — written to the static data that n8n then saves, and
 * kept in memory — only when n8n reads `webhookResponse`, i.e. once its execution has started. A
 * claim whose start failed is released when n8n's 500 is sent, so BILL's retry starts the event.
 * A copy arriving while the same event is claimed in this process waits for that outcome.
 * Two processes (separate webhook processes, several mains) share only the database: a copy
 * reaching another process after the first was answered is dropped (the save precedes the answer);
 * copies reaching two processes at the same moment can both start (README, queue mode).
 */

/** Handled event IDs per trigger (`scope`: workflow, node, mode), most recent last. */
const handledInProcess = new Map<string, string[]>();
/** Claimed event IDs (`scope` + id) → when claimed. */
const claims = new Map<string, number>();
const MAX_TRIGGERS = 500;
const MAX_CLAIMS = 10_000;

/**
 * A claim whose HTTP call ended before n8n started the execution (BILL stops waiting after 10 s,
 * webhooks.md §7) is kept this long: the start may still succeed (a retry meanwhile would start
 * a second execution) or have failed (n8n gives the node no sign): after this, a retry starts the
 * event. A choice: n8n starts an execution within seconds, and BILL retries after 2, 4, 8 and 16 s
 * (webhooks.md §7), so a later retry still finds the event free.
 */
export const CLAIM_MS = 30_000;
/** How long a copy waits for the claimed first copy's outcome (below BILL's 10 s). */
export const COPY_WAIT_MS = 8_000;

export type Verdict = 'start' | 'duplicate' | 'claimed';

const claimKey = (scope: string, eventId: string) => `${scope}\n${eventId}`;

function handledIds(state: TriggerState, scope: string): string[] {
	const stored = Array.isArray(state.seenEventIds) ? state.seenEventIds : [];
	const known = new Set(stored);
	return [...stored, ...(handledInProcess.get(scope) ?? []).filter((id) => !known.has(id))];
}

/**
 * Decides one event ID, synchronously (copies arriving together are decided one after the other):
 * `duplicate` when it was handled (static data or this process), `claimed` while another call of
 * this process holds it, else `start` — and this call now holds the claim.
 */
export function claimEvent(state: TriggerState, eventId: string, scope: string, now = Date.now()): Verdict {
	if (handledIds(state, scope).includes(eventId)) return 'duplicate';
	const key = claimKey(scope, eventId);
	const at = claims.get(key);
	if (at !== undefined && now - at < CLAIM_MS) return 'claimed';
	claims.delete(key);
	claims.set(key, now);
	if (claims.size > MAX_CLAIMS) claims.delete(claims.keys().next().value as string);
	return 'start';
}

/** Releases claims whose execution did not start: BILL's retry may start them. */
export function releaseEvents(eventIds: string[], scope: string): void {
	for (const id of eventIds) claims.delete(claimKey(scope, id));
}

/**
 * The execution of these events started: they are handled. Writes the last `limit` handled IDs to
 * the static data (with those this process knows: a copy of the data loaded before another call's
 * save still gets them) and to this process's memory.
 */
export function eventsStarted(state: TriggerState, eventIds: string[], scope: string, limit = SEEN_EVENT_IDS): void {
	const seen = handledIds(state, scope);
	for (const id of eventIds) if (!seen.includes(id)) seen.push(id);
	state.seenEventIds = seen.slice(-limit);
	handledInProcess.delete(scope); // most recently used last
	handledInProcess.set(scope, seen.slice(-limit));
	if (handledInProcess.size > MAX_TRIGGERS) handledInProcess.delete(handledInProcess.keys().next().value as string);
	releaseEvents(eventIds, scope);
}

/** Waits (up to `maxMs`) until none of these events is claimed in this process any more. */
export async function claimsSettled(eventIds: string[], scope: string, maxMs = COPY_WAIT_MS): Promise<void> {
	const until = Date.now() + maxMs;
	const open = () => eventIds.some((id) => {
		const at = claims.get(claimKey(scope, id));
		return at !== undefined && Date.now() - at < CLAIM_MS;
	});
	while (open() && Date.now() < until) await sleep(25);
}
