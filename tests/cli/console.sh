#!/bin/sh
# console.sh: what console writes to stdout and stderr, byte for byte, from small programs run by
# the qwasm binary ($QWASM, default build/qwasm). Prints "N passed, M failed"; exits 1 on failure.

QWASM=${QWASM:-build/qwasm}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qwasm-console.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

# run NAME CODE: runs CODE as a module; its output lands in $tmp/out and $tmp/err.
run() {
    printf '%s\n' "$2" > "$tmp/$1.mjs"
    "$QWASM" "$tmp/$1.mjs" > "$tmp/out" 2> "$tmp/err"
    status=$?
}

ok() {
    passed=$((passed + 1))
}

ko() {
    failed=$((failed + 1))
    echo "FAIL $1"
}

# expect NAME STREAM EXPECTED: the stream's whole content is EXPECTED plus a final newline (an
# empty EXPECTED means an empty stream), and the exit status was 0.
expect() {
    if [ -z "$3" ]; then : > "$tmp/want"; else printf '%s\n' "$3" > "$tmp/want"; fi
    if [ "$status" -eq 0 ] && cmp -s "$tmp/want" "$tmp/$2"; then
        ok
    else
        ko "$1 ($2, status $status)"
        diff "$tmp/want" "$tmp/$2" | head -20
    fi
}

run log "console.log('a', 1, { b: [2] }, 'c');
console.log();
console.log('%s=%d%%', 'x', 42, 'rest');"
expect log out 'a 1 { b: [ 2 ] } c

x=42% rest'
expect log-stderr err ''

run streams "console.log('log'); console.info('info'); console.debug('debug');
console.warn('warn'); console.error('error');"
expect streams-out out 'log
info
debug'
expect streams-err err 'warn
error'

run strings "console.log('raw', 'str\\ning');
console.log(['quoted'], { k: \"it's\" });
console.dir('dir quotes');"
expect strings out "raw str
ing
[ 'quoted' ] { k: \"it's\" }
'dir quotes'"

run multiline "console.log({ alpha: 'a'.repeat(30), beta: 'b'.repeat(30), gamma: [1, 2, 3] });"
expect multiline out "{
  alpha: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  beta: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  gamma: [ 1, 2, 3 ]
}"

run group "console.log('top');
console.group('Group', 1);
console.log({ a: 'x'.repeat(40), b: 'y'.repeat(40) });
console.group();
console.error('deep\\nlines');
console.groupEnd();
console.log('level 1');
console.groupEnd();
console.groupEnd();
console.log('back');"
expect group out "top
Group 1
  {
    a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    b: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'
  }
  level 1
back"
expect group-err err '    deep
    lines'

run assert "console.assert(true, 'never shown');
console.assert(1 > 2);
console.assert(0, 'value %d of %s', 5, 'x', [1]);
console.assert('', { a: 1 });
console.assert(null, 7, 8);"
expect assert err 'Assertion failed
Assertion failed: value 5 of x [ 1 ]
Assertion failed: [object Object]
Assertion failed: 7 8'
expect assert-out out ''

run count "console.count(); console.count('default'); console.count('x');
console.countReset(); console.count(); console.count('x');
console.countReset('missing');"
expect count out 'default: 1
default: 2
x: 1
default: 1
x: 2'
expect count-err err "Warning: Count for 'missing' does not exist"

run timers "console.time(); console.time();
console.timeEnd('nope'); console.timeLog('nope');"
expect timers-err err "Warning: Label 'default' already exists for console.time()
Warning: No such label 'nope' for console.timeEnd()
Warning: No such label 'nope' for console.timeLog()"

run timing "console.time('t'); console.timeLog('t', 'extra', { n: 1 }); console.timeEnd('t');
console.timeEnd('t');"
if [ "$status" -eq 0 ] &&
    sed -n 1p "$tmp/out" | grep -Eq '^t: [0-9]+(\.[0-9]{1,3})?ms extra \{ n: 1 \}$' &&
    sed -n 2p "$tmp/out" | grep -Eq '^t: [0-9]+(\.[0-9]{1,3})?ms$' &&
    [ "$(wc -l < "$tmp/out")" -eq 2 ]; then
    ok
else
    ko "timing"
    cat "$tmp/out"
fi
expect timing-err err "Warning: No such label 't' for console.timeEnd()"

run trace "function where() { console.trace('here %d', 1); }
where();"
if [ "$status" -eq 0 ] && [ "$(sed -n 1p "$tmp/err")" = 'Trace: here 1' ] &&
    sed -n 2p "$tmp/err" | grep -q '^    at where ' && [ ! -s "$tmp/out" ]; then
    ok
else
    ko "trace"
    cat "$tmp/err"
fi

run error-value "const e = new RangeError('bad'); e.code = 'E_BAD'; console.log(e);"
if [ "$status" -eq 0 ] && [ "$(sed -n 1p "$tmp/out")" = 'RangeError: bad' ] &&
    sed -n 2p "$tmp/out" | grep -q '^    at ' && [ "$(tail -n 2 "$tmp/out")" = "  code: 'E_BAD'
}" ]; then
    ok
else
    ko "error-value"
    cat "$tmp/out"
fi

run throwing "const bad = { toString() { throw new Error('no string'); } };
try { console.log('%s', bad); } catch (e) { console.log('caught', e.message); }
console.log({ get g() { throw new Error('not called'); } });"
expect throwing out 'caught no string
{ g: [Getter] }'

run misc "console.group('outer');
console.table([{ a: 1 }]);
console.dir({ a: { b: { c: { d: {} } } } }, { depth: 0 });
console.count(1); console.count({}); console.count(null);
console.groupEnd();
console.dir([1, 2, 3], { maxArrayLength: 1 });
console.log('%o', 'str', 'tail');
console.log('%s %s', 1);
console.log(-0, [-0], 0n, [1n]);
console.info({ __proto__: { inherited: 1 }, own: 2 });
console.log('%i', 2 ** 53 + 10, '%f');
console.log('%d', '');
console.log('a%', 'b');
console.log('%', 1);"
expect misc out "outer
  ┌─────────┬───┐
  │ (index) │ a │
  ├─────────┼───┤
  │ 0       │ 1 │
  └─────────┴───┘
  { a: [Object] }
  1: 1
  [object Object]: 1
  null: 1
[ 1, ... 2 more items ]
'str' tail
1 %s
-0 [ -0 ] 0n [ 1n ]
{ own: 2 }
9007199254741002 %f
0
a% b
% 1"

# stdout and stderr into one file keep the order of the calls.
printf '%s\n' "console.log('1 out'); console.error('2 err'); console.info('3 out');
console.warn('4 err'); console.log('5 out');" > "$tmp/order.mjs"
"$QWASM" "$tmp/order.mjs" > "$tmp/out" 2>&1
status=$?
expect order out '1 out
2 err
3 out
4 err
5 out'

run surrogates "console.log('a\\ud800b', ['\\ud800'], '\\udc00');
console.group(); console.log(''); console.groupEnd();"
expect surrogates out "a�b [ '\\ud800' ] �
  "

run table "console.table([{ a: 1, b: 'x' }, { a: 2, c: [1, 2, 3, 4, 5] }, 'str']);
console.table(new Map([['k', { v: 1 }]]));
console.table([{ b: 1, 0: 'zero' }], ['0']);
console.table(5);"
expect table out "┌─────────┬───┬─────┬───────────────────────────────┬────────┐
│ (index) │ a │ b   │ c                             │ Values │
├─────────┼───┼─────┼───────────────────────────────┼────────┤
│ 0       │ 1 │ 'x' │                               │        │
│ 1       │ 2 │     │ [ 1, 2, 3, ... 2 more items ] │        │
│ 2       │   │     │                               │ 'str'  │
└─────────┴───┴─────┴───────────────────────────────┴────────┘
┌───────────────────┬─────┬──────────┐
│ (iteration index) │ Key │ Values   │
├───────────────────┼─────┼──────────┤
│ 0                 │ 'k' │ { v: 1 } │
└───────────────────┴─────┴──────────┘
┌─────────┬────────┐
│ (index) │ 0      │
├─────────┼────────┤
│ 0       │ 'zero' │
└─────────┴────────┘
5"

run encoding "const bytes = new TextEncoder().encode('h\u00e9\u{1F600}');
console.log(bytes);
console.log(new TextDecoder().decode(bytes));"
expect encoding out 'Uint8Array(7) [
  104, 195, 169,
  240, 159, 152,
  128
]
hé😀'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
