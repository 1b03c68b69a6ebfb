#!/usr/bin/env bash
# A paste is text, never keys. gutskin turns on the terminal's bracketed paste, so a paste arrives
# between ESC [200~ and ESC [201~ (tmux's paste-buffer -p sends it so when the app asked). Ten
# lines pasted onto the check-in must not rate symptoms (digits), tick foods (space), save or
# quit; pasted into the note's field they become its text.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

# Each line would do something as keys: rate (3, 4), move (j), tick (space), save (^S is not
# pasteable, but q then y would quit and save), copy yesterday (y).
paste_text=$'3 itchy after lunch\n4\nj j j\n  \nq\ny\n2 more lines\n1\n0\nlast line'
paste() {
    tmux -L "$E2E_SOCKET" set-buffer -- "$1"
    tmux -L "$E2E_SOCKET" paste-buffer -p -t main
}

e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
first_row=$(e2e_screen | grep -F "> Breakouts")
paste "$paste_text"
e2e_wait_for "Pasted text goes into a text field"
sleep 0.5
e2e_screen | grep -qF "[new]" || fail "the paste changed the day"
[ "$(e2e_screen | grep -F "> Breakouts")" = "$first_row" ] || fail "the paste moved or rated"
e2e_screen | grep -qF "gutskin-exited" && fail "the paste quit the app"

# Into the note's field: the text, line breaks as spaces, and nothing else.
e2e_keys G
e2e_wait_for "Note"
e2e_keys Enter
e2e_wait_for "Note:"
paste "$paste_text"
e2e_wait_for "last line"
e2e_keys Enter
e2e_wait_for "[changed]"
e2e_keys C-s
e2e_wait_for "Saved Sun 15 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
"$GUTSKIN" export -f json >"$E2E_WORK/days.json"
grep -qF '"note": "3 itchy after lunch 4 j j j    q y 2 more lines 1 0 last line"' "$E2E_WORK/days.json" ||
    fail "the pasted note is not the text: $(cat "$E2E_WORK/days.json")"
grep -qF '"readings": {}' "$E2E_WORK/days.json" && grep -qF '"foods": {}' "$E2E_WORK/days.json" ||
    fail "the paste rated or ticked something: $(cat "$E2E_WORK/days.json")"
echo "ok"
