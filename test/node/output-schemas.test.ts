/**
 * Issue 17 §4: output schemas, so that n8n's editor shows the fields of Get / Get Many of the main
 * resources before the first run (scripts/schemas.ts says where n8n looks, read in its sources).
 * - the committed files are what BILL's examples give through the node's output shaping (`npm run schemas`);
 * - each is where n8n 2.8.4 and 2.41.3 look for the node's type, version, resource and operation,
 *   and has the form the editor accepts;
 * - the build copies them next to the compiled node, so `npm pack` (files: dist) ships them.
 * A real n8n serving them for the installed package: test/e2e/bill-smoke.test.ts.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { Bill } from '../../nodes/Bill/Bill.node';
import { outputSchemas, SCHEMA_DIR, SCHEMA_OPERATIONS, versionDir, type JsonSchema } from '../../scripts/schemas';

const ROOT = path.resolve(__dirname, '..', '..');
const files = (dir: string): string[] =>
	fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort() : [];
const description = new Bill().description;

test('the committed schemas are those BILL\'s examples give (run `npm run schemas`)', () => {
	const expected = outputSchemas();
	expect(files(SCHEMA_DIR)).toEqual([...expected.keys()].sort());
	for (const [file, content] of expected) expect(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')).toBe(content);
});

describe.each(SCHEMA_OPERATIONS)('%s → %s', (resource, operation) => {
	const version = [description.version].flat().slice(-1)[0];

	test('the node offers this resource and operation under these parameter values', () => {
		const resources = description.properties.find((p) => p.name === 'resource')?.options as Array<{ value: string }>;
		expect(resources.map((o) => o.value)).toContain(resource);
		const ops = description.properties.filter((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource));
		expect(ops.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value))).toContain(operation);
	});

	test('n8n 2.8.4 finds it: the editor asks /schemas/<type>/<x.y.z>/<resource>/<operation>.json, the server reads __schema__/v<that version>/…', () => {
		// editor-ui useSchemaPreviewStore getSchemaPreview: the version padded to three parts.
		const asked = String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');
		expect(asked).toBe('1.0.0');
		// cli LoadNodesAndCredentials.resolveSchema (2.8.4): beside the node's file, `__schema__/v${version}/${resource}/${operation}.json`.
		const file = path.resolve(ROOT, 'nodes', 'Bill', ['__schema__', `v${asked}`, resource, operation].join('/') + '.json');
		expect(fs.existsSync(file)).toBe(true);
		expect(path.dirname(path.dirname(file))).toBe(path.join(SCHEMA_DIR, versionDir(version)));
	});

	test('n8n 2.41.3 finds it (its own resolver, when installed)', () => {
		const resolver = path.join(os.homedir(), '.cache', 'n8n-nodes-bill', 'n8n-2.41.3', 'node_modules', 'n8n-core', 'dist', 'nodes-loader', 'output-schema-resolver.js');
		if (!fs.existsSync(resolver)) return console.warn(`n8n 2.41.3 is not installed (${resolver}): its resolver is not run`);
		const { resolveOutputSchemaPath, loadOutputSchema } = require(resolver) as {
			resolveOutputSchemaPath(ref: object): string | undefined;
			loadOutputSchema(ref: object): object | undefined;
		};
		const nodeDir = path.join(ROOT, 'nodes', 'Bill');
		expect(resolveOutputSchemaPath({ nodeDir, version, resource, operation })).toBe(path.join(SCHEMA_DIR, versionDir(version), resource, `${operation}.json`));
		expect(loadOutputSchema({ nodeDir, version, resource, operation, versionFallback: true })).toEqual(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, versionDir(version), resource, `${operation}.json`), 'utf8')));
	});

	test('the editor accepts it: an object schema with properties, BILL\'s record keys in it', () => {
		const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, versionDir(version), resource, `${operation}.json`), 'utf8')) as JsonSchema;
		expect(schema.type).toBe('object');
		expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(5);
		expect(schema.properties?.id).toEqual({ type: 'string' });
		expect(schema.properties?.createdTime).toEqual({ type: 'string' });
	});
});

test('the build copies them next to the compiled node (gulp build:icons), so the package ships them', () => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bill-schemas-'));
	try {
		for (const dir of ['nodes', 'icons']) fs.symlinkSync(path.join(ROOT, dir), path.join(work, dir));
		execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build:icons', '--cwd', work, '--gulpfile', path.join(ROOT, 'gulpfile.js')], { stdio: 'pipe' });
		expect(files(path.join(work, 'dist', 'nodes', 'Bill', '__schema__'))).toEqual(files(SCHEMA_DIR));
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
	expect(pkg.files).toEqual(['dist']);
});
