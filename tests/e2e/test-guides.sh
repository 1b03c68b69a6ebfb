#!/usr/bin/env bash
# The guides in a real terminal: find a food with the filter, add it to today's check-in twice
# with one key, jump from a sign to its field in the check-in, read where the journal is in
# About; then the saved day holds the food.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"

# Foods: filter as you type, ignoring case and accents.
e2e_keys M-4
e2e_wait_for "Categories"
e2e_keys /
e2e_type "KÍMCHI"
e2e_wait_for '1 match for "KÍMCHI"'
e2e_keys Enter
e2e_wait_for "─ Kimchi ─"

# a adds it, a again adds a second serving.
e2e_keys a
e2e_wait_for "Added Kimchi to today's check-in (1 serving)"
e2e_keys a
e2e_wait_for "Added Kimchi to today's check-in (2 servings)"
e2e_wait_for "In today's check-in: 2 servings"

# Esc clears the filter; the list is back to the category's foods.
e2e_keys Escape
e2e_wait_for "Yogurt with live cultures"

# Resizing keeps the screen usable: the detail moves beside the lists and back below them.
e2e_resize 160 45
e2e_wait_for "│ Kimchi"
e2e_resize 80 24
e2e_wait_for "─ Kimchi ─"

# Signs: c opens the sign's field in today's check-in, which shows the food saved.
e2e_keys M-5
e2e_wait_for "Groups"
e2e_keys Right Down c
e2e_wait_for "> Redness or flushing"
e2e_wait_for "[saved]"

# About says where the journal is, where its automatic copies are, and the last one.
e2e_keys M-7
e2e_wait_for "What is the gut-skin axis?"
e2e_keys G
e2e_wait_for "gutskin/backups"
e2e_wait_for "There is no copy yet."
e2e_keys PPage
e2e_wait_for "gutskin/journal.db"

e2e_keys q
e2e_wait_for "gutskin-exited-0"

shown=$("$GUTSKIN" --db "$JOURNAL" show 2026-03-15) || fail "gutskin show failed"
grep -qF "Kimchi (2 servings)" <<<"$shown" || fail "today's day does not hold the food: $shown"
echo "ok"
