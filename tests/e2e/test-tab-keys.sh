#!/usr/bin/env bash
# The tab bar never shows a key that does something else on the screen it is on: from every
# screen, the key shown beside "History" goes to History. On the check-in, where digits are
# values, the bar shows no digits and a digit never switches (nor changes a value it cannot be).
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

# A journal with a day in it, so that the first start does not open.
"$GUTSKIN" log --date 2026-03-01 acne=1 >/dev/null
e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"

# The check-in's bar: titles without digits, and the keys that do switch.
e2e_screen | head -1 | grep -qF " Check-in   History   Trends" || fail "digits shown on the check-in"
e2e_screen | head -1 | grep -qF "Alt-1..7 Tab" || fail "no Alt hint on the check-in"

# A digit that is not a rating stays on the check-in and changes nothing.
e2e_keys 7
e2e_wait_for "7 is not a value for this row; Alt-7 or Tab switches screens"
e2e_wait_for "[new]"
e2e_keys M-2
e2e_wait_for " 1 Check-in   2 History   3 Trends"

# help_title: the screen the help overlay names (the current one).
help_title() {
    e2e_keys '?'
    e2e_wait_for "Keys: $1"
    e2e_keys Escape
    e2e_wait_gone "Keys: $1"
}
help_title History

# From every other screen: its own digit gets there, and the digit shown beside History gets
# back to History.
screens=(Check-in History Trends Foods Signs Lifestyle About)
for n in 3 4 5 6 7; do
    e2e_keys "$n"
    help_title "${screens[$((n - 1))]}"
    e2e_screen | head -1 | grep -qF " 2 History " || fail "History's key not shown on screen $n"
    e2e_keys 2
    help_title History
done

# And from History, 1 is the check-in, whose bar changes back.
e2e_keys 1
help_title Check-in
e2e_screen | head -1 | grep -qF " Check-in   History" || fail "check-in bar"
echo "ok"
