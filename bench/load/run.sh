#!/usr/bin/env bash
# Load benchmark: the SRE Health tab's single read vs the catalog's by-name read of the same
# entity, then a mixed 90/10 read/write load, on the real portal backend over loopback
# (127.0.0.1:7107), on SQLite and on PostgreSQL at 127.0.0.1:5432 (databases sre_load_*,
# dropped before and after).
# Usage: bench/load/run.sh [--db sqlite,postgres] [--connections 50] [--duration 20]
#                          [--warmup 5] [--mixed-duration 60] [--entity component/default/payments-api]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
. "$HERE/../../scripts/postgres.sh"
case " $* " in
  *" --db sqlite "*) ;;
  *) ensure_postgres ;;
esac
cd "$HERE/../.."
exec node --require @backstage/cli-node/config/nodeTransform.cjs bench/load/bench.ts "$@"
