#!/usr/bin/env bash
# Run the whole test suite, the same way on a laptop and in CI.
#
# Storage tests run against SQLite and against a real PostgreSQL server: unless
# ATLAS_TEST_POSTGRES_URL already names one, this starts a throwaway server from
# Debian's postgresql package, listening on loopback only, and removes it afterwards.
# Extra arguments go to pytest (e.g. `bash build/test.sh tests/core -x`).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${ATLAS_VENV:-.venv}/bin/python"
[ -x "$PY" ] || { echo "No virtual environment at ${ATLAS_VENV:-.venv}; run: bash build/setup.sh" >&2; exit 2; }

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    $as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

if [ -z "${ATLAS_TEST_POSTGRES_URL:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
    pg_dir=$(mktemp -d /tmp/atlas-test-pg.XXXXXX)
    as_pg=""
    if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; as_pg="runuser -u postgres --"; fi
    port=${ATLAS_TEST_PG_PORT:-$(( 20000 + RANDOM % 20000 ))}
    $as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U atlas --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
      || { cat "$pg_dir/initdb.log" >&2; exit 1; }
    $as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c full_page_writes=off" start >/dev/null \
      || { cat "$pg_dir/server.log" >&2; exit 1; }
    export ATLAS_TEST_POSTGRES_URL="postgresql://atlas@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') for the storage tests on 127.0.0.1:$port"
  elif [ -n "${CI:-}" ]; then
    echo "CI needs PostgreSQL for the storage tests: install Debian's postgresql package (build/setup.sh does)." >&2
    exit 1
  else
    echo "PostgreSQL is not installed: storage tests run on SQLite only (build/setup.sh installs it)."
  fi
fi

"$PY" -m pytest --durations=25 "$@"  # the slowest tests listed at the end: the suite must stay well under 15 minutes
