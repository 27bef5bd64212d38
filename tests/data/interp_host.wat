;; Host functions with vector, reference and float signatures, called from Wasm (test_interp.c).
(module
  (import "env" "swap" (func $swap (param v128 externref f32) (result externref v128 f32)))
  (func (export "through") (param v128 externref f32) (result externref v128 f32)
    (call $swap (local.get 0) (local.get 1) (local.get 2)))
  (table $t 1 externref)
  ;; stores a reference, overwrites it with null, and returns what it read before: the value
  ;; must survive the overwrite even when the table held its only count
  (func (export "keep") (param externref) (result externref)
    (local $r externref)
    (table.set $t (i32.const 0) (local.get 0))
    (local.set $r (table.get $t (i32.const 0)))
    (table.set $t (i32.const 0) (ref.null extern))
    (local.get $r))
)
