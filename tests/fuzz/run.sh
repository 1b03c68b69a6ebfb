#!/usr/bin/env bash
# tests/fuzz/run.sh - builds the libFuzzer targets with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and runs each one for a bounded time from its seed corpus.
#
# usage: tests/fuzz/run.sh [SECONDS [BUILD_DIR]]   (default: 60 seconds each, build-fuzz)
# Environment: FUZZ_TARGETS (default "dates content import_csv import_json import_peer"), FUZZ_SEED (a fixed
# libFuzzer seed, for a repeatable run), FUZZ_KEEP_CORPUS=1 adds what the run found to
# tests/fuzz/corpus (review before committing).
#
# The seed corpus in tests/fuzz/corpus/<target>/ is only read: new inputs go to a temporary
# folder. A crash, leak, sanitizer report or timeout stops that target; its input is copied to
# tests/fuzz/crashes/ and the script exits 1 after running the others. Turn each such input into a
# regression test (see tests/fuzz/README.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-60}
build=${2:-$root/build-fuzz}
targets=${FUZZ_TARGETS:-dates content import_csv import_json import_peer}

command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang cmake -S "$root" -B "$build" -DGUTSKIN_FUZZ=ON -DGUTSKIN_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' $targets) >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/gutskin-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work # the targets' own temporary folders go here too

failed=()
for target in $targets; do
    mkdir -p "$work/$target" "$work/$target-artifacts"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
             -artifact_prefix="$work/$target-artifacts/")
    [ -n "${FUZZ_SEED:-}" ] && options+=(-seed="$FUZZ_SEED")
    echo "fuzz: $target for ${seconds}s"
    if "$build/tests/fuzz/fuzz_$target" "${options[@]}" "$work/$target" "$here/corpus/$target" \
        >"$work/$target.log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done' "$work/$target.log" | sed 's/^/  /'
    else
        failed+=("$target")
        grep -E -A25 '^==[0-9]+==ERROR|runtime error|^SUMMARY|deadly signal|timeout' \
            "$work/$target.log" | head -60
        mkdir -p "$here/crashes/$target"
        cp "$work/$target-artifacts/"* "$here/crashes/$target/" 2>/dev/null || true
        echo "fuzz: $target FAILED; inputs copied to tests/fuzz/crashes/$target/"
    fi
    if [ "${FUZZ_KEEP_CORPUS:-}" = 1 ]; then
        "$build/tests/fuzz/fuzz_$target" -merge=1 "$here/corpus/$target" "$work/$target" \
            >/dev/null 2>&1
    fi
done

count=$(wc -w <<<"$targets")
[ ${#failed[@]} -eq 0 ] || echo "fuzz: failures in: ${failed[*]}"
echo "fuzz: $((count - ${#failed[@]})) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
