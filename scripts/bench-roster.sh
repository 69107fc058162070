#!/usr/bin/env bash
# Roster import benchmark: 100,000 people in ~1,000 units (release build).
# Reports first import (of the file as generated, managers first, and of its rows shuffled) and
# re-import (0 changes) times with hyperfine, and peak RSS with /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release
people=${PEOPLE:-100000}
dir=bench-data
mkdir -p "$dir"
csv="$dir/roster-$people.csv"
[ -f "$csv" ] || "$bin/kyndig-bench" roster-data --people "$people" --out "$csv"
command -v hyperfine >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq hyperfine; }
db="$dir/bench.sqlite"
fresh() { rm -f "$db" "$db-wal" "$db-shm"; }
echo "== first import of $people people"
hyperfine --runs 5 --prepare "rm -f $db $db-wal $db-shm" "$bin/kyndig roster import --db $db $csv"
echo "== first import of the same rows in a fixed random order (reports before managers, wards before clinics)"
shuffled="$dir/roster-$people-shuffled.csv"
[ -f "$shuffled" ] || { head -1 "$csv"; tail -n +2 "$csv" | shuf --random-source=<(yes); } > "$shuffled"
hyperfine --runs 5 --prepare "rm -f $db $db-wal $db-shm" "$bin/kyndig roster import --db $db $shuffled"
echo "== re-import (0 changes)"
fresh; "$bin/kyndig" roster import --db "$db" "$csv" >/dev/null
hyperfine --runs 5 "$bin/kyndig roster import --db $db $csv"
echo "== peak memory"
fresh; /usr/bin/time -f "first import: %e s, peak RSS %M KB" "$bin/kyndig" roster import --db "$db" "$csv" >/dev/null
/usr/bin/time -f "re-import: %e s, peak RSS %M KB" "$bin/kyndig" roster import --db "$db" "$csv" >/dev/null
echo "== the same file loaded by sqlite3 .import (the floor the import is compared with)"
command -v sqlite3 >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq sqlite3; }
hyperfine --runs 5 --prepare "rm -f $dir/raw.sqlite" "sqlite3 $dir/raw.sqlite '.import --csv $csv roster'"
