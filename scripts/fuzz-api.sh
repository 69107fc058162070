#!/usr/bin/env bash
# Fuzzes the HTTP API against its own description (Resources/openapi.yaml) with schemathesis:
# a seeded demo hospital, `kyndig serve` on a free loopback port, then generated requests with a
# learner token and with an admin token (FUZZ_EXAMPLES per operation and phase, default 80, so
# well over 1,000 cases each). Fails on any 5xx and on any response the spec does not describe
# (status, content type, headers, body schema). Called by `make test`; needs no terminal.
#
# schemathesis comes from PyPI into a virtual environment under .build/ (python3-venv is
# installed with apt-get when missing). Tokens live only in this run's temporary database and
# are passed to schemathesis as a header; its output masks them.
# Usage: scripts/fuzz-api.sh [path to a kyndig binary, default .build/debug/kyndig]
set -euo pipefail
cd "$(dirname "$0")/.."
kyndig=${1:-.build/debug/kyndig}
examples=${FUZZ_EXAMPLES:-80}
venv=.build/fuzz-venv
schemathesis_version=4.32.5

if [ ! -x "$venv/bin/schemathesis" ] || ! "$venv/bin/schemathesis" --version | grep -q "$schemathesis_version"; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

dir=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

db="$dir/demo.sqlite"
"$kyndig" demo --db "$db" --no-tutor >/dev/null
admin=$("$kyndig" token create --db "$db" --scope admin --name fuzz-admin | grep -o 'kyndig_[A-Za-z0-9_-]*' | head -1)
employee=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT employee_id FROM person WHERE active = 1 ORDER BY employee_id LIMIT 1").fetchone()[0])' "$db")
learner=$("$kyndig" token create --db "$db" --scope "learner:$employee" --name fuzz-learner | grep -o 'kyndig_[A-Za-z0-9_-]*' | head -1)

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KYNDIG_LOG=warning "$kyndig" serve --db "$db" --host 127.0.0.1 --port "$port" 2>"$dir/server.log" &
server_pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/api/v1/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/api/v1/healthz" >/dev/null || { echo "kyndig serve did not start:"; cat "$dir/server.log"; exit 1; }

checks=${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance}
status=0
# The learner first: the admin run may replace the roster with whatever the fuzzer sends.
for who in learner admin; do
  token=${!who}
  echo "== schemathesis as $who ($examples examples per operation and phase)"
  env CI=true NO_COLOR=1 "$venv/bin/schemathesis" run Resources/openapi.yaml \
    --url "http://127.0.0.1:$port/api/v1" --header "Authorization: Bearer $token" \
    --checks "$checks" --max-examples "$examples" --seed 1 --workers 1 --request-timeout 30 \
    --suppress-health-check all --no-color --warnings off >"$dir/$who.txt" 2>&1 || status=1
  # The summary (operations, test cases, failures) and, on failure, what failed.
  if [ $status -ne 0 ]; then cat "$dir/$who.txt"; else sed -n '/SUMMARY/,$p' "$dir/$who.txt"; fi
done
if [ $status -ne 0 ]; then
  echo "== server log"; tail -50 "$dir/server.log"
  exit 1
fi
echo "fuzz-api: no server errors, every response as the spec describes"
