// WebAssembly.Table: descriptor, get/set/grow/length for funcref and externref, table64.
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';
import { module, I32, FUNCREF, KFUNC, KTABLE, importFunc } from './lib/wasm-bytes.mjs';

test('funcref table starts null', () => {
    const t = new WebAssembly.Table({ element: 'anyfunc', initial: 3 });
    assertEq(t.length, 3);
    assertEq(t.get(0), null);
    assertEq(t.get(2), null);
    assertThrows(RangeError, () => t.get(3));
    assertThrows(TypeError, () => t.get(-1));
    assertThrows(TypeError, () => t.set(0, () => 1), 'exported WebAssembly function');
    t.set(1, null);
    assertEq(t.get(1), null);
});

test('externref table holds any value, undefined by default', () => {
    const o = {};
    const t = new WebAssembly.Table({ element: 'externref', initial: 2 }, o);
    assertEq(t.get(0), o);
    t.set(1, 'str');
    assertEq(t.get(1), 'str');
    t.set(1);
    assertEq(t.get(1), undefined);
    t.set(0, null);
    assertEq(t.get(0), null);
    assertEq(t.grow(2, 7), 2);
    assertEq(t.length, 4);
    assertEq(t.get(3), 7);
    assertEq(t.grow(1), 4);
    assertEq(t.get(4), undefined);
});

test('grow respects the maximum', () => {
    const t = new WebAssembly.Table({ element: 'externref', initial: 1, maximum: 2 });
    assertEq(t.grow(1), 1);
    assertThrows(RangeError, () => t.grow(1));
    assertEq(t.length, 2);
});

test('descriptor errors', () => {
    for (const d of [undefined, {}, { element: 'i32', initial: 1 }, { element: 'anyfunc' },
        { element: 'anyfunc', initial: -1 }, { element: 'anyfunc\0', initial: 1 },
        { element: 'anyfunc', initial: 1, address: 'x' }])
        assertThrows(TypeError, () => new WebAssembly.Table(d));
    assertThrows(RangeError, () => new WebAssembly.Table({ element: 'anyfunc', initial: 2, maximum: 1 }));
    assertThrows(RangeError, () => new WebAssembly.Table({ element: 'anyfunc', initial: 10000001 }));
});

test('table64 takes BigInt indices', () => {
    const t = new WebAssembly.Table({ element: 'externref', address: 'i64', initial: 2n }, 1);
    assertEq(t.length, 2n);
    assertEq(t.get(1n), 1);
    t.set(0n, 5);
    assertEq(t.get(0n), 5);
    assertEq(t.grow(1n, 3), 2n);
    assertThrows(TypeError, () => t.get(0));
    assertThrows(RangeError, () => t.get(3n));
});

test('a cycle through an externref table is collected', () => {
    for (let i = 0; i < 100; i++) {
        const t = new WebAssembly.Table({ element: 'externref', initial: 1 });
        t.set(0, { t });
    }
});

// The same object in a table and a global: a shared chain the collector cannot see through, held
// until exit, where the binding drops it (qwjs_release_values); the process must exit cleanly.
const sharedTable = new WebAssembly.Table({ element: 'externref', initial: 1 });
const sharedGlobal = new WebAssembly.Global({ value: 'externref', mutable: true });
test('a value shared by a table and a global, pointing back at both', () => {
    const o = { t: sharedTable, g: sharedGlobal };
    sharedTable.set(0, o);
    sharedGlobal.value = o;
    assertEq(sharedTable.get(0), sharedGlobal.value);
});

test('a function reached only through a table is named after its function index', () => {
    const bytes = module({
        types: [[[], []], [[I32], []]],
        imports: [['m', 'h', importFunc(0)]],
        funcs: [0, 1, 0],
        tables: [[FUNCREF, 4]],
        exports: [['tbl', KTABLE, 0], ['g', KFUNC, 3]],
        elems: [[0, [2, 1, 3, 0]]],
        codes: [[[], []], [[], []], [[], []]],
    });
    const h = () => {};
    const { tbl, g } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { m: { h } }).exports;
    assertEq(tbl.get(0).name, '2');
    assertEq(tbl.get(0).length, 1);
    assertEq(tbl.get(1).name, '1');
    assertEq(tbl.get(2), g); // the export's object: one per function
    assertEq(g.name, '3');
});
