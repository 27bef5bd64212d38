// exceptions.mjs: exceptions in both directions between JS and exceptions.wasm (exceptions.wat).
// Wasm throws tagged exceptions that JS catches as WebAssembly.Exception and takes apart with
// is() and getArg(); JS throws through Wasm frames and gets back the very value it threw.
// Run it with `build/qwasm examples/exceptions.mjs`.
const here = import.meta.url.replace(/[^/]*$/, '');

// A tag is an exception type: here one i32 of payload. JS and Wasm both use this one object.
const failure = new WebAssembly.Tag({ parameters: ['i32'] });
let step = () => {}; // what the import env.step does; each part below sets its own
const { instance } = await WebAssembly.instantiateStreaming(fetch(`${here}exceptions.wasm`), {
    env: { failure, step: (i) => step(i) },
});
const wasm = instance.exports;

// catching(f) runs f and returns what it threw (or says that it returned).
function catching(f) {
    try {
        return `returned ${f()}`;
    } catch (e) {
        return e;
    }
}

// 1. Wasm throws the JS-made tag: JS gets a WebAssembly.Exception holding the payload.
let e = catching(() => wasm.fail(42));
console.log(`fail(42) threw a WebAssembly.Exception: ${e instanceof WebAssembly.Exception}`);
console.log(`  is(failure) ${e.is(failure)}, is(overflow) ${e.is(wasm.overflow)}, ` +
    `code ${e.getArg(failure, 0)}`);

// 2. A tag defined in Wasm and exported: JS tells it apart by identity, and getArg refuses a
// tag the exception does not carry.
e = catching(() => wasm.checked_add(2000000000, 2000000000));
console.log(`checked_add(2e9, 2e9): is(overflow) ${e.is(wasm.overflow)}, ` +
    `payload ${e.getArg(wasm.overflow, 0)}, ${e.getArg(wasm.overflow, 1)}`);
console.log(`  getArg(failure, 0): ${catching(() => e.getArg(failure, 0)).name}`);
console.log(`checked_add(2, 3) ${catching(() => wasm.checked_add(2, 3))}`);

// 3. The same exception caught inside Wasm, which turns it into a result: JS sees nothing thrown.
console.log(`saturating_add(2e9, 2e9) = ${wasm.saturating_add(2000000000, 2000000000)}`);
console.log(`saturating_add(-2e9, -2e9) = ${wasm.saturating_add(-2000000000, -2000000000)}`);

// 4. A JS exception crossing Wasm frames: step throws at 3, each() runs its catch_all cleanup and
// rethrows, and the caller catches the same Error object, not a copy or a wrapper.
const stop = new Error('stop at 3');
const seen = [];
step = (i) => {
    seen.push(i);
    if (i === 3)
        throw stop;
};
e = catching(() => wasm.each(10));
console.log(`each(10) stepped ${seen.join(', ')} and threw: ${e.message}`);
console.log(`  the same object: ${e === stop}; cleanups in Wasm: ${wasm.cleanups.value}`);
// Any JS value can be thrown, not only Errors.
for (const value of ['a string', 7, null, { code: 7 }]) {
    step = () => {
        throw value;
    };
    const got = catching(() => wasm.each(1));
    const shown = JSON.stringify(value);
    console.log(`  threw ${shown}, caught ${JSON.stringify(got)}, same: ${got === value}`);
}
console.log(`  cleanups in Wasm: ${wasm.cleanups.value}`);

// 5. JS throws a WebAssembly.Exception of the imported tag: Wasm's `catch $failure` takes it.
// An exception of another kind passes through guarded() untouched.
step = (x) => {
    if (x >= 0)
        throw new WebAssembly.Exception(failure, [x * 2]);
    throw new RangeError(`negative: ${x}`);
};
console.log(`guarded(21) = ${wasm.guarded(21)} (caught in Wasm)`);
e = catching(() => wasm.guarded(-1));
console.log(`guarded(-1) threw ${e.name}: ${e.message}`);

// 6. A trap is no exception: catch_all does not see it, and JS gets a RuntimeError.
e = catching(() => wasm.trap_in_try());
console.log(`trap_in_try(): ${e.name} (${e instanceof WebAssembly.RuntimeError}): ${e.message}`);
console.log(`cleanups in Wasm at the end: ${wasm.cleanups.value}`);
