/**
 * In-process n8n: runs real workflows on n8n-core's WorkflowExecute under jest, with node types
 * and credential types given by the test and a credentials store that persists across runs the
 * way n8n's database does. See test/transport/harness.test.ts for what it is proven to mirror.
 *
 *   const h = createHarness({ nodeTypes: [new Bill()], credentialTypes: [new BillApi()] });
 *   const r = await h.run({ nodes, connections, credentials: { c1: { type: 'billApi', data } } });
 *   r.success; r.output; r.byNode['Bill']; h.credentialStore.get('c1')
 */
import { harnessUserFolder, unrefN8nCoreTimers } from './env';

import { randomUUID } from 'crypto';
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	prepareBinaryData,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionError,
	IBinaryData,
	IConnections,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IRun,
	IRunData,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { BINARY_ENCODING, createRunExecutionData, UnexpectedError, Workflow } from 'n8n-workflow';

import { CredentialStore, CredentialTypes, HarnessCredentialsHelper } from './credentials';
import { HarnessStart, NodeTypes } from './node-types';

export { CredentialStore, HarnessCredentialsHelper, HarnessStart, harnessUserFolder };

/** A node as tests write it: id, position and typeVersion may be left out. */
export type HarnessNode = Omit<INode, 'id' | 'position' | 'typeVersion' | 'parameters'> &
	Partial<Pick<INode, 'id' | 'position' | 'typeVersion' | 'parameters'>>;

export type HarnessCredentials = Record<
	string,
	{ type: string; data: ICredentialDataDecryptedObject; name?: string }
>;

export interface RunOptions {
	nodes: HarnessNode[];
	connections?: IConnections;
	/** Seeded into the store: kept as stored (with any session n8n wrote back) when unchanged. */
	credentials?: HarnessCredentials;
	/** Input of the start node (the `Start` harnessStart node, else the first node). */
	startItems?: INodeExecutionData[];
	/** `cli` is what `n8n execute` uses. */
	mode?: WorkflowExecuteMode;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
}

export interface RunResult {
	success: boolean;
	error?: ExecutionError;
	/** Main output 0 of the last run of the last node executed. */
	output: INodeExecutionData[];
	/** Main output 0 of the last run of each node that ran. */
	byNode: Record<string, INodeExecutionData[]>;
	/** Node names in the order they finished. */
	executionOrder: string[];
	runData: IRunData;
	run: IRun;
	/** The workflow after the run (its static data holds what nodes stored). */
	workflow: Workflow;
}

export interface LoadOptionsRequest {
	/** Node type name (bare or prefixed) and its parameters as the editor would send them. */
	nodeType: string;
	parameters?: INodeParameters;
	credentials?: INodeCredentials;
	typeVersion?: number;
	/** Path of the parameter whose options are loaded, as the editor sends it (`parameters.filters.filter[0].operator`): `&sibling` parameters resolve next to it. */
	path?: string;
}

export function createHarness(options: {
	nodeTypes?: Array<INodeType | IVersionedNodeType>;
	credentialTypes?: ICredentialType[];
	credentials?: HarnessCredentials;
}) {
	unrefN8nCoreTimers();
	const nodeTypes = new NodeTypes(options.nodeTypes ?? []);
	const credentialStore = new CredentialStore();
	const credentialsHelper = new HarnessCredentialsHelper(
		new CredentialTypes(options.credentialTypes ?? []),
		credentialStore,
	);
	const seed = (credentials?: HarnessCredentials) => {
		for (const [id, entry] of Object.entries(credentials ?? {})) credentialStore.seed(id, entry);
	};
	seed(options.credentials);

	const toNodes = (nodes: HarnessNode[]): INode[] =>
		nodes.map((node, index) => ({
			...node,
			id: node.id ?? randomUUID(),
			position: node.position ?? [index * 200, 0],
			typeVersion: node.typeVersion ?? nodeTypes.defaultVersion(node.type),
			parameters: structuredClone(node.parameters ?? {}),
		}));

	const additionalData = (hooks?: ExecutionLifecycleHooks, executionId?: string) =>
		({
			credentialsHelper,
			hooks,
			executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			variables: {},
			logAiEvent: () => {},
			executeWorkflow: async () => {
				throw new UnexpectedError('Sub-workflows are not supported by the harness');
			},
			getRunExecutionData: async () => undefined,
			startRunnerTask: async () => {
				throw new UnexpectedError('Task runners are not supported by the harness');
			},
		}) as unknown as IWorkflowExecuteAdditionalData;

	let executions = 0;

	async function run(runOptions: RunOptions): Promise<RunResult> {
		seed(runOptions.credentials);
		const mode = runOptions.mode ?? 'cli';
		const executionId = String(++executions);
		const nodes = toNodes(runOptions.nodes);
		const workflowData: IWorkflowBase = {
			id: 'harness',
			name: 'Harness workflow',
			active: false,
			isArchived: false,
			nodes,
			connections: runOptions.connections ?? {},
			settings: { executionOrder: 'v1', ...runOptions.settings },
			staticData: runOptions.staticData,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as IWorkflowBase;
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes,
			connections: workflowData.connections,
			active: false,
			nodeTypes,
			settings: workflowData.settings,
			staticData: runOptions.staticData,
		});

		const startNode =
			nodes.find((node) => NodeTypes.bareName(node.type) === 'harnessStart') ??
			nodes.find((node) => !workflow.connectionsByDestinationNode[node.name]) ??
			nodes[0];

		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		const executionOrder: string[] = [];
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			executionOrder.push(nodeName);
		});

		const runExecutionData: IRunExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: startNode,
						data: { main: [runOptions.startItems ?? [{ json: {} }]] },
						source: null,
					},
				],
			},
		});
		const workflowExecute = new WorkflowExecute(
			additionalData(hooks, executionId),
			mode,
			runExecutionData,
		);
		const result = await workflowExecute.processRunExecutionData(workflow);

		const { runData, error, lastNodeExecuted } = result.data.resultData;
		const mainOutput = (name: string) => {
			const runs = runData[name] ?? [];
			return runs[runs.length - 1]?.data?.main?.[0] ?? [];
		};
		return {
			success: !error && result.status === 'success',
			error,
			output: lastNodeExecuted ? mainOutput(lastNodeExecuted) : [],
			byNode: Object.fromEntries(Object.keys(runData).map((name) => [name, mainOutput(name)])),
			executionOrder,
			runData,
			run: result,
			workflow,
		};
	}

	/** Runs one of a node type's `methods.loadOptions` / `methods.listSearch` like the editor. */
	async function callMethod(
		kind: 'loadOptions' | 'listSearch',
		method: string,
		request: LoadOptionsRequest,
		...args: unknown[]
	) {
		const [node] = toNodes([
			{
				name: 'Node',
				type: request.nodeType,
				typeVersion: request.typeVersion,
				parameters: request.parameters,
				credentials: request.credentials,
			},
		]);
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = (nodeType.methods?.[kind] as Record<string, Function> | undefined)?.[method];
		if (!fn) throw new UnexpectedError(`Node type has no ${kind} method "${method}"`);
		const data = additionalData();
		data.currentNodeParameters = node.parameters;
		const context = new LoadOptionsContext(workflow, node, data, request.path ?? 'parameters');
		return (await fn.call(context, ...args)) as unknown;
	}

	return {
		credentialStore,
		credentialsHelper,
		nodeTypes,
		run,
		loadOptions: async (method: string, request: LoadOptionsRequest) =>
			(await callMethod('loadOptions', method, request)) as INodePropertyOptions[],
		listSearch: async (
			method: string,
			request: LoadOptionsRequest,
			filter?: string,
			paginationToken?: string,
		) =>
			(await callMethod('listSearch', method, request, filter, paginationToken)) as INodeListSearchResult,
	};
}

export type Harness = ReturnType<typeof createHarness>;

/** Binary data as n8n keeps it in memory ("default" binary mode). */
export async function binaryData(
	content: Buffer | string,
	fileName: string,
	mimeType?: string,
): Promise<IBinaryData> {
	const buffer = typeof content === 'string' ? Buffer.from(content) : content;
	return await prepareBinaryData(buffer, 'harness', 'harness', fileName, mimeType);
}

/** The bytes of an item's binary property (kept in memory by the harness). */
export function binaryBuffer(item: INodeExecutionData, property = 'data'): Buffer {
	const binary = item.binary?.[property];
	if (!binary) throw new UnexpectedError(`Item has no binary property "${property}"`);
	if (binary.id) throw new UnexpectedError(`Binary "${property}" is stored outside the item (${binary.id})`);
	return Buffer.from(binary.data, BINARY_ENCODING);
}
