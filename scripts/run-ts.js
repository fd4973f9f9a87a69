#!/usr/bin/env node
/**
 * Runs a TypeScript entry file without ts-node: a require hook that compiles every `.ts` file
 * with `typescript.transpileModule` (CommonJS, no type checking) when it is loaded.
 * Usage: node scripts/run-ts.js path/to/file.ts [args...]
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
	sourceMap: false,
	inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTs(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};
// `X.node` must resolve to X.node.ts, not to the codex file X.node.json beside it: Node tries the
// extensions in this object's key order, so `.ts` goes before `.json` and `.node`.
for (const ext of ['.json', '.node']) {
	const loader = require.extensions[ext];
	delete require.extensions[ext];
	require.extensions[ext] = loader;
}

const entry = process.argv[2];
if (!entry) {
	process.stderr.write('Usage: node scripts/run-ts.js <file.ts> [args...]\n');
	process.exit(2);
}
// The entry sees its own arguments as process.argv.slice(2).
process.argv.splice(1, 2, path.resolve(entry));
require(path.resolve(entry));
