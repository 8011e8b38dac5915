#!/usr/bin/env bash
# Measures the real binary in a pseudo-terminal next to `less`, with ../shared/tools/ttyprobe.py:
# time to the first screen, bytes per key for one-line scrolls and pages, key settle time, and
# peak RSS. Prints figures; asserts nothing.
#
# usage: benches/tty.sh [BRIEFING_DIR] [BIG_DIR]
#   BRIEFING_DIR  default ../shared/briefings/london-talks-2015
#   BIG_DIR       a 10,000-article briefing (../shared/tools/make_corpus.py OUT); skipped if absent
set -euo pipefail
cd "$(dirname "$0")/.."
probe=../shared/tools/ttyprobe.py
small=${1:-../shared/briefings/london-talks-2015}
big=${2:-}
[ -f "$probe" ] || { echo "skipped: $probe not found"; exit 0; }
cargo build --release --quiet
bin=target/release/briefly
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
size=100x30
first=$(ls "$small" | head -1)
title=$(grep -m1 -v '^[[:space:]]*$' "$small/$first" | cut -c1-20)

run() { # label, then ttyprobe arguments
  local label=$1; shift
  rm -rf "$data"/*
  printf '%-44s ' "$label"
  BRIEFLY_DATA_DIR=$data python3 "$probe" --size $size "$@" | tr '\n' ' '
  echo
}

rss() { # label, dir, keys: the binary quits with q so that time(1) can report
  rm -rf "$data"/*
  local out
  out=$(mktemp)
  BRIEFLY_DATA_DIR=$data python3 "$probe" --size $size --settle-ms 400 --wait-for "$4" --keys "$3 q" -- \
    /usr/bin/time -v -o "$out" $bin "$2" >/dev/null || true
  sleep 0.3
  printf '%-44s peak_rss_kb=%s\n' "$1" "$(grep 'Maximum resident' "$out" | awk '{print $NF}')"
  rm -f "$out"
}

cat "$small"/* > "$data.all.txt"
echo "== $small at $size"
for i in 1 2 3; do run "briefly ready (run $i)" --wait-for "$title" -- $bin "$small"; done
for i in 1 2 3; do run "less ready (run $i)" --wait-for "$title" -- less "$data.all.txt"; done
run "briefly split view j*20 (reader focused)" --wait-for "$title" --pre-keys Enter --keys 'j*20' -- $bin "$small"
run "briefly zoomed reader j*20" --wait-for "$title" --pre-keys z --keys 'j*20' -- $bin "$small"
run "less j*100" --wait-for "$title" --keys 'j*100' -- less "$data.all.txt"
run "briefly split view Space*2" --wait-for "$title" --pre-keys Enter --keys 'Space*2' -- $bin "$small"
run "briefly zoomed reader Space*2" --wait-for "$title" --pre-keys z --keys 'Space*2' -- $bin "$small"
run "less Space*5" --wait-for "$title" --keys 'Space*5' -- less "$data.all.txt"
run "briefly J*4 (next article)" --wait-for "$title" --pre-keys Enter --keys 'J*4' -- $bin "$small"
[ -x /usr/bin/time ] && rss "briefly peak RSS" "$small" "j*5" "$title"
rm -f "$data.all.txt"

if [ -n "$big" ] && [ -d "$big" ]; then
  n=$(ls "$big" | wc -l)
  echo "== $big ($n files) at $size"
  for i in 1 2 3; do run "briefly ready (run $i)" --wait-for "1/$n" -- $bin "$big"; done
  run "briefly list j*20" --wait-for "1/$n" --keys 'j*20' -- $bin "$big"
  run "briefly zoomed reader j*20" --wait-for "1/$n" --pre-keys z --keys 'j*20' -- $bin "$big"
  # With 400 ms per key the background loader (about 0.5 s) finishes before q.
  [ -x /usr/bin/time ] && rss "briefly peak RSS (every article loaded)" "$big" "G k*5" "1/$n"
fi
