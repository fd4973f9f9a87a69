#!/usr/bin/env bash
# Benchmarks (`npm run bench`): builds the package, makes sure the cached n8n (BILL_N8N: newest by default, or oldest) is installed
# (scripts/n8n-install.sh), then runs bench/run.ts — real n8n against the in-process emulator with
# 100 ms per request, compared with n8n's HTTP Request node. Not part of the tests; ~6–10 minutes.
# Results: bench/results/latest.md and latest.json. Settings: see the header of bench/run.ts
# (e.g. BENCH_LATENCY_MS=50 npm run bench).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run build --silent
bash scripts/n8n-install.sh >/dev/null
exec node scripts/run-ts.js bench/run.ts "$@"
