#!/usr/bin/env bash
# SLO benchmark (SQLite, PostgreSQL at 127.0.0.1:5432, and Prometheus as the baseline).
# Usage: bench/slo/run.sh [--runs 200] [--slos 100] [--rounds 10]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
. "$HERE/../../scripts/postgres.sh"
ensure_postgres
command -v prometheus >/dev/null || { apt-get update -qq && apt-get install -y -qq prometheus; }
cd "$HERE/../.."
exec node --require @backstage/cli-node/config/nodeTransform.cjs bench/slo/bench.ts "$@"
