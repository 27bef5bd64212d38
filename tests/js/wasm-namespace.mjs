// The WebAssembly namespace: WebIDL shape, validate, compile, and the error classes.
import { test, assertEq, assertTrue, assertThrows, assertRejects } from './lib/assert.mjs';
import { module, I32, KFUNC } from './lib/wasm-bytes.mjs';

const empty = module();
const addModule = module({
    types: [[[I32, I32], [I32]]], funcs: [0], exports: [['add', KFUNC, 0]],
    codes: [[[], [0x20, 0, 0x20, 1, 0x6a]]],
});
// i32.add on an i32 and an f64: a validation error.
const badModule = module({
    types: [[[], [I32]]], funcs: [0],
    codes: [[[], [0x41, 1, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x6a]]],
});

test('namespace property and shape', () => {
    const d = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');
    assertTrue(d.writable && !d.enumerable && d.configurable);
    assertEq(Object.prototype.toString.call(WebAssembly), '[object WebAssembly]');
    assertEq(Object.getPrototypeOf(WebAssembly), Object.prototype);
    assertThrows(TypeError, () => WebAssembly());
    for (const [name, len] of [['validate', 1], ['compile', 1]]) {
        const f = Object.getOwnPropertyDescriptor(WebAssembly, name);
        assertTrue(f.writable && f.enumerable && f.configurable, name);
        assertEq(WebAssembly[name].length, len);
        assertEq(WebAssembly[name].name, name);
    }
});

test('interfaces: prototype, constructor, toStringTag', () => {
    for (const name of ['Module', 'Memory', 'Table', 'Global', 'Tag', 'Exception']) {
        const C = WebAssembly[name];
        const d = Object.getOwnPropertyDescriptor(C, 'prototype');
        assertTrue(!d.writable && !d.enumerable && !d.configurable, name);
        assertEq(C.prototype.constructor, C);
        const tag = Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag);
        assertEq(tag.value, `WebAssembly.${name}`);
        assertTrue(!tag.writable && !tag.enumerable && tag.configurable);
        assertThrows(TypeError, () => C({}), 'new');
    }
});

test('validate', () => {
    assertEq(WebAssembly.validate(empty), true);
    assertEq(WebAssembly.validate(addModule.buffer), true);
    assertEq(WebAssembly.validate(badModule), false);
    assertEq(WebAssembly.validate(new Uint8Array([0, 97, 115])), false);
    assertEq(WebAssembly.validate(new DataView(addModule.buffer)), true);
    assertThrows(TypeError, () => WebAssembly.validate());
    assertThrows(TypeError, () => WebAssembly.validate([0, 97, 115, 109, 1, 0, 0, 0]));
    assertThrows(TypeError, () => WebAssembly.validate('\0asm'));
});

test('validate reads a view\'s window only', () => {
    const bytes = new Uint8Array(empty.length + 4);
    bytes.set(empty, 2);
    assertEq(WebAssembly.validate(bytes.subarray(2, 2 + empty.length)), true);
    assertEq(WebAssembly.validate(bytes), false);
});

test('compile resolves with a Module', async () => {
    const p = WebAssembly.compile(addModule);
    assertEq(Object.getPrototypeOf(p), Promise.prototype);
    const m = await p;
    assertEq(Object.getPrototypeOf(m), WebAssembly.Module.prototype);
    assertEq(WebAssembly.Module.exports(m)[0].name, 'add');
});

test('compile copies the bytes before returning', async () => {
    const bytes = module();
    const p = WebAssembly.compile(bytes);
    bytes[0] = 1;
    assertEq(Object.getPrototypeOf(await p), WebAssembly.Module.prototype);
});

test('compile rejects with CompileError naming the problem', async () => {
    const e = await assertRejects(WebAssembly.CompileError, WebAssembly.compile(badModule));
    assertTrue(e.message.startsWith('WebAssembly.compile(): type mismatch'), e.message);
    await assertRejects(TypeError, WebAssembly.compile());
    await assertRejects(TypeError, WebAssembly.compile(42));
});

test('compiles settle in order', async () => {
    const order = [];
    await Promise.all([
        WebAssembly.compile(addModule).then(() => order.push(1)),
        WebAssembly.compile(badModule).catch(() => order.push(2)),
        WebAssembly.compile(empty).then(() => order.push(3)),
    ]);
    assertEq(order.length, 3);
});

test('error classes', () => {
    for (const name of ['CompileError', 'LinkError', 'RuntimeError']) {
        const C = WebAssembly[name];
        assertEq(Object.getPrototypeOf(C), Error);
        assertEq(Object.getPrototypeOf(C.prototype), Error.prototype);
        assertEq(C.prototype.name, name);
        assertEq(C.length, 1);
        const e = new C('boom');
        assertTrue(e instanceof C && e instanceof Error);
        assertEq(e.message, 'boom');
        assertEq(String(e), `${name}: boom`);
        const f = C('called');
        assertTrue(f instanceof C);
        assertEq(Object.prototype.hasOwnProperty.call(new C(), 'message'), false);
        class Sub extends C {}
        assertTrue(new Sub('x') instanceof Sub);
    }
});
