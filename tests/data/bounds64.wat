;; bounds64.wat: a 64-bit memory (1 page, max 3): index + offset + size overflowing 64 bits must
;; trap, not wrap. Used by test_bounds.c, which builds the constant offsets above 2^32 itself
;; (wat2wasm takes none).
(module
  (memory (export "mem") i64 1 3)
  (func (export "load8") (param i64) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load32") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i64) (result i64) (i64.load (local.get 0)))
  (func (export "store32") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i64 i64 i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
)
