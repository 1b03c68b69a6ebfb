#!/bin/sh
# bench/status.sh BUILD [JOURNAL] [RUNS]: how long `gutskin status` takes from start to exit, as a
# shell prompt sees it, beside what starting any process costs here. BUILD is a build folder
# with the bench tools (cmake --build BUILD --target bench_tools). Prints, for RUNS runs each
# (default 500), the median, fastest and 90th percentile of: a C program that does nothing (the
# cost of a process start), `gutskin --version` (gutskin's start: its libraries, no work) and
# `gutskin status`. Each is timed by bench/spawn-time.c (posix_spawn, monotonic clock): no other
# process is started per run. Run it on a quiet machine, and more than once.
set -eu
build=$1
journal=${2:-}
runs=${3:-500}
gutskin=$build/gutskin
set -- "$gutskin"
[ -n "$journal" ] && set -- "$gutskin" --db "$journal"
printf 'empty C program:   '
"$build/bench/spawn-time" "$runs" "$build/bench/empty"
printf 'gutskin --version: '
"$build/bench/spawn-time" "$runs" "$gutskin" --version
printf 'gutskin status:    '
"$build/bench/spawn-time" "$runs" "$@" status
