// prelude.js: what testharness.js expects of a JavaScript shell's global before it loads. qwasm
// already defines self; the title names the file in default test names.
var META_TITLE = globalThis.WPT_FILE_TITLE || "";
