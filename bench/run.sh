#!/usr/bin/env bash
# bench/run.sh - measures gutskin on generated journals of 1, 10 and 50 years and prints a
# Markdown table of medians (see bench/README.md for the method of each measure).
#
# usage: bench/run.sh [BUILD_DIR]      (default: build-bench at the top of the source tree)
# Environment: BENCH_RUNS (most runs per measure, default 10), BENCH_YEARS (default "1 10 50";
# "10e" is 10 years with every day logged), BENCH_KEEP=1 keeps the temporary folder with the
# journals, BENCH_MONTECARLO (journals of each kind for bench/montecarlo, default 200; 0: skip).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
runs=${BENCH_RUNS:-10}
years_list=${BENCH_YEARS:-1 10 10e 50}

log() { printf '%s\n' "$*" >&2; }

# --- build ---------------------------------------------------------------------------------

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGUTSKIN_TESTS=OFF >&2
fi
cmake --build "$build" --target bench_tools -j"$(nproc)" >&2
gutskin=$build/gutskin
gen=$build/bench/gen-journal

work=$(mktemp -d "${TMPDIR:-/tmp}/gutskin-bench-XXXXXX")
if [ "${BENCH_KEEP:-}" = 1 ]; then log "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

# A pinned world, as in the tests: the same journal and the same screens on every run.
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export GUTSKIN_TODAY=2026-03-15 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm
unset GUTSKIN_DB GUTSKIN_TEST_SCRIPT GUTSKIN_FRAME_TIMES NO_COLOR VISUAL EDITOR
mkdir -p "$HOME"
last_day=$GUTSKIN_TODAY

# --- measuring -----------------------------------------------------------------------------

have_hyperfine=false
command -v hyperfine >/dev/null && have_hyperfine=true
if [ ! -x /usr/bin/time ]; then
    log "bench: /usr/bin/time is missing (apt-get install time); memory is not measured"
fi

# median_ms PREPARE COMMAND...: the median wall time of COMMAND in milliseconds over several
# runs; PREPARE (a command without shell syntax, or true) runs before each one, untimed.
median_ms() {
    local prepare=$1
    shift
    if $have_hyperfine; then
        local csv="$work/hyperfine.csv" quoted
        quoted=$(printf '%q ' "$@")
        hyperfine --shell=none --style none --warmup 1 --min-runs 3 --max-runs "$runs" \
            --prepare "$prepare" --export-csv "$csv" "$quoted" >/dev/null 2>&1 ||
            { log "bench: failed: $*"; echo nan; return; }
        awk -F, 'NR == 2 { printf "%.1f\n", $4 * 1000 }' "$csv"
        return
    fi
    local times=() start end
    for _ in $(seq "$runs"); do
        bash -c "$prepare"
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || { log "bench: failed: $*"; echo nan; return; }
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n |
        awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                                  printf "%.1f\n", m / 1000 }'
}

# peak_mib COMMAND...: the maximum resident set size of one run, in MiB.
peak_mib() {
    if [ ! -x /usr/bin/time ]; then echo nan; return; fi
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || { echo nan; return; }
    awk '{ printf "%.1f\n", $1 / 1024 }' "$work/rss"
}

# --- the journals --------------------------------------------------------------------------

declare -A days db csv
for y in $years_list; do
    log "bench: generating $y year(s)"
    db[$y]=$work/journal-$y.db
    csv[$y]=$work/journal-$y.csv
    case $y in
    *e) "$gen" --db "${db[$y]}" --years "${y%e}" --every-day yes --end "$last_day" --csv "${csv[$y]}" ;;
    *) "$gen" --db "${db[$y]}" --years "$y" --end "$last_day" --csv "${csv[$y]}" ;;
    esac
    days[$y]=$(sqlite3 "${db[$y]}" "SELECT count(*) FROM day")
done
db[empty]=$work/journal-empty.db
GUTSKIN_TEST_SCRIPT=/dev/null "$gutskin" --db "${db[empty]}" >/dev/null

# The same rows as gutskin's journal, for sqlite3's own .import into an equivalent schema.
for y in $years_list; do
    sqlite3 "${db[$y]}" .schema >"$work/schema.sql"
    sqlite3 -csv "${db[$y]}" "SELECT date, note, note_changed_at, changed_at FROM day" \
        >"$work/rows-$y-day.csv"
    sqlite3 -csv "${db[$y]}" "SELECT date, metric, value, changed_at FROM reading" \
        >"$work/rows-$y-reading.csv"
    sqlite3 -csv "${db[$y]}" "SELECT date, food, servings, changed_at FROM food_eaten" \
        >"$work/rows-$y-food.csv"
done

# Headless scripts: start-up ends right after the first frame. Trends: Alt-3 (digits are values
# on the check-in), r twice (90 days -> 1 year -> all), 20 cursor moves, then the calendar and
# insights views (v, v). With GUTSKIN_FRAME_TIMES each frame's time is written, one per line; the
# frames of the start-up script (before any key) come first, then one per key:
#   1 Trends at 90 days, 2 one year, 3 all, 4-23 Left/Right, 24 calendar, 25 insights (its
#   first frame, with a progress line), 26 and on: the slices of the insights' work, each a frame
printf 'size 80 24\ndump\n' >"$work/startup.keys"
{
    printf 'size 80 24\nkey M-3\nkey r\nkey r\ndump\n'
    for _ in 1 2 3 4 5 6 7 8 9 10; do printf 'key Left\nkey Right\n'; done
    printf 'key v\nkey v\ndump\n'
} >"$work/trends.keys"

scratch=$work/scratch.db
clean_scratch="rm -f $scratch $scratch-wal $scratch-shm"

# --- the measures --------------------------------------------------------------------------

declare -A result
app() { GUTSKIN_TEST_SCRIPT=$1 "$gutskin" --db "$2"; }

for y in empty $years_list; do
    log "bench: start-up, $y"
    result[startup,$y]=$(GUTSKIN_TEST_SCRIPT=$work/startup.keys median_ms true "$gutskin" --db "${db[$y]}")
    result[startup_rss,$y]=$(GUTSKIN_TEST_SCRIPT=$work/startup.keys peak_mib "$gutskin" --db "${db[$y]}")
done

for y in empty $years_list; do
    log "bench: trends, $y"
    # Five runs; each frame's time is the median over the runs.
    rm -f "$work"/frames.*
    for r in 1 2 3 4 5; do
        GUTSKIN_FRAME_TIMES=$work/frames.$r app "$work/trends.keys" "${db[$y]}" >"$work/trends-$y.screen"
    done
    rm -f "$work/frames.startup"
    GUTSKIN_FRAME_TIMES=$work/frames.startup app "$work/startup.keys" "${db[$y]}" >/dev/null
    if [ -s "$work/frames.1" ]; then
        base=$(wc -l <"$work/frames.startup")
        # frame K: the median over the runs of the frame after the Kth key, in ms.
        frame() { for r in 1 2 3 4 5; do sed -n "$((base + $1))p" "$work/frames.$r"; done |
                  sort -n | awk '{ v[NR] = $1 } END { printf "%.1f\n", v[3] / 1000 }'; }
        result[trends_open,$y]=$(frame 1)
        result[trends_all,$y]=$(frame 3)
        result[trends_key,$y]=$(for k in $(seq 4 23); do frame "$k"; done | sort -n | sed -n 10p)
        result[trends_calendar,$y]=$(frame 24)
        result[trends_insights,$y]=$(frame 25)
        # complete: the first frame and every slice after it, summed, median over the runs
        result[trends_insights_done,$y]=$(for r in 1 2 3 4 5; do
            tail -n +"$((base + 25))" "$work/frames.$r" | awk '{ s += $1 } END { print s }'
        done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f\n", v[3] / 1000 }')
    else
        log "bench: this gutskin writes no frame times (GUTSKIN_FRAME_TIMES); Trends not measured"
    fi
    result[trends_rss,$y]=$(GUTSKIN_TEST_SCRIPT=$work/trends.keys peak_mib "$gutskin" --db "${db[$y]}")
done

for y in $years_list; do
    log "bench: import, $y years"
    result[import,$y]=$(median_ms "$clean_scratch" "$gutskin" --db "$scratch" import "${csv[$y]}")
    result[import_rss,$y]=$(bash -c "$clean_scratch"; peak_mib "$gutskin" --db "$scratch" import "${csv[$y]}")
    result[sqlite_wide,$y]=$(median_ms "$clean_scratch" sqlite3 "$scratch" ".import --csv ${csv[$y]} days")
    result[sqlite_rows,$y]=$(median_ms "$clean_scratch" sqlite3 "$scratch" \
        -cmd ".read $work/schema.sql" -cmd "PRAGMA journal_mode = WAL" \
        -cmd "PRAGMA synchronous = FULL" ".import --csv $work/rows-$y-day.csv day" \
        ".import --csv $work/rows-$y-reading.csv reading" \
        ".import --csv $work/rows-$y-food.csv food_eaten")

    log "bench: export and report, $y years"
    result[export,$y]=$(median_ms true "$gutskin" --db "${db[$y]}" export -o "$work/out.csv" --force)
    result[export_rss,$y]=$(peak_mib "$gutskin" --db "${db[$y]}" export -o "$work/out.csv" --force)
    first=$(sqlite3 "${db[$y]}" "SELECT min(date) FROM day")
    for format in md html; do
        result[report_$format,$y]=$(median_ms true "$gutskin" --db "${db[$y]}" report \
            --from "$first" --to "$last_day" -o "$work/report.$format" --force)
        result[report_${format}_rss,$y]=$(peak_mib "$gutskin" --db "${db[$y]}" report \
            --from "$first" --to "$last_day" -o "$work/report.$format" --force)
    done
done

# --- the table -----------------------------------------------------------------------------

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms + 0 > 0) printf "%.0f", n / ms * 1000; else print "nan" }'; }
# verdict VALUE TARGET: "met" when VALUE <= TARGET (both numbers).
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "nan" || v == "") print "?"; else print (v + 0 <= t + 0) ? "met" : "missed" }'; }

ten=10
case " $years_list " in *" 10 "*) ;; *) ten=$(echo "$years_list" | awk '{ print $NF }') ;; esac

for y in $years_list; do
    result[import_rate,$y]=$(rate "${days[$y]}" "${result[import,$y]}")
    result[wide_rate,$y]=$(rate "${days[$y]}" "${result[sqlite_wide,$y]}")
    result[rows_rate,$y]=$(rate "${days[$y]}" "${result[sqlite_rows,$y]}")
done
half_wide=$(awk -v r="${result[wide_rate,$ten]}" 'BEGIN { print r / 2 }')
half_rows=$(awk -v r="${result[rows_rate,$ten]}" 'BEGIN { print r / 2 }')
ge() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "nan") print "?"; else print (v + 0 >= t + 0) ? "met" : "missed" }'; }
empty=${result[startup,empty]}
startup_limit=$(awk -v e="$empty" 'BEGIN { print (e + 10 < 30) ? e + 10 : 30 }')

# row LABEL KEY UNIT TARGET VERDICT: one line; the empty-journal column only where measured.
row() {
    local line="| $1 | ${result[$2,empty]:-–}${result[$2,empty]:+ $3} |"
    for y in $years_list; do line+=" ${result[$2,$y]} $3 |"; done
    echo "$line $4 | $5 |"
}

echo "## Results"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ { print $2 }') GiB;" \
     "SQLite $(sqlite3 --version | cut -d' ' -f1); gutskin $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?');" \
     "$(if $have_hyperfine; then echo "hyperfine, median of 3 to $runs runs"; else echo "median of $runs runs"; fi)."
echo
echo "Days logged: $(for y in $years_list; do printf '%s y: %s; ' "$y" "${days[$y]}"; done)"
echo
line="| measure | empty |"
rule="| --- | ---: |"
for y in $years_list; do
    case $y in *e) line+=" ${y%e} y, every day |" ;; *) line+=" $y y |" ;; esac
    rule+=" ---: |"
done
echo "$line target ($ten y) | |"
echo "$rule --- | --- |"
row "start-up to the first check-in frame" startup ms "< 30 ms, < empty + 10 ms" \
    "$(verdict "${result[startup,$ten]}" "$startup_limit")"
row "Trends: switch to it (90 days)" trends_open ms "< 20 ms" "$(verdict "${result[trends_open,$ten]}" 20)"
row "Trends: set the range to all" trends_all ms "< 20 ms" "$(verdict "${result[trends_all,$ten]}" 20)"
row "Trends: a frame after a cursor key (median of 20)" trends_key ms "< 20 ms" "$(verdict "${result[trends_key,$ten]}" 20)"
row "Trends: calendar view at all" trends_calendar ms "< 20 ms" "$(verdict "${result[trends_calendar,$ten]}" 20)"
row "Trends: insights view at all, first frame" trends_insights ms "< 20 ms" "$(verdict "${result[trends_insights,$ten]}" 20)"
row "Trends: insights view at all, complete" trends_insights_done ms "< 200 ms" "$(verdict "${result[trends_insights_done,$ten]}" 200)"
row "gutskin import" import_rate "days/s" "" ""
row "sqlite3 .import, one wide table" wide_rate "days/s" ">= half: ${half_wide%.*}/s" "$(ge "${result[import_rate,$ten]}" "$half_wide")"
row "sqlite3 .import, gutskin's schema" rows_rate "days/s" ">= half: ${half_rows%.*}/s" "$(ge "${result[import_rate,$ten]}" "$half_rows")"
row "gutskin export (CSV)" export ms "< 200 ms" "$(verdict "${result[export,$ten]}" 200)"
row "gutskin report, whole journal, Markdown" report_md ms "< 200 ms" "$(verdict "${result[report_md,$ten]}" 200)"
row "gutskin report, whole journal, HTML" report_html ms "< 200 ms" "$(verdict "${result[report_html,$ten]}" 200)"
row "peak memory: app start-up" startup_rss MiB "< 16 MiB" "$(verdict "${result[startup_rss,$ten]}" 16)"
row "peak memory: app on Trends" trends_rss MiB "< 16 MiB" "$(verdict "${result[trends_rss,$ten]}" 16)"
row "peak memory: import" import_rss MiB "" ""
row "peak memory: export" export_rss MiB "" ""
row "peak memory: report, Markdown" report_md_rss MiB "" ""
row "peak memory: report, HTML" report_html_rss MiB "" ""

# --- the insights' promise -------------------------------------------------------------------

journals=${BENCH_MONTECARLO:-200}
if [ "$journals" -gt 0 ]; then
    log "bench: Monte Carlo, $journals noise and $journals planted journals"
    echo
    echo "## Insights on journals with a known truth (bench/montecarlo)"
    echo
    echo '```'
    "$build/bench/montecarlo" --journals "$journals"
    echo '```'
fi
