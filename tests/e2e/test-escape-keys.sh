#!/usr/bin/env bash
# Escape and the key after it: Escape then a digit is Alt-digit; Escape then an arrow is both
# keys (the arrow used to be lost, pushed back as a character instead of a key).
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_keys Escape Down Down
e2e_wait_for "> Rosacea-like flare-up"
e2e_keys Escape 2
e2e_wait_for "No days yet"
e2e_keys Escape 1
e2e_wait_for "> Rosacea-like flare-up"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
echo "ok"
