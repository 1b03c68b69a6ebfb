#!/usr/bin/env bash
# `gutskin status` stays cheap, checked by what it does rather than by a clock (bench/status.sh
# times it): the binary does not load libzip (and the libcrypto, libbz2... it pulls in) at every
# start, only when a zip is read; status opens the journal once, read-only, and no content file.
. "$(dirname "$0")/lib.sh" "$1"
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen here
e2e_need readelf

needed=$(readelf -d "$GUTSKIN" | grep NEEDED || true)
echo "$needed" | grep -q "libsqlite3" || fail "readelf shows no libraries: $needed"
if echo "$needed" | grep -Eq "libzip|libcrypto|libbz2"; then
    fail "gutskin loads libzip at every start: $needed"
fi

# What status opens is seen through strace, which a container may forbid (no ptrace): then that
# part says SKIP and the library check above still counts.
if ! command -v strace >/dev/null 2>&1; then
    e2e_skip_part "strace is not installed"
elif ! strace -o /dev/null true 2>/dev/null; then
    e2e_skip_part "strace cannot trace here (ptrace not permitted)"
else
    "$GUTSKIN" log --date 2026-03-15 acne=1 >/dev/null
    status=0
    # LeakSanitizer cannot run under ptrace: a sanitizer build checks leaks in the other tests.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        strace -f -e trace=open,openat -o "$E2E_WORK/trace" "$GUTSKIN" status >"$E2E_WORK/out" ||
        status=$?
    [ "$status" = 0 ] || fail "status: exit $status: $(cat "$E2E_WORK/out")"
    grep -q "^today logged · 1/30 days$" "$E2E_WORK/out" || fail "status: $(cat "$E2E_WORK/out")"
    opens=$(grep -c "\"$JOURNAL\"" "$E2E_WORK/trace" || true)
    [ "$opens" = 1 ] || fail "status opened the journal $opens times: $(grep "$JOURNAL" "$E2E_WORK/trace")"
    grep -q "\"$JOURNAL\", O_RDONLY" "$E2E_WORK/trace" || fail "status did not open the journal read-only"
    if grep -q "\.yaml\"" "$E2E_WORK/trace"; then
        fail "status read content files: $(grep "\.yaml" "$E2E_WORK/trace")"
    fi
    echo "ok: status opens the journal once, read-only, no content"
fi
echo "ok: no libzip at start"
e2e_finish
