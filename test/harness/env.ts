/**
 * Must be imported before anything from n8n-core: n8n-core reads its configuration (user folder,
 * log level, encryption key) when its modules are first loaded and writes a config file into
 * the user folder. Each jest worker gets its own throw-away folder.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

if (!process.env.N8N_USER_FOLDER || !process.env.N8N_USER_FOLDER.includes('n8n-harness-')) {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-nodes-bill-harness';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// In-memory binary data ("default" mode): n8n-core keeps binary data base64 in the items.
process.env.N8N_DEFAULT_BINARY_DATA_MODE ??= 'default';

export const harnessUserFolder = process.env.N8N_USER_FOLDER;

/**
 * n8n-core's SSH client manager (created with every node execution context) starts a 60 s
 * cleanup interval that n8n clears at shutdown; unref it so jest can exit after the tests.
 * Reached through n8n-core's own copy of its DI container (not a dependency of this package).
 */
export function unrefN8nCoreTimers() {
	const coreDir = dirname(require.resolve('n8n-core'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as {
		Container: { get<T>(type: new (...args: never[]) => T): T };
	};
	const { SSHClientsManager } = require(join(coreDir, 'execution-engine/ssh-clients-manager')) as {
		SSHClientsManager: new (...args: never[]) => { cleanupTimer?: NodeJS.Timeout };
	};
	Container.get(SSHClientsManager).cleanupTimer?.unref();
}
