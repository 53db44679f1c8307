#!/usr/bin/env bash
# The offline smoke test of the built bundle (build it first: bash installer/build.sh).
# Runs installer/smoke.py in a new network namespace that has only loopback (`unshare -rn`), with
# every bundle command under strace: any attempt at a non-loopback socket fails the test.
#   bash installer/smoke.sh [--bundle DIR] [--out DIR]      results: build/smoke/result.json
set -euo pipefail
cd "$(dirname "$0")/.."
PY="$PWD/${ATLAS_VENV:-.venv}/bin/python"
[ -x "$PY" ] || { echo "No virtual environment at ${ATLAS_VENV:-.venv}; run: bash build/setup.sh" >&2; exit 2; }
need=()
command -v strace >/dev/null || need+=(strace)
command -v ip >/dev/null || need+=(iproute2)
command -v unshare >/dev/null || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
exec unshare -rn bash -c 'ip link set lo up && exec "$0" installer/smoke.py "$@"' "$PY" --python "$PY" "$@"
