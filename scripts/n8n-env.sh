#!/usr/bin/env bash
# Environment for running the cached real n8n with this package loaded from dist/ as a custom
# extension — what `npm start` uses; the end-to-end tests set the same through test/e2e/n8n.ts.
#
#   source scripts/n8n-env.sh [user-folder]   # default: .n8n-local/n8n-<version>/ (ignored by git)
#   "$BILL_N8N_RUN" start                      # or: import:credentials, import:workflow, execute …
#
# BILL_N8N chooses the version: newest (default) or oldest (scripts/n8n-versions/); it is installed
# first when it is not cached. "$BILL_N8N_RUN" is `node scripts/n8n.js`: it runs n8n on that
# version's Node.js with the settings that version expects (webhook URL variable, task runner, free
# task-broker port). Variables already set in the caller win (e.g. N8N_PORT=5680).
_n8n_env_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BILL_N8N="${BILL_N8N:-newest}"
_n8n_env_line="$(bash "$_n8n_env_root/scripts/n8n-install.sh" "$BILL_N8N" | tail -n 1)" || { unset _n8n_env_root _n8n_env_line; return 1 2>/dev/null || exit 1; }
IFS=$'\t' read -r _ BILL_N8N_VERSION BILL_N8N_NODE BILL_N8N_BIN <<<"$_n8n_env_line"
export BILL_N8N_VERSION BILL_N8N_NODE BILL_N8N_BIN
export BILL_N8N_RUN="$_n8n_env_root/scripts/n8n.js"
# one user folder per version: a database that n8n 2.41 migrated cannot be opened by 2.8.4
export N8N_USER_FOLDER="${1:-${N8N_USER_FOLDER:-$_n8n_env_root/.n8n-local/n8n-$BILL_N8N_VERSION}}"
mkdir -p "$N8N_USER_FOLDER"
export N8N_CUSTOM_EXTENSIONS="${N8N_CUSTOM_EXTENSIONS:-$_n8n_env_root/dist}"
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-n8n-nodes-bill-local}"
export N8N_PORT="${N8N_PORT:-5678}"
export N8N_HOST="${N8N_HOST:-localhost}"
unset _n8n_env_root _n8n_env_line
