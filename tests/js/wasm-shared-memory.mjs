// Shared memories and atomics (threads proposal): WebAssembly.Memory({shared}), its frozen
// SharedArrayBuffer across grow, linking by sharedness, and the 0xFE instructions as run by a
// single-threaded engine (wait can only time out, notify wakes nobody).
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';
import { module, I32, I64, KFUNC, KMEMORY, importMemory } from './lib/wasm-bytes.mjs';

const PAGE = 65536;
const LG = 0x20, ATOMIC = 0xfe;
const lg = (...xs) => xs.flatMap(x => [LG, x]);

// Every export takes its operands as parameters: add(addr, v) -> old, cmpxchg(addr, expected,
// replacement) -> old, load(addr), wait(addr, expected, timeout_ns), notify(addr, count),
// grow(delta), cmpxchg64(addr, expected, replacement), load8(addr), store16(addr, v), fence(),
// sub8(addr, v) -> old, xchg64(addr, v) -> old.
const atomicsModule = (shared = true) => module({
    types: [[[I32, I32], [I32]], [[I32, I32, I32], [I32]], [[I32], [I32]], [[I32, I32, I64], [I32]],
        [[I32, I64, I64], [I64]], [[I32, I32], []], [[], []], [[I32, I64], [I64]]],
    funcs: [0, 1, 2, 3, 0, 2, 4, 2, 5, 6, 0, 7],
    memories: [[1, 3, shared]],
    exports: [['add', KFUNC, 0], ['cmpxchg', KFUNC, 1], ['load', KFUNC, 2], ['wait', KFUNC, 3],
        ['notify', KFUNC, 4], ['grow', KFUNC, 5], ['cmpxchg64', KFUNC, 6], ['load8', KFUNC, 7],
        ['store16', KFUNC, 8], ['fence', KFUNC, 9], ['sub8', KFUNC, 10], ['xchg64', KFUNC, 11],
        ['mem', KMEMORY, 0]],
    codes: [
        [[], [...lg(0, 1), ATOMIC, 0x1e, 2, 0]],
        [[], [...lg(0, 1, 2), ATOMIC, 0x48, 2, 0]],
        [[], [...lg(0), ATOMIC, 0x10, 2, 0]],
        [[], [...lg(0, 1, 2), ATOMIC, 0x01, 2, 0]],
        [[], [...lg(0, 1), ATOMIC, 0x00, 2, 0]],
        [[], [...lg(0), 0x40, 0]],
        [[], [...lg(0, 1, 2), ATOMIC, 0x49, 3, 0]],
        [[], [...lg(0), ATOMIC, 0x12, 0, 0]],
        [[], [...lg(0, 1), ATOMIC, 0x1a, 1, 0]],
        [[], [ATOMIC, 0x03, 0]],
        [[], [...lg(0, 1), ATOMIC, 0x27, 0, 0]],
        [[], [...lg(0, 1), ATOMIC, 0x42, 3, 0]],
    ],
});

const instantiate = bytes => new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;

test('Memory({shared: true}): a frozen SharedArrayBuffer; TypeError without maximum', () => {
    const m = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const b = m.buffer;
    assertTrue(b instanceof SharedArrayBuffer);
    assertTrue(Object.isFrozen(b));
    assertEq(m.buffer, b);
    assertEq(b.byteLength, PAGE);
    assertThrows(TypeError, () => new WebAssembly.Memory({ initial: 1, shared: true }), 'maximum');
    assertTrue(new WebAssembly.Memory({ initial: 1, shared: 0 }).buffer instanceof ArrayBuffer);
    // Atomics work on views of it
    const ia = new Int32Array(b);
    assertEq(Atomics.add(ia, 1, 5), 0);
    assertEq(Atomics.compareExchange(ia, 1, 5, 9), 5);
    assertEq(Atomics.load(ia, 1), 9);
});

test('grow: the old SharedArrayBuffer keeps its length, the next one sees the new size', () => {
    const m = new WebAssembly.Memory({ initial: 1, maximum: 3, shared: true });
    const old = m.buffer;
    new Uint8Array(old)[100] = 7;
    assertEq(m.grow(1), 1);
    assertEq(old.byteLength, PAGE);
    const now = m.buffer;
    assertTrue(now !== old && now instanceof SharedArrayBuffer && Object.isFrozen(now));
    assertEq(now.byteLength, 2 * PAGE);
    // the same bytes: the data never moves
    assertEq(new Uint8Array(now)[100], 7);
    new Uint8Array(now)[101] = 8;
    assertEq(new Uint8Array(old)[101], 8);
    assertThrows(RangeError, () => m.grow(2));
    assertEq(m.buffer.byteLength, 2 * PAGE);
});

test('decoding: shared limits need a maximum; tables cannot be shared', () => {
    assertTrue(WebAssembly.validate(module({ memories: [[1, 1, true]] })));
    assertTrue(WebAssembly.validate(atomicsModule()));
    const noMax = module({ memories: [[1, undefined, true]] });
    assertEq(WebAssembly.validate(noMax), false);
    assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(noMax),
        'shared memory must have maximum');
    const table = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 4, 5, 1, 0x70, 3, 1, 1]);
    assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(table),
        'tables cannot be shared');
});

test('validation: atomic alignment must be the natural one', () => {
    const bad = module({
        types: [[[I32], [I32]]], funcs: [0], memories: [[1, 1, true]],
        codes: [[[], [...lg(0), ATOMIC, 0x10, 0, 0]]],
    });
    assertEq(WebAssembly.validate(bad), false);
    assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(bad),
        'atomic alignment must be natural');
});

test('imports: sharedness must match, else LinkError', () => {
    const sharedImport = new WebAssembly.Module(module({ imports: [['m', 'mem', importMemory(1, 2, true)]] }));
    const plainImport = new WebAssembly.Module(module({ imports: [['m', 'mem', importMemory(1, 2)]] }));
    const sharedMem = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const plainMem = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    assertEq(JSON.stringify(WebAssembly.Module.imports(sharedImport)),
        '[{"module":"m","name":"mem","kind":"memory"}]');
    new WebAssembly.Instance(sharedImport, { m: { mem: sharedMem } });
    new WebAssembly.Instance(plainImport, { m: { mem: plainMem } });
    assertThrows(WebAssembly.LinkError, () => new WebAssembly.Instance(sharedImport, { m: { mem: plainMem } }),
        'incompatible import type');
    assertThrows(WebAssembly.LinkError, () => new WebAssembly.Instance(plainImport, { m: { mem: sharedMem } }),
        'incompatible import type');
});

test('exported shared memory: memory.grow from Wasm keeps the old buffer alive', () => {
    const e = instantiate(atomicsModule());
    const exps = WebAssembly.Module.exports(new WebAssembly.Module(atomicsModule()));
    assertEq(JSON.stringify(exps[exps.length - 1]), '{"name":"mem","kind":"memory"}');
    const old = e.mem.buffer;
    assertTrue(old instanceof SharedArrayBuffer);
    assertEq(e.grow(1), 1);
    assertEq(old.byteLength, PAGE);
    assertEq(e.mem.buffer.byteLength, 2 * PAGE);
    assertEq(e.grow(5), -1);
});

test('read-modify-write and cmpxchg return the old value', () => {
    const e = instantiate(atomicsModule());
    const ia = new Int32Array(e.mem.buffer);
    assertEq(e.add(0, 5), 0);
    assertEq(e.add(0, -7), 5);
    assertEq(Atomics.load(ia, 0), -2); // wasm writes are visible to JS Atomics
    assertEq(e.cmpxchg(0, 1, 100), -2); // differing: unchanged
    assertEq(e.load(0), -2);
    assertEq(e.cmpxchg(0, -2, 100), -2);
    assertEq(e.load(0), 100);
    Atomics.store(ia, 1, 0x1234); // and JS writes to Wasm
    assertEq(e.load(4), 0x1234);
    assertEq(e.sub8(4, 0x35), 0x34); // rmw8: old byte zero-extended, result wraps at 8 bits
    assertEq(e.load(4), 0x12ff);
    e.store16(8, 0x12345);
    assertEq(e.load(8), 0x2345);
    assertEq(e.load8(9), 0x23);
    assertEq(e.cmpxchg64(16, 0n, -1n), 0n);
    assertEq(e.cmpxchg64(16, -1n, 5n), -1n); // i64 results are signed BigInts
    assertEq(e.xchg64(16, 1n << 40n), 5n);
    assertEq(e.cmpxchg64(16, 0n, 0n), 1n << 40n);
    e.fence();
});

test('traps: unaligned atomic, out of bounds', () => {
    const e = instantiate(atomicsModule());
    assertThrows(WebAssembly.RuntimeError, () => e.load(2), 'unaligned atomic');
    assertThrows(WebAssembly.RuntimeError, () => e.store16(1, 0), 'unaligned atomic');
    assertThrows(WebAssembly.RuntimeError, () => e.notify(3, 1), 'unaligned atomic');
    assertThrows(WebAssembly.RuntimeError, () => e.load(PAGE), 'out of bounds memory access');
    assertThrows(WebAssembly.RuntimeError, () => e.wait(PAGE, 0, 0n), 'out of bounds memory access');
    assertEq(e.load8(PAGE - 1), 0);
});

test('wait: 1 when the value differs, 2 after the timeout, a trap when it could never end', () => {
    const e = instantiate(atomicsModule());
    e.add(0, 3);
    assertEq(e.notify(0, 1), 0); // nobody waits: no other thread exists
    assertEq(e.wait(0, 4, -1n), 1); // "not-equal"
    assertEq(e.wait(0, 3, 0n), 2); // "timed-out"
    const t0 = Date.now();
    assertEq(e.wait(0, 3, 30_000_000n), 2);
    assertTrue(Date.now() - t0 >= 25, 'waits for the timeout');
    assertThrows(WebAssembly.RuntimeError, () => e.wait(0, 3, -1n), 'block forever');
});

test('unshared memory: atomics run, wait traps, notify returns 0', () => {
    const e = instantiate(atomicsModule(false));
    assertTrue(e.mem.buffer instanceof ArrayBuffer);
    assertEq(e.add(0, 2), 0);
    assertEq(e.cmpxchg(0, 2, 3), 2);
    assertEq(e.notify(0, 1), 0);
    assertThrows(WebAssembly.RuntimeError, () => e.wait(0, 3, 0n), 'expected shared memory');
    assertThrows(WebAssembly.RuntimeError, () => e.wait(0, 0, 0n), 'expected shared memory');
});

test('memory64 and a second memory: the memarg picks the memory and its address type', () => {
    // memory 0: i32, unshared; memory 1: i64 addresses, shared. add64(i64 addr, i32 v) -> old on
    // memory 1, load0(i32 addr) on memory 0, wait64(i64 addr, i64 expected, i64 timeout).
    const e = instantiate(module({
        types: [[[I64, I32], [I32]], [[I32], [I32]], [[I64, I64, I64], [I32]]],
        funcs: [0, 1, 2],
        memories: [[1, 1], [1, 2, true, true]],
        exports: [['add64', KFUNC, 0], ['load0', KFUNC, 1], ['wait64', KFUNC, 2],
            ['m0', KMEMORY, 0], ['m1', KMEMORY, 1]],
        codes: [
            [[], [...lg(0, 1), ATOMIC, 0x1e, 0x42, 1, 0]],
            [[], [...lg(0), ATOMIC, 0x10, 2, 0]],
            [[], [...lg(0, 1, 2), ATOMIC, 0x02, 0x43, 1, 0]],
        ],
    }));
    assertTrue(e.m1.buffer instanceof SharedArrayBuffer && e.m0.buffer instanceof ArrayBuffer);
    assertEq(e.add64(8n, 40), 0);
    assertEq(e.add64(8n, 2), 40);
    assertEq(new Int32Array(e.m1.buffer)[2], 42);
    assertEq(e.load0(8), 0); // memory 0 untouched
    assertThrows(WebAssembly.RuntimeError, () => e.add64(BigInt(PAGE), 1), 'out of bounds');
    assertThrows(WebAssembly.RuntimeError, () => e.add64(-4n, 1), 'out of bounds');
    assertEq(e.wait64(8n, 42n, 0n), 2);
    assertEq(e.wait64(8n, 41n, 0n), 1);
    assertThrows(WebAssembly.RuntimeError, () => e.wait64(4n, 0n, 0n), 'unaligned atomic');
});
