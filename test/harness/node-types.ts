import './env';

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';

/** Start node of harness workflows: passes on the run's `startItems` (json and binary). */
export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: 'harnessStart',
		group: ['input'],
		version: 1,
		description: 'Emits the items given to the harness run',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Node types by name. A node may name its type bare (`bill`) or with the prefix n8n gives it
 * (`CUSTOM.bill` from a custom folder, `n8n-nodes-bill.bill` from an installed package).
 */
export class NodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(types: Array<INodeType | IVersionedNodeType>) {
		for (const type of [new HarnessStart(), ...types]) {
			this.types.set(type.description.name, type);
		}
	}

	static bareName(type: string) {
		return type.slice(type.lastIndexOf('.') + 1);
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		const nodeType = this.types.get(NodeTypes.bareName(type));
		if (!nodeType) throw new UnexpectedError(`Unrecognized node type: ${type}`);
		return nodeType;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}

	/** Latest version of a node type, used when a test leaves `typeVersion` out. */
	defaultVersion(type: string): number {
		const nodeType = this.getByName(type);
		if ('nodeVersions' in nodeType) return nodeType.currentVersion;
		const { version } = nodeType.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}
}
