#!/usr/bin/env bash
# Install the .deb on a fresh Debian (a minbase bookworm made with debootstrap, in a chroot):
# apt resolves its dependencies from Debian's archive, then `atlas --version` and `atlas doctor`
# run from /opt on a system that has no Arabic font installed, and the package is removed again.
# Needs root (debootstrap, chroot). Package first: bash installer/package.sh
#   bash installer/test_deb.sh [--chroot build/work/chroot]
set -euo pipefail
cd "$(dirname "$0")/.."
target=build/work/chroot
[ "${1:-}" = --chroot ] && target=${2:?}
deb=$(ls build/packages/atlas-desktop_*_amd64.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "test_deb.sh: no .deb in build/packages; run: bash installer/package.sh" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "test_deb.sh: needs root (debootstrap and chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
(cd build/packages && sha256sum --quiet -c SHA256SUMS)  # what IT does first with a copied package

start=$(date +%s)
if [ ! -x "$target/usr/bin/apt-get" ]; then
  rm -rf "$target"
  debootstrap --variant=minbase bookworm "$target" http://deb.debian.org/debian >"$target.log" 2>&1 \
    || { tail -n 20 "$target.log" >&2; exit 1; }
fi
cleanup() { umount "$target/proc" 2>/dev/null || true; }
trap cleanup EXIT
mount -t proc proc "$target/proc"
cp /etc/resolv.conf "$target/etc/resolv.conf"
cp "$deb" "$target/tmp/atlas-desktop.deb"
echo "==> apt install ./atlas-desktop.deb in a fresh Debian bookworm ($target)"
chroot "$target" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/atlas-desktop.deb >/tmp/apt.log 2>&1 || { tail -n 30 /tmp/apt.log; exit 1; }'
echo "==> from /opt, on a system with no Arabic font installed"
chroot "$target" bash -c '
  set -e
  test -x /opt/atlas-desktop/atlas && test -L /usr/bin/atlas
  test -f /usr/share/applications/atlas-desktop.desktop && test -f /usr/share/icons/hicolor/256x256/apps/atlas-desktop.png
  /opt/atlas-desktop/atlas --version
  atlas --version
  echo "font packages installed: $(dpkg -l 'fonts-*' 2>/dev/null | grep -c '^ii' || true)"
  HOME=/tmp/user ATLAS_USER=it atlas doctor
  HOME=/tmp/user atlas demo init --skip-model >/dev/null && echo "data went to the user data folder: $(ls -d /tmp/user/.local/share/AtlasDesktop)"
  test -z "$(find /opt/atlas-desktop -newer /tmp/atlas-desktop.deb -type f | head -n 1)" && echo "nothing was written into /opt/atlas-desktop"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq atlas-desktop >/dev/null && test ! -e /opt/atlas-desktop/atlas && echo "removed cleanly"
'
echo "test_deb.sh: passed in $(( $(date +%s) - start )) s"
