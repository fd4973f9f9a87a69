/**
 * Run by test/node/values.test.ts under several TZ values (a child process: jest's sandbox does
 * not pass a changed TZ on to Date): prints, as JSON, what encodeField makes of each date input
 * (or the error message), and the UTC day of local midnight of 2026-01-31 (proof the zone is in effect).
 */
import type { INode } from 'n8n-workflow';

import type { FieldDef } from '../../nodes/Bill/catalog/types';
import { encodeField } from '../../nodes/Bill/helpers/values';

const node = { id: 'n', name: 'BILL', type: 'bill', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const inputs = JSON.parse(process.argv[2] ?? '[]') as Array<[string, unknown]>;
const out = inputs.map(([type, value]) => {
	try {
		return encodeField({ name: 'dueDate', label: 'Due Date', type } as FieldDef, value, { node, itemIndex: 0, resources: [] });
	} catch (e) {
		return `error: ${(e as Error).message}`;
	}
});
process.stdout.write(JSON.stringify({ localMidnight: new Date(2026, 0, 31).toISOString().slice(0, 10), out }));
