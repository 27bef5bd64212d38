/* qw-run: runs one export of a module with no imports and prints its i32 result (make bench's
 * runner for shared/bench/wasm/bare). usage: qw-run [-s] FILE.wasm [EXPORT]; -s also prints the
 * size of the function bodies and of their compiled code on stderr. Exit status 1 on any error
 * or trap. Uses only qw.h. */
#include "qw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            unsigned char *p = realloc(buf, cap);
            if (!p) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static int run(qw_engine *eng, const unsigned char *bytes, size_t len, const char *name, int stats)
{
    qw_error err;
    qw_trap trap;
    qw_module *mod = qw_module_compile(eng, bytes, len, &err);
    if (!mod) {
        fprintf(stderr, "qw-run: %s\n", err.msg);
        return 1;
    }
    if (stats) {
        size_t wasm, compiled;
        qw_module_code_size(mod, &wasm, &compiled);
        fprintf(stderr, "code %zu compiled %zu\n", wasm, compiled);
    }
    qw_store *store = qw_store_new(eng, NULL);
    qw_instance *inst = store ? qw_instance_new(store, mod, NULL, 0, &err, &trap) : NULL;
    int status = 1;
    if (!inst) {
        fprintf(stderr, "qw-run: %s\n", err.kind ? err.msg : qw_trap_message(trap));
    } else {
        uint32_t n = qw_module_export_count(mod), i;
        for (i = 0; i < n; i++) {
            qw_export_info e = qw_module_export(mod, i);
            if (e.kind == QW_EXTERN_FUNC && e.name_len == strlen(name) &&
                memcmp(e.name, name, e.name_len) == 0)
                break;
        }
        qw_func *f = i < n ? qw_instance_export(inst, i).of.func : NULL;
        uint32_t np, nr;
        if (!f || (qw_func_params(f, &np), qw_func_results(f, &nr), np != 0 || nr != 1)) {
            fprintf(stderr, "qw-run: no export %s: () -> i32\n", name);
        } else {
            qw_val res;
            trap = qw_func_call(store, f, NULL, &res);
            if (trap) {
                fprintf(stderr, "qw-run: trap: %s\n", qw_trap_message(trap));
            } else {
                printf("%u\n", res.i32);
                status = 0;
            }
        }
    }
    qw_instance_unref(inst);
    qw_store_unref(store);
    qw_module_unref(mod);
    return status;
}

int main(int argc, char **argv)
{
    int stats = 0, a = 1;
    if (a < argc && strcmp(argv[a], "-s") == 0) {
        stats = 1;
        a++;
    }
    if (a >= argc) {
        fprintf(stderr, "usage: qw-run [-s] FILE.wasm [EXPORT]\n");
        return 2;
    }
    size_t len;
    unsigned char *bytes = read_file(argv[a], &len);
    if (!bytes) {
        fprintf(stderr, "qw-run: cannot read %s\n", argv[a]);
        return 1;
    }
    qw_engine *eng = qw_engine_new(NULL);
    int status = eng ? run(eng, bytes, len, a + 1 < argc ? argv[a + 1] : "run", stats) : 1;
    qw_engine_free(eng);
    free(bytes);
    return status;
}
