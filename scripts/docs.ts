/**
 * Writes the README's resource/operation table from the node's table of operations (the one
 * source of truth). `npm run docs` rewrites README.md between the markers; test/docs.test.ts
 * fails when the README is out of date.
 */
import fs from 'fs';
import path from 'path';

import { resources } from '../nodes/Bill/resources';

const CREDENTIAL: Record<string, string> = {
	connect: 'BILL API',
	spend: 'BILL Spend & Expense API',
	partner: 'BILL Partner API',
	webhooks: 'per Event Family',
};

export function operationsTable(): string {
	const rows = resources.map((r) => {
		const ops = r.operations.map((o) => o.name).join(', ');
		return `| ${r.name} | ${CREDENTIAL[r.api]} | ${r.operations.length} | ${ops} |`;
	});
	const total = resources.reduce((n, r) => n + r.operations.length, 0);
	return [
		`${resources.length} resources, ${total} operations.`,
		'',
		'| Resource | Credential | Ops | Operations |',
		'|---|---|---|---|',
		...rows,
	].join('\n');
}

const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

export function renderReadme(readme: string): string {
	const a = readme.indexOf(START);
	const b = readme.indexOf(END);
	if (a < 0 || b < a) throw new Error('README.md lacks the operations markers');
	return `${readme.slice(0, a + START.length)}\n${operationsTable()}\n${readme.slice(b)}`;
}

if (process.argv.some((a) => a.endsWith('scripts/docs.ts'))) {
	const file = path.resolve(__dirname, '..', 'README.md');
	fs.writeFileSync(file, renderReadme(fs.readFileSync(file, 'utf8')));
	process.stdout.write('README.md operations table updated\n');
}
