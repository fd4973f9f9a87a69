import { defineResource, listOp } from './shared/operations';
import { subscriptionIdParam } from './shared/webhooks';

export const webhookEvent = defineResource({
	value: 'webhookEvent',
	name: 'Webhook Event',
	api: 'webhooks',
	description: 'The events catalog and the notifications BILL sent for a subscription',
	operations: [
		{
			operation: 'getCatalog',
			name: 'Get Catalog',
			action: 'Get the webhook events catalog',
			description: 'List the event types you can subscribe to, with their versions',
			method: 'GET',
			path: '/v3/events/catalog',
			kind: 'list',
			pagination: 'none',
			response: { array: true },
		},
		listOp(
			{ many: 'event notifications of a subscription' },
			'/v3/events/subscription/{subscriptionId}',
			{
				description: 'List the notifications BILL sent for a subscription (kept 180 days), with the HTTP status your URL answered',
				pathParams: [subscriptionIdParam],
				query: [
					{ name: 'entityId', label: 'Entity ID', type: 'string', description: 'Only notifications about this object (e.g. a bill ID)' },
					{ name: 'createdTimeFrom', type: 'dateTime', description: 'Only notifications created at or after this time' },
					{ name: 'createdTimeTo', type: 'dateTime', description: 'Only notifications created before this time (default: now)' },
					// BILL changelog 2026-03-20 (webhook API improvements): sort by notification created date.
					{ name: 'ascending', type: 'boolean', default: true, description: 'Whether to list the oldest notifications first' },
				],
			},
		),
		{
			operation: 'resend',
			name: 'Resend',
			action: 'Resend an event notification',
			description: 'Make BILL post a notification to the subscription URL again, e.g. after your endpoint was down',
			method: 'POST',
			path: '/v3/events/subscription/{subscriptionId}/event/{eventId}',
			kind: 'action',
			pathParams: [
				subscriptionIdParam,
				{ name: 'eventId', label: 'Event ID', type: 'string', required: true, description: 'The event notification (its `id` in Get Many, `metadata.eventId` in the notification)' },
			],
		},
	],
});
