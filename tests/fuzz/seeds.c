/* seeds: writes the fuzz seed corpora from spec-test scripts. usage: seeds OUTDIR FILE.bin.wast...
 * Each module binary of the scripts (definitions, assert_invalid and assert_malformed modules)
 * becomes OUTDIR/modules/<n>.wasm; each script small enough to be a useful fuzz input is copied to
 * OUTDIR/wast/<n>.wast. The corpora are made at fuzz time, never committed. */
#include "wast.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_SCRIPT_SEED (64u << 10)

static bool write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: seeds OUTDIR FILE.bin.wast...\n");
        return 2;
    }
    char path[4096];
    unsigned long nmod = 0, nwast = 0;
    for (int a = 2; a < argc; a++) {
        size_t len;
        char *text = wast_read_file(argv[a], &len);
        if (!text) {
            fprintf(stderr, "seeds: cannot read %s\n", argv[a]);
            return 1;
        }
        if (len <= MAX_SCRIPT_SEED) {
            snprintf(path, sizeof path, "%s/wast/%lu.wast", argv[1], nwast++);
            if (!write_file(path, text, len)) {
                fprintf(stderr, "seeds: cannot write %s\n", path);
                return 1;
            }
        }
        wast_script s;
        wast_error err;
        if (!wast_parse(text, len, &s, &err)) {
            fprintf(stderr, "seeds: %s:%u: %s\n", argv[a], err.line, err.msg);
            return 1;
        }
        for (size_t i = 0; i < s.ncmds; i++) {
            const wast_cmd *c = &s.cmds[i];
            if (c->kind != WAST_MODULE_DEF && c->kind != WAST_ASSERT_INVALID &&
                c->kind != WAST_ASSERT_MALFORMED)
                continue;
            snprintf(path, sizeof path, "%s/modules/%lu.wasm", argv[1], nmod++);
            if (!write_file(path, c->bin.data, c->bin.len)) {
                fprintf(stderr, "seeds: cannot write %s\n", path);
                return 1;
            }
        }
        wast_script_free(&s);
        free(text);
    }
    printf("seeds: %lu modules, %lu scripts\n", nmod, nwast);
    return 0;
}
