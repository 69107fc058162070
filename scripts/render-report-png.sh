#!/usr/bin/env bash
# A hospital's HTML report as a picture for the README: builds kyndig, makes a synthetic demo
# hospital of 2,000 people (two and a half years of history, so the trend has twelve points),
# writes the report in English and bokmål, and photographs the English page with
# headless Chromium (installed with apt-get when missing) into docs/images/report-en.png.
# Usage: scripts/render-report-png.sh [work directory, default a temporary one]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)}
mkdir -p "$dir" docs/images
if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium
fi
swift build --product kyndig
.build/debug/kyndig demo --people 2000 --seed 1 --db "$dir/demo.sqlite" --no-tutor >/dev/null
for lang in en nb; do
  .build/debug/kyndig report --db "$dir/demo.sqlite" --format html --lang "$lang" --output "$dir/report-$lang.html"
done
# Chromium logs D-Bus complaints on a machine without a session bus; only its exit status matters.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot=docs/images/report-en.png \
  --window-size=1200,2400 "file://$(cd "$dir" && pwd)/report-en.html" 2>/dev/null
echo "Wrote docs/images/report-en.png (pages: $dir/report-en.html, $dir/report-nb.html)"
