// nan-cmp.mjs A B: whether two memory images differ only where both hold a quiet NaN of the same
// width at the same address. The spec lets an arithmetic instruction whose NaN operand is not
// canonical return any arithmetic NaN (quiet bit set, any payload and sign; "NaN propagation"), so
// a stored f32/f64 result may legitimately differ between engines: qwasm propagates the payload,
// V8 often returns the canonical NaN. Bit-exact operations (loads, stores, reinterpret, abs, neg,
// copysign) must agree, and a non-quiet NaN is never an allowed arithmetic result: both would
// still be reported. Exit 0 if equal modulo such NaNs, 1 (with the first differing ranges) if not.
import { readFileSync } from 'node:fs';

const [a, b] = [readFileSync(process.argv[2]), readFileSync(process.argv[3])];
if (a.length !== b.length) {
    console.log(`nan-cmp: sizes differ: ${a.length} vs ${b.length}`);
    process.exit(1);
}
// A quiet NaN of `width` bytes at `at` (little-endian): exponent all ones, top mantissa bit set.
function quietNaN(m, at, width) {
    if (at < 0 || at + width > m.length)
        return false;
    if (width === 4)
        return (m[at + 3] & 0x7f) === 0x7f && (m[at + 2] & 0xc0) === 0xc0;
    return (m[at + 7] & 0x7f) === 0x7f && (m[at + 6] & 0xf8) === 0xf8;
}
// Some NaN window of one width covering byte i on both sides, as [start, end), or null.
function nanWindow(i) {
    for (const width of [8, 4])
        for (let at = i - width + 1; at <= i; at++)
            if (quietNaN(a, at, width) && quietNaN(b, at, width))
                return [at, at + width];
    return null;
}
let bad = 0;
for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i])
        continue;
    const w = nanWindow(i);
    if (w) {
        i = w[1] - 1; // the rest of the window may differ too
        continue;
    }
    if (bad++ < 5)
        console.log(`nan-cmp: byte ${i}: ${a[i]} vs ${b[i]}, not inside a NaN on both sides`);
}
process.exit(bad ? 1 : 0);
