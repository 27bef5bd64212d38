// encoding.mjs: TextEncoder and TextDecoder (WHATWG Encoding, UTF-8 only).
import { test, assertEq, assertTrue, assertThrows, assertDeepEq } from './lib/assert.mjs';

const u8 = (...bytes) => new Uint8Array(bytes);
const decode = (bytes, opts) => new TextDecoder('utf-8', opts).decode(u8(...bytes));
const codes = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

// ---- TextEncoder ----

test('encoder: encoding attribute and class shape', () => {
    const te = new TextEncoder();
    assertEq(te.encoding, 'utf-8');
    assertEq(Object.prototype.toString.call(te), '[object TextEncoder]');
    assertEq(TextEncoder.length, 0);
    assertEq(TextEncoder.prototype.encode.length, 0);
    assertEq(TextEncoder.prototype.encodeInto.length, 2);
    assertEq(TextEncoder.prototype.encode.name, 'encode');
    assertEq(TextEncoder.prototype.constructor, TextEncoder);
    assertThrows(TypeError, () => TextEncoder(), 'new');
});

test('encoder: encode of 1- to 4-byte characters', () => {
    const out = new TextEncoder().encode('aé€😀');
    assertTrue(out instanceof Uint8Array);
    assertDeepEq(Array.from(out), [0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80]);
    assertEq(out.buffer.byteLength, 10);
});

test('encoder: default and converted inputs', () => {
    const te = new TextEncoder();
    assertEq(te.encode().length, 0);
    assertEq(te.encode(undefined).length, 0);
    assertEq(te.encode('').length, 0);
    assertDeepEq(Array.from(te.encode(null)), [0x6E, 0x75, 0x6C, 0x6C]);
    assertDeepEq(Array.from(te.encode(12)), [0x31, 0x32]);
    assertDeepEq(Array.from(te.encode({ toString: () => 'x' })), [0x78]);
    assertDeepEq(Array.from(te.encode('\0')), [0]);
    assertThrows(TypeError, () => te.encode(Symbol('s')));
});

test('encoder: lone surrogates become U+FFFD', () => {
    const te = new TextEncoder();
    assertDeepEq(Array.from(te.encode('\uD800')), [0xEF, 0xBF, 0xBD]);
    assertDeepEq(Array.from(te.encode('\uDC00')), [0xEF, 0xBF, 0xBD]);
    assertDeepEq(Array.from(te.encode('a\uD800b')), [0x61, 0xEF, 0xBF, 0xBD, 0x62]);
    assertDeepEq(Array.from(te.encode('\uDC00\uD800')), [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD]);
    assertDeepEq(Array.from(te.encode('\uDBFF\uDFFF')), [0xF4, 0x8F, 0xBF, 0xBF]);
    assertDeepEq(Array.from(te.encode('\uD800\uD800\uDC00')),
                 [0xEF, 0xBF, 0xBD, 0xF0, 0x90, 0x80, 0x80]);
});

test('encoder: encodeInto counts UTF-16 units read and bytes written', () => {
    const te = new TextEncoder();
    const dst = new Uint8Array(10);
    const r = te.encodeInto('a😀', dst);
    assertDeepEq(r, { read: 3, written: 5 });
    assertDeepEq(Array.from(dst.subarray(0, 5)), [0x61, 0xF0, 0x9F, 0x98, 0x80]);
    assertEq(dst[5], 0);
});

test('encoder: encodeInto never splits a character', () => {
    const te = new TextEncoder();
    assertDeepEq(te.encodeInto('a😀b', new Uint8Array(4)), { read: 1, written: 1 });
    assertDeepEq(te.encodeInto('a😀b', new Uint8Array(5)), { read: 3, written: 5 });
    assertDeepEq(te.encodeInto('€', new Uint8Array(2)), { read: 0, written: 0 });
    assertDeepEq(te.encodeInto('\uD800', new Uint8Array(2)), { read: 0, written: 0 });
    assertDeepEq(te.encodeInto('\uD800', new Uint8Array(3)), { read: 1, written: 3 });
    assertDeepEq(te.encodeInto('', new Uint8Array(0)), { read: 0, written: 0 });
    assertDeepEq(te.encodeInto('abc', new Uint8Array(0)), { read: 0, written: 0 });
});

test('encoder: encodeInto writes at the view offset only', () => {
    const buf = new Uint8Array(8);
    const r = new TextEncoder().encodeInto('héllo', buf.subarray(2, 5));
    assertDeepEq(r, { read: 2, written: 3 });
    assertDeepEq(Array.from(buf), [0, 0, 0x68, 0xC3, 0xA9, 0, 0, 0]);
});

test('encoder: encodeInto wants a Uint8Array and two arguments', () => {
    const te = new TextEncoder();
    assertThrows(TypeError, () => te.encodeInto('a', new Int8Array(4)), 'Uint8Array');
    assertThrows(TypeError, () => te.encodeInto('a', new Uint8ClampedArray(4)), 'Uint8Array');
    assertThrows(TypeError, () => te.encodeInto('a', new ArrayBuffer(4)), 'Uint8Array');
    assertThrows(TypeError, () => te.encodeInto('a', [0, 0]), 'Uint8Array');
    assertThrows(TypeError, () => te.encodeInto('a'), '2 arguments');
    const shared = new Uint8Array(new SharedArrayBuffer(4));
    assertDeepEq(te.encodeInto('ab', shared), { read: 2, written: 2 });
    assertEq(shared[1], 0x62);
});

test('encoder: methods check their receiver', () => {
    assertThrows(TypeError, () => TextEncoder.prototype.encode.call({}, 'a'));
    assertThrows(TypeError, () => TextEncoder.prototype.encodeInto.call(new TextDecoder(), 'a',
                                                                        new Uint8Array(1)));
    const get = Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding').get;
    assertThrows(TypeError, () => get.call({}));
    assertEq(get.call(new TextEncoder()), 'utf-8');
});

test('encoder and decoder: IDL members are enumerable, in IDL order', () => {
    assertDeepEq(Object.keys(TextEncoder.prototype), ['encoding', 'encode', 'encodeInto']);
    assertDeepEq(Object.keys(TextDecoder.prototype), ['encoding', 'fatal', 'ignoreBOM', 'decode']);
    const d = Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'decode');
    assertTrue(d.writable && d.enumerable && d.configurable);
    const a = Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'fatal');
    assertTrue(a.enumerable && a.configurable && a.set === undefined);
    const tag = Object.getOwnPropertyDescriptor(TextEncoder.prototype, Symbol.toStringTag);
    assertEq(tag.enumerable, false);
});

// ---- TextDecoder: construction ----

test('decoder: attributes and class shape', () => {
    const td = new TextDecoder();
    assertEq(td.encoding, 'utf-8');
    assertEq(td.fatal, false);
    assertEq(td.ignoreBOM, false);
    assertEq(Object.prototype.toString.call(td), '[object TextDecoder]');
    assertEq(TextDecoder.length, 0);
    assertEq(TextDecoder.prototype.decode.length, 0);
    assertEq(TextDecoder.prototype.decode.name, 'decode');
    assertThrows(TypeError, () => TextDecoder(), 'new');
    const opts = new TextDecoder('utf8', { fatal: 1, ignoreBOM: 'yes' });
    assertEq(opts.fatal, true);
    assertEq(opts.ignoreBOM, true);
});

test('decoder: the UTF-8 labels, case-insensitive and trimmed', () => {
    for (const label of ['utf-8', 'UTF-8', 'utf8', 'Utf8', 'unicode-1-1-utf-8', 'unicode11utf8',
                         'unicode20utf8', 'x-unicode20utf8', ' utf-8 ', '\tutf8\n', '\f\rUTF-8\r'])
        assertEq(new TextDecoder(label).encoding, 'utf-8', JSON.stringify(label));
    assertEq(new TextDecoder(undefined).encoding, 'utf-8');
});

test('decoder: other labels are RangeErrors', () => {
    for (const label of ['latin1', 'utf-16le', 'utf-16', 'windows-1252', '', 'utf 8', 'utf-8\u00a0',
                         'utf-8\0', 'utf-7', null, 8])
        assertThrows(RangeError, () => new TextDecoder(label), 'not supported');
    const e = assertThrows(RangeError, () => new TextDecoder('latin1'));
    assertTrue(e.message.includes("'latin1'"), e.message);
    assertTrue(e.message.includes('only utf-8'), e.message);
    assertThrows(TypeError, () => new TextDecoder(Symbol('x')));
});

test('decoder: options must be an object', () => {
    assertThrows(TypeError, () => new TextDecoder('utf-8', 5), 'options');
    assertThrows(TypeError, () => new TextDecoder('utf-8', 'fatal'), 'options');
    assertEq(new TextDecoder('utf-8', null).fatal, false);
    assertThrows(TypeError, () => new TextDecoder().decode(u8(), 1), 'options');
});

test('decoder: getters and decode check their receiver', () => {
    for (const name of ['encoding', 'fatal', 'ignoreBOM']) {
        const get = Object.getOwnPropertyDescriptor(TextDecoder.prototype, name).get;
        assertThrows(TypeError, () => get.call({}), undefined, name);
        assertThrows(TypeError, () => get.call(new TextEncoder()), undefined, name);
    }
    assertThrows(TypeError, () => TextDecoder.prototype.decode.call({}, u8(0x61)));
});

test('decoder: subclasses work', () => {
    class MyDecoder extends TextDecoder {
        hello() { return this.decode(u8(0x68, 0x69)); }
    }
    const d = new MyDecoder();
    assertTrue(d instanceof MyDecoder);
    assertEq(d.hello(), 'hi');
});

// ---- TextDecoder: input kinds ----

test('decoder: every BufferSource kind', () => {
    const td = new TextDecoder();
    const bytes = u8(0x68, 0x69, 0x21, 0x3F);
    assertEq(td.decode(bytes.buffer), 'hi!?');
    assertEq(td.decode(new DataView(bytes.buffer)), 'hi!?');
    assertEq(td.decode(new DataView(bytes.buffer, 1, 2)), 'i!');
    assertEq(td.decode(bytes.subarray(1, 3)), 'i!');
    assertEq(td.decode(new Int8Array(bytes.buffer, 2)), '!?');
    assertEq(td.decode(new Uint16Array(bytes.buffer)), 'hi!?');
    assertEq(td.decode(new Float32Array(bytes.buffer)), 'hi!?');
    assertEq(td.decode(new Uint8ClampedArray([0x6f, 0x6b])), 'ok');
    assertEq(td.decode(new BigUint64Array(1)), '\0'.repeat(8));
    const shared = new Uint8Array(new SharedArrayBuffer(2));
    shared[0] = 0x6f;
    shared[1] = 0x6b;
    assertEq(td.decode(shared), 'ok');
    assertEq(td.decode(shared.buffer), 'ok');
    assertEq(td.decode(new ArrayBuffer(0)), '');
    assertEq(td.decode(), '');
    assertEq(td.decode(undefined), '');
});

test('decoder: anything else is a TypeError', () => {
    const td = new TextDecoder();
    for (const bad of ['abc', 1, null, {}, [0x61], { buffer: new ArrayBuffer(1) }, true])
        assertThrows(TypeError, () => td.decode(bad), 'ArrayBuffer');
});

// ---- TextDecoder: the UTF-8 decoder ----

test('decoder: valid sequences at the edges of each length', () => {
    assertDeepEq(codes(decode([0x00, 0x7F])), [0, 0x7F]);
    assertDeepEq(codes(decode([0xC2, 0x80, 0xDF, 0xBF])), [0x80, 0x7FF]);
    assertDeepEq(codes(decode([0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80])),
                 [0x800, 0xD7FF, 0xE000]);
    assertDeepEq(codes(decode([0xEF, 0xBF, 0xBF])), [0xFFFF]);
    assertDeepEq(codes(decode([0xF0, 0x90, 0x80, 0x80])), [0xD800, 0xDC00]);
    assertDeepEq(codes(decode([0xF4, 0x8F, 0xBF, 0xBF])), [0xDBFF, 0xDFFF]);
});

const R = '\uFFFD';
const invalid = [
    // [bytes, expected, what]
    [[0x80], R, 'lone continuation byte'],
    [[0xBF, 0x61], R + 'a', 'lone continuation byte before ASCII'],
    [[0xC0, 0x80], R + R, 'overlong lead C0'],
    [[0xC1, 0xBF], R + R, 'overlong lead C1'],
    [[0xC2], R, 'truncated 2-byte sequence at the end'],
    [[0xC2, 0x41], R + 'A', '2-byte sequence cut by ASCII'],
    [[0xC2, 0xC2, 0x80], R + '\u0080', '2-byte sequence cut by a lead'],
    [[0xE0, 0x80, 0x80], R + R + R, 'overlong 3-byte sequence'],
    [[0xE0, 0x9F, 0xBF], R + R + R, 'overlong 3-byte sequence (upper edge)'],
    [[0xE0, 0xA0], R, 'truncated 3-byte sequence: one U+FFFD'],
    [[0xE0, 0xA0, 0x41], R + 'A', '3-byte sequence cut after two bytes'],
    [[0xE1, 0x41], R + 'A', '3-byte sequence cut after one byte'],
    [[0xED, 0xA0, 0x80], R + R + R, 'surrogate D800'],
    [[0xED, 0xBF, 0xBF], R + R + R, 'surrogate DFFF'],
    [[0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80], R.repeat(6), 'surrogate pair in CESU-8'],
    [[0xF0, 0x80, 0x80, 0x80], R.repeat(4), 'overlong 4-byte sequence'],
    [[0xF0, 0x8F, 0xBF, 0xBF], R.repeat(4), 'overlong 4-byte sequence (upper edge)'],
    [[0xF0, 0x90, 0x80], R, 'truncated 4-byte sequence'],
    [[0xF0, 0x90], R, 'truncated 4-byte sequence after two bytes'],
    [[0xF0], R, 'lone 4-byte lead'],
    [[0xF4, 0x90, 0x80, 0x80], R.repeat(4), 'above U+10FFFF'],
    [[0xF5, 0x80, 0x80, 0x80], R.repeat(4), 'lead F5'],
    [[0xF7, 0xBF, 0xBF, 0xBF], R.repeat(4), 'lead F7'],
    [[0xF8, 0x88, 0x80, 0x80, 0x80], R.repeat(5), '5-byte form'],
    [[0xFC, 0x84, 0x80, 0x80, 0x80, 0x80], R.repeat(6), '6-byte form'],
    [[0xFE], R, 'byte FE'],
    [[0xFF], R, 'byte FF'],
    [[0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64],
     'a' + R + R + R + 'b' + R + 'c' + R + R + 'd', 'Unicode table 3-8 (maximal subparts)'],
];

test('decoder: invalid input, one U+FFFD per maximal subpart', () => {
    for (const [bytes, expected, what] of invalid)
        assertEq(decode(bytes), expected, what);
});

test('decoder: fatal turns each invalid input into a TypeError', () => {
    const td = new TextDecoder('utf-8', { fatal: true });
    for (const [bytes, , what] of invalid) {
        const e = assertThrows(TypeError, () => td.decode(u8(...bytes)), 'not valid utf-8');
        assertTrue(e instanceof TypeError, what);
    }
    // The decoder is usable again after an error.
    assertEq(td.decode(u8(0xC3, 0xA9)), 'é');
});

test('decoder: fatal streaming keeps a partial sequence until the end', () => {
    const td = new TextDecoder('utf-8', { fatal: true });
    assertEq(td.decode(u8(0x61, 0xE2, 0x82), { stream: true }), 'a');
    assertEq(td.decode(u8(0xAC), { stream: true }), '€');
    assertEq(td.decode(u8(0xF0, 0x9F), { stream: true }), '');
    assertThrows(TypeError, () => td.decode(), 'not valid utf-8');
    assertEq(td.decode(u8(0x62)), 'b');
});

test('decoder: streaming splits at every byte give the same text', () => {
    const text = 'a\u00e9\u20ac\ud83d\ude00z\u07ff\uffff\udbff\udfff';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
        const td = new TextDecoder();
        const s = td.decode(bytes.subarray(0, cut), { stream: true }) + td.decode(bytes.subarray(cut));
        assertEq(s, text, `cut at ${cut}`);
    }
    const td = new TextDecoder();
    let s = '';
    for (let i = 0; i < bytes.length; i++)
        s += td.decode(bytes.subarray(i, i + 1), { stream: true });
    assertEq(s + td.decode(), text, 'byte by byte');
});

test('decoder: streaming splits of invalid input give the same U+FFFDs', () => {
    for (const [bytes, expected, what] of invalid) {
        for (let cut = 0; cut <= bytes.length; cut++) {
            const td = new TextDecoder();
            const all = u8(...bytes);
            const s = td.decode(all.subarray(0, cut), { stream: true }) + td.decode(all.subarray(cut));
            assertEq(s, expected, `${what}, cut at ${cut}`);
        }
    }
});

test('decoder: a stream ends with U+FFFD for a dangling sequence', () => {
    const td = new TextDecoder();
    assertEq(td.decode(u8(0xF0, 0x9F, 0x98), { stream: true }), '');
    assertEq(td.decode(), R);
    // A new stream starts clean.
    assertEq(td.decode(u8(0x80, 0x61)), R + 'a');
    assertEq(td.decode(u8(0xE2), { stream: true }), '');
    assertEq(td.decode(u8(0x41)), R + 'A');
});

// ---- TextDecoder: byte order mark ----

test('decoder: a leading BOM is dropped once', () => {
    assertEq(decode([0xEF, 0xBB, 0xBF, 0x61]), 'a');
    assertEq(decode([0xEF, 0xBB, 0xBF]), '');
    assertEq(decode([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]), '\uFEFF');
    assertEq(decode([0x61, 0xEF, 0xBB, 0xBF]), 'a\uFEFF');
    assertEq(decode([0xEF, 0xBB]), R);
});

test('decoder: ignoreBOM keeps it', () => {
    assertEq(decode([0xEF, 0xBB, 0xBF, 0x61], { ignoreBOM: true }), '\uFEFFa');
});

test('decoder: BOM split across stream chunks', () => {
    const td = new TextDecoder();
    assertEq(td.decode(u8(0xEF), { stream: true }), '');
    assertEq(td.decode(u8(0xBB), { stream: true }), '');
    assertEq(td.decode(u8(0xBF, 0x61), { stream: true }), 'a');
    // The stream is past its start: a second BOM is text.
    assertEq(td.decode(u8(0xEF, 0xBB, 0xBF)), '\uFEFF');
    // A new decode call starts a new stream, whose BOM is dropped again.
    assertEq(td.decode(u8(0xEF, 0xBB, 0xBF, 0x62)), 'b');
});

test('decoder: an empty streamed chunk does not use up the BOM', () => {
    const td = new TextDecoder();
    assertEq(td.decode(u8(), { stream: true }), '');
    assertEq(td.decode(u8(0xEF, 0xBB, 0xBF, 0x63)), 'c');
});

test('decoder: a U+FFFD first also ends BOM handling', () => {
    assertEq(decode([0xFF, 0xEF, 0xBB, 0xBF]), R + '\uFEFF');
});

test('decoder: large input', () => {
    const big = new Uint8Array(1 << 20).fill(0x61);
    const s = new TextDecoder().decode(big);
    assertEq(s.length, 1 << 20);
    assertEq(s.slice(-3), 'aaa');
    const text = '€😀'.repeat(10000);
    assertEq(new TextDecoder().decode(new TextEncoder().encode(text)), text);
});

test('decoder: after a fatal error the next call starts a new stream', () => {
    const td = new TextDecoder('utf-8', { fatal: true });
    assertEq(td.decode(u8(0xEF, 0xBB), { stream: true }), '');
    assertThrows(TypeError, () => td.decode(u8(0x41), { stream: true }), 'not valid utf-8');
    // The BOM of the new stream is dropped again.
    assertEq(td.decode(u8(0xEF, 0xBB, 0xBF, 0x42), { stream: true }), 'B');
    assertEq(td.decode(u8(0xEF, 0xBB, 0xBF)), '\uFEFF');
    assertEq(td.decode(u8(0xEF, 0xBB, 0xBF, 0x43)), 'C');
});

test('decoder and encoder: detached buffers read as empty', () => {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const old = mem.buffer;
    const view = new Uint8Array(old, 0, 4);
    view.set([0x68, 0x69]);
    assertEq(new TextDecoder().decode(view.subarray(0, 2)), 'hi');
    const dv = new DataView(old, 0, 2);
    mem.grow(1); // detaches old
    assertEq(old.byteLength, 0);
    assertEq(new TextDecoder().decode(old), '');
    assertEq(new TextDecoder().decode(view), '');
    assertEq(new TextDecoder().decode(dv), '');
    assertDeepEq(new TextEncoder().encodeInto('abc', view), { read: 0, written: 0 });
    // A stream goes on past a detached chunk.
    const td = new TextDecoder();
    assertEq(td.decode(new Uint8Array([0xC3]), { stream: true }), '');
    assertEq(td.decode(old, { stream: true }), '');
    assertEq(td.decode(new Uint8Array([0xA9])), 'é');
});
