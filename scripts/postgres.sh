#!/usr/bin/env bash
# Make sure a PostgreSQL server answers at 127.0.0.1:5432: start the machine's cluster if it
# stopped, install Debian's server if there is none. Source it, then call ensure_postgres.

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "[postgres] installing Debian's postgresql" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  echo "[postgres] starting cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  echo "[postgres] no server at 127.0.0.1:5432" >&2
  return 1
}
