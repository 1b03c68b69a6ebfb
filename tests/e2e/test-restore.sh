#!/usr/bin/env bash
# test-restore.sh - `gutskin restore` while the app has the journal open: the file is checked and
# described, the journal as it was is kept as a dated copy, the restore goes into the live
# journal, and a save made afterwards in the app that was open all along lands in the restored
# journal, which checks ok. Also the automatic copies a few days of logging leave, their list,
# and files restore must refuse.
#
# usage: test-restore.sh PATH-TO-GUTSKIN
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

gs() { "$GUTSKIN" "$@"; }
BACKUPS="$XDG_DATA_HOME/gutskin/backups"

for day in 01 02 03 04; do
    GUTSKIN_TODAY=2026-03-$day gs log acne=1 --note "day $day" >/dev/null || fail "log 2026-03-$day"
done
[ -f "$BACKUPS/journal-2026-03-04.db" ] || fail "no automatic copy for 2026-03-04: $(ls -la "$BACKUPS")"
[ "$(stat -c %a "$BACKUPS")" = 700 ] || fail "the backups folder is not private"
[ "$(stat -c %a "$BACKUPS/journal-2026-03-04.db")" = 600 ] || fail "a copy is not private"
list=$(gs backup --list) || fail "backup --list failed"
grep -q "^2026-03-02 .* journal-2026-03-02.db$" <<<"$list" || fail "backup --list: $list"

# The app is open on today while the journal is restored from the shell.
e2e_start 100 30
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
out=$(gs restore "$BACKUPS/journal-2026-03-03.db") || fail "restore failed: $out"
grep -q "journal-2026-03-03.db: 2 days, from 2026-03-01 to 2026-03-02" <<<"$out" || fail "restore: $out"
grep -q "the journal now: 4 days, from 2026-03-01 to 2026-03-04" <<<"$out" || fail "restore: $out"
kept=$(sed -n 's/^the journal as it was is kept in //p' <<<"$out")
[ -f "$kept" ] || fail "no copy of the journal as it was: $out"
gs check "$kept" | grep -q "ok (4 days" || fail "the kept copy does not hold the 4 days"

e2e_keys 2
e2e_wait_for "[changed]"
e2e_keys C-s
e2e_wait_for "Saved Sun 15 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"

check=$(gs check) || fail "check after the restore: $check"
grep -q "ok (3 days, from 2026-03-01 to 2026-03-15" <<<"$check" || fail "after the restore: $check"
gs show 2026-03-02 | grep -q "day 02" || fail "the restored day lost its note"
if gs show 2026-03-04 >/dev/null 2>&1; then fail "2026-03-04 is still there after the restore"; fi

# A backup that cannot be made: the app saves, says so once in its status line, saves again.
mv "$BACKUPS" "$E2E_WORK/backups-aside"
echo "not a folder" >"$BACKUPS"
e2e_new_server
GUTSKIN_TODAY=2026-03-16 e2e_start 120 30
e2e_wait_for "Mon 16 Mar 2026 (today) [new]"
e2e_keys 1
e2e_wait_for "[changed]"
e2e_keys C-s
e2e_wait_for "automatic backup failed"
e2e_wait_for "usual" # "saved as usual": the message wraps where the path is long, so one word
e2e_keys 2
e2e_wait_for "[changed]"
e2e_keys C-s
e2e_wait_for "Saved Mon 16 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
gs show 2026-03-16 >/dev/null || fail "the day saved while the backup failed is not there"
rm "$BACKUPS"
mv "$E2E_WORK/backups-aside" "$BACKUPS"

# Files restore refuses, with the journal left as it is.
before=$(sha256sum "$JOURNAL")
echo "not a journal" >"$E2E_WORK/garbage.db"
for bad in "$E2E_WORK/garbage.db" "$E2E_WORK/missing.db" "$JOURNAL"; do
    if gs restore "$bad" 2>"$E2E_WORK/err"; then fail "restore $bad succeeded"; fi
    grep -q "^gutskin: " "$E2E_WORK/err" || fail "restore $bad said: $(cat "$E2E_WORK/err")"
done
[ "$before" = "$(sha256sum "$JOURNAL")" ] || fail "a refused restore changed the journal"
echo "ok"
