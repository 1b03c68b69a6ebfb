#!/usr/bin/env bash
# A scripted session under valgrind: importing a few months of days, then the full-screen app
# (headless) through a check-in with a save, Trends, the guides with a filter, the help overlay,
# resizes, History and a quit; then export and report. Any memory error or any definite or
# indirect leak fails the test. No suppressions are needed: what ncurses, SQLite and libyaml keep
# until exit is "still reachable", which is not counted.
#
# Skipped under the sanitizer build: valgrind cannot run a binary built with AddressSanitizer.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need valgrind
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen to show here

if grep -q __asan_init "$GUTSKIN"; then
    e2e_skip "$GUTSKIN is built with AddressSanitizer, which valgrind cannot run"
fi

db="$E2E_WORK/journal.db"
# vg NAME ARGS...: runs gutskin under valgrind; the report goes to $E2E_WORK/NAME.valgrind.
vg() {
    local name=$1
    shift
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        --track-origins=yes --log-file="$E2E_WORK/$name.valgrind" \
        "$GUTSKIN" --db "$db" "$@" >"$E2E_WORK/$name.out" 2>"$E2E_WORK/$name.err" || {
        local status=$?
        cat "$E2E_WORK/$name.valgrind" "$E2E_WORK/$name.err" >&2
        fail "$name under valgrind exited $status (99: memory errors or leaks)"
    }
}

# About four months with a pattern, so that Trends and the report have something to show.
{
    printf 'date,acne,bloating,stress,sleep-hours,food:kimchi,note\r\n'
    for i in $(seq 0 119); do
        printf '%s,%d,%d,%d,%s,%s,%s\r\n' "$(date -u -d "2025-11-16 + $i days" +%F)" \
            $((i % 5)) $((i * 7 % 5)) $((i % 11)) "$((5 + i % 4)).5" \
            "$([ $((i % 3)) = 0 ] && echo 1)" "$([ $((i % 10)) = 0 ] && echo "day $i")"
    done
} >"$E2E_WORK/days.csv"
vg import import "$E2E_WORK/days.csv"

cat >"$E2E_WORK/session.keys" <<'EOF'
size 80 24
# Check-in: rate, move, tick a food, write a short note, save.
key 2 Down 3 Down Down 1
key End
key Up Space
key C-s
dump
# Trends: switch, walk its keys, change the range.
key M-3
key Down Down Right Left Tab
type a
type m
key S-Tab
dump
key ?
key Esc
# Guides: foods with a filter, signs, lifestyle, about.
key M-4
type /kim
key Enter
key Down Up
key M-5
key Down Down Enter
key M-6
key Down Tab
key M-7
key PgDn PgUp
# Resizes, including too small.
resize 120 40
dump
resize 30 8
dump
resize 100 30
# History: open an older day, change it, discard on leaving.
key M-2
key Down Down Enter
key 4
key M-1
key q
type n
EOF
GUTSKIN_TEST_SCRIPT="$E2E_WORK/session.keys" vg app
grep -q "Saved Sun 15 Mar 2026" "$E2E_WORK/app.out" || fail "the check-in was not saved"
grep -q "too small" "$E2E_WORK/app.out" || fail "the resize to 30x8 was not drawn"

vg export export --format json -o "$E2E_WORK/export.json"
vg report report --days 60 -o "$E2E_WORK/report.html"
grep -q "2026-03-15" "$E2E_WORK/export.json" || fail "the export misses the day saved in the app"
echo "ok: import, app session, export and report ran clean under valgrind"
