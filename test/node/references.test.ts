/**
 * File references stay valid: every path of this repository that README.md, the Markdown pages
 * (docs/*.md, the emulator's READMEs) and the code's comments mention — `nodes/…`, `test/…`,
 * `scripts/…`, … with an extension, or a folder with its trailing `/` — exists, and every relative
 * Markdown link points at a file. A moved or deleted file fails here with where it is named.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, relative } from 'path';

const ROOT = join(__dirname, '..', '..');
const TOP = ['nodes', 'credentials', 'test', 'scripts', 'bench', 'docs', 'examples', 'icons', '.ci', '.github'];

/** The repository's files as git sees them (tracked or new, not ignored), so that build output and caches are not scanned. */
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const scanned = tracked.filter((f) => /\.(md|ts|js|mjs|sh)$/.test(f) || f === '.ci/run');

/** A repository path: one of the top folders, then path characters, ending in an extension or a `/`. */
const PATH = new RegExp(`(?<![\\w./@~-])((?:${TOP.map((t) => t.replace('.', '\\.')).join('|')})/[\\w./@-]*)`, 'g');

function mentionedPaths(text: string): string[] {
	const found: string[] = [];
	for (const m of text.matchAll(PATH)) {
		const path = m[1].replace(/\.+$/, '');
		if (path.endsWith('/') || /\.[a-z][a-z0-9]*$/i.test(path.split('/').pop() ?? '')) found.push(path);
	}
	return found;
}

/** Whether a named path exists; `nodes/…/X.js` and `credentials/…/X.js` name the build of `X.ts` (in dist/). */
function exists(path: string): boolean {
	if (existsSync(join(ROOT, path))) return true;
	return /^(nodes|credentials)\/.*\.js$/.test(path) && existsSync(join(ROOT, path.replace(/\.js$/, '.ts')));
}

function missing(): string[] {
	const problems: string[] = [];
	for (const file of scanned) {
		const text = readFileSync(join(ROOT, file), 'utf8');
		text.split('\n').forEach((line, i) => {
			for (const path of mentionedPaths(line)) if (!exists(path)) problems.push(`${file}:${i + 1} names ${path}`);
			if (!file.endsWith('.md')) return;
			for (const m of line.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
				const target = m[1];
				if (/^[a-z]+:/i.test(target)) continue;
				const resolved = join(ROOT, dirname(file), target);
				if (!existsSync(resolved)) problems.push(`${file}:${i + 1} links to ${relative(ROOT, resolved)}`);
			}
		});
	}
	return problems;
}

test('every repository path named in the Markdown pages and the code comments exists', () => {
	expect(missing()).toEqual([]);
});

test('the scan finds the references it is meant to check', () => {
	expect(mentionedPaths('see test/emulator/README.md, nodes/Bill/resources/ and `scripts/docs.ts`.')).toEqual(['test/emulator/README.md', 'nodes/Bill/resources/', 'scripts/docs.ts']);
	expect(mentionedPaths('~/.n8n/nodes/x.js, n8n-nodes-bill/test/a.ts, test/poll-trigger')).toEqual([]);
	expect(scanned).toEqual(expect.arrayContaining(['README.md', 'docs/development.md', 'nodes/Bill/catalog/kinds.ts']));
});
