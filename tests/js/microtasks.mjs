// microtasks.mjs: queueMicrotask and the microtask checkpoint (HTML).
import { test, assertEq, assertDeepEq, assertThrows } from './lib/assert.mjs';

test('queueMicrotask runs after the current task, in FIFO order with promise jobs', async () => {
    const seen = [];
    queueMicrotask(() => seen.push(1));
    Promise.resolve().then(() => seen.push(2));
    queueMicrotask(() => seen.push(3));
    seen.push(0);
    await new Promise((r) => setTimeout(r, 0));
    assertDeepEq(seen, [0, 1, 2, 3]);
});

test('microtasks queued by microtasks run before the next timer', async () => {
    const seen = [];
    setTimeout(() => seen.push('timer'), 0);
    queueMicrotask(() => {
        seen.push('a');
        queueMicrotask(() => seen.push('b'));
    });
    await new Promise((r) => setTimeout(r, 5));
    assertDeepEq(seen, ['a', 'b', 'timer']);
});

test('the callback gets no arguments and this undefined', async () => {
    let args, self = 'unset';
    // Module code is strict: this stays undefined.
    await new Promise((resolve) => queueMicrotask(function (...a) {
        args = a;
        self = this;
        resolve();
    }));
    assertDeepEq(args, []);
    assertEq(self, undefined);
});

test('a non-callable callback is a TypeError', () => {
    assertThrows(TypeError, () => queueMicrotask());
    assertThrows(TypeError, () => queueMicrotask('code'));
    assertThrows(TypeError, () => queueMicrotask({}));
});

test('queueMicrotask is a function of the global object', () => {
    assertEq(typeof queueMicrotask, 'function');
    assertEq(queueMicrotask.length, 1);
});
