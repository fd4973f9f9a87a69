#!/usr/bin/env bash
# Type-check (`npm run typecheck`): TypeScript strict, no emit.
#   1. the whole project (nodes, credentials, tests, scripts, bench) against the pinned
#      n8n-workflow of devDependencies (the version the package is built with);
#   2. the published code (tsconfig.build.json: nodes, credentials) against the n8n-workflow that
#      the newest supported n8n uses (scripts/n8n-versions/newest), installed once into
#      ~/.cache/n8n-nodes-bill/n8n-workflow-<version>/ and mapped in with `paths`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/cache.sh
source scripts/lib/cache.sh
log() { echo "[typecheck] $*" >&2; }
tsc() { node node_modules/typescript/bin/tsc "$@"; }

pinned="$(node -p 'require("n8n-workflow/package.json").version')"
log "n8n-workflow $pinned (pinned): the whole project"
tsc --noEmit -p tsconfig.json

# The n8n-workflow of the newest n8n: asked from the registry once per n8n version, then cached.
n8n_newest="$(node -p 'require("./scripts/n8n-versions/newest/package.json").dependencies.n8n')"
map="$BILL_CACHE/n8n-workflow-of-n8n-$n8n_newest"
mkdir -p "$BILL_CACHE"
if [[ ! -s "$map" ]]; then
	npm view "n8n@$n8n_newest" dependencies.n8n-workflow >"$map.tmp" && mv "$map.tmp" "$map"
fi
newest="$(cat "$map")"
dir="$BILL_CACHE/n8n-workflow-$newest"
cache_npm "$dir" "n8n-workflow@$newest"

config="$(mktemp "$ROOT/tsconfig.newest-XXXXXX.json")"
trap 'rm -f "$config"' EXIT
cat >"$config" <<JSON
{
	"extends": "./tsconfig.build.json",
	"compilerOptions": {
		"noEmit": true,
		"paths": { "n8n-workflow": ["$dir/node_modules/n8n-workflow"] }
	}
}
JSON
log "n8n-workflow $newest (n8n $n8n_newest): nodes/ and credentials/"
tsc -p "$config"
