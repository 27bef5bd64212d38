;; exceptions.wat: exceptions across the JS/Wasm boundary (the exception-handling proposal's
;; try/catch/catch_all/rethrow, built with `wat2wasm --enable-exceptions`). Wasm throws tags that
;; JS catches as WebAssembly.Exception; JS exceptions travel through Wasm frames, which can run
;; cleanup code on the way, and reach JS unchanged. Driven by exceptions.mjs.
(module
  ;; A tag made in JS (new WebAssembly.Tag): JS and Wasm can both throw and catch it.
  (import "env" "failure" (tag $failure (param i32)))
  ;; A JS function that Wasm calls; it may throw.
  (import "env" "step" (func $step (param i32)))
  ;; A tag defined here and exported, so that JS can recognise it (Exception.prototype.is).
  (tag $overflow (export "overflow") (param i32 i32))

  ;; How many times a cleanup handler ran: JS reads it to see what Wasm did during unwinding.
  (global $cleanups (export "cleanups") (mut i32) (i32.const 0))

  ;; fail(code) throws $failure(code) to its caller.
  (func (export "fail") (param $code i32)
    (throw $failure (local.get $code)))

  ;; checked_add(a, b) = a + b, or throws $overflow(a, b) when the sum does not fit in an i32
  ;; (the signs of a and b agree and the sign of the sum differs).
  (func $checked_add (export "checked_add") (param $a i32) (param $b i32) (result i32)
    (local $sum i32)
    (local.set $sum (i32.add (local.get $a) (local.get $b)))
    (if (i32.lt_s
          (i32.and (i32.xor (local.get $sum) (local.get $a))
                   (i32.xor (local.get $sum) (local.get $b)))
          (i32.const 0))
      (then (throw $overflow (local.get $a) (local.get $b))))
    (local.get $sum))

  ;; saturating_add(a, b): the same, but Wasm catches its own exception and clamps the result.
  (func (export "saturating_add") (param $a i32) (param $b i32) (result i32)
    (try (result i32)
      (do (call $checked_add (local.get $a) (local.get $b)))
      (catch $overflow
        ;; The payload (a, b) is on the stack; both have the sign of the overflow.
        (drop)
        (local.set $a)
        (select (i32.const 0x7fffffff) (i32.const 0x80000000)
                (i32.ge_s (local.get $a) (i32.const 0))))))

  ;; each(n) calls step(0), ..., step(n - 1) and returns n. If a step throws, whatever it threw
  ;; passes through: catch_all counts a cleanup and rethrow sends the same exception on.
  (func (export "each") (param $n i32) (result i32)
    (local $i i32)
    (try
      (do
        (block $done
          (loop $next
            (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
            (call $step (local.get $i))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next))))
      (catch_all
        (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 1)))
        (rethrow 0)))
    (local.get $n))

  ;; guarded(x) calls step(x) and returns -1, or the code of a $failure that step threw (a
  ;; WebAssembly.Exception made in JS with the imported tag). Anything else passes through.
  (func (export "guarded") (param $x i32) (result i32)
    (try (result i32)
      (do (call $step (local.get $x)) (i32.const -1))
      (catch $failure)))

  ;; trap_in_try() traps inside a try: a trap is not an exception, so catch_all does not run and
  ;; JS gets a RuntimeError.
  (func (export "trap_in_try") (result i32)
    (try (result i32)
      (do (i32.div_s (i32.const 1) (i32.const 0)))
      (catch_all
        (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 1)))
        (i32.const -1))))
)
