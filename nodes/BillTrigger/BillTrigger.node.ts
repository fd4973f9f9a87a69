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
import { eventIdOf, parseNotifications, rawBodyOf, rememberEvent, toItem } from './notification';
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
} from './subscription';

/**
 * BILL Trigger: manages its own BILL webhook subscription (connect-events API) and starts the
 * workflow for each notification whose `x-bill-sha-signature` is valid.
 *
 * Security key rotation: with "Rotate Security Key Every (Days)" the trigger rotates the key itself
 * (at activation, or after answering a notification) and keeps accepting the previous key for the
 * grace period; concurrent calls cannot save an older key over a newer one (keys.ts). A
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

		// 3. Drop event ids already seen (by this trigger in this mode: a test listener's deliveries do
		// not hide the production ones). No await before this point: copies arriving together are
		// decided one after the other.
		const options = triggerOptions(this);
		const scope = `${this.getWorkflow().id ?? ''}/${this.getNode().id}/${this.getMode()}`;
		const items = [];
		for (const payload of notifications) {
			const eventId = eventIdOf(payload);
			if (eventId !== undefined && !rememberEvent(state, eventId, scope)) continue;
			items.push(toItem(payload, options.outputRawPayload === true));
		}

		// 4. Answer BILL here (noWebhookResponse), so that n8n stores the static data (the ids above)
		// before it starts the execution. When n8n answers (responseMode onReceived), n8n 2.41 does so
		// after starting the execution, and starting it wraps the same static data object in another
		// Workflow, which clears its "changed" flag: n8n then skipped the save, and every retry of a
		// notification started another execution.
		const duplicate = items.length === 0;
		res.status(200).json(duplicate ? { received: true, duplicate: true } : { received: true });

		// 5. Scheduled key rotation, after the answer.
		if (rotationDue(state, options, now)) {
			try {
				await rotateKey(this, state, state.family ?? familyOf(this), {
					idempotencyKey: rotationIdempotencyKey(state, 'schedule'),
					graceMs: graceMs(options),
					now,
				});
			} catch (error) {
				this.logger.warn(`BILL Trigger: scheduled security key rotation failed, will retry on the next notification (${(error as Error).message})`);
			}
		}
		// n8n saves the static data after this returns: with the newest key, whichever call rotated it.
		await settleKeys(state);
		return duplicate ? { noWebhookResponse: true } : { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(items)] };
	}
}
