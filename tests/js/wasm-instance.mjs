// WebAssembly.Instance and instantiate: exports, exported functions, imports and their errors,
// values across the boundary, traps and exceptions.
import { test, assertEq, assertTrue, assertThrows, assertRejects, assertDeepEq } from './lib/assert.mjs';
import {
    module, uleb, I32, I64, F32, F64, V128, FUNCREF, EXTERNREF, KFUNC, KTABLE, KMEMORY, KGLOBAL,
    KTAG, importFunc, importMemory, importGlobal, importTag, importTable,
} from './lib/wasm-bytes.mjs';

const LOCAL_GET = 0x20, CALL = 0x10, END = 0x0b;

// add(i32, i32) -> i32; add64(i64, i64) -> i64; fdemote(f64) -> f32; swap(i32, i64) -> (i64, i32);
// boom() traps; grow(i32) -> i32 grows the memory; recurse() calls itself forever.
const arith = module({
    types: [[[I32, I32], [I32]], [[I64, I64], [I64]], [[F64], [F32]], [[I32, I64], [I64, I32]],
        [[], []], [[I32], [I32]]],
    funcs: [0, 1, 2, 3, 4, 5, 4],
    memories: [[1, 4]],
    exports: [['add', KFUNC, 0], ['add64', KFUNC, 1], ['fdemote', KFUNC, 2], ['swap', KFUNC, 3],
        ['boom', KFUNC, 4], ['grow', KFUNC, 5], ['recurse', KFUNC, 6], ['mem', KMEMORY, 0],
        ['add_again', KFUNC, 0]],
    codes: [
        [[], [LOCAL_GET, 0, LOCAL_GET, 1, 0x6a]],
        [[], [LOCAL_GET, 0, LOCAL_GET, 1, 0x7c]],
        [[], [LOCAL_GET, 0, 0xb6]],
        [[], [LOCAL_GET, 1, LOCAL_GET, 0]],
        [[], [0x00]],
        [[], [LOCAL_GET, 0, 0x40, 0x00]],
        [[], [CALL, 6]],
    ],
});

test('exports object: null prototype, frozen, in module order', () => {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(arith));
    assertEq(Object.getPrototypeOf(exports), null);
    assertTrue(Object.isFrozen(exports));
    assertDeepEq(Object.keys(exports), ['add', 'add64', 'fdemote', 'swap', 'boom', 'grow', 'recurse', 'mem', 'add_again']);
    const d = Object.getOwnPropertyDescriptor(exports, 'add');
    assertTrue(!d.writable && d.enumerable && !d.configurable);
});

test('exported functions: name is the index, length the arity, identity kept', () => {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(arith));
    const { add, add_again, swap } = inst.exports;
    assertEq(typeof add, 'function');
    assertEq(Object.getPrototypeOf(add), Function.prototype);
    assertEq(add.name, '0');
    assertEq(add.length, 2);
    assertEq(swap.name, '3');
    assertEq(add, add_again);
    assertEq(inst.exports, inst.exports);
    assertThrows(TypeError, () => new add(1, 2));
});

test('values: ToInt32, BigInt i64, f32 rounding, multi-value arrays', () => {
    const { add, add64, fdemote, swap } = new WebAssembly.Instance(new WebAssembly.Module(arith)).exports;
    assertEq(add(2 ** 31, 0), -(2 ** 31));
    assertEq(add('3', true), 4);
    assertEq(add(), 0);
    assertEq(add64(2n ** 63n - 1n, 1n), -(2n ** 63n));
    assertThrows(TypeError, () => add64(1, 2));
    assertEq(fdemote(0.1), Math.fround(0.1));
    assertDeepEq(swap(7, 9n), [9n, 7]);
});

test('traps are RuntimeErrors, stack exhaustion a RangeError', () => {
    const { boom, recurse } = new WebAssembly.Instance(new WebAssembly.Module(arith)).exports;
    const e = assertThrows(WebAssembly.RuntimeError, () => boom(), 'unreachable');
    assertTrue(e.message.startsWith('unreachable'), e.message);
    assertTrue(e.message.includes('in function 4'), e.message);
    assertThrows(RangeError, () => recurse());
});

// call(i32) -> i32 calls entry i of a table of 3 null entries, as () -> i32.
const nullTable = module({
    types: [[[I32], [I32]], [[], [I32]]],
    funcs: [0],
    tables: [[FUNCREF, 3]],
    exports: [['call', KFUNC, 0]],
    codes: [[[], [LOCAL_GET, 0, 0x11, 1, 0]]],
});

test('a trap message names its operand as the spec interpreter does', () => {
    const { call } = new WebAssembly.Instance(new WebAssembly.Module(nullTable)).exports;
    const e = assertThrows(WebAssembly.RuntimeError, () => call(2), 'uninitialized element 2');
    assertEq(e.message, 'uninitialized element 2 (in function 0)');
    const e2 = assertThrows(WebAssembly.RuntimeError, () => call(3), 'undefined element');
    assertEq(e2.message, 'undefined element (in function 0)');
});

test('memory.grow from Wasm detaches the exported buffer', () => {
    const { grow, mem } = new WebAssembly.Instance(new WebAssembly.Module(arith)).exports;
    assertTrue(mem instanceof WebAssembly.Memory);
    const b = mem.buffer;
    assertEq(grow(1), 1);
    assertEq(b.byteLength, 0);
    assertEq(mem.buffer.byteLength, 2 * 65536);
    assertEq(grow(10), -1);
});

// Imports of every kind; call_f(i32) calls the imported f.
const importer = module({
    types: [[[I32], [I32]]],
    imports: [['m', 'f', importFunc(0)], ['m', 'mem', importMemory(1)], ['m', 'g', importGlobal(I32, false)],
        ['m', 't', importTable(FUNCREF, 1)]],
    funcs: [0],
    exports: [['call_f', KFUNC, 1], ['f', KFUNC, 0], ['t', KTABLE, 0], ['g', KGLOBAL, 0]],
    codes: [[[], [LOCAL_GET, 0, CALL, 0]]],
});

test('imports: a JS function is called and comes back as itself', () => {
    const f = x => x * 2;
    const mem = new WebAssembly.Memory({ initial: 1 });
    const t = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(importer), { m: { f, mem, g: 5, t } });
    assertEq(inst.exports.call_f(21), 42);
    assertEq(inst.exports.f, f);
    assertEq(inst.exports.t, t);
    assertEq(inst.exports.g.value, 5);
    t.set(0, inst.exports.call_f);
    assertEq(t.get(0), inst.exports.call_f);
});

test('imports: errors in the spec order', () => {
    const m = new WebAssembly.Module(importer);
    const good = { f() {}, mem: new WebAssembly.Memory({ initial: 1 }), g: 1, t: new WebAssembly.Table({ element: 'anyfunc', initial: 1 }) };
    assertThrows(TypeError, () => new WebAssembly.Instance(m));
    assertThrows(TypeError, () => new WebAssembly.Instance(m, 1));
    assertThrows(TypeError, () => new WebAssembly.Instance(m, {}), 'import module');
    assertThrows(WebAssembly.LinkError, () => new WebAssembly.Instance(m, { m: { ...good, f: 1 } }), 'callable');
    assertThrows(WebAssembly.LinkError, () => new WebAssembly.Instance(m, { m: { ...good, mem: {} } }), 'Memory');
    assertThrows(WebAssembly.LinkError, () => new WebAssembly.Instance(m, { m: { ...good, g: 1n } }));
    assertThrows(WebAssembly.LinkError, () => new WebAssembly.Instance(m, { m: { ...good, t: {} } }));
    assertThrows(WebAssembly.LinkError, () => new WebAssembly.Instance(m, { m: { ...good, mem: new WebAssembly.Memory({ initial: 0 }) } }));
    const order = [];
    const proxy = new Proxy({}, { get(_, k) { order.push(k); return good[k]; } });
    new WebAssembly.Instance(m, { m: proxy });
    assertDeepEq(order, ['f', 'mem', 'g', 't']);
});

test('a JS exception crosses Wasm frames unchanged', () => {
    const err = new Error('from js');
    const inst = new WebAssembly.Instance(new WebAssembly.Module(importer), {
        m: { f() { throw err; }, mem: new WebAssembly.Memory({ initial: 1 }), g: 0, t: new WebAssembly.Table({ element: 'anyfunc', initial: 1 }) },
    });
    try {
        inst.exports.call_f(1);
        throw new Error('no throw');
    } catch (e) {
        assertEq(e, err);
    }
});

// throws(i32) throws the tag with its argument; catches(f) calls f and returns 1 if it threw.
const thrower = module({
    types: [[[I32], []], [[], [I32]], [[EXTERNREF], []]],
    imports: [['m', 'call', importFunc(1)], ['m', 'tag', importTag(0)]],
    funcs: [0, 1],
    tags: [0],
    exports: [['throws', KFUNC, 1], ['catches', KFUNC, 2], ['tag', KTAG, 1]],
    codes: [
        [[], [LOCAL_GET, 0, 0x08, 1]],
        // block try_table (catch_all 0) call 0 drop end i32.const 0 return end i32.const 1
        [[], [0x02, 0x40, 0x1f, 0x40, 1, 0x02, 0, CALL, 0, 0x1a, END, 0x41, 0, 0x0f, END, 0x41, 1]],
    ],
});

test('Wasm exceptions surface as WebAssembly.Exception; catch_all catches JS ones', () => {
    const tag = new WebAssembly.Tag({ parameters: ['i32'] });
    let callee = () => 0;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(thrower), { m: { call: () => callee(), tag } });
    const e = assertThrows(WebAssembly.Exception, () => inst.exports.throws(42));
    assertTrue(e.is(inst.exports.tag));
    assertEq(e.getArg(inst.exports.tag, 0), 42);
    assertEq(inst.exports.catches(), 0);
    callee = () => { throw new TypeError('js'); };
    assertEq(inst.exports.catches(), 1);
    const wexn = new WebAssembly.Exception(tag, [3]);
    callee = () => { throw wexn; };
    assertEq(inst.exports.catches(), 1);
});

test('instantiate: bytes give {module, instance}, a Module gives an Instance', async () => {
    const r = await WebAssembly.instantiate(arith);
    assertTrue(r.module instanceof WebAssembly.Module);
    assertTrue(r.instance instanceof WebAssembly.Instance);
    assertEq(r.instance.exports.add(1, 2), 3);
    const i = await WebAssembly.instantiate(r.module);
    assertTrue(i instanceof WebAssembly.Instance);
    await assertRejects(TypeError, WebAssembly.instantiate(new WebAssembly.Module(importer)));
    await assertRejects(WebAssembly.LinkError, WebAssembly.instantiate(importer, { m: { f: 1 } }));
    await assertRejects(WebAssembly.CompileError, WebAssembly.instantiate(new Uint8Array(3)));
});

test('instantiateStreaming', async () => {
    const r = await WebAssembly.instantiateStreaming(new Response(arith, { headers: { 'Content-Type': 'application/wasm' } }));
    assertEq(r.instance.exports.add(40, 2), 42);
});

test('instances and their cycles are collected', () => {
    const m = new WebAssembly.Module(importer);
    for (let i = 0; i < 50; i++) {
        const t = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
        const inst = new WebAssembly.Instance(m, { m: { f: x => x, mem: new WebAssembly.Memory({ initial: 1 }), g: 0, t } });
        t.set(0, inst.exports.call_f);
    }
});
