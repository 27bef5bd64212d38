// globals.mjs: the global object (globalThis, self) and the qwasm namespace.
import { test, assertEq, assertTrue, assertThrows, assertDeepEq } from './lib/assert.mjs';

test('self is the global object', () => {
    assertEq(self, globalThis);
    assertEq(typeof globalThis, 'object');
});

test('host globals have WebIDL attributes: operations enumerable, namespaces not', () => {
    const keys = Object.keys(globalThis);
    for (const name of ['self', 'performance', 'setTimeout', 'setInterval', 'clearTimeout',
                        'clearInterval', 'queueMicrotask']) {
        assertTrue(keys.includes(name), name);
        const d = Object.getOwnPropertyDescriptor(globalThis, name);
        assertTrue(d.writable && d.configurable, name);
    }
    assertTrue(!keys.includes('qwasm'));
});

test('qwasm.args is an array of the script arguments (none here)', () => {
    assertTrue(Array.isArray(qwasm.args));
    assertDeepEq(qwasm.args, []);
});

test('qwasm.readFile returns the bytes of a file as an ArrayBuffer', () => {
    const buf = qwasm.readFile('tests/js/fixtures/bytes.bin');
    assertTrue(buf instanceof ArrayBuffer);
    assertDeepEq(Array.from(new Uint8Array(buf)), [0, 1, 2, 0xfe, 0xff, 0x0a]);
});

test('qwasm.readFile of an empty file is an empty ArrayBuffer', () => {
    assertEq(qwasm.readFile('tests/js/fixtures/empty.txt').byteLength, 0);
});

test('qwasm.readFile of a missing file throws with the OS message', () => {
    assertThrows(TypeError, () => qwasm.readFile('tests/js/fixtures/nothere'),
                 "cannot read 'tests/js/fixtures/nothere': No such file or directory");
});

test('qwasm.readFile of a directory throws', () => {
    assertThrows(TypeError, () => qwasm.readFile('tests/js'), 'Is a directory');
});

test('qwasm.readFile wants a string path', () => {
    assertThrows(TypeError, () => qwasm.readFile(), 'path must be a string');
    assertThrows(TypeError, () => qwasm.readFile(42), 'path must be a string');
});

test('qwasm.exit is a function', () => {
    assertEq(typeof qwasm.exit, 'function');
    assertEq(Object.prototype.toString.call(qwasm), '[object qwasm]');
});
