;; bounds_table.wat: a funcref table (4, max 6) with two of its four entries set, a passive
;; segment of three functions of two types, and every table instruction; call_indirect with a
;; matching and a mismatching type. Used by test_bounds.c.
(module
  (type $i (func (result i32)))
  (type $l (func (result i64)))
  (table $t (export "tab") 4 6 funcref)
  (elem (table $t) (i32.const 0) func $f1 $f2)
  (elem $seg func $f1 $f2 $f3)
  (func $f1 (type $i) (i32.const 1))
  (func $f2 (type $i) (i32.const 2))
  (func $f3 (type $l) (i64.const 3))
  (func (export "call") (param i32) (result i32) (call_indirect $t (type $i) (local.get 0)))
  (func (export "call_l") (param i32) (result i64) (call_indirect $t (type $l) (local.get 0)))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "set_null") (param i32) (table.set $t (local.get 0) (ref.null func)))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
  (func (export "size") (result i32) (table.size $t))
  (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $f3) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (table.init $t $seg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (elem.drop $seg))
)
