const path = require('path');
const { task, src, dest } = require('gulp');

/** Copies the icons into dist/, where the compiled nodes and credentials reference them. */
function copyIcons() {
	return src(path.resolve('icons', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
}

task('build:icons', copyIcons);
