// fetch() of local files, Response, and WebAssembly.compileStreaming.
// fixtures/empty.wasm is the 8-byte empty module: "\0asm" and version 1.
import { test, assertEq, assertTrue, assertRejects } from './lib/assert.mjs';

const dir = import.meta.url.slice('file://'.length).replace(/[^/]*$/, '');
const wasmBytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
const wasmHeaders = { 'Content-Type': 'application/wasm' };

test('fetch a .wasm file by path and by file: URL', async () => {
    for (const input of [`${dir}fixtures/empty.wasm`, `file://${dir}fixtures/empty.wasm`]) {
        const r = await fetch(input);
        assertEq(r.ok, true);
        assertEq(r.status, 200);
        assertEq(r.headers.get('content-type'), 'application/wasm');
        assertEq(r.url, `file://${dir}fixtures/empty.wasm`);
        assertEq(r.bodyUsed, false);
        const b = await r.arrayBuffer();
        assertEq(b.byteLength, 8);
        assertEq(r.bodyUsed, true);
        await assertRejects(TypeError, r.arrayBuffer(), 'already read');
    }
});

test('fetch errors are TypeErrors', async () => {
    await assertRejects(TypeError, fetch(`${dir}fixtures/missing.wasm`), 'No such file');
    await assertRejects(TypeError, fetch('https://example.com/x.wasm'), 'only local files');
});

test('other files get their own Content-Type', async () => {
    const r = await fetch(`${dir}fixtures/script.js`);
    assertEq(r.headers.get('Content-Type'), 'text/javascript');
    assertTrue((await r.text()).length > 0);
    assertEq((await fetch(`${dir}fixtures/bytes.bin`)).headers.get('content-type'), 'application/octet-stream');
});

test('compileStreaming from fetch and from a promise of a Response', async () => {
    const m = await WebAssembly.compileStreaming(fetch(`${dir}fixtures/empty.wasm`));
    assertEq(Object.getPrototypeOf(m), WebAssembly.Module.prototype);
    const r = new Response(wasmBytes, { headers: wasmHeaders });
    assertEq(Object.getPrototypeOf(await WebAssembly.compileStreaming(r)), WebAssembly.Module.prototype);
    const r2 = new Response(wasmBytes, { headers: { 'content-type': 'Application/WASM; charset=x' } });
    await WebAssembly.compileStreaming(Promise.resolve(r2));
});

test('compileStreaming checks the source, the MIME type and the status', async () => {
    await assertRejects(TypeError, WebAssembly.compileStreaming(), 'Response');
    await assertRejects(TypeError, WebAssembly.compileStreaming(wasmBytes), 'Response');
    await assertRejects(TypeError, WebAssembly.compileStreaming(new Response(wasmBytes)), 'MIME type');
    await assertRejects(TypeError, WebAssembly.compileStreaming(fetch(`${dir}fixtures/bytes.bin`)), 'MIME type');
    await assertRejects(TypeError, WebAssembly.compileStreaming(new Response(wasmBytes, { status: 404, headers: wasmHeaders })), 'not ok');
    await assertRejects(TypeError, WebAssembly.compileStreaming(Promise.reject(new TypeError('gone'))), 'gone');
    await assertRejects(WebAssembly.CompileError, WebAssembly.compileStreaming(new Response(wasmBytes.subarray(0, 7), { headers: wasmHeaders })));
});
