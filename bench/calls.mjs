// calls.mjs: the cost of one call across the JS/Wasm boundary, in ns: JS calling an exported
// (i32) -> i32 function, and Wasm calling an imported JS function of the same type. Each figure
// is (time of a loop that makes the call - time of the same loop without it) / iterations, the
// best of several runs. Calls within one side are shown for comparison. Budget: both boundary
// calls under 100 ns. Run by `make bench-calls` (part of `make bench`), or by hand:
// `build/qwasm bench/calls.mjs [ITERATIONS [RUNS]]`; exits 1 when over budget.
const iterations = Number(qwasm.args[0] ?? 20000);
const runs = Number(qwasm.args[1] ?? 151);
const budgetNs = 100;

// The module, assembled here so that the benchmark needs no tools:
//   (type $t (func (param i32) (result i32)))
//   (import "env" "f" (func $f (type $t)))                           ;; function 0
//   (func $inc (export "inc") (type $t) (i32.add (local.get 0) (i32.const 1)))
//   (func (export "call_import") (type $t) ...)  ;; s = f(s), n times; returns s
//   (func (export "loop_only") (type $t) ...)    ;; s = s + 1, n times: the same loop, no call
//   (func (export "call_inc") (type $t) ...)     ;; s = inc(s), n times: a Wasm-to-Wasm call
function leb(n) {
    const out = [];
    do {
        const b = n & 0x7f;
        n >>>= 7;
        out.push(n ? b | 0x80 : b);
    } while (n);
    return out;
}
const vec = (items) => [...leb(items.length), ...items.flat()];
const name = (s) => vec([...new TextEncoder().encode(s)]);
const section = (id, content) => [id, ...leb(content.length), ...content];
const I32 = 0x7f;
// A loop over local 0 (the count) that sets local 1 (s) to `step` applied to it; returns s.
const countedLoop = (step) => [
    ...vec([[1, I32]]), // one extra i32 local: s
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, 0x00, 0x45, 0x0d, 0x01, // br_if 1 (n == 0)
    0x20, 0x01, ...step, 0x21, 0x01, // s = step(s)
    0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, // n = n - 1
    0x0c, 0x00, 0x0b, 0x0b, // br 0, end loop, end block
    0x20, 0x01, 0x0b, // s
];
const bodies = [
    [0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b], // inc: local 0 + 1
    countedLoop([0x10, 0x00]), // call $f
    countedLoop([0x41, 0x01, 0x6a]), // i32.const 1, i32.add
    countedLoop([0x10, 0x01]), // call $inc
];
const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 1, I32, 1, I32]])),
    ...section(2, vec([[...name('env'), ...name('f'), 0x00, 0x00]])),
    ...section(3, vec(bodies.map(() => [0x00]))),
    ...section(7, vec(['inc', 'call_import', 'loop_only', 'call_inc'].map(
        (s, i) => [...name(s), 0x00, i + 1]))), // function exports of functions 1..4
    ...section(10, vec(bodies.map((b) => vec(b)))),
]);

const jsInc = (x) => x + 1;
const module = new WebAssembly.Module(bytes);
// The functions alone are kept, not the instance or its exports object: the instance lives only
// through them, which once made every call end in a collection over the store's instances.
const { inc, call_import, loop_only, call_inc } = new WebAssembly.Instance(module, {
    env: { f: jsInc },
}).exports;
// Other live instances in the store must not change the figures either.
const others = Array.from(
    { length: 100 }, () => new WebAssembly.Instance(module, { env: { f: jsInc } }).exports.inc);

// The loops differ only in their step; each JS one is its own function so that none shares the
// interpreter's inline caches with another.
const cases = {
    jsLoop(n) {
        let s = 0;
        for (let i = 0; i < n; i++) s = (s + 1) | 0;
        return s;
    },
    jsToWasm(n) {
        let s = 0;
        for (let i = 0; i < n; i++) s = inc(s);
        return s;
    },
    jsToJs(n) {
        let s = 0;
        for (let i = 0; i < n; i++) s = jsInc(s);
        return s;
    },
    wasmLoop: (n) => loop_only(n),
    wasmToJs: (n) => call_import(n),
    wasmToWasm: (n) => call_inc(n),
};

// For each case, the shortest of `runs` timings in ns per iteration. The cases take turns, so
// that a busy moment of the machine does not fall on one of them only, and each run is short
// (about 1 ms): on a loaded machine longer runs are rarely left alone.
const ns = {};
for (let r = 0; r < runs; r++) {
    for (const [name, f] of Object.entries(cases)) {
        const t0 = performance.now();
        f(iterations);
        const t = ((performance.now() - t0) * 1e6) / iterations;
        ns[name] = Math.min(ns[name] ?? Infinity, t);
    }
}
const { jsLoop, jsToWasm, jsToJs, wasmLoop, wasmToJs, wasmToWasm } = ns;
if (others.length !== 100 || others[99](1) !== 2)
    throw new Error('calls: the other instances are gone');

const row = (what, ns, base) =>
    console.log(`calls: ${what.padEnd(34)} ${(ns - base).toFixed(1).padStart(6)} ns/call`);
console.log(`calls: ${iterations} iterations, best of ${runs}; empty loop: JS ${jsLoop.toFixed(1)} ns, ` +
    `Wasm ${wasmLoop.toFixed(1)} ns per iteration (subtracted below)`);
row('JS -> Wasm export (i32) -> i32', jsToWasm, jsLoop);
row('Wasm -> JS import (i32) -> i32', wasmToJs, wasmLoop);
row('for comparison: JS -> JS', jsToJs, jsLoop);
row('for comparison: Wasm -> Wasm', wasmToWasm, wasmLoop);
const ok = jsToWasm - jsLoop < budgetNs && wasmToJs - wasmLoop < budgetNs;
console.log(`calls: ${ok ? 'within' : 'OVER'} budget (${budgetNs} ns per boundary call)`);
if (!ok)
    qwasm.exit(1);
