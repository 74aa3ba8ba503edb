#!/usr/bin/env bash
# Browser journeys: Playwright drives Debian's Chromium (/usr/bin/chromium) against the portal
# started the way the README starts it (scripts/start.sh: app :3000, backend :7007).
#   1. as the guest, an SRE: sign in, the SRE Health tab, flag a stressor, the scorecard
#      (filter, CSV export), an after-action report    -> Playwright project `sre`
#   2. the portal restarted with the guest mapped to carol, not an SRE but in the team that
#      owns payments-api: she records a fire and rates a stressor there; on another team's
#      service no edit controls, and the write API answers 403 -> Playwright project `non-sre`
# Each run uses a throwaway data directory (SQLite files, demo git repositories), so it starts
# from the demo data and never touches .data/. Screenshots of every step, the HTML reports,
# JSON results and the portal logs go to artifacts/e2e/. Exits non-zero if a journey fails.
#   E2E_START_TIMEOUT  seconds to wait for the portal to come up (default 600)
#   E2E_CHROMIUM       the browser (default /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ensure_deps

out=artifacts/e2e
overlay=packages/app/e2e-tests/config
start_timeout="${E2E_START_TIMEOUT:-600}"
export CI=true

[ -x "${E2E_CHROMIUM:-/usr/bin/chromium}" ] || {
  echo "[e2e] ${E2E_CHROMIUM:-/usr/bin/chromium} not found (Debian: apt-get install chromium)" >&2
  exit 1
}
# Another portal on these ports would be tested instead of ours.
for port in 3000 7007; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[e2e] port $port is in use: stop the running portal first" >&2
    exit 1
  fi
done

rm -rf "$out"
mkdir -p "$out"
SRE_HEALTH_E2E_DATA="$(mktemp -d -t sre-health-e2e.XXXXXX)"
export SRE_HEALTH_E2E_DATA

portal_pid=""
stop_portal() {
  [ -n "$portal_pid" ] || return 0
  # start.sh runs in its own process group (setsid): stop yarn, the CLI, rspack and the backend.
  kill -TERM -- "-$portal_pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 -- "-$portal_pid" 2>/dev/null || break
    sleep 1
  done
  kill -KILL -- "-$portal_pid" 2>/dev/null || true
  wait "$portal_pid" 2>/dev/null || true
  portal_pid=""
}
cleanup() {
  stop_portal
  rm -rf "$SRE_HEALTH_E2E_DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_portal NAME [start.sh options...]: start the portal, wait until both servers answer.
start_portal() {
  local name="$1" log="$out/portal-$1.log" started waited
  shift
  echo "[e2e] starting the portal ($name): scripts/start.sh $* (log: $log)" >&2
  setsid scripts/start.sh "$@" >"$log" 2>&1 &
  portal_pid=$!
  started=$SECONDS
  until curl -sf -m 5 -o /dev/null http://localhost:7007/.backstage/health/v1/readiness &&
    curl -sf -m 5 -o /dev/null http://localhost:3000/; do
    waited=$((SECONDS - started))
    if ! kill -0 "$portal_pid" 2>/dev/null; then
      echo "[e2e] the portal exited while starting; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    if ((waited > start_timeout)); then
      echo "[e2e] the portal did not answer within ${start_timeout}s; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    ((waited % 15 < 3)) && echo "[e2e] waiting for :7007 and :3000 (${waited}s)" >&2
    sleep 3
  done
  echo "[e2e] portal up in $((SECONDS - started))s" >&2
}

# run_journeys PROJECT: one Playwright project against the running portal.
run_journeys() {
  E2E_PASS="$1" yarn playwright test --project="$1"
}

e2e_started=$SECONDS
status=0
sre_config=(--config "$overlay/app-config.e2e.yaml")
if start_portal sre "${sre_config[@]}"; then
  run_journeys sre || status=1
else
  status=1
fi
stop_portal

if start_portal non-sre "${sre_config[@]}" --config "$overlay/app-config.non-sre.yaml"; then
  run_journeys non-sre || status=1
else
  status=1
fi
stop_portal

node scripts/summarize-e2e.js "$out"/results-sre.json "$out"/results-non-sre.json ||
  status=1
echo "[e2e] $((SECONDS - e2e_started))s in all; screenshots in $out/screenshots, reports in $out/report-*" >&2
exit "$status"
