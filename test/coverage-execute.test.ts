/**
 * Coverage, executed: every operation of the table runs once through the in-process n8n harness
 * against the emulator, with parameters synthesised from the table itself (required fields filled
 * by type, IDs taken from records seeded in the emulator). Each must succeed and must reach BILL
 * (the emulator) with its method and path.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FieldDef, OperationDef } from '../nodes/Bill/catalog/types';
import { BULK_KINDS, ID_LIST_KINDS } from '../nodes/Bill/helpers/description';
import { allOperations, findResource } from '../nodes/Bill/resources';
import { DEFAULT_COLLECTION_ALIASES, deriveRoute, prefixFor } from './emulator/routes';
import { startBill, type BillTestContext } from './support/bill';

let t: BillTestContext;
beforeAll(async () => {
	t = await startBill({ httpsOnlyWebhooks: false } as never);
});
afterAll(async () => {
	await t.stop();
});

/** Seed one record in the collection behind a resource's Get (or the op's own collection). */
function seedFor(resourceValue: string | undefined, fallback: OperationDef, extra: Record<string, unknown> = {}): string {
	const resource = resourceValue ? findResource(resourceValue) : undefined;
	const op = resource?.operations.find((o) => o.kind === 'get' && o.pathParams?.length) ?? fallback;
	const route = deriveRoute(op, DEFAULT_COLLECTION_ALIASES);
	const rec = t.emu.store.collection(route.collection).insert(
		{ name: 'Seeded', amount: 100, dueAmount: 100, status: 'OPEN', email: 'seed@example.com', downloadLink: undefined, ...extra },
		{ prefix: prefixFor(route.collection) },
	);
	return String(rec.id);
}

function sample(field: FieldDef, op: OperationDef): unknown {
	if (field.locator) return { __rl: true, mode: 'id', value: seedFor(field.locator, op) };
	if (field.idPrefix) return `${field.idPrefix}SAMPLE00001`;
	switch (field.type) {
		case 'number':
			return field.min ?? 1;
		case 'boolean':
			return true;
		case 'date':
			return '2026-12-01';
		case 'dateTime':
			return '2026-12-01T00:00:00.000Z';
		case 'options':
			return field.default ?? (typeof field.options?.[0] === 'string' ? field.options[0] : field.options?.[0]?.value);
		case 'multiOptions':
			return [typeof field.options?.[0] === 'string' ? field.options[0] : field.options?.[0]?.value];
		case 'stringList':
			return 'a,b';
		case 'json':
			return '{}';
		case 'object':
			return sampleObject(field.fields ?? [], op);
		case 'array':
			return { values: [sampleObject(field.fields ?? [], op)] };
		default:
			return field.name.toLowerCase().includes('email') ? 'ap@example.com' : field.name.toLowerCase().includes('url') ? 'https://example.com/hook' : 'Sample';
	}
}

function sampleObject(fields: FieldDef[], op: OperationDef): Record<string, unknown> {
	const chosen = fields.filter((f) => f.required);
	if (!chosen.length && fields.length) chosen.push(fields.find((f) => f.type !== 'object' && f.type !== 'array') ?? fields[0]);
	return Object.fromEntries(chosen.map((f) => [f.name, sample(f, op)]));
}

function paramsFor(op: OperationDef): { params: INodeParameters; items: INodeExecutionData[] } {
	const params: INodeParameters = {};
	const route = deriveRoute(op, DEFAULT_COLLECTION_ALIASES);
	for (const p of op.pathParams ?? []) {
		const id = p.name === route.idParam ? seedFor(undefined, op) : seedFor(p.locator, op);
		params[p.name] = { __rl: true, mode: 'id', value: id };
	}
	for (const f of [...(op.query ?? []), ...(op.headers ?? []), ...(op.body ?? [])]) if (f.required) params[f.name] = sample(f, op) as never;
	if (op.kind === 'list') Object.assign(params, { returnAll: false, limit: 5 });
	let items: INodeExecutionData[] = [{ json: {} }];
	if (ID_LIST_KINDS.includes(op.kind)) {
		params.id = seedFor(undefined, op);
	} else if (BULK_KINDS.includes(op.kind)) {
		items = [{ json: {} }, { json: {} }];
	}
	if (op.kind === 'upload') {
		params.binaryPropertyName = 'data';
		items = [{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'hello.txt' } } }];
	}
	return { params, items };
}

const templateRegex = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);

describe('every operation executes against the emulator', () => {
	const ops = allOperations;
	test.each(ops.map((o) => [`${o.resource}:${o.operation}`, o] as const))('%s', async (_label, op) => {
		const { params, items } = paramsFor(op);
		const logStart = t.emu.requestLog.length;
		const r = await t.runOp(op.resource, op.operation, params, items);
		if (!r.success) throw new Error(`${op.method} ${op.path}: ${r.error?.message} — ${r.error?.description ?? ''}`);
		if (!op.noAuth) {
			const seen = t.emu.requestLog.slice(logStart).some((e) => e.method === op.method && templateRegex(op.path).test(e.path));
			expect(seen).toBe(true);
		}
	});
});
