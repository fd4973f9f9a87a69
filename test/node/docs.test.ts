import fs from 'fs';
import path from 'path';

import { inferredIndex, INFERRED_FILE, renderReadme } from '../../scripts/docs';

test('the README operations table matches the table of operations (run `npm run docs`)', () => {
	const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
	expect(renderReadme(readme)).toBe(readme);
});

test('docs/inferred.md lists every [inferred] mark of the sources (run `npm run docs`)', () => {
	expect(fs.readFileSync(INFERRED_FILE, 'utf8')).toBe(inferredIndex());
});
