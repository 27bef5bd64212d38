// report.js: prints one line per subtest and the file's "P passed, F failed" line. A harness
// error (an exception outside any test, or a timeout) counts as one more failure.
(function () {
    const names = ["PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED"];
    let passed = 0, failed = 0;
    add_result_callback(function (t) {
        if (t.status === 0)
            passed++;
        else
            failed++;
        const msg = t.message ? ": " + String(t.message).replace(/\n/g, " ") : "";
        console.log(`${names[t.status] || t.status} ${t.name}${msg}`);
    });
    add_completion_callback(function (tests, status) {
        if (status.status !== 0) {
            failed++;
            console.log(`HARNESS-ERROR ${status.message || "status " + status.status}`);
        }
        console.log(`${passed} passed, ${failed} failed`);
    });
})();
