// hello.mjs: runs hello.wasm, a C program compiled to WebAssembly (hello.c), whose only way out is
// the import env.write(ptr, len). Run it with `build/qwasm examples/hello.mjs [N]`: the C side
// prints a few cubes around N (default 10).
const here = import.meta.url.replace(/[^/]*$/, '');
const n = Number(qwasm.args[0] ?? 10);

// write(ptr, len) gets a span of the module's memory; the bytes are UTF-8. console.log ends each
// call with a newline, so complete lines are printed and the rest waits for the next write.
const decoder = new TextDecoder();
let pending = '';
let memory; // the instance's exported memory, known once it is instantiated
function write(ptr, len) {
    pending += decoder.decode(new Uint8Array(memory.buffer, ptr, len));
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines)
        console.log(line);
}

// instantiateStreaming compiles while the file is read; fetch() takes a file: URL.
const { instance } = await WebAssembly.instantiateStreaming(fetch(`${here}hello.wasm`), {
    env: { write },
});
memory = instance.exports.memory;
const status = instance.exports.run(n);
if (pending)
    console.log(pending);
const pages = memory.buffer.byteLength / 65536;
console.log(`run(${n}) returned ${status}; the module has ${pages} pages of memory`);

// The same FNV-1a in JS: Math.imul multiplies as i32 does, >>> 0 reads the bits as a u32.
let h = 2166136261;
for (const byte of new TextEncoder().encode('qwasm'))
    h = Math.imul(h ^ byte, 16777619) >>> 0;
console.log(`fnv1a("qwasm") in JS = ${h.toString(16).padStart(8, '0')}`);
