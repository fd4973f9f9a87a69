/**
 * Several n8n processes in one jest process: each "process" is its own module registry
 * (jest.isolateModules), so it has its own copy of the package's in-memory state — the
 * per-organization limiter and the sign-in cache — and its own n8n-core, as a queue-mode worker
 * has. They share one credential store (n8n's database: a session one stores, the others read)
 * and talk to one emulator, as workers share BILL.
 *
 *   const procs = simulatedProcesses(base, 4);
 *   await Promise.all(procs.map((p, i) => p.runOp('vendor', 'get', { vendorId: '={{ $json.id }}' }, items)));
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { CredentialStore, HarnessCredentials, RunResult } from '../harness';
import type { billHarness as BillHarness } from './bill';

export interface SimulatedProcess {
	runOp(resource: string, operation: string, params?: Record<string, unknown>, items?: INodeExecutionData[], node?: { continueOnFail?: boolean }, credentials?: HarnessCredentials): Promise<RunResult>;
	/** Forget this process's in-memory sessions (a worker that restarts). */
	resetSessionCache(): void;
	credentialStore: CredentialStore;
}

export function simulatedProcesses(base: string, count: number): SimulatedProcess[] {
	const out: SimulatedProcess[] = [];
	// each copy of n8n-core adds one listener to the (real, shared) process's exit event (its SSH
	// clients manager), as it would in its own process: room for them instead of Node's leak warning
	process.setMaxListeners(process.getMaxListeners() + count);
	for (let i = 0; i < count; i++) {
		jest.isolateModules(() => {
			/* eslint-disable @typescript-eslint/no-require-imports */
			const { billHarness } = require('./bill') as { billHarness: typeof BillHarness };
			const session = require('../../nodes/Bill/transport/session') as { resetSessionCache(): void };
			/* eslint-enable @typescript-eslint/no-require-imports */
			const { harness, runOp } = billHarness(base);
			// one database for all: the first process's store
			const store = out[0]?.credentialStore ?? harness.credentialStore;
			Object.assign(harness.credentialsHelper, { store });
			out.push({ runOp, resetSessionCache: session.resetSessionCache, credentialStore: store });
		});
	}
	return out;
}
