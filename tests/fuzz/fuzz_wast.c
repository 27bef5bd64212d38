/* fuzz_wast: libFuzzer target for the spec-test script reader (tests/spec/wast.c). Every script
 * that parses has its module binaries compiled, as the spec runner would. */
#include "qw.h"
#include "wast.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The reader takes NUL-terminated text (wast_read_file provides the NUL). */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    wast_script s;
    wast_error err;
    if (wast_parse(text, size, &s, &err)) {
        qw_engine *eng = qw_engine_new(NULL);
        for (size_t i = 0; eng && i < s.ncmds; i++) {
            const wast_cmd *c = &s.cmds[i];
            if (c->kind != WAST_MODULE_DEF && c->kind != WAST_ASSERT_INVALID &&
                c->kind != WAST_ASSERT_MALFORMED)
                continue;
            qw_module_unref(qw_module_compile(eng, c->bin.data, c->bin.len, NULL));
        }
        qw_engine_free(eng);
        wast_script_free(&s);
    }
    free(text);
    return 0;
}
