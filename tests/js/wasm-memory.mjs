// WebAssembly.Memory: descriptor, buffer identity, grow and detach, memory64, shared.
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';

const PAGE = 65536;

test('descriptor and initial size', () => {
    const m = new WebAssembly.Memory({ initial: 2, maximum: 4 });
    assertEq(m.buffer.byteLength, 2 * PAGE);
    assertEq(new Uint8Array(m.buffer)[2 * PAGE - 1], 0);
    assertEq(new WebAssembly.Memory({ initial: '1' }).buffer.byteLength, PAGE);
    assertEq(new WebAssembly.Memory({ initial: 0 }).buffer.byteLength, 0);
});

test('descriptor errors: TypeError for bad values, RangeError for bad sizes', () => {
    for (const d of [undefined, null, 1, 'x', {}, { initial: -1 }, { initial: NaN },
        { initial: 2 ** 32 }, { initial: 0, maximum: Infinity }, { initial: 1, address: 'i16' },
        { initial: 1, address: 'i64' }])
        assertThrows(TypeError, () => new WebAssembly.Memory(d));
    assertThrows(RangeError, () => new WebAssembly.Memory({ initial: 2, maximum: 1 }));
    assertThrows(RangeError, () => new WebAssembly.Memory({ initial: 65537 }));
    assertThrows(TypeError, () => new WebAssembly.Memory({ initial: 1, shared: true }));
    assertThrows(TypeError, () => new WebAssembly.Memory({ get initial() { throw new TypeError('getter'); } }), 'getter');
});

test('buffer keeps its identity until a grow detaches it', () => {
    const m = new WebAssembly.Memory({ initial: 1, maximum: 3 });
    const b = m.buffer;
    assertEq(m.buffer, b);
    new Uint8Array(b)[10] = 42;
    assertEq(m.grow(1), 1);
    assertEq(b.byteLength, 0);
    assertTrue(m.buffer !== b);
    assertEq(m.buffer.byteLength, 2 * PAGE);
    assertEq(new Uint8Array(m.buffer)[10], 42);
    const c = m.buffer;
    assertEq(m.grow(0), 2);
    assertEq(c.byteLength, 0, 'grow(0) refreshes the buffer too');
    assertThrows(RangeError, () => m.grow(2));
    assertEq(m.buffer.byteLength, 2 * PAGE);
    assertThrows(TypeError, () => m.grow(-1));
    assertThrows(TypeError, () => m.grow());
});

test('a view over a detached buffer reads nothing', () => {
    const m = new WebAssembly.Memory({ initial: 1 });
    const view = new Uint8Array(m.buffer);
    m.grow(1);
    assertEq(view.length, 0);
    assertEq(view[0], undefined);
});

test('memory64 sizes are BigInts', () => {
    const m = new WebAssembly.Memory({ address: 'i64', initial: 1n, maximum: 3n });
    assertEq(m.buffer.byteLength, PAGE);
    assertEq(m.grow(1n), 1n);
    assertThrows(TypeError, () => m.grow(1));
    assertThrows(TypeError, () => new WebAssembly.Memory({ address: 'i64', initial: -1n }));
    assertThrows(TypeError, () => new WebAssembly.Memory({ address: 'i64', initial: 2n ** 64n }));
});

test('shared memory: a frozen SharedArrayBuffer that survives grow', () => {
    const m = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const b = m.buffer;
    assertEq(Object.prototype.toString.call(b), '[object SharedArrayBuffer]');
    assertTrue(Object.isFrozen(b));
    m.grow(1);
    assertEq(b.byteLength, PAGE);
    assertEq(m.buffer.byteLength, 2 * PAGE);
});

test('methods check their receiver', () => {
    const get = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer').get;
    assertEq(get.name, 'get buffer');
    assertThrows(TypeError, () => get.call({}));
    assertThrows(TypeError, () => WebAssembly.Memory.prototype.grow.call(new WebAssembly.Table({ element: 'anyfunc', initial: 0 }), 1));
});

test('many memories are freed when unreachable', () => {
    for (let i = 0; i < 200; i++) {
        const m = new WebAssembly.Memory({ initial: 1 });
        m.buffer.self = m; // a cycle through the buffer
    }
});
