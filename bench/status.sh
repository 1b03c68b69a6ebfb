#!/bin/sh
# bench/status.sh GUTSKIN [JOURNAL] [RUNS]: times `gutskin status` against `gutskin --version`
# (the same process start and libraries, no work) over RUNS runs each, and prints the median and
# the fastest of each in milliseconds. The difference is what status itself costs.
set -eu
gutskin=$1
journal=${2:-}
runs=${3:-200}
set -- "$gutskin"
[ -n "$journal" ] && set -- "$gutskin" --db "$journal"
time_runs() {
    i=0
    while [ $i -lt "$runs" ]; do
        start=$(date +%s%N)
        "$@" >/dev/null || true
        end=$(date +%s%N)
        echo $(((end - start) / 1000))
        i=$((i + 1))
    done | sort -n | awk '{ v[NR] = $1 } END { printf "median %.2f ms, fastest %.2f ms\n", v[int((NR + 1) / 2)] / 1000, v[1] / 1000 }'
}
printf 'gutskin --version: '
time_runs "$gutskin" --version
printf 'gutskin status:    '
time_runs "$@" status
