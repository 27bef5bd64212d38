// console.mjs: the console global and its value formatter, reached through two functions console
// carries under registered symbols: console[Symbol.for('qwasm.inspect')](value, {depth,
// showHidden}) returns the text util.inspect would, console[Symbol.for('qwasm.format')](...args)
// the line console.log would print (util.format). The expected strings are Node 20's output.
// tests/cli/console.sh checks what reaches stdout and stderr.
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';
import * as self from './console.mjs';

const inspect = console[Symbol.for('qwasm.inspect')];
const format = console[Symbol.for('qwasm.format')];

test('console: methods', () => {
    for (const name of ['log', 'info', 'debug', 'warn', 'error', 'dir', 'trace', 'assert', 'count',
                        'countReset', 'time', 'timeEnd', 'timeLog', 'group', 'groupCollapsed',
                        'groupEnd', 'table']) {
        assertEq(typeof console[name], 'function', name);
        assertEq(console[name].name, name);
        assertTrue(Object.getOwnPropertyDescriptor(console, name).enumerable, name);
    }
    assertEq(Object.prototype.toString.call(console), '[object console]');
    assertEq(typeof inspect, 'function');
    assertEq(typeof format, 'function');
    assertEq(Object.keys(console).includes('inspect'), false);
});

test('console: methods work detached from console', () => {
    const { group, groupEnd } = console;
    assertEq(group(), undefined);
    assertEq(groupEnd(), undefined);
});

test('inspect: primitives', () => {
    assertEq(inspect('str'),
             "'str'");
    assertEq(inspect("it's"),
             "\"it's\"");
    assertEq(inspect('both \' and "'),
             "`both ' and \"`");
    assertEq(inspect('all \' " `'),
             "'all \\' \" `'");
    assertEq(inspect('ctl \x00\x07\b\t\n\v\f\r\x1b\x7f\x85'),
             "'ctl \\x00\\x07\\b\\t\\n\\x0B\\f\\r\\x1B\\x7F\\x85'");
    assertEq(inspect('uni é😀'),
             "'uni é😀'");
    assertEq(inspect(42),
             "42");
    assertEq(inspect(-0),
             "-0");
    assertEq(inspect(-1.5),
             "-1.5");
    assertEq(inspect(NaN),
             "NaN");
    assertEq(inspect(-Infinity),
             "-Infinity");
    assertEq(inspect(10n),
             "10n");
    assertEq(inspect(-5n),
             "-5n");
    assertEq(inspect(true),
             "true");
    assertEq(inspect(null),
             "null");
    assertEq(inspect(undefined),
             "undefined");
    assertEq(inspect(Symbol()),
             "Symbol()");
    assertEq(inspect(Symbol('desc')),
             "Symbol(desc)");
    assertEq(inspect(Symbol.iterator),
             "Symbol(Symbol.iterator)");
});

test('inspect: arrays', () => {
    assertEq(inspect([]),
             "[]");
    assertEq(inspect([1, 2, 3]),
             "[ 1, 2, 3 ]");
    assertEq(inspect([1, [2, [3, [4, [5]]]]]),
             "[ 1, [ 2, [ 3, [Array] ] ] ]");
    assertEq(inspect((() => { const a = [1, , 3]; a[10] = 5; return a; })()),
             "[ 1, <1 empty item>, 3, <7 empty items>, 5 ]");
    assertEq(inspect([, ,]),
             "[ <2 empty items> ]");
    assertEq(inspect(new Array(5)),
             "[ <5 empty items> ]");
    assertEq(inspect([ , 1, , , 2, , ]),
             "[ <1 empty item>, 1, <2 empty items>, 2, <1 empty item> ]");
    assertEq(inspect((() => { const a = new Array(1e6); a[5] = 1; return a; })()),
             "[ <5 empty items>, 1, <999994 empty items> ]");
    assertEq(inspect(Object.assign([1, 2], { extra: 'x' })),
             "[ 1, 2, extra: 'x' ]");
    assertEq(inspect(Array.from({ length: 130 }, (_, i) => i * 3)),
             "[\n    0,   3,   6,   9,  12,  15,  18,  21,  24,  27,  30,  33,\n   36,  39,  42,  45,  48,  51,  54,  57,  60,  63,  66,  69,\n   72,  75,  78,  81,  84,  87,  90,  93,  96,  99, 102, 105,\n  108, 111, 114, 117, 120, 123, 126, 129, 132, 135, 138, 141,\n  144, 147, 150, 153, 156, 159, 162, 165, 168, 171, 174, 177,\n  180, 183, 186, 189, 192, 195, 198, 201, 204, 207, 210, 213,\n  216, 219, 222, 225, 228, 231, 234, 237, 240, 243, 246, 249,\n  252, 255, 258, 261, 264, 267, 270, 273, 276, 279, 282, 285,\n  288, 291, 294, 297,\n  ... 30 more items\n]");
    assertEq(inspect(Array.from({ length: 10 }, (_, i) => 'item' + i)),
             "[\n  'item0', 'item1',\n  'item2', 'item3',\n  'item4', 'item5',\n  'item6', 'item7',\n  'item8', 'item9'\n]");
    assertEq(inspect([1, 'two', { three: 3 }, [4], null, undefined, 7n, Symbol('e')]),
             "[ 1, 'two', { three: 3 }, [ 4 ], null, undefined, 7n, Symbol(e) ]");
    assertEq(inspect([1, 2, 3, 4, 5, 6, 7]),
             "[\n  1, 2, 3, 4,\n  5, 6, 7\n]");
    assertEq(inspect(new Array(200).fill(0)),
             "[\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0,\n  ... 100 more items\n]");
    assertEq(inspect(['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)]),
             "[\n  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n  'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy',\n  'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'\n]");
    assertEq(inspect(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1))),
             "[\n  'a',     'bb',    'ccc',   'dddd',\n  'eeeee', 'f',     'gg',    'hhh',\n  'iiii',  'jjjjj', 'k',     'll',\n  'mmm',   'nnnn',  'ooooo', 'p',\n  'qq',    'rrr',   'ssss',  'ttttt',\n  'u',     'vv',    'www',   'xxxx',\n  'yyyyy', 'z'\n]");
    assertEq(inspect([1.5, 22.25, 333, 4, 5, 6, 7, 8, 9, 10]),
             "[\n  1.5, 22.25, 333,\n    4,     5,   6,\n    7,     8,   9,\n   10\n]");
    assertEq(inspect([true, false, true, false, true, false, true]),
             "[\n  true, false,\n  true, false,\n  true, false,\n  true\n]");
    assertEq(inspect(Object.setPrototypeOf([1, 2], null)),
             "[Array(2): null prototype] [ 1, 2 ]");
    assertEq(inspect((() => { class MyArr extends Array {} return MyArr.from([1, 2]); })()),
             "MyArr(2) [ 1, 2 ]");
});

test('inspect: objects', () => {
    assertEq(inspect({}),
             "{}");
    assertEq(inspect({ a: 1 }),
             "{ a: 1 }");
    assertEq(inspect({ 'b-c': 2, $d: 3, _e: 4, '0': 5, '1a': 6, 'ünï': 7, '': 8 }),
             "{ '0': 5, 'b-c': 2, '$d': 3, _e: 4, '1a': 6, 'ünï': 7, '': 8 }");
    assertEq(inspect({ level1: { level2: { level3: { level4: {} } } }, arr: [[[[1]]]] }),
             "{ level1: { level2: { level3: [Object] } }, arr: [ [ [Array] ] ] }");
    assertEq(inspect({ a: { b: { c: { d: 1 } } } }),
             "{ a: { b: { c: [Object] } } }");
    assertEq(inspect({ a: { b: { c: {} } } }),
             "{ a: { b: { c: {} } } }");
    assertEq(inspect((() => { const o = {}; for (let i = 0; i < 30; i++) o['key' + i] = i; return o; })()),
             "{\n  key0: 0,\n  key1: 1,\n  key2: 2,\n  key3: 3,\n  key4: 4,\n  key5: 5,\n  key6: 6,\n  key7: 7,\n  key8: 8,\n  key9: 9,\n  key10: 10,\n  key11: 11,\n  key12: 12,\n  key13: 13,\n  key14: 14,\n  key15: 15,\n  key16: 16,\n  key17: 17,\n  key18: 18,\n  key19: 19,\n  key20: 20,\n  key21: 21,\n  key22: 22,\n  key23: 23,\n  key24: 24,\n  key25: 25,\n  key26: 26,\n  key27: 27,\n  key28: 28,\n  key29: 29\n}");
    assertEq(inspect({ aaaaaaaaaaaa: 'aaaaaaaaaaaaaaaaaaaaa', bbbbbbbbbbbbbbbbbb: 'bbbbbbbbbbbbbbbbbbbbbbbbbbb', c: 1 }),
             "{\n  aaaaaaaaaaaa: 'aaaaaaaaaaaaaaaaaaaaa',\n  bbbbbbbbbbbbbbbbbb: 'bbbbbbbbbbbbbbbbbbbbbbbbbbb',\n  c: 1\n}");
    assertEq(inspect({ __proto__: null, a: 1 }),
             "[Object: null prototype] { a: 1 }");
    assertEq(inspect(Object.create(null)),
             "[Object: null prototype] {}");
    assertEq(inspect({ get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} }),
             "{ a: [Getter], b: [Setter], c: [Getter/Setter] }");
    assertEq(inspect({ [Symbol('foo')]: 1, [Symbol()]: 2 }),
             "{ [Symbol(foo)]: 1, [Symbol()]: 2 }");
    assertEq(inspect({ a: 'x'.repeat(100) }),
             "{\n  a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n}");
    assertEq(inspect({ s: 'line1\nline2\nline3 is a fairly long line of text that goes on' }),
             "{ s: 'line1\\nline2\\nline3 is a fairly long line of text that goes on' }");
    assertEq(inspect({ a: { b: [1, 2, { c: new Map([[1, { d: 1 }]]) }] } }),
             "{ a: { b: [ 1, 2, [Object] ] } }");
    assertEq(inspect([{ a: 1, b: 2 }, { a: 3, b: 4 }]),
             "[ { a: 1, b: 2 }, { a: 3, b: 4 } ]");
    assertEq(inspect({ undefined: undefined, n: null }),
             "{ undefined: undefined, n: null }");
    assertEq(inspect(Object.defineProperty({}, 'hidden', { value: 1, enumerable: false })),
             "{}");
    assertEq(inspect({ ['__proto__']: 1 }),
             "{ ['__proto__']: 1 }");
    assertEq(inspect({ [Symbol.toStringTag]: 'Tagged', a: 1 }),
             "{ a: 1, [Symbol(Symbol.toStringTag)]: 'Tagged' }");
    assertEq(inspect(Object.defineProperty({ a: 1 }, Symbol.toStringTag, { value: 'Tagged' })),
             "Object [Tagged] { a: 1 }");
    assertEq(inspect(Math),
             "Object [Math] {}");
    assertEq(inspect(JSON),
             "Object [JSON] {}");
    assertEq(inspect({ deep: { long: 'x'.repeat(60), other: [1, 2, 3] } }),
             "{\n  deep: {\n    long: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n    other: [ 1, 2, 3 ]\n  }\n}");
});

test('inspect: circular', () => {
    assertEq(inspect((() => { const o = { name: 'c' }; o.self = o; o.arr = [o, { back: o }]; return o; })()),
             "<ref *1> {\n  name: 'c',\n  self: [Circular *1],\n  arr: [ [Circular *1], { back: [Circular *1] } ]\n}");
    assertEq(inspect((() => { const a = [1]; a.push(a); return a; })()),
             "<ref *1> [ 1, [Circular *1] ]");
    assertEq(inspect((() => { const a = {}; const b = { a }; a.b = b; return [a, b]; })()),
             "[\n  <ref *1> { b: { a: [Circular *1] } },\n  <ref *2> { a: <ref *1> { b: [Circular *2] } }\n]");
    assertEq(inspect((() => { const m = new Map(); m.set('me', m); return m; })()),
             "<ref *1> Map(1) { 'me' => [Circular *1] }");
});

test('inspect: classes', () => {
    assertEq(inspect((() => { class Foo { constructor() { this.x = 1; } } return new Foo(); })()),
             "Foo { x: 1 }");
    assertEq(inspect((() => { class Foo {} class Bar extends Foo { constructor() { super(); this.y = [1]; } } return new Bar(); })()),
             "Bar { y: [ 1 ] }");
    assertEq(inspect((() => { class Empty {} return new Empty(); })()),
             "Empty {}");
    assertEq(inspect((() => { class Foo {} return Foo.prototype; })()),
             "{}");
});

test('inspect: functions', () => {
    assertEq(inspect((() => { class Foo {} return Foo; })()),
             "[class Foo]");
    assertEq(inspect((() => { class Foo {} class Bar extends Foo {} return Bar; })()),
             "[class Bar extends Foo]");
    assertEq(inspect(class {}),
             "[class (anonymous)]");
    assertEq(inspect(function named() {}),
             "[Function: named]");
    assertEq(inspect(() => {}),
             "[Function (anonymous)]");
    assertEq(inspect(Object.assign(function foo() {}, { bar: 1 })),
             "[Function: foo] { bar: 1 }");
    assertEq(inspect(function () {}.bind(null)),
             "[Function: bound ]");
    assertEq(inspect(function bf() {}.bind(null)),
             "[Function: bound bf]");
    assertEq(inspect(Math.max),
             "[Function: max]");
    assertEq(inspect(function* gen() {}),
             "[GeneratorFunction: gen]");
    assertEq(inspect(async () => {}),
             "[AsyncFunction (anonymous)]");
    assertEq(inspect(async function af() {}),
             "[AsyncFunction: af]");
    assertEq(inspect(async function* ag() {}),
             "[AsyncGeneratorFunction: ag]");
    assertEq(inspect({ f() {}, g: function () {}, h: () => {}, k: class K {} }),
             "{ f: [Function: f], g: [Function: g], h: [Function: h], k: [class K] }");
    assertEq(inspect(Object.setPrototypeOf(function nf() {}, null)),
             "[Function (null prototype): nf]");
});

test('inspect: collections', () => {
    assertEq(inspect(new Map()),
             "Map(0) {}");
    assertEq(inspect(new Set()),
             "Set(0) {}");
    assertEq(inspect(new Map([['a', 1], ['b', 2]])),
             "Map(2) { 'a' => 1, 'b' => 2 }");
    assertEq(inspect(new Map([[{ k: 1 }, [1, 2]], ['s', new Set([1, 'a'])]])),
             "Map(2) { { k: 1 } => [ 1, 2 ], 's' => Set(2) { 1, 'a' } }");
    assertEq(inspect(new Set([[1, 2], { a: 1 }])),
             "Set(2) { [ 1, 2 ], { a: 1 } }");
    assertEq(inspect(new WeakMap()),
             "WeakMap { <items unknown> }");
    assertEq(inspect(new WeakSet()),
             "WeakSet { <items unknown> }");
    assertEq(inspect(new Set(Array.from({ length: 102 }, (_, i) => i))),
             "Set(102) {\n  0,\n  1,\n  2,\n  3,\n  4,\n  5,\n  6,\n  7,\n  8,\n  9,\n  10,\n  11,\n  12,\n  13,\n  14,\n  15,\n  16,\n  17,\n  18,\n  19,\n  20,\n  21,\n  22,\n  23,\n  24,\n  25,\n  26,\n  27,\n  28,\n  29,\n  30,\n  31,\n  32,\n  33,\n  34,\n  35,\n  36,\n  37,\n  38,\n  39,\n  40,\n  41,\n  42,\n  43,\n  44,\n  45,\n  46,\n  47,\n  48,\n  49,\n  50,\n  51,\n  52,\n  53,\n  54,\n  55,\n  56,\n  57,\n  58,\n  59,\n  60,\n  61,\n  62,\n  63,\n  64,\n  65,\n  66,\n  67,\n  68,\n  69,\n  70,\n  71,\n  72,\n  73,\n  74,\n  75,\n  76,\n  77,\n  78,\n  79,\n  80,\n  81,\n  82,\n  83,\n  84,\n  85,\n  86,\n  87,\n  88,\n  89,\n  90,\n  91,\n  92,\n  93,\n  94,\n  95,\n  96,\n  97,\n  98,\n  99,\n  ... 2 more items\n}");
    assertEq(inspect(Object.assign(new Map([[1, 2]]), { extra: true })),
             "Map(1) { 1 => 2, extra: true }");
    assertEq(inspect(new Map([['key that is fairly long', 'value that is also quite long'], ['k2', 'v2']])),
             "Map(2) {\n  'key that is fairly long' => 'value that is also quite long',\n  'k2' => 'v2'\n}");
});

test('inspect: binary', () => {
    assertEq(inspect(new Uint8Array([1, 2, 3])),
             "Uint8Array(3) [ 1, 2, 3 ]");
    assertEq(inspect(new Float64Array([1.5, -0, NaN])),
             "Float64Array(3) [ 1.5, -0, NaN ]");
    assertEq(inspect(new BigInt64Array([1n, -2n])),
             "BigInt64Array(2) [ 1n, -2n ]");
    assertEq(inspect(new Uint8Array(0)),
             "Uint8Array(0) []");
    assertEq(inspect(new Int16Array(10)),
             "Int16Array(10) [\n  0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0\n]");
    assertEq(inspect(new Uint8Array(200)),
             "Uint8Array(200) [\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0,\n  ... 100 more items\n]");
    assertEq(inspect(new ArrayBuffer(3)),
             "ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }");
    assertEq(inspect(new Uint8Array([1, 255, 16]).buffer),
             "ArrayBuffer { [Uint8Contents]: <01 ff 10>, byteLength: 3 }");
    assertEq(inspect(new ArrayBuffer(0)),
             "ArrayBuffer { [Uint8Contents]: <>, byteLength: 0 }");
    assertEq(inspect(new ArrayBuffer(120)),
             "ArrayBuffer {\n  [Uint8Contents]: <00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... 20 more bytes>,\n  byteLength: 120\n}");
    assertEq(inspect(new DataView(new ArrayBuffer(2), 1)),
             "DataView {\n  byteLength: 1,\n  byteOffset: 1,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}");
    assertEq(inspect(new Uint8Array(new SharedArrayBuffer(2))),
             "Uint8Array(2) [ 0, 0 ]");
    assertEq(inspect(new SharedArrayBuffer(2)),
             "SharedArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }");
    assertEq(inspect(Object.assign(new Uint8Array(2), { p: 1 })),
             "Uint8Array(2) [ 0, 0, p: 1 ]");
    assertEq(inspect(new Uint8ClampedArray([300])),
             "Uint8ClampedArray(1) [ 255 ]");
    assertEq(inspect(new Float32Array([0.5])),
             "Float32Array(1) [ 0.5 ]");
});

test('inspect: others', () => {
    assertEq(inspect(new Date(0)),
             "1970-01-01T00:00:00.000Z");
    assertEq(inspect(new Date(1700000000123)),
             "2023-11-14T22:13:20.123Z");
    assertEq(inspect(new Date(NaN)),
             "Invalid Date");
    assertEq(inspect(/a+b/gi),
             "/a+b/gi");
    assertEq(inspect(new RegExp('x/y')),
             "/x\\/y/");
    assertEq(inspect(Object.assign(/re/, { p: 1 })),
             "/re/ { p: 1 }");
    assertEq(inspect(Object.assign(new Date(0), { p: 1 })),
             "1970-01-01T00:00:00.000Z { p: 1 }");
    assertEq(inspect(new Number(3)),
             "[Number: 3]");
    assertEq(inspect(new Number(-0)),
             "[Number: -0]");
    assertEq(inspect(new Number(0)),
             "[Number: 0]");
    assertEq(inspect(new String('abc')),
             "[String: 'abc']");
    assertEq(inspect(new Boolean(false)),
             "[Boolean: false]");
    assertEq(inspect(new Boolean(true)),
             "[Boolean: true]");
    assertEq(inspect(Object(Symbol('q'))),
             "[Symbol: Symbol(q)]");
    assertEq(inspect(Object(5n)),
             "[BigInt: 5n]");
    assertEq(inspect(Object.assign(new Number(1), { p: 1 })),
             "[Number: 1] { p: 1 }");
    assertEq(inspect(Object.assign(new String('ab'), { p: 1 })),
             "[String: 'ab'] { p: 1 }");
    assertEq(inspect(Promise.resolve(42)),
             "Promise { 42 }");
    assertEq(inspect(Promise.resolve({ a: [1] })),
             "Promise { { a: [ 1 ] } }");
    assertEq(inspect(new Promise(() => {})),
             "Promise { <pending> }");
    assertEq(inspect((() => { const p = Promise.reject(3); p.catch(() => {}); return p; })()),
             "Promise { <rejected> 3 }");
    assertEq(inspect(new Proxy({ a: 1 }, {})),
             "{ a: 1 }");
    assertEq(inspect(new Proxy([1, 2], {})),
             "[ 1, 2 ]");
});

test('format: directives and arguments as util.format', () => {
    assertEq(format(...['%s', 'a']), "a");
    assertEq(format(...['%s', 1]), "1");
    assertEq(format(...['%s', -0]), "-0");
    assertEq(format(...['%s', 5n]), "5n");
    assertEq(format(...['%s', Symbol('s')]), "Symbol(s)");
    assertEq(format(...['%s', null]), "null");
    assertEq(format(...['%s', undefined]), "undefined");
    assertEq(format(...['%s', { a: { b: { c: 1 } } }]), "{ a: [Object] }");
    assertEq(format(...['%s', [1, [2, [3]]]]), "[ 1, [Array] ]");
    assertEq(format(...['%s', new (class P { toString() { return 'custom P'; } })()]), "custom P");
    assertEq(format(...['%s', new Date(0)]), "1970-01-01T00:00:00.000Z");
    assertEq(format(...['%s', '']), "");
    assertEq(format(...['%d', '42']), "42");
    assertEq(format(...['%d', 42.5]), "42.5");
    assertEq(format(...['%d', -0]), "-0");
    assertEq(format(...['%d', 5n]), "5n");
    assertEq(format(...['%d', Symbol()]), "NaN");
    assertEq(format(...['%d', {}]), "NaN");
    assertEq(format(...['%d', '0x10']), "16");
    assertEq(format(...['%i', '42.9px']), "42");
    assertEq(format(...['%i', -3.7]), "-3");
    assertEq(format(...['%i', 7n]), "7n");
    assertEq(format(...['%i', Symbol()]), "NaN");
    assertEq(format(...['%f', '1.5e3']), "1500");
    assertEq(format(...['%f', 'abc']), "NaN");
    assertEq(format(...['%f', Symbol()]), "NaN");
    assertEq(format(...['%j', { a: [1, 'x'] }]), "{\"a\":[1,\"x\"]}");
    assertEq(format(...['%j', (() => { const c = {}; c.c = c; return c; })()]), "[Circular]");
    assertEq(format(...['%j', undefined]), "undefined");
    assertEq(format(...['%j', 'str']), "\"str\"");
    assertEq(format(...['%o', [1, { a: 2 }]]), "[ 1, { a: 2 }, [length]: 2 ]");
    assertEq(format(...['%o', { f() {} }]), "{ f: [Function: f] { [length]: 0, [name]: 'f' } }");
    assertEq(format(...['%O', { a: { b: { c: { d: 1 } } } }]), "{ a: { b: { c: [Object] } } }");
    assertEq(format(...['%o', { a: { b: { c: { d: { e: { f: 1 } } } } } }]), "{\n  a: {\n    b: { c: { d: { e: [Object] } } }\n  }\n}");
    assertEq(format(...['%O', 'quoted']), "'quoted'");
    assertEq(format(...['%c%s', 'color: red', 'x']), "x");
    assertEq(format(...['100%%', 1]), "100% 1");
    assertEq(format(...['100%%']), "100%%");
    assertEq(format(...['%']), "%");
    assertEq(format(...['a%']), "a%");
    assertEq(format(...['%x', 1]), "%x 1");
    assertEq(format(...['%s %s', 'only']), "only %s");
    assertEq(format(...['%s', 'a', 'b', 3]), "a b 3");
    assertEq(format(...['no directives', 1, 'two', { three: 3 }]), "no directives 1 two { three: 3 }");
    assertEq(format(...[1, 'str', 2]), "1 str 2");
    assertEq(format(...[]), "");
    assertEq(format(...['%s:%d', 'a', 1, 'rest', [1]]), "a:1 rest [ 1 ]");
    assertEq(format(...['%%s', 'x']), "%s x");
    assertEq(format(...['%s%%%s', 'a', 'b']), "a%b");
    assertEq(format(...['é%sé', 'ü']), "éüé");
    assertEq(format(...[{ a: 'x' }, 'raw string']), "{ a: 'x' } raw string");
    assertEq(format(...['%s', 'line\nbreak', { k: 'line\nbreak' }]), "line\nbreak { k: 'line\\nbreak' }");
    assertEq(format(...[undefined, null]), "undefined null");
    assertEq(format(...['%d%d', 1]), "1%d");
});

test('inspect: strings longer than 10000 characters are cut', () => {
    assertEq(inspect('x'.repeat(10001)), `'${'x'.repeat(10000)}'... 1 more character`);
    assertEq(inspect('x'.repeat(10003)), `'${'x'.repeat(10000)}'... 3 more characters`);
    assertEq(inspect(['😀'.repeat(5001)]), `[\n  '${'😀'.repeat(5000)}'... 2 more characters\n]`);
});

test('inspect: lone surrogates are escaped', () => {
    assertEq(inspect('a\ud800b\udc00'), "'a\\ud800b\\udc00'");
    assertEq(inspect({ '\ud800': 1 }), "{ '\\ud800': 1 }");
    assertEq(inspect(['\ud83d\ude00']), "[ '😀' ]");
});

test('inspect: depth option', () => {
    const v = { a: { b: { c: { d: { e: 1 } } } } };
    assertEq(inspect(v, { depth: 0 }), '{ a: [Object] }');
    // Compact mode puts at most three nested levels on one line.
    assertEq(inspect(v, { depth: null }), '{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}');
    assertEq(inspect(v, { depth: Infinity }), '{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}');
    assertEq(inspect({ x: { y: { z: { w: 1 } } }, q: 1 }, { depth: null }),
             '{\n  x: { y: { z: { w: 1 } } },\n  q: 1\n}');
    assertEq(inspect([[[]]], { depth: 0 }), '[ [Array] ]');
    assertEq(inspect([[]], { depth: 0 }), '[ [] ]');
});

test('inspect: showHidden shows non-enumerable properties in brackets', () => {
    assertEq(inspect([1], { showHidden: true }), '[ 1, [length]: 1 ]');
    assertEq(inspect(Object.defineProperty({ a: 1 }, 'h', { value: 2 }), { showHidden: true }),
             '{ a: 1, [h]: 2 }');
});

test('inspect: errors show name, message and stack', () => {
    const e = new Error('boom');
    const lines = inspect(e).split('\n');
    assertEq(lines[0], 'Error: boom');
    assertTrue(lines.length > 1 && lines.slice(1).every(l => l.startsWith('    at ')), inspect(e));
    e.code = 'E1';
    assertTrue(inspect(e).startsWith('Error: boom\n    at '), inspect(e));
    assertTrue(inspect(e).endsWith(" {\n  code: 'E1'\n}"), inspect(e));
    const typed = new TypeError('bad');
    assertTrue(inspect(typed).startsWith('TypeError: bad\n'), inspect(typed));
    assertTrue(inspect(new Error()).startsWith('Error\n    at '), inspect(new Error()));
});

test('inspect: errors without a stack are bracketed', () => {
    const e = new RangeError('no stack');
    Object.defineProperty(e, 'stack', { value: undefined });
    assertEq(inspect(e), '[RangeError: no stack]');
    e.extra = 1;
    assertEq(inspect(e), '[RangeError: no stack] { extra: 1 }');
    assertEq(inspect({ e }), '{ e: [RangeError: no stack] { extra: 1 } }');
});

test('inspect: error subclasses name their class', () => {
    class MyErr extends Error {}
    class MyError extends Error {}
    class NamedErr extends Error { constructor(m) { super(m); this.name = 'NamedErr'; } }
    assertTrue(inspect(new MyErr('mine')).startsWith('MyErr [Error]: mine\n'));
    assertTrue(inspect(new MyError('m')).startsWith('MyError: m\n'));
    assertTrue(inspect(new NamedErr('n')).startsWith('NamedErr: n\n'));
});

test('inspect: nested errors indent their stack', () => {
    const s = inspect({ err: new Error('nested') });
    assertTrue(s.startsWith('{\n  err: Error: nested\n      at '), s);
    assertTrue(s.endsWith('\n}'), s);
});

test('inspect: a rejected promise shows its reason', () => {
    const p = Promise.reject(new RangeError('no'));
    p.catch(() => {});
    assertTrue(inspect(p).startsWith('Promise {\n  <rejected> RangeError: no\n      at '), inspect(p));
});

test('inspect: getters are never called', () => {
    let calls = 0;
    const o = { get x() { calls++; throw new Error('getter'); }, y: 1 };
    assertEq(inspect(o), '{ x: [Getter], y: 1 }');
    assertEq(inspect([o]), '[ { x: [Getter], y: 1 } ]');
    class WithTag { get [Symbol.toStringTag]() { calls++; return 'T'; } }
    assertEq(inspect(new WithTag()), 'WithTag {}');
    class Named { static get name() { calls++; return 'N'; } }
    assertEq(inspect(new Named()), '{}');
    assertEq(calls, 0);
});

test('inspect: proxies are looked at through their traps', () => {
    assertEq(inspect(new Proxy({ a: 1 }, {})), '{ a: 1 }');
    const keysThrow = new Proxy({}, { ownKeys() { throw new Error('ownKeys trap'); } });
    assertEq(inspect(keysThrow), '<Inspection threw (Error: ownKeys trap)>');
    assertEq(inspect({ inner: keysThrow, ok: 1 }),
             '{ inner: <Inspection threw (Error: ownKeys trap)>, ok: 1 }');
    const protoThrow = new Proxy({}, { getPrototypeOf() { throw new TypeError('gp'); } });
    assertEq(inspect(protoThrow), '<Inspection threw (TypeError: gp)>');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assertEq(inspect(proxy), '<Inspection threw (TypeError: revoked proxy)>');
    assertEq(format('%o', proxy), '<Inspection threw (TypeError: revoked proxy)>');
    const thrower = new Proxy({}, { getPrototypeOf() { throw 42; } });
    assertEq(inspect(thrower), '<Inspection threw (exception)>');
});

test('inspect: an endless prototype chain ends', () => {
    const loop = new Proxy({}, { getPrototypeOf() { return loop; } });
    assertEq(inspect(loop), 'Object <Object <Object <Object <Complex prototype>>>> {}');
    const deep = inspect(loop, { depth: Infinity });
    assertTrue(deep.endsWith('<Complex prototype>>>>>>>>>>>>>>>>>> {}'), deep);
});

test('inspect: very deep structures stop at a fixed nesting', () => {
    let deep = [];
    for (let i = 0; i < 5000; i++)
        deep = [deep];
    const s = inspect(deep, { depth: null });
    assertTrue(s.includes('[Array]'));
    let o = {};
    for (let i = 0; i < 100000; i++)
        o = { o };
    assertEq(inspect(o), '{ o: { o: { o: [Object] } } }');
});

test('inspect: big collections are cut', () => {
    const m = new Map();
    for (let i = 0; i < 1000; i++)
        m.set(i, i);
    const s = inspect(m);
    assertTrue(s.startsWith('Map(1000) {\n  0 => 0,\n'), s.slice(0, 40));
    assertTrue(s.endsWith('  99 => 99,\n  ... 900 more items\n}'), s.slice(-40));
    assertEq(inspect(new Array(2 ** 32 - 1)), '[ <4294967295 empty items> ]');
});

test('format: exceptions from user conversions reach the caller', () => {
    const bad = { toString() { throw new RangeError('toString threw'); } };
    assertThrows(RangeError, () => format('%s', bad), 'toString threw');
    assertThrows(RangeError, () => console.log('%s', bad), 'toString threw');
    const badNum = { valueOf() { throw new RangeError('valueOf threw'); } };
    assertThrows(RangeError, () => format('%d', badNum), 'valueOf threw');
    const badJson = { toJSON() { throw new RangeError('toJSON threw'); } };
    assertThrows(RangeError, () => format('%j', badJson), 'toJSON threw');
    assertThrows(TypeError, () => console.assert(false, Symbol('s')));
    assertThrows(TypeError, () => console.count(Symbol('s')));
});

test('inspect: arguments objects and module namespaces', () => {
    (function () { assertEq(inspect(arguments), "[Arguments] { '0': 1, '1': 2 }"); })(1, 2);
    (function () { assertEq(inspect(arguments), '[Arguments] {}'); })();
    assertEq(inspect({ callee: 1 }), '{ callee: 1 }');
    assertEq(inspect(self), '[Module: null prototype] {}');
});

test('inspect: wide and zero-width characters in grouped columns', () => {
    assertEq(inspect(['😀', 'ab', '日本', 'x', 'yy', 'zzz', 'é', 'w']),
             "[\n  '😀',   'ab',\n  '日本', 'x',\n  'yy',   'zzz',\n  'é',    'w'\n]");
    assertEq(inspect(['\u0301a', 'b', 'c', 'd', 'e', 'f', 'g']),
             "[\n  '\u0301a', 'b', 'c',\n  'd', 'e', 'f',\n  'g'\n]");
    assertEq(inspect(['日本語'.repeat(9), 'x']), `[ '${'日本語'.repeat(9)}', 'x' ]`);
});

test('inspect: maxArrayLength, breakLength and negative depth options', () => {
    assertEq(inspect({ a: { b: 1 } }, { depth: -1 }), '[Object]');
    assertEq(inspect({ a: { b: 1 } }, { depth: NaN }), '{ a: { b: 1 } }');
    assertEq(inspect([1, 2, 3, 4], { maxArrayLength: 2 }), '[ 1, 2, ... 2 more items ]');
    assertEq(inspect(new Set([1, 2, 3]), { maxArrayLength: 0 }), 'Set(3) { ... 3 more items }');
    assertEq(inspect(new Uint8Array(5).buffer, { maxArrayLength: 2 }),
             'ArrayBuffer {\n  [Uint8Contents]: <00 00 ... 3 more bytes>,\n  byteLength: 5\n}');
    assertEq(inspect({ a: 'x'.repeat(50), b: 'y'.repeat(50) }, { breakLength: Infinity }),
             `{ a: '${'x'.repeat(50)}', b: '${'y'.repeat(50)}' }`);
    assertEq(inspect([[1, 2, 3, 4, 5, 6, 7, 8]], { breakLength: 20 }),
             '[\n  [\n    1, 2, 3, 4,\n    5, 6, 7, 8\n  ]\n]');
});

test('console.table: properties must be an array', () => {
    assertThrows(TypeError, () => console.table([{ a: 1 }], 'a'), 'properties must be an array');
    assertThrows(TypeError, () => console.table(1, {}), 'properties must be an array');
});

test('console.table: exceptions from the data reach the caller', () => {
    const rows = { get r() { throw new RangeError('row getter'); } };
    assertThrows(RangeError, () => console.table(rows), 'row getter');
});

test('format: a percent sign before a NUL is not a directive', () => {
    assertEq(format('a%\0b', 1), 'a%\0b 1');
});

test('inspect: quotes avoid the ones in the text', () => {
    assertEq(inspect("a'b"), `"a'b"`);
    assertEq(inspect('a\'"b'), "`a'\"b`");
    assertEq(inspect('a\'"`'), "'a\\'\"`'");
    assertEq(inspect('a\'"${x}'), "'a\\'\"${x}'");
});

test('inspect: holes, long gaps and extra keys of arrays', () => {
    assertEq(inspect((() => { const a = []; a[1000] = 1; a[5000] = 2; a.length = 6000; return a; })()),
             "[ <1000 empty items>, 1, <3999 empty items>, 2, <999 empty items> ]");
    assertEq(inspect((() => { const b = [1, 2]; b[300] = 3; return b; })()),
             "[ 1, 2, <298 empty items>, 3 ]");
    assertEq(inspect((() => { const c = new Array(300); c[299] = "last"; return c; })()),
             "[ <299 empty items>, 'last' ]");
    assertEq(inspect((() => { const d = []; for (let i = 0; i < 150; i += 2) d[i] = i; return d; })()),
             "[\n  0,              <1 empty item>, 2,              <1 empty item>, 4,\n  <1 empty item>, 6,              <1 empty item>, 8,              <1 empty item>,\n  10,             <1 empty item>, 12,             <1 empty item>, 14,\n  <1 empty item>, 16,             <1 empty item>, 18,             <1 empty item>,\n  20,             <1 empty item>, 22,             <1 empty item>, 24,\n  <1 empty item>, 26,             <1 empty item>, 28,             <1 empty item>,\n  30,             <1 empty item>, 32,             <1 empty item>, 34,\n  <1 empty item>, 36,             <1 empty item>, 38,             <1 empty item>,\n  40,             <1 empty item>, 42,             <1 empty item>, 44,\n  <1 empty item>, 46,             <1 empty item>, 48,             <1 empty item>,\n  50,             <1 empty item>, 52,             <1 empty item>, 54,\n  <1 empty item>, 56,             <1 empty item>, 58,             <1 empty item>,\n  60,             <1 empty item>, 62,             <1 empty item>, 64,\n  <1 empty item>, 66,             <1 empty item>, 68,             <1 empty item>,\n  70,             <1 empty item>, 72,             <1 empty item>, 74,\n  <1 empty item>, 76,             <1 empty item>, 78,             <1 empty item>,\n  80,             <1 empty item>, 82,             <1 empty item>, 84,\n  <1 empty item>, 86,             <1 empty item>, 88,             <1 empty item>,\n  90,             <1 empty item>, 92,             <1 empty item>, 94,\n  <1 empty item>, 96,             <1 empty item>, 98,             <1 empty item>,\n  ... 49 more items\n]");
    assertEq(inspect(Object.assign(new Uint8Array(10), { extra: 1 })),
             "Uint8Array(10) [ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, extra: 1 ]");
    assertEq(inspect(Object.assign([1, 2, 3], { [Symbol("s")]: 1, k: "v" })),
             "[ 1, 2, 3, k: 'v', [Symbol(s)]: 1 ]");
});

test('inspect: big arrays cost only the items shown', () => {
    const dense = new Array(1e6).fill(0);
    assertTrue(inspect(dense).endsWith('  ... 999900 more items\n]'));
    const bytes = new Uint8Array(1e7);
    assertTrue(inspect(bytes).startsWith('Uint8Array(10000000) [\n'));
    // Above 65536 items, a typed array's string keys are not looked for.
    assertEq(inspect(Object.assign(new Uint8Array(70000), { extra: 1 })).includes('extra'), false);
    assertEq(inspect(Object.assign(new Uint8Array(7), { extra: 1 })),
             'Uint8Array(7) [ 0, 0, 0, 0, 0, 0, 0, extra: 1 ]');
});

test('inspect: a proxy of an array whose length throws', () => {
    const bad = new Proxy([], {
        get(t, k) { return k === 'length' ? { valueOf() { throw new Error('len'); } } : t[k]; },
    });
    assertEq(inspect(bad), '<Inspection threw (Error: len)>');
    const short = new Proxy([1, 2], { get(t, k) { return k === 'length' ? { valueOf: () => 1 } : t[k]; } });
    assertEq(inspect(short), '[ 1 ]');
});

test('inspect: proxies whose traps throw at any point never break it', () => {
    const traps = ['ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'get', 'has'];
    const makers = [() => ({ a: 1 }), () => [1, 2], () => function f() {}, () => new Map([[1, 2]]),
                    () => new Error('e'), () => new Uint8Array(3), () => class C {}];
    for (const make of makers) {
        for (const trap of traps) {
            for (let when = 0; when < 6; when++) {
                let calls = 0;
                const p = new Proxy(make(), {
                    [trap](...args) {
                        if (calls++ === when)
                            throw new TypeError(`${trap} ${when}`);
                        return Reflect[trap](...args);
                    },
                });
                // Inspecting turns the trap's exception into text; it never throws.
                for (const text of [inspect(p), inspect([p, { p }], { showHidden: true }),
                                    inspect(new Map([[p, p]])), inspect(Object.create(p))])
                    assertEq(typeof text, 'string');
                // Formatting with %s and %j runs the object's own code: the exception comes out.
                try {
                    assertEq(typeof format('%s %j', p, p), 'string');
                } catch (e) {
                    assertTrue(e instanceof TypeError && e.message === `${trap} ${when}`, e.message);
                }
            }
        }
    }
});

test('inspect: symbol and hidden keys are escaped, symbol values are not', () => {
    const nl = Symbol('a\nb'), quote = Symbol("q'q");
    assertEq(inspect({ [nl]: 1, [quote]: 2, [Symbol('')]: 3 }),
             "{ [Symbol(a\\nb)]: 1, [Symbol(q\\'q)]: 2, [Symbol()]: 3 }");
    assertEq(inspect([nl]), '[\n  Symbol(a\nb)\n]');
    assertEq(inspect(Object.defineProperty({}, 'a\nb', { value: 1 }), { showHidden: true }),
             '{ [a\\nb]: 1 }');
});

test('inspect: grouped items with extra keys are left-aligned, as Node', () => {
    assertEq(inspect(Object.assign([1, 22, 333, 4, 5, 6, 7], { x: 1 })),
             "[\n  1, 22, 333, 4,\n  5, 6,  7,   x: 1\n]");
    assertEq(inspect(Object.assign([1, 22, 333, 4, 5, 6, 7, 8, 9, 10], { x: 1, yy: 2 })),
             "[\n  1, 22, 333,  4,\n  5, 6,  7,    8,\n  9, 10, x: 1, yy: 2\n]");
    assertEq(inspect(Object.assign(new Uint8Array([1, 22, 133, 4, 5, 6, 7]), { x: 1 })),
             "Uint8Array(7) [\n  1, 22, 133, 4,\n  5, 6,  7,   x: 1\n]");
});

test('inspect: past max_array_length entries, the last one is set apart from the grid', () => {
    assertEq(inspect(Object.assign(Array.from({ length: 100 }, (_, i) => i % 7 ? i : "s" + i), { key: "a long extra value" })),
             "[\n  's0',  1,     2,     3,     4,     5,     6,     's7',  8,     9,\n  10,    11,    12,    13,    's14', 15,    16,    17,    18,    19,\n  20,    's21', 22,    23,    24,    25,    26,    27,    's28', 29,\n  30,    31,    32,    33,    34,    's35', 36,    37,    38,    39,\n  40,    41,    's42', 43,    44,    45,    46,    47,    48,    's49',\n  50,    51,    52,    53,    54,    55,    's56', 57,    58,    59,\n  60,    61,    62,    's63', 64,    65,    66,    67,    68,    69,\n  's70', 71,    72,    73,    74,    75,    76,    's77', 78,    79,\n  80,    81,    82,    83,    's84', 85,    86,    87,    88,    89,\n  90,    's91', 92,    93,    94,    95,    96,    97,    's98', 99,\n  key: 'a long extra value'\n]");
});

test('inspect: prototype chains that name no constructor', () => {
    assertEq(inspect(Object.create(Object.create(null))),
             "Object <[Object: null prototype] {}> {}");
    assertEq(inspect(Object.create(Object.assign(Object.create(null), { x: 1 }))),
             "Object <[Object: null prototype]> {}");
    assertEq(inspect(Object.create(Object.create(Object.create(null)))),
             "Object <Object <[Object: null prototype] {}>> {}");
    assertEq(inspect({ deep: { deeper: { obj: Object.create(Object.create(null)) } } }),
             "{ deep: { deeper: { obj: Object <Complex prototype> {} } } }");
    assertEq(inspect(Object.setPrototypeOf(function nf() {}, Object.create(null))),
             "[Function: nf] Function <[Object: null prototype] {}>");
});

test('inspect: deep structures near the stack limit are cut, not a crash', () => {
    let deep = [];
    for (let i = 0; i < 5000; i++)
        deep = [deep];
    let limit = 0;
    const probe = (n) => { limit = n; try { return probe(n + 1); } catch { return n; } };
    probe(0);
    const at = (n) => n > 0 ? at(n - 1) : inspect(deep, { depth: Infinity });
    for (const back of [10, 100]) {
        const s = at(limit - back);
        assertTrue(s.startsWith('[\n  [\n') && s.includes('[Array]'), `${back}: ${s.length}`);
    }
});

test('inspect: detached buffers, as Node shows them', () => {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const old = mem.buffer;
    const view = new Uint8Array(old, 0, 4);
    mem.grow(1);
    assertEq(inspect(old), 'ArrayBuffer { (detached), byteLength: 0 }');
    assertEq(inspect(view), 'Uint8Array(0) []');
});
