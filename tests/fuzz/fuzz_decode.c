/* fuzz_decode: libFuzzer target for the decoder and validator. Every input is compiled and
 * validated; both must agree, and a compiled module's introspection must be readable. */
#include "qw.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qw_engine *eng = qw_engine_new(NULL);
    if (!eng)
        return 0;
    qw_error err = {0}, verr = {0};
    qw_module *mod = qw_module_compile(eng, data, size, &err);
    bool valid = qw_module_validate(eng, data, size, &verr);
    /* WebAssembly.validate and new WebAssembly.Module must agree (out of memory aside). */
    if (valid != (mod != NULL) && err.kind != QW_ERR_OOM && verr.kind != QW_ERR_OOM)
        abort();
    if (mod) {
        qw_externtype t;
        for (uint32_t i = 0; i < qw_module_import_count(mod); i++) {
            (void)qw_module_import(mod, i);
            qw_module_import_type(mod, i, &t);
        }
        for (uint32_t i = 0; i < qw_module_export_count(mod); i++) {
            (void)qw_module_export(mod, i);
            qw_module_export_type(mod, i, &t);
        }
        size_t n;
        for (uint32_t i = 0; i < qw_module_custom_count(mod); i++) {
            (void)qw_module_custom_name(mod, i, &n);
            (void)qw_module_custom_bytes(mod, i, &n);
        }
    }
    qw_module_unref(mod);
    qw_engine_free(eng);
    return 0;
}
