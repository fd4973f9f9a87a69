#!/usr/bin/env bash
# `npm run lint:n8n`: n8n's own community-node lint, `n8n-node lint` of @n8n/node-cli (what n8n's
# starter template runs). It runs `eslint .` with this project's eslint.config.mjs and flags
# "n8n Cloud compatibility issues" (fs, child_process, process, timers in linted code).
# The CLI is installed once into ~/.cache/n8n-nodes-bill/ rather than into devDependencies: it
# brings a whole n8n-workflow, LangChain and isolated-vm (Node ≥ 24), with peer-dependency
# conflicts npm would warn about on every `npm ci`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NODE_CLI_VERSION=0.48.3
# shellcheck source=scripts/lib/cache.sh
source scripts/lib/cache.sh
dir="$BILL_CACHE/node-cli-$NODE_CLI_VERSION"
cache_npm "$dir" "@n8n/node-cli@$NODE_CLI_VERSION"
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
# n8n-node exits 0 even when eslint fails with Cloud findings: judge by its output as well.
status=0
NO_COLOR=1 FORCE_COLOR=0 node "$dir/node_modules/@n8n/node-cli/bin/n8n-node.mjs" lint 2>&1 | tee "$output" || status=$?
if grep -q "n8n Cloud compatibility issues" "$output"; then
	echo "n8n-node lint: n8n Cloud compatibility issues (see above)" >&2
	exit 1
fi
exit "$status"
