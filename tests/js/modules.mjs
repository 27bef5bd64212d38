// modules.mjs: the ES module loader: relative specifiers, cycles, identity, dynamic import,
// import.meta, top-level await and the errors of a missing module.
import { test, assertEq, assertTrue, assertRejects } from './lib/assert.mjs';
import { both, fromA } from './fixtures/cycle_a.mjs';
import { early } from './fixtures/cycle_b.mjs';
import { bump, count } from './fixtures/counter.mjs';
import * as viaSub from './fixtures/sub/relative.mjs';
import { kind } from './fixtures/script.js';

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

test('dynamic import of a module that awaits', async () => {
    const ns = await import('./fixtures/awaits.mjs');
    await new Promise((r) => setTimeout(r, 20));
    assertEq(ns.value, 'after');
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
