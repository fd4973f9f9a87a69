/**
 * Another build of the BILL node beside this one, for side-by-side measurements in one n8n (the
 * editor timing, the benchmarks): a copy of this build's dist/ plus a node file that loads
 * `before`'s BILL node renamed to billBefore ("BILL (before)"). Build `before` from any commit with
 * `bash scripts/build-ref.sh <commit>` (it prints the dist/ to pass).
 */
import { cpSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

export function writeBeforePackage(dist: string, before: string, target: string): string {
	rmSync(target, { recursive: true, force: true });
	cpSync(dist, target, { recursive: true });
	writeFileSync(
		join(target, 'nodes', 'Bill', 'BillBefore.node.js'),
		[
			`const { Bill } = require(${JSON.stringify(join(before, 'nodes', 'Bill', 'Bill.node.js'))});`,
			'class BillBefore extends Bill {',
			"\tconstructor() { super(); this.description = { ...this.description, name: 'billBefore', displayName: 'BILL (before)' }; }",
			'}',
			'module.exports = { BillBefore };',
			'',
		].join('\n'),
	);
	return target;
}
