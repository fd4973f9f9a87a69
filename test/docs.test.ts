import fs from 'fs';
import path from 'path';

import { renderReadme } from '../scripts/docs';

test('the README operations table matches the table of operations (run `npm run docs`)', () => {
	const readme = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');
	expect(renderReadme(readme)).toBe(readme);
});
