/**
 * The warnings in what n8n printed: each setting in n8n's deprecation notice ("There are
 * deprecations related to your n8n setup … - WEBHOOK_URL -> Use N8N_WEBHOOK_URL instead"), any
 * other line that speaks of a deprecation, and n8n's task-runner warnings (a runner it cannot
 * start). npm test counts them in the log of each end-to-end run (BILL_E2E_LOG) with
 * scripts/n8n-warnings.ts.
 */

const NOTICE = /^There (is a deprecation|are deprecations) related to your/;
const SETTING = /^ - [A-Z][A-Z0-9_]+ -> /;
const OTHER = [/deprecat/i, /^Failed to start .* task runner/];

export function n8nWarnings(output: string): string[] {
	const warnings: string[] = [];
	for (const line of output.split('\n')) {
		if (NOTICE.test(line)) continue; // the heading of the settings listed below it
		if (SETTING.test(line) || OTHER.some((pattern) => pattern.test(line))) warnings.push(line.trim());
	}
	return warnings;
}
