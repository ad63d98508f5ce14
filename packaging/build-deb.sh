#!/usr/bin/env bash
# Build the Linux bundle with PyInstaller and wrap it in a .deb in the UOS app-store layout:
#   /opt/apps/<appid>/files/                       the one-folder bundle (fazhi-nianbao + _internal/)
#   /opt/apps/<appid>/entries/applications/*.desktop, entries/icons/hicolor/…, info
# plus /usr/bin and /usr/share links so that Kylin and other Debian-family desktops find it too
# (STORE=1 leaves the links out, as the UOS app store wants nothing outside /opt/apps).
#
#   bash packaging/build-deb.sh [OUT_DIR]        (default: dist/)
# Builds in a fresh venv holding only requirements.txt and packaging/requirements-build.txt (PyInstaller
# bundles whatever optional modules it finds: a numpy or psycopg in the developer's Python would ride
# along); PIP_CONSTRAINT pins versions for a target (packaging/constraints-glibc2.28.txt).
# Prints the path of the .deb. Build on the oldest target you support (see packaging/README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
appid=cn.fazhinianbao.app
name=fazhi-nianbao
version=$(cd "$root" && "${PYTHON:-python3}" -c 'import core; print(core.__version__)')
app_name=$(cd "$root" && "${PYTHON:-python3}" -c 'import core; print(core.APP_NAME)')
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${PYTHON:-python3}" -m venv "$work/venv"
python=$work/venv/bin/python
"$python" -m pip install -q --disable-pip-version-check -r "$root/requirements.txt" \
  -r "$root/packaging/requirements-build.txt" >&2

"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$work/dist" --workpath "$work/build" \
  "$root/packaging/$name.spec" >&2
"$python" "$root/packaging/bundle_rules.py" check "$work/dist/$name"

pkg=$work/pkg
app=$pkg/opt/apps/$appid
mkdir -p "$app/entries/applications" "$pkg/DEBIAN"
mv "$work/dist/$name" "$app/files"
icons=$root/resources/icons
for png in "$icons/$name"-*.png; do
  size=${png##*-}; size=${size%.png}
  install -D -m 644 "$png" "$app/entries/icons/hicolor/${size}x${size}/apps/$appid.png"
done
install -D -m 644 "$icons/$name.svg" "$app/entries/icons/hicolor/scalable/apps/$appid.svg"

cat > "$app/entries/applications/$appid.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=$app_name
Name[zh_CN]=$app_name
GenericName=法治政府建设年度报告
Comment=乡镇法治政府建设年度报告的起草、归档与公文排版
Exec=/opt/apps/$appid/files/$name
Icon=$appid
Terminal=false
Categories=Office;WordProcessor;
Keywords=法治;年度报告;公文;
StartupWMClass=$name
DESKTOP

cat > "$app/info" <<INFO
{
  "appid": "$appid",
  "name": "$app_name",
  "version": "$version",
  "arch": ["$arch"],
  "permissions": {
    "autostart": false, "notification": false, "trayicon": false, "clipboard": true,
    "account": false, "bluetooth": false, "camera": false, "audio_record": false, "installed_apps": false
  }
}
INFO

if [ "${STORE:-0}" != 1 ]; then
  mkdir -p "$pkg/usr/bin" "$pkg/usr/share/applications"
  ln -s "/opt/apps/$appid/files/$name" "$pkg/usr/bin/$name"
  ln -s "/opt/apps/$appid/entries/applications/$appid.desktop" "$pkg/usr/share/applications/$appid.desktop"
  (cd "$app/entries/icons" && find hicolor -type f) | while read -r icon; do
    mkdir -p "$pkg/usr/share/icons/$(dirname "$icon")"
    ln -s "/opt/apps/$appid/entries/icons/$icon" "$pkg/usr/share/icons/$icon"
  done
fi

cat > "$pkg/DEBIAN/control" <<CONTROL
Package: $appid
Version: $version
Architecture: $arch
Maintainer: 法治年报 <fazhi-nianbao@localhost>
Section: office
Priority: optional
Installed-Size: $(du -sk "$pkg" | cut -f1)
Depends: $("$python" "$root/packaging/bundle_rules.py" depends "$app/files")
Description: $app_name - township rule-of-law annual report editor
 Drafts, archives and prints the annual report on building a rule-of-law
 government (法治政府建设年度报告) as a GB/T 9704-2012 official document.
CONTROL

deb=$out/${appid}_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz -z9 --build "$pkg" "$deb" >&2
echo "$deb"
