#!/usr/bin/env bash
# HTTP load benchmark (release build) on the synthetic hospital of 100,000 people
# (`kyndig demo --people 100000 --seed 1`, made once into bench-data/ when missing):
# `kyndig serve` on a loopback port, then wrk (Debian package, installed when missing) with one
# thread and 32 connections against
#   GET /api/v1/me/status          a learner's token check and real statuses
#   GET /api/v1/units/WARD/report  one ward's report (JSON) with its manager's token
# Logs go to a file at the default level (info: one line per request), as in production.
# Usage: scripts/bench-api.sh   (DURATION=10s CONNECTIONS=32 PEOPLE=100000 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
people=${PEOPLE:-100000}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
bin=.build/release
db=bench-data/synthetic-$people.sqlite
need() { command -v "$1" >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq "$2"; }; }
need wrk wrk
need curl curl
swift build -c release --product kyndig 2>&1 | grep -E "error|warning: unre" || true
mkdir -p bench-data
if [ ! -f "$db" ]; then
  echo "== making the synthetic hospital ($people people, seed 1)"
  "$bin/kyndig" demo --people "$people" --seed 1 --db "$db" --no-tutor --force >/dev/null
fi
"$bin/kyndig" sync --db "$db" >/dev/null  # upgrades a hospital made by an older kyndig
query() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"; }
ward=$(query "SELECT id FROM unit WHERE id LIKE '%-P%' ORDER BY id LIMIT 1")
employee=$(query "SELECT employee_id FROM person WHERE active = 1 AND unit_id = '$ward' ORDER BY employee_id LIMIT 1")
token() { "$bin/kyndig" token create --db "$db" --scope "$1" --name bench --expires 2099-01-01 | grep -o 'kyndig_[A-Za-z0-9_-]*' | head -1; }
learner=$(token "learner:$employee")
manager=$(token "manager:$ward")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
"$bin/kyndig" serve --db "$db" --port "$port" 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
base="http://127.0.0.1:$port/api/v1"
# The server computes /metrics' compliance gauges (a pass over everyone) once at start: wait for it.
for _ in $(seq 300); do curl -fsS "$base/metrics" 2>/dev/null | grep -q "^kyndig_compliance_refresh_duration_seconds " && break; sleep 0.2; done
echo "== compliance gauges computed in $(curl -fsS "$base/metrics" | grep '^kyndig_compliance_refresh_duration_seconds ' | awk '{printf "%.1f s", $2}')"
echo "== $people people; learner $employee in ward $ward; wrk -t1 -c$connections -d$duration"
curl -fsS -o /dev/null -H "Authorization: Bearer $learner" "$base/me/status"
curl -fsS -o /dev/null -H "Authorization: Bearer $manager" "$base/units/$ward/report"
# The server's CPU time (user + system, from /proc) over the run, per request: steadier than
# the rate on a machine whose speed varies from run to run.
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
echo "== GET /me/status"
before=$(cpu)
result=$(wrk -t1 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $learner" "$base/me/status")
after=$(cpu)
echo "$result" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|errors"
requests=$(echo "$result" | awk '/requests in/ {print $1}')
ticks=$(getconf CLK_TCK)
python3 -c "import sys; print(f'server CPU per request: {(int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[4]) * 1e6 / int(sys.argv[3]):.0f} µs')" "$before" "$after" "$requests" "$ticks"
echo "== GET /units/$ward/report"
wrk -t1 -c"$connections" -d"$duration" --latency --timeout 10s -H "Authorization: Bearer $manager" "$base/units/$ward/report" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|errors"
