#!/bin/sh
# run.sh: the WebAssembly JS-API conformance suite (WPT format) on qwasm.
#   usage: run.sh QWASM WPT_DIR XFAIL_LIST [FILE...]
# Each *.any.js file whose META global= names jsshell runs as one script: prelude.js,
# harness/testharness.js, legacy.js, report.js (before the tests: test() runs at once), its META
# script= includes, then the file. Each file
# prints its subtests and "P passed, F failed"; the last line sums the subtests.
# Files under js-string/ are reported with their score and counted as skipped (later work). A file listed in XFAIL_LIST ("wpt-jsapi/<path>  # reason") has its failures counted as
# skipped; if it passes completely it is a failure, so that the list shrinks.
# With WPT_SKIP_SLOW=1 (what `make test` sets: it runs the fast tests), files marked
# "META: timeout=long" are not run and are reported as skipped; `make wpt` runs them.
qwasm=$1 wpt=$2 xfail=$3
shift 3
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
total_p=0 total_f=0 total_s=0 status=0

if [ $# -eq 0 ]; then
    set -- $(cd "$wpt" && find . -name '*.any.js' | sed 's|^\./||' | sort)
fi

for rel in "$@"; do
    file=$wpt/$rel
    grep -q '^// META: global=.*jsshell' "$file" || continue
    if [ "${WPT_SKIP_SLOW:-0}" = 1 ] && grep -q '^// META: timeout=long' "$file"; then
        echo "$rel: slow (META timeout=long): not run here, \`make wpt\` runs it"
        total_s=$((total_s + 1))
        continue
    fi
    script=$tmp/test.js
    {
        printf 'globalThis.WPT_FILE_TITLE = %s;\n' "\"$rel\""
        cat "$here/prelude.js" "$wpt/harness/testharness.js" "$here/legacy.js" "$here/report.js"
        for inc in $(sed -n 's|^// META: script=||p' "$file"); do
            case $inc in
            /wasm/jsapi/*) cat "$wpt/${inc#/wasm/jsapi/}" ;;
            *) cat "$(dirname "$file")/$inc" ;;
            esac
            echo
        done
        cat "$file"
        echo
    } >"$script"
    out=$tmp/out
    limit=120
    grep -q '^// META: timeout=long' "$file" && limit=600
    timeout $limit "$qwasm" "$script" >"$out" 2>&1
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
    if [ -z "$line" ]; then
        p=0 f=1
        echo "$rel: no result (crash or unsettled test):"
        tail -n 5 "$out" | sed 's/^/    /'
    else
        p=${line%% passed*}
        f=${line#*passed, }
        f=${f%% failed}
    fi
    reason=$(grep -E "^wpt-jsapi/$rel[[:space:]]+#" "$xfail" 2>/dev/null | sed 's/^[^#]*#[[:space:]]*//')
    case $rel in
    js-string/*) kind=later ;;
    *) kind=${reason:+xfail} ;;
    esac
    grep -E '^(FAIL|TIMEOUT|NOTRUN|PRECONDITION_FAILED|HARNESS-ERROR) ' "$out" | sed "s|^|$rel: |" |
        if [ -n "$kind" ]; then sed 's/$/ (expected)/'; else cat; fi
    if [ "$kind" = later ]; then
        echo "$rel: $p passed, $f failed (not required yet: skipped)"
        total_p=$((total_p + p)) total_s=$((total_s + f))
    elif [ "$kind" = xfail ]; then
        if [ "$f" -eq 0 ]; then
            echo "$rel: unexpectedly passed: remove it from $xfail ($reason)"
            total_p=$((total_p + p)) total_f=$((total_f + 1))
        else
            echo "$rel: $p passed, $f failed: expected failure ($reason)"
            total_p=$((total_p + p)) total_s=$((total_s + f))
        fi
    else
        echo "$rel: $p passed, $f failed"
        total_p=$((total_p + p)) total_f=$((total_f + f))
    fi
done
[ "$total_f" -ne 0 ] && status=1
echo "$total_p passed, $total_f failed, $total_s skipped"
exit $status
