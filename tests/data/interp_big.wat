;; A memory with a 4 GiB maximum: instantiating it must commit only its one page.
(module (memory (export "mem") 1 65536))
