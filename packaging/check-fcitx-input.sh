#!/usr/bin/env bash
# Reproduce Chinese input through fcitx5 + pinyin in the real window, on a virtual screen:
# Xvfb, a D-Bus session, fcitx5 with pinyin as the session's input method (QT_IM_MODULE=fcitx,
# XMODIFIERS=@im=fcitx, as fcitx desktops set them); type "fazhi" and pick 法治 with xdotool into a new
# report's first part, quit, and read the stored text back from the database with the CLI.
#
#   bash packaging/check-fcitx-input.sh [COMMAND…]      default command: python main.py (this checkout)
# Set EXTRA_ENV="QT_IM_MODULES=fcitx" to see what happens without the app's fallback to the IBus portal.
# Needs Debian's xvfb, dbus-x11, xdotool, fcitx5, fcitx5-chinese-addons, imagemagick (screenshot).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then set -- python3 "$root/main.py"; fi
work=$(mktemp -d)
export HOME=$work XDG_CONFIG_HOME=$work/.config XDG_DATA_HOME=$work/.local/share
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; sleep 0.2; rm -rf "$work" 2>/dev/null || true; }
trap cleanup EXIT

for d in $(seq 150 190); do [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ] || break; done
Xvfb ":$d" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$d" ] && break; sleep 0.1; done
export DISPLAY=":$d"
eval "$(dbus-launch --sh-syntax)"
pids+=("$DBUS_SESSION_BUS_PID")

mkdir -p "$XDG_CONFIG_HOME/fcitx5"
cat > "$XDG_CONFIG_HOME/fcitx5/profile" <<'PROFILE'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
PROFILE
fcitx5 --replace -d >"$work/fcitx5.log" 2>&1
for _ in $(seq 100); do fcitx5-remote >/dev/null 2>&1 && break; sleep 0.1; done
pids+=("$(pgrep -n -x fcitx5 -u "$(id -u)")")

db=$work/input.sqlite3
"$@" new --year 2025 --db "$db" >/dev/null
export QT_IM_MODULE=fcitx XMODIFIERS=@im=fcitx QT_QPA_PLATFORM=xcb
env ${EXTRA_ENV:-} "$@" --db "$db" >"$work/app.log" 2>&1 & app=$!
pids+=("$app")
window=$(xdotool search --sync --name "法治年报" | head -1)
sleep 3  # the archive opens and the first part's editor takes focus
xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
eval "$(xdotool getwindowgeometry --shell "$window")"
xdotool mousemove --window "$window" $((WIDTH * 2 / 3)) $((HEIGHT / 2)) click 1
sleep 0.5
fcitx5-remote -o  # switch the focused input context to pinyin, as Ctrl+Space would
sleep 0.5
echo "fcitx5 state (2 = active): $(fcitx5-remote)"
xdotool type --delay 120 fazhi
sleep 0.5
[ -n "${SHOT:-}" ] && import -window root "$SHOT"
xdotool key 2  # the second candidate of "fa zhi" is 法治 (the first, 法制)
sleep 2.5  # autosave writes within 2 s
xdotool key ctrl+q
wait "$app" || true
stored=$("$@" show 2025 --json --db "$db" | python3 -c '
import json, sys
report = json.load(sys.stdin)
print("".join(b["text"] for c in report["chapters"] for b in c["blocks"]))')
echo "stored text: ${stored:-<nothing>}"
case $stored in *法治*) echo "fcitx input: Chinese committed and saved";; *) echo "fcitx input: no Chinese" >&2; exit 1;; esac
