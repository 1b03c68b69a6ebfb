#!/bin/sh
# Replays tests/screens/NAME.keys against the real UI in headless mode and compares the screen
# dumps with tests/screens/NAME.screen. Usage: run-screen-test.sh GUTSKIN NAME.keys
# If NAME.setup exists it is run first (sh, with $GUTSKIN set) to fill the journal.
# UPDATE_SCREENS=1 rewrites the expected file instead of comparing (review the diff!).
set -eu
gutskin=$1
script=$2
dir=$(dirname "$script")
name=$(basename "$script" .keys)
expected="$dir/$name.screen"
work=$(mktemp -d "${TMPDIR:-/tmp}/gutskin-screen-XXXXXX")
trap 'rm -rf "$work"' EXIT

# A pinned world: fixed day, locale, time zone and terminal, an empty home.
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
export GUTSKIN_DB="$work/journal.db" GUTSKIN_TODAY="${GUTSKIN_TODAY:-2026-03-15}"
export GUTSKIN_NOW=1773576000 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm GUTSKIN="$gutskin"
unset NO_COLOR VISUAL EDITOR GUTSKIN_TEST_SCRIPT
mkdir -p "$HOME"

if [ -f "$dir/$name.setup" ]; then
    (cd "$dir" && sh "./$name.setup") >"$work/setup.log" 2>&1 || {
        echo "setup failed:"; cat "$work/setup.log"; exit 1; }
fi

GUTSKIN_TEST_SCRIPT="$script" timeout 30 "$gutskin" >"$work/screen" 2>"$work/stderr" || {
    echo "gutskin exited with status $?"; cat "$work/stderr"; exit 1; }
# The temporary folder's name changes from run to run: About shows paths inside it.
sed "s|$work|WORK|g" "$work/screen" >"$work/actual"

if [ "${UPDATE_SCREENS:-}" = 1 ]; then
    cp "$work/actual" "$expected"
    echo "updated $expected"
    exit 0
fi
if ! diff -u "$expected" "$work/actual"; then
    echo "screen differs from $expected (UPDATE_SCREENS=1 to accept after review)"
    exit 1
fi
