#!/usr/bin/env bash
# Start-up of the bundled program against the same code run from source, in one hyperfine run
# (offscreen; both open the same archive, show the window and quit once it is ready).
#   bash packaging/measure-startup.sh BUNDLED_PROGRAM      e.g. /usr/bin/fazhi-nianbao after installing the .deb
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bundled=${1:?give the bundled program}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work QT_QPA_PLATFORM=offscreen
db=$work/start.sqlite3
python3 "$root/main.py" import "$root/../shared/samples/jingmao-township-2024.txt" --db "$db" >/dev/null
hyperfine --warmup 2 --runs "${RUNS:-15}" --export-markdown "$work/result.md" \
  -n source "python3 $root/main.py --quit-after-start --db $db" \
  -n bundle "$bundled --quit-after-start --db $db"
cat "$work/result.md"
