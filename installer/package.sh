#!/usr/bin/env bash
# Package the built bundle (bash installer/build.sh first) for Linux:
#   build/packages/atlas-desktop-VERSION-linux-x86_64-VARIANT.tar.gz   unpack anywhere, run ./atlas-desktop
#   build/packages/atlas-desktop_VERSION_amd64.deb                   installs to /opt/atlas-desktop
#   build/packages/atlas-desktop-demo-model_VERSION_all.deb           optional: the demo model, offline
#   build/packages/SHA256SUMS                                        `sha256sum -c SHA256SUMS` catches a corrupt download
# Options: --no-deb, --no-tarball, --demo-model (also build the demo-model add-on), --lintian (check the .debs).
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=build/dist/atlas-desktop
OUT=build/packages
PY="${ATLAS_VENV:-.venv}/bin/python"
[ -x "$BUNDLE/atlas" ] || { echo "package.sh: no bundle at $BUNDLE; run: bash installer/build.sh" >&2; exit 2; }
deb=1; tarball=1; demo=0; lint=0
for arg in "$@"; do
  case "$arg" in
    --no-deb) deb=0 ;; --no-tarball) tarball=0 ;; --demo-model) demo=1 ;; --lintian) lint=1 ;;
    *) echo "package.sh: unknown option $arg (use --no-deb, --no-tarball, --demo-model, --lintian)" >&2; exit 2 ;;
  esac
done
VERSION=$("$BUNDLE/atlas" --version | awk '{print $2}')
VARIANT=$(cat "$BUNDLE/VARIANT")
mkdir -p "$OUT"
rm -rf "$OUT"; mkdir -p "$OUT"  # only this build's packages, and their checksums
stage=$(mktemp -d /tmp/atlas-package.XXXXXX)
trap 'rm -rf "$stage"' EXIT

if [ "$tarball" = 1 ]; then
  name="atlas-desktop-$VERSION-linux-x86_64-$VARIANT"
  tar -C build/dist --transform "s,^atlas-desktop,$name," -czf "$OUT/$name.tar.gz" atlas-desktop
  echo "Wrote $OUT/$name.tar.gz ($(du -h "$OUT/$name.tar.gz" | cut -f1))"
fi

# Files every package carries: a machine-readable copyright and a Debian changelog.
doc_files() {  # $1: package root, $2: package name
  local doc="$1/usr/share/doc/$2"  # a native package: changelog.gz
  mkdir -p "$doc"
  cat > "$doc/copyright" <<EOF_COPY
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Atlas Desktop
Source: the Atlas Desktop repository of your organization

Files: *
Copyright: 2026 Atlas Desktop team
License: proprietary
 Atlas Desktop is proprietary software of its authors; the libraries bundled in
 /opt/atlas-desktop/_internal keep their own licences (see their *.dist-info folders).

Files: opt/atlas-desktop/_internal/resources/fonts/Noto*
Copyright: 2012-2022 Google Inc. and the Noto Project Authors
License: OFL-1.1
 The SIL Open Font License 1.1; the full text is in
 /opt/atlas-desktop/_internal/resources/fonts/OFL-LICENSE.txt

Files: opt/atlas-desktop/_internal/resources/fonts/DejaVu*
Copyright: 2003 Bitstream, Inc.; DejaVu changes are in the public domain
License: Bitstream-Vera
 The Bitstream Vera fonts licence; the full text is in
 /opt/atlas-desktop/_internal/resources/fonts/DejaVu-LICENSE.txt
EOF_COPY
  printf '%s (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- Atlas Desktop team <atlas-desktop@example.com>  %s\n' \
    "$2" "$VERSION" "$VERSION" "$(date -R -u -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}")" | gzip -9n > "$doc/changelog.gz"
}

build_deb() {  # $1: package root, $2: file name
  (cd "$1" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$1" "$OUT/$2" >/dev/null
  echo "Wrote $OUT/$2 ($(du -h "$OUT/$2" | cut -f1))"
}

if [ "$deb" = 1 ]; then
  root="$stage/app"
  mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/lintian/overrides"
  cp -a "$BUNDLE" "$root/opt/atlas-desktop"
  chmod -R u+rwX,go+rX,go-w "$root/opt/atlas-desktop"
  ln -s /opt/atlas-desktop/atlas "$root/usr/bin/atlas"
  ln -s /opt/atlas-desktop/atlas-desktop "$root/usr/bin/atlas-desktop"
  cp installer/linux/atlas-desktop.desktop "$root/usr/share/applications/"
  cp resources/icons/atlas-desktop.svg "$root/usr/share/icons/hicolor/scalable/apps/"
  "$PY" installer/linux/render_icon.py resources/icons/atlas-desktop.svg "$root/usr/share/icons/hicolor/256x256/apps/atlas-desktop.png" 256
  cp installer/linux/lintian-overrides "$root/usr/share/lintian/overrides/atlas-desktop"
  doc_files "$root" atlas-desktop
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE@/$size/" -e "s/@VARIANT@/$VARIANT/" installer/linux/control > "$root/DEBIAN/control"
  build_deb "$root" "atlas-desktop_${VERSION}_amd64.deb"
fi

if [ "$demo" = 1 ]; then
  root="$stage/demo"
  models=$("$PY" -c 'from atlas_desktop.core.registry.model_store import demo_gguf_path; p = demo_gguf_path(); print(p or "")')
  [ -n "$models" ] || { echo "package.sh: the demo model package is not installed (build/setup.sh installs it)" >&2; exit 2; }
  mkdir -p "$root/DEBIAN" "$root/opt/atlas-desktop-demo-model" "$root/usr/share/lintian/overrides"
  cp "$models" "$root/opt/atlas-desktop-demo-model/"
  cp installer/linux/lintian-overrides-demo "$root/usr/share/lintian/overrides/atlas-desktop-demo-model"
  doc_files "$root" atlas-desktop-demo-model
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE@/$size/" installer/linux/control-demo > "$root/DEBIAN/control"
  cp installer/linux/postinst-demo "$root/DEBIAN/postinst"; chmod 755 "$root/DEBIAN/postinst"
  build_deb "$root" "atlas-desktop-demo-model_${VERSION}_all.deb"
fi

(cd "$OUT" && sha256sum -- *.tar.gz *.deb 2>/dev/null > SHA256SUMS || true)
echo "Wrote $OUT/SHA256SUMS: check a copy with (cd FOLDER && sha256sum -c SHA256SUMS)"

if [ "$lint" = 1 ] && [ "$deb" = 1 ]; then
  command -v lintian >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends lintian >/dev/null; }
  for f in "$OUT"/*.deb; do
    echo "lintian $f"
    lintian --tag-display-limit 0 --fail-on error "$f" | tee "$f.lintian.txt"
  done
fi
