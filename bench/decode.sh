#!/bin/sh
# decode.sh BUILD_DIR: the decode+validate benchmark. Generates a 12 MB module of C-like functions
# (bench/decode/gen-module.c, deterministic) once, then times qw_module_compile on it and reports
# MB/s (thread CPU time, best of 7) and the memory the compile adds to the input's.
set -e
build=${1:-build}
module="$build/bench/decode.wasm"
[ -f "$module" ] || "$build/bench/gen-module" "$module" 12
"$build/qw-validate" "$module"
"$build/bench/bench-decode" "$module" 7
