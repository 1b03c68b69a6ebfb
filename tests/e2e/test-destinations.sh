#!/usr/bin/env bash
# Where gutskin writes must never be a journal: `export -o`, `report -o`, `backup` and `demo`
# refuse the journal, its -wal and -shm, a link to any of them (even before the file exists) and
# any existing SQLite file, with one clear line and exit 1, leaving every file as it was. An
# existing file needs --force. `demo --reset` empties only a journal the demo made. A command
# line that would silently lose a value (--db "", an option given twice) is a usage error, and a
# FIFO among the person's content files is refused at once instead of hanging every command.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need sqlite3
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen here

checksum() { sha256sum "$1" | cut -d' ' -f1; }

# expect STATUS PATTERN ARGS...: lib.sh's e2e_expect.
expect() { e2e_expect "$@"; }

"$GUTSKIN" log --date 2026-03-14 acne=2 sleep-hours=7 --note "a day to keep" >/dev/null
[ -s "$JOURNAL" ] || fail "no journal"
before=$(checksum "$JOURNAL")
cd "$E2E_WORK"
ln -s "$JOURNAL" journal-link.db
ln -s "$JOURNAL-wal" wal-link   # the -wal does not exist between sessions: a dangling link
ln -s "$JOURNAL-shm" shm-link

# --- export -o and report -o -------------------------------------------------------------------
for command in "export" "report --days 7"; do
    # shellcheck disable=SC2086 # the command's words are split on purpose
    {
        expect 1 "is the journal $JOURNAL" $command -o "$JOURNAL"
        expect 1 "is the journal $JOURNAL" $command -o "$JOURNAL" --force
        expect 1 "is the journal $JOURNAL" $command -o journal-link.db --force
        expect 1 "is the -wal file of the journal" $command -o "$JOURNAL-wal" --force
        expect 1 "is the -wal file of the journal" $command -o wal-link --force
        expect 1 "is the -shm file of the journal" $command -o shm-link --force
        expect 1 "is the journal" --db journal-link.db $command -o "$JOURNAL" --force
    }
    [ "$(checksum "$JOURNAL")" = "$before" ] || fail "$command -o changed the journal"
    [ -L wal-link ] && [ ! -e "$JOURNAL-wal" ] || fail "$command -o wrote through a link to the -wal"
done

# An existing file needs --force; an SQLite file (a backup) is refused even with it.
"$GUTSKIN" backup "$E2E_WORK/old.bak" >/dev/null
bak=$(checksum "$E2E_WORK/old.bak")
for command in "export" "report --days 7"; do
    # shellcheck disable=SC2086
    expect 1 "is an SQLite database" $command -o "$E2E_WORK/old.bak" --force
    [ "$(checksum "$E2E_WORK/old.bak")" = "$bak" ] || fail "$command -o replaced a backup"
    echo "my own notes" >"$E2E_WORK/notes.txt"
    # shellcheck disable=SC2086
    expect 1 "notes.txt already exists; use --force to replace it" $command -o "$E2E_WORK/notes.txt"
    grep -qx "my own notes" "$E2E_WORK/notes.txt" || fail "$command -o replaced a file without --force"
    # shellcheck disable=SC2086
    "$GUTSKIN" $command -o "$E2E_WORK/notes.txt" --force >/dev/null || fail "$command -o --force failed"
    grep -qx "my own notes" "$E2E_WORK/notes.txt" && fail "$command -o --force did not replace the file"
    rm -f "$E2E_WORK/notes.txt"
done
# A file written is confirmed on standard error, one line in one shape for every command;
# standard output stays the command's alone. Written to standard output itself (-, /dev/stdout,
# a pipe or a file behind it), nothing is said: the line would land inside what it confirms.
confirmed() { # confirmed LINE ARGS...: the command prints nothing and says LINE on stderr
    local line=$1
    shift
    "$GUTSKIN" "$@" >"$E2E_WORK/out" 2>"$E2E_WORK/err" || fail "gutskin $* failed: $(cat "$E2E_WORK/err")"
    [ "$(cat "$E2E_WORK/err")" = "$line" ] || fail "gutskin $* said: $(cat "$E2E_WORK/err")"
    [ ! -s "$E2E_WORK/out" ] || fail "gutskin $* wrote to standard output: $(cat "$E2E_WORK/out")"
}
confirmed "export written to $E2E_WORK/new.csv (1 day, csv)" export -o "$E2E_WORK/new.csv"
confirmed "export written to $E2E_WORK/new.json (1 day, json)" export -o "$E2E_WORK/new.json"
confirmed "report written to $E2E_WORK/new.md" report --days 7 -o "$E2E_WORK/new.md"
confirmed "backup written to $E2E_WORK/new.bak" backup "$E2E_WORK/new.bak"
for command in "export" "report --days 7"; do
    for output in - /dev/stdout; do # /dev/stdout is an existing file here: hence --force
        # shellcheck disable=SC2086
        "$GUTSKIN" $command -o $output --force >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
            fail "$command -o $output failed: $(cat "$E2E_WORK/err")"
        [ ! -s "$E2E_WORK/err" ] || fail "$command -o $output said: $(cat "$E2E_WORK/err")"
        grep -q "written to" "$E2E_WORK/out" && fail "$command -o $output confirmed into the output"
        [ -s "$E2E_WORK/out" ] || fail "$command -o $output wrote nothing"
        # shellcheck disable=SC2086
        "$GUTSKIN" $command -o $output --force 2>"$E2E_WORK/err" | cat >"$E2E_WORK/piped" ||
            fail "$command -o $output into a pipe failed"
        [ ! -s "$E2E_WORK/err" ] || fail "$command -o $output into a pipe said: $(cat "$E2E_WORK/err")"
        cmp -s "$E2E_WORK/out" "$E2E_WORK/piped" || fail "$command -o $output into a pipe differs"
    done
done
"$GUTSKIN" export -o /dev/null || fail "export to /dev/null failed"

# --- backup ------------------------------------------------------------------------------------
expect 1 "is the journal" backup --force "$JOURNAL"
expect 1 "is the -wal file of the journal" backup --force wal-link
expect 1 "is the -shm file of the journal" backup --force "$JOURNAL-shm"
"$GUTSKIN" backup --force "$E2E_WORK/old.bak" >/dev/null || fail "backup --force over a backup failed"
[ "$(checksum "$JOURNAL")" = "$before" ] || fail "backup changed the journal"

# --- demo --------------------------------------------------------------------------------------
export GUTSKIN_TEST_SCRIPT="$E2E_WORK/quit.keys"
printf 'size 80 24\nkey q\n' >"$GUTSKIN_TEST_SCRIPT"
expect 1 "is your journal" --db journal-link.db demo
expect 1 "is the -wal file of the journal" --db wal-link demo
expect 1 "was not made by gutskin demo" --db "$E2E_WORK/old.bak" demo
expect 1 "was not made by gutskin demo" --db "$E2E_WORK/old.bak" demo --reset
# A real journal holding a mark with the demo's own label is still not a demo journal.
real="$E2E_WORK/real.db"
"$GUTSKIN" --db "$real" log --date 2026-03-01 acne=3 --note "mine" >/dev/null
sqlite3 "$real" "INSERT INTO mark (date, label, changed_at) VALUES ('2026-02-01', 'Started a daily probiotic', 0)"
real_sum=$(checksum "$real")
expect 1 "was not made by gutskin demo" --db "$real" demo --reset
[ "$(checksum "$real")" = "$real_sum" ] || fail "demo --reset touched a real journal"
"$GUTSKIN" --db "$real" show 2026-03-01 | grep -q "mine" || fail "the real journal lost its day"
# A journal the demo made is the demo's to reset, at --db and at the default place.
"$GUTSKIN" --db "$E2E_WORK/try.db" demo >/dev/null || fail "demo on a new file failed"
"$GUTSKIN" --db "$E2E_WORK/try.db" log --date 2026-03-15 acne=4 --note "tried" >/dev/null
"$GUTSKIN" --db "$E2E_WORK/try.db" demo --reset >/dev/null || fail "demo --reset of the demo failed"
"$GUTSKIN" --db "$E2E_WORK/try.db" show 2026-03-15 | grep -q "tried" && fail "demo --reset kept a day"
"$GUTSKIN" demo >/dev/null || fail "demo at the default place failed"
"$GUTSKIN" demo --reset >/dev/null || fail "demo --reset at the default place failed"
unset GUTSKIN_TEST_SCRIPT
[ "$(checksum "$JOURNAL")" = "$before" ] || fail "demo changed the journal"

# --- command lines that would lose a value -----------------------------------------------------
expect 2 "option --db needs a value, not an empty one" --db "" show
expect 2 "option --db needs a value, not an empty one" --db= export
expect 2 "option --db is given twice" --db "$real" --db "$JOURNAL" show
expect 2 "option --note for log is given twice" log acne=1 --note a --note b
expect 2 "option --format for export is given twice" export --format csv --format json
expect 2 "option --output for report is given twice" report -o a.md -o b.md
"$GUTSKIN" show 2026-03-15 2>/dev/null | grep -q "acne" && fail "a refused log still saved"

# --- a FIFO among the content files ------------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/gutskin/content"
mkfifo "$XDG_CONFIG_HOME/gutskin/content/foods.yaml"
expect 1 "foods.yaml: cannot read: not a regular file" show 2026-03-14
expect 1 "foods.yaml: cannot read: not a regular file" log acne=1
rm "$XDG_CONFIG_HOME/gutskin/content/foods.yaml"
mkfifo "$XDG_CONFIG_HOME/gutskin/content/tracked.yaml"
expect 1 "tracked.yaml: not a regular file" show 2026-03-14
rm "$XDG_CONFIG_HOME/gutskin/content/tracked.yaml"
[ "$(checksum "$JOURNAL")" = "$before" ] || fail "the journal changed"
echo "ok"
