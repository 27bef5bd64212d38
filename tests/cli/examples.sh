#!/bin/sh
# examples.sh: runs every program of examples/ that has an expected output (examples/NAME.mjs
# with examples/NAME.expected) and compares its stdout byte for byte; it must exit 0 with an
# empty stderr. They run from another directory: a driver finds its .wasm by import.meta.url.
# Each examples/*.wasm must have such a test. QWASM names the binary (default build/qwasm).
# Prints "N passed, M failed".
QWASM=${QWASM:-build/qwasm}
case $QWASM in /*) ;; *) QWASM=$(pwd)/$QWASM ;; esac
root=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qwasm-examples.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0

for want in examples/*.expected; do
    name=$(basename "$want" .expected)
    (cd "$tmp" && "$QWASM" "$root/examples/$name.mjs" >out 2>err)
    rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$want" "$tmp/out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL examples/$name.mjs (exit $rc)"
        head -5 "$tmp/err"
        diff "$want" "$tmp/out" | head -20
    fi
done

# A .wasm without an expected output would be an example nothing runs.
for wasm in examples/*.wasm; do
    name=$(basename "$wasm" .wasm)
    if [ -f "examples/$name.expected" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $wasm: no examples/$name.expected, so no test runs it"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
