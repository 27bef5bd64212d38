// Bad input to WebAssembly.Memory, Table, Global, Tag and Exception (issue #6): descriptors that
// are not objects, proxies whose traps throw or record the order of reads, [EnforceRange]
// numbers out of range, methods and accessors called on other objects, calls without new, and
// subclassing. The error each case names is the JS-API's (WebIDL's); the read orders are the
// ones the JS-API tests (memory/table/global constructor.any.js) fix.
import { test, assertEq, assertTrue, assertThrows, assertDeepEq } from './lib/assert.mjs';
import { module, I32, FUNCREF, KFUNC } from './lib/wasm-bytes.mjs';

const boom = new Error('boom');
const throwsOnConvert = { valueOf() { throw boom; }, toString() { throw boom; } };
const throwingProxy = new Proxy({}, { get() { throw boom; } });

// A descriptor that logs each property read (and each conversion of what it returns).
function recorder(desc, log) {
    return new Proxy(desc, {
        get(t, k) {
            log.push(String(k));
            const v = t[k];
            if (typeof v === 'number' || typeof v === 'string')
                return { valueOf() { log.push(`${String(k)} valueOf`); return v; },
                    toString() { log.push(`${String(k)} toString`); return String(v); } };
            return v;
        },
        has(t, k) { log.push(`has ${String(k)}`); return k in t; },
    });
}

// [EnforceRange] unsigned long: TypeErrors for what is not finite or out of [0, 2^32).
const badIndex = [undefined, NaN, Infinity, -Infinity, -1, 2 ** 32, 2 ** 53, -(2 ** 53), Symbol('i'), 1n, {}];
// ... and values that convert: [value, index].
const goodIndex = [[-0, 0], [0.9, 0], ['1', 1], [true, 1], [null, 0], [[], 0], [{ valueOf: () => 1 }, 1], [-0.9, 0]];

const fnInstance = new WebAssembly.Instance(new WebAssembly.Module(module({
    types: [[[], [I32]]], funcs: [0], exports: [['f', KFUNC, 0]], codes: [[[], [0x41, 7]]],
})));
const wasmFn = fnInstance.exports.f;

function accessor(proto, name) {
    return Object.getOwnPropertyDescriptor(proto, name);
}

// Other objects as `this`: plain ones, the prototype itself, proxies of a real object, and
// objects of the other WebAssembly classes.
function others(real) {
    return [undefined, null, 1, 'x', {}, Object.create(Object.getPrototypeOf(real)), Object.getPrototypeOf(real),
        new Proxy(real, {}), new WebAssembly.Memory({ initial: 0 }),
        new WebAssembly.Table({ element: 'anyfunc', initial: 0 }), new WebAssembly.Global({ value: 'i32' }),
        new WebAssembly.Tag({ parameters: [] }), wasmFn].filter(o => o !== real &&
        Object.prototype.toString.call(o) !== Object.prototype.toString.call(real));
}

test('constructors need new and a descriptor object', () => {
    const ctors = { Memory: { initial: 0 }, Table: { element: 'anyfunc', initial: 0 }, Global: { value: 'i32' },
        Tag: { parameters: [] } };
    for (const [name, good] of Object.entries(ctors)) {
        assertThrows(TypeError, () => WebAssembly[name](good), undefined);
        assertThrows(TypeError, () => new WebAssembly[name](), undefined);
        for (const d of [undefined, null, 1, 'initial', Symbol('d'), 1n, true])
            assertThrows(TypeError, () => new WebAssembly[name](d), undefined);
        assertEq(assertThrows(Error, () => new WebAssembly[name](throwingProxy)), boom);
    }
    const tag = new WebAssembly.Tag({ parameters: [] });
    assertThrows(TypeError, () => WebAssembly.Exception(tag, []));
});

test('subclasses get new.target\'s prototype', () => {
    const cases = [[WebAssembly.Memory, [{ initial: 0 }]], [WebAssembly.Table, [{ element: 'externref', initial: 0 }]],
        [WebAssembly.Global, [{ value: 'i32' }, 1]], [WebAssembly.Tag, [{ parameters: ['i32'] }]]];
    for (const [C, a] of cases) {
        class Sub extends C {}
        const o = new Sub(...a);
        assertEq(Object.getPrototypeOf(o), Sub.prototype);
        assertTrue(o instanceof C);
    }
    const tag = new WebAssembly.Tag({ parameters: ['i32'] });
    class SubExn extends WebAssembly.Exception {}
    const e = new SubExn(tag, [1]);
    assertEq(Object.getPrototypeOf(e), SubExn.prototype);
    assertEq(e.getArg(tag, 0), 1);
    class SubMem extends WebAssembly.Memory {}
    assertEq(new SubMem({ initial: 1 }).grow(0), 1);
});

test('Memory: descriptor read order and conversions', () => {
    const log = [];
    new WebAssembly.Memory(recorder({ initial: 1, maximum: 2, address: 'i32', shared: false }, log));
    assertDeepEq(log, ['address', 'address toString', 'initial', 'initial valueOf', 'maximum', 'maximum valueOf', 'shared']);
    for (const v of badIndex)
        assertThrows(TypeError, () => new WebAssembly.Memory({ initial: v }), undefined);
    for (const v of badIndex.filter(v => v !== undefined))
        assertThrows(TypeError, () => new WebAssembly.Memory({ initial: 0, maximum: v }), undefined);
    for (const [v, n] of goodIndex)
        assertEq(new WebAssembly.Memory({ initial: v }).buffer.byteLength, n * 65536);
    assertEq(assertThrows(Error, () => new WebAssembly.Memory({ initial: throwsOnConvert })), boom);
    assertThrows(RangeError, () => new WebAssembly.Memory({ initial: 65537 }));
    assertThrows(RangeError, () => new WebAssembly.Memory({ initial: 0, maximum: 65537 }));
    assertThrows(RangeError, () => new WebAssembly.Memory({ initial: 2, maximum: 1 }));
    assertThrows(TypeError, () => new WebAssembly.Memory({ initial: 1, shared: true }));
    for (const a of ['i16', 'I32', '', Symbol('a'), {}])
        assertThrows(TypeError, () => new WebAssembly.Memory({ initial: 1, address: a }), undefined);
    // The address type is read first: a bad one hides a bad initial.
    assertThrows(TypeError, () => new WebAssembly.Memory({ initial: -1, address: 'x' }), 'address');
});

test('Memory: i64 addresses take BigInts', () => {
    assertEq(new WebAssembly.Memory({ initial: 1n, address: 'i64' }).grow(0n), 1n);
    for (const v of [1, undefined, -1n, 2n ** 64n, Symbol('i')])
        assertThrows(TypeError, () => new WebAssembly.Memory({ initial: v, address: 'i64' }), undefined);
    assertThrows(SyntaxError, () => new WebAssembly.Memory({ initial: '1.5', address: 'i64' }));
    const m = new WebAssembly.Memory({ initial: 0n, address: 'i64' });
    assertThrows(TypeError, () => m.grow(1));
    assertThrows(RangeError, () => m.grow(2n ** 48n));
});

test('Memory.grow and buffer: this, delta and the detached old buffer', () => {
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 3 });
    const grow = WebAssembly.Memory.prototype.grow;
    const buffer = accessor(WebAssembly.Memory.prototype, 'buffer');
    assertEq(buffer.set, undefined);
    for (const o of others(mem)) {
        assertThrows(TypeError, () => grow.call(o, 0), undefined);
        assertThrows(TypeError, () => buffer.get.call(o), undefined);
    }
    for (const v of badIndex)
        assertThrows(TypeError, () => mem.grow(v), undefined);
    assertThrows(TypeError, () => mem.grow());
    assertThrows(RangeError, () => mem.grow(3));
    assertThrows(RangeError, () => mem.grow(65536));
    assertEq(mem.buffer.byteLength, 65536); // a failed grow keeps the buffer
    const old = mem.buffer;
    assertEq(mem.grow(-0), 1);
    assertEq(old.byteLength, 0);
    assertTrue(old !== mem.buffer);
    assertThrows(TypeError, () => new Uint8Array(old));
    assertEq(mem.grow('1'), 1);
    // Assigning the accessor without a setter fails in strict code.
    assertThrows(TypeError, () => { mem.buffer = new ArrayBuffer(8); });
});

test('Table: descriptor read order and conversions', () => {
    const log = [];
    new WebAssembly.Table(recorder({ element: 'anyfunc', initial: 1, maximum: 2, address: 'i32' }, log));
    assertDeepEq(log, ['element', 'element toString', 'address', 'address toString', 'initial', 'initial valueOf',
        'maximum', 'maximum valueOf']);
    for (const e of [undefined, 'i32', 'any', 'funcref ', 'externref\0', Symbol('e'), {}, 1])
        assertThrows(TypeError, () => new WebAssembly.Table({ element: e, initial: 0 }), undefined);
    assertEq(assertThrows(Error, () => new WebAssembly.Table({ element: throwsOnConvert, initial: 0 })), boom);
    for (const v of badIndex)
        assertThrows(TypeError, () => new WebAssembly.Table({ element: 'anyfunc', initial: v }), undefined);
    assertThrows(RangeError, () => new WebAssembly.Table({ element: 'anyfunc', initial: 10000001 }));
    assertThrows(RangeError, () => new WebAssembly.Table({ element: 'anyfunc', initial: 2, maximum: 1 }));
    // The initial value: a funcref table takes Wasm functions and null only.
    for (const v of [undefined, 0, {}, () => {}, 'f', Symbol('f'), new Proxy(wasmFn, {})])
        assertThrows(TypeError, () => new WebAssembly.Table({ element: 'anyfunc', initial: 1 }, v), undefined);
    assertEq(new WebAssembly.Table({ element: 'anyfunc', initial: 1 }, wasmFn).get(0), wasmFn);
    const sym = Symbol('e');
    assertEq(new WebAssembly.Table({ element: 'externref', initial: 1 }, sym).get(0), sym);
    assertEq(new WebAssembly.Table({ element: 'externref', initial: 1 }).get(0), undefined);
});

test('Table methods: this, index and value', () => {
    const tab = new WebAssembly.Table({ element: 'anyfunc', initial: 2, maximum: 4 });
    const P = WebAssembly.Table.prototype;
    for (const o of others(tab)) {
        assertThrows(TypeError, () => P.get.call(o, 0), undefined);
        assertThrows(TypeError, () => P.set.call(o, 0, null), undefined);
        assertThrows(TypeError, () => P.grow.call(o, 0), undefined);
        assertThrows(TypeError, () => accessor(P, 'length').get.call(o), undefined);
    }
    assertEq(accessor(P, 'length').set, undefined);
    for (const v of badIndex) {
        assertThrows(TypeError, () => tab.get(v), undefined);
        assertThrows(TypeError, () => tab.set(v, null), undefined);
        assertThrows(TypeError, () => tab.grow(v), undefined);
    }
    for (const [v, n] of goodIndex) {
        tab.set(v, wasmFn);
        assertEq(tab.get(n), wasmFn);
        tab.set(n, null);
    }
    assertThrows(TypeError, () => tab.get());
    assertThrows(TypeError, () => tab.set());
    assertThrows(RangeError, () => tab.get(2));
    assertThrows(RangeError, () => tab.set(2, null));
    // The index converts before the value; a bad value changes nothing.
    assertThrows(RangeError, () => tab.set(2, {}));
    tab.set(0, wasmFn);
    for (const v of [undefined, {}, 1, () => {}])
        assertThrows(TypeError, () => tab.set(0, v), undefined);
    assertEq(tab.get(0), wasmFn);
    for (const v of [{}, () => {}])
        assertThrows(TypeError, () => tab.grow(1, v), undefined);
    assertEq(tab.length, 2);
    assertThrows(RangeError, () => tab.grow(3));
    assertEq(tab.grow(1, wasmFn), 2);
    assertEq(tab.get(2), wasmFn);
    assertEq(tab.length, 3);
    tab.set(1);
    assertEq(tab.get(1), null);
});

test('Global: descriptor read order, types and values', () => {
    const log = [];
    new WebAssembly.Global(recorder({ value: 'i32', mutable: true }, log), 1);
    assertDeepEq(log, ['mutable', 'value', 'value toString']);
    for (const t of [undefined, 'i8', 'I32', 'anyfunc ', 'v128', Symbol('t'), 1, {}])
        assertThrows(TypeError, () => new WebAssembly.Global({ value: t }), undefined);
    assertEq(assertThrows(Error, () => new WebAssembly.Global({ value: throwsOnConvert })), boom);
    assertEq(assertThrows(Error, () => new WebAssembly.Global({ get mutable() { throw boom; }, value: 'i32' })), boom);
    // The value converts as ToWebAssemblyValue does.
    for (const v of [Symbol('v'), 1n])
        assertThrows(TypeError, () => new WebAssembly.Global({ value: 'i32' }, v), undefined);
    for (const v of [1, Symbol('v'), null])
        assertThrows(TypeError, () => new WebAssembly.Global({ value: 'i64' }, v), undefined);
    assertThrows(SyntaxError, () => new WebAssembly.Global({ value: 'i64' }, 'x'));
    for (const v of [{}, () => {}, 1])
        assertThrows(TypeError, () => new WebAssembly.Global({ value: 'anyfunc' }, v), undefined);
    assertEq(assertThrows(Error, () => new WebAssembly.Global({ value: 'f64' }, throwsOnConvert)), boom);
    assertEq(new WebAssembly.Global({ value: 'i32' }, 2 ** 32 + 1).value, 1);
    assertEq(new WebAssembly.Global({ value: 'i64' }, '12').value, 12n);
    assertEq(new WebAssembly.Global({ value: 'i64' }).value, 0n);
    assertEq(new WebAssembly.Global({ value: 'f32' }, 0.1).value, Math.fround(0.1));
    assertEq(new WebAssembly.Global({ value: 'f64' }, -0).value, -0);
    assertEq(new WebAssembly.Global({ value: 'externref' }).value, undefined);
    assertEq(new WebAssembly.Global({ value: 'anyfunc' }).value, null);
});

test('Global value and valueOf: this, mutability and the setter\'s argument', () => {
    const g = new WebAssembly.Global({ value: 'i64', mutable: true }, 5n);
    const P = WebAssembly.Global.prototype, value = accessor(P, 'value');
    for (const o of others(g)) {
        assertThrows(TypeError, () => value.get.call(o), undefined);
        assertThrows(TypeError, () => value.set.call(o, 1n), undefined);
        assertThrows(TypeError, () => P.valueOf.call(o), undefined);
    }
    for (const v of [1, undefined, Symbol('v')])
        assertThrows(TypeError, () => { g.value = v; }, undefined);
    assertEq(g.value, 5n);
    assertThrows(TypeError, () => value.set.call(g));
    assertEq(g.value, 5n);
    // The setter called without its argument converts undefined (the JS-API tests say so; V8
    // throws a TypeError).
    const g32 = new WebAssembly.Global({ value: 'i32', mutable: true }, 5);
    assertEq(value.set.call(g32), undefined);
    assertEq(g32.value, 0);
    g.value = 2n ** 64n - 1n;
    assertEq(g.valueOf(), -1n);
    const frozen = new WebAssembly.Global({ value: 'i32' }, 3);
    assertThrows(TypeError, () => { frozen.value = 4; });
    assertThrows(TypeError, () => { frozen.value = Symbol('v'); });
    assertEq(frozen.value, 3);
    // The mutability check comes before the conversion: no valueOf call.
    let called = false;
    assertThrows(TypeError, () => { frozen.value = { valueOf() { called = true; return 1; } }; });
    assertEq(called, false);
});

test('Tag: parameters is a sequence of value types', () => {
    for (const p of [undefined, null, 1, 'i32', Symbol('p'), {}, { length: 1, 0: 'i32' }])
        assertThrows(TypeError, () => new WebAssembly.Tag({ parameters: p }), undefined);
    for (const p of [['i8'], ['i32', 'x'], [Symbol('t')], [{}], [undefined]])
        assertThrows(TypeError, () => new WebAssembly.Tag({ parameters: p }), undefined);
    const iterThrows = { [Symbol.iterator]() { throw boom; } };
    assertEq(assertThrows(Error, () => new WebAssembly.Tag({ parameters: iterThrows })), boom);
    assertEq(assertThrows(Error, () => new WebAssembly.Tag({ parameters: [throwsOnConvert] })), boom);
    // Each value converts as it is read: a bad type stops the iteration there.
    const log = [];
    const lazy = { *[Symbol.iterator]() { log.push('first'); yield 'bad'; log.push('second'); yield 'i32'; } };
    assertThrows(TypeError, () => new WebAssembly.Tag({ parameters: lazy }));
    assertDeepEq(log, ['first']);
    const gen = function* () { yield 'i32'; yield 'f64'; };
    const t = new WebAssembly.Tag({ parameters: gen() });
    assertEq(new WebAssembly.Exception(t, [1, 2.5]).getArg(t, 1), 2.5);
    assertEq(new WebAssembly.Exception(t, new Set([1, 2.5])).getArg(t, 0), 1);
});

test('Exception: tag, payload and options', () => {
    const tag = new WebAssembly.Tag({ parameters: ['i32', 'i64'] });
    for (const t of [undefined, null, {}, new Proxy(tag, {}), Object.create(WebAssembly.Tag.prototype), wasmFn])
        assertThrows(TypeError, () => new WebAssembly.Exception(t, [1, 1n]), undefined);
    for (const p of [undefined, null, 1, 'ab', {}, { length: 2, 0: 1, 1: 1n }])
        assertThrows(TypeError, () => new WebAssembly.Exception(tag, p), undefined);
    for (const p of [[], [1], [1, 1n, 1], [1, 1], [Symbol('x'), 1n]])
        assertThrows(TypeError, () => new WebAssembly.Exception(tag, p), undefined);
    assertEq(assertThrows(Error, () => new WebAssembly.Exception(tag, [throwsOnConvert, 1n])), boom);
    assertEq(assertThrows(Error, () => new WebAssembly.Exception(tag, throwingProxy)), boom);
    for (const o of [1, 'x', Symbol('o'), 1n, true])
        assertThrows(TypeError, () => new WebAssembly.Exception(tag, [1, 1n], o), undefined);
    assertEq(assertThrows(Error, () => new WebAssembly.Exception(tag, [1, 1n], throwingProxy)), boom);
    assertEq('stack' in new WebAssembly.Exception(tag, [1, 1n], null), false);
    assertEq('stack' in new WebAssembly.Exception(tag, [1, 1n], { traceStack: 0 }), false);
    assertEq(typeof new WebAssembly.Exception(tag, [1, 1n], { traceStack: 1 }).stack, 'string');
    if (WebAssembly.JSTag)
        assertThrows(TypeError, () => new WebAssembly.Exception(WebAssembly.JSTag, [{}]));
});

test('Exception getArg and is: this, tag and index', () => {
    const tag = new WebAssembly.Tag({ parameters: ['i32', 'i64'] });
    const other = new WebAssembly.Tag({ parameters: ['i32', 'i64'] });
    const e = new WebAssembly.Exception(tag, [7, 8n]);
    const P = WebAssembly.Exception.prototype;
    for (const o of [undefined, null, {}, new Proxy(e, {}), Object.create(P), tag, new WebAssembly.Global({ value: 'i32' })]) {
        assertThrows(TypeError, () => P.getArg.call(o, tag, 0), undefined);
        assertThrows(TypeError, () => P.is.call(o, tag), undefined);
    }
    for (const t of [undefined, null, {}, new Proxy(tag, {}), e])
        assertThrows(TypeError, () => e.getArg(t, 0), undefined);
    assertThrows(TypeError, () => e.is());
    for (const t of [undefined, {}, new Proxy(tag, {})])
        assertThrows(TypeError, () => e.is(t), undefined);
    assertEq(e.is(tag), true);
    assertEq(e.is(other), false);
    assertThrows(TypeError, () => e.getArg(other, 0));
    for (const v of badIndex)
        assertThrows(TypeError, () => e.getArg(tag, v), undefined);
    assertThrows(RangeError, () => e.getArg(tag, 2));
    assertEq(e.getArg(tag, -0), 7);
    assertEq(e.getArg(tag, '1'), 8n);
    assertEq(e.getArg(tag, 1.9), 8n);
});

test('every entry with every odd value: a result or an Error, never a crash', () => {
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const tab = new WebAssembly.Table({ element: 'externref', initial: 1, maximum: 2 });
    const glob = new WebAssembly.Global({ value: 'i32', mutable: true });
    const tag = new WebAssembly.Tag({ parameters: ['i32'] });
    const exn = new WebAssembly.Exception(tag, [1]);
    const mod = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    const odd = [undefined, null, 0, -0, NaN, Infinity, -1, 2 ** 32, 2 ** 53, 1n, -1n, 2n ** 64n, '', 'i32', 'anyfunc',
        Symbol('s'), {}, [], ['i32'], () => {}, throwsOnConvert, throwingProxy, new Proxy({}, {}), mem, tab,
        glob, tag, exn, mod, wasmFn, mem.buffer, new Uint8Array(4), Object.create(null)];
    const entries = [];
    for (const name of ['Module', 'Instance', 'Memory', 'Table', 'Global', 'Tag', 'Exception'])
        entries.push((a, b) => new WebAssembly[name](a, b));
    for (const name of ['validate', 'compile', 'instantiate', 'compileStreaming', 'instantiateStreaming'])
        entries.push((a, b) => { const r = WebAssembly[name](a, b); if (r instanceof Promise) r.catch(() => {}); });
    for (const name of ['exports', 'imports', 'customSections'])
        entries.push((a, b) => WebAssembly.Module[name](a, b));
    const methods = [[WebAssembly.Memory, ['grow'], ['buffer']], [WebAssembly.Table, ['get', 'set', 'grow'], ['length']],
        [WebAssembly.Global, ['valueOf'], ['value']], [WebAssembly.Exception, ['getArg', 'is'], []],
        [WebAssembly.Instance, [], ['exports']]];
    const receivers = [mem, tab, glob, tag, exn, mod, {}, undefined];
    for (const [C, ms, accessors] of methods) {
        for (const m of ms)
            for (const r of receivers)
                entries.push((a, b) => C.prototype[m].call(r, a, b));
        for (const name of accessors) {
            const d = Object.getOwnPropertyDescriptor(C.prototype, name);
            for (const r of receivers) {
                entries.push(() => d.get.call(r));
                if (d.set)
                    entries.push(a => d.set.call(r, a));
            }
        }
    }
    let results = 0, errors = 0;
    for (const entry of entries) {
        for (const a of odd) {
            for (const b of [undefined, a, 1, throwingProxy]) {
                try {
                    entry(a, b);
                    results++;
                } catch (e) {
                    assertTrue(e instanceof Error, `threw ${String(e)}`);
                    errors++;
                }
            }
        }
    }
    assertTrue(results > 0 && errors > 0);
});
