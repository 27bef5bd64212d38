// memory.mjs: one WebAssembly.Memory shared by JS and memory.wasm (memory.c). JS creates the
// memory, the module imports it; JS writes text and numbers into it, Wasm works on them in place,
// and JS reads the results back through views on memory.buffer.
// Run it with `build/qwasm examples/memory.mjs`.
const here = import.meta.url.replace(/[^/]*$/, '');

// 64 KiB pages: the module needs 1 (its stack); the maximum bounds memory.grow from either side.
const memory = new WebAssembly.Memory({ initial: 1, maximum: 3 });
const bytes = await (await fetch(`${here}memory.wasm`)).arrayBuffer();
const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
const wasm = instance.exports;

// Everything from heap_base on is ours; the module's stack and data lie below it.
let free = wasm.heap_base();
function alloc(size) {
    const at = free;
    free = (free + size + 7) & ~7; // keeps the next block 8-byte aligned
    return at;
}

// 1. Text: JS encodes it into the memory, Wasm counts letters into a Uint32Array of 26 slots.
const text = "Wasm's linear memory is one ArrayBuffer: JS and Wasm see the same bytes.";
const encoded = new TextEncoder().encode(text);
const textAt = alloc(encoded.length);
new Uint8Array(memory.buffer, textAt, encoded.length).set(encoded);
const countsAt = alloc(26 * 4);
const words = wasm.letter_stats(textAt, encoded.length, countsAt);
const counts = new Uint32Array(memory.buffer, countsAt, 26);
const top = Array.from(counts, (n, i) => [String.fromCharCode(97 + i), n])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5);
console.log(`${encoded.length} bytes at ${textAt}: ${words} words`);
console.log(`most frequent letters: ${top.map(([c, n]) => `${c}=${n}`).join(' ')}`);

// 2. In place: Wasm rewrites the bytes; a view made before the call sees the new ones.
const view = new Uint8Array(memory.buffer, textAt, encoded.length);
wasm.upcase(textAt, encoded.length);
console.log(`upcased in place: ${new TextDecoder().decode(view)}`);

// 3. Numbers: an Int32Array over the memory (4-byte aligned, as alloc keeps it), sorted by Wasm.
const input = [42, -7, 1000, 0, 3, -2147483648, 17, 2147483647, 3];
const numbersAt = alloc(input.length * 4);
const numbers = new Int32Array(memory.buffer, numbersAt, input.length);
numbers.set(input);
wasm.sort_i32(numbersAt, input.length);
console.log(`sorted by Wasm: ${Array.from(numbers).join(' ')}`);

// 4. Growing: from JS or from Wasm, the old ArrayBuffer is detached (length 0) and memory.buffer
// is a new, larger one, so views must be made again after a grow.
const before = memory.buffer;
const pages = () => memory.buffer.byteLength / 65536;
console.log(`memory.grow(1) from JS: was ${memory.grow(1)} pages, now ${pages()}`);
console.log(`old buffer byteLength ${before.byteLength}, old view length ${numbers.length}`);
console.log(`grow(1) from Wasm: was ${wasm.grow(1)} pages, now ${pages()}`);
console.log(`grow(1) past the maximum: ${wasm.grow(1)}; still ${pages()} pages`);
const again = new Int32Array(memory.buffer, numbersAt, input.length);
console.log(`the sorted numbers survive: ${Array.from(again).join(' ')}`);
