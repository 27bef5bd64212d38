// wasm-bytes.mjs: builds small WebAssembly binaries from JS for the tests (no wabt at run time).
// Each section helper takes already-encoded entries; the encoders below cover what the tests use.

export const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;
export const FUNCREF = 0x70, EXTERNREF = 0x6f, EXNREF = 0x69;

export function uleb(n) {
    const out = [];
    n = BigInt(n);
    do {
        let b = Number(n & 0x7fn);
        n >>= 7n;
        if (n !== 0n) b |= 0x80;
        out.push(b);
    } while (n !== 0n);
    return out;
}

export function sleb(n) {
    const out = [];
    n = BigInt(n);
    for (;;) {
        const b = Number(n & 0x7fn);
        n >>= 7n;
        if ((n === 0n && !(b & 0x40)) || (n === -1n && (b & 0x40))) {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

export function str(s) {
    const bytes = Array.from(new TextEncoder().encode(s));
    return [...uleb(bytes.length), ...bytes];
}

function vec(items) {
    return [...uleb(items.length), ...items.flat()];
}

function section(id, items) {
    const body = vec(items);
    return [id, ...uleb(body.length), ...body];
}

// A module from a description: { types: [[params, results]], imports: [[module, name, desc]],
// funcs: [typeidx], tables: [[elemtype, min, max?]], memories: [[min, max?, shared?, i64?]],
// globals: [[type, mutable, initExpr]], tags: [typeidx], exports: [[name, kind, index]],
// codes: [[locals, bodyBytes]], customs: [[name, bytes]] } -> Uint8Array.
export function module(d = {}) {
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const limits = (min, max, shared, i64) => {
        const flags = (max === undefined ? 0 : 1) | (shared ? 2 : 0) | (i64 ? 4 : 0);
        return [flags, ...uleb(min), ...(max === undefined ? [] : uleb(max))];
    };
    // a type is [params, results], or the encoded bytes of any composite type (GC struct/array)
    if (d.types) out.push(...section(1, d.types.map(t => typeof t[0] === 'number' ? t : [0x60, ...vec(t[0]), ...vec(t[1])])));
    if (d.imports) out.push(...section(2, d.imports.map(([m, n, desc]) => [...str(m), ...str(n), ...desc])));
    if (d.funcs) out.push(...section(3, d.funcs.map(t => uleb(t))));
    if (d.tables) out.push(...section(4, d.tables.map(([t, min, max]) => [t, ...limits(min, max)])));
    if (d.memories) out.push(...section(5, d.memories.map(([min, max, shared, i64]) => limits(min, max, shared, i64))));
    if (d.tags) out.push(...section(13, d.tags.map(t => [0x00, ...uleb(t)])));
    if (d.globals) out.push(...section(6, d.globals.map(([t, m, init]) => [t, m ? 1 : 0, ...init, 0x0b])));
    if (d.exports) out.push(...section(7, d.exports.map(([n, k, i]) => [...str(n), k, ...uleb(i)])));
    // elems: [[offset, [funcidx...]]], active segments of table 0 (flags 0).
    if (d.elems) out.push(...section(9, d.elems.map(([off, fns]) => [0x00, 0x41, ...sleb(off), 0x0b, ...vec(fns.map(uleb))])));
    if (d.codes) out.push(...section(10, d.codes.map(([locals, body]) => {
        const f = [...vec(locals), ...body, 0x0b];
        return [...uleb(f.length), ...f];
    })));
    for (const [name, bytes] of d.customs || []) {
        const body = [...str(name), ...bytes];
        out.push(0, ...uleb(body.length), ...body);
    }
    return new Uint8Array(out);
}

// Import descriptions.
export const importFunc = t => [0x00, ...uleb(t)];
export const importTable = (t, min, max) => [0x01, t, ...(max === undefined ? [0, ...uleb(min)] : [1, ...uleb(min), ...uleb(max)])];
export const importMemory = (min, max, shared) =>
    [0x02, ...(max === undefined ? [0, ...uleb(min)] : [shared ? 3 : 1, ...uleb(min), ...uleb(max)])];
export const importGlobal = (t, mut) => [0x03, t, mut ? 1 : 0];
export const importTag = t => [0x04, 0x00, ...uleb(t)];

// Export kinds.
export const KFUNC = 0, KTABLE = 1, KMEMORY = 2, KGLOBAL = 3, KTAG = 4;
