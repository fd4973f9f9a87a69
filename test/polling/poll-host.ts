/**
 * In-process host for the BILL Polling Trigger, run the way n8n 2.8 runs polling nodes
 * (n8n-core execution-engine/active-workflows.ts and cli active-workflow-manager.ts):
 * - one Workflow object for as long as the workflow is active, so the node's static data lives
 *   in memory from poll to poll;
 * - each poll gets n8n-core's real `PollContext` (mode `trigger`); at activation n8n polls once at
 *   once and an error fails the activation, later errors go to `__emitError`;
 * - n8n saves the static data to its database only when a poll returns items (`__emit`), so
 *   `restart()` continues from the last saved copy, as `n8n start` after a stop does;
 * - manual tests ("Fetch Test Event") run the node through the harness's WorkflowExecute in
 *   `manual` mode, which calls poll() with mode `manual`.
 * Credentials: the harness's credentials helper (n8n's pre-authentication gate, real logins).
 */
import '../harness/env';

import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, IWorkflowExecuteAdditionalData, WorkflowActivateMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BillApi } from '../../credentials/BillApi.credentials';
import { BillOAuth2Api } from '../../credentials/BillOAuth2Api.credentials';
import { BillPartnerApi } from '../../credentials/BillPartnerApi.credentials';
import { BillSpendApi } from '../../credentials/BillSpendApi.credentials';
import { BillPollingTrigger } from '../../nodes/BillPollingTrigger/BillPollingTrigger.node';
import { createHarness } from '../harness';
import { CredentialStore, CredentialTypes, HarnessCredentialsHelper } from '../harness/credentials';
import { NodeTypes } from '../harness/node-types';
import { CRED_IDS, credentialsFor } from '../support/bill';

export const POLL_TRIGGER_NAME = 'BILL Polling Trigger';

/** A plain copy of static data (n8n's is an observable proxy; it stores it as JSON). */
const copy = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;

export interface PollOutcome {
	/** Items the poll returned (an execution starts with them), or null. */
	items: INodeExecutionData[] | null;
	/** The error n8n would report (`__emitError`). */
	error?: Error;
}

export class PollHost {
	readonly credentialStore = new CredentialStore();
	readonly credentialsHelper: HarnessCredentialsHelper;
	readonly nodeTypes = new NodeTypes([new BillPollingTrigger()]);
	readonly node: INode;
	workflow: Workflow;
	/** Items of every execution the polls started, in order. */
	readonly executions: INodeExecutionData[][] = [];
	/** The static data as n8n last saved it to its database. */
	saved: IDataObject = {};

	constructor(
		private readonly emulatorBase: string,
		parameters: INodeParameters,
	) {
		this.credentialsHelper = new HarnessCredentialsHelper(new CredentialTypes([new BillApi(), new BillSpendApi(), new BillPartnerApi(), new BillOAuth2Api()]), this.credentialStore);
		for (const [id, entry] of Object.entries(credentialsFor(emulatorBase))) this.credentialStore.seed(id, entry);
		this.node = {
			id: 'poll-node',
			name: POLL_TRIGGER_NAME,
			type: 'billPollingTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
			credentials: {
				billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' },
				billSpendApi: { id: CRED_IDS.billSpendApi, name: 'BILL S&E (local emulator)' },
				billOAuth2Api: { id: CRED_IDS.billOAuth2Api, name: 'BILL OAuth (local emulator)' },
			},
		};
		this.workflow = this.newWorkflow({});
	}

	private newWorkflow(staticData: IDataObject): Workflow {
		return new Workflow({
			id: 'wf-poll',
			name: 'Polling trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: copy(staticData),
			settings: { executionOrder: 'v1' },
		});
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			variables: {},
			currentNodeExecutionIndex: 0,
			logAiEvent: () => {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** The node's static data in memory. */
	get state(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** One scheduled poll. `activation` polls throw (n8n fails the activation); others report. */
	async poll(activation: WorkflowActivateMode | 'scheduled' = 'scheduled'): Promise<PollOutcome> {
		let error: Error | undefined;
		const emit = (data: INodeExecutionData[][]) => {
			this.saved = copy(this.workflow.staticData as IDataObject);
			this.executions.push(data[0]);
		};
		const context = new PollContext(this.workflow, this.node, this.additionalData(), 'trigger', activation === 'scheduled' ? 'activate' : activation, emit, (e) => {
			error = e;
		});
		try {
			const result = await new BillPollingTrigger().poll.call(context);
			if (result !== null) context.__emit(result);
			return { items: result?.[0] ?? null };
		} catch (e) {
			if (activation !== 'scheduled') throw e;
			context.__emitError(e as Error);
			return { items: null, error };
		}
	}

	/** Activation: n8n's first poll, at once. */
	async activate(): Promise<PollOutcome> {
		return await this.poll('activate');
	}

	/** n8n stopped and started again: the workflow comes back with the static data n8n saved. */
	async restart(): Promise<PollOutcome> {
		this.workflow = this.newWorkflow(this.saved);
		return await this.poll('init');
	}

	/** The editor's "Fetch Test Event": the workflow run in manual mode (poll() with mode manual). */
	async manual(): Promise<{ items: INodeExecutionData[]; success: boolean; error?: string; staticData?: IDataObject }> {
		const harness = createHarness({
			nodeTypes: [new BillPollingTrigger()],
			credentialTypes: [new BillApi(), new BillSpendApi(), new BillPartnerApi()],
			credentials: credentialsFor(this.emulatorBase),
		});
		const staticData = copy(this.workflow.staticData as IDataObject);
		const run = await harness.run({ nodes: [{ ...this.node }], mode: 'manual', staticData });
		return { items: run.output, success: run.success, error: run.error?.message, staticData: run.workflow.staticData as IDataObject };
	}
}
