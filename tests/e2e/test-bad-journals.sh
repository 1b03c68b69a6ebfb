#!/usr/bin/env bash
# Journals gutskin cannot use: read-only, on a full disk, not a database, truncated. Every
# command that opens the journal (the app, log, show, export, import, report) must say what is
# wrong in one clear line, exit with status 1 and leave the file exactly as it was. (`check` on
# such files is covered by test-backup-check.sh.)
#
# Read-only: tests run as root in CI, and root ignores file permissions, so as root the commands
# run as the unprivileged user nobody (setpriv) on a file that user owns with mode 0400.
# The user nobody may not be able to reach the build (a checkout under root's home, mode 0700), so
# that part runs a copy of the binary and of the content in the test's own folder.
# Full disk: a 300 KiB tmpfs mounted inside the test's folder; mounting needs root. When either
# part cannot run, the others still do and the test is reported as skipped, not passed.
. "$(dirname "$0")/lib.sh" "$1"
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen to show here

FULL="$E2E_WORK/full"
cleanup() {
    if mountpoint -q "$FULL" 2>/dev/null; then umount "$FULL" || true; fi
    e2e_cleanup
}
trap cleanup EXIT

checksum() { sha256sum "$1" | cut -d' ' -f1; }

printf 'size 80 24\ndump\n' >"$E2E_WORK/app.keys"
csv="$E2E_WORK/days.csv"
printf 'date,acne,stress\r\n2026-03-01,1,2\r\n2026-03-02,2,3\r\n2026-03-03,0,1\r\n' >"$csv"
for i in $(seq 1 400); do
    printf '%s,%d,%d\r\n' "$(date -u -d "2020-01-01 + $i days" +%F)" $((i % 5)) $((i % 11))
done >"$E2E_WORK/big.csv"
sed -i '1i date,acne,stress\r' "$E2E_WORK/big.csv"

# The commands tried on each bad journal; the app runs headless and would stop after one frame.
commands=("app" "log --date 2026-03-15 acne=1" "show 2026-03-01" "export" "import $csv"
          "report --days 30")

# refused FILE PATTERN [GUTSKIN...]: every command on FILE exits 1 with a message matching
# PATTERN and leaves FILE unchanged; GUTSKIN (e.g. setpriv ... gutskin) runs them, by default
# the binary under test.
refused() {
    local file=$1 pattern=$2 before status
    shift 2
    [ $# -gt 0 ] || set -- "$GUTSKIN"
    before=$(checksum "$file")
    for command in "${commands[@]}"; do
        status=0
        if [ "$command" = app ]; then
            env GUTSKIN_TEST_SCRIPT="$E2E_WORK/app.keys" "$@" --db "$file" \
                >"$E2E_WORK/out" 2>"$E2E_WORK/err" </dev/null || status=$?
        else
            # shellcheck disable=SC2086 # the command's words are split on purpose
            "$@" --db "$file" $command >"$E2E_WORK/out" 2>"$E2E_WORK/err" || status=$?
        fi
        [ "$status" = 1 ] || fail "$command on $(basename "$file"): status $status, not 1 ($(cat "$E2E_WORK/err"))"
        grep -q "^gutskin: .*$pattern" "$E2E_WORK/err" ||
            fail "$command on $(basename "$file"): expected '$pattern', got: $(cat "$E2E_WORK/err")"
        [ "$(wc -l <"$E2E_WORK/err")" -le 2 ] ||
            fail "$command on $(basename "$file"): more than a clear line: $(cat "$E2E_WORK/err")"
        [ "$(checksum "$file")" = "$before" ] || fail "$command changed $(basename "$file")"
        # An empty WAL may be left by the attempt; one with content would mean a write.
        if [ -s "$file-wal" ]; then fail "$command wrote to $(basename "$file")-wal"; fi
    done
    echo "ok: $(basename "$file"): ${#commands[@]} commands refused it with '$pattern'"
}

# --- a good journal to damage ------------------------------------------------------------------
good="$E2E_WORK/good.db"
"$GUTSKIN" --db "$good" import "$E2E_WORK/big.csv" >/dev/null
"$GUTSKIN" --db "$good" log --date 2026-03-01 acne=1 --note "before the damage" >/dev/null
size=$(stat -c %s "$good")
[ "$size" -gt 40000 ] || fail "the sample journal is too small to truncate meaningfully ($size)"

# --- not a database ----------------------------------------------------------------------------
printf 'my notes, not a journal\n' >"$E2E_WORK/notes.txt"
refused "$E2E_WORK/notes.txt" "is not a gutskin journal"
head -c 20000 /dev/urandom >"$E2E_WORK/garbage.db"
refused "$E2E_WORK/garbage.db" "is not a gutskin journal"

# --- truncated -------------------------------------------------------------------------------
for keep in 8192 $((size / 2)) $((size - 4096)); do
    head -c "$keep" "$good" >"$E2E_WORK/truncated-$keep.db"
    refused "$E2E_WORK/truncated-$keep.db" "is damaged"
done

# --- read-only -------------------------------------------------------------------------------
# Only the commands that write refuse a read-only journal; test-read-only.sh has the others read it.
commands=("app" "log --date 2026-03-15 acne=1" "import $csv")
readonly_dir="$E2E_WORK/readonly"
mkdir -p "$readonly_dir"
cp "$good" "$readonly_dir/journal.db"
chmod 0755 "$E2E_WORK"
chmod 0644 "$E2E_WORK/app.keys" "$csv"
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
        chown -R nobody "$readonly_dir"
        chmod 0400 "$readonly_dir/journal.db"
        chmod 0500 "$readonly_dir"
        as_nobody=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
        # What nobody runs: copies in this folder, since the build may sit where nobody cannot go.
        mkdir -p "$E2E_WORK/shared"
        cp "$GUTSKIN" "$E2E_WORK/shared/gutskin"
        cp -r "$(dirname "$0")/../../content" "$E2E_WORK/shared/content"
        chmod -R a+rX "$E2E_WORK/shared"
        if "${as_nobody[@]}" "$E2E_WORK/shared/gutskin" --version >/dev/null 2>&1; then
            # nobody needs a home for the content overlay lookup; it does not have to exist.
            refused "$readonly_dir/journal.db" "is read-only" "${as_nobody[@]}" \
                env HOME="$readonly_dir" XDG_CONFIG_HOME="$readonly_dir/config" \
                "$E2E_WORK/shared/gutskin" --content "$E2E_WORK/shared/content"
        else
            e2e_skip_part "read-only journal: the user nobody cannot run a copy in $E2E_WORK (is ${TMPDIR:-/tmp} private?)"
        fi
    else
        e2e_skip_part "read-only journal: running as root without setpriv or the user nobody"
    fi
else
    chmod 0400 "$readonly_dir/journal.db"
    chmod 0500 "$readonly_dir"
    refused "$readonly_dir/journal.db" "is read-only"
    chmod 0700 "$readonly_dir"
fi

# --- full disk -------------------------------------------------------------------------------
mkdir -p "$FULL"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=300k,mode=0700 gutskin-full "$FULL" 2>/dev/null; then
    journal="$FULL/journal.db"
    "$GUTSKIN" --db "$journal" import "$csv" >/dev/null
    before=$(checksum "$journal")
    # Leave about 100 KiB: too little for the 400-day import, enough to start.
    head -c $((190 * 1024)) /dev/zero >"$FULL/filler" || true
    status=0
    "$GUTSKIN" --db "$journal" import "$E2E_WORK/big.csv" >"$E2E_WORK/out" 2>"$E2E_WORK/err" ||
        status=$?
    [ "$status" = 1 ] || fail "import on a full disk: status $status ($(cat "$E2E_WORK/err"))"
    grep -q "^gutskin: .*disk is full" "$E2E_WORK/err" ||
        fail "import on a full disk: $(cat "$E2E_WORK/err")"
    # Now nothing at all is left.
    dd if=/dev/zero of="$FULL/filler2" bs=1k 2>/dev/null || true
    status=0
    "$GUTSKIN" --db "$journal" log --date 2026-03-10 acne=2 stress=4 \
        >"$E2E_WORK/out" 2>"$E2E_WORK/err" || status=$?
    [ "$status" = 1 ] || fail "log on a full disk: status $status ($(cat "$E2E_WORK/err"))"
    grep -q "^gutskin: .*disk is full" "$E2E_WORK/err" ||
        fail "log on a full disk: $(cat "$E2E_WORK/err")"
    [ "$(checksum "$journal")" = "$before" ] || fail "a failed write on a full disk changed the journal"
    rm -f "$FULL/filler" "$FULL/filler2"
    "$GUTSKIN" --db "$journal" check | grep -q "ok (3 days" || fail "the journal did not survive"
    "$GUTSKIN" --db "$journal" log --date 2026-03-10 acne=2 >/dev/null ||
        fail "with space again, log still fails"
    "$GUTSKIN" --db "$journal" check | grep -q "ok (4 days" || fail "the day logged after is missing"
    echo "ok: full disk: import and log refused with 'disk is full', journal intact"
else
    e2e_skip_part "full disk: cannot mount a small tmpfs (needs root)"
fi
e2e_finish
