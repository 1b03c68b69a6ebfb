#!/usr/bin/env bash
# A check-in in progress survives the app being stopped: SIGHUP (the terminal closed) keeps it as
# a draft at once, SIGKILL (a crash, a power cut) loses at most the last few seconds. The next start
# offers the draft with its day and time: restore brings the values back as unsaved changes, discard
# drops it. A draft is never a saved day: export does not list it.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux sqlite3

"$GUTSKIN" log --date 2026-03-14 sleep-hours=7 >/dev/null # the journal exists, today is new

# --- SIGHUP mid check-in ---------------------------------------------------------------------
e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_keys g 3
e2e_wait_for "[changed]"
pid=$(e2e_gutskin_pid)
[ -n "$pid" ] || fail "cannot find the app's process"
kill -HUP "$pid"
e2e_wait_for "gutskin-exited-1"
[ "$(e2e_drafts)" = 1 ] || fail "SIGHUP left $(e2e_drafts) drafts"
[ "$(stat -c %a "$JOURNAL.drafts")" = 700 ] || fail "the drafts folder is not private"
[ "$(stat -c %a "$(find "$JOURNAL.drafts" -name '*.draft')")" = 600 ] || fail "the draft is not private"
[ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM day WHERE date = '2026-03-15'")" = 0 ] ||
    fail "the draft was saved as a day"
if "$GUTSKIN" export | grep -q "^2026-03-15"; then fail "export lists the draft"; fi
echo "ok: SIGHUP kept the check-in as a private draft, not as a saved day"

e2e_new_server
e2e_start 80 24
e2e_wait_for "Draft of Sun 15 Mar 2026 (kept "
e2e_wait_for "): r restore, d discard, Esc later"
# The question comes at the start, over the whole screen: the tab bar is there too.
e2e_screen | head -1 | grep -q "Check-in   History" || fail "no tab bar while the draft is offered"
e2e_keys r
e2e_wait_for "Draft restored"
e2e_wait_for "[changed]"
e2e_wait_for "severe"
e2e_keys C-s
e2e_wait_for "Saved Sun 15 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
first=$(sqlite3 "$JOURNAL" "SELECT metric FROM reading WHERE date = '2026-03-15'")
[ "$(sqlite3 "$JOURNAL" "SELECT value FROM reading WHERE date = '2026-03-15'")" = 3.0 ] ||
    fail "the restored draft was not saved"
[ "$(e2e_drafts)" = 0 ] || fail "a draft is left after the save"
echo "ok: the next start offered the draft; restored and saved"

# --- SIGKILL mid check-in --------------------------------------------------------------------
e2e_new_server
e2e_start 80 24
e2e_wait_for "[saved]"
e2e_keys g 1
e2e_wait_for "[changed]"
for _ in $(seq 60); do # a draft a few seconds after the change
    [ "$(e2e_drafts)" = 1 ] && break
    sleep 0.1
done
[ "$(e2e_drafts)" = 1 ] || fail "no draft 6 s after a change"
kill -KILL "$(e2e_gutskin_pid)"
e2e_wait_for "gutskin-exited-137"
e2e_new_server
e2e_start 80 24
e2e_wait_for "Draft of Sun 15 Mar 2026 (kept "
e2e_wait_for "): r restore, d discard, Esc later"
e2e_keys r
e2e_wait_for "mild"
e2e_keys C-s
e2e_wait_for "Saved"
[ "$(sqlite3 "$JOURNAL" "SELECT value FROM reading WHERE date = '2026-03-15' AND metric = '$first'")" = 1.0 ] ||
    fail "the draft kept before SIGKILL was not restored"
echo "ok: after SIGKILL the next start offered the draft"

# --- discard ---------------------------------------------------------------------------------
e2e_keys g 4
e2e_wait_for "[changed]"
for _ in $(seq 60); do
    [ "$(e2e_drafts)" = 1 ] && break
    sleep 0.1
done
kill -KILL "$(e2e_gutskin_pid)"
e2e_wait_for "gutskin-exited-137"
e2e_new_server
e2e_start 80 24
e2e_wait_for "r restore, d discard"
e2e_keys d
e2e_wait_for "Draft discarded"
e2e_wait_for "[saved]"
e2e_wait_for "mild"
[ "$(e2e_drafts)" = 0 ] || fail "the discarded draft is still there"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
e2e_new_server
e2e_start 80 24
e2e_wait_for "[saved]"
if e2e_screen | grep -q "r restore, d discard"; then fail "a discarded draft was offered again"; fi

# --- a crash gives the terminal back ----------------------------------------------------------
e2e_keys g 2
e2e_wait_for "[changed]"
[ "$(tmux -L "$E2E_SOCKET" display-message -p -t main '#{alternate_on}')" = 1 ] ||
    fail "the app does not use the alternate screen"
kill -SEGV "$(e2e_gutskin_pid)"
e2e_wait_for "gutskin-exited-139"
[ "$(tmux -L "$E2E_SOCKET" display-message -p -t main '#{alternate_on}')" = 0 ] ||
    fail "a crash left the terminal on the alternate screen"
[ "$(tmux -L "$E2E_SOCKET" display-message -p -t main '#{cursor_flag}')" = 1 ] ||
    fail "a crash left the cursor hidden"
echo "ok: a crash (SIGSEGV) gave the terminal back"
echo "ok"
