/**
 * Must be imported before anything from n8n-core: n8n-core reads its configuration (user folder,
 * log level, encryption key) when its modules are first loaded and writes a config file (only
 * the encryption key) into the user folder. All harness runs share one folder in the temp
 * directory, so nothing piles up: jest workers have no exit hook to remove their own.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

const folder = join(tmpdir(), `n8n-nodes-bill-harness-${process.getuid?.() ?? 'user'}`);
const encryptionKey = 'n8n-nodes-bill-harness';
const settingsFile = join(folder, '.n8n', 'config');
if (!existsSync(settingsFile)) {
	// written atomically here, so parallel jest workers never read a half-written file
	mkdirSync(dirname(settingsFile), { recursive: true });
	const temporary = `${settingsFile}.${process.pid}`;
	writeFileSync(temporary, JSON.stringify({ encryptionKey }, null, '\t'), { mode: 0o600 });
	renameSync(temporary, settingsFile);
}
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENCRYPTION_KEY = encryptionKey;
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
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
