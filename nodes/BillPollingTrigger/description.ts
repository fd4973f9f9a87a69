import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { DEFAULT_LATE_WINDOW_S, DEFAULT_MAX_ITEMS } from './poll';
import { authenticationProperty } from '../Bill/helpers/description';
import { AUTHENTICATION_PARAMETER, OAUTH } from '../Bill/catalog/authentication';
import { credentialOf, eventsOf, resourceOf, WATCHED, type WatchedList } from './watched';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

const resourcesWith = (pick: (list: WatchedList) => boolean) => WATCHED.filter(pick).map((l) => l.resource);

/** BILL API for Connect lists, BILL Spend & Expense API for S&E lists (the BILL node's mapping). */
export const credentials: INodeCredentialDescription[] = [
	...(['billApi', 'billSpendApi'] as const).map((name) => ({
		name,
		required: true,
		displayOptions: { show: { resource: resourcesWith((l) => credentialOf(l) === name) }, hide: { [AUTHENTICATION_PARAMETER]: [OAUTH] } },
	})),
	// OAuth client credentials serve every watched list (AP, AR and Spend & Expense).
	{ name: 'billOAuth2Api', required: true, displayOptions: { hide: { [AUTHENTICATION_PARAMETER]: ['signIn'] } } },
];

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: WATCHED.map((list) => ({ name: resourceOf(list).name, value: list.resource })).sort(byName),
	default: 'bill',
	description: 'The BILL list to watch',
};

/** One Event parameter per resource (the events its timestamps and status field give). */
const eventProperties: INodeProperties[] = WATCHED.map((list) => {
	const events = eventsOf(list);
	const first = events[0].value;
	return {
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [list.resource] } },
		options: events.map((e) => ({ name: e.name, value: e.value, description: e.description })).sort(byName),
		default: first,
		description: 'Which change starts the workflow',
	} satisfies INodeProperties;
});

export const properties: INodeProperties[] = [
	{
		displayName:
			'Checks BILL at the poll times below: n8n does not need to be reachable from the internet. For instant notifications on an n8n that BILL can reach over HTTPS, use the BILL Trigger instead.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	authenticationProperty([]),
	resourceProperty,
	...eventProperties,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		displayOptions: { show: { resource: resourcesWith((l) => Boolean(resourceOf(l).simplifyFields)) } },
		description: 'Whether to return a simplified version of each record instead of the raw data (the fields the BILL node\'s Simplify keeps)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Changes Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description:
					'On the first poll after activation, also emit the changes made since this date and time (UTC unless the value has a time zone). Without it the first poll only notes where BILL is and emits nothing that happened before.',
			},
			{
				displayName: 'Late Change Window (Seconds)',
				name: 'lateWindow',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LATE_WINDOW_S,
				description:
					'Each poll reads again the changes of this last stretch, so a change BILL lists later than its timestamp is still emitted (once). BILL states no bound; larger costs a few more requests after a burst.',
			},
			{
				displayName: 'Max Items per Poll',
				name: 'maxItems',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_ITEMS,
				description: 'Most records one poll emits; after a pause the rest come with the next polls, oldest first',
			},
		],
	},
];
