import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { credentials, properties } from './description';
import { DEFAULT_LATE_WINDOW_S, DEFAULT_MAX_ITEMS, pollChanges, sampleNewest, type PollSettings } from './poll';
import { eventsOf, findWatched } from './watched';

/**
 * BILL Polling Trigger: checks a BILL list at n8n's poll times and starts the workflow with the
 * records created, updated or changed to a status since the last poll, for n8n instances BILL's
 * webhooks cannot reach. Requests go through the BILL node's request layer (session, 3 in flight,
 * hourly cap, retries).
 */
export class BillPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BILL Polling Trigger',
		name: 'billPollingTrigger',
		icon: { light: 'file:../../icons/bill.svg', dark: 'file:../../icons/bill.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["resource"] + ": " + $parameter["event"]}}',
		description: 'Starts the workflow when BILL records are created, updated or change status, checking BILL at the poll times (no public URL needed)',
		defaults: { name: 'BILL Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		return this.getMode() === 'manual' ? await sampleNewest(this, settings) : await pollChanges(this, settings);
	}
}

function readSettings(ctx: IPollFunctions): PollSettings {
	const resource = ctx.getNodeParameter('resource') as string;
	const list = findWatched(resource);
	if (!list) throw new NodeOperationError(ctx.getNode(), `Resource "${resource}" cannot be watched`, { description: 'Choose a resource from the Resource list.' });
	const value = ctx.getNodeParameter('event') as string;
	const events = eventsOf(list);
	const event = events.find((e) => e.value === value);
	if (!event) {
		throw new NodeOperationError(ctx.getNode(), `Event "${value}" is not available for this resource`, {
			description: `Choose one of: ${events.map((e) => e.name).join(', ')}.`,
		});
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	let sinceMs: number | undefined;
	if (typeof options.since === 'string' && options.since.trim() !== '') {
		const raw = options.since.trim();
		sinceMs = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(raw) || !raw.includes('T') ? raw : `${raw}Z`);
		if (Number.isNaN(sinceMs)) {
			throw new NodeOperationError(ctx.getNode(), `Include Changes Since is not a date: "${raw}"`, {
				description: 'Pick a date and time, or use an ISO 8601 value such as 2026-01-31T00:00:00Z.',
			});
		}
	}
	const lateS = options.lateWindow ?? DEFAULT_LATE_WINDOW_S;
	if (typeof lateS !== 'number' || !(lateS >= 0)) {
		throw new NodeOperationError(ctx.getNode(), `Late Change Window must be 0 or more seconds, not "${String(lateS)}"`, { description: `Set a number of seconds, e.g. ${DEFAULT_LATE_WINDOW_S}.` });
	}
	const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
	if (typeof maxItems !== 'number' || !Number.isInteger(maxItems) || maxItems < 1) {
		throw new NodeOperationError(ctx.getNode(), `Max Items per Poll must be a whole number of 1 or more, not "${String(maxItems)}"`, { description: `Set e.g. ${DEFAULT_MAX_ITEMS}.` });
	}
	return { list, event, sinceMs, simplify: ctx.getNodeParameter('simplify', false) as boolean, lateMs: lateS * 1000, maxItems };
}
