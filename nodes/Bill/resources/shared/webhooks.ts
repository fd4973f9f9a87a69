import type { FieldDef } from '../../catalog/types';

/**
 * Webhook management runs on BILL's `connect-events` base with the authentication of the event
 * family the user picks: organization session (AP/AR events), partner session (events of all the
 * partner's organizations) or Spend & Expense token (S&E events).
 */

export const subscriptionIdParam: FieldDef = {
	name: 'subscriptionId',
	label: 'Subscription',
	type: 'string',
	required: true,
	locator: 'webhookSubscription',
	description: 'The webhook subscription (a UUID)',
};

/** Events of a subscription: types and versions from the events catalog. */
export const eventsField = (required: boolean): FieldDef => ({
	name: 'events',
	type: 'array',
	required,
	description: 'Events to receive; take types and versions from Webhook Event → Get Catalog',
	fields: [
		{ name: 'type', type: 'string', required: true, placeholder: 'bill.created', description: 'Event type, e.g. bill.created, payment.updated, spend.transaction.updated' },
		{ name: 'version', type: 'string', required: true, default: '1', description: 'Event version (BILL documents version 1)' },
	],
});

export const notificationUrlField = (required: boolean): FieldDef => ({
	name: 'notificationUrl',
	label: 'Notification URL',
	type: 'string',
	required,
	placeholder: 'https://example.com/bill-webhook',
	description: 'HTTPS URL BILL posts the notifications to',
});

export const statusField = (required: boolean): FieldDef => ({
	name: 'status',
	type: 'object',
	required,
	description: 'Whether BILL sends notifications. BILL disables a subscription after repeated delivery failures; enable it again here.',
	fields: [{ name: 'enabled', type: 'boolean', required, default: true, description: 'Whether the subscription is enabled' }],
});
