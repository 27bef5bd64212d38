#!/bin/sh
# run.sh: the command-line tests of qwasm: every CLI mode, the exit codes (0 success, 1 uncaught
# error or unhandled rejection, 2 usage error or unreadable file) and what stderr says for each
# error path. QWASM names the binary (default build/qwasm). Prints "N passed, M failed".
QWASM=${QWASM:-build/qwasm}
case $QWASM in /*) ;; *) QWASM=$(pwd)/$QWASM ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
passed=0 failed=0

# expect NAME RC OUT_SUBSTR ERR_SUBSTR -- CMD...: runs CMD, checks its exit code, that stdout
# contains OUT_SUBSTR and stderr ERR_SUBSTR (an empty pattern means: must be empty).
expect() {
    name=$1 want_rc=$2 want_out=$3 want_err=$4
    shift 5
    "$@" >out.txt 2>err.txt
    rc=$?
    why=
    [ "$rc" -eq "$want_rc" ] || why="exit code $rc, expected $want_rc"
    if [ -z "$why" ]; then
        if [ -z "$want_out" ]; then
            [ -s out.txt ] && why="stdout not empty"
        elif ! grep -qF -- "$want_out" out.txt; then
            why="stdout lacks '$want_out'"
        fi
    fi
    if [ -z "$why" ]; then
        if [ -z "$want_err" ]; then
            [ -s err.txt ] && why="stderr not empty"
        elif ! grep -qF -- "$want_err" err.txt; then
            why="stderr lacks '$want_err'"
        fi
    fi
    if [ -z "$why" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: $why"
        echo "--- stdout:"; head -c 2000 out.txt
        echo "--- stderr:"; head -c 2000 err.txt
    fi
}

# Informational options.
expect version 0 "qwasm " "" -- "$QWASM" --version
expect version-short 0 "QuickJS 2021-03-27" "" -- "$QWASM" -v
expect help 0 "usage: qwasm" "" -- "$QWASM" --help
expect help-args 0 "qwasm.args" "" -- "$QWASM" -h

# Usage errors exit 2.
expect no-args 2 "" "qwasm: no script given" -- "$QWASM"
expect unknown-option 2 "" "qwasm: unknown option '--bogus'" -- "$QWASM" --bogus x.js
expect eval-no-code 2 "" "option -e needs an argument" -- "$QWASM" -e

# -e CODE, with the script's own arguments.
expect eval 0 "4" "" -- "$QWASM" -e 'console.log(2 + 2)'
expect eval-args 0 '["a","-b","--c"]' "" -- "$QWASM" -e 'console.log(JSON.stringify(qwasm.args))' a -b --c
expect eval-module 0 "module 5" "" -- "$QWASM" --module -e 'const v = await Promise.resolve(5); console.log("module", v)'
expect eval-no-await-in-script 1 "" "SyntaxError" -- "$QWASM" -e 'await 1'

# A script file, its arguments, and "--".
printf 'console.log("args=" + JSON.stringify(qwasm.args));\n' >args.js
expect script-args 0 'args=["x","--version"]' "" -- "$QWASM" args.js x --version
expect dashdash 0 'args=["y"]' "" -- "$QWASM" -- args.js y
printf 'console.log(typeof this, this === globalThis);\n' >this.js
expect script-this 0 "object true" "" -- "$QWASM" this.js

# Modules: .mjs, --module, relative imports, top-level await, import.meta.url.
mkdir -p lib
printf 'export const answer = 42;\n' >lib/dep.mjs
printf 'import { answer } from "./lib/dep.mjs";\nconsole.log("answer", answer, typeof this);\n' >main.mjs
expect module-mjs 0 "answer 42 undefined" "" -- "$QWASM" main.mjs
cp main.mjs main.js
expect module-flag 0 "answer 42" "" -- "$QWASM" --module main.js
expect module-as-script 1 "" "SyntaxError" -- "$QWASM" main.js
printf 'import "../main.mjs";\n' >lib/up.mjs
expect module-dotdot 0 "answer 42" "" -- "$QWASM" lib/up.mjs
printf 'console.log(import.meta.url);\n' >meta.mjs
expect import-meta 0 "file://$tmp/meta.mjs" "" -- "$QWASM" meta.mjs
printf 'console.log("a");\nawait new Promise((r) => setTimeout(r, 20));\nconsole.log("b");\n' >tla.mjs
expect tla 0 "b" "" -- "$QWASM" tla.mjs

# The standard input as the program ("-").
expect stdin-script 0 "from stdin 3" "" -- sh -c 'echo "console.log(\"from stdin\", 1 + 2)" | "$0" -' "$QWASM"
expect stdin-module 0 "answer 42" "" -- sh -c 'echo "import { answer } from \"./lib/dep.mjs\"; console.log(\"answer\", answer)" | "$0" -m -' "$QWASM"
expect stdin-args 0 '["x"]' "" -- sh -c 'echo "console.log(JSON.stringify(qwasm.args))" | "$0" - x' "$QWASM"
expect stdin-error-line 1 "" "<stdin>:2" -- sh -c 'printf "1;\nnull.x;\n" | "$0" -' "$QWASM"

# The loop runs until it is empty.
printf 'setTimeout(() => console.log("late"), 30);\nconsole.log("early");\n' >late.js
expect loop-drains 0 "late" "" -- "$QWASM" late.js

# Unreadable files exit 2.
expect missing-file 2 "" "qwasm: cannot read 'nothere.js': No such file or directory" -- "$QWASM" nothere.js
expect directory 2 "" "qwasm: cannot read 'lib': Is a directory" -- "$QWASM" lib
: >empty.js
expect empty-file 0 "" "" -- "$QWASM" empty.js
: >empty.mjs
expect empty-module 0 "" "" -- "$QWASM" empty.mjs

# Bad input: invalid UTF-8 (QuickJS's parser rejects it anywhere in the source).
printf 'console.log("[\377\376]".length);\n' >badstr.js
expect invalid-utf8-string 1 "" "Uncaught SyntaxError: invalid UTF-8 sequence" -- "$QWASM" badstr.js
expect invalid-utf8-string-line 1 "" "badstr.js:1" -- "$QWASM" badstr.js
printf 'var a\377 = 1;\n' >badident.js
expect invalid-utf8-ident 1 "" "SyntaxError" -- "$QWASM" badident.js
# A byte order mark, a #! line, CRLF line ends and a NUL byte.
printf '\357\273\277console.log("bom ok");\n' >bom.js
expect bom 0 "bom ok" "" -- "$QWASM" bom.js
printf '#!/usr/bin/env qwasm\nconsole.log("shebang ok");\n' >shebang.mjs
expect shebang 0 "shebang ok" "" -- "$QWASM" shebang.mjs
printf 'console.log("crlf");\r\nthrow new Error("line two");\r\n' >crlf.js
expect crlf-line 1 "crlf" "at <eval> (crlf.js:2)" -- "$QWASM" crlf.js
printf 'console.log(1)\000console.log(2)\n' >nul.js
expect nul-byte 1 "" "Uncaught SyntaxError" -- "$QWASM" nul.js
# A 50 MB script (a long comment, then code).
{
    printf '/*'
    head -c 52428800 /dev/zero | tr '\0' 'x'
    printf '*/\nconsole.log("big ok");\n'
} >big.js
expect big-script 0 "big ok" "" -- "$QWASM" big.js
rm -f big.js
# A (sparse) file larger than an ArrayBuffer can be is refused before reading.
truncate -s 3G huge.js
expect huge-file 2 "" "qwasm: cannot read 'huge.js': File too large" -- "$QWASM" huge.js
expect huge-file-readfile 1 "" "File too large" -- "$QWASM" -e 'qwasm.readFile("huge.js")'
rm -f huge.js

# Closed standard streams: output to them is lost, nothing else breaks.
expect closed-stdout 0 "" "2" -- sh -c "exec \"\$0\" -e 'console.log(1); console.error(2)' >&-" "$QWASM"
expect closed-stderr 0 "1" "" -- sh -c "exec \"\$0\" -e 'console.log(1); console.error(2)' 2>&-" "$QWASM"
expect closed-stdin 0 "t" "" -- sh -c "exec \"\$0\" -e 'setTimeout(() => console.log(\"t\"), 1)' <&-" "$QWASM"

# Uncaught errors exit 1 with the message and file:line on stderr.
printf 'function f() {\n    throw new TypeError("bad thing");\n}\nf();\n' >throw.js
expect throw 1 "" "Uncaught TypeError: bad thing" -- "$QWASM" throw.js
expect throw-line 1 "" "at f (throw.js:2)" -- "$QWASM" throw.js
printf 'let x = 1;\nlet y = ;\n' >syntax.js
expect syntax-error 1 "" "Uncaught SyntaxError" -- "$QWASM" syntax.js
expect syntax-error-line 1 "" "syntax.js:2" -- "$QWASM" syntax.js
printf 'export const a = 1;\nexport const = 2;\n' >lib/bad.mjs
printf 'import "./lib/bad.mjs";\n' >importbad.mjs
expect syntax-error-import 1 "" "lib/bad.mjs:2" -- "$QWASM" importbad.mjs
printf 'throw 42;\n' >throw42.js
expect throw-number 1 "" "Uncaught 42" -- "$QWASM" throw42.js
printf 'throw { toString() { throw new Error("no"); } };\n' >throwobj.js
expect throw-unprintable 1 "" "Uncaught " -- "$QWASM" throwobj.js
printf 'throw null;\n' >thrownull.js
expect throw-null 1 "" "Uncaught null" -- "$QWASM" thrownull.js

printf 'function f() {\n    return f() + 1;\n}\nf();\n' >deep.js
expect stack-overflow 1 "" "Uncaught RangeError: Maximum call stack size exceeded" -- "$QWASM" deep.js
printf 'function f(n) {\n    if (n === 0) throw new Error("deep");\n    return f(n - 1) + 1;\n}\nf(100);\n' >deep100.js
expect stack-trimmed 1 "" "    ... 72 more" -- "$QWASM" deep100.js
if [ "$(wc -l <err.txt)" -le 40 ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL stack-trimmed: $(wc -l <err.txt) lines of stack"
fi

# A throw inside a timer exits 1, and no later task runs.
printf 'setTimeout(() => { throw new RangeError("in timer"); }, 1);\nsetTimeout(() => console.log("ran"), 50);\n' >timer.js
expect timer-throw 1 "" "Uncaught RangeError: in timer" -- "$QWASM" timer.js
printf 'queueMicrotask(() => { throw new Error("in microtask"); });\n' >micro.js
expect microtask-throw 1 "" "Uncaught Error: in microtask" -- "$QWASM" micro.js

# Unhandled rejections exit 1 after the task in which they stayed unhandled.
printf 'Promise.reject(new Error("nobody"));\n' >reject.js
expect unhandled-rejection 1 "" "Uncaught (in promise) Error: nobody" -- "$QWASM" reject.js
printf 'Promise.reject("plain");\n' >rejectstr.js
expect unhandled-rejection-string 1 "" 'Uncaught (in promise) "plain"' -- "$QWASM" rejectstr.js
printf 'throw { a: 1, b: [1, 2] };\n' >throwplain.js
expect throw-object 1 "" 'Uncaught { a: 1, b: [ 1, 2 ] }' -- "$QWASM" throwplain.js
expect throw-string 1 "" 'Uncaught "a\nb"' -- "$QWASM" -e 'throw "a\nb"'
printf 'const p = Promise.reject(new Error("late"));\nqueueMicrotask(() => p.catch(() => console.log("caught")));\n' >handled.js
expect rejection-handled-in-task 0 "caught" "" -- "$QWASM" handled.js
printf 'setTimeout(() => Promise.reject(new Error("from timer")), 1);\nsetTimeout(() => console.log("ran"), 50);\n' >rejtimer.js
expect unhandled-rejection-timer 1 "" "Uncaught (in promise) Error: from timer" -- "$QWASM" rejtimer.js

# Module errors.
printf 'import "./nowhere.mjs";\n' >missing.mjs
expect missing-module 1 "" "Cannot find module 'nowhere.mjs' imported from missing.mjs" -- "$QWASM" missing.mjs
printf 'import "lodash";\n' >bare.mjs
expect bare-specifier 1 "" "Cannot find module 'lodash' imported from bare.mjs" -- "$QWASM" bare.mjs
printf 'import "./lib";\n' >dirimport.mjs
expect import-directory 1 "" "it is a directory" -- "$QWASM" dirimport.mjs
printf 'console.log("dep ran");\nthrow new Error("dep failed");\n' >lib/throws.mjs
printf 'import "./lib/throws.mjs";\nconsole.log("importer ran");\n' >importthrow.mjs
expect dependency-throws 1 "dep ran" "Uncaught Error: dep failed" -- "$QWASM" importthrow.mjs
if grep -q "importer ran" out.txt; then
    failed=$((failed + 1)); echo "FAIL dependency-throws: the importer ran"
else
    passed=$((passed + 1))
fi
printf 'await Promise.reject(new TypeError("tla failed"));\n' >tlareject.mjs
expect tla-reject 1 "" "Uncaught TypeError: tla failed" -- "$QWASM" tlareject.mjs
printf 'await new Promise((r) => setTimeout(r, 5));\nthrow new Error("dep late");\n' >lib/late.mjs
printf 'import "./lib/late.mjs";\nconsole.log("importer ran");\n' >importlate.mjs
expect tla-dependency-rejects 1 "" "Uncaught Error: dep late" -- "$QWASM" importlate.mjs
if grep -q "importer ran" out.txt; then
    failed=$((failed + 1)); echo "FAIL tla-dependency-rejects: the importer ran"
else
    passed=$((passed + 1))
fi
printf 'await new Promise(() => {});\n' >tlanever.mjs
expect tla-unsettled 1 "" "top-level await never settled" -- "$QWASM" tlanever.mjs

# qwasm.exit ends the process at once with its code.
printf 'console.log("before");\nqwasm.exit(3);\nconsole.log("after");\n' >exit.js
expect exit-code 3 "before" "" -- "$QWASM" exit.js
if grep -q after out.txt; then
    failed=$((failed + 1)); echo "FAIL exit-code: code after qwasm.exit ran"
else
    passed=$((passed + 1))
fi
printf 'setTimeout(() => console.log("timer"), 10);\nqwasm.exit();\n' >exit0.js
expect exit-default 0 "" "" -- "$QWASM" exit0.js
expect exit-in-timer 7 "" "" -- "$QWASM" -e 'setTimeout(() => qwasm.exit(7), 5); setTimeout(() => console.log("no"), 100)'

# Resource limits: --max-memory, --stack-size, --timeout. A limit reached is a RangeError, -1
# from memory.grow/table.grow, or the timeout's message and status 124; never a crash.
expect limit-bad-size 2 "" "qwasm: --max-memory needs a size in bytes" -- "$QWASM" --max-memory=12Q -e 1
expect limit-zero-size 2 "" "not '0'" -- "$QWASM" --stack-size=0 -e 1
expect limit-size-overflow 2 "" "not '99999999999G'" -- "$QWASM" --max-memory 99999999999G -e 1
expect limit-no-value 2 "" "qwasm: --stack-size needs" -- "$QWASM" --stack-size
expect limit-bad-timeout 2 "" "qwasm: --timeout needs a number of milliseconds" -- "$QWASM" --timeout=5s -e 1
expect limit-negative-timeout 2 "" "not '-1'" -- "$QWASM" --timeout=-1 -e 1
expect limit-help 0 "--max-memory=BYTES" "" -- "$QWASM" --help
# (module (memory (export "mem") 1) (table (export "tab") 1 funcref)
#   (global $depth (export "depth") (mut i32) (i32.const 0))
#   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
#   (func (export "growTable") (param i32) (result i32) (table.grow 0 (ref.null func) (local.get 0)))
#   (func $recurse (export "recurse")
#     (global.set $depth (i32.add (global.get $depth) (i32.const 1))) (call $recurse))
#   (func (export "spin") (loop br 0)))
cat >lim.js <<'EOF'
const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,9,2,96,1,127,1,127,96,0,0,3,5,4,0,0,1,1,4,4,1,112,0,1,5,3,1,0,1,6,6,1,127,1,65,0,11,7,57,7,3,109,101,109,2,0,3,116,97,98,1,0,5,100,101,112,116,104,3,0,4,103,114,111,119,0,0,9,103,114,111,119,84,97,98,108,101,0,1,7,114,101,99,117,114,115,101,0,2,4,115,112,105,110,0,3,10,38,4,6,0,32,0,64,0,11,9,0,208,112,32,0,252,15,0,11,11,0,35,0,65,1,106,36,0,16,2,11,7,0,3,64,12,0,11,11]);
const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
const show = (f) => { try { console.log(f()); } catch (e) { console.log(String(e)); } };
switch (qwasm.args[0]) {
case 'memory':
    console.log('wasm grow', ex.grow(14), ex.grow(1), ex.grow(0));
    show(() => ex.mem.grow(1));
    show(() => new WebAssembly.Memory({ initial: 1 }).buffer.byteLength);
    show(() => new WebAssembly.Table({ initial: 1, element: 'anyfunc' }).length);
    show(() => new WebAssembly.Table({ initial: 8192, element: 'anyfunc' }).length);
    break;
case 'table':
    console.log('wasm grow', ex.growTable(8191), ex.growTable(1));
    show(() => ex.tab.grow(1));
    break;
case 'wasm-stack':
    show(() => ex.recurse());
    console.log('depth', ex.depth.value);
    break;
case 'js-stack': {
    let depth = 0;
    const f = () => { depth++; f(); };
    show(f);
    console.log('depth', depth);
    break;
}
case 'spin':
    ex.spin();
    break;
case 'spin-caught':
    for (;;) { try { ex.spin(); } catch (e) { console.log('caught', String(e)); } }
}
EOF
# 1 MiB is 16 pages, less the 8 bytes of the module's table.
expect limit-memory 0 "wasm grow 1 -1 15" "" -- "$QWASM" --max-memory=1M lim.js memory
for want in "RangeError: WebAssembly.Memory.grow(): cannot grow by 1 pages" \
    "RangeError: WebAssembly.Memory(): could not allocate memory: memory size exceeds the store limit" \
    "RangeError: WebAssembly.Table(): cannot allocate the table: table size 8192 exceeds the store limit"; do
    grep -qF "$want" out.txt || { failed=$((failed + 1)); echo "FAIL limit-memory: no '$want'"; }
done
expect limit-memory-default 0 "wasm grow 1 15 16" "" -- "$QWASM" lim.js memory
grep -qF "RangeError" out.txt && { failed=$((failed + 1)); echo "FAIL limit-memory-default: RangeError"; }
# The table's 8 bytes per element share the budget with the module's one page.
expect limit-table 0 "wasm grow 1 -1" "" -- "$QWASM" --max-memory=128K lim.js table
expect limit-table-js 0 "RangeError: WebAssembly.Table.grow(): cannot grow by 1" "" -- "$QWASM" --max-memory=128K lim.js table
# A smaller stack stops recursion sooner than the default one (frame sizes differ between
# builds, so the depths are compared, not fixed).
depth_below_default() { # NAME MODE: the depth with --stack-size=64K is below the default's
    small=$(sed -n 's/^depth //p' out.txt)
    "$QWASM" lim.js "$2" >out.txt 2>err.txt
    big=$(sed -n 's/^depth //p' out.txt)
    if [ -n "$small" ] && [ -n "$big" ] && [ "$small" -gt 0 ] && [ "$small" -lt "$big" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL $1: depth ${small:-?} with 64K, ${big:-?} by default"
    fi
}
expect limit-wasm-stack 0 "RangeError: Maximum call stack size exceeded (call stack exhausted)" "" -- "$QWASM" --stack-size=64K lim.js wasm-stack
depth_below_default limit-wasm-stack-depth wasm-stack
expect limit-js-stack 0 "RangeError: Maximum call stack size exceeded" "" -- "$QWASM" --stack-size=64K lim.js js-stack
depth_below_default limit-js-stack-depth js-stack
expect timeout-js 124 "" "qwasm: timeout after 200 ms" -- "$QWASM" --timeout=200 -e 'for (;;) {}'
expect timeout-wasm 124 "" "qwasm: timeout after 200 ms" -- "$QWASM" --timeout 200 lim.js spin
if grep -q Uncaught err.txt; then
    failed=$((failed + 1)); echo "FAIL timeout-wasm: an error was reported besides the timeout"
fi
expect timeout-wasm-caught 124 "caught RuntimeError: interrupted" "qwasm: timeout after 200 ms" -- "$QWASM" --timeout=200 lim.js spin-caught
expect timeout-idle 124 "" "qwasm: timeout after 100 ms" -- "$QWASM" --timeout=100 -e 'setTimeout(() => console.log("late"), 600000)'
expect timeout-module 124 "" "qwasm: timeout after 100 ms" -- "$QWASM" --timeout=100 --module -e 'await new Promise(() => { for (;;) {} })'
expect timeout-not-reached 0 "done" "" -- "$QWASM" --timeout=600000 -e 'setTimeout(() => console.log("done"), 1)'
expect timeout-huge 0 "done" "" -- "$QWASM" --timeout=99999999999999999 -e 'setTimeout(() => console.log("done"), 1)'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
