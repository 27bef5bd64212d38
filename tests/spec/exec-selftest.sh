#!/bin/sh
# exec-selftest.sh RUN-SPEC: the runner's verdicts on commands that run code: instantiation with
# imports (spectest, registered instances, unknown and mistyped ones), invoke and get, results
# (NaN patterns, v128 lanes, host references), traps, exhaustion, exceptions, link errors, and
# the watchdog. Prints "N passed, M failed".
runner=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
passed=0 failed=0

check() {
    name=$1 want=$2
    shift 2
    ok=1
    [ "$status" -eq "$want" ] || { echo "$name: exit status $status, expected $want"; ok=0; }
    for pat in "$@"; do
        grep -qF -- "$pat" "$dir/out" || { echo "$name: no line with: $pat"; ok=0; }
    done
    if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); cat "$dir/out"; fi
}

run() {
    "$runner" "$@" >"$dir/out" 2>&1
    status=$?
}

# exports add unreachable runaway (recursion) throw (tag 0) extern-id nan v128 two nothing spin (a
# loop), and the i32 global g = 42
main='"\00\61\73\6d\01\00\00\00\01\25\08\60\00\00\60\02\7f\7f\01\7f\60\00\02\7f\7e\60\00\01\7d\60\00\01\7b\60\01\6f\01\6f\60\01\6f\01\6e\60\01\7f\00\03\0b\0a\01\00\00\00\05\03\04\02\00\00\0d\03\01\00\00\06\06\01\7f\00\41\2a\0b\07\5b\0b\03\61\64\64\00\00\0b\75\6e\72\65\61\63\68\61\62\6c\65\00\01\07\72\75\6e\61\77\61\79\00\02\05\74\68\72\6f\77\00\03\09\65\78\74\65\72\6e\2d\69\64\00\04\03\6e\61\6e\00\05\04\76\31\32\38\00\06\03\74\77\6f\00\07\07\6e\6f\74\68\69\6e\67\00\08\04\73\70\69\6e\00\09\01\67\03\00\0a\4b\0a\07\00\20\00\20\01\6a\0b\03\00\00\0b\04\00\10\02\0b\04\00\08\00\0b\04\00\20\00\0b\07\00\43\01\00\c0\7f\0b\14\00\fd\0c\00\00\80\3f\00\00\c0\ff\00\00\00\80\00\00\80\7f\0b\06\00\41\01\42\02\0b\02\00\0b\07\00\03\40\0c\00\0b\0b"'
# a start function that traps (unreachable)
starttrap='"\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\08\01\00\0a\05\01\03\00\00\0b"'
# imports spectest.print_i32 and M.add
imports='"\00\61\73\6d\01\00\00\00\01\0b\02\60\01\7f\00\60\02\7f\7f\01\7f\02\1e\02\08\73\70\65\63\74\65\73\74\09\70\72\69\6e\74\5f\69\33\32\00\00\01\4d\03\61\64\64\00\01"'
# imports nowhere.x
unknown='"\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\02\0d\01\07\6e\6f\77\68\65\72\65\01\78\00\00"'
# imports spectest.global_i32 as a function
wrongkind='"\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\02\17\01\08\73\70\65\63\74\65\73\74\0a\67\6c\6f\62\61\6c\5f\69\33\32\00\00"'

mkdir -p "$dir/x-bin"
cat >"$dir/x-bin/pass.bin.wast" <<EOT
(module definition \$M binary $main)
(module instance \$I \$M)
(assert_return (invoke "add" (i32.const 0x2) (i32.const 0x3)) (i32.const 0x5))
(assert_return (invoke \$I "two") (i32.const 0x1) (i64.const 0x2))
(assert_return (invoke "nan") (f32.const nan:arithmetic))
(assert_return (invoke "nan") (either (f32.const nan:canonical) (f32.const nan:0x400001)))
(assert_return (invoke "v128") (v128.const f32x4 0x1p+0 nan:canonical -0x0p+0 inf))
(assert_return (invoke "extern-id" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "extern-id" (ref.null extern)) (ref.null extern))
(assert_return (get "g") (i32.const 0x2a))
(assert_trap (invoke "unreachable") "unreachable")
(assert_exhaustion (invoke "runaway") "call stack exhausted")
(assert_exception (invoke "throw"))
(invoke "nothing")
(register "M" \$I)
(module definition \$Imp binary $imports)
(module instance \$J \$Imp)
(module definition binary $unknown)
(assert_unlinkable (module instance) "unknown import")
(module definition binary $wrongkind)
(assert_unlinkable (module instance) "incompatible import type")
(module definition binary $starttrap)
(assert_trap (module instance) "unreachable")
EOT
run "$dir/x-bin/pass.bin.wast"
check "passing script" 0 "x-bin/pass.bin.wast: 23 passed, 0 failed, 0 skipped"

cat >"$dir/x-bin/fail.bin.wast" <<EOT
(module definition binary $main)
(module instance)
(assert_return (invoke "add" (i32.const 0x2) (i32.const 0x3)) (i32.const 0x6))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (invoke "two") (i32.const 0x1))
(assert_return (invoke "extern-id" (ref.extern 7)) (ref.extern 8))
(assert_return (invoke "unreachable"))
(assert_trap (invoke "add" (i32.const 0x1) (i32.const 0x1)) "unreachable")
(assert_trap (invoke "unreachable") "integer overflow")
(assert_exhaustion (invoke "unreachable") "call stack exhausted")
(assert_exception (invoke "nothing"))
(assert_return (invoke "missing"))
(assert_return (invoke "add" (i32.const 0x1)) (i32.const 0x1))
(assert_return (get "add") (i32.const 0x1))
(assert_return (invoke \$Nope "add") (i32.const 0x1))
(assert_unlinkable (module instance) "unknown import")
(module definition binary $starttrap)
(module instance)
(invoke "add" (i32.const 0x1) (i32.const 0x1))
EOT
run "$dir/x-bin/fail.bin.wast"
check "failing script" 1 \
    'x-bin/fail.bin.wast:3: assert_return: result 0: expected i32:0x00000006, got i32:0x00000005' \
    'x-bin/fail.bin.wast:4: assert_return: result 0: expected f32:nan:canonical, got f32:0x7fc00001' \
    'x-bin/fail.bin.wast:5: assert_return: expected 1 results, got 2' \
    'x-bin/fail.bin.wast:6: assert_return: result 0: expected (ref.extern 8), got (ref.extern 7)' \
    'x-bin/fail.bin.wast:7: assert_return: trapped: "unreachable"' \
    'x-bin/fail.bin.wast:8: assert_trap: returned, expected trap "unreachable"' \
    'x-bin/fail.bin.wast:9: assert_trap: expected trap "integer overflow", got "unreachable"' \
    'x-bin/fail.bin.wast:10: assert_exhaustion: expected exhaustion "call stack exhausted", got trap "unreachable"' \
    'x-bin/fail.bin.wast:11: assert_exception: returned, expected an exception' \
    'x-bin/fail.bin.wast:12: assert_return: no export "missing"' \
    'x-bin/fail.bin.wast:13: assert_return: export takes 2 arguments, the script passes 1' \
    'x-bin/fail.bin.wast:14: assert_return: export "add" is not a global' \
    'x-bin/fail.bin.wast:15: assert_return: no instance $Nope' \
    'x-bin/fail.bin.wast:16: assert_unlinkable: instantiated, expected link error "unknown import"' \
    'x-bin/fail.bin.wast:18: module instance: instantiation failed: trap: "unreachable"' \
    'x-bin/fail.bin.wast:19: action: no instance (current)' \
    'x-bin/fail.bin.wast: 3 passed, 16 failed, 0 skipped'

# Host references seen through anyref (any.convert_extern) are ref.host N, through externref
# ref.extern N: exports internalize (externref -> anyref) and roundtrip (back to externref)
conv='"\00\61\73\6d\01\00\00\00\01\0b\02\60\01\6f\01\6e\60\01\6f\01\6f\03\03\02\00\01\07\1b\02\0b\69\6e\74\65\72\6e\61\6c\69\7a\65\00\00\09\72\6f\75\6e\64\74\72\69\70\00\01\0a\11\02\06\00\20\00\fb\1a\0b\08\00\20\00\fb\1a\fb\1b\0b"'
cat >"$dir/x-bin/host.bin.wast" <<EOT
(module definition binary $conv)
(module instance)
(assert_return (invoke "internalize" (ref.extern 3)) (ref.host 3))
(assert_return (invoke "internalize" (ref.extern 3)) (ref.any))
(assert_return (invoke "roundtrip" (ref.extern 4)) (ref.extern 4))
(assert_return (invoke "internalize" (ref.extern 5)) (ref.extern 5))
(assert_return (invoke "roundtrip" (ref.extern 4)) (ref.host 4))
EOT
run "$dir/x-bin/host.bin.wast"
check "host references" 1 \
    'x-bin/host.bin.wast:6: assert_return: result 0: expected (ref.extern 5), got (ref.host 5)' \
    'x-bin/host.bin.wast:7: assert_return: result 0: expected (ref.host 4), got (ref.extern 4)' \
    'x-bin/host.bin.wast: 5 passed, 2 failed, 0 skipped'

# The watchdog: a call that runs too long is interrupted and fails.
printf '(module definition binary %s)\n(module instance)\n(invoke "spin")\n' "$main" \
    >"$dir/x-bin/spin.bin.wast"
SPEC_RUN_SECONDS=1 run "$dir/x-bin/spin.bin.wast"
check "watchdog" 1 'x-bin/spin.bin.wast:3: action: timed out after 1 s' \
    'x-bin/spin.bin.wast: 2 passed, 1 failed, 0 skipped'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
