import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentials, properties, triggerPanel } from './description';
import { ALL_EVENTS, describeEvent, eventValue } from './events';
import { adoptNewerKeys, settleKeys } from './keys';
import { claimEvent, claimsSettled, eventsStarted, releaseEvents } from './handled';
import { eventIdOf, parseNotifications, rawBodyOf, toItem } from './notification';
import { matchSignature, SIGNATURE_HEADER } from './signature';
import {
	acceptedKeys,
	checkSubscription,
	createSubscription,
	familyOf,
	graceMs,
	readCatalog,
	removeSubscription,
	rotateKey,
	rotationDue,
	rotationIdempotencyKey,
	triggerOptions,
	triggerState,
	type TriggerState,
} from './subscription';

/**
 * BILL Trigger: manages its own BILL webhook subscription (connect-events API) and starts the
 * workflow for each notification whose `x-bill-sha-signature` is valid.
 *
 * Security key rotation: with "Rotate Security Key Every (Days)" the trigger rotates the key itself
 * (at activation, or while handling a notification) and keeps accepting the previous key for the
 * grace period; concurrent calls of one n8n process cannot save an older key over a newer one
 * (keys.ts). Events count as handled once n8n has started their execution (handled.ts). A
 * notification that fails the signature check never leads to a call to BILL (anyone can send one
 * naming the subscription): if the key was rotated elsewhere (the BILL node's Create Security Key
 * operation), deactivate and activate the workflow: the trigger then holds the key BILL signs with.
 */
export class BillTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BILL Trigger',
		name: 'billTrigger',
		icon: { light: 'file:../../icons/bill.svg', dark: 'file:../../icons/bill.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).includes("*") ? "All events" : ($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when BILL events occur (bills, vendors, payments, invoices, Spend & Expense)',
		defaults: { name: 'BILL Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// empty: n8n's answer is the result's webhookResponse (read after the execution started, handled.ts)
				responseData: '',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for a BILL event or BILL\'s test event',
		activationMessage: 'BILL events will now start executions of this workflow.',
		triggerPanel,
		properties,
	};

	methods = {
		loadOptions: {
			async getEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const family = familyOf(this);
				const { catalog, fromBill } = await readCatalog(this, family);
				const options: INodePropertyOptions[] = [
					{
						name: 'All Events',
						value: ALL_EVENTS,
						description: fromBill
							? 'Every event of this family in BILL\'s catalog'
							: 'Every event of this family (built-in list: BILL\'s events catalog could not be read)',
					},
				];
				for (const entry of catalog) {
					for (const version of entry.versions) {
						options.push({
							name: entry.versions.length > 1 || version !== '1' ? `${entry.type} (v${version})` : entry.type,
							value: eventValue(entry.type, version),
							description: describeEvent(entry.type),
						});
					}
				}
				return options;
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkSubscription(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeSubscription(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const state = triggerState(this);
		const now = Date.now();
		const raw = rawBodyOf(req as { rawBody?: unknown; body?: unknown });
		const header = req.headers[SIGNATURE_HEADER];

		// 1. The signature, before anything else (with the newest key a concurrent call may have rotated to).
		adoptNewerKeys(state);
		if (matchSignature(header, raw, acceptedKeys(state, now)) < 0) {
			// Never a call to BILL here: a forged notification must not make the trigger act.
			res.status(401).json({ message: `Missing or invalid ${SIGNATURE_HEADER} signature` });
			this.logger.warn(`BILL Trigger: refused a notification with a missing or invalid ${SIGNATURE_HEADER} (if the security key was rotated outside this trigger, deactivate and activate the workflow)`);
			await settleKeys(state);
			return { noWebhookResponse: true };
		}
		if (state.previousKeys?.length) state.previousKeys = state.previousKeys.filter((p) => Number(p.until) > now);

		// 2. The notification(s): JSON, or JSON escaped as a string.
		const notifications = parseNotifications(raw);
		if (!notifications) {
			res.status(400).json({ message: 'The body is not a BILL notification (JSON expected)' });
			await settleKeys(state);
			return { noWebhookResponse: true };
		}

		// 3. Which events start an execution (handled.ts): not those handled already (by this trigger
		// in this mode: a test listener's deliveries do not hide the production ones). No await before
		// the claims: copies arriving together are decided one after the other; a copy of an event
		// another call of this process is starting waits for that call's outcome.
		const options = triggerOptions(this);
		const scope = `${this.getWorkflow().id ?? ''}/${this.getNode().id}/${this.getMode()}`;
		const decide = () => {
			const inBody = new Set<string>();
			return notifications.map((payload) => {
				const eventId = eventIdOf(payload);
				const repeated = eventId !== undefined && inBody.has(eventId);
				if (eventId !== undefined) inBody.add(eventId);
				const verdict = eventId === undefined ? 'start' : repeated ? 'duplicate' : claimEvent(state, eventId, scope, Date.now());
				return { payload, eventId, verdict };
			});
		};
		let decided = decide();
		const waiting = decided.filter((d) => d.verdict === 'claimed').map((d) => d.eventId as string);
		if (waiting.length) {
			releaseEvents(claimedBy(decided), scope);
			await claimsSettled(waiting, scope);
			decided = decide();
			if (decided.some((d) => d.verdict === 'claimed')) {
				// Still being started by another call after 8 s: not a 200 (that start may yet fail), BILL retries.
				releaseEvents(claimedBy(decided), scope);
				res.status(503).json({ message: 'This event is being handled by another call; retry later' });
				await settleKeys(state);
				return { noWebhookResponse: true };
			}
		}
		const starting = decided.filter((d) => d.verdict === 'start');
		const ids = claimedBy(decided);

		// 4. Nothing to start: answer BILL here; n8n saves the static data after this returns.
		if (starting.length === 0) {
			res.status(200).json({ received: true, duplicate: true });
			await rotateIfDue(this, state, options, now);
			await settleKeys(state);
			return { noWebhookResponse: true };
		}

		// 5. Events to start: n8n answers BILL, after it started the execution (500 if that fails, and
		// BILL retries). n8n reads `webhookResponse` after the start and before it saves the static
		// data: that is when the events become handled. If the call ends without that read (n8n's 500,
		// or BILL hung up), the claims are released or left to expire (handled.ts).
		let outcome: 'open' | 'started' | 'released' = 'open';
		const started = () => {
			if (outcome === 'open') {
				outcome = 'started';
				adoptNewerKeys(state); // a rotation another call finished meanwhile is what n8n saves now
				eventsStarted(state, ids, scope);
			}
			return { received: true };
		};
		res.once('close', () => {
			if (outcome !== 'open') return;
			// answered with a 2xx without reading webhookResponse (an n8n that no longer reads it): started
			if (res.writableFinished && res.statusCode < 300) return void started();
			if (!res.writableFinished) return; // BILL hung up: the start may still succeed; the claims expire
			outcome = 'released';
			releaseEvents(ids, scope);
		});
		await rotateIfDue(this, state, options, now);
		// what n8n saves after the start holds the newest key, whichever call rotated it
		await settleKeys(state);
		return {
			workflowData: [this.helpers.returnJsonArray(starting.map((d) => toItem(d.payload, options.outputRawPayload === true)))],
			get webhookResponse() {
				return started();
			},
		};
	}
}

/** Event IDs this call claimed (to start). */
function claimedBy(decided: Array<{ eventId?: string; verdict: string }>): string[] {
	return decided.filter((d) => d.verdict === 'start' && d.eventId !== undefined).map((d) => d.eventId as string);
}

/** Scheduled key rotation (Rotate Security Key Every (Days)); a failure is retried on a later notification. */
async function rotateIfDue(ctx: IWebhookFunctions, state: TriggerState, options: ReturnType<typeof triggerOptions>, now: number): Promise<void> {
	if (!rotationDue(state, options, now)) return;
	try {
		await rotateKey(ctx, state, state.family ?? familyOf(ctx), {
			idempotencyKey: rotationIdempotencyKey(state, 'schedule'),
			graceMs: graceMs(options),
			now,
		});
	} catch (error) {
		ctx.logger.warn(`BILL Trigger: scheduled security key rotation failed, will retry on the next notification (${(error as Error).message})`);
	}
}
