// legacy.js: three functions the old testharness.js had and limits.any.js still calls, defined
// with their old meaning as /work/shared/wpt-jsapi/PROVENANCE.md describes (harness, not tests).
function assert_throws(error, fn, description) {
    assert_throws_js(error.constructor, fn, description);
}
function promise_rejects(t, error, promise, description) {
    return promise_rejects_js(t, error.constructor, promise, description);
}
function assertEquals(expected, actual, description) {
    assert_equals(actual, expected, description);
}
