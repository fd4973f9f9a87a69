/**
 * A credentials store and a credentials helper that behave like n8n's CLI `CredentialsHelper`
 * (dist/credentials-helper.js of n8n 2.8.4, checked line by line): defaults applied on every read, the
 * pre-authentication gate on the hidden `expirable` property with write-back to the store, and
 * generic (`IAuthenticateGeneric`) authentication with `={{$credentials.x}}` expressions resolved
 * by n8n-workflow's own expression engine.
 */
import './env';

import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	deepCopy,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** Stands in for n8n's credentials table: survives across runs of one harness. */
export class CredentialStore {
	private readonly entries = new Map<string, StoredCredential>();

	/** Number of times n8n wrote a credential back (pre-authentication, OAuth token refresh). */
	writes = 0;

	get(id: string): StoredCredential | undefined {
		const entry = this.entries.get(id);
		return entry && deepCopy(entry);
	}

	set(id: string, entry: { type: string; data: ICredentialDataDecryptedObject; name?: string }) {
		this.entries.set(id, { id, name: entry.name ?? id, type: entry.type, data: deepCopy(entry.data) });
	}

	/**
	 * Inserts the credential unless the store already holds it with the same values for every
	 * given field (so a session written back by n8n survives the next `run` that passes the same
	 * credential, as a saved credential does in n8n; changed fields are a "re-save").
	 */
	seed(id: string, entry: { type: string; data: ICredentialDataDecryptedObject; name?: string }) {
		const current = this.entries.get(id);
		const same =
			current?.type === entry.type &&
			Object.entries(entry.data).every(
				([key, value]) => JSON.stringify(current.data[key]) === JSON.stringify(value),
			);
		if (!same) this.set(id, entry);
	}

	delete(id: string) {
		this.entries.delete(id);
	}

	updateData(id: string, data: ICredentialDataDecryptedObject) {
		const current = this.entries.get(id);
		if (!current) throw new UnexpectedError(`Credential "${id}" is not in the store`);
		current.data = deepCopy(data);
		this.writes++;
	}

	ids() {
		return [...this.entries.keys()];
	}
}

export class CredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(types: ICredentialType[]) {
		for (const type of types) this.types.set(type.name, type);
	}

	recognizes(name: string) {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new UnexpectedError(`Unknown credential type "${name}"`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getSupportedNodes(): string[] {
		return [];
	}
}

/** The node-less workflow n8n uses to resolve expressions inside credential data. */
const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const mockNodeType = {
	description: { properties: [] as INodeProperties[] },
} as unknown as INodeType;
const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: CredentialTypes,
		readonly store: CredentialStore,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	private entry(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials.id) {
			throw new UnexpectedError(`Credential "${nodeCredentials.name}" of type "${type}" has no id`);
		}
		const entry = this.store.get(nodeCredentials.id);
		if (!entry || entry.type !== type) {
			throw new UnexpectedError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return entry;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		const entry = this.entry(nodeCredentials, type);
		const credentials = new Credentials({ id: entry.id, name: entry.name }, type);
		credentials.setData(entry.data);
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.entry(nodeCredentials, type).data;
		if (raw === true) return stored;

		// Add the default values of the credential type (as n8n does on every read)
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = stored.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			data = workflow.expression.getParameterValue(
				data as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			data = workflow.expression.getComplexParameterValue(
				mockNode,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	/** n8n's gate: log in only when the expirable field is empty or the session was refused. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		// n8n's credential test runs through a mock noOp node and always logs in
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirableProperty.name] !== '' &&
			!credentialsExpired &&
			!isTestingCredentials
		) {
			return undefined;
		}

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		// only an output holding the expirable property is written back
		if (output[expirableProperty.name] === undefined) return undefined;

		if (node.credentials) {
			// n8n 2.8 writes back the whole decrypted object (defaults applied, expressions
			// resolved) merged with the output; later n8n versions keep stored expressions.
			await this.updateCredentials(
				node.credentials[credentialType.name],
				credentialType.name,
				Object.assign(credentials, output),
			);
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate === 'object' && authenticate.type === 'generic') {
			requestOptions.headers ??= {};
			const resolve = (value: string) => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = this.entry(nodeCredentials, type);
		this.store.updateData(entry.id, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = this.entry(nodeCredentials, type);
		this.store.updateData(entry.id, { ...entry.data, oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
