#!/bin/sh
# runner-selftest.sh RUN-SPEC: the runner's verdicts on small scripts: what passes, what fails
# (error kind and message prefix both count), syntax errors, and the expected-failures list.
# Prints "N passed, M failed".
runner=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
passed=0 failed=0

# check NAME EXPECTED-STATUS PATTERN...: the last run's status and output lines matching each
# fixed-string pattern.
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

empty='"\00asm\01\00\00\00"'
badmagic='"\00asn\01\00\00\00"'
# (func (export "f") (result i32) (i32.const 1))
fmod='"\00asm\01\00\00\00" "\01\05\01\60\00\01\7f" "\03\02\01\00" "\07\05\01\01f\00\00" "\0a\06\01\04\00\41\01\0b"'
# (func (result i32)) with an empty body
mismatch='"\00asm\01\00\00\00" "\01\05\01\60\00\01\7f" "\03\02\01\00" "\0a\04\01\02\00\0b"'

mkdir -p "$dir/t-bin"
cat >"$dir/t-bin/ok.bin.wast" <<EOT
(module definition \$M binary $fmod)
(assert_malformed (module binary $badmagic) "magic header")
(assert_invalid (module binary $mismatch) "type mismatch")
(module instance \$I \$M)
(assert_return (invoke \$I "f") (i32.const 0x1))
EOT
run -v "$dir/t-bin/ok.bin.wast"
check "passing script" 0 "t-bin/ok.bin.wast: 5 passed, 0 failed, 0 skipped" "5 passed, 0 failed"

cat >"$dir/t-bin/bad.bin.wast" <<EOT
(assert_malformed (module binary $badmagic) "unexpected end")
(assert_invalid (module binary $badmagic) "magic header")
(assert_invalid (module binary $empty) "type mismatch")
(module definition binary $mismatch)
EOT
run "$dir/t-bin/bad.bin.wast"
check "failing script" 1 \
    't-bin/bad.bin.wast:1: assert_malformed: expected malformed: "unexpected end", got malformed: "magic header' \
    "(message does not begin with the expected text)" \
    't-bin/bad.bin.wast:2: assert_invalid: expected invalid: "magic header", got malformed' \
    't-bin/bad.bin.wast:3: assert_invalid: module compiled, expected invalid: "type mismatch"' \
    't-bin/bad.bin.wast:4: module definition: does not compile: invalid: "type mismatch' \
    "0 passed, 4 failed"

printf '(module definition binary %s)\n(assert_return (invoke "f")\n (i32.const 0x1_0000_0000))\n' \
    "$empty" >"$dir/t-bin/syntax.bin.wast"
run "$dir/t-bin/syntax.bin.wast"
check "syntax error" 1 "t-bin/syntax.bin.wast:3: syntax error: bad i32 literal '0x1_0000_0000'" \
    "0 passed, 1 failed"

cat >"$dir/xfail.txt" <<EOT
# comment
t-bin/bad.bin.wast:1  # wrong message on purpose
t-bin/bad.bin.wast:4  # invalid module on purpose
t-bin/ok.bin.wast:2   # this one passes
t-bin/ok.bin.wast:9   # no command there
EOT
run --xfail "$dir/xfail.txt" "$dir/t-bin"
check "expected failures" 1 \
    "t-bin/bad.bin.wast:1: assert_malformed: expected failure (wrong message on purpose)" \
    "t-bin/bad.bin.wast: 0 passed, 2 failed, 2 skipped" \
    "t-bin/ok.bin.wast:2: assert_malformed: unexpectedly passed: remove it from tests/expected-failures.txt" \
    "t-bin/ok.bin.wast:9: no command at this line" \
    "t-bin/ok.bin.wast: 4 passed, 2 failed, 0 skipped"

printf 't-bin/bad.bin.wast  # the whole file\nt-bin/ok.bin.wast  # passes entirely\n' >"$dir/xfail2.txt"
run --xfail "$dir/xfail2.txt" "$dir/t-bin/bad.bin.wast" "$dir/t-bin/ok.bin.wast"
check "whole-file entries" 1 "t-bin/bad.bin.wast: 4 expected failures (the whole file)" \
    "t-bin/bad.bin.wast: 0 passed, 0 failed, 4 skipped" \
    "t-bin/ok.bin.wast: unexpectedly passed: remove it from tests/expected-failures.txt" \
    "5 passed, 1 failed, 4 skipped"

printf 't-bin/bad.bin.wast:1\n' >"$dir/xfail3.txt"
run --xfail "$dir/xfail3.txt" "$dir/t-bin/ok.bin.wast"
check "entry without a reason" 1 'xfail3.txt:1: missing "# reason"' "0 passed, 1 failed"

run "$dir/missing.bin.wast"
check "missing file" 1 "missing.bin.wast: No such file or directory" "0 passed, 1 failed"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
