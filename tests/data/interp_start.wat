;; A start function that traps after an active data segment wrote memory.
(module
  (memory (export "mem") 1)
  (data (i32.const 0) "\2a")
  (func $start (drop (i32.div_u (i32.const 1) (i32.const 0))))
  (start $start))
