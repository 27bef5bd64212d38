// assert.mjs: the assertion helper of the JS tests (tests/js/*.mjs).
// A test file registers cases with test(name, fn); fn may be async. The cases run one after
// another once the module has been evaluated; at the end the file prints "N passed, M failed"
// and exits with status 1 if any case failed.

const cases = [];
let scheduled = false;

export function test(name, fn) {
    cases.push({ name, fn });
    if (!scheduled) {
        scheduled = true;
        Promise.resolve().then(runAll);
    }
}

async function runAll() {
    let passed = 0, failed = 0;
    for (const { name, fn } of cases) {
        try {
            await fn();
            passed++;
        } catch (e) {
            failed++;
            console.log(`FAIL ${name}: ${e && e.stack ? e.message + '\n' + e.stack : e}`);
        }
    }
    console.log(`${passed} passed, ${failed} failed`);
    if (failed && typeof qwasm !== 'undefined')
        qwasm.exit(1);
}

function show(v) {
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'bigint') return `${v}n`;
    if (Object.is(v, -0)) return '-0';
    try { return String(v); } catch { return Object.prototype.toString.call(v); }
}

export class AssertionError extends Error {}
AssertionError.prototype.name = 'AssertionError';

function fail(msg, extra) {
    throw new AssertionError(extra ? `${msg}: ${extra}` : msg);
}

// SameValue equality (so NaN equals NaN and -0 differs from 0).
export function assertEq(actual, expected, msg) {
    if (!Object.is(actual, expected))
        fail(`expected ${show(expected)}, got ${show(actual)}`, msg);
}

export function assertTrue(cond, msg) {
    if (cond !== true) fail(`expected true, got ${show(cond)}`, msg);
}

// Structural equality of arrays, typed arrays and plain objects (own enumerable keys).
export function assertDeepEq(actual, expected, msg) {
    const path = deepDiff(actual, expected, '');
    if (path !== null) fail(`values differ at ${path || '(top)'}`, msg);
}

function deepDiff(a, b, path) {
    if (Object.is(a, b)) return null;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return `${path} (${show(a)} vs ${show(b)})`;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path} (prototype)`;
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return `${path} (key count ${ka.length} vs ${kb.length})`;
    for (const k of ka) {
        if (!Object.prototype.hasOwnProperty.call(b, k)) return `${path}.${k} (missing)`;
        const d = deepDiff(a[k], b[k], `${path}.${k}`);
        if (d !== null) return d;
    }
    return null;
}

// fn must throw an instance of ErrorType; if msgPart is given, the message must contain it.
export function assertThrows(ErrorType, fn, msgPart) {
    try {
        fn();
    } catch (e) {
        checkError(e, ErrorType, msgPart);
        return e;
    }
    fail(`expected ${ErrorType.name} to be thrown, nothing was thrown`);
}

// p (a promise, or a function returning one) must reject with an instance of ErrorType.
export async function assertRejects(ErrorType, p, msgPart) {
    try {
        await (typeof p === 'function' ? p() : p);
    } catch (e) {
        checkError(e, ErrorType, msgPart);
        return e;
    }
    fail(`expected a rejection with ${ErrorType.name}, the promise fulfilled`);
}

function checkError(e, ErrorType, msgPart) {
    if (!(e instanceof ErrorType))
        fail(`expected ${ErrorType.name}, got ${e && e.constructor ? e.constructor.name : show(e)}`,
             e && e.message);
    if (msgPart !== undefined && !String(e.message).includes(msgPart))
        fail(`message ${show(e.message)} does not contain ${show(msgPart)}`);
}
