/* qw-validate: decodes and validates .wasm files with the engine and prints the outcome of each
 * (for debugging, the corpus checks and the decode benchmark). Exit status 1 if any file fails. */
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: qw-validate FILE.wasm...\n");
        return 2;
    }
    qw_engine *eng = qw_engine_new(NULL);
    if (!eng)
        return 2;
    int status = 0;
    for (int i = 1; i < argc; i++) {
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
