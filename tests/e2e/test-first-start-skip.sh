#!/usr/bin/env bash
# The first start skipped with Esc is remembered: the next start goes straight to the check-in,
# though no day was saved; the first start is still there from About with w.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux
unset GUTSKIN_FIRST_START

e2e_start 80 24
e2e_wait_for "Welcome to gutskin"
e2e_keys Escape
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
[ -f "$XDG_CONFIG_HOME/gutskin/content/tracked.yaml" ] || fail "the skip was not kept"

e2e_new_server
e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_screen | grep -qF "Welcome to gutskin" && fail "the first start came back after a skip"
e2e_keys M-7
e2e_wait_for "About"
e2e_keys w
e2e_wait_for "Welcome to gutskin"
e2e_keys Escape
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
echo "ok"
