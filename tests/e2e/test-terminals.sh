#!/usr/bin/env bash
# Terminal edge cases: tiny and huge sizes, rapid resizes, a locale without UTF-8 and TERM=dumb,
# in headless mode (exact screens) and in tmux (a real terminal, whose settings must come back
# unchanged when gutskin exits).
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

db="$E2E_WORK/journal.db"
"$GUTSKIN" --db "$db" log --date 2026-03-15 acne=2 redness=1 sleep-hours=7.5 --food kimchi \
    >/dev/null
"$GUTSKIN" --db "$db" log --date 2026-03-14 acne=3 >/dev/null

# headless NAME LOCALE: runs the script $E2E_WORK/NAME.keys, screens to $E2E_WORK/NAME.out.
headless() {
    LC_ALL=$2 GUTSKIN_TEST_SCRIPT="$E2E_WORK/$1.keys" timeout 20 "$GUTSKIN" --db "$db" \
        >"$E2E_WORK/$1.out" 2>"$E2E_WORK/$1.err" || fail "headless $1 exited $?: $(cat "$E2E_WORK/$1.err")"
}
# screen N FILE: the Nth dump of FILE (dumps end with a line "--").
screen() { awk -v n="$1" '$0 == "--" { k++; next } k == n - 1' "$2"; }

# --- tiny and huge ---------------------------------------------------------------------------
printf 'size 20 6\ndump\nresize 300 100\ndump\nresize 1 1\ndump\nresize 44 12\ndump\n' \
    >"$E2E_WORK/sizes.keys"
headless sizes C.UTF-8
screen 1 "$E2E_WORK/sizes.out" | grep -q "too small" || fail "20x6 should say the terminal is too small"
[ "$(screen 1 "$E2E_WORK/sizes.out" | wc -l)" = 6 ] || fail "20x6 should dump 6 rows"
huge=$(screen 2 "$E2E_WORK/sizes.out")
[ "$(wc -l <<<"$huge")" = 100 ] || fail "300x100 should dump 100 rows"
head -1 <<<"$huge" | grep -q " Check-in .* About .*Alt-1..7 Tab" || fail "300x100: no tab bar"
tail -1 <<<"$huge" | grep -q "? help" || fail "300x100: no status line at the bottom"
grep -q "Breakouts .*moderate" <<<"$huge" || fail "300x100: the day is not shown"
[ "$(screen 3 "$E2E_WORK/sizes.out" | wc -l)" = 1 ] || fail "1x1 should dump 1 row"
screen 4 "$E2E_WORK/sizes.out" | grep -q " Check-in " || fail "44x12, the smallest size, should draw"

# --- rapid resizes end where a fresh start does ----------------------------------------------
printf 'size 80 24\ndump\n' >"$E2E_WORK/fresh.keys"
headless fresh C.UTF-8
{
    printf 'size 80 24\n'
    for i in $(seq 60); do printf 'resize %d %d\n' $((10 + i * 37 % 290)) $((3 + i * 11 % 97)); done
    printf 'resize 80 24\ndump\n'
} >"$E2E_WORK/resizes.keys"
headless resizes C.UTF-8
diff -u "$E2E_WORK/fresh.out" "$E2E_WORK/resizes.out" >&2 ||
    fail "after 60 resizes the 80x24 screen differs from a fresh start"

# --- no UTF-8: ASCII glyphs --------------------------------------------------------------------
headless fresh C
cp "$E2E_WORK/fresh.out" "$E2E_WORK/ascii.out"
if LC_ALL=C grep -n '[^ -~]' "$E2E_WORK/ascii.out" >&2; then
    fail "LC_ALL=C: the screen has bytes outside printable ASCII"
fi
grep -q "Breakouts .*moderate" "$E2E_WORK/ascii.out" || fail "LC_ALL=C: the day is not shown"

# --- in a real terminal (tmux) ---------------------------------------------------------------
# tmux_run W H ENV...: runs gutskin in a shell that saves the terminal settings before and
# after, then prints its exit status.
tmux_run() {
    local width=$1 height=$2
    shift 2
    e2e_new_server
    tmux -L "$E2E_SOCKET" -f /dev/null new-session -d -s main -x "$width" -y "$height" \
        "stty -g >'$E2E_WORK/stty.before'; env $* $(printf '%q ' "$GUTSKIN" --db "$db");
         echo gutskin-exited-\$?; stty -g >'$E2E_WORK/stty.after'; sleep 30"
}
same_terminal() {
    for _ in $(seq "$E2E_WAIT_TENTHS"); do [ -s "$E2E_WORK/stty.after" ] && break; sleep 0.1; done
    cmp -s "$E2E_WORK/stty.before" "$E2E_WORK/stty.after" ||
        fail "$1: the terminal settings changed ($(cat "$E2E_WORK/stty.before") -> $(cat "$E2E_WORK/stty.after"))"
    rm -f "$E2E_WORK/stty.before" "$E2E_WORK/stty.after"
}

# TERM=dumb cannot move the cursor: a clear message and status 1, at once.
tmux_run 80 24 TERM=dumb LC_ALL=C.UTF-8
e2e_wait_for "gutskin-exited-1"
e2e_screen | grep -q "^gutskin: .*terminal type 'dumb'" || fail "TERM=dumb: no clear message"
same_terminal "TERM=dumb"

# Rapid resizes of a real terminal while the app runs, then a normal quit.
tmux_run 80 24 TERM=xterm-256color LC_ALL=C.UTF-8
e2e_wait_for "Sun 15 Mar 2026 (today) [saved]"
for i in $(seq 30); do
    e2e_resize $((10 + i * 37 % 290)) $((3 + i * 11 % 97))
done
e2e_resize 20 6
e2e_wait_for "too small"
e2e_resize 80 24
e2e_wait_for "Sun 15 Mar 2026 (today) [saved]"
e2e_wait_for "Breakouts"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
same_terminal "resizes"

# A locale without UTF-8 in a real terminal: ASCII glyphs there too.
tmux_run 80 24 TERM=xterm-256color LC_ALL=C
e2e_wait_for "Breakouts"
e2e_screen | grep -q "Breakouts .*##\.\. moderate" || fail "LC_ALL=C: ratings should be drawn in ASCII"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
same_terminal "LC_ALL=C"
echo "ok"
