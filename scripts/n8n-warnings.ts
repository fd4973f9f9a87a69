/**
 * Counts the warnings n8n printed during an end-to-end run (test/e2e/warnings.ts decides what a
 * warning is): prints the count on stdout and each distinct warning, with how often, on stderr.
 *
 *   node scripts/run-ts.js scripts/n8n-warnings.ts <log file>   # the log of BILL_E2E_LOG
 */
import { existsSync, readFileSync } from 'fs';

import { n8nWarnings } from '../test/e2e/warnings';

const file = process.argv[2];
const warnings = file && existsSync(file) ? n8nWarnings(readFileSync(file, 'utf8')) : [];
const counts = new Map<string, number>();
for (const warning of warnings) counts.set(warning, (counts.get(warning) ?? 0) + 1);
for (const [line, count] of counts) process.stderr.write(`n8n warning (${count}×): ${line}\n`);
process.stdout.write(`${warnings.length}\n`);
