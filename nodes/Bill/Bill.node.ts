import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from './actions/router';
import { buildCredentials, buildProperties, FIXED_FOR_EDITOR } from './helpers/description';
import { buildListSearch, buildLoadOptions } from './methods';
import { resources } from './resources';

export class Bill implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BILL',
		name: 'bill',
		icon: { light: 'file:../../icons/bill.svg', dark: 'file:../../icons/bill.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Pay bills, manage vendors, customers and invoices, approve spend and run every BILL (bill.com) v3 API operation: AP, AR, Spend & Expense, partner and webhooks',
		defaults: { name: 'BILL' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: buildCredentials(resources),
		properties: buildProperties(resources),
		...FIXED_FOR_EDITOR,
	};

	methods = {
		listSearch: buildListSearch(resources),
		loadOptions: buildLoadOptions(resources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, resources);
	}
}
