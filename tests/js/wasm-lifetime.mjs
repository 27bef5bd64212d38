// Modules, instances and what they hold are freed while the program runs once unreachable (issue
// #6 item 10), including cycles that run through the engine: an instance whose own table holds
// its own functions, a JS import closing over the instance's exports, an externref in the
// instance's own table or global pointing back at it, a Table shared by two instances. Each
// scenario makes and drops 5,000 instances; qwasm.memoryUsage() must show the live instances
// bounded while the loop runs (QuickJS's collector runs as the heap grows), and everything the
// loop made gone after a full collection (qwasm.gc()).
import { test, assertEq, assertTrue } from './lib/assert.mjs';
import { module, FUNCREF, EXTERNREF, KFUNC, KTABLE, KMEMORY, KGLOBAL, importFunc, importTable } from './lib/wasm-bytes.mjs';

const LOCAL_GET = 0x20, CALL = 0x10, I32_CONST = 0x41, TABLE_SET = 0x26, GLOBAL_SET = 0x24;
const ROUNDS = +(globalThis.qwasm?.args?.[0] ?? 5000);
// Far below ROUNDS: the instances of a round become garbage at once, and the collector runs
// every few hundred of them.
const BOUND = 1000;

function usage() {
    return qwasm.memoryUsage();
}

// Runs round(i) ROUNDS times; checks the bound during the loop and the baseline after it.
function churn(round) {
    for (let i = 0; i < 10; i++) // first uses allocate for good (the store's stack, shapes)
        round(i);
    qwasm.gc();
    let before = JSON.stringify(usage()); // a string: no object alive while measuring
    let peak = 0;
    for (let i = 0; i < ROUNDS; i++) {
        round(i);
        if (i % 100 === 0)
            peak = Math.max(peak, usage().wasmInstances);
    }
    assertTrue(peak < BOUND, `live instances during the loop: ${peak}`);
    qwasm.gc();
    const after = JSON.parse(JSON.stringify(usage()));
    before = JSON.parse(before);
    assertEq(after.wasmInstances, before.wasmInstances, 'instances');
    assertEq(after.wasmHeldValues, before.wasmHeldValues, 'JS values held by the engine');
    assertEq(after.wasmBlocks, before.wasmBlocks, 'engine allocations');
    // A first call creates a few objects for good (property caches of the measuring code): a
    // leak per round would be thousands.
    assertTrue(after.jsObjects - before.jsObjects < 16, `JS objects: ${before.jsObjects} -> ${after.jsObjects}`);
}

// f() calls the import h; its own table holds both of its functions.
const selfTableBytes = module({
    types: [[[], []]],
    imports: [['m', 'h', importFunc(0)]],
    funcs: [0, 0],
    tables: [[FUNCREF, 2]],
    exports: [['f', KFUNC, 2]],
    elems: [[0, [1, 2]]],
    codes: [[[], []], [[], [CALL, 0]]],
});
const selfTable = new WebAssembly.Module(selfTableBytes);

test('a module compiled each round, its instance\'s import closing over both', () => {
    churn(() => {
        const m = new WebAssembly.Module(selfTableBytes);
        const inst = new WebAssembly.Instance(m, { m: { h: () => [m, inst] } });
        inst.exports.f();
        assertTrue(WebAssembly.validate(selfTableBytes));
    });
});

test('an instance whose table holds its own functions', () => {
    churn(() => {
        new WebAssembly.Instance(selfTable, { m: { h() {} } }).exports.f();
    });
});

test('an imported JS function closing over the instance\'s exports', () => {
    churn(() => {
        let exports;
        const inst = new WebAssembly.Instance(selfTable, { m: { h: () => exports } });
        exports = inst.exports;
        exports.f();
    });
});

test('only an exported function kept, the import closing over it', () => {
    churn(() => {
        const box = {};
        box.f = new WebAssembly.Instance(selfTable, { m: { h: () => box } }).exports.f;
        box.f();
    });
});

// put(x) stores x in its own externref table and in its own externref global.
const selfRefs = new WebAssembly.Module(module({
    types: [[[EXTERNREF], []]],
    funcs: [0],
    tables: [[EXTERNREF, 1]],
    globals: [[EXTERNREF, true, [0xd0, EXTERNREF]]],
    exports: [['put', KFUNC, 0]],
    codes: [[[], [I32_CONST, 0, LOCAL_GET, 0, TABLE_SET, 0, LOCAL_GET, 0, GLOBAL_SET, 0]]],
}));

test('an externref in the instance\'s own table and global pointing back at it', () => {
    churn(() => {
        const inst = new WebAssembly.Instance(selfRefs);
        inst.exports.put({ inst });
    });
});

// A table made in JS and shared by two instances that put their functions in it.
const intoTable = new WebAssembly.Module(module({
    types: [[[], []]],
    imports: [['m', 't', importTable(FUNCREF, 2)]],
    funcs: [0],
    exports: [['f', KFUNC, 0]],
    elems: [[0, [0]]],
    codes: [[[], []]],
}));

test('a Table shared by two instances holding their functions', () => {
    churn(() => {
        const t = new WebAssembly.Table({ element: 'anyfunc', initial: 2 });
        const a = new WebAssembly.Instance(intoTable, { m: { t } });
        const b = new WebAssembly.Instance(intoTable, { m: { t } });
        assertEq(t.get(0), b.exports.f);
        assertTrue(a.exports.f !== b.exports.f);
    });
});

test('an instance importing another\'s function', () => {
    churn(() => {
        const a = new WebAssembly.Instance(selfTable, { m: { h() {} } });
        const b = new WebAssembly.Instance(selfTable, { m: { h: a.exports.f } });
        b.exports.f();
    });
});

test('imports closing over the instance\'s exported table, global and memory', () => {
    // What generated JS glue does: the imports live in a scope that keeps the exports.
    const m = new WebAssembly.Module(module({
        types: [[[], []]],
        imports: [['m', 'h', importFunc(0)]],
        funcs: [0],
        tables: [[FUNCREF, 2]],
        memories: [[1]],
        globals: [[FUNCREF, true, [0xd2, 1]]],
        exports: [['t', KTABLE, 0], ['g', KGLOBAL, 0], ['mem', KMEMORY, 0], ['f', KFUNC, 1]],
        elems: [[0, [1, 0]]],
        codes: [[[], [CALL, 0]]],
    }));
    churn(() => {
        const scope = {};
        const { exports } = new WebAssembly.Instance(m, { m: { h: () => scope.t.get(0) } });
        Object.assign(scope, { t: exports.t, g: exports.g, mem: exports.mem });
        exports.f();
        assertEq(scope.t.get(0), scope.g.value);
    });
});

test('instances whose exported table and global are kept, then dropped', () => {
    const m = new WebAssembly.Module(module({
        types: [[[], []]],
        funcs: [0],
        tables: [[FUNCREF, 1]],
        globals: [[FUNCREF, true, [0xd2, 0]]],
        exports: [['t', KTABLE, 0], ['g', KGLOBAL, 0]],
        elems: [[0, [0]]],
        codes: [[[], []]],
    }));
    churn(() => {
        const { t, g } = new WebAssembly.Instance(m).exports;
        assertEq(t.get(0), g.value);
    });
});

test('memoryUsage reports live counts', () => {
    const u = usage();
    for (const k of ['jsObjects', 'jsBytes', 'wasmInstances', 'wasmBlocks', 'wasmBytes', 'wasmHeldValues', 'wasmMemoryBytes'])
        assertEq(typeof u[k], 'number', k);
    const keep = new WebAssembly.Instance(selfTable, { m: { h() {} } });
    assertEq(usage().wasmInstances, u.wasmInstances + 1);
    assertEq(usage().wasmHeldValues, u.wasmHeldValues + 1); // the imported function
    const mem = new WebAssembly.Memory({ initial: 2 });
    assertEq(usage().wasmMemoryBytes, u.wasmMemoryBytes + 2 * 65536);
    assertTrue(keep !== mem);
});

test('a collection while the instance runs, its last JS holders dropped inside the call', () => {
    let holder = {};
    let calls = 0;
    holder.f = new WebAssembly.Instance(selfTable, {
        m: {
            h() {
                calls++;
                holder = null; // the exported function stays alive only while it runs
                qwasm.gc();
            },
        },
    }).exports.f;
    const f = holder.f;
    f();
    f();
    assertEq(calls, 2);
    // Through a table of another instance: the callee's instance is held by that table only.
    const t = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
    const caller = new WebAssembly.Instance(new WebAssembly.Module(module({
        types: [[[], []]],
        imports: [['m', 't', importTable(FUNCREF, 1)]],
        funcs: [0],
        exports: [['call0', KFUNC, 0]],
        codes: [[[], [I32_CONST, 0, 0x11, 0, 0]]], // call_indirect (type 0) of table 0
    })), { m: { t } });
    t.set(0, new WebAssembly.Instance(selfTable, { m: { h() { t.set(0, null); qwasm.gc(); calls++; } } }).exports.f);
    qwasm.gc();
    caller.exports.call0();
    assertEq(calls, 3);
    assertEq(t.get(0), null);
});
