const path = require('path');
const { task, src, dest, parallel } = require('gulp');

/** Copies the icons into dist/, where the compiled nodes and credentials reference them. */
function copyIcons() {
	return src(path.resolve('icons', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
}

/** Copies each node's codex file (categories, documentation links) next to its compiled node. */
function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

/** Copies each node's output schemas (nodes/Bill/__schema__, `npm run schemas`) next to its compiled node, where n8n looks for them. */
function copySchemas() {
	return src('nodes/**/__schema__/**/*.json', { base: '.' }).pipe(dest('dist'));
}

task('build:icons', parallel(copyIcons, copyCodex, copySchemas));
