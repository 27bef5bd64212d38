// canon-nans.mjs IN.wat OUT.wat: the SIMD half of difftest.sh's NaN retry. binaryen's --denan
// (version 108) rewrites scalar float results that are NaN to 0 but leaves v128 alone, so this
// wraps every f32x4/f64x2 instruction whose NaN results the spec leaves nondeterministic
// (arithmetic, min/max, rounding, demote/promote; not abs/neg/pmin/pmax, which are exact) in a
// call that replaces each NaN lane with the positive canonical NaN. Both engines then compute the
// same bits wherever the original module only differed in NaN payloads or signs.
import { readFileSync, writeFileSync } from 'node:fs';

const OPS = ['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];
const wrap = new Map();
for (const op of OPS) {
    wrap.set(`f32x4.${op}`, '$qwdiff_canon_f32x4');
    wrap.set(`f64x2.${op}`, '$qwdiff_canon_f64x2');
}
wrap.set('f32x4.demote_f64x2_zero', '$qwdiff_canon_f32x4');
wrap.set('f64x2.promote_low_f32x4', '$qwdiff_canon_f64x2');

const src = readFileSync(process.argv[2], 'utf8');
let out = '';
const closers = []; // for each open paren: the text its ")" becomes
for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"') { // a string: copied as it is, parentheses included
        let j = i + 1;
        while (j < src.length && src[j] !== '"')
            j += src[j] === '\\' ? 2 : 1;
        out += src.slice(i, j + 1);
        i = j;
    } else if (c === ';' && src[i + 1] === ';') { // a line comment
        const j = src.indexOf('\n', i);
        out += src.slice(i, j < 0 ? src.length : j);
        i = (j < 0 ? src.length : j) - 1;
    } else if (c === '(') {
        const name = /^[a-z0-9_.]+/.exec(src.slice(i + 1, i + 40));
        const fn = name && wrap.get(name[0]);
        out += fn ? `(call ${fn} (` : '(';
        closers.push(fn ? '))' : ')');
    } else if (c === ')') {
        out += closers.pop();
    } else {
        out += c;
    }
}
// The helpers go before the module's closing parenthesis.
const end = out.lastIndexOf(')');
const helper = (name, shape, nan) => `
 (func ${name} (param $v v128) (result v128)
  (v128.bitselect (local.get $v) (v128.const ${nan}) (${shape}.eq (local.get $v) (local.get $v))))`;
out = out.slice(0, end) +
    helper('$qwdiff_canon_f32x4', 'f32x4', 'i32x4 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000') +
    helper('$qwdiff_canon_f64x2', 'f64x2', 'i64x2 0x7ff8000000000000 0x7ff8000000000000') +
    '\n' + out.slice(end);
writeFileSync(process.argv[3], out);
