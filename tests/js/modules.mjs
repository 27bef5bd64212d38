// modules.mjs: the ES module loader: relative specifiers, cycles, identity, dynamic import,
// import.meta, top-level await and the errors of a missing module.
import { test, assertEq, assertTrue, assertRejects, assertDeepEq } from './lib/assert.mjs';
import { both, fromA } from './fixtures/cycle_a.mjs';
import { early } from './fixtures/cycle_b.mjs';
import { bump, count } from './fixtures/counter.mjs';
import * as viaSub from './fixtures/sub/relative.mjs';
import { kind } from './fixtures/script.js';
import { order, depValue } from './fixtures/waits_for_dep.mjs';
import './fixtures/waits_too.mjs';

// Top-level await in the test module itself.
const awaited = await Promise.resolve('tla');

test('an import cycle links and evaluates', () => {
    assertEq(both(), 'AB');
    assertEq(fromA(), 'A');
    assertEq(early, 'A');
});

test('one file is one module whatever the path that reaches it', () => {
    const before = count;
    assertEq(bump(), before + 1);
    assertEq(viaSub.count, before + 1);
    assertEq(viaSub.bump(), before + 2);
    assertEq(count, before + 2);
});

test('".." resolves against the importing file', () => {
    assertTrue(viaSub.where.endsWith('/tests/js/fixtures/sub/relative.mjs'), viaSub.where);
});

test('import.meta.url is the file URL of the module', () => {
    assertTrue(import.meta.url.startsWith('file:///'), import.meta.url);
    assertTrue(import.meta.url.endsWith('/tests/js/modules.mjs'), import.meta.url);
});

test('an imported .js file is a module', () => {
    assertEq(kind, 'module');
});

test('top-level await in the main module', () => {
    assertEq(awaited, 'tla');
});

test('dynamic import resolves to the namespace', async () => {
    const ns = await import('./fixtures/counter.mjs');
    assertEq(ns.bump, bump);
});

test('an importer runs after its dependency\'s top-level await', () => {
    assertDeepEq(order, ['awaits: start', 'awaits: end', 'waits_for_dep', 'waits_too']);
    assertEq(depValue, 'after');
});

test('dynamic import resolves once the module\'s top-level await has settled', async () => {
    const ns = await import('./fixtures/awaits_dynamic.mjs');
    assertEq(ns.value, 'after');
});

test('dynamic import of a module whose top-level await rejects', async () => {
    await assertRejects(RangeError, () => import('./fixtures/awaits_rejects.mjs'), 'late failure');
});

test('a missing module rejects naming the path and the importer', async () => {
    await assertRejects(TypeError, () => import('./fixtures/nothere.mjs'),
                        "Cannot find module 'tests/js/fixtures/nothere.mjs' imported from " +
                        'tests/js/modules.mjs');
});

test('a bare specifier is refused', async () => {
    await assertRejects(TypeError, () => import('fs'), "Cannot find module 'fs'");
});

test('a module with a syntax error rejects with SyntaxError', async () => {
    await assertRejects(SyntaxError, () => import('./fixtures/syntax_error.mjs'));
});

test('in a cycle, the importer of an awaiting module runs after it', async () => {
    const ns = await import('./fixtures/tla_cycle_a.mjs');
    assertEq(ns.seenB, 'B');
    assertEq(ns.a, 'A');
});

test('a module whose dependency rejects after an await rejects every import of it', async () => {
    await assertRejects(RangeError, () => import('./fixtures/imports_failing.mjs'), 'late failure');
    await assertRejects(RangeError, () => import('./fixtures/imports_failing.mjs'), 'late failure');
    assertEq(globalThis.importsFailingRan, undefined);
});
