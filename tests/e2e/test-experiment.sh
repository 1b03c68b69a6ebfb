#!/usr/bin/env bash
# An experiment from start to result: `experiment start` with a fixed seed, a journal imported
# from CSV that follows the schedule with a planted effect (acne 1 point lower in the periods
# without "Foods to limit"), and `experiment show --format json` giving that effect inside its
# 95% interval. Bad input (unknown ids, periods of 0 days, a second experiment while one runs, a
# past start over days already logged) gets a clear message, its exit status, and changes nothing.
. "$(dirname "$0")/lib.sh" "$1"
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen here

# json_number KEY: the number after "KEY": in the last `show --format json`.
json_number() {
    sed -n "s/^  \"$1\": \\(-\\{0,1\\}[0-9.e+-]*\\),\\{0,1\\}\$/\\1/p" "$E2E_WORK/show.json"
}

# Bad plans before any journal exists: refused, and no journal is made.
e2e_expect 1 "unknown food 'no-such-food'" experiment start --change "avoid food:no-such-food" --outcome acne
e2e_expect 1 "unknown sign or group 'no-such-sign'" experiment start --change "avoid category:limit" --outcome no-such-sign
e2e_expect 1 "unknown sign or group 'Breakots'; did you mean 'acne' (Breakouts)?" experiment start --change "avoid category:Foods to LIMIT" --outcome Breakots
e2e_expect 2 "not a change" experiment start --change "eat less" --outcome acne
e2e_expect 2 "period-days must be a whole number from 1" experiment start --change "avoid category:limit" --outcome acne --period-days 0
e2e_expect 2 "washout-days must be 0 to 6" experiment start --change "avoid category:limit" --outcome acne --washout-days 7
e2e_expect 2 "unknown experiment command 'begin'" experiment begin
[ ! -e "$JOURNAL" ] || fail "a refused plan made a journal"
e2e_expect 1 "there is no journal yet" experiment show

# The plan: 4 pairs of 7 days from 2026-01-01 (before today, 2026-03-15, with nothing logged).
"$GUTSKIN" experiment start --change "avoid category:limit" --outcome acne --start 2026-01-01 \
    --seed 7 >"$E2E_WORK/plan" || fail "experiment start failed"
grep -q "seed 7" "$E2E_WORK/plan" || fail "the schedule does not name its seed"
[ "$(grep -c ' to 2026-' "$E2E_WORK/plan")" = 8 ] || fail "not 8 periods: $(cat "$E2E_WORK/plan")"
# The same seed gives the same schedule on any run.
arms=$(awk '$3 == "to" { printf "%s ", $5 }' "$E2E_WORK/plan")
[ "$arms" = "$(awk '$3 == "to" { printf "%s ", $5 }' "$E2E_WORK/plan")" ] || fail "schedule"

# The journal: every day follows its period's instruction; acne is 1 on days without the foods
# to limit ("with" the change) and 2 with them, plus a 0/1 wobble; every 9th day is not logged.
{
    echo "date,acne,food:yogurt,food:excess-dairy"
    awk -v arms="$arms" 'BEGIN {
        split(arms, arm, " ")
        for (i = 0; i < 56; i++) {
            if (i % 9 == 4) continue
            cmd = "date -u -d \"2026-01-01 + " i " days\" +%F"; cmd | getline day; close(cmd)
            with = arm[int(i / 7) + 1] == "with"
            wobble = (i * 7 % 5 < 2) ? 1 : 0
            printf "%s,%d,%s,%s\n", day, (with ? 1 : 2) + wobble, with ? "1" : "", with ? "" : "1"
        }
    }'
} >"$E2E_WORK/days.csv"
"$GUTSKIN" import "$E2E_WORK/days.csv" >/dev/null || fail "import failed"

"$GUTSKIN" experiment show --format json >"$E2E_WORK/show.json" || fail "show --format json failed"
effect=$(json_number effect)
low=$(json_number ci_low)
high=$(json_number ci_high)
p=$(json_number p)
[ -n "$effect" ] && [ -n "$low" ] && [ -n "$high" ] && [ -n "$p" ] ||
    fail "no result in $(cat "$E2E_WORK/show.json")"
grep -q '"pairs_complete": 4' "$E2E_WORK/show.json" || fail "not 4 complete pairs"
grep -q '"status": "finished"' "$E2E_WORK/show.json" || fail "not finished"
awk -v e="$effect" -v l="$low" -v h="$high" 'BEGIN {
    exit !(l <= -1 && -1 <= h && e > -1.5 && e < -0.5 && l < e && e < h) }' ||
    fail "planted effect -1 not inside: effect $effect, interval $low to $high"
# 4 pairs all the same way: the smallest randomisation p there is, 2/16.
[ "$p" = "0.125" ] || fail "randomisation p $p, not 0.125"
"$GUTSKIN" experiment show >"$E2E_WORK/show.txt" || fail "show failed"
grep -q "worse in the periods with Foods to limit" "$E2E_WORK/show.txt" ||
    fail "the result is not worded: $(cat "$E2E_WORK/show.txt")"
grep -q "95% interval" "$E2E_WORK/show.txt" || fail "no interval in the text"

# Trends marks where each period starts, with its arm, and the day after the last, and shades
# the periods with the change.
printf 'size 120 30\nkey M-3\ndump\n' >"$E2E_WORK/script"
GUTSKIN_TEST_SCRIPT="$E2E_WORK/script" "$GUTSKIN" >"$E2E_WORK/screen" 2>&1 || fail "app failed"
grep -q "without.*with.*test end" "$E2E_WORK/screen" ||
    fail "no periods on the Trends chart: $(head -5 "$E2E_WORK/screen")"
shade=$(printf '\342\226\221') # U+2591, the light shade of a band
grep -q "with$shade$shade" "$E2E_WORK/screen" || fail "the periods with the change are not shaded"
grep -q "without$shade" "$E2E_WORK/screen" && fail "a period without the change is shaded"

# Trends' Experiment view (after chart, calendar and insights) shows the periods and the result.
printf 'size 100 40\nkey M-3\nkey v v v\ndump\n' >"$E2E_WORK/script"
GUTSKIN_TEST_SCRIPT="$E2E_WORK/script" "$GUTSKIN" >"$E2E_WORK/screen" 2>&1 || fail "app failed"
grep -q "Result: in these 8 weeks" "$E2E_WORK/screen" ||
    fail "no Experiment view: $(head -12 "$E2E_WORK/screen")"

# The report tells the experiment, in Markdown and in HTML.
"$GUTSKIN" report --from 2026-01-01 --to 2026-02-28 --format md >"$E2E_WORK/report.md" ||
    fail "report failed"
grep -q "^## Experiments" "$E2E_WORK/report.md" || fail "no experiment in the report"
grep -q "Result: in these 8 weeks (4 complete pairs)" "$E2E_WORK/report.md" ||
    fail "no result in the report: $(grep -A12 Experiments "$E2E_WORK/report.md")"
"$GUTSKIN" report --from 2026-01-01 --to 2026-02-28 --format html >"$E2E_WORK/report.html" ||
    fail "report --format html failed"
grep -q "<h2>Experiments</h2>" "$E2E_WORK/report.html" || fail "no experiment in the HTML report"
grep -q "95% interval" "$E2E_WORK/report.html" || fail "no interval in the HTML report"
"$GUTSKIN" report --from 2026-03-01 --to 2026-03-14 --format md >"$E2E_WORK/report.md"
! grep -q "^## Experiments" "$E2E_WORK/report.md" || fail "an experiment outside the period"

# A past start over days already logged, then one at a time.
"$GUTSKIN" experiment list >"$E2E_WORK/list-before"
e2e_expect 1 "days from then to today are already logged" experiment start --change "avoid category:limit" --outcome acne --start 2026-02-20
"$GUTSKIN" experiment start --change "take food:kefir" --outcome acne --seed 1 >/dev/null ||
    fail "a new experiment after the last one finished was refused"
"$GUTSKIN" experiment list >"$E2E_WORK/list-running"
e2e_expect 1 "already running" experiment start --change "avoid food:excess-dairy" --outcome acne
"$GUTSKIN" experiment list >"$E2E_WORK/list-after"
cmp -s "$E2E_WORK/list-running" "$E2E_WORK/list-after" || fail "a refused start changed the list"
[ "$(wc -l <"$E2E_WORK/list-after")" = 2 ] || fail "list: $(cat "$E2E_WORK/list-after")"
grep -q "running.*take food:kefir" "$E2E_WORK/list-after" || fail "list: $(cat "$E2E_WORK/list-after")"
# The check-in's header shows today's instruction (headless: the real UI drawn into memory).
printf 'size 200 60\ndump\n' >"$E2E_WORK/script"
GUTSKIN_TEST_SCRIPT="$E2E_WORK/script" "$GUTSKIN" >"$E2E_WORK/screen" 2>&1 || fail "app failed"
grep -q "Experiment: \(take\|no\) Kefir today, day 1 of 7 (washout)" "$E2E_WORK/screen" ||
    fail "no instruction in the check-in: $(head -3 "$E2E_WORK/screen")"
"$GUTSKIN" experiment stop >/dev/null || fail "stop failed"
GUTSKIN_TEST_SCRIPT="$E2E_WORK/script" "$GUTSKIN" >"$E2E_WORK/screen" 2>&1 || fail "app failed"
! grep -q "Experiment:" "$E2E_WORK/screen" || fail "a stopped experiment still instructs"
"$GUTSKIN" experiment list | grep -q "stopped.*take food:kefir" || fail "not shown as stopped"
e2e_expect 1 "no experiment is running" experiment stop
# An earlier experiment by its number; an unknown number is refused.
"$GUTSKIN" experiment show 1 --format json | grep -q '"pairs_complete": 4' || fail "show 1"
e2e_expect 1 "there is no experiment 9" experiment show 9
e2e_expect 2 "whole number" experiment show x1
[ -z "${E2E_SHOW:-}" ] || cat "$E2E_WORK/show.txt" "$E2E_WORK/show.json" "$E2E_WORK/report.html"
echo ok
