#!/usr/bin/env bash
# The note in $EDITOR survives what happens around the editor while it runs: the terminal is
# resized (SIGWINCH) and Ctrl-C / Ctrl-\ reach the whole foreground process group (SIGINT,
# SIGQUIT). gutskin waits until the editor has really exited, never takes the screen back
# before, never quits, and keeps the text. An editor that saves and then exits with an error
# (vim after a mistyped command) keeps the text too, as an unsaved change, with the error said.
# The editor's file is private (0600 in a 0700 folder) and removed once its text is in the form.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

# The pane's shell must outlive Ctrl-C as an interactive shell does (dash as sh -c would not).
export SHELL="$(command -v bash)"
export TMPDIR="$E2E_WORK/tmp"
mkdir -p "$TMPDIR"
log="$E2E_WORK/editor.log"

# A scripted editor: says where it is, writes the note, then waits for the test's "go" (up to
# 10 s) while the test resizes and interrupts; a person's editor catches Ctrl-C the same way.
editor="$E2E_WORK/slow-editor"
cat >"$editor" <<'SCRIPT'
#!/bin/sh
trap 'echo got-int >>"$EDITOR_LOG"' INT
trap 'echo got-quit >>"$EDITOR_LOG"' QUIT
echo "modes $(stat -c %a "$(dirname "$1")") $(stat -c %a "$1")" >>"$EDITOR_LOG"
printf '%s\n' "$EDITOR_TEXT" >"$1"
echo "EDITOR IS RUNNING"
echo ready >>"$EDITOR_LOG"
for _ in $(seq 100); do
    [ -e "$EDITOR_LOG.go" ] && break
    sleep 0.1
done
exit "$EDITOR_STATUS"
SCRIPT
chmod +x "$editor"
export EDITOR="$editor" EDITOR_LOG="$log"
unset VISUAL

wait_log() {
    for _ in $(seq "$E2E_WAIT_TENTHS"); do
        if grep -qx "$1" "$log" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    fail "the editor log has no '$1': $(cat "$log" 2>/dev/null)"
}

# foreground_group: the terminal's foreground process group (gutskin and its editor).
foreground_group() {
    local pane
    pane=$(tmux -L "$E2E_SOCKET" display-message -p -t main '#{pane_pid}')
    ps -o tpgid= -p "$pane" | tr -d ' '
}

# --- an editor that exits 0 after a resize, SIGINT and SIGQUIT ----------------------------------
export EDITOR_TEXT="kept through a resize and Ctrl-C" EDITOR_STATUS=0
e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_keys e
wait_log ready
e2e_wait_for "EDITOR IS RUNNING"
grep -qx "modes 700 600" "$log" || fail "the editor's file is not private: $(cat "$log")"
e2e_resize 120 40
sleep 0.3
e2e_resize 80 24
sleep 0.3
group=$(foreground_group)
[ -n "$group" ] && [ "$group" -gt 1 ] || fail "no foreground process group ($group)"
kill -INT -- "-$group"
wait_log got-int
kill -QUIT -- "-$group"
wait_log got-quit
sleep 0.5
# Still the editor's screen: gutskin neither quit nor drew over it.
e2e_screen | grep -qF "EDITOR IS RUNNING" || fail "gutskin took the screen back while the editor ran"
e2e_screen | grep -qF "gutskin-exited" && fail "gutskin quit while the editor ran"
e2e_screen | grep -qF "(today)" && fail "gutskin redrew while the editor ran"
ls "$TMPDIR"/gutskin-note-*/note.txt >/dev/null 2>&1 || fail "the note file went while the editor ran"
touch "$log.go"
e2e_wait_for "[changed]"
[ -z "$(ls -A "$TMPDIR")" ] || fail "the editor's files were left behind: $(ls -A "$TMPDIR")"
e2e_keys C-s
e2e_wait_for "Saved Sun 15 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
"$GUTSKIN" show 2026-03-15 | grep -qF "kept through a resize and Ctrl-C" ||
    fail "the note was not saved: $("$GUTSKIN" show 2026-03-15)"

# --- an editor that saves and exits 1 -----------------------------------------------------------
rm -f "$log" "$log.go"
touch "$log.go"
export EDITOR_TEXT="written, then the editor failed" EDITOR_STATUS=1
e2e_new_server
e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [saved]"
e2e_keys e
e2e_wait_for "the editor reported an error (status 1)"
e2e_wait_for "not saved yet"
e2e_wait_for "[changed]"
[ -z "$(ls -A "$TMPDIR")" ] || fail "the editor's files were left behind: $(ls -A "$TMPDIR")"
e2e_keys C-s
e2e_wait_for "Saved Sun 15 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
"$GUTSKIN" show 2026-03-15 | grep -qF "written, then the editor failed" ||
    fail "the note was not saved: $("$GUTSKIN" show 2026-03-15)"

# --- an editor that fails without writing: nothing changes ---------------------------------------
cat >"$editor" <<'SCRIPT'
#!/bin/sh
exit 3
SCRIPT
e2e_new_server
e2e_start 80 24
e2e_wait_for "[saved]"
e2e_keys e
e2e_wait_for "the editor reported an error (status 3): note unchanged"
e2e_wait_for "[saved]"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
echo "ok"
