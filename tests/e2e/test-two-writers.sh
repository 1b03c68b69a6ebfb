#!/usr/bin/env bash
# Two writers at once: two `gutskin log` loops write different readings into the same days at
# the same time, while the app (headless) has the journal open on the check-in. Every command must
# succeed (the busy timeout makes one wait for the other) and no reading may be lost: each day
# ends with both writers' readings.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need sqlite3
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen to show here

days=40
db="$E2E_WORK/journal.db"
"$GUTSKIN" --db "$db" log --date 2026-01-01 sleep-hours=7 >/dev/null

# writer METRIC VALUE: logs METRIC=VALUE on each of the days; stops at the first failure.
writer() {
    local metric=$1 value=$2
    for i in $(seq 0 $((days - 1))); do
        date=$(date -u -d "2026-01-01 + $i days" +%F)
        if ! "$GUTSKIN" --db "$db" log --date "$date" "$metric=$value" \
            >/dev/null 2>"$E2E_WORK/$metric.err"; then
            echo "$metric on $date failed: $(cat "$E2E_WORK/$metric.err")" >"$E2E_WORK/$metric.failed"
            return 1
        fi
    done
}

# A reader holding the journal open all along: the app on a script that pages through History.
printf 'size 80 24\nkey M-2\n' >"$E2E_WORK/reader.keys"
for _ in $(seq 200); do printf 'key Down\nkey Up\n'; done >>"$E2E_WORK/reader.keys"
printf 'dump\n' >>"$E2E_WORK/reader.keys"

writer acne 2 &
first=$!
writer stress 5 &
second=$!
GUTSKIN_TEST_SCRIPT="$E2E_WORK/reader.keys" "$GUTSKIN" --db "$db" >"$E2E_WORK/reader.out" 2>&1 &
reader=$!
status=0
wait "$first" || status=1
wait "$second" || status=1
wait "$reader" || fail "the app failed while others wrote: $(tail -3 "$E2E_WORK/reader.out")"
if [ $status -ne 0 ]; then
    cat "$E2E_WORK"/*.failed >&2
    fail "a writer failed"
fi

sqlite3 "$db" "PRAGMA integrity_check" | grep -qx ok || fail "integrity check"
both=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT date FROM reading
    WHERE metric IN ('acne', 'stress') GROUP BY date HAVING count(*) = 2)")
if [ "$both" != "$days" ]; then
    sqlite3 "$db" "SELECT date, group_concat(metric) FROM reading GROUP BY date" >&2
    fail "only $both of $days days kept both writers' readings"
fi
[ "$(sqlite3 "$db" "SELECT value FROM reading WHERE date = '2026-01-01' AND metric = 'sleep-hours'")" = 7.0 ] ||
    fail "the reading saved before the writers started was lost"
echo "ok"
