// WebAssembly.Global: every value type, value getter/setter, valueOf, mutability.
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';

test('number types and their conversions', () => {
    assertEq(new WebAssembly.Global({ value: 'i32' }, 2 ** 32 + 5).value, 5);
    assertEq(new WebAssembly.Global({ value: 'i32' }, -1).value, -1);
    assertEq(new WebAssembly.Global({ value: 'f32' }, 0.1).value, Math.fround(0.1));
    assertEq(new WebAssembly.Global({ value: 'f64' }, 0.1).value, 0.1);
    assertEq(new WebAssembly.Global({ value: 'i64' }, 2n ** 64n - 1n).value, -1n);
    assertEq(new WebAssembly.Global({ value: 'i64' }).value, 0n);
    assertTrue(Number.isNaN(new WebAssembly.Global({ value: 'f64' }, NaN).value));
    assertThrows(TypeError, () => new WebAssembly.Global({ value: 'i64' }, 1));
    assertThrows(TypeError, () => new WebAssembly.Global({ value: 'i32' }, 1n));
    assertThrows(TypeError, () => new WebAssembly.Global({ value: 'v128' }));
    assertThrows(TypeError, () => new WebAssembly.Global({ value: 'i33' }));
    assertThrows(TypeError, () => new WebAssembly.Global({}));
});

test('mutability', () => {
    const g = new WebAssembly.Global({ value: 'i32', mutable: true }, 1);
    g.value = 7;
    assertEq(g.value, 7);
    assertEq(g.valueOf(), 7);
    const c = new WebAssembly.Global({ value: 'i32' }, 1);
    assertThrows(TypeError, () => { c.value = 2; }, 'immutable');
    assertEq(c.value, 1);
});

test('externref and funcref', () => {
    const o = { a: 1 };
    const g = new WebAssembly.Global({ value: 'externref', mutable: true }, o);
    assertEq(g.value, o);
    g.value = undefined;
    assertEq(g.value, undefined);
    g.value = null;
    assertEq(g.value, null);
    assertEq(new WebAssembly.Global({ value: 'externref' }).value, undefined);
    const f = new WebAssembly.Global({ value: 'anyfunc', mutable: true });
    assertEq(f.value, null);
    assertThrows(TypeError, () => { f.value = () => 0; });
    assertThrows(TypeError, () => new WebAssembly.Global({ value: 'exnref' }, {}));
});

test('accessors check their receiver', () => {
    const d = Object.getOwnPropertyDescriptor(WebAssembly.Global.prototype, 'value');
    assertEq(d.get.name, 'get value');
    assertEq(d.set.name, 'set value');
    assertThrows(TypeError, () => d.get.call({}));
    assertThrows(TypeError, () => WebAssembly.Global.prototype.valueOf.call(1));
});
