#!/usr/bin/env bash
# CI smoke test of the Linux package: build the .deb, install it with dpkg (its Depends through apt),
# run the installed program — --version, import the sample, export .docx, check, open the window
# offscreen and quit — then remove the package. Prints the time of each step.
#   bash packaging/ci-smoke.sh        (as root; called by .ci/run after the tests)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sample=${SAMPLE:-$root/../shared/samples/jingmao-township-2024.txt}
[ -f "$sample" ] || sample=$root/packaging/smoke-report.txt  # a 2024 report, as on Windows
appid=cn.fazhinianbao.app
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'dpkg -r "$appid" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
began=$SECONDS
step() { echo "smoke: $1 ($((SECONDS - began)) s)"; }

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends binutils >/dev/null  # readelf, for the Depends check
deb=$(bash "$root/packaging/build-deb.sh" "$work/out" 2>"$work/build.log") || { cat "$work/build.log"; exit 1; }
step "built $(basename "$deb"), $(du -m "$deb" | cut -f1) MB"

apt-get install -y -qq --no-install-recommends $(dpkg-deb -f "$deb" Depends | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g') >/dev/null
dpkg -i "$deb" >/dev/null
step "installed with dpkg"

app=/usr/bin/fazhi-nianbao
export HOME=$work/home QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" && cd "$HOME"
expected=$(cd "$root" && "$python" -c 'import core; print(core.APP_NAME, core.__version__)')
[ "$("$app" --version)" = "$expected" ] || { echo "smoke: --version is not '$expected'" >&2; exit 1; }
"$app" import "$sample" --db a.sqlite3 | head -1
"$app" export 2024 --out report.docx --db a.sqlite3
# The footer parts come from python-docx's templates: the bundle's template fix is what makes them load.
"$python" - report.docx <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
assert "word/document.xml" in names and any(n.startswith("word/footer") for n in names), names
PY
set +e; "$app" check 2024 --db a.sqlite3 > check.txt; code=$?; set -e
[ "$code" -le 1 ] && grep -q "检查完毕" check.txt || { cat check.txt; echo "smoke: check failed ($code)" >&2; exit 1; }
tail -1 check.txt
timeout 120 "$app" --quit-after-start --db a.sqlite3
step "installed program: version, import, export, check, window"

dpkg -r "$appid" >/dev/null
[ ! -e "/opt/apps/$appid" ] && [ ! -e "$app" ] || { echo "smoke: files left after dpkg -r" >&2; exit 1; }
step "removed"
