;; The compiler's fused and retargeted instructions (src/wasm/compile.c), each next to the plain
;; sequence it replaces: tests/js/wasm-fusions.mjs checks both give the Wasm result.
;; Build: wat2wasm tests/data/fusions.wat -o tests/js/fixtures/fusions.wasm
(module
  (memory (export "mem") 1)
  (global $g (mut i32) (i32.const 0))
  (data (i32.const 16) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00")

  ;; i32.shl whose result a local.tee keeps, then used as a load address: the local is written
  (func (export "shl_tee") (param $i i32) (result i32) (local $t i32) (local $z i32)
    local.get $z
    local.get $i
    i32.const 2
    i32.shl
    local.tee $t
    i32.add
    i32.load offset=16
    local.get $t
    i32.add)

  ;; (idx << 2) + imm as a load address, wrapping at 2^32 like i32.add
  (func (export "load_scaled_imm") (param $i i32) (result i32)
    local.get $i
    i32.const 2
    i32.shl
    i32.const 16
    i32.add
    i32.load)

  ;; a constant stored at x + imm, wrapping at 2^32; returns the byte read back
  (func (export "store_const_at_add") (param $x i32) (result i32)
    local.get $x
    i32.const 40
    i32.add
    i32.const 0xAB
    i32.store8 offset=2
    i32.const 0
    i32.load8_u offset=42)

  ;; zero stores at entry are dropped only for declared locals, never in a loop or for params
  (func (export "zero_param") (param $p i32) (result i32)
    i32.const 0
    local.set $p
    local.get $p)
  (func (export "zero_in_loop") (param $n i32) (result i32) (local $acc i32) (local $k i32)
    loop $l
      i32.const 0
      local.set $k
      local.get $k
      i32.const 3
      i32.add
      local.get $acc
      i32.add
      local.set $acc
      i32.const 7
      local.set $k
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $l
    end
    local.get $acc
    local.get $k
    i32.add)

  ;; the result written straight into slot 0, which is also an operand
  (func (export "ret_in_place") (param i32 i32) (result i32)
    local.get 1
    local.get 0
    i32.sub)

  ;; f32/f64 compare + branch with a constant, NaN included: counts the iterations
  (func (export "f32_le_loop") (param $x f32) (result i32) (local $n i32)
    loop $l
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $x
      f32.const 1
      f32.add
      local.tee $x
      f32.const 4
      f32.le
      br_if $l
    end
    local.get $n)
  (func (export "f64_lt_if") (param $x f64) (result i32)
    local.get $x
    f64.const 0.5
    f64.lt
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end)
  (func (export "f64_ge_slots") (param $x f64) (param $y f64) (result i32)
    block $b
      local.get $x
      local.get $y
      f64.ge
      br_if $b
      i32.const 0
      return
    end
    i32.const 1)

  ;; two copies in a row (a local swap), 32 and 64 bits
  (func (export "swap32") (param $a i32) (param $b i32) (result i32) (local $t i32)
    local.get $a
    local.set $t
    local.get $b
    local.set $a
    local.get $t
    local.set $b
    local.get $a
    i32.const 10
    i32.mul
    local.get $b
    i32.add)
  (func (export "swap64") (param $a i64) (param $b i64) (result i64) (local $t i64)
    local.get $a
    local.set $t
    local.get $b
    local.set $a
    local.get $t
    local.set $b
    local.get $a
    i64.const 10
    i64.mul
    local.get $b
    i64.add)

  ;; i32 select and global.set of an i32 (32-bit forms)
  (func (export "select32") (param $c i32) (result i32)
    i32.const 11
    i32.const 22
    local.get $c
    select)
  (func (export "global32") (param $v i32) (result i32)
    local.get $v
    i32.const 1
    i32.add
    global.set $g
    global.get $g)

  ;; loop counters: i32.add then compare and br_if on its result (with a constant or a slot)
  (func (export "count_ne") (param $from i32) (param $to i32) (result i32) (local $n i32)
    loop $l
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $from
      i32.const 3
      i32.add
      local.tee $from
      local.get $to
      i32.ne
      br_if $l
    end
    local.get $n)
  (func (export "count_lt_imm") (param $i i32) (result i32) (local $n i32)
    loop $l
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 10
      i32.lt_s
      br_if $l
    end
    local.get $n
    i32.const 100
    i32.mul
    local.get $i
    i32.add)
  (func (export "count_le_u_slots") (param $i i32) (param $step i32) (param $end i32) (result i32)
    (local $n i32)
    loop $l
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $i
      local.get $step
      i32.add
      local.tee $i
      local.get $end
      i32.le_u
      br_if $l
    end
    local.get $n)
  ;; the sum only feeds the branch (a temporary), forward branch
  (func (export "sum_gt_u") (param $a i32) (param $b i32) (result i32)
    block $b
      local.get $a
      local.get $b
      i32.add
      i32.const 100
      i32.gt_u
      br_if $b
      i32.const 0
      return
    end
    i32.const 1)

  ;; two i32 operations with constants in a row; with a local.tee between, the local is written
  (func (export "lcg") (param $x i32) (result i32)
    local.get $x
    i32.const 1664525
    i32.mul
    i32.const 1013904223
    i32.add)
  (func (export "bits") (param $x i32) (result i32)
    local.get $x
    i32.const 27
    i32.shr_u
    i32.const 28
    i32.and
    local.get $x
    i32.const -3
    i32.add
    i32.const 255
    i32.and
    i32.const 8
    i32.shl
    i32.or)
  (func (export "tee_between") (param $x i32) (result i32) (local $t i32)
    local.get $x
    i32.const 3
    i32.mul
    local.tee $t
    i32.const 1
    i32.add
    local.get $t
    i32.const 16
    i32.shl
    i32.or)

  ;; a binary operation on a value just loaded (right operand; either for i32.add)
  (func (export "mem_ops") (param $p i32) (param $x f64) (result f64)
    local.get $x
    local.get $p
    f64.load offset=8
    f64.mul
    local.get $p
    f64.load
    f64.sub)
  (func (export "mem_add32") (param $p i32) (param $x i32) (result i32)
    local.get $p
    i32.load offset=4
    local.get $x
    i32.add
    local.get $p
    i32.load
    i32.add)
  (func (export "mem_f32") (param $p i32) (param $x f32) (result f32)
    local.get $x
    local.get $p
    f32.load
    f32.add)

  ;; loads from a constant address, also past 2^32 with the offset
  (func (export "load_const_addr") (result i32)
    i32.const 20
    i32.load offset=4)
  (func (export "load_const_far") (result i32)
    i32.const -4
    i32.load8_u offset=8)

  ;; a shift or rotate by a constant feeding a commutative operation, on either side
  (func (export "sigma") (param $x i32) (param $y i32) (result i32)
    local.get $x
    i32.const 26
    i32.rotl
    local.get $x
    i32.const 21
    i32.rotl
    i32.xor
    local.get $y
    local.get $x
    i32.const 7
    i32.rotl
    i32.xor
    i32.xor
    local.get $y
    i32.const 3
    i32.shr_u
    i32.xor
    local.get $x
    i32.const 2
    i32.shl
    i32.add)
  (func (export "mix64") (param $x i64) (param $y i64) (result i64)
    local.get $x
    i64.const 31
    i64.shr_u
    local.get $y
    i64.xor
    local.get $x
    i64.const 17
    i64.shr_u
    i64.add
    local.get $y
    i64.const 27
    i64.rotl
    i64.xor)
  (func (export "shift_tee") (param $x i32) (result i32) (local $t i32)
    local.get $x
    i32.const 4
    i32.shl
    local.tee $t
    local.get $x
    i32.add
    local.get $t
    i32.xor)
)
