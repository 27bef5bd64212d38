// timers.mjs: setTimeout, setInterval, clearTimeout, clearInterval (HTML timers).
import { test, assertEq, assertTrue, assertDeepEq } from './lib/assert.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('setTimeout returns distinct positive integer ids', () => {
    const a = setTimeout(() => {}, 1000), b = setTimeout(() => {}, 1000);
    assertTrue(Number.isInteger(a) && a > 0);
    assertTrue(b !== a);
    clearTimeout(a);
    clearTimeout(b);
});

test('callbacks run in timeout order, equal timeouts in call order', async () => {
    const seen = [];
    setTimeout(() => seen.push('c'), 20);
    setTimeout(() => seen.push('a'), 0);
    setTimeout(() => seen.push('b'), 0);
    await sleep(40);
    assertDeepEq(seen, ['a', 'b', 'c']);
});

test('extra arguments are passed to the callback', async () => {
    let got;
    setTimeout((...args) => { got = args; }, 0, 1, 'two', null);
    await sleep(5);
    assertDeepEq(got, [1, 'two', null]);
});

test('the callback runs with the global object as this (HTML)', async () => {
    let self = 'unset';
    setTimeout(function () { self = this; }, 0); // module code: strict, this is passed as is
    await sleep(5);
    assertEq(self, globalThis);
});

test('a timer waits at least its timeout', async () => {
    const t0 = performance.now();
    await sleep(30);
    assertTrue(performance.now() - t0 >= 30, `waited ${performance.now() - t0} ms`);
});

test('clearTimeout cancels, also from another timer', async () => {
    let ran = false;
    const id = setTimeout(() => { ran = true; }, 10);
    setTimeout(() => clearTimeout(id), 0);
    await sleep(25);
    assertEq(ran, false);
});

test('clearTimeout ignores unknown, cleared and non-numeric ids', () => {
    const id = setTimeout(() => {}, 0);
    clearTimeout(id);
    clearTimeout(id);
    clearTimeout(123456789);
    clearTimeout(undefined);
    clearTimeout('x');
    clearTimeout({});
    assertEq(clearTimeout(), undefined);
});

test('setInterval repeats until clearInterval', async () => {
    let n = 0;
    const id = setInterval(() => {
        if (++n === 3) clearInterval(id);
    }, 1);
    await sleep(60);
    assertEq(n, 3);
});

test('clearTimeout and clearInterval share one map of timers', async () => {
    let n = 0;
    const id = setInterval(() => { n++; clearTimeout(id); }, 1);
    await sleep(20);
    assertEq(n, 1);
});

test('a string handler runs as a script in the global scope', async () => {
    globalThis.timerString = 0;
    setTimeout('timerString += 2');
    await sleep(5);
    assertEq(globalThis.timerString, 2);
});

test('the timeout is a WebIDL long: it wraps modulo 2^32 and negatives mean 0', async () => {
    const seen = [];
    setTimeout(() => seen.push('wrapped'), 2 ** 32 + 1);
    setTimeout(() => seen.push('negative'), -50);
    setTimeout(() => seen.push('nan'), NaN);
    await sleep(20);
    assertDeepEq(seen.sort(), ['nan', 'negative', 'wrapped']);
});

test('nested timers deeper than 5 levels wait at least 4 ms', async () => {
    const t0 = performance.now();
    await new Promise((resolve) => {
        let depth = 0;
        const step = () => (++depth === 15 ? resolve() : setTimeout(step, 0));
        setTimeout(step, 0);
    });
    // The timers set at nesting levels 6..14 are clamped: 9 waits of 4 ms at least.
    assertTrue(performance.now() - t0 >= 35.5, `took ${performance.now() - t0} ms`);
});

test('a microtask checkpoint runs after each timer task', async () => {
    const seen = [];
    setTimeout(() => {
        seen.push('t1');
        queueMicrotask(() => seen.push('m1'));
        Promise.resolve().then(() => seen.push('p1'));
    }, 0);
    setTimeout(() => seen.push('t2'), 0);
    await sleep(10);
    assertDeepEq(seen, ['t1', 'm1', 'p1', 't2']);
});

test('timers are functions of the global object', () => {
    for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']) {
        assertEq(typeof globalThis[name], 'function', name);
        assertEq(globalThis[name].name, name);
    }
    assertEq(setTimeout.length, 1);
});

test('the handler is converted to a string before the timeout to a number', () => {
    const log = [];
    const id = setTimeout({ toString() { log.push('handler'); return ''; } },
                          { valueOf() { log.push('timeout'); return 0; } });
    clearTimeout(id);
    assertDeepEq(log, ['handler', 'timeout']);
});

test('a throwing conversion throws from setTimeout and creates no timer', async () => {
    let ran = false;
    globalThis.convRan = () => { ran = true; };
    let threw;
    try {
        setTimeout('convRan()', { valueOf() { throw new RangeError('no number'); } });
    } catch (e) {
        threw = e;
    }
    assertTrue(threw instanceof RangeError);
    await sleep(5);
    assertEq(ran, false);
});
