/**
 * What the duplicate guards cost (issue 17): Bill → Create over N input items (1,000 by default,
 * `BENCH_SYNC_ITEMS`), without and with the option Skip Existing Number, then the same input again with the guard (every bill exists: nothing is created), and
 * Vendor → Create or Update over N/10 vendors twice. In-process: n8n-core runs the BILL node
 * (test/harness) against the emulator's HTTP server; requests are counted by the emulator, time is
 * wall time on this machine (2 cores, shared). Alone: `node scripts/run-ts.js bench/sync.ts`.
 */
import { join } from 'path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startBill, byId, type BillTestContext } from '../test/support/bill';

const ADDRESS = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };

export interface SyncFigure {
	label: string;
	items: number;
	ms: number;
	requests: Record<string, number>;
	perItem: number;
	outcomes: Record<string, number>;
}

async function measure(t: BillTestContext, label: string, run: () => Promise<{ output: INodeExecutionData[] }>): Promise<SyncFigure> {
	const from = t.emu.requestLog.length;
	const started = Date.now();
	const r = await run();
	const ms = Date.now() - started;
	const requests: Record<string, number> = {};
	for (const e of t.emu.requestLog.slice(from)) {
		const key = `${e.method} ${e.template ?? e.path}`;
		requests[key] = (requests[key] ?? 0) + 1;
	}
	const outcomes: Record<string, number> = {};
	for (const o of r.output) outcomes[String(o.json._operation ?? 'plain')] = (outcomes[String(o.json._operation ?? 'plain')] ?? 0) + 1;
	const total = Object.values(requests).reduce((a, b) => a + b, 0);
	return { label, items: r.output.length, ms, requests, perItem: Number((total / r.output.length).toFixed(3)), outcomes };
}

export async function syncBench(n = Number(process.env.BENCH_SYNC_ITEMS ?? 1000)): Promise<SyncFigure[]> {
	const t = await startBill();
	try {
		const vendor = await t.runOk('vendor', 'create', { name: 'Bench Sync Vendor', address: ADDRESS });
		const vendorId = String(vendor.output[0].json.id);
		const bills = (prefix: string): INodeExecutionData[] => Array.from({ length: n }, (_, i) => ({ json: { number: `${prefix}-${i}`, amount: 10 + (i % 50) } }));
		const params = (skip: boolean) => ({
			vendorId: byId(vendorId),
			dueDate: '2026-12-31T00:00:00.000Z',
			invoice: { invoiceNumber: '={{ $json.number }}', invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount: '={{ $json.amount }}' }] },
			options: { skipExisting: skip },
		});
		const figures: SyncFigure[] = [];
		figures.push(await measure(t, 'Bill → Create', () => t.runOk('bill', 'create', params(false), bills('PLAIN'))));
		figures.push(await measure(t, 'Bill → Create, guard on, new bills', () => t.runOk('bill', 'create', params(true), bills('GUARD'))));
		figures.push(await measure(t, 'Bill → Create, guard on, run again (all exist)', () => t.runOk('bill', 'create', params(true), bills('GUARD'))));
		figures.push(await measure(t, 'Bill → Create Many', () => t.runOk('bill', 'createMany', params(false), bills('MANY'))));
		figures.push(await measure(t, 'Bill → Create Many, guard on, new bills', () => t.runOk('bill', 'createMany', params(true), bills('MANYG'))));
		const vendors: INodeExecutionData[] = Array.from({ length: Math.max(1, Math.round(n / 10)) }, (_, i) => ({ json: { name: `Sync Vendor ${i}` } as IDataObject }));
		const upsert = () => t.runOk('vendor', 'upsert', { matchOn: 'name', name: '={{ $json.name }}', address: ADDRESS }, vendors);
		figures.push(await measure(t, 'Vendor → Create or Update (name), new', upsert));
		figures.push(await measure(t, 'Vendor → Create or Update (name), again', upsert));
		return figures;
	} finally {
		await t.stop();
	}
}

if (process.argv[1]?.endsWith(join('bench', 'sync.ts'))) {
	syncBench()
		.then((figures) => {
			for (const f of figures) {
				process.stdout.write(`${f.label}: ${f.items} items, ${f.ms} ms, ${f.perItem} requests/item ${JSON.stringify(f.requests)} ${JSON.stringify(f.outcomes)}\n`);
			}
		})
		.catch((e) => {
			process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
			process.exit(1);
		});
}
