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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
