#!/bin/sh
# difftest.sh QW_DIFF WORKDIR FIRST N: generates modules FIRST .. FIRST+N-1 with `wasm-opt -ttf`
# (input bytes from a SHA-256 chain seeded by the module's number, so each number always gives
# the same module), runs each under qw-diff and node-diff.mjs and compares the two outputs. After
# a stack exhaustion on either side (whose depth differs between engines) only what came before
# that call is compared. The spec lets arithmetic on a non-canonical NaN return any arithmetic NaN
# (qwasm propagates payloads, V8 mostly returns the canonical NaN), so outputs that differ get two
# more chances: memory hashes alone are settled by comparing the images modulo NaN payloads
# (nan-cmp.mjs); otherwise, since such bits can also flow into integers (reinterpret,
# extract_lane), both engines run a variant of the module whose float results are made
# deterministic (binaryen's --denan for scalars, canon-nans.mjs for f32x4/f64x2), and must agree
# on it. A bug that shows only on NaN operands can hide behind that retry (the spec tests cover
# NaN semantics); any other difference still fails. Prints "N passed, M failed"; mismatching
# modules stay in WORKDIR/mismatch.
qw=$1 work=$2 first=$3 n=$4
dir=$(dirname "$0")
# Features both engines run (v128 exports are skipped by both drivers); DIFF_FEATURES overrides.
# Not reference-types: binaryen 108 generates modules with its older subtyping (funcref under
# externref) that both engines rightly reject.
FEATURES=${DIFF_FEATURES:-"--enable-sign-ext --enable-bulk-memory --enable-nontrapping-float-to-int
 --enable-mutable-globals --enable-multivalue --enable-simd --enable-tail-call
 --enable-exception-handling"}
for t in wasm-opt wasm-as node; do
    command -v $t >/dev/null || { echo "difftest: $t not found (Debian: binaryen, nodejs)" >&2; exit 2; }
done
mkdir -p "$work/in" "$work/mismatch"
node -e '
const { createHash } = require("crypto"), fs = require("fs");
const [dir, first, n] = [process.argv[1], +process.argv[2], +process.argv[3]];
for (let i = first; i < first + n; i++) {
    const parts = [];
    for (let j = 0; j < 256; j++)
        parts.push(createHash("sha256").update(`qwasm-difftest-${i}-${j}`).digest());
    fs.writeFileSync(`${dir}/${i}.dat`, Buffer.concat(parts));
}' "$work/in" "$first" "$n"

# The outputs up to (not including) the call that exhausted the stack on either side.
cut_at_stack() {
    awk -v stop="$3" 'NR < stop' "$1" >"$1.cut"
    awk -v stop="$3" 'NR < stop' "$2" >"$2.cut"
}
first_stack_call() {
    awk '/^call /{c=NR} /^trap stack$/{print c; exit}' "$1"
}
# Writes $1.cut and $2.cut, the outputs $1 and $2 as far as they are comparable; returns 0 if
# they were cut at a stack exhaustion.
cut_outputs() {
    a=$(first_stack_call "$1") b=$(first_stack_call "$2")
    if [ -n "$a$b" ]; then
        stop=${a:-$b}
        [ -n "$b" ] && [ "$b" -lt "$stop" ] && stop=$b
        cut_at_stack "$1" "$2" "$stop"
        return 0
    fi
    cp "$1" "$1.cut"
    cp "$2" "$2.cut"
    return 1
}

# Both engines agree on the module $2 once its NaN results are canonical (files $1.canon.*).
same_after_nan_canon() {
    wasm-opt "$2" $FEATURES --denan -S -o "$1.denan.wat" 2>/dev/null &&
        node "$dir/canon-nans.mjs" "$1.denan.wat" "$1.canon.wat" &&
        wasm-as $FEATURES "$1.canon.wat" -o "$1.canon.wasm" 2>/dev/null || return 1
    "$qw" --sigs "$1.canon.wasm" >"$1.canon.sigs" 2>&1
    timeout 60 "$qw" "$1.canon.wasm" >"$1.canon.qw" 2>&1 || return 1
    timeout 60 node "$dir/node-diff.mjs" "$1.canon.wasm" "$1.canon.sigs" >"$1.canon.node" 2>&1 ||
        return 1
    cut_outputs "$1.canon.qw" "$1.canon.node"
    cmp -s "$1.canon.qw.cut" "$1.canon.node.cut" || return 1
    nan_canon=$((nan_canon + 1))
}

# Outputs $1.qw.cut and $1.node.cut that differ only in memory hashes: both sides run again and
# write their memories ($2 is the module), which must then agree modulo NaN payloads.
same_modulo_nan() {
    grep -v '^memory ' "$1.qw.cut" >"$1.qw.rest"
    grep -v '^memory ' "$1.node.cut" >"$1.node.rest"
    cmp -s "$1.qw.rest" "$1.node.rest" || return 1
    grep '^memory ' "$1.qw.cut" | cut -d' ' -f1-3 >"$1.qw.mems"
    grep '^memory ' "$1.node.cut" | cut -d' ' -f1-3 >"$1.node.mems"
    cmp -s "$1.qw.mems" "$1.node.mems" || return 1
    timeout 60 "$qw" --memory-out "$1.qw.mem" "$2" >/dev/null 2>&1
    timeout 60 node "$dir/node-diff.mjs" "$2" "$1.sigs" "$1.node.mem" >/dev/null 2>&1
    for name in $(cut -d' ' -f2 "$1.qw.mems"); do
        node "$dir/nan-cmp.mjs" "$1.qw.mem.$name" "$1.node.mem.$name" || return 1
    done
    nan_only=$((nan_only + 1))
}

passed=0 failed=0 partial=0 nan_only=0 nan_canon=0
i=$first
while [ "$i" -lt $((first + n)) ]; do
    m=$work/$i.wasm
    if ! wasm-opt -ttf "$work/in/$i.dat" $FEATURES -o "$m" 2>"$work/$i.gen.err"; then
        echo "difftest: $i: wasm-opt failed: $(head -1 "$work/$i.gen.err")"
        failed=$((failed + 1)); i=$((i + 1)); continue
    fi
    "$qw" --sigs "$m" >"$work/$i.sigs" 2>&1
    timeout 60 "$qw" "$m" >"$work/$i.qw" 2>&1
    qrc=$?
    timeout 60 node "$dir/node-diff.mjs" "$m" "$work/$i.sigs" >"$work/$i.node" 2>&1
    nrc=$?
    cut_outputs "$work/$i.qw" "$work/$i.node" && partial=$((partial + 1))
    if [ "$qrc" -eq 0 ] && [ "$nrc" -eq 0 ] && { cmp -s "$work/$i.qw.cut" "$work/$i.node.cut" ||
        same_modulo_nan "$work/$i" "$m" || same_after_nan_canon "$work/$i" "$m"; }; then
        passed=$((passed + 1))
        rm -f "$m" "$work/$i".*
    else
        failed=$((failed + 1))
        cp "$m" "$work/mismatch/$i.wasm"
        echo "difftest: module $i differs (qw-diff exit $qrc, node exit $nrc):"
        diff "$work/$i.qw.cut" "$work/$i.node.cut" | head -10
    fi
    i=$((i + 1))
done
echo "difftest: $((passed + failed)) modules, $partial compared up to a stack exhaustion," \
    "$nan_only equal only modulo NaN payloads in memory, $nan_canon once NaN results are canonical"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
