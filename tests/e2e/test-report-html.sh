#!/usr/bin/env bash
# test-report-html.sh - the HTML report of a journal built with `gutskin log`, checked as a file
# and, when Chromium is installed, rendered headless: the DOM must hold the four SVG charts and
# the person's text as text, and the console must show no uncaught error.
#
# usage: test-report-html.sh PATH-TO-GUTSKIN
set -euo pipefail

gutskin=${1:?usage: test-report-html.sh PATH-TO-GUTSKIN}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export GUTSKIN_TODAY=2026-03-20 LC_ALL=C.UTF-8 TZ=UTC
unset GUTSKIN_DB
export HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
db=$work/journal.db

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

gs() {
    "$gutskin" --db "$db" "$@"
}

# Twenty days before today, with two days skipped so that the charts have gaps.
for i in $(seq 0 19); do
    [ "$i" -eq 6 ] || [ "$i" -eq 12 ] && continue
    day=$(date -u -d "$GUTSKIN_TODAY - $i days" +%F)
    food=kimchi
    [ $((i % 3)) -eq 0 ] && food=garlic
    gs log --date "$day" acne=$((i % 4)) itch=$((i % 2)) bloating=$(((i + 1) % 4)) \
        fatigue=$((i % 3)) colds=0 sleep-hours=7 --food "$food" >/dev/null ||
        fail "gutskin log failed for $day"
done
gs log --date 2026-03-18 --note '<b>bold?</b> & <script>alert(1)</script>' >/dev/null ||
    fail "gutskin log --note failed"

report=$work/report.html
gs report --days 20 -o "$report" >/dev/null || fail "gutskin report failed"
[ -s "$report" ] || fail "no report written"
[ "$(grep -c '<svg' "$report")" -eq 4 ] || fail "expected 4 charts in the report"
[ "$(grep -c '</svg>' "$report")" -eq 4 ] || fail "every <svg> must be closed"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$report" || fail "note not escaped"
if grep -q -i -E '<script|<link|https?:' "$report"; then
    fail "the report must need no script and no external resource"
fi
[ -z "$(find "$work" -name '.report.html.*')" ] || fail "temporary file left behind"
[ "$(stat -c %a "$report")" = 600 ] || fail "the report should be private (0600)"

# A symbolic link given to -o is written through, not replaced by a file.
ln -s "$work/target.md" "$work/link.md"
gs report --days 20 -o "$work/link.md" >/dev/null || fail "gutskin report -o link failed"
[ -L "$work/link.md" ] || fail "the link given to -o was replaced"
grep -q '^# Gut-skin journal report' "$work/target.md" || fail "no Markdown behind the link"

chromium=$(command -v chromium || true)
if [ -z "$chromium" ] && [ -x /usr/bin/chromium ]; then
    chromium=/usr/bin/chromium
fi
if [ -z "$chromium" ]; then
    echo "SKIP: chromium not installed; the file checks above passed"
    exit 77 # ctest: skipped (SKIP_RETURN_CODE)
fi

# Renders a file headless; the DOM goes to $2, the console log to $3.
render() {
    timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" \
        --enable-logging=stderr --v=0 --dump-dom "file://$1" >"$2" 2>"$3" || true
}

# A page that throws proves that an uncaught error would be seen in the log.
printf '<!DOCTYPE html><title>canary</title><script>throw new Error("canary")</script>\n' \
    >"$work/canary.html"
render "$work/canary.html" "$work/canary.dom" "$work/canary.log"
grep -q 'Uncaught' "$work/canary.log" || fail "cannot see console errors (canary not caught)"

render "$report" "$work/report.dom" "$work/report.log"
[ "$(grep -o '<svg' "$work/report.dom" | wc -l)" -eq 4 ] || fail "the rendered DOM lacks the charts"
grep -q '<path class="line"' "$work/report.dom" || fail "the rendered charts have no line"
grep -q 'Gut-skin journal report' "$work/report.dom" || fail "the rendered DOM lacks the title"
if grep -q '<b>bold' "$work/report.dom"; then
    fail "a note became markup in the rendered DOM"
fi
if grep -q 'Uncaught' "$work/report.log"; then
    grep 'Uncaught' "$work/report.log" >&2
    fail "console errors while rendering the report"
fi
echo "PASS: report rendered with 4 charts and no console error"
