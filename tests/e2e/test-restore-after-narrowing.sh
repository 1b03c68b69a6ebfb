#!/usr/bin/env bash
# A backup can always be restored: after the person narrows a habit's range in their own content
# (sleep at most 2 hours) and removes a food, an earlier export (CSV and JSON) imports whole into a
# fresh journal, every value as it was, with one warning line that counts them and names the ids.
. "$(dirname "$0")/lib.sh" "$1"
fail() { echo "FAIL: $*" >&2; exit 1; } # no tmux screen here

"$GUTSKIN" log --date 2026-03-01 sleep-hours=7.5 acne=3 --food kimchi:2 --note "before" >/dev/null
"$GUTSKIN" log --date 2026-03-02 sleep-hours=8 >/dev/null
"$GUTSKIN" export -o "$E2E_WORK/days.csv" >/dev/null
"$GUTSKIN" export -o "$E2E_WORK/days.json" >/dev/null
"$GUTSKIN" show 2026-03-01 >"$E2E_WORK/before.txt"

overlay="$XDG_CONFIG_HOME/gutskin/content"
mkdir -p "$overlay"
cat >"$overlay/lifestyle.yaml" <<'YAML'
habits:
  - id: sleep-hours
    label: Sleep
    kind: amount
    unit: hours
    min: 0
    max: 2
    step: 1
    direction: 1
YAML
status=0
"$GUTSKIN" log --date 2026-03-03 sleep-hours=7 >/dev/null 2>&1 || status=$?
[ "$status" = 1 ] || fail "the narrowed range is not in force (log sleep-hours=7: status $status)"

for file in days.csv days.json; do
    rm -f "$JOURNAL" "$JOURNAL-wal" "$JOURNAL-shm"
    status=0
    "$GUTSKIN" import "$E2E_WORK/$file" >"$E2E_WORK/out" 2>"$E2E_WORK/err" || status=$?
    [ "$status" = 0 ] || fail "import $file after narrowing: status $status: $(cat "$E2E_WORK/err")"
    grep -q "imported 2 days (2 new" "$E2E_WORK/out" || fail "import $file: $(cat "$E2E_WORK/out")"
    [ "$(grep -c "warning" "$E2E_WORK/err")" = 1 ] || fail "import $file: not one warning line: $(cat "$E2E_WORK/err")"
    grep -q "^gutskin: warning: .*$file: kept 2 values as they were, though today's content does not allow them: 2 outside today's ranges (sleep-hours)$" "$E2E_WORK/err" ||
        fail "import $file: $(cat "$E2E_WORK/err")"
    "$GUTSKIN" show 2026-03-01 | grep -q "Sleep: 7.5 hours" || fail "import $file: the value was not kept"
done
echo "ok"
