#!/usr/bin/env bash
# Build the PyInstaller onedir bundle: build/dist/atlas-desktop/{atlas,atlas-desktop,_internal}.
#   --variant cpu|cuda   which torch the bundle carries (the one installed in the venv; cuda needs
#                        ATLAS_TORCH_INDEX=https://download.pytorch.org/whl/cu128 at setup)
# The venv comes from build/setup.sh; PyInstaller is installed into it from the constraints.
set -euo pipefail
cd "$(dirname "$0")/.."
variant=cpu
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) variant=${2:?}; shift 2 ;;
    --variant=*) variant=${1#*=}; shift ;;
    *) echo "build.sh: unknown option $1 (use --variant cpu|cuda)" >&2; exit 2 ;;
  esac
done
case "$variant" in cpu|cuda) ;; *) echo "build.sh: --variant is cpu or cuda, not $variant" >&2; exit 2 ;; esac
PY="${ATLAS_VENV:-.venv}/bin/python"
[ -x "$PY" ] || { echo "No virtual environment at ${ATLAS_VENV:-.venv}; run: bash build/setup.sh" >&2; exit 2; }

cuda=$("$PY" -c 'import torch; print(torch.version.cuda or "")')
if [ "$variant" = cpu ] && [ -n "$cuda" ]; then echo "build.sh: the venv has a CUDA torch ($cuda); build --variant cuda" >&2; exit 2; fi
if [ "$variant" = cuda ] && [ -z "$cuda" ]; then echo "build.sh: the venv has the CPU torch; set up with ATLAS_TORCH_INDEX for --variant cuda" >&2; exit 2; fi

"$PY" -m pip install --disable-pip-version-check -q -c build/constraints.txt -e ".[installer]"

# The fonts the window needs, with their licence, from the build machine's fonts-noto-core:
# the bundle does not depend on the target machine having Arabic fonts.
fonts=$PWD/build/work/fonts
rm -rf "$fonts"; mkdir -p "$fonts"
# DejaVu Sans draws what Noto Sans lacks: the arrows and the minus sign of the keyboard hints.
for f in NotoSans-Regular NotoSans-Bold NotoSansArabic-Regular NotoSansArabic-Bold NotoNaskhArabic-Regular NotoNaskhArabic-Bold \
         DejaVuSans DejaVuSans-Bold; do
  src=$(fc-list --format '%{file}\n' | grep "/$f\.ttf$" | head -n 1 || true)
  [ -n "$src" ] || { echo "build.sh: font $f not found; install Debian's fonts-noto-core and fonts-dejavu-core" >&2; exit 2; }
  cp "$src" "$fonts/"
done
cp /usr/share/doc/fonts-noto-core/copyright "$fonts/OFL-LICENSE.txt"
cp /usr/share/doc/fonts-dejavu-core/copyright "$fonts/DejaVu-LICENSE.txt"

start=$(date +%s)
ATLAS_VARIANT=$variant ATLAS_FONT_DIR=$fonts "$PY" -m PyInstaller --noconfirm --log-level WARN \
  --workpath build/work/pyinstaller --distpath build/dist installer/atlas.spec
echo "$variant" > build/dist/atlas-desktop/VARIANT
echo "Built build/dist/atlas-desktop ($variant) in $(( $(date +%s) - start )) s: $(du -sh build/dist/atlas-desktop | cut -f1)"
