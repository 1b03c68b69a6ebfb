#!/usr/bin/env bash
# The screen stays right though only what changed is drawn: keys that change nothing send the
# terminal nothing and leave the screen as it was; the help leaves nothing behind when it
# closes; a screen resized small and large and back is the screen it was, and a resized screen
# is what a fresh start at that size shows.
. "$(dirname "$0")/lib.sh" "$1"

"$GUTSKIN" log --date 2026-03-14 acne=1 --note "slept badly" >/dev/null
"$GUTSKIN" log --date 2026-03-15 acne=2 >/dev/null

# open_history WIDTH HEIGHT: a fresh gutskin on History, the first day under the cursor.
open_history() {
    e2e_new_server
    e2e_start "$1" "$2"
    e2e_wait_for "(today) [saved]"
    e2e_keys M-2
    e2e_wait_for "2 days logged"
}

open_history 80 24
e2e_screen >"$E2E_WORK/history.txt"

# Keys that change nothing on History: Up on the first row, Home, Escape without a search, a key
# it does not use. Nothing may reach the terminal.
pipe="$E2E_WORK/pipe"
: >"$pipe"
tmux -L "$E2E_SOCKET" pipe-pane -o -t main "cat >>'$pipe'"
e2e_keys Up Home Escape F5 '~'
sleep 1
[ ! -s "$pipe" ] || fail "keys that change nothing sent $(wc -c <"$pipe") bytes"
tmux -L "$E2E_SOCKET" pipe-pane -t main
e2e_screen | diff "$E2E_WORK/history.txt" - || fail "the screen changed after keys that change nothing"

# The help over the screen, scrolled at a small size, then closed: nothing of it is left.
e2e_keys '?'
e2e_wait_for "Keys: History"
e2e_keys Escape
e2e_wait_gone "Keys: History"
e2e_screen | diff "$E2E_WORK/history.txt" - || fail "the help left something behind"

# Small (the help scrolls there), too small, large, and back.
e2e_resize 44 12
e2e_wait_for "2 History"
e2e_keys '?' Down
e2e_wait_for "arrows scroll"
e2e_keys Escape
e2e_wait_gone "arrows scroll"
e2e_resize 30 8
e2e_wait_for "terminal too small"
e2e_resize 200 60
e2e_wait_for "5 Signs   6 Lifestyle   7 About"
e2e_screen >"$E2E_WORK/large.txt"
e2e_resize 80 24
e2e_wait_gone "terminal too small"
for _ in $(seq 50); do
    e2e_screen | diff -q "$E2E_WORK/history.txt" - >/dev/null && break
    sleep 0.1
done
e2e_screen | diff "$E2E_WORK/history.txt" - || fail "80x24 after resizing is not the screen it was"

# What a fresh start at 200x60 shows is what the resized screen showed.
open_history 200 60
e2e_screen | diff "$E2E_WORK/large.txt" - || fail "the screen resized to 200x60 differs from a fresh one"
echo "ok"
