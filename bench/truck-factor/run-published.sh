#!/usr/bin/env bash
# The reference tool's published truck factors against ours (see published.ts and README.md).
# Usage: bench/truck-factor/run-published.sh [--mirrors /work/.mirror] [--only react,vue]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../../scripts/env.sh"
exec node --experimental-strip-types --no-warnings --import "$HERE/ts-resolve.mjs" "$HERE/published.ts" "$@"
