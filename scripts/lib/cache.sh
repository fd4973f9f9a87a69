# Shared by the scripts that keep tools outside the repository (sourced, not run):
#   BILL_CACHE                 ~/.cache/n8n-nodes-bill (BILL_N8N_CACHE or XDG_CACHE_HOME move it)
#   with_lock <file> cmd…      runs cmd holding an exclusive lock (parallel runs, other clones)
#   cache_npm <dir> <spec>…    npm packages installed once into <dir>/node_modules (scripts off),
#                              reinstalled only when the list of specs changes
BILL_CACHE="${BILL_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-bill}"

with_lock() {
	local file="$1"
	shift
	mkdir -p "$(dirname "$file")"
	if command -v flock >/dev/null 2>&1; then
		(
			flock 9
			"$@"
		) 9>"$file"
	else
		"$@"
	fi
}

_cache_npm_install() {
	local dir="$1"
	shift
	if [[ -f "$dir/.installed" ]] && [[ "$(cat "$dir/.installed")" == "$*" ]]; then return 0; fi
	echo "[cache] installing $* into $dir" >&2
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '{ "name": "%s", "private": true }\n' "$(basename "$dir")" >"$dir/package.json"
	(cd "$dir" && npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error "$@" >/dev/null) || return 1
	echo "$*" >"$dir/.installed"
}

cache_npm() {
	with_lock "$1.lock" _cache_npm_install "$@"
}
