#!/bin/sh
# run.sh BUILD SECONDS TARGET...: runs each libFuzzer target BUILD/fuzz_TARGET for SECONDS on its
# seeds (BUILD/seeds/wast for the script reader, BUILD/seeds/modules for the others) and prints
# its executions per second and total executions. Exits non-zero if any target found a crash, a
# sanitizer report or a leak (the crashing input is kept in BUILD/crashes/).
build=$1 seconds=$2
shift 2
status=0
mkdir -p "$build/crashes"
for t in "$@"; do
    seeds=$build/seeds/modules
    [ "$t" = wast ] && seeds=$build/seeds/wast
    corpus=$build/corpus/$t
    mkdir -p "$corpus"
    log=$build/fuzz_$t.log
    "$build/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" "$corpus" "$seeds" \
        >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    if [ "$rc" -ne 0 ]; then
        status=1
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -20
        echo "fuzz_$t: FAILED (exit $rc) after ${execs:-?} execs, log in $log"
    else
        echo "fuzz_$t: ${execs:-?} execs in ${seconds} s, ${rate:-?} exec/s, no crash"
    fi
done
exit $status
