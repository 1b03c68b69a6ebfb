#!/usr/bin/env bash
# A check-in in seconds: a returning person whose day resembles yesterday logs a complete day of
# the items they track in at most 25 keystrokes (counted from the script: each key and each
# typed character is one), and the saved day holds exactly what they meant.
. "$(dirname "$0")/lib.sh" "$1"

G() { "$GUTSKIN" "$@" >/dev/null; }
# They track skin and gut; hiding what they never have keeps the form short.
for id in rosacea eczema itch colds allergies inflammation anxiety low-mood brain-fog; do
    G track hide "$id"
done

G track hide antibiotics
G log --date 2026-03-14 acne=1 redness=2 dryness=0 sensitivity=0 dullness=0 bloating=1 \
    constipation=0 diarrhea=0 gas=1 reflux=0 abdominal-pain=0 fatigue=1 \
    sleep-hours=7 sleep-quality=3 stress=4 water=6 exercise=30 alcohol=0 probiotic-taken=1 \
    caffeine-late=0 --food kimchi --food oats --food olive-oil

cat >"$E2E_WORK/checkin.keys" <<'KEYS'
size 80 24
# Breakouts moderate, Redness mild; the cursor moves on after each.
key 2 1
# z: none for the rest of Skin; the cursor moves to Digestive.
key z
# Bloating moderate, then Z: none for every sign still blank.
key 2 Z
# c copies yesterday's habits, f yesterday's foods.
key c f
# Slept 6.5 hours: typed on Sleep, taken without Enter.
type 6.5
key C-s
dump
KEYS
keys=$(awk '$1 == "key" { n += NF - 1 } $1 == "type" { n += length($0) - 5 } END { print n }' \
    "$E2E_WORK/checkin.keys")
[ "$keys" -le 25 ] || fail "the check-in took $keys keystrokes (at most 25)"

GUTSKIN_TEST_SCRIPT="$E2E_WORK/checkin.keys" "$GUTSKIN" >"$E2E_WORK/screen.out" 2>&1 ||
    fail "the check-in exited $?: $(cat "$E2E_WORK/screen.out")"
grep -q "Saved Sun 15 Mar 2026" "$E2E_WORK/screen.out" || { cat "$E2E_WORK/screen.out" >&2; fail "not saved"; }

"$GUTSKIN" export --format csv --from 2026-03-15 --to 2026-03-15 >"$E2E_WORK/day.csv"
"$GUTSKIN" show 2026-03-15 >"$E2E_WORK/day.txt"
expect() { grep -qF -- "$1" "$E2E_WORK/day.txt" || { cat "$E2E_WORK/day.txt" >&2; fail "show lacks '$1'"; }; }
expect "Breakouts: moderate (2)"
expect "Redness or flushing: mild (1)"
expect "Dry or damaged skin: none (0)"
expect "Bloating: moderate (2)"
expect "Gas: none (0)"
expect "Fatigue: none (0)"
expect "Sleep: 6.5 hours"
expect "Stress: 4 (0 to 10)"
expect "Water: 6 glasses"
expect "Probiotic taken: yes"
expect "Fermented foods: Kimchi"
expect "Olive oil"
# Hidden signs were not touched: nothing was logged for them.
if grep -qF "Eczema" "$E2E_WORK/day.txt"; then fail "a hidden sign was logged"; fi
echo "ok: $keys keystrokes"
