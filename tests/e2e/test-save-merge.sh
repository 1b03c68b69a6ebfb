#!/usr/bin/env bash
# Nothing a person writes is lost when two writers meet on one day:
#  1. the app holds an unsaved rating while `gutskin log` saves sleep, water and a note on the
#     same day: the app notices, says saving will merge, and its save keeps all of them;
#  2. two app windows change different values: both are kept, and a window without changes shows
#     the other's save by itself; then both change the same value: the second save asks, "go
#     back" writes nothing, "keep mine" and "keep the other" do what they say;
#  3. Foods' "add to today" while another process is in the middle of writing the same day: the
#     food is added after that write, which survives.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux sqlite3

# Window helpers: one tmux session per app window, on the same server.
win_start() {
    local name=$1 command
    command="env TERM=xterm-256color $(printf '%q ' "$GUTSKIN"); echo gutskin-exited-\$?; sleep 30"
    tmux -L "$E2E_SOCKET" -f /dev/null new-session -d -s "$name" -x 80 -y 24 "$command" ||
        fail "tmux would not start $name"
}
win_keys() { local name=$1; shift; tmux -L "$E2E_SOCKET" send-keys -t "$name" "$@"; }
win_screen() { tmux -L "$E2E_SOCKET" capture-pane -p -t "$1"; }
win_wait_for() {
    for _ in $(seq "$E2E_WAIT_TENTHS"); do
        if win_screen "$1" | grep -qF -- "$2"; then return 0; fi
        sleep 0.1
    done
    echo "--- $1 ---" >&2
    win_screen "$1" >&2
    fail "$1 did not show '$2'"
}
value() {
    sqlite3 "$JOURNAL" "SELECT value FROM reading WHERE date = '2026-03-15' AND metric = '$1'"
}
note() { sqlite3 "$JOURNAL" "SELECT note FROM day WHERE date = '2026-03-15'"; }
# wait_value METRIC VALUE: waits until the journal holds VALUE for METRIC today (a save has landed).
wait_value() {
    for _ in $(seq "$E2E_WAIT_TENTHS"); do
        [ "$(value "$1")" = "$2" ] && return 0
        sleep 0.1
    done
    fail "the journal never held $1 = $2 (it holds '$(value "$1")')"
}

"$GUTSKIN" log --date 2026-03-15 sleep-hours=7 --note "morning" >/dev/null
win_start a
win_wait_for a "[saved]"
win_keys a g 2
win_wait_for a "[changed]"

# --- 1. the app and `gutskin log` --------------------------------------------------------------
"$GUTSKIN" log sleep-hours=9 water=5 --note "from the shell" >/dev/null
win_wait_for a "[changed here and elsewhere]"
win_wait_for a "Ctrl-S merges your changes"
win_keys a C-s
win_wait_for a "with the changes made elsewhere"
[ "$(value sleep-hours)" = 9.0 ] || fail "sleep from the shell was overwritten: $(value sleep-hours)"
[ "$(value water)" = 5.0 ] || fail "water from the shell was lost: '$(value water)'"
[ "$(note)" = "from the shell" ] || fail "the note from the shell was lost: '$(note)'"
first=$(sqlite3 "$JOURNAL" "SELECT metric FROM reading WHERE date = '2026-03-15'
    AND metric NOT IN ('sleep-hours', 'water')")
[ "$(value "$first")" = 2.0 ] || fail "the app's rating was not saved: '$first' '$(value "$first")'"
echo "ok: app + log on one day: the rating, sleep, water and the note are all saved"

# --- 2. two windows -------------------------------------------------------------------------
win_start b
win_wait_for b "[saved]"
win_keys a g 3             # a: the first sign
win_keys b g Down 1        # b: the second sign
win_wait_for a "[changed]"
win_wait_for b "[changed]"
win_keys a C-s
win_wait_for a "Saved Sun 15 Mar 2026"
win_wait_for b "[changed here and elsewhere]"
win_keys b C-s
win_wait_for b "with the changes made elsewhere"
second=$(sqlite3 "$JOURNAL" "SELECT metric FROM reading WHERE date = '2026-03-15'
    AND metric NOT IN ('sleep-hours', 'water', '$first')")
[ "$(value "$first")" = 3.0 ] || fail "window a's value was lost: $(value "$first")"
[ -n "$second" ] && [ "$(value "$second")" = 1.0 ] || fail "window b's value was lost"
# Window a has no unsaved changes: it shows b's save by itself.
win_wait_for a "[saved]"
win_wait_for a "mild"
echo "ok: two windows, different values: both kept; the idle window reloaded"

# Each conflict is set up in a fixed order, never by timing: b changes the value first, then a
# saves it, and b is seen to notice a's save before it saves itself.
win_keys b g 1
win_wait_for b "[changed]"
win_keys a g 4
win_wait_for a "[changed]"
win_keys a C-s
wait_value "$first" 4.0
win_wait_for b "[changed here and elsewhere]"
win_keys b C-s
win_wait_for b "Changed elsewhere too: m keep mine"
win_keys b Escape
win_wait_for b "Not saved."
[ "$(value "$first")" = 4.0 ] || fail "going back wrote b's value"
win_keys b C-s
win_wait_for b "m keep mine"
win_keys b o
win_wait_for b "[saved]"
[ "$(value "$first")" = 4.0 ] || fail "keep the other did not keep a's 4: $(value "$first")"
win_wait_for a "[saved]"
win_keys b g 0
win_wait_for b "[changed]"
win_keys a g 2
win_wait_for a "[changed]"
win_keys a C-s
wait_value "$first" 2.0
win_wait_for b "[changed here and elsewhere]"
win_keys b C-s
win_wait_for b "m keep mine"
win_keys b m
wait_value "$first" 0.0
win_wait_for b "[saved]"
[ "$(value water)" = 5.0 ] && [ "$(note)" = "from the shell" ] || fail "a conflict lost other values"
echo "ok: two windows, one value: asked; go back wrote nothing; keep mine and keep the other work"

# --- 3. Foods' add to today while another process writes the same day ----------------------
win_keys b q
win_keys a M-4
win_wait_for a "Categories"
win_keys a /
tmux -L "$E2E_SOCKET" send-keys -t a -l "kimchi"
win_wait_for a '1 match for "kimchi"'
win_keys a Enter
mkfifo "$E2E_WORK/writer.in"
sqlite3 "$JOURNAL" <"$E2E_WORK/writer.in" >/dev/null 2>&1 &
writer=$!
exec 3>"$E2E_WORK/writer.in"
echo "BEGIN IMMEDIATE; INSERT INTO reading (date, metric, value, changed_at)
      VALUES ('2026-03-15', 'stress', 3, 1) ON CONFLICT DO UPDATE SET value = 3;" >&3
sleep 0.5
win_keys a a                  # waits for the writer, then adds
sleep 0.5
echo "COMMIT;" >&3
exec 3>&-
wait "$writer"
win_wait_for a "Added Kimchi to today's check-in (1 serving)"
[ "$(value stress)" = 3.0 ] || fail "the other process's write was lost by add to today"
[ "$(sqlite3 "$JOURNAL" "SELECT servings FROM food_eaten WHERE date = '2026-03-15'
    AND food = 'kimchi'")" = 1.0 ] || fail "kimchi was not added"
echo "ok: Foods' add to today waited for the other writer and kept its write"

# And racing real `gutskin log` runs: ten more servings while log writes twenty values.
(for i in $(seq 1 20); do "$GUTSKIN" log "water=$((i % 9))" "stress=$((i % 5))" >/dev/null || exit 1; done) &
logger=$!
for i in $(seq 2 11); do
    win_keys a a
    win_wait_for a "Added Kimchi to today's check-in ($i servings)"
done
wait "$logger" || fail "gutskin log failed while Foods added servings"
[ "$(sqlite3 "$JOURNAL" "SELECT servings FROM food_eaten WHERE date = '2026-03-15'
    AND food = 'kimchi'")" = 11.0 ] || fail "servings were lost racing log"
[ "$(value water)" = 2.0 ] && [ "$(value stress)" = 0.0 ] || fail "log's last values were lost"
echo "ok: Foods' add to today racing gutskin log: every serving and every logged value kept"

# --- 4. History shows a day logged elsewhere without a key pressed ----------------------------
win_keys a M-2
win_wait_for a "2026-03-15 Sun"
"$GUTSKIN" log --date 2026-03-10 acne=1 >/dev/null
win_wait_for a "2026-03-10 Tue"
echo "ok: History showed a day logged by another process by itself"

sqlite3 "$JOURNAL" "PRAGMA integrity_check" | grep -qx ok || fail "integrity check"
echo "ok"
