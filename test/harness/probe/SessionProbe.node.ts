/**
 * Node type of the session probe: Get (one request per item, in turn), Get All At Once (all items
 * in parallel), Upload (an item's binary data, answered with a binary) and a loadOptions method.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export class SessionProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Session Probe',
		name: 'sessionProbe',
		group: ['transform'],
		version: 1,
		description: 'Calls the session probe API',
		defaults: { name: 'Session Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sessionProbeApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Get', value: 'get' },
					{ name: 'Upload', value: 'upload' },
					{ name: 'Get All At Once', value: 'getConcurrently' },
				],
				default: 'get',
			},
			{ displayName: 'Thing ID', name: 'thingId', type: 'string', default: '' },
		],
	};

	methods = {
		loadOptions: {
			async getThings(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const { baseUrl: url } = await this.getCredentials('sessionProbeApi');
				const things = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'sessionProbeApi',
					{ method: 'GET', url: `${url}/things`, json: true },
				)) as Array<{ id: string; name: string }>;
				return things.map((thing) => ({ name: thing.name, value: thing.id }));
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		if (this.getNodeParameter('operation', 0) === 'getConcurrently') {
			const { baseUrl: url } = await this.getCredentials('sessionProbeApi');
			const results = await Promise.all(
				items.map(
					async (item) =>
						(await this.helpers.httpRequestWithAuthentication.call(this, 'sessionProbeApi', {
							method: 'GET',
							url: `${url}/things/${item.json.id as string}`,
							json: true,
						})) as IDataObject,
				),
			);
			return [results.map((json, i) => ({ json, pairedItem: { item: i } }))];
		}
		for (let i = 0; i < items.length; i++) {
			try {
				const { baseUrl: url } = await this.getCredentials('sessionProbeApi', i);
				const operation = this.getNodeParameter('operation', i) as string;
				if (operation === 'get') {
					const json = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						'sessionProbeApi',
						{
							method: 'GET',
							url: `${url}/things/${this.getNodeParameter('thingId', i) as string}`,
							json: true,
						},
					)) as IDataObject;
					output.push({ json, pairedItem: { item: i } });
				} else {
					const bytes = await this.helpers.getBinaryDataBuffer(i, 'data');
					const json = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						'sessionProbeApi',
						{
							method: 'POST',
							url: `${url}/upload`,
							body: bytes,
							headers: { 'content-type': 'application/octet-stream' },
						},
					)) as IDataObject;
					const reversed = Buffer.from(bytes).reverse();
					output.push({
						json,
						binary: { data: await this.helpers.prepareBinaryData(reversed, 'reversed.bin') },
						pairedItem: { item: i },
					});
				}
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [output];
	}
}
