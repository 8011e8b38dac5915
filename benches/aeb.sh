#!/bin/sh
# Scores the HTML extractor on the AEB dev pages and prints the time per page, less the
# binary's start-up time (measured on an empty run), so that extraction itself is what shows.
# usage: benches/aeb.sh [--verbose]   (needs /work/shared/eval and a release build)
set -eu
target=${CARGO_TARGET_DIR:-target}
bin="$target/release/briefly"
data=${AEB_DIR:-/work/shared/eval/aeb-dev}
python3 "$data/../aeb_score.py" "$data" --cmd "$bin extract {}" "$@"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$data"/html/*.html.gz; do gunzip -c "$f" > "$tmp/$(basename "$f" .gz)"; done
n=$(ls "$tmp" | wc -l)
start=$(date +%s%N)
for f in "$tmp"/*.html; do "$bin" extract "$f" > /dev/null; done
mid=$(date +%s%N)
for f in "$tmp"/*.html; do "$bin" extract /dev/null > /dev/null 2>&1 || true; done
end=$(date +%s%N)
echo "pages=$n ms_per_page=$(( ( (mid - start) - (end - mid) ) / n / 1000000 )).$(( ( ( (mid - start) - (end - mid) ) / n / 10000 ) % 100 )) (start-up excluded)"
