#!/usr/bin/env bash
# Commands whose standard output cannot be written (a full disk) fail with a message instead of
# ending with status 0 and an empty or half-written file.
. "$(dirname "$0")/lib.sh" "$1"

[ -w /dev/full ] || e2e_skip "no /dev/full to stand for a full disk"
"$GUTSKIN" log --date 2026-03-01 acne=2 --note "a note" >/dev/null || fail "log failed"

expect_write_error() {
    local status=0
    "$GUTSKIN" "$@" >/dev/full 2>"$E2E_WORK/err" || status=$?
    [ "$status" = 1 ] || fail "gutskin $* > /dev/full: status $status, expected 1"
    grep -q "gutskin: cannot write" "$E2E_WORK/err" || fail "gutskin $*: no message: $(cat "$E2E_WORK/err")"
}
expect_write_error show 2026-03-01
expect_write_error --help
# log has saved the day before it prints: its status keeps meaning "saved" (0), and the lost
# confirmation is said on stderr.
status=0
"$GUTSKIN" log --date 2026-03-02 stress=1 >/dev/full 2>"$E2E_WORK/err" || status=$?
[ "$status" = 0 ] || fail "log > /dev/full: status $status, but the day was saved ($(cat "$E2E_WORK/err"))"
grep -q "gutskin: 2026-03-02 is saved, but its confirmation could not be written" "$E2E_WORK/err" ||
    fail "log > /dev/full: $(cat "$E2E_WORK/err")"
"$GUTSKIN" show 2026-03-02 | grep -q "Stress" || fail "log > /dev/full did not save: $("$GUTSKIN" show 2026-03-02)"
# Nothing saved is still 1, with or without a standard output.
status=0
"$GUTSKIN" log --date 2026-03-03 stress=99 >/dev/full 2>/dev/null || status=$?
[ "$status" = 1 ] || fail "log of a bad value > /dev/full: status $status, expected 1"
expect_write_error export
expect_write_error report
# Written to a pipe or a file, the same commands succeed.
"$GUTSKIN" show 2026-03-01 | grep -q "a note" || fail "show to a pipe"
echo "ok"
