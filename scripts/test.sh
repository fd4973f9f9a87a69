#!/usr/bin/env bash
# The full test command (README: `npm test`; CI: .ci/run). Stages:
#   clean install · lint (eslint, then n8n's `n8n-node lint`) · type-check (pinned and newest
#   n8n-workflow) · build · n8n's scanner · jest (unit + in-process workflows against the emulator)
#   · the two real n8n versions installed (scripts/n8n-install.sh, cached) · the end-to-end suite on
#   the oldest and on the newest n8n.
# Every run ends with the time of each stage and `tests: N passed, N failed`, where a stage that
# fails outside jest (or a jest run that reports nothing) counts as one failed test; the exit
# status is non-zero when anything failed. SKIP_E2E=1 leaves out the real-n8n stages.
# Stages that do not depend on each other overlap (docs/development.md, "Test stages"): the two
# lints, the type-check and the build run side by side; then the scan, the in-process jest and
# the end-to-end suites of both n8n versions (each its own n8n processes, ports and user folders;
# most of their time is n8n booting and waiting, not computing). Each stage's output is printed
# whole when it ends, its time is its own wall time. E2E_SERIAL=1 runs the stages one after the
# other as before (for timing one stage alone). SKIP_INSTALL=1 leaves out `npm ci` (node_modules as
# they are, e.g. in a git worktree that shares them).
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
started=$SECONDS
passed=0
failed=0
failed_stages=()
summary=()
broken=""  # set when a stage leaves nothing for the later ones to test

step() { printf '\n==> %s\n' "$*"; }

# stage <name> <command…>: runs it, times it, records a failure.
stage() {
	local name="$1"
	shift
	step "$name"
	local t0=$SECONDS status=0
	"$@" || status=$?
	local took=$((SECONDS - t0))
	if ((status == 0)); then
		summary+=("$(printf '%-44s %5ss  ok' "$name" "$took")")
	else
		summary+=("$(printf '%-44s %5ss  FAILED (exit %s)' "$name" "$took" "$status")")
		failed_stages+=("$name")
	fi
	return "$status"
}

# jest_stage <name> <json file> <jest args…>: a jest run whose tests are counted; a run that
# reports no result (it crashed, or the stage before it broke) counts as one failure.
jest_stage() {
	local name="$1" json="$2"
	shift 2
	stage "$name" npx jest --ci --json --outputFile="$json" "$@"
	count_jest "$json" $?
}

# Stages in the background: bg_stage <name> <command…> starts one (its output into a file),
# bg_wait <name> waits for it, prints its output and records it as stage() does (status in $?).
declare -A bg_pids=()
bg_seq=0
bg_stage() {
	local name="$1"
	shift
	bg_seq=$((bg_seq + 1))
	local file="$results/stage-$bg_seq"
	if [[ "${E2E_SERIAL:-}" == "1" ]]; then
		# one after the other: run it now, report it at bg_wait
		(
			t0=$SECONDS
			"$@" >"$file.out" 2>&1
			echo "$? $((SECONDS - t0))" >"$file.rc"
		)
		bg_pids["$name"]="$file"
		return 0
	fi
	(
		t0=$SECONDS
		"$@" >"$file.out" 2>&1
		echo "$? $((SECONDS - t0))" >"$file.rc"
	) &
	bg_pids["$name"]="$file:$!"
}
bg_wait() {
	local name="$1" entry="${bg_pids[$1]}"
	local file="${entry%%:*}" pid=""
	[[ "$entry" == *:* ]] && pid="${entry#*:}"
	[[ -n "$pid" ]] && wait "$pid"
	step "$name"
	cat "$file.out"
	local status=1 took=0
	[[ -s "$file.rc" ]] && read -r status took <"$file.rc"
	if ((status == 0)); then
		summary+=("$(printf '%-44s %5ss  ok' "$name" "$took")")
	else
		summary+=("$(printf '%-44s %5ss  FAILED (exit %s)' "$name" "$took" "$status")")
		failed_stages+=("$name")
	fi
	return "$status"
}
bg_jest_stage() {
	local name="$1" json="$2"
	shift 2
	bg_stage "$name" npx jest --ci --json --outputFile="$json" "$@"
}
bg_jest_wait() {
	bg_wait "$1"
	count_jest "$2" $?
}

# count_jest <json file> <status>: adds a jest run's counts to the totals and to its summary line.
count_jest() {
	local json="$1" status="$2"
	local p=0 f=0
	if [[ -s "$json" ]] && read -r p f < <(node -e 'const r = require(process.argv[1]); console.log(`${r.numPassedTests} ${r.numFailedTests + r.numRuntimeErrorTestSuites}`)' "$json"); then
		:
	else
		p=0
		f=1
	fi
	if ((status != 0 && f == 0)); then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	summary[${#summary[@]} - 1]+="  — $p passed, $f failed"
}

# not_run <name> <reason>: a test stage that could not run counts as one failed test.
not_run() {
	step "$1"
	echo "not run: $2"
	summary+=("$(printf '%-44s %5s   NOT RUN (%s)' "$1" "" "$2")")
	failed_stages+=("$1")
	failed=$((failed + 1))
}

finish() {
	printf '\n==> summary\n'
	printf '%s\n' "${summary[@]}"
	local stage_failures=$((${#failed_stages[@]}))
	# stages outside jest that failed count as one failed test each (jest stages counted themselves)
	local extra=0 name
	for name in "${failed_stages[@]}"; do
		[[ "$name" == jest* || "$name" == end-to-end* || "$name" == interrupted ]] || extra=$((extra + 1))
	done
	failed=$((failed + extra))
	printf '\ntotal time %ss\n' "$((SECONDS - started))"
	if ((stage_failures > 0)); then
		printf 'failed stages:\n'
		printf '  - %s\n' "${failed_stages[@]}"
	fi
	printf 'tests: %s passed, %s failed\n' "$passed" "$failed"
	rm -rf "$results"
	if ((failed > 0 || stage_failures > 0)); then exit 1; fi
	exit 0
}
install_pid=""
trap 'printf "\ninterrupted\n"; [[ -n "$install_pid" ]] && kill "$install_pid" 2>/dev/null; failed_stages+=("interrupted"); finish' INT TERM

if [[ "${SKIP_INSTALL:-}" == "1" ]]; then
	# node_modules as they are (e.g. a git worktree sharing another checkout's node_modules)
	summary+=("$(printf '%-44s %5s   skipped (SKIP_INSTALL=1)' "clean install (npm ci)" "")")
else
	stage "clean install (npm ci)" npm ci --no-audit --no-fund || broken=1
fi

# The two real n8n versions install (cold: about 20 minutes, mostly downloads) in the background
# while the stages below run; the "n8n versions" stage waits for them.
e2e=""
if [[ -f test/e2e/jest.config.js ]] && [[ "${SKIP_E2E:-}" != "1" ]]; then
	e2e=1
	install_started=$SECONDS
	bash scripts/n8n-install.sh all >"$results/runtimes.tsv" 2>"$results/runtimes.log" &
	install_pid=$!
fi

if [[ -z "$broken" ]]; then
	bg_stage "lint (eslint: n8n's community rules, no any)" npm run --silent lint
	bg_stage "lint (n8n-node lint of @n8n/node-cli)" bash scripts/n8n-node-lint.sh
	bg_stage "type-check (pinned and newest n8n-workflow)" bash scripts/typecheck.sh
	bg_stage "build (tsc + icons)" npm run --silent build
	bg_wait "build (tsc + icons)" || broken=1
fi
if [[ -z "$broken" ]]; then
	bg_stage "scan (n8n's community package scanner)" npm run --silent scan
	bg_jest_stage "jest: unit and in-process workflows" "$results/unit.json"
fi

if [[ -n "$e2e" ]]; then
	install_runtimes() {
		local status=0
		wait "$install_pid" || status=$?
		cat "$results/runtimes.log"
		echo "(installing both took $((SECONDS - install_started)) s in the background)"
		((status == 0)) || return "$status"
		# Queue mode needs Redis (Debian's redis-server); the trigger tests read and change n8n's
		# SQLite database with Debian's sqlite3. Installed here where they are missing.
		local missing=()
		command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
		command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
		if ((${#missing[@]})); then
			if [[ "$(id -u)" == "0" ]]; then
				echo "installing ${missing[*]} (apt-get) for the queue-mode and trigger tests"
				(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null || return 1
			else
				echo "${missing[*]} missing and this user cannot install it (apt-get install ${missing[*]}): the queue-mode and trigger tests will fail" >&2
			fi
		fi
	}
	e2e_broken="$broken"
	stage "n8n versions (scripts/n8n-install.sh all)" install_runtimes || e2e_broken=1
	e2e_names=()
	e2e_labels=()
	for name in oldest newest; do
		label="$name"
		if [[ -s "$results/runtimes.tsv" ]]; then
			IFS=$'\t' read -r _ version node _ < <(awk -F '\t' -v n="$name" '$1 == n' "$results/runtimes.tsv") || true
			[[ -n "${version:-}" ]] && label="n8n $version on Node $("$node" --version)"
		fi
		if [[ -n "$e2e_broken" ]]; then
			not_run "end-to-end: $label" "an earlier stage failed"
			continue
		fi
		e2e_names+=("$name")
		e2e_labels+=("end-to-end: $label")
		BILL_E2E_LOG="$results/n8n-$name.log" BILL_N8N="$name" bg_jest_stage "end-to-end: $label" "$results/e2e-$name.json" -c test/e2e/jest.config.js
	done
fi

for name in "lint (eslint: n8n's community rules, no any)" "lint (n8n-node lint of @n8n/node-cli)" "type-check (pinned and newest n8n-workflow)"; do
	[[ -n "${bg_pids[$name]:-}" ]] && bg_wait "$name"
done
if [[ -n "${bg_pids["scan (n8n's community package scanner)"]:-}" ]]; then
	bg_wait "scan (n8n's community package scanner)"
	bg_jest_wait "jest: unit and in-process workflows" "$results/unit.json"
else
	not_run "jest: unit and in-process workflows" "the build failed"
fi
for i in "${!e2e_names[@]}"; do
	name="${e2e_names[$i]}"
	bg_jest_wait "${e2e_labels[$i]}" "$results/e2e-$name.json"
	warnings="$(node scripts/run-ts.js scripts/n8n-warnings.ts "$results/n8n-$name.log")"
	summary[${#summary[@]} - 1]+=", n8n warnings: $warnings"
done

finish
