/**
 * Starts the BILL emulator: `npm run emulator` (node scripts/run-ts.js test/emulator/cli.ts).
 * Port: `--port N` or BILL_EMULATOR_PORT (default 4010). Listens on 127.0.0.1 only.
 */
import { BillEmulator, SEED } from './server';

function portFromArgs(argv: string[]): number {
	const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
	const raw = i < 0 ? process.env.BILL_EMULATOR_PORT : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
	const port = raw === undefined || raw === '' ? 4010 : Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw}`);
	return port;
}

async function main(): Promise<void> {
	const emu = new BillEmulator();
	const base = await emu.start(portFromArgs(process.argv.slice(2)));
	const lines = [
		`BILL emulator listening on ${base}`,
		`  Connect API base URL:  ${emu.connectUrl}`,
		`  Webhooks API base URL: ${emu.eventsUrl}`,
		'',
		'Seeded credentials:',
		`  Organization ID: ${SEED.organizationId}`,
		`  Username:        ${SEED.username}`,
		`  Password:        ${SEED.password}`,
		`  Developer key:   ${SEED.devKey}`,
		`  MFA:             rememberMeId ${SEED.rememberMeId}, device ${SEED.device}`,
		`  Sync token:      ${SEED.syncTokenName} / ${SEED.syncTokenValue}`,
		`  Partner:         ${SEED.partnerUsername} / ${SEED.partnerPassword}, app key ${SEED.appKey}`,
		`  S&E API token:   ${SEED.spendToken}`,
		'',
		'Press Ctrl+C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping the BILL emulator\n`);
		void emu.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
