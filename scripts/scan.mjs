// n8n's own verification scanner over the sources and over the packed tarball, as n8n runs it.
// Exit 1 on any finding.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let failed = false;

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`scan ${label}: passed${result.message ? ` (${result.message})` : ''}`);
	} else {
		failed = true;
		console.log(`scan ${label}: FAILED — ${result.message}`);
		if (result.details) console.log(result.details);
	}
}

await scan('sources', root, SOURCE_FILE_PATTERNS);

if (!fs.existsSync(path.join(root, 'dist'))) {
	console.log('scan tarball: dist/ is missing — run `npm run build` first');
	process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bill-scan-'));
const out = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
const tarball = path.join(work, out.trim().split('\n').pop());
const unpacked = path.join(work, 'package');
execFileSync('tar', ['-xzf', tarball, '-C', work]);
await scan('npm pack tarball', unpacked, ['**/*.js', 'package.json']);
fs.rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
