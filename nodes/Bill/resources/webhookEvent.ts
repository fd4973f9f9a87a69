import type { ResourceDef } from '../catalog/types';
import { subscriptionIdParam } from './shared/webhooks';

export const webhookEvent: ResourceDef = {
	value: 'webhookEvent',
	name: 'Webhook Event',
	api: 'webhooks',
	description: 'The events catalog and the notifications BILL sent for a subscription',
	operations: [
		{
			resource: 'webhookEvent',
			operation: 'getCatalog',
			name: 'Get Catalog',
			action: 'Get the webhook events catalog',
			description: 'List the event types you can subscribe to, with their versions',
			api: 'webhooks',
			method: 'GET',
			path: '/v3/events/catalog',
			kind: 'list',
			pagination: 'none',
			response: { array: true },
		},
		{
			resource: 'webhookEvent',
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many event notifications of a subscription',
			description: 'List the notifications BILL sent for a subscription (kept 180 days), with the HTTP status your URL answered',
			api: 'webhooks',
			method: 'GET',
			path: '/v3/events/subscription/{subscriptionId}',
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
			pathParams: [subscriptionIdParam],
			query: [
				{ name: 'entityId', label: 'Entity ID', type: 'string', description: 'Only notifications about this object (e.g. a bill ID)' },
				{ name: 'createdTimeFrom', type: 'dateTime', description: 'Only notifications created at or after this time' },
				{ name: 'createdTimeTo', type: 'dateTime', description: 'Only notifications created before this time (default: now)' },
			],
		},
		{
			resource: 'webhookEvent',
			operation: 'resend',
			name: 'Resend',
			action: 'Resend an event notification',
			description: 'Make BILL post a notification to the subscription URL again, e.g. after your endpoint was down',
			api: 'webhooks',
			method: 'POST',
			path: '/v3/events/subscription/{subscriptionId}/event/{eventId}',
			kind: 'action',
			pathParams: [
				subscriptionIdParam,
				{ name: 'eventId', label: 'Event ID', type: 'string', required: true, description: 'The event notification (its `id` in Get Many, `metadata.eventId` in the notification)' },
			],
		},
	],
};
