# guide-data.sh - a fortnight of check-ins for the guide screen tests, sourced by their NAME.setup
# files: every day from 1 to 14 March 2026 but the 5th and the 10th, and one older day.
set -eu
d=1
while [ "$d" -le 14 ]; do
    if [ $((d % 5)) -ne 0 ]; then
        foods="--food oats"
        if [ $((d % 3)) -eq 0 ]; then foods="$foods --food kimchi"; fi
        # shellcheck disable=SC2086 # $foods is several options on purpose
        "$GUTSKIN" log --date "2026-03-$(printf %02d "$d")" acne=$((d % 4)) \
            bloating=$(((d + 1) % 3)) sleep-hours=$((6 + d % 3)).5 sleep-quality=$((1 + d % 5)) \
            stress=$((d % 8)) probiotic-taken=$((d % 2)) caffeine-late=$((d % 4 == 0)) $foods
    fi
    d=$((d + 1))
done
"$GUTSKIN" log --date 2026-02-20 redness=3
