#!/usr/bin/env bash
# The newcomer's first run (`npm start`): a real n8n with this package loaded, the BILL emulator
# running, a "BILL (local emulator)" credential (plus S&E and partner ones) and the example
# workflows of examples/ imported. Prints the editor URL; Ctrl+C stops n8n and the emulator.
#
# Every step is skipped when its result is already there, so the second run only starts things:
#   1. npm ci               when node_modules/ is missing
#   2. npm run build        when dist/ is missing or older than the sources
#   3. n8n                  BILL_N8N=newest (default) or oldest (scripts/n8n-versions/), installed
#                           once into ~/.cache/n8n-nodes-bill (scripts/n8n-install.sh) with its own
#                           Node.js; environment from scripts/n8n-env.sh, run by scripts/n8n.js
#   4. the BILL emulator    on 127.0.0.1:4010, or BILL_EMULATOR_PORT (reused if one already
#                           answers there; another free port when 4010 is taken and none was set)
#   5. the user folder      BILL_LOCAL_FOLDER, default .n8n-local/n8n-<version>: credentials +
#                           examples imported once (again when they change; BILL_REIMPORT=1 forces it)
#   6. n8n start            on 5678, or N8N_PORT (another free port when 5678 is taken and none was
#                           set); its task broker on a free port (N8N_RUNNERS_BROKER_PORT to choose)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m[start]\033[0m %s\n' "$*"; }
fail() { printf '[start] error: %s\n' "$*" >&2; exit 1; }

# A tiny HTTP probe (no curl needed): prints the body of a 2xx answer, fails otherwise.
probe() {
	node -e '
		const ctl = new AbortController(); setTimeout(() => ctl.abort(), 2000).unref();
		fetch(process.argv[1], { signal: ctl.signal })
			.then(async (r) => { if (!r.ok) process.exit(1); process.stdout.write(await r.text()); })
			.catch(() => process.exit(1));' "$1"
}
# Whether something listens on 127.0.0.1:<port>.
port_busy() {
	node -e '
		const s = require("net").connect(Number(process.argv[1]), "127.0.0.1");
		s.on("connect", () => { s.end(); process.exit(0); });
		s.on("error", () => process.exit(1));' "$1"
}
# A port that is free on 127.0.0.1 right now.
free_port() {
	node -e '
		const s = require("net").createServer().listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); });'
}

# whether the user chose n8n's port (then a taken port is an error, not a reason to move)
N8N_PORT_ASKED="${N8N_PORT:-}"

# ------------------------------------------------------------------ 1. dependencies
if [[ ! -d node_modules ]]; then
	say "installing dependencies (npm ci)"
	npm ci --no-audit --no-fund
fi

# ------------------------------------------------------------------ 2. build
BUILT=dist/nodes/Bill/Bill.node.js
if [[ ! -f "$BUILT" ]] || [[ -n "$(find nodes credentials icons package.json tsconfig.json tsconfig.build.json -newer "$BUILT" -print -quit 2>/dev/null)" ]]; then
	say "building the package (npm run build)"
	npm run --silent build
else
	say "dist/ is up to date"
fi

# ------------------------------------------------------------------ 3. n8n (installed once, cached)
# Sets BILL_N8N_RUN (scripts/n8n.js), the version and n8n's environment for the user folder.
# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh "${BILL_LOCAL_FOLDER:-}"
FOLDER="$N8N_USER_FOLDER"
export N8N_CUSTOM_EXTENSIONS="$ROOT/dist"
say "n8n $BILL_N8N_VERSION ($BILL_N8N) on Node.js $("$BILL_N8N_NODE" --version); user folder $FOLDER"

# Ports: the ones asked for, else the defaults, else free ones (the default taken by something else).
if [[ -n "${BILL_EMULATOR_PORT:-}" ]]; then
	EMULATOR_PORT="$BILL_EMULATOR_PORT"
else
	EMULATOR_PORT=4010
fi
EMULATOR_URL="http://127.0.0.1:$EMULATOR_PORT"
if [[ -z "${BILL_EMULATOR_PORT:-}" ]] && port_busy "$EMULATOR_PORT" && ! probe "$EMULATOR_URL/connect/v3/health" 2>/dev/null | grep -q bill-emulator; then
	EMULATOR_PORT="$(free_port)"
	EMULATOR_URL="http://127.0.0.1:$EMULATOR_PORT"
	say "port 4010 is taken: the BILL emulator uses $EMULATOR_PORT (BILL_EMULATOR_PORT to choose)"
fi
PORT="$N8N_PORT"
if [[ -z "${N8N_PORT_ASKED:-}" ]] && port_busy "$PORT"; then
	PORT="$(free_port)"
	say "port $N8N_PORT is taken: n8n uses $PORT (N8N_PORT to choose)"
fi
export N8N_PORT="$PORT"

# ------------------------------------------------------------------ 4. the BILL emulator
EMULATOR_PID=""
N8N_PID=""
TAIL_PID=""
# Runs on every exit (n8n stopped, Ctrl+C, kill, an error): n8n gets one SIGTERM (a second one
# would cut its graceful shutdown short), then the emulator this script started is stopped.
cleanup() {
	local status=$?
	trap '' HUP INT TERM
	trap - EXIT
	if [[ -n "$N8N_PID" ]] && kill -0 "$N8N_PID" 2>/dev/null; then
		say "stopping n8n"
		kill -TERM "$N8N_PID" 2>/dev/null || true
		while kill -0 "$N8N_PID" 2>/dev/null; do sleep 0.2; done
	fi
	if [[ -n "$TAIL_PID" ]]; then
		sleep 0.3
		kill "$TAIL_PID" 2>/dev/null || true
	fi
	if [[ -n "$EMULATOR_PID" ]] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
		say "stopping the BILL emulator"
		kill -TERM "$EMULATOR_PID" 2>/dev/null || true
		while kill -0 "$EMULATOR_PID" 2>/dev/null; do sleep 0.1; done
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$FOLDER"
if health="$(probe "$EMULATOR_URL/connect/v3/health")" && [[ "$health" == *bill-emulator* ]]; then
	say "reusing the BILL emulator already running on $EMULATOR_URL (not stopped on exit)"
elif port_busy "$EMULATOR_PORT"; then
	fail "port $EMULATOR_PORT is taken by something else than the BILL emulator: set BILL_EMULATOR_PORT to a free port"
else
	say "starting the BILL emulator on $EMULATOR_URL (log: $FOLDER/emulator.log)"
	node scripts/run-ts.js test/emulator/cli.ts --port "$EMULATOR_PORT" >"$FOLDER/emulator.log" 2>&1 &
	EMULATOR_PID=$!
	started=$SECONDS
	until probe "$EMULATOR_URL/connect/v3/health" >/dev/null; do
		kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$FOLDER/emulator.log" >&2; fail "the BILL emulator did not start"; }
		(( SECONDS - started < 120 )) || fail "the BILL emulator did not answer on $EMULATOR_URL within 120 s"
		sleep 0.25
	done
fi

# ------------------------------------------------------------------ 5. n8n user folder
if port_busy "$PORT"; then
	fail "port $PORT is taken (is n8n already running?): set N8N_PORT to a free port"
fi

# Credentials for the emulator, from its seed (test/emulator/config.ts, the one place they are written).
CREDENTIALS="$FOLDER/bill-credentials.json"
node -e '
	const fs = require("fs");
	const ts = require("typescript");
	const source = fs.readFileSync("test/emulator/config.ts", "utf8");
	const module = { exports: {} };
	new Function("module", "exports", "require", ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText)(module, module.exports, require);
	const { SEED } = module.exports;
	const baseUrl = process.argv[1];
	const credentials = [
		{
			id: "bill-local-emulator",
			name: "BILL (local emulator)",
			type: "billApi",
			data: {
				environment: "custom", baseUrl, loginType: "user",
				username: SEED.username, password: SEED.password, organizationId: SEED.organizationId,
				developerApiKey: SEED.devKey, mfaRememberMeToken: SEED.rememberMeId, deviceName: SEED.device, sessionToken: "",
			},
		},
		{
			id: "bill-spend-local-emulator",
			name: "BILL S&E (local emulator)",
			type: "billSpendApi",
			data: { environment: "custom", baseUrl, apiToken: SEED.spendToken },
		},
		{
			id: "bill-partner-local-emulator",
			name: "BILL Partner (local emulator)",
			type: "billPartnerApi",
			data: {
				environment: "custom", baseUrl, username: SEED.partnerUsername, password: SEED.partnerPassword,
				appApiKey: SEED.appKey, sessionToken: "",
			},
		},
	];
	fs.writeFileSync(process.argv[2], JSON.stringify(credentials, null, 2));
' "$EMULATOR_URL" "$CREDENTIALS"

STAMP="$FOLDER/.bill-imported"
WANT="$(cat "$CREDENTIALS" examples/*.json | node -e '
	let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(require("crypto").createHash("sha256").update(s).digest("hex")));')"
if [[ "${BILL_REIMPORT:-}" != "1" ]] && [[ -f "$STAMP" ]] && [[ "$(cat "$STAMP")" == "$WANT" ]] && [[ -d "$FOLDER/.n8n" ]]; then
	say "credentials and example workflows already imported into $FOLDER"
else
	say "importing the BILL credentials and the example workflows into $FOLDER"
	"$BILL_N8N_RUN" import:credentials --input="$CREDENTIALS" >"$FOLDER/import.log" 2>&1 || { cat "$FOLDER/import.log" >&2; fail "n8n import:credentials failed"; }
	"$BILL_N8N_RUN" import:workflow --separate --input="$ROOT/examples" >>"$FOLDER/import.log" 2>&1 || { cat "$FOLDER/import.log" >&2; fail "n8n import:workflow failed"; }
	echo "$WANT" >"$STAMP"
fi
rm -f "$CREDENTIALS"

# ------------------------------------------------------------------ 6. n8n
say "starting n8n on port $PORT (first start takes a few seconds; log: $FOLDER/n8n.log)"
: >"$FOLDER/n8n.log"
# n8n and the log follower run in their own session: Ctrl+C reaches this script only, which then
# sends n8n exactly one SIGTERM and keeps showing its log until it has shut down.
# (`exec`: the background subshell becomes the process itself, so $! is n8n's own pid.)
detach() { if command -v setsid >/dev/null 2>&1; then exec setsid "$@"; else exec "$@"; fi; }
detach node "$BILL_N8N_RUN" start </dev/null >>"$FOLDER/n8n.log" 2>&1 &
N8N_PID=$!
say "n8n process $N8N_PID (this script: $$)"
detach tail -n +1 -f "$FOLDER/n8n.log" &
TAIL_PID=$!
# /healthz answers long before the editor: wait until the REST API the editor loads answers.
started=$SECONDS
until probe "http://127.0.0.1:$PORT/rest/settings" >/dev/null 2>&1; do
	kill -0 "$N8N_PID" 2>/dev/null || fail "n8n stopped while starting (see its output above)"
	(( SECONDS - started < 300 )) || fail "n8n did not start within 300 s"
	sleep 0.5
done

cat <<EOF

  ┌──────────────────────────────────────────────────────────────────────────
  │ n8n with the BILL nodes is ready:  http://localhost:$PORT
  │ (n8n $BILL_N8N_VERSION; BILL_N8N=oldest npm start runs the oldest supported one)
  │
  │ First visit: create the owner account (stays in $FOLDER).
  │ Workflows:   the five "BILL example: …" workflows (AP, AR, events → Slack, vendor sync, bills paid by polling)
  │ Credential:  "BILL (local emulator)" → the BILL emulator on $EMULATOR_URL
  │              (also "BILL S&E (local emulator)" and "BILL Partner (local emulator)")
  │
  │ Stop: Ctrl+C here (stops n8n, then the emulator). Data stays for the next npm start.
  └──────────────────────────────────────────────────────────────────────────

EOF
set +e
wait "$N8N_PID"
status=$?
N8N_PID=""
say "n8n stopped"
exit "$status"
