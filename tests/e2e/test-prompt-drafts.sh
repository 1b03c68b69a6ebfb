#!/usr/bin/env bash
# Words typed in the note's prompt are kept before Enter takes them: the terminal closing
# (SIGHUP) keeps them in the draft at once, a crash (SIGKILL) after the draft's few seconds loses
# nothing either. The next start offers the draft; restoring puts the text back as the note, said
# to be unconfirmed and unsaved, and Ctrl-S saves it as a merge like any draft. Escape in the
# prompt drops the text and the draft with it.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

# drafted TEXT: a draft beside the journal holds TEXT.
drafted() { cat "$JOURNAL.drafts"/*.draft 2>/dev/null | grep -qF -- "$1"; }
wait_drafted() {
    for _ in $(seq "$E2E_WAIT_TENTHS"); do
        if drafted "$1"; then return 0; fi
        sleep 0.1
    done
    fail "no draft holds '$1'"
}
restore_and_save() { # TEXT: the next start offers the draft; restored, the note is TEXT, saved
    e2e_new_server
    e2e_start 80 24
    e2e_wait_for "): r restore, d discard, Esc later"
    e2e_keys r
    e2e_wait_for "Draft restored with the note you were typing: not saved yet"
    e2e_wait_for "[changed]"
    e2e_wait_for "${1:0:40}"
    e2e_keys C-s
    e2e_wait_for "Saved Sun 15 Mar 2026"
    e2e_keys q
    e2e_wait_for "gutskin-exited-0"
    "$GUTSKIN" show 2026-03-15 | grep -qF -- "$1" || fail "the restored note was not saved"
    [ "$(e2e_drafts)" = 0 ] || fail "a draft is left after the save"
}
open_note_prompt() {
    e2e_start 80 24
    e2e_wait_for "Sun 15 Mar 2026 (today)"
    e2e_keys End
    e2e_wait_for "Enter: write the note here"
    e2e_keys Enter
    e2e_wait_for "Note:"
}

"$GUTSKIN" log --date 2026-03-14 sleep-hours=7 >/dev/null # the journal exists, today is new

# --- SIGHUP while the note is typed ------------------------------------------------------------
first="the morning began with a long walk and the rash on my arm looked calmer"
open_note_prompt
e2e_type "$first"
e2e_wait_for "${first: -30}"
kill -HUP "$(e2e_gutskin_pid)"
e2e_wait_for "gutskin-exited-1"
drafted "$first" || fail "SIGHUP did not keep the note being typed"
[ "$(stat -c %a "$(find "$JOURNAL.drafts" -name '*.draft')")" = 600 ] || fail "the draft is not private"
"$GUTSKIN" show 2026-03-15 2>/dev/null | grep -qF "rash on my arm" && fail "the unconfirmed note was saved"
echo "ok: SIGHUP kept the note being typed in the draft, unsaved"
restore_and_save "$first"
echo "ok: restored as the note, then saved"

# --- SIGKILL after the periodic draft ---------------------------------------------------------
second="second thoughts after lunch: bloated, skipped the coffee"
e2e_new_server
open_note_prompt
e2e_keys C-u # the prompt starts from the saved note
e2e_type "$second"
e2e_wait_for "${second: -30}"
wait_drafted "$second" # a few seconds after the typing, without Enter
kill -KILL "$(e2e_gutskin_pid)"
e2e_wait_for "gutskin-exited-137"
restore_and_save "$second"
echo "ok: after SIGKILL the note being typed came back"

# --- Escape drops what was typed, and the draft ------------------------------------------------
e2e_new_server
open_note_prompt
e2e_type " and dropped"
wait_drafted "and dropped"
e2e_keys Escape
e2e_wait_gone "Note:"
for _ in $(seq "$E2E_WAIT_TENTHS"); do
    [ "$(e2e_drafts)" = 0 ] && break
    sleep 0.1
done
[ "$(e2e_drafts)" = 0 ] || fail "the draft of a prompt left with Escape is still there"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
"$GUTSKIN" show 2026-03-15 | grep -qF "and dropped" && fail "Escape saved the text"
"$GUTSKIN" show 2026-03-15 | grep -qF -- "$second" || fail "the saved note changed"
echo "ok"
