#!/usr/bin/env bash
# bash scripts/build-ref.sh <commit>: builds the package as it was at <commit> (nodes/ and
# credentials/ only, with this checkout's node_modules) into .cache/ref-<commit>/ and prints the
# path of its dist/. For side-by-side measurements: EDITOR_TIMING_BEFORE=<dist> npm run
# editor-timing, BENCH_BEFORE=<dist> npm run bench.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
commit="$(git rev-parse --short "${1:?usage: build-ref.sh <commit>}")"
dir="$ROOT/.cache/ref-$commit"
if [[ ! -f "$dir/dist/nodes/Bill/Bill.node.js" ]]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	git archive "$commit" nodes credentials tsconfig.json tsconfig.build.json | tar -x -C "$dir"
	ln -s "$ROOT/node_modules" "$dir/node_modules"
	(cd "$dir" && "$ROOT/node_modules/.bin/tsc" -p tsconfig.build.json --outDir dist >&2)
fi
echo "$dir/dist"
