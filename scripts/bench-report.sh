#!/usr/bin/env bash
# Report and export benchmark on a synthetic hospital (release build): 100,000 people by default,
# made once with `kyndig demo --people N --seed 1` (about 640,000 requirements, 1.2M attempts).
# Times the full report, one ward's report, the export of every requirement next to sqlite3 -csv
# dumping as many rows from the same file, and peak memory of each (and of the HTML and JSON reports).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release
people=${PEOPLE:-100000}
dir=bench-data
mkdir -p "$dir"
db="$dir/synthetic-$people.sqlite"
command -v hyperfine >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq hyperfine; }
command -v sqlite3 >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq sqlite3; }
if [ ! -f "$db" ]; then
  echo "== making the synthetic hospital ($people people, seed 1)"
  /usr/bin/time -f "made in %e s, peak RSS %M KB" "$bin/kyndig" demo --people "$people" --seed 1 --db "$db" --no-tutor --force
fi
"$bin/kyndig" sync --db "$db" >/dev/null  # upgrades a hospital made by an older kyndig
ward=$(sqlite3 "$db" "SELECT id FROM unit WHERE id LIKE '%-P%' ORDER BY id LIMIT 1")
rows=$("$bin/kyndig" export requirements --db "$db" 2>/dev/null | tail -n +2 | wc -l)
echo "== $rows requirements; one ward: $ward"
hyperfine --warmup 1 --runs 5 \
  "$bin/kyndig report --db $db" \
  "$bin/kyndig report --db $db --unit $ward" \
  "$bin/kyndig export requirements --db $db --output /tmp/kyndig-bench-requirements.csv" \
  "sqlite3 -csv -header $db 'SELECT id, employee_id, module_id, lang, version, content_hash, started_at, finished_at, finished_on, outcome, correct, score, passed FROM quiz_attempt LIMIT $rows' > /tmp/kyndig-bench-dump.csv"
echo "== one ward, without a shell in between (what a manager waits for)"
hyperfine -N --warmup 3 --runs 20 "$bin/kyndig report --db $db --unit $ward"
echo "== peak memory"
/usr/bin/time -f "full report: %e s, peak RSS %M KB" "$bin/kyndig" report --db "$db" > /dev/null
/usr/bin/time -f "export requirements: %e s, peak RSS %M KB" "$bin/kyndig" export requirements --db "$db" --output /tmp/kyndig-bench-requirements.csv 2>&1 | tail -1
/usr/bin/time -f "html report with trend: %e s, peak RSS %M KB" "$bin/kyndig" report --db "$db" --format html --output /tmp/kyndig-bench-report.html
/usr/bin/time -f "json report (everyone needing attention): %e s, peak RSS %M KB" "$bin/kyndig" report --db "$db" --format json --output /tmp/kyndig-bench-report.json
"$bin/kyndig-bench" report --db "$db" --unit "$ward"
