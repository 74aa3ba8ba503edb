#!/usr/bin/env bash
# Scorecard benchmark (SQLite and PostgreSQL at 127.0.0.1:5432), with the catalog's own
# by-query listing of the same services as the baseline, in the same run.
# Usage: bench/scorecard/run.sh [--services 10000] [--runs 30] [--full-runs 15] [--db sqlite,postgres]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
. "$HERE/../../scripts/postgres.sh"
ensure_postgres
cd "$HERE/../.."
exec node --require @backstage/cli-node/config/nodeTransform.cjs bench/scorecard/bench.ts "$@"
