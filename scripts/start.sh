#!/usr/bin/env bash
# Start the SRE Health portal with demo data: app on http://localhost:3000, backend on :7007.
#   scripts/start.sh              embedded SQLite database (files under .data/sqlite)
#   scripts/start.sh --postgres   the PostgreSQL server at 127.0.0.1:5432 (see app-config.postgres.yaml)
# Provisions Node 22, the repo's yarn and the dependencies on first run; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ensure_deps

configs=(--config app-config.yaml)
if [ "${1:-}" = "--postgres" ]; then
  . scripts/postgres.sh
  ensure_postgres
  export SRE_HEALTH_PG_HOST="${SRE_HEALTH_PG_HOST:-127.0.0.1}" SRE_HEALTH_PG_PORT="${SRE_HEALTH_PG_PORT:-5432}"
  export SRE_HEALTH_PG_USER="${SRE_HEALTH_PG_USER:-postgres}" SRE_HEALTH_PG_PASSWORD="${SRE_HEALTH_PG_PASSWORD:-}"
  configs+=(--config app-config.postgres.yaml)
fi

mkdir -p .data/sqlite
exec yarn start "${configs[@]}"
