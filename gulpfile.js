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

task('build:icons', parallel(copyIcons, copyCodex));
