// Calls across the boundary: ToWebAssemblyValue of arguments and host results (the tagged
// numbers taken inline and everything else through ToNumber), and signatures too long for the
// binding's on-stack buffers, in both directions.
import { test, assertEq, assertTrue, assertThrows, assertDeepEq } from './lib/assert.mjs';
import { module, I32, F32, F64, KFUNC, importFunc } from './lib/wasm-bytes.mjs';

const LOCAL_GET = 0x20, CALL = 0x10, I32_ADD = 0x6a;
const nine = Array(9).fill(I32);
const getAll = (n) => Array.from({ length: n }, (_, i) => [LOCAL_GET, i]).flat();

// h: (i32 x9) -> i32 imported; f64id, f32id: identities; sum9: (i32 x9) -> i32;
// call_h(i32 x9) -> i32 calls h; spread(i32) -> (i32 x9) returns its argument 9 times.
const bytes = module({
    types: [[nine, [I32]], [[F64], [F64]], [[F32], [F32]], [[I32], nine]],
    imports: [['m', 'h', importFunc(0)]],
    funcs: [1, 2, 0, 0, 3],
    exports: [['f64id', KFUNC, 1], ['f32id', KFUNC, 2], ['sum9', KFUNC, 3], ['call_h', KFUNC, 4],
        ['spread', KFUNC, 5]],
    codes: [
        [[], [LOCAL_GET, 0]],
        [[], [LOCAL_GET, 0]],
        [[], [...getAll(9), ...Array(8).fill(I32_ADD)]],
        [[], [...getAll(9), CALL, 0]],
        [[], Array(9).fill([LOCAL_GET, 0]).flat()],
    ],
});

function instantiate(h) {
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), { m: { h } }).exports;
}

test('f64 arguments: ints, doubles, -0, NaN and values that need ToNumber', () => {
    const { f64id } = instantiate(() => 0);
    assertEq(f64id(3), 3);
    assertEq(f64id(1.5), 1.5);
    assertTrue(Object.is(f64id(-0), -0));
    assertTrue(Number.isNaN(f64id(NaN)));
    assertEq(f64id(2 ** 53 + 2), 2 ** 53 + 2);
    assertEq(f64id('2.5'), 2.5);
    assertEq(f64id(true), 1);
    assertTrue(Number.isNaN(f64id(undefined)));
    assertEq(f64id({ valueOf: () => 7 }), 7);
    assertThrows(TypeError, () => f64id(1n));
    assertThrows(TypeError, () => f64id(Symbol()));
});

test('f32 arguments are rounded to single precision', () => {
    const { f32id } = instantiate(() => 0);
    assertEq(f32id(0.1), Math.fround(0.1));
    assertEq(f32id(16777217), 16777216);
    assertEq(f32id('0.1'), Math.fround(0.1));
    assertEq(f32id(1e40), Infinity);
});

test('nine arguments and nine results, with ToNumber in argument order', () => {
    const { sum9, spread } = instantiate(() => 0);
    assertEq(sum9(1, 2, 3, 4, 5, 6, 7, 8, 9), 45);
    assertEq(sum9(1, 2, 3), 6); // missing arguments are undefined: 0
    const order = [];
    const arg = (v) => ({ valueOf: () => (order.push(v), v) });
    assertEq(sum9(...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(arg)), 45);
    assertDeepEq(order, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assertThrows(TypeError, () => sum9(1, 2, 3, 4, 5, 6, 7, 8, 1n));
    assertDeepEq(spread(-4), Array(9).fill(-4));
});

test('a host function with nine parameters, and its results converted by ToInt32', () => {
    let got;
    const results = [(a) => a.reduce((x, y) => x + y, 0), () => 2 ** 32 + 5, () => '12', () => -1.9];
    let result = results[0];
    const { call_h } = instantiate((...args) => {
        got = args;
        return result(args);
    });
    assertEq(call_h(1, 2, 3, 4, 5, 6, 7, 8, -9), 27);
    assertDeepEq(got, [1, 2, 3, 4, 5, 6, 7, 8, -9]);
    for (const [f, want] of [[results[1], 5], [results[2], 12], [results[3], -1]]) {
        result = f;
        assertEq(call_h(0, 0, 0, 0, 0, 0, 0, 0, 0), want);
    }
    result = () => {
        throw new RangeError('from the host');
    };
    assertThrows(RangeError, () => call_h(), 'from the host');
});
