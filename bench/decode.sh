#!/bin/sh
# decode.sh BUILD_DIR: the decode+validate benchmark. Generates a 12 MB module of C-like
# functions (bench/decode/gen-module.c, deterministic) once, then times decode+validate and the
# whole compile on it, each in a fresh process, and reports MB/s (thread CPU time, best of 7) and
# the memory each adds to the input's.
set -e
build=${1:-build}
module="$build/bench/decode.wasm"
[ -f "$module" ] || "$build/bench/gen-module" "$module" 12
"$build/qw-validate" "$module"
"$build/bench/bench-decode" validate "$module" 7
"$build/bench/bench-decode" compile "$module" 7
