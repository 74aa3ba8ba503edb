#!/usr/bin/env bash
# The adopter's check: SRE Health installed from its packages into a brand-new Backstage app,
# the way the README's "Adding SRE Health to your Backstage app" says.
#   1. pack     build and `yarn pack` every publishable plugin package; list each tarball and
#               check it holds dist, types, the config schema and migrations, and no tests or demo
#   2. create   `npx @backstage/create-app@<the version of backstage.json's release>` in a temp dir
#   3. install  the tarballs into it (root `resolutions` to file: tarballs stand in for the registry)
#   4. wire     the README's steps: backend.add, the permission policy module and the sreHealth
#               config copied out of the README, one annotated service in the catalog
#   5. start    `yarn start` (app :3200, backend :7200; the portal's journeys use 3000/7007)
#   6. check    Chromium: the service's SRE Health tab shows its SLO, a non-SRE gets no edit
#               controls and a 403; the plugin's SQLite database lists every packed migration
# Fails on the first step that fails; prints each step's time. Logs, tarball listings and
# screenshots go to artifacts/adopter/. The yarn cache (~/.yarn/berry/cache) is shared with the
# repo, so only packages the repo does not use are downloaded.
#   ADOPTER_KEEP=1          keep the temporary app (its path is printed)
#   ADOPTER_START_TIMEOUT   seconds to wait for the app to come up (default 600)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ensure_deps

root="$(pwd)"
out="$root/artifacts/adopter"
app_port=3200
backend_port=7200
start_timeout="${ADOPTER_START_TIMEOUT:-600}"
# The create-app release that scaffolds the Backstage release in backstage.json (its
# dist/package.json.cjs.js carries that release); checked against the new app's backstage.json.
declare -A CREATE_APP_FOR=([1.55.0]=0.9.2)
release="$(node -p "require('./backstage.json').version")"
create_app_version="${CREATE_APP_FOR[$release]:-}"
[ -n "$create_app_version" ] || {
  echo "[adopter] no @backstage/create-app version known for Backstage $release: add it to CREATE_APP_FOR in $0" >&2
  exit 1
}

for port in "$app_port" "$backend_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[adopter] port $port is in use" >&2
    exit 1
  fi
done

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d -t sre-health-adopter.XXXXXX)"
app="$work/app"
tarballs="$work/tarballs"
mkdir -p "$tarballs" "$work/sqlite"

app_pid=""
stop_app() {
  [ -n "$app_pid" ] || return 0
  # setsid: the app runs in its own process group (yarn, the CLI, the dev server, the backend).
  kill -TERM -- "-$app_pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 -- "-$app_pid" 2>/dev/null || break
    sleep 1
  done
  kill -KILL -- "-$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}
cleanup() {
  stop_app
  if [ "${ADOPTER_KEEP:-}" = 1 ]; then
    echo "[adopter] kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
step_started=$SECONDS
step() {
  echo "[adopter] $1 ($((SECONDS - step_started))s)" >&2
  step_started=$SECONDS
}

echo "[adopter] Backstage $release, @backstage/create-app@$create_app_version, in $work" >&2

# 1. pack: the packages as the registry would get them (prepack rewrites package.json to dist).
yarn tsc >"$out/tsc.log" 2>&1 || {
  tail -n 30 "$out/tsc.log" >&2
  echo "[adopter] yarn tsc failed (the type declarations the build bundles)" >&2
  exit 1
}
mapfile -t packages < <(node scripts/adopter-check/packages.mjs dirs)
for dir in "${packages[@]}"; do
  (cd "$dir" && yarn build && yarn pack --out "$tarballs/$(basename "$dir").tgz") \
    >>"$out/pack.log" 2>&1 || {
    tail -n 30 "$out/pack.log" >&2
    echo "[adopter] building or packing $dir failed (log: $out/pack.log)" >&2
    exit 1
  }
done
node scripts/adopter-check/verify-tarballs.mjs "$tarballs" | tee "$out/tarballs.txt"
step "packed ${#packages[@]} packages"

# 2. create: a new app, as the Backstage docs start one (no install yet: step 3 adds ours first).
(cd "$work" && BACKSTAGE_APP_NAME=adopter-app npx -y "@backstage/create-app@$create_app_version" \
  --path app --skip-install </dev/null) >"$out/create-app.log" 2>&1 || {
  tail -n 30 "$out/create-app.log" >&2
  echo "[adopter] @backstage/create-app failed" >&2
  exit 1
}
app_release="$(node -p "require('$app/backstage.json').version")"
[ "$app_release" = "$release" ] || {
  echo "[adopter] create-app@$create_app_version scaffolds Backstage $app_release, not $release: fix CREATE_APP_FOR" >&2
  exit 1
}
step "created a Backstage $app_release app"

# The packages are built against newer @backstage packages than the release create-app
# scaffolds (frontend-plugin-api 1.x, catalog-react 4.x, backend-defaults 0.19): bump the app
# to the ones this repo runs, with Backstage's own `versions:bump` reading a release manifest
# made from yarn.lock (the README's "older app" step). The repo's lockfile then seeds the
# app's, as create-app's seed lockfile (fetched from GitHub, out of reach here) would: without
# one, the 1.55 template resolves plugin-signals-backend 0.3.21 beside backend-defaults
# 0.18.0, and the new app itself does not start.
node scripts/adopter-check/release-manifest.mjs "$work/manifest.json" >"$out/bump.log"
(cd "$app" && BACKSTAGE_MANIFEST_FILE="$work/manifest.json" \
  "$root/node_modules/.bin/backstage-cli" versions:bump --skip-install --skip-migrate) \
  >>"$out/bump.log" 2>&1 || {
  tail -n 30 "$out/bump.log" >&2
  echo "[adopter] versions:bump in the new app failed (log: $out/bump.log)" >&2
  exit 1
}
cp yarn.lock "$app/yarn.lock"
step "bumped the app to this repo's @backstage versions ($(grep -c '^bumping' "$out/bump.log") bumps)"

# 3 + 4. install and wire, as the README says.
node scripts/adopter-check/wire-app.mjs "$app" "$tarballs" "$work/sqlite" "$app_port" "$backend_port" |
  tee "$out/wire.txt"
# Native builds are skipped: the one this check needs, better-sqlite3, was compiled for the
# repo; the others (keytar, tree-sitter, cpu-features) are not loaded by `yarn start`.
# hardlinks-global: files are linked from yarn's global store, not copied (minutes saved).
(cd "$app" && YARN_NM_MODE=hardlinks-global yarn install --no-immutable --mode=skip-build) \
  >"$out/install.log" 2>&1 || {
  tail -n 40 "$out/install.log" >&2
  echo "[adopter] yarn install in the new app failed (log: $out/install.log)" >&2
  exit 1
}
node scripts/adopter-check/native-sqlite.mjs "$app" "$root"
# Peer-dependency warnings about our packages would mean an adopter gets them too.
if grep -E 'YN0060|YN0002' "$out/install.log" | grep -i 'sre-health'; then
  echo "[adopter] the install warns about SRE Health's peer dependencies (above)" >&2
  exit 1
fi
step "installed the tarballs ($(grep -cE 'YN0060|YN0002' "$out/install.log" || true) peer warnings, none about SRE Health)"

# The app's own type check: our published types, the README's policy module and the app.
(cd "$app" && yarn tsc) >"$out/app-tsc.log" 2>&1 || {
  tail -n 40 "$out/app-tsc.log" >&2
  echo "[adopter] yarn tsc in the new app failed (log: $out/app-tsc.log)" >&2
  exit 1
}
step "the new app type-checks"

# 5. start: `yarn start`, the first thing an adopter runs.
(cd "$app" && exec setsid yarn start) >"$out/app.log" 2>&1 &
app_pid=$!
until curl -sf -m 5 -o /dev/null "http://localhost:$backend_port/.backstage/health/v1/readiness" &&
  curl -sf -m 5 -o /dev/null "http://localhost:$app_port/"; do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    tail -n 40 "$out/app.log" >&2
    echo "[adopter] the new app exited while starting (log: $out/app.log)" >&2
    exit 1
  fi
  # `yarn start` keeps serving the frontend when the backend gives up: read why.
  if grep -q "Backend startup failed" "$out/app.log"; then
    grep -v readiness "$out/app.log" | grep -iE -B2 "error|failed" | cut -c1-600 | tail -n 20 >&2
    echo "[adopter] the new app's backend failed to start (log: $out/app.log)" >&2
    exit 1
  fi
  if ((SECONDS - step_started > start_timeout)); then
    tail -n 40 "$out/app.log" >&2
    echo "[adopter] the new app did not answer within ${start_timeout}s (log: $out/app.log)" >&2
    exit 1
  fi
  sleep 3
done
step "the new app is up (:$app_port, :$backend_port)"

# 6. check: what an adopter sees first, and the plugin's tables.
node scripts/adopter-check/browser.mjs "http://localhost:$app_port" "http://localhost:$backend_port" "$out"
node scripts/adopter-check/migrations.mjs "$app" "$work/sqlite" "$tarballs"
step "checked the tab, the permissions and the migrations"
# The plugin's own log lines (logger name sre-health), colours stripped.
sed 's/\x1b\[[0-9;]*m//g' "$out/app.log" | grep -E '^[0-9TZ:.-]+ sre-health (warn|error) ' \
  >"$out/app-warnings.txt" || true
if [ -s "$out/app-warnings.txt" ]; then
  echo "[adopter] the app logged SRE Health warnings or errors:" >&2
  cat "$out/app-warnings.txt" >&2
  exit 1
fi

echo "[adopter] passed in $((SECONDS - started))s (artifacts/adopter/)" >&2
