#!/usr/bin/env bash
# Opens a briefing in the real binary inside tmux and times, from the start, the first screen
# (the list shows a line of text) and the end of the background work (the status line says
# neither "entities N/M" nor "stories…": tagged, indexed, grouped), by polling the pane every
# 50 ms. Opens it twice with the same data folder: the first opening starts from an empty one,
# the second finds what the first kept. Prints figures; asserts nothing.
#
# usage: benches/open_probe.sh DIR [BIN]    (DIR e.g. from ../shared/tools/make_corpus.py)
set -euo pipefail
dir=${1:?usage: benches/open_probe.sh DIR [BIN]}
bin=${2:-${CARGO_TARGET_DIR:-target}/release/briefly}
command -v tmux >/dev/null || { echo "skipped: tmux not found"; exit 0; }
data=$(mktemp -d)
session=briefly-probe-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$data"' EXIT

now() { date +%s.%N; }

open_once() { # label
  local label=$1 start first="" done="" seen=0 screen
  start=$(now)
  tmux new-session -d -s "$session" -x 120 -y 30 \
    "BRIEFLY_DATA_DIR=$data exec $bin $dir"
  while :; do
    screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
    local t
    t=$(now)
    if [ -z "$first" ] && grep -q '[[:alnum:]]' <<<"$screen"; then
      first=$t
    fi
    if tail -n 1 <<<"$screen" | grep -q 'entities [0-9]*/[0-9]*\|stories…'; then
      seen=1
    elif [ -n "$first" ] && { [ $seen = 1 ] || awk -v a="$t" -v b="$first" 'BEGIN{exit !(a-b>1)}'; }; then
      done=$t
      break
    fi
    if awk -v a="$t" -v b="$start" 'BEGIN{exit !(a-b>300)}'; then
      echo "$label: still busy after 300 s"
      break
    fi
    sleep 0.05
  done
  # Quitting keeps what the analysis found (briefly waits for that save, at most 5 s).
  tmux send-keys -t "$session" q
  for _ in $(seq 100); do
    tmux has-session -t "$session" 2>/dev/null || break
    sleep 0.1
  done
  tmux kill-session -t "$session" 2>/dev/null || true
  [ -n "$done" ] && awk -v s="$start" -v f="$first" -v d="$done" -v l="$label" \
    'BEGIN{printf "%s: first screen %.2f s, background done %.2f s\n", l, f-s, d-s}'
}

echo "$(ls "$dir" | wc -l) files, $(du -sh "$dir" | cut -f1) in $dir; $(nproc) cores"
open_once "first opening (empty data folder)"
open_once "second opening (same data folder)"
echo "kept: $(du -sh "$data" | cut -f1) in the data folder"
