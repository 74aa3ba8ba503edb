#!/usr/bin/env bash
# Run the whole test suite: type check, lint, and every package's tests, with the store
# tests on SQLite and on the real PostgreSQL server at 127.0.0.1:5432 (started if stopped),
# and the SLO tests on a real Prometheus (installed from Debian if missing); the API reports;
# then the adopter check (scripts/adopter-check.sh: the packed packages in a new Backstage app)
# and the browser journeys (scripts/e2e.sh: Playwright and Chromium against the portal).
# Provisions Node 22, the repo's yarn and the dependencies on first run; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
. scripts/postgres.sh
ensure_deps
ensure_postgres
# The SLO tests run a real Prometheus, the alert tests a real Alertmanager (Debian's
# packages); install them when missing.
# The browser journeys drive Debian's Chromium.
missing=()
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null || missing+=(prometheus-alertmanager)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[test] installing Debian's ${missing[*]}" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

export CI=true
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
# A store test run without PostgreSQL fails instead of skipping it silently.
export SRE_HEALTH_REQUIRE_POSTGRES=1
# Likewise the Prometheus-backed SLO tests.
export SRE_HEALTH_REQUIRE_PROMETHEUS=1
export SRE_HEALTH_REQUIRE_ALERTMANAGER=1

mkdir -p artifacts
echo "== type check"
# From scratch: the API reports below are made from the declarations tsc writes, and an
# incremental build may print the members of a union in another order than a fresh one.
rm -rf dist-types
yarn tsc
echo "== package metadata and API reports"
# The publish metadata Backstage's tooling checks (repository, pluginId, pluginPackages), and
# the checked-in API reports (report*.api.md, from the declarations tsc just wrote): a change
# to a package's public API fails here until `yarn build:api-reports` regenerates its report.
yarn fix --check
yarn api-reports --ci
echo "== lint"
# Import rules (no cycles; shared layers never import a feature) and the 500-line limit: seconds.
yarn lint:deps
yarn lint:size
yarn lint:all
echo "== unit and integration tests"
yarn backstage-cli repo test --json --outputFile=artifacts/jest-results.json
node scripts/summarize-jest.js artifacts/jest-results.json
echo "== adopter check"
# SRE Health from its packed packages in a new @backstage/create-app app, installed the way
# the README says (scripts/adopter-check.sh, ports 3200 and 7200; artifacts/adopter/). Its
# result is reported after the journeys, so one failing does not hide the other.
adopter_status=0
bash scripts/adopter-check.sh || adopter_status=$?
echo "== browser journeys"
# Playwright + Debian's Chromium against the portal as scripts/start.sh runs it (ports 3000
# and 7007 must be free); screenshots and reports in artifacts/e2e/.
bash scripts/e2e.sh
if [ "$adopter_status" -ne 0 ]; then
  echo "[test] the adopter check failed (exit $adopter_status): see its output above" >&2
  exit "$adopter_status"
fi
