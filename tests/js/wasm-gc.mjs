// GC structs and arrays seen from JS: opaque objects, one per reference, that go back unchanged.
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';
import { module, I32, EXTERNREF, KFUNC } from './lib/wasm-bytes.mjs';

const ANYREF = 0x6e;
const bytes = module({
    types: [
        [0x5f, 1, I32, 1],        // 0: (struct (field (mut i32)))
        [[], [[0x64, 0x00]]],     // 1: () -> (ref 0)
        [[[0x63, 0x00]], [I32]],  // 2: (ref null 0) -> i32
        [[EXTERNREF], [EXTERNREF]], // 3: externref -> externref
        [[ANYREF], [I32]],        // 4: anyref -> i32
        [0x5e, I32, 1],           // 5: (array (mut i32))
        [[], [[0x64, 0x05]]],     // 6: () -> (ref 5)
    ],
    funcs: [1, 2, 3, 4, 6],
    exports: [['make', KFUNC, 0], ['get', KFUNC, 1], ['ident', KFUNC, 2], ['isStruct', KFUNC, 3],
              ['makeArray', KFUNC, 4]],
    codes: [
        [[], [0x41, 42, 0xfb, 0x00, 0x00]],              // struct.new 0 (i32.const 42)
        [[], [0x20, 0, 0xfb, 0x02, 0x00, 0x00]],         // struct.get 0 0
        [[], [0x20, 0]],
        [[], [0x20, 0, 0xfb, 0x14, 0x00]],               // ref.test (ref 0)
        [[], [0x41, 7, 0x41, 3, 0xfb, 0x06, 0x05]],      // array.new 5 (7, len 3)
    ],
});
const e = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;

test('a struct is an opaque object with a null prototype', () => {
    const s = e.make();
    assertEq(typeof s, 'object');
    assertEq(Object.getPrototypeOf(s), null);
    assertEq(Object.isExtensible(s), false);
    assertEq(Object.getOwnPropertyNames(s).length, 0);
    assertEq(s.x, undefined);
    assertThrows(TypeError, () => { s.x = 1; });
    assertThrows(TypeError, () => { delete s.x; });
    assertThrows(TypeError, () => Object.defineProperty(s, 'x', { value: 1 }));
    assertTrue(e.make() !== s);
});

test('a struct goes back to Wasm as the same reference', () => {
    const s = e.make();
    assertEq(e.get(s), 42);
    assertEq(e.ident(s), s); // through externref and back: the same object
    assertEq(e.isStruct(s), 1);
    assertEq(e.isStruct(e.ident(s)), 1);
    assertEq(e.isStruct({}), 0);
    assertEq(e.isStruct(e.makeArray()), 0);
    assertThrows(TypeError, () => e.get(e.makeArray()));
    assertThrows(TypeError, () => e.get({}));
    assertThrows(WebAssembly.RuntimeError, () => e.get(null));
});

test('many structs come and go', () => {
    let sum = 0;
    for (let i = 0; i < 20000; i++)
        sum += e.get(e.make());
    assertEq(sum, 42 * 20000);
});

test('a struct holding a JS object that holds the struct', () => {
    const m = module({
        types: [
            [0x5f, 1, EXTERNREF, 1],         // 0: (struct (field (mut externref)))
            [[EXTERNREF], [[0x64, 0x00]]],   // 1: externref -> (ref 0)
            [[[0x63, 0x00]], [EXTERNREF]],   // 2: (ref null 0) -> externref
        ],
        funcs: [1, 2],
        exports: [['box', KFUNC, 0], ['unbox', KFUNC, 1]],
        codes: [
            [[], [0x20, 0, 0xfb, 0x00, 0x00]],
            [[], [0x20, 0, 0xfb, 0x02, 0x00, 0x00]],
        ],
    });
    const x = new WebAssembly.Instance(new WebAssembly.Module(m)).exports;
    for (let i = 0; i < 1000; i++) {
        const o = { i };
        o.s = x.box(o); // a cycle through the engine: JS cannot see it, the store frees it at exit
        assertEq(x.unbox(o.s), o);
    }
});
