/* qw-validate: decodes and validates .wasm files with the engine and prints the outcome of each
 * (for debugging, the corpus checks and the decode benchmark). Exit status 1 if any file fails.
 * -v lists the imports, exports and custom sections of valid modules. */
#include "qw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(qw_errkind k)
{
    switch (k) {
    case QW_ERR_MALFORMED:
        return "malformed";
    case QW_ERR_INVALID:
        return "invalid";
    case QW_ERR_LINK:
        return "link";
    case QW_ERR_OOM:
        return "oom";
    case QW_ERR_LIMIT:
        return "limit";
    default:
        return "none";
    }
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

static const char *extern_name(qw_extern_kind k)
{
    static const char *const names[] = {"func", "table", "memory", "global", "tag"};
    return (unsigned)k < 5 ? names[k] : "?";
}

static void describe(const qw_module *m)
{
    for (uint32_t i = 0; i < qw_module_import_count(m); i++) {
        qw_import_info im = qw_module_import(m, i);
        printf("  import %s \"%s\" \"%s\"\n", extern_name(im.kind), im.module, im.name);
    }
    for (uint32_t i = 0; i < qw_module_export_count(m); i++) {
        qw_export_info ex = qw_module_export(m, i);
        printf("  export %s %u \"%s\"\n", extern_name(ex.kind), ex.index, ex.name);
    }
    for (uint32_t i = 0; i < qw_module_custom_count(m); i++) {
        size_t name_len, len;
        const char *name = qw_module_custom_name(m, i, &name_len);
        qw_module_custom_bytes(m, i, &len);
        printf("  custom \"%s\" (%zu bytes)\n", name, len);
    }
}

int main(int argc, char **argv)
{
    bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    if (argc < 2 + verbose) {
        fprintf(stderr, "usage: qw-validate [-v] FILE.wasm...\n");
        return 2;
    }
    qw_engine *eng = qw_engine_new(NULL);
    if (!eng)
        return 2;
    int status = 0;
    for (int i = 1 + verbose; i < argc; i++) {
        size_t len;
        uint8_t *bytes = read_file(argv[i], &len);
        if (!bytes) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            status = 1;
            continue;
        }
        qw_error err;
        qw_module *m = qw_module_compile(eng, bytes, len, &err);
        free(bytes);
        if (m) {
            printf("%s: valid\n", argv[i]);
            if (verbose)
                describe(m);
            qw_module_unref(m);
            continue;
        }
        status = 1;
        printf("%s: %s", argv[i], kind_name(err.kind));
        if (err.offset != QW_NO_OFFSET)
            printf(" @+%u", err.offset);
        if (err.func != QW_NO_FUNC)
            printf(" (function %u)", err.func);
        printf(": %s\n", err.msg);
    }
    qw_engine_free(eng);
    return status;
}
