#!/usr/bin/env bash
# Fault scripts: two portal replicas on one (throwaway) PostgreSQL, PostgreSQL restarted under
# load, data sources that hang. Never touches the shared server at 5432: it creates its own
# PostgreSQL 15 cluster on 5433 and removes it at the end. Needs root (runs initdb/pg_ctl as
# the postgres OS user). Ports: 5433, 7207, 7208 (replicas), 7209-7210 (hanging servers).
# Usage: bench/faults/run.sh [--writers 8] [--writes 200] [--races 10] [--starts 24]
#                            [--window 75] [--interval 0.25] [--outage 5] [--connect-timeout MS]
#                            [--acquire-timeout MS] [--client-timeout 90] [--keep]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
[ -x /usr/lib/postgresql/15/bin/initdb ] || {
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
}
cd "$HERE/../.."
exec node --require @backstage/cli-node/config/nodeTransform.cjs bench/faults/faults.ts "$@"
