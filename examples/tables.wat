;; tables.wat: a small calculator that dispatches through a table of functions shared with JS and
;; with other instances, and counts its calls in a mutable global that is shared too.
;; tables.mjs instantiates it twice; `make examples` builds tables.wasm with wat2wasm.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (type $unop (func (param i32) (result i32)))

  ;; Both come from JS, so every instance given the same objects sees the same entries and count.
  (import "env" "ops" (table $ops 4 funcref))
  (import "env" "calls" (global $calls (mut i32)))
  ;; Where this instance puts its functions in $ops: a constant that differs per instance.
  (import "env" "base" (global $base i32))

  ;; This one belongs to the instance: each instance has its own.
  (global $last (export "last") (mut i32) (i32.const 0))

  ;; Filled from Wasm at instantiation: ops[base] = add, ops[base + 1] = sub.
  (elem (table $ops) (offset (global.get $base)) func $add $sub)
  ;; $max is referenced by ref.func below, which needs it declared.
  (elem declare func $max)

  (func $add (export "add") (type $binop)
    (i32.add (local.get 0) (local.get 1)))
  (func $sub (export "sub") (type $binop)
    (i32.sub (local.get 0) (local.get 1)))
  (func $mul (export "mul") (type $binop)
    (i32.mul (local.get 0) (local.get 1)))
  (func $max (type $binop)
    (select (local.get 0) (local.get 1) (i32.ge_s (local.get 0) (local.get 1))))
  (func $neg (export "neg") (type $unop)
    (i32.sub (i32.const 0) (local.get 0)))

  ;; apply(op, a, b) = ops[op](a, b). call_indirect checks at run time that the entry is not null
  ;; and has type $binop, and traps otherwise.
  (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (global.set $last
      (call_indirect $ops (type $binop) (local.get $a) (local.get $b) (local.get $op)))
    (global.get $last))

  ;; fold(op, n) = ops[op](...ops[op](ops[op](1, 2), 3)..., n): one lookup per step.
  (func (export "fold") (param $op i32) (param $n i32) (result i32)
    (local $acc i32) (local $i i32)
    (local.set $acc (i32.const 1))
    (local.set $i (i32.const 2))
    (block $done
      (loop $next
        (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
        (local.set $acc
          (call_indirect $ops (type $binop) (local.get $acc) (local.get $i) (local.get $op)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (local.get $acc))

  ;; install_max() appends $max to the table (table.grow from Wasm) and returns its index, or -1
  ;; when the table is at its maximum.
  (func (export "install_max") (result i32)
    (table.grow $ops (ref.func $max) (i32.const 1)))
)
