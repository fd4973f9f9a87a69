#!/usr/bin/env bash
# Installs the real n8n used by the end-to-end tests into an ignored, cached folder:
#   ~/.cache/n8n-nodes-bill/n8n-<version>/  (own package.json with the xlsx override, see ../shared/n8n-notes.md)
# Skips the install when the stamp file names the version and `n8n --version` answers.
# Usage: scripts/n8n-install.sh            (N8N_E2E_VERSION overrides the version, default 2.8.4)
# Prints the path of the n8n binary on its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${N8N_E2E_VERSION:-2.8.4}"
# Outside the repository, so that every clone on this machine (CI included) reuses the install.
DIR="${N8N_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-bill/n8n-$VERSION}"
BIN="$DIR/node_modules/n8n/bin/n8n"
STAMP="$DIR/.installed"

log() { echo "[n8n-install] $*" >&2; }
VERSION_HOME="$(mktemp -d)"
trap 'rm -rf "$VERSION_HOME"' EXIT
installed_version() { N8N_USER_FOLDER="$VERSION_HOME" node "$BIN" --version 2>/dev/null | tail -n 1; }

# one install at a time (parallel test workers, a second terminal)
mkdir -p "$(dirname "$DIR")"
if command -v flock >/dev/null 2>&1; then
	exec 9>"$DIR.lock"
	flock 9
fi

if [[ -f "$STAMP" ]] && [[ "$(cat "$STAMP")" == "$VERSION" ]] && [[ -f "$BIN" ]]; then
	if got="$(installed_version)" && [[ "$got" == "$VERSION" ]]; then
		log "n8n $VERSION already installed in $DIR (cached)"
		echo "$BIN"
		exit 0
	fi
	log "cached install in $DIR is broken, reinstalling"
fi

start=$(date +%s)
mkdir -p "$DIR"
rm -f "$STAMP"
cat > "$DIR/package.json" <<JSON
{
  "name": "n8n-e2e-runtime",
  "private": true,
  "description": "Real n8n for the n8n-nodes-bill end-to-end tests (not published).",
  "dependencies": {
    "n8n": "$VERSION"
  },
  "overrides": {
    "xlsx": "npm:@e965/xlsx@0.20.3"
  }
}
JSON
# The project's .npmrc turns install scripts off; n8n needs them (sqlite3 builds from source).
# A local .npmrc in $DIR keeps the settings explicit whatever the user's global config says.
cat > "$DIR/.npmrc" <<'RC'
ignore-scripts=false
fund=false
audit=false
update-notifier=false
progress=false
RC

log "installing n8n $VERSION into $DIR (cold install takes several minutes)"
(
	cd "$DIR"
	# --yes: npx calls from install scripts must not prompt (global npm has yes=false)
	npm_config_yes=true npm install --no-save --ignore-scripts=false --no-audit --no-fund \
		--loglevel=warn --prefer-offline 1>&2
)

got="$(installed_version || true)"
if [[ "$got" != "$VERSION" ]]; then
	log "n8n --version printed '$got', expected $VERSION"
	exit 1
fi
echo "$VERSION" > "$STAMP"
log "n8n $VERSION installed in $(( $(date +%s) - start ))s"
echo "$BIN"
