// WebAssembly.Tag, Exception and JSTag.
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';

test('Tag descriptor', () => {
    const t = new WebAssembly.Tag({ parameters: ['i32', 'f64', 'externref'] });
    assertEq(Object.getPrototypeOf(t), WebAssembly.Tag.prototype);
    new WebAssembly.Tag({ parameters: [] });
    assertThrows(TypeError, () => new WebAssembly.Tag({ parameters: ['i16'] }));
    assertThrows(TypeError, () => new WebAssembly.Tag({}));
    assertThrows(TypeError, () => new WebAssembly.Tag());
});

test('Exception arguments round-trip', () => {
    const t = new WebAssembly.Tag({ parameters: ['i32', 'i64', 'externref'] });
    const o = {};
    const e = new WebAssembly.Exception(t, [1.9, 5n, o]);
    assertEq(e.getArg(t, 0), 1);
    assertEq(e.getArg(t, 1), 5n);
    assertEq(e.getArg(t, 2), o);
    assertTrue(e.is(t));
    assertEq(e.is(new WebAssembly.Tag({ parameters: ['i32', 'i64', 'externref'] })), false);
    assertThrows(RangeError, () => e.getArg(t, 3));
    assertThrows(TypeError, () => e.getArg(new WebAssembly.Tag({ parameters: [] }), 0));
    assertThrows(TypeError, () => e.getArg({}, 0));
});

test('Exception payload must match the tag', () => {
    const t = new WebAssembly.Tag({ parameters: ['i32'] });
    assertThrows(TypeError, () => new WebAssembly.Exception(t, []));
    assertThrows(TypeError, () => new WebAssembly.Exception(t, [1, 2]));
    assertThrows(TypeError, () => new WebAssembly.Exception(t, 1));
    assertThrows(TypeError, () => new WebAssembly.Exception(t, [1n]));
    const e = new WebAssembly.Exception(t, new Set([3]));
    assertEq(e.getArg(t, 0), 3);
});

test('traceStack', () => {
    const t = new WebAssembly.Tag({ parameters: [] });
    assertEq(new WebAssembly.Exception(t, []).stack, undefined);
    const e = new WebAssembly.Exception(t, [], { traceStack: true });
    assertEq(typeof e.stack, 'string');
});

test('JSTag', () => {
    assertEq(Object.getPrototypeOf(WebAssembly.JSTag), WebAssembly.Tag.prototype);
    assertEq(WebAssembly.JSTag, WebAssembly.JSTag);
    assertThrows(TypeError, () => new WebAssembly.Exception(WebAssembly.JSTag, [{}]));
});

test('an exception holding itself is collected', () => {
    const t = new WebAssembly.Tag({ parameters: ['externref'] });
    for (let i = 0; i < 100; i++) {
        const holder = {};
        const e = new WebAssembly.Exception(t, [holder]);
        holder.e = e;
    }
});
