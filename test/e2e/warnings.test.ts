/**
 * No deprecated settings: the n8n under test (BILL_N8N) prints no deprecation notice and no
 * task-runner warning with the settings this project runs it with (scripts/n8n.js) — for the CLI
 * (import, execute with a Code node, which needs the task runner) and `n8n start`. Queue mode
 * (main and workers) is covered by npm test, which counts these warnings over everything the
 * end-to-end suite made n8n print (test/e2e/warnings.ts on BILL_E2E_LOG).
 */
import { chain, code, manual } from './bill-e2e';
import { N8n, N8N_VERSION } from './n8n';
import { n8nWarnings } from './warnings';

test('the warning counter finds each setting of n8n 2.41’s deprecation notice', () => {
	const printed = [
		'n8n Task Broker ready on 127.0.0.1, port 5679',
		'',
		'There are deprecations related to your n8n setup. Please take the recommended actions to update your configuration:',
		' - N8N_RUNNERS_ENABLED -> Remove this environment variable; it is no longer needed.',
		' - WEBHOOK_URL -> Use N8N_WEBHOOK_URL instead, which sets the base URL for both test and production webhooks.',
		'',
		'Failed to start Python task runner in internal mode. because Python 3 is missing from this system.',
		'Version: 2.41.3',
	].join('\n');
	expect(n8nWarnings(printed)).toEqual([
		'- N8N_RUNNERS_ENABLED -> Remove this environment variable; it is no longer needed.',
		'- WEBHOOK_URL -> Use N8N_WEBHOOK_URL instead, which sets the base URL for both test and production webhooks.',
		'Failed to start Python task runner in internal mode. because Python 3 is missing from this system.',
	]);
});

test(`n8n ${N8N_VERSION} prints no warning: CLI, a Code node on the task runner, n8n start`, async () => {
	const n8n = await N8n.create();
	const printed: string[] = [];
	try {
		// both workflows in one import (one n8n boot)
		const [runId, hookId] = await n8n.importWorkflows([
			{ nodes: [manual(), code('Code', 'return [{ json: { ok: 1 } }];')], connections: chain('Manual', 'Code') },
			{ nodes: [{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: 'e2e-warnings', parameters: { httpMethod: 'POST', path: 'e2e-warnings', options: {} } }] },
		]);
		const run = await n8n.execute(runId);
		expect(run.success).toBe(true);
		expect(run.output.map((item) => item.json)).toEqual([{ ok: 1 }]);
		printed.push(run.stdout, run.stderr);

		await n8n.publishWorkflow(hookId);
		const main = await n8n.start();
		expect((await fetch(`${main.url}/webhook/e2e-warnings`, { method: 'POST' })).status).toBe(200);
		await main.stop();
		printed.push(main.output);
	} finally {
		await n8n.dispose();
	}
	expect(n8nWarnings(printed.join('\n'))).toEqual([]);
});
