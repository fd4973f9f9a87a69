/**
 * Builds the session probe (test/harness/probe, the node and credential the harness tests use)
 * into a community-package folder for a real n8n: compiled with tsc, with the `n8n` section in
 * its package.json, ready for N8N_CUSTOM_EXTENSIONS (its dist/) or for `npm pack`.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { ROOT } from './n8n';

export const PROBE_PACKAGE = 'n8n-nodes-session-probe';

export function buildProbePackage(): string {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-probe-'));
	const source = join(ROOT, 'test/harness/probe');
	execFileSync(
		process.execPath,
		[
			join(ROOT, 'node_modules/typescript/bin/tsc'),
			'--outDir', join(dir, 'dist'),
			'--rootDir', source,
			'--module', 'commonjs',
			'--target', 'es2022',
			'--moduleResolution', 'node',
			'--strict',
			'--esModuleInterop',
			'--skipLibCheck',
			'--types', 'node',
			join(source, 'SessionProbe.node.ts'),
			join(source, 'SessionProbeApi.credentials.ts'),
		],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: PROBE_PACKAGE,
				version: '1.0.0',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/SessionProbe.node.js'],
					credentials: ['dist/SessionProbeApi.credentials.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	return dir;
}
