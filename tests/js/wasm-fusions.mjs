// The compiler's fused instructions give the Wasm results (fixtures/fusions.wasm, built from
// tests/data/fusions.wat): operands, 2^32 wrap-around of fused addresses, NaN in fused float
// branches, locals a fusion must still write.
import { test, assertEq, assertThrows } from './lib/assert.mjs';

const bytes = qwasm.readFile('tests/js/fixtures/fusions.wasm');
const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(bytes));

test('a local.tee of a shifted index used as an address is still written', () => {
    assertEq(e.shl_tee(1), 2 + 4);
    assertEq(e.shl_tee(3), 4 + 12);
});

test('(idx << k) + imm as a load address wraps at 2^32', () => {
    assertEq(e.load_scaled_imm(0), 1);
    assertEq(e.load_scaled_imm(2), 3);
    assertEq(e.load_scaled_imm(0x40000001), 2); // (2^30 + 1) << 2 wraps to 4
    assertEq(e.load_scaled_imm(0x3ffffffc), 0); // 2^32 - 16 + 16 wraps to 0
    assertThrows(WebAssembly.RuntimeError, () => e.load_scaled_imm(0x4000)); // 65536 + 16
});

test('a constant stored at x + imm wraps at 2^32 and bounds-checks', () => {
    assertEq(e.store_const_at_add(0), 0xab);
    new Uint8Array(e.mem.buffer)[42] = 0;
    assertEq(e.store_const_at_add(-40 >>> 0), 0); // address 0 + offset 2
    assertEq(new Uint8Array(e.mem.buffer)[2], 0xab);
    assertThrows(WebAssembly.RuntimeError, () => e.store_const_at_add(65536 - 42));
});

test('zero stores: parameters and stores in loops are kept', () => {
    assertEq(e.zero_param(5), 0);
    assertEq(e.zero_in_loop(4), 4 * 3 + 7);
});

test('a result written in place over its own operand', () => {
    assertEq(e.ret_in_place(3, 10), 7);
    assertEq(e.ret_in_place(10, 3), -7);
});

test('float compare and branch with a constant, NaN included', () => {
    assertEq(e.f32_le_loop(0), 5);
    assertEq(e.f32_le_loop(3.5), 1);
    assertEq(e.f32_le_loop(NaN), 1);
    assertEq(e.f64_lt_if(0.25), 1);
    assertEq(e.f64_lt_if(0.5), 2);
    assertEq(e.f64_lt_if(NaN), 2);
    assertEq(e.f64_ge_slots(2, 1), 1);
    assertEq(e.f64_ge_slots(1, 2), 0);
    assertEq(e.f64_ge_slots(NaN, 1), 0);
});

test('copies in a row keep their order', () => {
    assertEq(e.swap32(1, 2), 21);
    assertEq(e.swap64(1n, 2n), 21n);
    assertEq(e.swap64(1n << 40n, 2n), 20n + (1n << 40n));
});

test('i32 select and global.set', () => {
    assertEq(e.select32(1), 11);
    assertEq(e.select32(0), 22);
    assertEq(e.global32(41), 42);
    assertEq(e.global32(-1), 0);
});

test('an addition fused with the compare and branch on its result', () => {
    assertEq(e.count_ne(0, 30), 10);
    assertEq(e.count_ne(-6, 0), 2); // wraps through 0xfffffffd
    assertEq(e.count_lt_imm(0), 1000 + 10);
    assertEq(e.count_lt_imm(20), 100 + 21);
    assertEq(e.count_lt_imm(-5), 1500 + 10);
    assertEq(e.count_le_u_slots(0, 2, 10), 6);
    assertEq(e.count_le_u_slots(0xfffffff0, 0x10, 5), 2); // wraps to 0, then 16 > 5
    assertEq(e.sum_gt_u(50, 51), 1);
    assertEq(e.sum_gt_u(50, 50), 0);
    assertEq(e.sum_gt_u(-1, 101), 0); // 100 after the wrap
});

test('pairs of i32 operations with constants', () => {
    assertEq(e.lcg(0), 1013904223);
    assertEq(e.lcg(-1), (Math.imul(-1, 1664525) + 1013904223) | 0);
    assertEq(e.lcg(123456789), (Math.imul(123456789, 1664525) + 1013904223) | 0);
    assertEq(e.bits(-1), 28 | (((-1 - 3) & 255) << 8));
    assertEq(e.bits(0x12345678), ((0x12345678 >>> 27) & 28) | (((0x12345678 - 3) & 255) << 8));
    assertEq(e.bits(1), 0 | (((1 - 3) & 255) << 8));
    assertEq(e.tee_between(5), 16 | (15 << 16));
});

test('binary operations on a value just loaded', () => {
    const f64 = new Float64Array(e.mem.buffer, 1024, 2);
    f64[0] = 0.5;
    f64[1] = 3;
    assertEq(e.mem_ops(1024, 2), 2 * 3 - 0.5);
    assertThrows(WebAssembly.RuntimeError, () => e.mem_ops(65536 - 8, 1));
    const i32 = new Int32Array(e.mem.buffer, 2048, 2);
    i32[0] = 7;
    i32[1] = -9;
    assertEq(e.mem_add32(2048, 100), 98);
    assertThrows(WebAssembly.RuntimeError, () => e.mem_add32(65536 - 4, 1));
    new Float32Array(e.mem.buffer, 4096, 1)[0] = 1.5;
    assertEq(e.mem_f32(4096, 0.25), 1.75);
});

test('loads from a constant address', () => {
    assertEq(e.load_const_addr(), 3);
    assertThrows(WebAssembly.RuntimeError, () => e.load_const_far());
});

test('a shift or rotate by a constant feeding an xor or add', () => {
    const rotl = (v, k) => ((v << k) | (v >>> (32 - k))) | 0;
    const sigma = (x, y) =>
        ((((rotl(x, 26) ^ rotl(x, 21)) ^ (y ^ rotl(x, 7))) ^ (y >>> 3)) + (x << 2)) | 0;
    for (const [x, y] of [[0, 0], [1, 2], [0x6a09e667, 0xbb67ae85 | 0], [-1, 0x12345678]])
        assertEq(e.sigma(x, y), sigma(x, y));
    const M = (1n << 64n) - 1n;
    const rotl64 = (v, k) => ((v << k) | (v >> (64n - k))) & M;
    const mix64 = (x, y) => {
        x = BigInt.asUintN(64, x);
        y = BigInt.asUintN(64, y);
        return BigInt.asIntN(64, ((((x >> 31n) ^ y) + (x >> 17n)) & M) ^ rotl64(y, 27n));
    };
    for (const [x, y] of [[0n, 0n], [1n, 2n], [-1n, 0x123456789abcdefn], [0x7fffffffffffffffn, -5n]])
        assertEq(e.mix64(x, y), mix64(x, y));
    assertEq(e.shift_tee(3), ((3 << 4) + 3) ^ (3 << 4));
});
