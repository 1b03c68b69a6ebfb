#!/usr/bin/env bash
# test-backup-check.sh - `gutskin backup` and `gutskin check` on real files: a backup taken while
# another process holds a read (and a write) transaction, the no-clobber default name, and checks
# of a good, a truncated, a garbage and an empty file, with their exit statuses. Also `gutskin
# demo`, which needs a terminal: it must fill its own file and never touch the journal.
#
# usage: test-backup-check.sh PATH-TO-GUTSKIN
. "$(dirname "$0")/lib.sh" "$1"
e2e_need tmux

gs() { "$GUTSKIN" "$@"; }

# expect STATUS COMMAND...: runs gutskin, keeps stdout/stderr in $out/$err, checks the status.
expect() {
    local want=$1 got=0
    shift
    gs "$@" >"$E2E_WORK/out" 2>"$E2E_WORK/err" || got=$?
    out=$(cat "$E2E_WORK/out")
    err=$(cat "$E2E_WORK/err")
    [ "$got" -eq "$want" ] || fail "gutskin $* exited $got, not $want (stderr: $err)"
    # Problems start with 'gutskin: '; the one other line is the confirmation of a file written.
    if [ -n "$err" ] && grep -v '^gutskin: \|^usage: \|^backup written to /' <<<"$err" | grep -q .; then
        fail "stderr lines must start with 'gutskin: ' or be a confirmation: $err"
    fi
}

checksum() { sha256sum "$1" | cut -d' ' -f1; }

# --- demo: its own file, filled once, the journal never created ---------------------------------
DEMO="$XDG_DATA_HOME/gutskin/demo.db"
e2e_start 100 30 demo
e2e_wait_for "Check-in"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
[ -f "$DEMO" ] || fail "no demo journal at $DEMO"
[ ! -e "$JOURNAL" ] || fail "the demo created the real journal"
expect 0 --db "$DEMO" check
grep -q ", from 2025-11-16 to 2026-03-15, schema 7)" <<<"$out" || fail "demo span: $out"
days=$(sed -n 's/.*ok (\([0-9]*\) days.*/\1/p' <<<"$out")
[ "$days" -ge 95 ] && [ "$days" -le 115 ] || fail "the demo should hold about 108 days, not $days"
first_fill=$out

# --reset empties and refills in one go: the same days again (not the one added), one mark.
expect 0 --db "$DEMO" log --date 2025-01-01 acne=1
e2e_new_server
e2e_start 100 30 demo --reset
e2e_wait_for "Check-in"
e2e_keys q
e2e_wait_for "gutskin-exited-0"
expect 0 --db "$DEMO" check
[ "$out" = "$first_fill" ] || fail "demo --reset gave '$out', not '$first_fill'"
if command -v python3 >/dev/null; then
    marks=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM mark").fetchone()[0])' "$DEMO")
    [ "$marks" = 1 ] || fail "the demo journal holds $marks marks after --reset, not 1"
else
    e2e_skip_part "python3 not found: the marks after demo --reset are not counted"
fi
expect 2 demo --bogus
expect 0 demo --help
grep -q -- "--reset" <<<"$out" || fail "demo --help does not mention --reset"

# --- a journal with three days ---------------------------------------------------------------------
for day in 2026-03-13 2026-03-14 2026-03-15; do
    expect 0 log --date "$day" acne=2 bloating=1 --food kimchi --note "day $day"
done
[ -f "$JOURNAL" ] || fail "gutskin log made no journal"

# A reset must refuse the user's journal, and any journal that was not made by the demo.
expect 1 --db "$JOURNAL" demo --reset
grep -q "is your journal" <<<"$err" || fail "demo --reset on the journal: $err"
cp "$JOURNAL" "$E2E_WORK/other.db"
expect 1 --db "$E2E_WORK/other.db" demo --reset
grep -q "was not made by gutskin demo" <<<"$err" || fail "demo --reset on other.db: $err"

# --- check ---------------------------------------------------------------------------------------
expect 0 check
[ "$out" = "$JOURNAL: ok (3 days, from 2026-03-13 to 2026-03-15, schema 7)" ] ||
    fail "check said: $out"
expect 2 check --bogus
expect 2 check a.db b.db
expect 0 check --help
expect 1 check "$E2E_WORK/missing.db"
[ ! -e "$E2E_WORK/missing.db" ] || fail "check created the missing file"

# check_bad NAME: the file must be refused with exit 1 and left exactly as it was.
check_bad() {
    local file=$E2E_WORK/$1 before
    before=$(checksum "$file")
    expect 1 check "$file"
    [ -z "$out" ] || fail "check printed '$out' for $1"
    grep -q "^gutskin: .*$1" <<<"$err" || fail "check on $1 should name the file: $err"
    [ "$(checksum "$file")" = "$before" ] || fail "check changed $1"
    for suffix in -wal -shm -journal; do
        [ ! -e "$file$suffix" ] || fail "check left $1$suffix behind"
    done
}

expect 0 backup "$E2E_WORK/good.db"
head -c 6000 "$E2E_WORK/good.db" >"$E2E_WORK/truncated.db"
check_bad truncated.db
head -c 20000 /dev/urandom >"$E2E_WORK/garbage.db"
check_bad garbage.db
: >"$E2E_WORK/empty.db"
check_bad empty.db
printf 'SQLite format 3\0 but not really a database at all' >"$E2E_WORK/header.db"
check_bad header.db

# --- backup --------------------------------------------------------------------------------------
default_backup="$JOURNAL.2026-03-15.bak"
expect 0 backup
[ -f "$default_backup" ] || fail "no backup at $default_backup"
[ "$(stat -c %a "$default_backup")" = 600 ] || fail "the backup should be private (0600)"
expect 0 check "$default_backup"
grep -q "ok (3 days" <<<"$out" || fail "the backup does not check: $out"
before=$(checksum "$default_backup")
expect 1 backup
grep -q "already exists" <<<"$err" || fail "a second backup should refuse: $err"
[ "$(checksum "$default_backup")" = "$before" ] || fail "the refused backup changed the file"
expect 0 log --date 2026-03-12 acne=1
expect 0 backup --force
expect 0 check "$default_backup"
grep -q "ok (4 days" <<<"$out" || fail "--force did not replace the backup: $out"
expect 2 backup --bogus
expect 2 backup a.bak b.bak
expect 0 backup --help
expect 1 backup "$E2E_WORK/no/such/folder/x.bak"
expect 1 --db "$E2E_WORK/missing.db" backup "$E2E_WORK/x.bak"
[ ! -e "$E2E_WORK/missing.db" ] && [ ! -e "$E2E_WORK/x.bak" ] || fail "backup of nothing made files"

# hold MODE: another process keeps a transaction open on the journal until "$E2E_WORK/release"
# exists; MODE read holds a read snapshot, write an uncommitted day.
hold() {
    rm -f "$E2E_WORK/held" "$E2E_WORK/release"
    python3 - "$JOURNAL" "$1" "$E2E_WORK" <<'EOF' &
import os, sqlite3, sys, time
path, mode, work = sys.argv[1:4]
db = sqlite3.connect(path, isolation_level=None)
if mode == "read":
    db.execute("BEGIN")
    db.execute("SELECT count(*) FROM day").fetchone()
else:
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO day (date, changed_at) VALUES ('2020-01-01', 1)")
open(os.path.join(work, "held"), "w").close()
while not os.path.exists(os.path.join(work, "release")):
    time.sleep(0.05)
db.execute("ROLLBACK")
EOF
    holder=$!
    for _ in $(seq 100); do
        [ -e "$E2E_WORK/held" ] && return 0
        sleep 0.05
    done
    fail "the transaction holder did not start"
}

release() {
    touch "$E2E_WORK/release"
    wait "$holder"
}

if command -v python3 >/dev/null; then
    for mode in read write; do
        hold "$mode"
        expect 0 backup "$E2E_WORK/while-$mode.bak"
        expect 0 check
        release
        expect 0 check "$E2E_WORK/while-$mode.bak"
        grep -q "ok (4 days, from 2026-03-12 to 2026-03-15" <<<"$out" ||
            fail "backup during a $mode transaction: $out"
    done
else
    e2e_skip_part "python3 not found: no backups during another transaction"
fi

e2e_finish
