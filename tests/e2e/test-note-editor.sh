#!/usr/bin/env bash
# The note through $EDITOR: an editor that saves Latin-1 and Windows line ends. The bytes that
# are not UTF-8 are shown as U+FFFD and named in the status line, the rest of the text is kept,
# and the journal still exports as JSON (which needs UTF-8).
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

editor="$E2E_WORK/latin1-editor"
printf '#!/bin/sh\nprintf '"'"'caf\\351 au lait\\r\\nsecond line\\r\\n'"'"' > "$1"\n' >"$editor"
chmod +x "$editor"
export EDITOR="$editor"
unset VISUAL

e2e_start 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [new]"
e2e_keys e
e2e_wait_for "the note has bytes that are not UTF-8"
e2e_keys C-s
e2e_wait_for "Saved Sun 15 Mar 2026"
e2e_keys q
e2e_wait_for "gutskin-exited-0"

"$GUTSKIN" export -f json >"$E2E_WORK/days.json" || fail "the journal no longer exports as JSON"
grep -qF '"note": "caf\ufffd au lait\r\nsecond line"' "$E2E_WORK/days.json" ||
    grep -qF '"note": "caf� au lait\r\nsecond line"' "$E2E_WORK/days.json" ||
    fail "the note was not kept: $(cat "$E2E_WORK/days.json")"
echo "ok"
