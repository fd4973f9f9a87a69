#!/usr/bin/env bash
# Environment for running the cached real n8n (scripts/n8n-install.sh) with this package loaded
# from dist/ as a custom extension — the same settings the end-to-end tests use (test/e2e/n8n.ts).
#
#   source scripts/n8n-env.sh [user-folder]      # default: .n8n-e2e/ in the repository (ignored)
#   node "$N8N_BIN" start                         # or: import:credentials, import:workflow, execute …
#
# Installs n8n first when it is not cached. Variables already set in the caller win
# (e.g. N8N_PORT=5680 source scripts/n8n-env.sh).
_n8n_env_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N8N_BIN="$(bash "$_n8n_env_root/scripts/n8n-install.sh" | tail -n 1)" || return 1 2>/dev/null || exit 1
export N8N_BIN
export N8N_USER_FOLDER="${1:-${N8N_USER_FOLDER:-$_n8n_env_root/.n8n-e2e}}"
mkdir -p "$N8N_USER_FOLDER"
export N8N_CUSTOM_EXTENSIONS="${N8N_CUSTOM_EXTENSIONS:-$_n8n_env_root/dist}"
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-n8n-nodes-bill-local}"
export N8N_PORT="${N8N_PORT:-5678}"
export N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
export N8N_HOST="${N8N_HOST:-localhost}"
export N8N_SECURE_COOKIE="${N8N_SECURE_COOKIE:-false}"
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false
export N8N_RUNNERS_ENABLED="${N8N_RUNNERS_ENABLED:-false}"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
export NODE_ENV=production
unset _n8n_env_root
