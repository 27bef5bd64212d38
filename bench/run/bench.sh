#!/bin/sh
# bench.sh NATIVE-DIR BARE-DIR QWASM QW-RUN [WASM3]: make bench's table. Runs each
# BARE-DIR/<name>.wasm under `QWASM bench/run/run.mjs` (whole process: start-up, compile,
# instantiate, run) and NATIVE-DIR/<name>, and under WASM3 (`wasm3 --func run`) when given,
# ROUNDS times each (default 3), alternating, and keeps each one's best time. Checks every
# checksum against the native one and prints times, ratios, their geomeans and the compiled-code /
# code-section size ratio (from QW-RUN -s). Exit status 1 when a checksum differs.
native=$1 bare=$2 qwasm=$3 qwrun=$4 wasm3=$5
rounds=${ROUNDS:-3}
here=$(dirname "$0")
now() { date +%s%N; }
# best-of-rounds wall time in ns of "$@" in $best, its stdout+stderr in $out
best=0 out=
timed() {
    t0=$(now)
    o=$("$@" 2>&1)
    t1=$(now)
    t=$((t1 - t0))
    if [ "$best" -eq 0 ] || [ "$t" -lt "$best" ]; then best=$t; fi
    out=$o
}
u32() { awk -v v="$1" 'BEGIN { if (v < 0) v += 4294967296; printf "%.0f", v }'; }

if [ -n "$wasm3" ]; then
    printf '%-11s %11s %8s %8s %6s %8s %6s %7s %6s\n' name checksum native_s qwasm_s x_nat \
        wasm3_s x_nat w3/qw code_x
else
    printf '%-11s %11s %8s %8s %6s %6s\n' name checksum native_s qwasm_s x_nat code_x
fi
status=0 logq=0 logw=0 logqw=0 n=0 wsum=0 csum=0
for f in "$bare"/*.wasm; do
    name=$(basename "$f" .wasm)
    bn=0 bq=0 bw=0
    okq=ok okw=ok
    i=0
    while [ "$i" -lt "$rounds" ]; do
        best=$bn; timed "$native/$name"; bn=$best; want=$(echo "$out" | awk '{print $2}')
        best=$bq; timed "$qwasm" "$here/run.mjs" "$f"; bq=$best
        [ "$out" = "$want" ] || okq="MISMATCH(qwasm: $out)"
        if [ -n "$wasm3" ]; then
            best=$bw; timed "$wasm3" --func run "$f"; bw=$best
            got=$(u32 "$(echo "$out" | sed -n 's/^Result: *//p')")
            [ "$got" = "$want" ] || okw="MISMATCH(wasm3: $out)"
        fi
        i=$((i + 1))
    done
    sizes=$("$qwrun" -s "$f" no-such-export 2>&1 | grep '^code ')
    wb=$(echo "$sizes" | awk '{print $2}') cb=$(echo "$sizes" | awk '{print $4}')
    wsum=$((wsum + wb)) csum=$((csum + cb)) n=$((n + 1))
    st=ok
    [ "$okq" = ok ] || { st=$okq; status=1; }
    [ "$okw" = ok ] || { st="$st $okw"; status=1; }
    if [ -n "$wasm3" ]; then
        awk -v nm="$name" -v ck="$want" -v a="$bn" -v b="$bq" -v c="$bw" -v w="$wb" -v k="$cb" \
            -v st="$st" 'BEGIN { printf "%-11s %11s %8.3f %8.3f %6.2f %8.3f %6.2f %7.2f %6.2f %s\n",
            nm, ck, a / 1e9, b / 1e9, b / a, c / 1e9, c / a, c / b, k / w, st }'
        logw=$(awk -v s="$logw" -v a="$bn" -v c="$bw" 'BEGIN { print s + log(c / a) }')
        logqw=$(awk -v s="$logqw" -v b="$bq" -v c="$bw" 'BEGIN { print s + log(c / b) }')
    else
        awk -v nm="$name" -v ck="$want" -v a="$bn" -v b="$bq" -v w="$wb" -v k="$cb" -v st="$st" \
            'BEGIN { printf "%-11s %11s %8.3f %8.3f %6.2f %6.2f %s\n", nm, ck, a / 1e9, b / 1e9,
            b / a, k / w, st }'
    fi
    logq=$(awk -v s="$logq" -v a="$bn" -v b="$bq" 'BEGIN { print s + log(b / a) }')
done
awk -v q="$logq" -v n="$n" -v w="$wsum" -v c="$csum" -v r="$rounds" 'BEGIN {
    printf "geomean qwasm / native: %.2fx over %d programs (best of %d); compiled code %.2fx the code section\n",
        exp(q / n), n, r, c / w }'
if [ -n "$wasm3" ]; then
    awk -v w="$logw" -v qw="$logqw" -v n="$n" 'BEGIN {
        printf "geomean wasm3 / native: %.2fx; qwasm is %.2fx faster than wasm3 (geomean of wasm3 / qwasm)\n",
            exp(w / n), exp(qw / n) }'
fi
exit $status
