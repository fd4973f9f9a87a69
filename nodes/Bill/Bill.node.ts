import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { BULK_KINDS, buildCredentials, buildProperties } from './helpers/description';
import { executeBulk, executeItem } from './helpers/executor';
import { mapConcurrent } from './transport/limiter';
import { buildListSearch, buildLoadOptions } from './methods';
import { findOperation, findResource, resources } from './resources';

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
	};

	methods = {
		listSearch: buildListSearch(resources),
		loadOptions: buildLoadOptions(resources),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resourceValue = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const resource = findResource(resourceValue);
		const op = findOperation(resourceValue, operation);
		if (!resource || !op) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resourceValue}"`);
		}
		const toNodeError = (error: Error, itemIndex: number) =>
			error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error, { itemIndex });

		if (BULK_KINDS.includes(op.kind)) {
			const { results } = await executeBulk.call(this, op, resource, resources, items.length);
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < results.length; i++) {
				const r = results[i];
				if (r.error) {
					if (!this.continueOnFail()) throw toNodeError(r.error, i);
					out.push({ json: { error: r.error.message }, pairedItem: { item: i } });
				} else out.push(...(r.items ?? []));
			}
			return [out];
		}

		// Items run concurrently up to the option's cap (BILL: 3 per organization, enforced again in
		// the request layer across executions); outputs keep input order.
		const cap = Math.min(3, Math.max(1, Number((this.getNodeParameter('options', 0, {}) as { maxConcurrency?: number }).maxConcurrency ?? 3)));
		let failed: Error | undefined;
		const perItem = await mapConcurrent(items, cap, async (_item, i) => {
			if (failed) return [];
			try {
				return await executeItem.call(this, op, resource, resources, i);
			} catch (error) {
				if (this.continueOnFail()) return [{ json: { error: (error as Error).message }, pairedItem: { item: i } }];
				failed ??= toNodeError(error as Error, i);
				return [];
			}
		});
		if (failed) throw failed;
		return [perItem.flat()];
	}
}
