/**
 * A BILL workflow against the emulator: a real emulator on 127.0.0.1 and the in-process n8n
 * harness with the BILL node, the trigger-less start node and the three BILL credentials pointed
 * at it. A test file (or a describe block) asks for it once:
 *
 *   const t = useBill();                      // started in beforeAll, stopped in afterAll
 *   const r = await t.runOp('vendor', 'create', { name: 'Acme', address: {...} });
 *   expect(r.success).toBe(true); r.output[0].json.id
 *
 * `useBill(config, { resetEach: true })` empties the emulator before every test. `startBill()` is
 * the same set-up for code that manages its own lifetime (benchmarks, scripts).
 */
import { NodeHelpers, type IDataObject, type INode, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import { BillApi } from '../../credentials/BillApi.credentials';
import { BillConsoleApi } from '../../credentials/BillConsoleApi.credentials';
import { BillOAuth2Api } from '../../credentials/BillOAuth2Api.credentials';
import { BillPartnerApi } from '../../credentials/BillPartnerApi.credentials';
import { BillSpendApi } from '../../credentials/BillSpendApi.credentials';
import { Bill } from '../../nodes/Bill/Bill.node';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { RETRY } from '../../nodes/Bill/transport/request';
import { PROCESSING_WAIT } from '../../nodes/Bill/actions/handlers';
import { createHarness, type HarnessCredentials, type RunResult } from '../harness';
import { BillEmulator, SEED } from '../emulator/server';
import type { EmulatorConfig } from '../emulator/config';

export const CRED_IDS = { billApi: 'cred-bill', billSpendApi: 'cred-spend', billPartnerApi: 'cred-partner', billOAuth2Api: 'cred-oauth', billConsoleApi: 'cred-console' } as const;

export function credentialsFor(base: string, overrides: Partial<Record<keyof typeof CRED_IDS, IDataObject>> = {}): HarnessCredentials {
	return {
		[CRED_IDS.billApi]: {
			type: 'billApi',
			name: 'BILL (local emulator)',
			data: {
				environment: 'custom',
				baseUrl: base,
				loginType: 'user',
				username: SEED.username,
				password: SEED.password,
				organizationId: SEED.organizationId,
				developerApiKey: SEED.devKey,
				mfaRememberMeToken: '',
				deviceName: '',
				sessionToken: '',
				...(overrides.billApi ?? {}),
			},
		},
		[CRED_IDS.billSpendApi]: {
			type: 'billSpendApi',
			name: 'BILL S&E (local emulator)',
			data: { environment: 'custom', baseUrl: base, apiToken: SEED.spendToken, ...(overrides.billSpendApi ?? {}) },
		},
		[CRED_IDS.billPartnerApi]: {
			type: 'billPartnerApi',
			name: 'BILL Partner (local emulator)',
			data: {
				environment: 'custom',
				baseUrl: base,
				username: SEED.partnerUsername,
				password: SEED.partnerPassword,
				appApiKey: SEED.appKey,
				sessionToken: '',
				...(overrides.billPartnerApi ?? {}),
			},
		},
		[CRED_IDS.billOAuth2Api]: {
			type: 'billOAuth2Api',
			name: 'BILL OAuth (local emulator)',
			data: {
				environment: 'custom',
				baseUrl: base,
				clientId: SEED.oauthClientId,
				clientSecret: SEED.oauthClientSecret,
				sessionToken: '',
				...(overrides.billOAuth2Api ?? {}),
			},
		},
		[CRED_IDS.billConsoleApi]: {
			type: 'billConsoleApi',
			name: 'BILL Console (local emulator)',
			data: {
				environment: 'custom',
				baseUrl: base,
				username: SEED.consoleUsername,
				consoleApiToken: SEED.consoleApiToken,
				developerApiKey: SEED.devKey,
				organizationId: SEED.clientOrganizationId,
				sessionToken: '',
				...(overrides.billConsoleApi ?? {}),
			},
		},
	};
}

export interface BillTestContext {
	emu: BillEmulator;
	base: string;
	harness: ReturnType<typeof createHarness>;
	/** Run Start → BILL(resource, operation, params) over `items` (default one empty item). */
	/** `credentials` re-seeds the credential store first (e.g. without a session, so that the credential signs in). */
	runOp(resource: string, operation: string, params?: Record<string, unknown>, items?: INodeExecutionData[], node?: { continueOnFail?: boolean }, credentials?: HarnessCredentials): Promise<RunResult>;
	/** `runOp` that must succeed: fails the test with BILL's / the node's message otherwise. */
	runOk(resource: string, operation: string, params?: Record<string, unknown>, items?: INodeExecutionData[]): Promise<RunResult>;
	/** The BILL node definition for custom workflows. */
	billNode(resource: string, operation: string, params?: Record<string, unknown>, name?: string): { name: string; type: string; parameters: INodeParameters; credentials: Record<string, { id: string; name: string }> };
	stop(): Promise<void>;
}

const billNodeType = new Bill();

/** The parameter issues n8n refuses a workflow for ("The workflow has issues"), named: `{"fieldName":["… is required"]}`. */
export function parameterIssues(resource: string, operation: string, params: INodeParameters): string {
	const all = { resource, operation, ...params };
	const { properties } = billNodeType.description;
	const full = NodeHelpers.getNodeParameters(properties, all, true, false, { typeVersion: 1 }, billNodeType.description) ?? all;
	const node = { id: 'x', name: 'BILL', type: 'bill', typeVersion: 1, position: [0, 0], parameters: full } as INode;
	const issues = NodeHelpers.getNodeParametersIssues(properties, node, billNodeType.description);
	return issues ? JSON.stringify(issues.parameters) : '';
}

/** By-ID value of a resource locator parameter. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Retries back off and BILL's processing (bill documents) is polled quickly in tests; the policies (which failures, how many times, backoff) are unchanged. */
function fastWaits() {
	RETRY.baseMs = 20;
	RETRY.maxMs = 200;
	PROCESSING_WAIT.firstMs = 20;
	PROCESSING_WAIT.maxIntervalMs = 200;
}

/** The in-process harness with the BILL node and the three BILL credentials pointed at `base` (an emulator or any BILL-like server). */
export function billHarness(base: string) {
	fastWaits();
	const harness = createHarness({
		nodeTypes: [new Bill()],
		credentialTypes: [new BillApi(), new BillSpendApi(), new BillPartnerApi(), new BillOAuth2Api(), new BillConsoleApi()],
		credentials: credentialsFor(base),
	});
	const billNode = (resource: string, operation: string, params: Record<string, unknown> = {}, name = 'BILL') => ({
		name,
		type: 'bill',
		parameters: { resource, operation, ...params } as INodeParameters,
		credentials: {
			billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' },
			billSpendApi: { id: CRED_IDS.billSpendApi, name: 'BILL S&E (local emulator)' },
			billPartnerApi: { id: CRED_IDS.billPartnerApi, name: 'BILL Partner (local emulator)' },
			billOAuth2Api: { id: CRED_IDS.billOAuth2Api, name: 'BILL OAuth (local emulator)' },
			billConsoleApi: { id: CRED_IDS.billConsoleApi, name: 'BILL Console (local emulator)' },
		},
	});
	/** Start → BILL(resource, operation, params) over `items`; `credentials` re-seeds the store (e.g. without a session). */
	const runOp = async (
		resource: string,
		operation: string,
		params: Record<string, unknown> = {},
		items: INodeExecutionData[] = [{ json: {} }],
		node: { continueOnFail?: boolean } = {},
		credentials?: HarnessCredentials,
	): Promise<RunResult> =>
		await harness.run({
			nodes: [{ name: 'Start', type: 'harnessStart', parameters: {} }, { ...billNode(resource, operation, params), ...(node.continueOnFail ? { continueOnFail: true } : {}) }],
			connections: { Start: { main: [[{ node: 'BILL', type: 'main', index: 0 }]] } },
			startItems: items,
			credentials,
		});
	return { harness, billNode, runOp };
}

export async function startBill(config: Partial<EmulatorConfig> = {}): Promise<BillTestContext> {
	resetSessionCache();
	const emu = new BillEmulator(config);
	const base = await emu.start();
	const { harness, billNode, runOp } = billHarness(base);
	const ctx: BillTestContext = {
		emu,
		base,
		harness,
		billNode,
		runOp,
		async runOk(resource, operation, params = {}, items) {
			let r: RunResult;
			try {
				r = await ctx.runOp(resource, operation, params, items);
			} catch (e) {
				throw new Error(`${resource}:${operation} could not run: ${(e as Error).message}`);
			}
			if (!r.success) throw new Error(`${resource}:${operation} failed: ${r.error?.message} ${r.error?.description ?? ''}`);
			return r;
		},
		async stop() {
			await emu.stop();
		},
	};
	return ctx;
}

/**
 * `startBill(config)` for the tests of this file or describe block: started in beforeAll (before
 * the hooks declared after this call), stopped in afterAll (later afterAll hooks still read it); with `resetEach`, the emulator's
 * `emu.reset()` runs before every test. Read `t.emu`, `t.base`, … inside
 * tests and hooks (they exist once beforeAll has run).
 */
export function useBill(config: Partial<EmulatorConfig> = {}, options: { resetEach?: boolean } = {}): BillTestContext {
	let started: BillTestContext | undefined;
	const current = (): BillTestContext => {
		if (!started) throw new Error('useBill(): the emulator starts in beforeAll; use the context inside a test or a hook');
		return started;
	};
	beforeAll(async () => {
		started = await startBill(config);
	});
	afterAll(async () => {
		await started?.stop();
	});
	if (options.resetEach) beforeEach(() => current().emu.reset());
	return {
		get emu() {
			return current().emu;
		},
		get base() {
			return current().base;
		},
		get harness() {
			return current().harness;
		},
		runOp: async (...args) => await current().runOp(...args),
		runOk: async (...args) => await current().runOk(...args),
		billNode: (...args) => current().billNode(...args),
		stop: async () => await current().stop(),
	};
}
