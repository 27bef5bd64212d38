#!/bin/sh
# bench-interp.sh QW-RUN NATIVE-DIR BARE-DIR: runs each BARE-DIR/<name>.wasm under QW-RUN and
# NATIVE-DIR/<name> once, checks that the checksums agree, and prints a table of times, the ratio
# to native, the geomean of the ratios and the compiled-code / code-section size ratio.
qwrun=$1 native=$2 bare=$3
now() { date +%s%N; }
printf '%-12s %12s %9s %9s %7s %9s\n' name checksum native_s qwasm_s ratio code_x
status=0
sumlog=0 n=0 wsum=0 csum=0
for f in "$bare"/*.wasm; do
    name=$(basename "$f" .wasm)
    t0=$(now)
    want=$("$native/$name" | awk '{print $2}')
    t1=$(now)
    got=$("$qwrun" -s "$f" 2>"$native/.$name.stats")
    t2=$(now)
    sizes=$(grep '^code ' "$native/.$name.stats")
    wasm=$(echo "$sizes" | awk '{print $2}') comp=$(echo "$sizes" | awk '{print $4}')
    ok=ok
    [ "$got" = "$want" ] || { ok="MISMATCH(got $got)"; status=1; }
    cols=$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v w="$wasm" -v k="$comp" 'BEGIN {
        tn = (b - a) / 1e9; tq = (c - b) / 1e9;
        printf "%9.3f %9.3f %7.2f %9.2f", tn, tq, tq / tn, k / w }')
    logr=$(awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { print log((c - b) / (b - a)) }')
    printf '%-12s %12s %s %s\n' "$name" "$want" "$cols" "$ok"
    sumlog=$(awk -v s="$sumlog" -v l="$logr" 'BEGIN { print s + l }')
    wsum=$((wsum + wasm)) csum=$((csum + comp)) n=$((n + 1))
done
awk -v s="$sumlog" -v n="$n" -v w="$wsum" -v c="$csum" 'BEGIN {
    printf "geomean ratio to native: %.2f over %d programs; compiled code %.2fx the code section\n",
        exp(s / n), n, c / w }'
exit $status
