// performance.mjs: performance.now() and performance.timeOrigin (High Resolution Time).
import { test, assertEq, assertTrue, assertThrows } from './lib/assert.mjs';

test('now() is a non-negative, non-decreasing number of milliseconds', () => {
    const a = performance.now(), b = performance.now();
    assertEq(typeof a, 'number');
    assertTrue(a >= 0 && b >= a);
});

test('now() advances with real time', async () => {
    const a = performance.now();
    await new Promise((r) => setTimeout(r, 20));
    const d = performance.now() - a;
    assertTrue(d >= 20 && d < 5000, `advanced ${d} ms`);
});

test('now() has sub-millisecond resolution', () => {
    let fractional = false;
    for (let i = 0; i < 100 && !fractional; i++)
        fractional = !Number.isInteger(performance.now());
    assertTrue(fractional);
});

test('timeOrigin + now() is the current Unix time in ms', () => {
    assertEq(typeof performance.timeOrigin, 'number');
    const skew = Math.abs(performance.timeOrigin + performance.now() - Date.now());
    assertTrue(skew < 50, `skew ${skew} ms`);
});

test('timeOrigin is fixed for the process', () => {
    const t = performance.timeOrigin;
    assertThrows(TypeError, () => { performance.timeOrigin = 0; }, 'read-only');
    assertEq(performance.timeOrigin, t);
});

test('toJSON() carries timeOrigin', () => {
    assertEq(JSON.parse(JSON.stringify(performance)).timeOrigin, performance.timeOrigin);
});
