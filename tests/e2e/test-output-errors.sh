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
expect_write_error log --date 2026-03-02 stress=1
expect_write_error export
expect_write_error report
# Written to a pipe or a file, the same commands succeed.
"$GUTSKIN" show 2026-03-01 | grep -q "a note" || fail "show to a pipe"
echo "ok"
