// run.mjs: make bench's runner under qwasm. `qwasm bench/run/run.mjs FILE.wasm [EXPORT]`
// instantiates a module that has no imports, calls EXPORT (default "run": () -> i32) and prints
// the result as an unsigned 32-bit number, the format of the native builds' checksums.
const [file, name = 'run'] = qwasm.args;
const instance = new WebAssembly.Instance(new WebAssembly.Module(qwasm.readFile(file)));
console.log(String(instance.exports[name]() >>> 0));
