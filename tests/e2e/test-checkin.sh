#!/usr/bin/env bash
# A new person's first check-in in a real terminal: rate, tick, save, leave, come back, find it;
# resize while editing; quitting with unsaved changes asks first.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux sqlite3

e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_keys 2 Down 3
e2e_wait_for "[changed]"
e2e_wait_for "moderate"

# Resize while editing: the change is still there, the layout follows.
e2e_resize 120 40
e2e_wait_for "severe"
e2e_resize 30 8
e2e_wait_for "terminal too small"
e2e_resize 80 24
e2e_wait_for "[changed]"

# Quitting with unsaved changes asks; Escape stays.
e2e_keys q
e2e_wait_for "Save changes to Sun 15 Mar 2026?"
e2e_keys Escape
e2e_wait_gone "Save changes"
e2e_wait_for "[changed]"

# Save and quit.
e2e_keys C-s
e2e_wait_for "Saved Sun 15 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
[ "$(stat -c %a "$JOURNAL")" = 600 ] || fail "journal mode is $(stat -c %a "$JOURNAL")"

# Reopen: the day is there, and History lists it.
e2e_new_server
e2e_start 80 24
e2e_wait_for "[saved]"
e2e_wait_for "moderate"
e2e_keys M-2
e2e_wait_for "2026-03-15 Sun"
e2e_keys Enter
e2e_wait_for "[saved]"

# Unsaved changes, quit, discard: nothing written.
e2e_keys 4
e2e_wait_for "[changed]"
e2e_keys q
e2e_wait_for "Save changes"
e2e_keys n
e2e_wait_for "gutskin-exited-0"
count=$(sqlite3 "$JOURNAL" "SELECT count(*) FROM reading WHERE date='2026-03-15'")
[ "$count" = 2 ] || fail "expected 2 readings saved, found $count"
sqlite3 "$JOURNAL" "PRAGMA integrity_check" | grep -qx ok || fail "integrity check"
echo "ok"
