// WebAssembly.Module: construction from every BufferSource, exports, imports, customSections.
import { test, assertEq, assertTrue, assertThrows, assertDeepEq } from './lib/assert.mjs';
import {
    module, I32, I64, F64, FUNCREF, EXTERNREF, KFUNC, KTABLE, KMEMORY, KGLOBAL, KTAG,
    importFunc, importTable, importMemory, importGlobal, importTag,
} from './lib/wasm-bytes.mjs';

const full = module({
    types: [[[I32], []], [[], [I32]]],
    imports: [
        ['env', 'f', importFunc(0)], ['env', 't', importTable(FUNCREF, 1)],
        ['env', 'm', importMemory(1, 2)], ['env', 'g', importGlobal(I64, false)],
        ['env', 'e', importTag(0)],
    ],
    funcs: [1],
    tables: [[EXTERNREF, 0]],
    tags: [0],
    globals: [[F64, true, [0x44, 0, 0, 0, 0, 0, 0, 0, 0]]],
    exports: [['run', KFUNC, 1], ['tab', KTABLE, 1], ['mem', KMEMORY, 0], ['glob', KGLOBAL, 1],
        ['tag', KTAG, 1], ['', KFUNC, 0]],
    codes: [[[], [0x41, 7]]],
    customs: [['meta', [1, 2, 3]], ['other', []], ['meta', [4]]],
});

test('constructor accepts every BufferSource and copies it', () => {
    for (const src of [full, full.buffer, new DataView(full.buffer), new Uint8Array([9, ...full, 9]).subarray(1, full.length + 1)]) {
        const m = new WebAssembly.Module(src);
        assertEq(Object.getPrototypeOf(m), WebAssembly.Module.prototype);
    }
    const sab = new SharedArrayBuffer(full.length);
    new Uint8Array(sab).set(full);
    assertEq(WebAssembly.Module.exports(new WebAssembly.Module(new Uint8Array(sab))).length, 6);
    assertEq(WebAssembly.Module.exports(new WebAssembly.Module(sab)).length, 6);
});

test('constructor errors', () => {
    assertThrows(TypeError, () => new WebAssembly.Module());
    assertThrows(TypeError, () => new WebAssembly.Module([0, 97, 115, 109]));
    assertThrows(TypeError, () => WebAssembly.Module(full));
    const e = assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(new Uint8Array(0)));
    assertTrue(e.message.startsWith('WebAssembly.Module(): '), e.message);
    assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])));
});

test('subclassing keeps new.target\'s prototype', () => {
    class M extends WebAssembly.Module {}
    const m = new M(full);
    assertTrue(m instanceof M);
    assertEq(WebAssembly.Module.imports(m).length, 5);
});

test('exports lists every kind in order', () => {
    const m = new WebAssembly.Module(full);
    assertDeepEq(WebAssembly.Module.exports(m), [
        { name: 'run', kind: 'function' }, { name: 'tab', kind: 'table' },
        { name: 'mem', kind: 'memory' }, { name: 'glob', kind: 'global' },
        { name: 'tag', kind: 'tag' }, { name: '', kind: 'function' },
    ]);
    assertTrue(WebAssembly.Module.exports(m) !== WebAssembly.Module.exports(m));
});

test('imports lists every kind in order', () => {
    const m = new WebAssembly.Module(full);
    assertDeepEq(WebAssembly.Module.imports(m), [
        { module: 'env', name: 'f', kind: 'function' }, { module: 'env', name: 't', kind: 'table' },
        { module: 'env', name: 'm', kind: 'memory' }, { module: 'env', name: 'g', kind: 'global' },
        { module: 'env', name: 'e', kind: 'tag' },
    ]);
});

test('customSections returns copies by name', () => {
    const m = new WebAssembly.Module(full);
    const s = WebAssembly.Module.customSections(m, 'meta');
    assertEq(s.length, 2);
    assertDeepEq(Array.from(new Uint8Array(s[0])), [1, 2, 3]);
    assertDeepEq(Array.from(new Uint8Array(s[1])), [4]);
    new Uint8Array(s[0])[0] = 9;
    assertEq(new Uint8Array(WebAssembly.Module.customSections(m, 'meta')[0])[0], 1);
    assertEq(WebAssembly.Module.customSections(m, 'other')[0].byteLength, 0);
    assertEq(WebAssembly.Module.customSections(m, 'meta\0').length, 0);
    assertEq(WebAssembly.Module.customSections(m, 'nope').length, 0);
});

test('static functions check their arguments', () => {
    for (const f of ['exports', 'imports', 'customSections']) {
        assertThrows(TypeError, () => WebAssembly.Module[f]());
        assertThrows(TypeError, () => WebAssembly.Module[f]({}, 'x'));
        assertThrows(TypeError, () => WebAssembly.Module[f](WebAssembly.Module.prototype, 'x'));
    }
    assertThrows(TypeError, () => WebAssembly.Module.customSections(new WebAssembly.Module(full)));
});

test('a detached buffer reads as no bytes', () => {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const old = mem.buffer, view = new Uint8Array(old), dv = new DataView(old);
    mem.grow(0);
    assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(old));
    assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(view));
    assertThrows(WebAssembly.CompileError, () => new WebAssembly.Module(dv));
    assertEq(WebAssembly.validate(old), false);
});

test('getters that throw and proxies', () => {
    const boom = new Proxy({}, { get() { throw new RangeError('trap'); } });
    assertThrows(RangeError, () => new WebAssembly.Memory(boom), 'trap');
    assertThrows(RangeError, () => new WebAssembly.Table(boom), 'trap');
    assertThrows(RangeError, () => new WebAssembly.Global(boom), 'trap');
    assertThrows(RangeError, () => new WebAssembly.Tag(boom), 'trap');
    assertThrows(RangeError, () => new WebAssembly.Memory({ initial: { valueOf() { throw new RangeError('v'); } } }), 'v');
    assertThrows(TypeError, () => new WebAssembly.Module(new Proxy(full, {})));
});
