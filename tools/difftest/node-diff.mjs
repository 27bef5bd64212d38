// node-diff.mjs FILE.wasm SIGS.json [MEMORY_PREFIX]: the reference side of make difftest. Runs a module made by
// `wasm-opt -ttf` under Node's WebAssembly and prints, in qw-diff's format, every call to the
// fuzzing-support log imports, each export's results or trap, and a hash of each exported memory
// and the value of each exported global. Floats print as bit patterns; NaN prints as "nan"
// (the spec leaves NaN payloads nondeterministic). With MEMORY_PREFIX each exported memory's
// bytes also go to MEMORY_PREFIX.NAME, for the NaN-aware comparison (nan-cmp.mjs).
import { readFileSync, writeFileSync } from 'node:fs';

const out = [];
const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const hex = (v, w) => v.toString(16).padStart(w, '0');
function fmt(type, v) {
    switch (type) {
    case 'i32': return 'i32:' + hex(v >>> 0, 8);
    case 'i64': return 'i64:' + hex(BigInt.asUintN(64, v), 16);
    case 'f32': if (Number.isNaN(v)) return 'f32:nan'; f32[0] = v; return 'f32:' + hex(u32[0], 8);
    case 'f64': if (Number.isNaN(v)) return 'f64:nan'; f64[0] = v; return 'f64:' + hex(u64[0], 16);
    default: return type + ':' + (v === null ? 'null' : 'nonnull');
    }
}

// V8's trap messages, mapped to the kinds qw-diff prints.
const TRAPS = [
    ['unreachable', 'unreachable'],
    ['memory access out of bounds', 'memory'],
    ['data segment', 'memory'], // memory.init beyond a segment
    ['divide by zero', 'div-zero'],
    ['remainder by zero', 'div-zero'],
    ['divide result unrepresentable', 'int-range'],
    ['float unrepresentable', 'int-range'], // truncation: spec's overflow and NaN alike
    ['table index is out of bounds', 'table'],
    ['element segment', 'table'],
    ['null function or function signature mismatch', 'indirect'],
    ['function signature mismatch', 'indirect'],
    ['Maximum call stack size exceeded', 'stack'],
    ['dereferencing a null pointer', 'null'],
];
function trapKind(e) {
    if (e instanceof WebAssembly.Exception)
        return 'exception';
    const msg = String(e && e.message);
    for (const [m, k] of TRAPS)
        if (msg.includes(m))
            return k;
    return 'other(' + msg + ')';
}

const bytes = readFileSync(process.argv[2]);
// The export signatures come from `qw-diff --sigs` (Node 20 has no type reflection).
let sigs = [];
try {
    sigs = JSON.parse(readFileSync(process.argv[3], 'utf8'));
} catch {
    // qw-diff printed no signatures (instantiation failed there): only instantiation compares
}
let mod;
try {
    mod = new WebAssembly.Module(bytes);
} catch (e) {
    console.log('compile error');
    console.error(String(e));
    process.exit(0);
}
// log-v128 cannot be a JS function (v128 does not cross into JS): a tiny Wasm module takes the
// vector and hands its four i32 lanes to JS.
// (module (import "h" "log" (func (param i32 i32 i32 i32)))
//   (func (export "f") (param v128) (call 0 (i32x4.extract_lane 0 (local.get 0)) ... lane 3)))
function logV128() {
    const lane = (l) => [0x20, 0x00, 0xfd, 0x1b, l];
    const body = [0x00, ...lane(0), ...lane(1), ...lane(2), ...lane(3), 0x10, 0x00, 0x0b];
    const bin = new Uint8Array([
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 12, 0x02, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, 0x60, 0x01, 0x7b, 0x00,
        0x02, 9, 0x01, 0x01, 0x68, 0x03, 0x6c, 0x6f, 0x67, 0x00, 0x00,
        0x03, 2, 0x01, 0x01,
        0x07, 5, 0x01, 0x01, 0x66, 0x00, 0x01,
        0x0a, body.length + 2, 0x01, body.length, ...body,
    ]);
    const log = (...l) => { out.push('log v128:' + l.map((v) => hex(v >>> 0, 8)).join(' ')); };
    return new WebAssembly.Instance(new WebAssembly.Module(bin), { h: { log } }).exports.f;
}

const imports = {};
const logTypes = { 'log-i32': 'i32', 'log-i64': 'i64', 'log-f32': 'f32', 'log-f64': 'f64' };
for (const imp of WebAssembly.Module.imports(mod)) {
    if (imp.module === 'fuzzing-support' && imp.name === 'log-v128' && imp.kind === 'function') {
        (imports[imp.module] ??= {})[imp.name] = logV128();
        continue;
    }
    const t = logTypes[imp.name];
    if (imp.module !== 'fuzzing-support' || !t || imp.kind !== 'function') {
        console.log(`skip import ${imp.module}.${imp.name}`);
        console.error('(no such fuzzing-support import in node-diff.mjs)');
        process.exit(0);
    }
    (imports[imp.module] ??= {})[imp.name] = (v) => { out.push('log ' + fmt(t, v)); };
}

let inst;
try {
    inst = new WebAssembly.Instance(mod, imports);
} catch (e) {
    out.push('instantiate trap ' + trapKind(e));
    console.log(out.join('\n'));
    process.exit(0);
}
const ex = inst.exports;
for (const s of sigs) {
    if (s.name === 'hangLimitInitializer')
        continue;
    if (ex.hangLimitInitializer)
        ex.hangLimitInitializer();
    out.push('call ' + s.name);
    const args = s.params.map((t) => (t === 'i64' ? 0n : t === 'i32' || t[0] === 'f' ? 0 : null));
    try {
        let r = ex[s.name](...args);
        if (s.results.length === 1)
            r = [r];
        out.push('result' + s.results.map((t, i) => ' ' + fmt(t, r[i])).join(''));
    } catch (e) {
        if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError) &&
            !(e instanceof WebAssembly.Exception))
            throw e;
        out.push('trap ' + trapKind(e));
        if (trapKind(e) === 'stack')
            break; // how deep each engine gets differs: the rest is not comparable
    }
}
for (const [name, v] of Object.entries(ex)) {
    if (v instanceof WebAssembly.Memory) {
        const b = new Uint8Array(v.buffer);
        let h = 0x811c9dc5; // FNV-1a, 32 bits
        for (let i = 0; i < b.length; i++)
            h = Math.imul(h ^ b[i], 0x01000193) >>> 0;
        out.push(`memory ${name} ${b.length} ${hex(h, 8)}`);
        if (process.argv[4])
            writeFileSync(`${process.argv[4]}.${name}`, b);
    }
}
console.log(out.join('\n'));
