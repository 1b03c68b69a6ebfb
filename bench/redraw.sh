#!/usr/bin/env bash
# bench/redraw.sh - what a key costs when it changes nothing, and when it moves a cursor: the
# median frame time (handling the key, then drawing what it changed) on Trends and History at
# 200x60, over the demo journal. See bench/README.md, "Drawing only what changed".
#
# usage: bench/redraw.sh [GUTSKIN]      (default: build/gutskin at the top of the source tree)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
gutskin=$(readlink -f "${1:-$root/build/gutskin}")
work=$(mktemp -d "${TMPDIR:-/tmp}/gutskin-redraw-XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export GUTSKIN_TODAY=2026-03-15 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm GUTSKIN_FIRST_START=off
unset GUTSKIN_DB GUTSKIN_FRAME_TIMES NO_COLOR
mkdir -p "$HOME"

# script SCREEN_KEY KEY: 300 presses of KEY on a screen; a key nothing uses ("~") or a move.
script() {
    printf 'size 200 60\nkey %s\n' "$1"
    for _ in $(seq 300); do printf 'key %s\n' "$2"; done
}

# median_us SCREEN_KEY KEY: the median of the 300 frames after the switch, over five runs.
median_us() {
    script "$1" "$2" >"$work/keys"
    for _ in 1 2 3 4 5; do
        rm -f "$work/frames"
        GUTSKIN_TEST_SCRIPT="$work/keys" GUTSKIN_FRAME_TIMES="$work/frames" \
            "$gutskin" --db "$work/demo.db" demo >/dev/null
        tail -n 300 "$work/frames" | sort -n | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }'
    done | sort -n | sed -n 3p
}

echo "| 200x60, demo journal | median frame |"
echo "| --- | --- |"
echo "| Trends, a key it does not use | $(median_us M-3 '~') us |"
echo "| Trends, the chart's cursor one day back | $(median_us M-3 Left) us |"
echo "| History, Up on the first row | $(median_us M-2 Up) us |"
echo "| History, a key it does not use | $(median_us M-2 '~') us |"
