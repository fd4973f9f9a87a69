/**
 * Writes the BILL node's output schemas (issue 17 §4): `nodes/Bill/__schema__/v<x.y.z>/<resource>/<operation>.json`,
 * the JSON Schema of one output item of Get and Get Many of the main resources, which n8n's editor
 * shows as the node's fields before its first run (schema preview).
 *
 * Where n8n looks (read in n8n's sources, test/node/output-schemas.test.ts checks it):
 * - the editor asks `GET /schemas/<node type>/<version padded to x.y.z>/<resource>/<operation>.json`
 *   (editor-ui useSchemaPreviewStore, 2.8.4 and 2.41.3) for a node whose input has no data yet, when
 *   the node is not a Core Node and not a trigger;
 * - the server answers from the directory of the node's compiled file, for every loaded package
 *   (community packages too: LoadNodesAndCredentials.known.nodes holds `n8n-nodes-bill.bill`):
 *   `__schema__/v<version as asked>/<resource>/<operation>.json` (cli load-nodes-and-credentials
 *   resolveSchema, 2.8.4), `__schema__/v<padded version>/…` (n8n-core output-schema-resolver, 2.41.3);
 * - the file must be an object with `type` and non-empty `properties`.
 *
 * One source: BILL's example answers in its Postman collection (test/fixtures), through the node's own
 * output shaping (actions/output.ts: what an output item holds). Values are BILL's placeholders, so
 * only types are kept. `npm run schemas` rewrites the files; the test fails when they are stale.
 * gulpfile.js copies them next to the compiled node (dist/nodes/Bill/__schema__).
 */
import fs from 'fs';
import path from 'path';
import type { IDataObject } from 'n8n-workflow';

import { sanitize, shapeOutput } from '../nodes/Bill/actions/output';
import { isEndpoint } from '../nodes/Bill/catalog/kinds';
import { allOperations, resources } from '../nodes/Bill/resources';
import { Bill } from '../nodes/Bill/Bill.node';
import { loadPostmanItems, operationFor } from '../test/contract/postman';

const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_DIR = path.join(ROOT, 'nodes', 'Bill', '__schema__');

/** The main resources of a sync, and the operations whose output the editor previews. */
export const SCHEMA_OPERATIONS: Array<[resource: string, operation: string]> = ['vendor', 'customer', 'bill', 'invoice', 'payment'].flatMap((r) => [
	[r, 'get'] as [string, string],
	[r, 'getAll'] as [string, string],
]);

/** n8n's version directory: `v` + the version padded to three parts (1 → v1.0.0). */
export function versionDir(version: number | string): string {
	return `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;
}

export type JsonSchema = { type: string; properties?: Record<string, JsonSchema>; items?: JsonSchema };

/** The JSON Schema of a value (types only; BILL's example values are placeholders). */
export function schemaOf(value: unknown): JsonSchema {
	if (value === null || value === undefined) return { type: 'null' };
	if (Array.isArray(value)) return value.length ? { type: 'array', items: schemaOf(value[0]) } : { type: 'array' };
	if (typeof value === 'object') return { type: 'object', properties: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaOf(v)])) };
	return { type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string' };
}

/** One output item of the operation for BILL's success example of its request. */
function outputItemOf(resource: string, operation: string): IDataObject {
	const op = allOperations.find((o) => o.resource === resource && o.operation === operation && isEndpoint(o));
	if (!op) throw new Error(`No operation ${resource}:${operation}`);
	const item = loadPostmanItems().find((i) => operationFor(i, [op]) === op);
	const body = item?.responses.find((r) => r.code >= 200 && r.code < 300)?.body;
	if (!body || typeof body !== 'object') throw new Error(`BILL's collection has no success example for ${op.method} ${op.path}`);
	if (op.kind === 'list') {
		// As the list handler reads a page (transport/request.ts billPaginate): the records, each an output item.
		const page = Array.isArray(body) ? body : ((body as IDataObject)[op.response?.unwrap ?? 'results'] as unknown[]);
		return sanitize(page[0]);
	}
	return shapeOutput(op, body, resources.find((r) => r.value === resource))[0];
}

/** Every schema file, by path relative to SCHEMA_DIR, with its content. */
export function outputSchemas(): Map<string, string> {
	const versions = [new Bill().description.version].flat();
	const files = new Map<string, string>();
	for (const version of versions) {
		for (const [resource, operation] of SCHEMA_OPERATIONS) {
			files.set(path.join(versionDir(version), resource, `${operation}.json`), `${JSON.stringify(schemaOf(outputItemOf(resource, operation)), null, '\t')}\n`);
		}
	}
	return files;
}

if (process.argv.some((a) => a.endsWith('scripts/schemas.ts'))) {
	fs.rmSync(SCHEMA_DIR, { recursive: true, force: true });
	const files = outputSchemas();
	for (const [file, content] of files) {
		fs.mkdirSync(path.dirname(path.join(SCHEMA_DIR, file)), { recursive: true });
		fs.writeFileSync(path.join(SCHEMA_DIR, file), content);
	}
	process.stdout.write(`${files.size} output schemas written to nodes/Bill/__schema__\n`);
}
