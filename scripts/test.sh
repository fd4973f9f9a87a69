#!/usr/bin/env bash
# The full test command (README: `npm test`; CI: .ci/run): clean install, lint, build, n8n's
# scanner, the jest suites (unit + in-process n8n workflows against the emulator), then the
# end-to-end suite in a real n8n 2.8.4 (installed once into a cache by scripts/n8n-install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }
start=$(date +%s)

step "clean install (npm ci, scripts off: see .npmrc)"
npm ci --no-audit --no-fund

step "lint (eslint-plugin-n8n-nodes-base + @n8n/eslint-plugin-community-nodes, zero warnings)"
npm run --silent lint

step "build (tsc + icons)"
npm run --silent build

step "scan (n8n's community package scanner: sources and npm pack tarball)"
npm run --silent scan

results="$(mktemp -d)"
count() { node -e 'const r=require(process.argv[1]); console.log(`${r.numPassedTests} ${r.numFailedTests}`)' "$1"; }

step "unit and in-process workflow tests (jest)"
npx jest --ci --json --outputFile="$results/unit.json"
read -r passed failed < <(count "$results/unit.json")

if [ -f test/e2e/jest.config.js ] && [ "${SKIP_E2E:-}" != "1" ]; then
  step "end-to-end tests in a real n8n 2.8.4"
  bash scripts/n8n-install.sh
  # Queue mode needs Redis (Debian's redis-server); install it once where it is missing.
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null
    else
      echo "redis-server is missing and this user cannot install it: the queue-mode tests will fail" >&2
    fi
  fi
  npx jest --ci -c test/e2e/jest.config.js --json --outputFile="$results/e2e.json"
  read -r p f < <(count "$results/e2e.json")
  passed=$((passed + p)); failed=$((failed + f))
fi

printf '\nall checks passed in %ss\n' "$(( $(date +%s) - start ))"
printf 'tests: %s passed, %s failed\n' "$passed" "$failed"
