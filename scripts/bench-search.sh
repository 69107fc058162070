#!/usr/bin/env bash
# Search figures (release build): the evaluation of Kyndig's engine and the FTS5 baseline, query
# latency on the shipped corpus and on 10,000 synthetic passages (kyndig-bench search), the time
# to build the index file (kyndig sync after the index was removed), and the wall time of a cold
# `kyndig ask` process (hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release
mkdir -p bench-data
db=bench-data/search-demo.sqlite
"$bin/kyndig" demo --db "$db" --no-tutor --force >/dev/null
command -v hyperfine >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq hyperfine; }
"$bin/kyndig-bench" search --catalog .
index=bench-data/search-demo.search.sqlite
hyperfine --warmup 1 --runs 10 --prepare "rm -f $index" "$bin/kyndig sync --db $db > /dev/null"
hyperfine --warmup 3 --runs 30 \
  "$bin/kyndig ask --db $db 'Hva er KI-kompetanse?' > /dev/null" \
  "$bin/kyndig ask --db $db --lang en 'How many days of annual leave do I get?' > /dev/null"
