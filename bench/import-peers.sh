#!/usr/bin/env bash
# bench/import-peers.sh - times `gutskin import` of other apps' exports: a year of Daylio (365
# days, 3 to 5 entries a day) and a 5-year Loop backup (12 habits). Each import goes into a fresh
# journal and a fresh own-items folder (the items are made too), so every run does the whole work.
# Prints the median and the slowest of BENCH_RUNS runs (default 10), in milliseconds.
#
# usage: bench/import-peers.sh [BUILD_DIR]     (default: build-bench at the top of the tree)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
runs=${BENCH_RUNS:-10}
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGUTSKIN_TESTS=OFF >&2
fi
cmake --build "$build" --target bench_tools -j"$(nproc)" >&2
work=$(mktemp -d "${TMPDIR:-/tmp}/gutskin-bench-import-XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_DATA_HOME="$work/data" GUTSKIN_TODAY=2026-03-15 LC_ALL=C.UTF-8 TZ=UTC
unset GUTSKIN_DB
mkdir -p "$HOME"
"$build/bench/gen-peer-exports" "$work"

# time_ms LABEL ARGS...: runs `gutskin ARGS` $runs times, each on a fresh journal and own items.
time_ms() {
    local label=$1
    shift
    local times=()
    for ((i = 0; i < runs; i++)); do
        rm -rf "$work/config" "$work/journal.db"*
        export XDG_CONFIG_HOME="$work/config"
        local start end
        start=$(date +%s%N)
        "$build/gutskin" --db "$work/journal.db" "$@" >"$work/out" 2>&1 || {
            cat "$work/out" >&2
            exit 1
        }
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    printf '| %s | %s | %s | %s |\n' "$label" "$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")" \
        "$(tail -1 <<<"$sorted")" "$(grep '^days:' "$work/out" | head -1)"
}

echo "| import | median ms | slowest ms | what it held |"
echo "| --- | --- | --- | --- |"
time_ms "Daylio CSV, 1 year, dry run" import --dry-run --map "$work/daylio.map.yaml" "$work/daylio.csv"
time_ms "Daylio CSV, 1 year" import --map "$work/daylio.map.yaml" "$work/daylio.csv"
time_ms "Loop backup, 5 years, dry run" import --dry-run --map "$work/loop.map.yaml" "$work/loop.db"
time_ms "Loop backup, 5 years" import "$work/loop.db"
