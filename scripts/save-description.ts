/**
 * Saves what the editor shows for every operation of the BILL node (test/support/effective.ts) to
 * test/fixtures/description-main.json.gz. Run it on main BEFORE a change that re-lays-out the
 * description; test/node/description-compat.test.ts then proves the new layout shows the same thing.
 *
 *   node scripts/run-ts.js scripts/save-description.ts "<what this was saved from>"
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';

import type { Bill as BillNode } from '../nodes/Bill/Bill.node';
import { effectiveParameters, operationsOf } from '../test/support/effective';

// By file name: `../nodes/Bill/Bill.node` would resolve to the codex file Bill.node.json.
const { Bill } = require(join(__dirname, '..', 'nodes', 'Bill', 'Bill.node.ts')) as { Bill: typeof BillNode };
const description = new Bill().description;
const operations = operationsOf(description).map((k) => ({ ...k, params: effectiveParameters(description, k) }));
const savedFrom = process.argv[2] ?? 'unknown';
const json = JSON.stringify({ savedFrom, operations });
const file = join(__dirname, '..', 'test', 'fixtures', 'description-main.json.gz');
writeFileSync(file, gzipSync(json, { level: 9 }));
process.stdout.write(`${operations.length} operations, ${json.length} bytes of effective parameters → ${file}\n`);
