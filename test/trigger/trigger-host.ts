/**
 * In-process host for the BILL Trigger, built the way n8n's CLI runs webhook triggers
 * (packages/cli/src/webhooks/webhook.service.ts and live-webhooks.ts in n8n 2.8):
 * - lifecycle: n8n-core's real `HookContext` → `webhookMethods.default.checkExists`, then `create`
 *   when it returns false (`createWebhookIfNotExists`), `delete` on deactivation;
 * - notifications: a real local HTTP server at the node's webhook URL; each POST gets n8n-core's real
 *   `WebhookContext` with the raw body kept as `req.rawBody` (as n8n's body parser does), an
 *   express-like response, and n8n's answer rules (live-webhooks.ts, webhook-helpers.ts): with
 *   noWebhookResponse the node has answered; with workflowData n8n starts the execution first
 *   (`failNextStarts` makes that fail: n8n answers 500) and then answers 200 with the result's
 *   webhookResponse (read after the start); without either, webhookResponse or "Webhook call received";
 * - credentials: the harness's credentials helper (n8n's pre-authentication gate, real logins to the
 *   emulator, generic header authentication); static data lives on one Workflow object, as n8n
 *   saves it after activation and after each webhook call.
 */
import { randomUUID } from 'crypto';
import '../harness/env';

import * as http from 'http';
import type { AddressInfo } from 'net';
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { BillApi } from '../../credentials/BillApi.credentials';
import { BillPartnerApi } from '../../credentials/BillPartnerApi.credentials';
import { BillSpendApi } from '../../credentials/BillSpendApi.credentials';
import { BillTrigger } from '../../nodes/BillTrigger/BillTrigger.node';
import { CredentialStore, CredentialTypes, HarnessCredentialsHelper } from '../harness/credentials';
import { NodeTypes } from '../harness/node-types';
import { CRED_IDS, credentialsFor } from '../support/bill';

export const TRIGGER_NAME = 'BILL Trigger';

export interface Execution {
	items: INodeExecutionData[];
	/** What the host answered to BILL. */
	status: number;
}

export interface Answer {
	status: number;
	body: string;
	started: boolean;
}

export interface TriggerHostOptions {
	/** Emulator base URL (credentials point there with environment "custom"). */
	emulatorBase: string;
	parameters: INodeParameters;
	/** Override the webhook base URLs (e.g. an https:// one to test BILL's rule). */
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
	/** Credential data overrides per type. */
	credentialOverrides?: Parameters<typeof credentialsFor>[1];
	workflowName?: string;
	webhookId?: string;
}

/** An express-like response over node's ServerResponse (what n8n hands to `webhook()`). */
class ExpressLikeResponse {
	statusCode = 200;
	headersSent = false;
	writableFinished = false;
	body = '';
	private closeListeners: Array<() => void> = [];

	constructor(private readonly res: http.ServerResponse) {}

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.res.setHeader(name, value);
		return this;
	}

	json(value: unknown) {
		this.res.setHeader('Content-Type', 'application/json');
		return this.send(JSON.stringify(value));
	}

	send(value: unknown) {
		this.body = typeof value === 'string' ? value : JSON.stringify(value);
		return this.end(this.body);
	}

	end(data?: string) {
		if (this.headersSent) return this;
		this.headersSent = true;
		this.res.statusCode = this.statusCode;
		this.res.end(data ?? '');
		this.writableFinished = true;
		for (const listener of this.closeListeners.splice(0)) listener();
		return this;
	}

	/** 'close', as node's ServerResponse emits it once the answer is sent. */
	once(event: string, listener: () => void) {
		if (event === 'close') this.closeListeners.push(listener);
		return this;
	}
}

export class TriggerHost {
	readonly credentialStore = new CredentialStore();
	readonly credentialsHelper: HarnessCredentialsHelper;
	readonly nodeTypes = new NodeTypes([new BillTrigger()]);
	readonly workflow: Workflow;
	readonly node: INode;
	readonly executions: Execution[] = [];
	readonly answers: Answer[] = [];
	/** Errors thrown by webhook() (n8n would answer 500). */
	readonly errors: Error[] = [];
	/** How many of the next execution starts fail (as when n8n's database or Redis is down). */
	failNextStarts = 0;
	private server?: http.Server;
	private port = 0;
	private waiters: Array<() => void> = [];

	constructor(private readonly options: TriggerHostOptions) {
		this.credentialsHelper = new HarnessCredentialsHelper(
			new CredentialTypes([new BillApi(), new BillSpendApi(), new BillPartnerApi()]),
			this.credentialStore,
		);
		for (const [id, entry] of Object.entries(credentialsFor(options.emulatorBase, options.credentialOverrides ?? {}))) {
			this.credentialStore.seed(id, entry);
		}
		this.node = {
			id: 'trigger-node',
			name: TRIGGER_NAME,
			type: 'billTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: options.webhookId ?? '5b1e7c2a-8f44-4c1e-9d7a-1a2b3c4d5e6f',
			parameters: options.parameters,
			credentials: {
				billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' },
				billSpendApi: { id: CRED_IDS.billSpendApi, name: 'BILL S&E (local emulator)' },
				billPartnerApi: { id: CRED_IDS.billPartnerApi, name: 'BILL Partner (local emulator)' },
			},
		};
		this.workflow = new Workflow({
			// one id per host: the trigger remembers event ids per workflow in its process
			id: `wf-trigger-${randomUUID()}`,
			name: options.workflowName ?? 'Trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: {},
			settings: { executionOrder: 'v1' },
		});
	}

	/** Starts the local server that plays n8n's webhook endpoint. */
	async start(): Promise<string> {
		const server = http.createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		this.server = server;
		this.port = (server.address() as AddressInfo).port;
		return this.base;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) {
			server.closeAllConnections?.();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	}

	get base(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			restApiUrl: `${this.base}/rest`,
			instanceBaseUrl: `${this.base}/`,
			formWaitingBaseUrl: `${this.base}/form-waiting`,
			webhookBaseUrl: this.options.webhookBaseUrl ?? `${this.base}/webhook`,
			webhookWaitingBaseUrl: `${this.base}/webhook-waiting`,
			webhookTestBaseUrl: this.options.webhookTestBaseUrl ?? `${this.base}/webhook-test`,
			variables: {},
			currentNodeExecutionIndex: 0,
			logAiEvent: () => {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	webhookData(isTest = false): IWebhookData {
		const description = this.nodeTypes.getByNameAndVersion('billTrigger', 1).description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: NodeHelpers.getNodeWebhookPath(this.workflow.id, this.node, String(description.path)),
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	/** The node's static data (subscription id, keys, seen event ids). */
	get state(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** The webhook URL n8n gives the node (production or test). */
	webhookUrl(isTest = false): string {
		return this.hookContext('trigger', 'activate', isTest).getNodeWebhookUrl('default')!;
	}

	hookContext(mode: WorkflowExecuteMode, activation: WorkflowActivateMode, isTest = false): HookContext {
		const data = this.webhookData(isTest);
		return new HookContext(this.workflow, this.node, data.workflowExecuteAdditionalData, mode, activation, data);
	}

	private async method(name: 'checkExists' | 'create' | 'delete', isTest: boolean): Promise<boolean> {
		const fn = new BillTrigger().webhookMethods.default[name];
		const mode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger';
		const activation: WorkflowActivateMode = isTest ? 'manual' : 'activate';
		return await fn.call(this.hookContext(mode, activation, isTest));
	}

	checkExists(isTest = false) {
		return this.method('checkExists', isTest);
	}

	create(isTest = false) {
		return this.method('create', isTest);
	}

	delete(isTest = false) {
		return this.method('delete', isTest);
	}

	/** n8n's createWebhookIfNotExists: checkExists, then create when it says false. */
	async activate(isTest = false): Promise<'existed' | 'created'> {
		if (await this.checkExists(isTest)) return 'existed';
		await this.create(isTest);
		return 'created';
	}

	/** Calls webhook() with a request as n8n would build it (used directly by unit tests). */
	async callWebhook(req: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer; body?: unknown }, res: ExpressLikeResponse | http.ServerResponse, isTest = false): Promise<IWebhookResponseData> {
		const response = res instanceof ExpressLikeResponse ? res : new ExpressLikeResponse(res);
		const request = { headers: req.headers, rawBody: req.rawBody, body: req.body ?? parseJson(req.rawBody), query: {}, params: {} };
		const additionalData = this.additionalData({ httpRequest: request, httpResponse: response } as unknown as Partial<IWorkflowExecuteAdditionalData>);
		const data = { ...this.webhookData(isTest), workflowExecuteAdditionalData: additionalData };
		const context = new WebhookContext(this.workflow, this.node, additionalData, isTest ? 'manual' : 'webhook', data, [], null);
		return await new BillTrigger().webhook.call(context);
	}

	/** A request to webhook() without HTTP: returns n8n's answer and the items. */
	async deliver(headers: Record<string, string | string[] | undefined>, rawBody: Buffer | string, body?: unknown): Promise<{ status: number; body: string; items?: INodeExecutionData[] }> {
		const raw = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
		const sink = new MemoryResponse();
		const response = new ExpressLikeResponse(sink as unknown as http.ServerResponse);
		const result = await this.callWebhook({ headers, rawBody: raw, body }, response);
		return this.answer(result, response, sink);
	}

	private answer(result: IWebhookResponseData, response: ExpressLikeResponse, sink?: MemoryResponse): { status: number; body: string; items?: INodeExecutionData[] } {
		let items = result.workflowData?.[0];
		if (result.workflowData && this.failNextStarts > 0) {
			// the start failed: n8n answers 500 (a node that answered itself has already said 200)
			this.failNextStarts--;
			items = undefined;
			if (result.noWebhookResponse !== true) response.status(500).json({ code: 0, message: 'There was a problem executing the workflow' });
		} else if (result.noWebhookResponse !== true) {
			// after the start n8n reads webhookResponse (the node's responseData is empty), then answers
			if (result.workflowData) response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
			else response.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
		}
		return { status: sink ? sink.statusCode : response.statusCode, body: sink ? sink.data : response.body, items };
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const isTest = (req.url ?? '').startsWith('/webhook-test/');
		const response = new ExpressLikeResponse(res);
		try {
			const result = await this.callWebhook({ headers: req.headers, rawBody }, response, isTest);
			const { status, body, items } = this.answer(result, response);
			this.answers.push({ status, body, started: items !== undefined });
			if (items) this.executions.push({ items, status });
		} catch (error) {
			this.errors.push(error as Error);
			this.answers.push({ status: 500, body: String((error as Error).message), started: false });
			if (!response.headersSent) response.status(500).json({ message: 'Error in workflow' });
		}
		for (const w of this.waiters.splice(0)) w();
	}

	/** Waits until `count` executions have started. */
	async waitForExecutions(count: number, timeoutMs = 10_000): Promise<Execution[]> {
		const until = Date.now() + timeoutMs;
		while (this.executions.length < count) {
			const left = until - Date.now();
			if (left <= 0) throw new Error(`expected ${count} executions, got ${this.executions.length} (answers: ${JSON.stringify(this.answers)})`);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, Math.min(left, 200));
				this.waiters.push(() => {
					clearTimeout(t);
					resolve();
				});
			});
		}
		return this.executions;
	}
}

/** Collects what webhook() writes when no socket is involved. */
class MemoryResponse {
	statusCode = 200;
	data = '';
	headers: Record<string, string> = {};
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
	}
	end(data?: string) {
		this.data = data ?? '';
	}
	once() {
		return this;
	}
}

function parseJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return {};
	}
}
