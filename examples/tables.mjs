// tables.mjs: a WebAssembly.Table of functions and a mutable WebAssembly.Global, both created in
// JS and shared by two instances of tables.wasm (tables.wat). The table is filled from Wasm (an
// element segment at instantiation, table.grow) and from JS (grow, set), and call_indirect
// dispatches through it. Run it with `build/qwasm examples/tables.mjs`.
const here = import.meta.url.replace(/[^/]*$/, '');
const module = await WebAssembly.compileStreaming(fetch(`${here}tables.wasm`));

const ops = new WebAssembly.Table({ element: 'anyfunc', initial: 4, maximum: 8 });
const calls = new WebAssembly.Global({ value: 'i32', mutable: true }, 0);

// Two instances of one module, given the same table and counter. `base` is a plain number, so it
// becomes an immutable global: each instance writes its add and sub at ops[base], ops[base + 1].
const one = (await WebAssembly.instantiate(module, { env: { ops, calls, base: 0 } })).exports;
const two = (await WebAssembly.instantiate(module, { env: { ops, calls, base: 2 } })).exports;

// Exported functions keep their identity, so table entries can be named by comparison.
const names = new Map();
for (const [who, exports] of [['one', one], ['two', two]])
    for (const f of ['add', 'sub', 'mul', 'neg'])
        names.set(exports[f], `${who}.${f}`);
const show = () =>
    Array.from({ length: ops.length }, (_, i) => {
        const f = ops.get(i);
        return f === null ? 'null' : names.get(f) ?? 'unexported';
    }).join(', ');
console.log(`filled by the element segments: [${show()}]`);

// From JS: grow by one slot holding one.mul. From Wasm: install_max grows by one holding $max,
// which the module does not export: JS can still get and call it through the table.
const mulAt = ops.grow(1, one.mul);
const maxAt = two.install_max();
console.log(`JS added mul at ${mulAt}, Wasm added max at ${maxAt}: [${show()}]`);
const max = ops.get(maxAt); // named after its function index, as every exported function is
console.log(`called from JS through the table: ops.get(${maxAt})(3, 9) = ${max(3, 9)}, name "${max.name}"`);

// call_indirect through the shared table: either instance reaches every entry.
for (let op = 0; op < ops.length; op++)
    console.log(`ops[${op}](7, 5): via one ${one.apply(op, 7, 5)}, via two ${two.apply(op, 7, 5)}`);
console.log(`fold(mul, 10) = ${one.fold(mulAt, 10)}, fold(sub, 4) = ${two.fold(1, 4)}`);

// The counter is one global: both instances and JS read and write the same value.
console.log(`calls counted by both instances: ${calls.value}`);
calls.value = 1000;
one.apply(0, 1, 2);
two.apply(0, 3, 4);
console.log(`after JS set it to 1000 and two more calls: ${calls.value}`);
// `last` is defined by the module, so each instance has its own.
console.log(`one.last = ${one.last.value}, two.last = ${two.last.value}`);

// What call_indirect and the table refuse, each with its own error.
const attempt = (what, f) => {
    try {
        console.log(`${what}: ${f()}`);
    } catch (e) {
        console.log(`${what}: ${e.name}: ${e.message}`);
    }
};
ops.set(1, null);
attempt('call a null entry', () => one.apply(1, 7, 5));
ops.set(1, one.neg);
attempt('call neg (one parameter) as a binop', () => one.apply(1, 7, 5));
attempt('call past the end', () => one.apply(ops.length, 7, 5));
attempt('put a JS function in the table', () => ops.set(1, (a, b) => a + b));
attempt('grow past the maximum from JS', () => ops.grow(3));
ops.grow(2);
attempt('grow past the maximum from Wasm', () => one.install_max());
console.log(`ops.length = ${ops.length}, calls = ${calls.value}`);
