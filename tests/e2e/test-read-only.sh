#!/usr/bin/env bash
# Reading a journal the person can only read: a file of mode 0400, a read-only folder. Every
# reading command (show, export CSV and JSON, report, check, backup to a writable place) works and
# leaves the journal as it was; the commands that write refuse it in one clear line. Reading never
# waits behind a writer: CSV export runs at once while another process holds the write lock. A
# reading command on a fresh machine says there is no journal yet and creates nothing.
#
# Root ignores file permissions, so as root the commands run as the user nobody (setpriv), from a
# copy of the binary and the content in the test's own folder (the build may sit where nobody
# cannot go, e.g. a checkout under root's home). When that cannot be arranged the test exits 77,
# which ctest reports as skipped.
. "$(dirname "$0")/lib.sh" "$1"
e2e_need sqlite3
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen to show here

checksum() { sha256sum "$1" | cut -d' ' -f1; }

# --- a journal to read, and a way to run gutskin as someone who cannot write it ----------------
source_db="$E2E_WORK/source.db"
"$GUTSKIN" --db "$source_db" log --date 2026-03-01 acne=1 sleep-hours=7 --note "first day" >/dev/null
"$GUTSKIN" --db "$source_db" log --date 2026-03-02 acne=2 water=5 >/dev/null

shared="$E2E_WORK/shared"
mkdir -p "$shared"
cp "$GUTSKIN" "$shared/gutskin"
cp -r "$(dirname "$0")/../../content" "$shared/content"
chmod 0755 "$E2E_WORK"
chmod -R a+rX "$shared"
runner=()
owner=$(id -un)
if [ "$(id -u)" = 0 ]; then
    if ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1; then
        echo "SKIP: running as root without setpriv or the user nobody"
        exit 77
    fi
    runner=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
    owner=nobody
    if ! "${runner[@]}" "$shared/gutskin" --version >/dev/null 2>&1; then
        echo "SKIP: the user nobody cannot run a copy in $E2E_WORK (is ${TMPDIR:-/tmp} private?)"
        exit 77
    fi
fi

# as_reader ARGS...: gutskin as the person who may only read, with a home of their own.
reader_home="$E2E_WORK/reader-home"
mkdir -p "$reader_home"
chown "$owner" "$reader_home"
as_reader() {
    "${runner[@]}" env HOME="$reader_home" XDG_CONFIG_HOME="$reader_home/config" \
        XDG_DATA_HOME="$reader_home/data" "$shared/gutskin" --content "$shared/content" "$@"
}

# readable FILE: every reading command works on FILE and leaves it unchanged.
readable() {
    local file=$1 before
    before=$(checksum "$file")
    as_reader --db "$file" show 2026-03-01 >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        fail "show on $file: $(cat "$E2E_WORK/err")"
    grep -q "first day" "$E2E_WORK/out" || fail "show did not show the note: $(cat "$E2E_WORK/out")"
    as_reader --db "$file" export >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        fail "export on $file: $(cat "$E2E_WORK/err")"
    grep -q "^2026-03-02," "$E2E_WORK/out" || fail "export lacks a day: $(cat "$E2E_WORK/out")"
    as_reader --db "$file" export --format json >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        fail "export json on $file: $(cat "$E2E_WORK/err")"
    as_reader --db "$file" report --days 30 >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        fail "report on $file: $(cat "$E2E_WORK/err")"
    as_reader --db "$file" check >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        fail "check on $file: $(cat "$E2E_WORK/err")"
    grep -q "ok (2 days" "$E2E_WORK/out" || fail "check: $(cat "$E2E_WORK/out")"
    rm -f "$reader_home/copy.db"
    as_reader --db "$file" backup "$reader_home/copy.db" >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        fail "backup of $file: $(cat "$E2E_WORK/err")"
    [ "$(sqlite3 "$reader_home/copy.db" "SELECT count(*) FROM day")" = 2 ] ||
        fail "the backup of $file is incomplete"
    # Writing is refused in one line that says why.
    local status=0
    as_reader --db "$file" log --date 2026-03-03 acne=3 >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        status=$?
    [ "$status" = 1 ] || fail "log on a read-only $file: status $status"
    grep -q "^gutskin: .*is read-only" "$E2E_WORK/err" || fail "log: $(cat "$E2E_WORK/err")"
    [ "$(checksum "$file")" = "$before" ] || fail "reading changed $file"
    echo "ok: $file: show, export, report, check and backup read it; log is refused"
}

# --- a file of mode 0400 in a folder the reader may write --------------------------------------
mkdir -p "$E2E_WORK/writable"
cp "$source_db" "$E2E_WORK/writable/journal.db"
chown -R "$owner" "$E2E_WORK/writable"
chmod 0400 "$E2E_WORK/writable/journal.db"
readable "$E2E_WORK/writable/journal.db"

# --- a read-only folder (a backup disk, a read-only mount) -------------------------------------
mkdir -p "$E2E_WORK/readonly"
cp "$source_db" "$E2E_WORK/readonly/journal.db"
chown -R "$owner" "$E2E_WORK/readonly"
chmod 0400 "$E2E_WORK/readonly/journal.db"
chmod 0500 "$E2E_WORK/readonly"
readable "$E2E_WORK/readonly/journal.db"
[ -z "$(ls -A "$E2E_WORK/readonly" | grep -v '^journal.db$')" ] ||
    fail "reading left files in the read-only folder: $(ls -A "$E2E_WORK/readonly")"
chmod 0700 "$E2E_WORK/readonly"

# --- a fresh machine: nothing is created -------------------------------------------------------
for command in "show" "export" "report --days 7"; do
    status=0
    # shellcheck disable=SC2086 # the command's words are split on purpose
    "$GUTSKIN" $command >"$E2E_WORK/out" 2>"$E2E_WORK/err" || status=$?
    [ "$status" = 1 ] || fail "$command on a fresh machine: status $status"
    grep -q "^gutskin: there is no journal yet" "$E2E_WORK/err" ||
        fail "$command on a fresh machine: $(cat "$E2E_WORK/err")"
    [ ! -e "$JOURNAL" ] && [ ! -e "$(dirname "$JOURNAL")" ] ||
        fail "$command on a fresh machine created $(ls -la "$(dirname "$JOURNAL")")"
done
echo "ok: show, export and report on a fresh machine say there is no journal yet, create nothing"

# --- reading never waits behind a writer -------------------------------------------------------
live="$E2E_WORK/live.db"
cp "$source_db" "$live"
mkfifo "$E2E_WORK/writer.in"
sqlite3 "$live" <"$E2E_WORK/writer.in" >/dev/null 2>&1 &
writer=$!
exec 3>"$E2E_WORK/writer.in"
echo "PRAGMA journal_mode=WAL; BEGIN IMMEDIATE; UPDATE day SET note = 'being written';" >&3
locked=0
for _ in $(seq "$E2E_WAIT_TENTHS"); do # wait until the writer holds the lock
    if ! sqlite3 "$live" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; then locked=1; break; fi
    sleep 0.1
done
[ "$locked" = 1 ] || fail "the other writer never took the lock"
start=$(date +%s%N)
timeout 20 "$GUTSKIN" --db "$live" export >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
    fail "export while another process writes: $(cat "$E2E_WORK/err")"
elapsed=$((($(date +%s%N) - start) / 1000000))
echo "COMMIT;" >&3
exec 3>&-
wait "$writer" || true
[ "$elapsed" -lt 2000 ] || fail "export waited ${elapsed} ms behind a writer"
grep -q "first day" "$E2E_WORK/out" || fail "export during a write did not show the saved note"
echo "ok: CSV export ran in ${elapsed} ms while another process held the write lock"
echo "ok"
