#!/usr/bin/env bash
# Escape sequences terminfo does not know are read whole, never as Escape, '[' and a letter
# ('[' is the day before in the check-in): on a vt100, whose terminfo has no Home or End, the
# common xterm and vt forms of End and Home move the cursor; other sequences do nothing.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux
E2E_TERM=vt100
infocmp vt100 >/dev/null 2>&1 || e2e_skip "no terminfo entry for vt100 here"

today="Sun 15 Mar 2026 (today) [new]"
# check_end SEQUENCE...: the raw bytes (hex) of an End key go to the last row, on the same day;
# then g goes back to the first.
check_end() {
    e2e_keys -H "$@"
    e2e_wait_for "> Note"
    e2e_screen | grep -qF "$today" || fail "End ($*) changed the day"
    e2e_keys g
    e2e_wait_for "> Breakouts"
}
# check_home SEQUENCE...: the same for Home, from the last row.
check_home() {
    e2e_keys G
    e2e_wait_for "> Note"
    e2e_keys -H "$@"
    e2e_wait_for "> Breakouts"
    e2e_screen | grep -qF "$today" || fail "Home ($*) changed the day"
}

e2e_start 80 24
e2e_wait_for "$today"
check_end 1b 5b 46       # ESC [ F
check_end 1b 5b 34 7e    # ESC [ 4 ~
check_end 1b 4f 46       # ESC O F
check_end 1b 5b 38 7e    # ESC [ 8 ~ (rxvt)
check_end 1b 5b 31 3b 35 46  # ESC [ 1;5F (Ctrl-End)
check_home 1b 5b 48      # ESC [ H
check_home 1b 5b 31 7e   # ESC [ 1 ~
check_home 1b 4f 48      # ESC O H

# Sequences gutskin has no use for (F-keys of other terminals, focus reports, Insert) do
# nothing, then a key typed after them still works.
e2e_keys -H 1b 5b 32 34 3b 32 7e  1b 5b 49  1b 5b 4f  1b 5b 32 7e  1b 5b 31 35 7e  1b 4f 6d
e2e_keys Down
e2e_wait_for "> Redness or flushing"
sleep 0.3
e2e_screen | grep -qF "$today" || fail "an unknown sequence changed the day"
e2e_screen | grep -qF "Redness or flushing     ···· -" || fail "an unknown sequence rated"

# Escape alone still leaves a prompt, Alt-digit still switches screens, and '[' typed alone is
# still the day before.
e2e_keys M-2
e2e_wait_for "No days yet"
e2e_keys M-1
e2e_wait_for "$today"
e2e_keys [
e2e_wait_for "Sat 14 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
echo "ok"
