#!/usr/bin/env bash
# The manager's dashboard as a picture for the README: builds kyndig, makes a synthetic demo
# hospital of 2,000 people (seed 1), creates a manager token for its first clinic, starts
# `kyndig serve` on a free loopback port, and lets headless Chromium (apt-get when missing) sign
# in through the form and photograph the dashboard into docs/images/dashboard.png.
# Chromium is driven over its DevTools protocol by scripts/dashboard-screenshot.py (with
# websocket-client from PyPI in a virtual environment under .build/).
# Usage: scripts/render-dashboard-png.sh [work directory, default a temporary one]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)}
mkdir -p "$dir" docs/images
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
command -v chromium >/dev/null || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium; }
venv=.build/screenshot-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import websocket' 2>/dev/null; then
  python3 -c 'import ensurepip' 2>/dev/null || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv; }
  rm -rf "$venv" && python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "websocket-client==1.9.2"
fi
swift build --product kyndig
kyndig=.build/debug/kyndig
db="$dir/dashboard.sqlite"
[ -f "$db" ] || "$kyndig" demo --people 2000 --seed 1 --db "$db" --no-tutor >/dev/null
clinic=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT u.id FROM unit u JOIN unit p ON u.parent_id = p.id WHERE p.parent_id IS NULL AND u.active = 1 ORDER BY u.id LIMIT 1").fetchone()[0])' "$db")
( umask 077; "$kyndig" token create --db "$db" --scope "manager:$clinic" --name "Clinic head (screenshot)" | grep -o 'kyndig_[A-Za-z0-9_-]*' | head -1 > "$dir/token" )
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
devtools=$(free_port)
"$kyndig" serve --db "$db" --port "$port" 2>"$dir/server.log" &
server=$!
chromium_pid=""
trap 'kill $server $chromium_pid 2>/dev/null; wait 2>/dev/null; rm -f "$dir/token"' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/api/v1/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
# Chromium logs D-Bus complaints on a machine without a session bus; only the result matters.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$dir/chromium" \
  --remote-debugging-address=127.0.0.1 --remote-debugging-port="$devtools" about:blank 2>/dev/null &
chromium_pid=$!
"$venv/bin/python" scripts/dashboard-screenshot.py "$devtools" "http://localhost:$port/api/v1/dashboard/sign-in?lang=en" "$dir/token" docs/images/dashboard.png
