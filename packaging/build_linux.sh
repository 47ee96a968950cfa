#!/usr/bin/env bash
# Build the Linux one-folder bundle and the .deb, then smoke-test them.
#
#   packaging/build_linux.sh                 # bundle + .deb + smoke test under Xvfb
#   packaging/build_linux.sh --install-test  # also dpkg -i / -r the .deb (root; changes the system)
#
# Separate from the test command because PyInstaller takes minutes on 2 cores. Output:
#   dist/cadre-desk/                      the bundle (run dist/cadre-desk/cadre-desk)
#   dist/cadre-desk_<version>_<arch>.deb  for Debian/Ubuntu/UOS/Kylin
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"  # the project's virtualenv (made by packaging/dev/*.sh)
if [ ! -x "$PY" ]; then
    echo "no virtualenv at $ROOT/.venv: run packaging/dev/test.sh first, or set PYTHON=/path/to/venv/python" >&2
    exit 1
fi
INSTALL_TEST=0
[ "${1:-}" = "--install-test" ] && INSTALL_TEST=1

VERSION="$("$PY" -c 'import cadre_desk; print(cadre_desk.__version__)')"
ARCH="$(dpkg --print-architecture)"
DEB="dist/cadre-desk_${VERSION}_${ARCH}.deb"

step() { printf '\n== %s\n' "$*"; }

step "tools"
"$PY" -c 'import PyInstaller' 2>/dev/null || "$PY" -m pip install --quiet -e ".[packaging]"

step "translations and icons"
"$PY" packaging/build_translations.py release
"$PY" packaging/render_icons.py build/icons

step "PyInstaller one-folder bundle"
rm -rf dist/cadre-desk
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/cadre_desk.spec
du -sh dist/cadre-desk

step "smoke test: the bundle under Xvfb (xcb), from an unrelated working directory"
smoke_home="$(mktemp -d)"
(
    cd "$smoke_home"
    HOME="$smoke_home" XDG_CONFIG_HOME="$smoke_home/.config" QT_QPA_PLATFORM=xcb \
        xvfb-run -a -s "-screen 0 1600x1000x24" "$ROOT/dist/cadre-desk/cadre-desk" --self-test
)
if find "$smoke_home" -name 'cadre_desk.db' | grep -q .; then
    echo "the self-test left a database in the home folder" >&2
    exit 1
fi
rm -rf "$smoke_home"

step "Debian package"
pkg="$(mktemp -d)/cadre-desk"
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
    "$pkg/usr/share/metainfo" "$pkg/usr/share/icons"
cp -a dist/cadre-desk "$pkg/opt/cadre-desk"
ln -s /opt/cadre-desk/cadre-desk "$pkg/usr/bin/cadre-desk"
install -m 644 packaging/linux/cadre-desk.desktop "$pkg/usr/share/applications/cadre-desk.desktop"
install -m 644 packaging/linux/cadre-desk.metainfo.xml \
    "$pkg/usr/share/metainfo/io.github.cadre_desk.CadreDesk.metainfo.xml"
cp -a build/icons/hicolor "$pkg/usr/share/icons/hicolor"
install -m 755 packaging/linux/postinst packaging/linux/postrm "$pkg/DEBIAN/"
installed_kb="$(du -sk "$pkg" --exclude=DEBIAN | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$installed_kb/" \
    packaging/linux/control.in > "$pkg/DEBIAN/control"
find "$pkg" -type d -exec chmod 755 {} +
# gzip: several times faster than xz here, and every dpkg (old UOS/Kylin too) reads it
dpkg-deb --build --root-owner-group -Zgzip "$pkg" "$DEB"
rm -rf "$(dirname "$pkg")"
dpkg-deb --info "$DEB" | sed -n '1,/Description/p'
dpkg-deb --contents "$DEB" | grep -E 'usr/(bin|share/(applications|metainfo|icons/hicolor/(48x48|scalable)))' 

step "check the packaged files"
extract="$(mktemp -d)"
dpkg-deb -x "$DEB" "$extract"
command -v desktop-file-validate >/dev/null && desktop-file-validate "$extract/usr/share/applications/cadre-desk.desktop"
command -v appstreamcli >/dev/null && appstreamcli validate --no-net \
    "$extract/usr/share/metainfo/io.github.cadre_desk.CadreDesk.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
    test -s "$extract/usr/share/icons/hicolor/${size}x${size}/apps/cadre-desk.png"
done
QT_QPA_PLATFORM=offscreen "$extract/opt/cadre-desk/cadre-desk" --self-test >/dev/null
rm -rf "$extract"

if [ "$INSTALL_TEST" = 1 ]; then
    step "install / uninstall test (keeps user data)"
    user_home="$(mktemp -d)"
    mkdir -p "$user_home/.local/share/cadre_desk"
    echo "user data" > "$user_home/.local/share/cadre_desk/keep-me.txt"
    dpkg -i "$DEB"
    QT_QPA_PLATFORM=offscreen HOME="$user_home" cadre-desk --self-test >/dev/null
    dpkg --purge cadre-desk
    test ! -e /opt/cadre-desk && test ! -e /usr/bin/cadre-desk
    grep -q "user data" "$user_home/.local/share/cadre_desk/keep-me.txt"
    echo "purged the package; user data still there"
    rm -rf "$user_home"
fi

step "done"
ls -lh "$DEB"
