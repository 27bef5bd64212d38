;; bounds.wat: a 32-bit memory (1 page, max 3) with accesses of every width, constant offsets
;; near 2^16 and 2^32, and the bulk-memory instructions; the unit test test_bounds.c calls them
;; at every boundary. Regenerate tests/unit/bounds_modules.h with tests/data/gen-bounds-modules.sh.
(module
  (memory (export "mem") 1 3)
  (data $d "\01\02\03\04\05\06\07\08")
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load16") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "loadv") (param i32) (result i32) (i32x4.extract_lane 3 (v128.load (local.get 0))))
  (func (export "load32_off_16") (param i32) (result i32) (i32.load offset=65532 (local.get 0)))
  (func (export "load8_off_max") (param i32) (result i32)
    (i32.load8_u offset=4294967295 (local.get 0)))
  (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "store8_off_max") (param i32) (i32.store8 offset=4294967295 (local.get 0) (i32.const 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (data.drop $d))
)
