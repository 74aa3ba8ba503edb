#!/usr/bin/env bash
# Runs the truck-factor benchmark with the repo's Node 22 (type stripping, no build step).
# Usage: bench/truck-factor/run.sh [--runs 5] [--commits 10000] [--files 5000] [--authors 50]
#                                  [--new-commits 100] [--seed 42] [--no-cache]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
exec node --experimental-strip-types --no-warnings --import "$HERE/ts-resolve.mjs" "$HERE/bench.ts" "$@"
