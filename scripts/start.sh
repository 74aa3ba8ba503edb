#!/usr/bin/env bash
# Start the SRE Health portal with demo data: app on http://localhost:3000, backend on :7007.
#   scripts/start.sh              embedded SQLite database (files under .data/sqlite)
#   scripts/start.sh --postgres   the PostgreSQL server at 127.0.0.1:5432 (see app-config.postgres.yaml)
#   scripts/start.sh --prometheus also start a demo Prometheus (127.0.0.1:9091) and show search-api's
#                                 latency SLO, computed from it (app-config.prometheus.yaml); without
#                                 it that SLO is not defined, so no data source is missing
# (the two flags combine).
#   scripts/start.sh --config FILE  also load FILE (repeatable; path from the repo root); the
#                                   browser tests (scripts/e2e.sh) use it for a throwaway data dir
# Provisions Node 22, the repo's yarn and the dependencies on first run; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ensure_deps

# Absolute paths: `repo start` resolves config files from each package's folder.
root="$(pwd)"
configs=(--config "$root/app-config.yaml")
while (($#)); do
  flag="$1"
  shift
  case "$flag" in
    --postgres)
      . scripts/postgres.sh
      ensure_postgres
      export SRE_HEALTH_PG_HOST="${SRE_HEALTH_PG_HOST:-127.0.0.1}" SRE_HEALTH_PG_PORT="${SRE_HEALTH_PG_PORT:-5432}"
      export SRE_HEALTH_PG_USER="${SRE_HEALTH_PG_USER:-postgres}" SRE_HEALTH_PG_PASSWORD="${SRE_HEALTH_PG_PASSWORD:-}"
      configs+=(--config "$root/app-config.postgres.yaml")
      ;;
    --prometheus)
      command -v prometheus >/dev/null || { apt-get update -qq && apt-get install -y -qq prometheus; }
      mkdir -p .data
      node scripts/demo-prometheus.js
      configs+=(--config "$root/app-config.prometheus.yaml")
      ;;
    --config)
      (($#)) || { echo "--config needs a file" >&2; exit 2; }
      configs+=(--config "$(realpath "$1")")
      shift
      ;;
    *)
      echo "unknown option $flag (use --postgres, --prometheus, --config FILE)" >&2
      exit 2
      ;;
  esac
done

mkdir -p .data/sqlite
exec yarn start "${configs[@]}"
