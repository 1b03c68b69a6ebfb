#!/usr/bin/env bash
# A new person makes the check-in theirs: the first start asks which signs to track (Esc skips
# it), "pizza" is added from the check-in's food filter, two signs are hidden, a day is logged;
# then pizza is in `gutskin show`, in `export`, and in Trends, and the hidden signs are listed in
# About, which brings one back.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux
unset GUTSKIN_FIRST_START

e2e_start 80 24
e2e_wait_for "Welcome to gutskin"
e2e_screen | head -1 | grep -qF "Check-in" || fail "no tab bar on the first start"
e2e_keys Escape
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"

# pizza: not in the list; Enter in the filter offers to add it, in a category.
e2e_keys /
e2e_type pizza
e2e_wait_for "no food matches: Enter in the filter offers to add it"
e2e_keys Enter
e2e_wait_for "Add 'pizza' as a food: its category?"
e2e_wait_for "6  Foods to limit"
e2e_keys 6
e2e_wait_for "Added Pizza to Foods to limit, ticked for this day"
e2e_wait_for "[x] Pizza"

# Hide two signs: H on Rosacea, then on Eczema (the cursor moves on to it).
e2e_keys g Down Down
e2e_wait_for "> Rosacea-like flare-up"
e2e_keys H
e2e_wait_for "Hide Rosacea-like flare-up from the check-in?"
e2e_keys y
e2e_wait_for "> Eczema patches"
e2e_keys H y
e2e_wait_for "Hid Eczema patches"
e2e_wait_gone "Rosacea-like"

# Rate Breakouts, save.
e2e_keys g 2 C-s
e2e_wait_for "Saved Sun 15 Mar 2026"

# Trends: pizza is a series of its own.
e2e_keys M-3
e2e_wait_for "Trends"
e2e_keys s G
e2e_wait_for "Pizza (yours)"
e2e_keys Escape

# About lists the hidden signs; s brings one back.
e2e_keys 7
e2e_keys G
e2e_wait_for "• Eczema patches (sign eczema)"
e2e_keys s
e2e_type eczema
e2e_keys Enter
e2e_wait_for "Eczema patches is back in the check-in"
e2e_keys q
e2e_wait_for "gutskin-exited-0"

"$GUTSKIN" show 2026-03-15 >"$E2E_WORK/show.txt"
grep -qF "Foods to limit: Pizza" "$E2E_WORK/show.txt" || { cat "$E2E_WORK/show.txt" >&2; fail "pizza not in show"; }
"$GUTSKIN" export --format csv >"$E2E_WORK/export.csv"
grep -q "pizza" "$E2E_WORK/export.csv" || fail "pizza not in the export"
"$GUTSKIN" track list --hidden >"$E2E_WORK/hidden.txt"
grep -qF "rosacea" "$E2E_WORK/hidden.txt" || fail "rosacea not hidden"
if grep -qF "eczema" "$E2E_WORK/hidden.txt"; then fail "eczema still hidden"; fi

# The first start is for a new journal only: with a saved day it does not come back.
e2e_new_server
e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [saved]"
if e2e_screen | grep -qF "Welcome to gutskin"; then fail "the first start came back"; fi
# ...but About opens it again; q quits from it.
e2e_keys M-7
e2e_wait_for "s show hidden"
e2e_keys w
e2e_wait_for "Welcome to gutskin"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
echo ok
