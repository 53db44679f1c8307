#!/usr/bin/env bash
# An offline wheelhouse, for IT who install with pip rather than the packaged app.
#
# On a connected machine, once:
#   bash installer/wheelhouse.sh [--dest build/wheelhouse] [--torch-index URL]
# downloads a wheel of every package Atlas needs, pinned by build/constraints.txt (torch's CPU
# build unless --torch-index names the CUDA index), builds Atlas's own wheel, and writes
# SHA256SUMS. Carry the folder over; on the air-gapped machine:
#   python3 -m venv atlas && atlas/bin/pip install --no-index --find-links WHEELHOUSE -c WHEELHOUSE/constraints.txt atlas-desktop
#   (cd WHEELHOUSE && sha256sum -c SHA256SUMS) first, to catch a corrupt copy.
# --check installs from the wheelhouse into a new venv inside a network namespace with no network
# (`unshare -rn`) and runs `atlas --version` and `atlas doctor` there.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=build/wheelhouse; torch_index=""; check=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest=${2:?}; shift 2 ;;
    --torch-index) torch_index=${2:?}; shift 2 ;;
    --check) check=1; shift ;;
    *) echo "wheelhouse.sh: unknown option $1 (use --dest DIR, --torch-index URL, --check)" >&2; exit 2 ;;
  esac
done
PYTHON=${PYTHON:-python3}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
tmp=$(mktemp -d /tmp/atlas-wheelhouse.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# The constraints without the editable line of Atlas itself (pip download refuses it).
# torch is pinned here as build/setup.sh pins it (the constraints leave it to setup.sh: CPU or CUDA build).
{ grep -v -e '^-e ' -e '^atlas-desktop' -e '^torch==' build/constraints.txt; echo "torch==2.13.0"; } > "$dest/constraints.txt"

if [ "$check" = 0 ]; then
  "$PYTHON" -m venv "$tmp/venv"
  PIP=("$tmp/venv/bin/python" -m pip --disable-pip-version-check -q)
  "${PIP[@]}" install -U "pip>=24" wheel setuptools
  echo "==> torch 2.13.0 (${torch_index:-CPU build})"
  if [ -n "$torch_index" ]; then
    "${PIP[@]}" download --only-binary=:all: --dest "$dest" "torch==2.13.0" --index-url "$torch_index" --extra-index-url https://pypi.org/simple
  else
    "${PIP[@]}" download --only-binary=:all: --dest "$dest" "torch==2.13.0"
  fi
  echo "==> Atlas Desktop's wheel"
  "${PIP[@]}" wheel --no-deps --wheel-dir "$dest" .
  echo "==> every dependency, pinned"
  "${PIP[@]}" download --only-binary=:all: --dest "$dest" -c "$dest/constraints.txt" --find-links "$dest" "$(ls "$dest"/atlas_desktop-*.whl | head -n 1)" pip setuptools wheel
  (cd "$dest" && sha256sum -- *.whl > SHA256SUMS)
  echo "Wrote $(ls "$dest"/*.whl | wc -l) wheels to $dest ($(du -sh "$dest" | cut -f1))"
  exit 0
fi

# --check: a fresh venv, no network at all, only the wheelhouse.
(cd "$dest" && sha256sum --quiet -c SHA256SUMS)
start=$(date +%s)
unshare -rn bash -c '
  set -euo pipefail
  "$0" -m venv --without-pip "$1/venv"
  "$0" -m pip --python "$1/venv/bin/python" install --disable-pip-version-check -q --no-index --find-links "$2" -c "$2/constraints.txt" atlas-desktop
  "$1/venv/bin/atlas" --version
  ATLAS_HOME="$1/home" "$1/venv/bin/atlas" doctor --json > "$1/doctor.json"
' "$PYTHON" "$tmp" "$dest"
"$PYTHON" - "$tmp/doctor.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["offline"] and report["torch"]["installed"] and report["database"]["ok"], report
print(f"Installed from the wheelhouse with no network: atlas {report['atlas']}, torch {report['torch']['version']}")
EOF
echo "in $(( $(date +%s) - start )) s"
