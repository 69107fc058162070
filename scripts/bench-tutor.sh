#!/usr/bin/env bash
# Time from process start to the tutor's first prompt (release build, shipped catalog, demo
# database). The tutor reads "/quit" from a pipe, so a run is: start, load and validate the
# catalog, open the database, greet, print the prompt, read one line, leave.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/kyndig
mkdir -p bench-data
db=bench-data/tutor-demo.sqlite
"$bin" demo --db "$db" --no-tutor >/dev/null
printf '/quit\n' > bench-data/quit.txt
command -v hyperfine >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq hyperfine; }
hyperfine --warmup 3 --runs 30 "$bin tutor --db $db --user ingrid.berg < bench-data/quit.txt > /dev/null"
