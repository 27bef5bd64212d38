/* wast_count.c: parses every .bin.wast under a corpus and prints the number of commands of each
 * kind per directory, in the layout of the corpus README's table. With --check FILE, compares
 * each row with FILE (the README's figures), and with --manifest each file's counts with the
 * corpus's MANIFEST.tsv; prints "N passed, M failed": the reader must find exactly the commands
 * the converter wrote. */
#include "files.h"
#include "wast.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The README's column order. */
static const wast_cmd_kind columns[] = {
    WAST_MODULE_DEF,        WAST_MODULE_INST,       WAST_REGISTER,         WAST_ACTION,
    WAST_ASSERT_RETURN,     WAST_ASSERT_TRAP,       WAST_ASSERT_INVALID,   WAST_ASSERT_MALFORMED,
    WAST_ASSERT_UNLINKABLE, WAST_ASSERT_EXHAUSTION, WAST_ASSERT_EXCEPTION,
};
#define NCOLS (sizeof columns / sizeof columns[0] + 1) /* + files */

typedef struct row {
    char name[64];
    unsigned long v[NCOLS];
} row;

typedef struct table {
    row rows[64];
    size_t n;
} table;

/* The commands of each file, by kind, for the per-file check against MANIFEST.tsv. */
typedef struct file_count {
    char *id; /* "core-bin/x.bin.wast": the corpus directory's name and the relative path */
    unsigned long n[WAST_CMD_KINDS];
} file_count;

typedef struct file_counts {
    file_count *f;
    size_t n;
} file_counts;

static void file_counts_free(file_counts *fc)
{
    for (size_t i = 0; i < fc->n; i++)
        free(fc->f[i].id);
    free(fc->f);
}

/* Appends an entry for path; NULL when out of memory. */
static file_count *add_file(file_counts *fc, const char *root, const char *path)
{
    file_count *f = realloc(fc->f, (fc->n + 1) * sizeof *f);
    if (!f)
        return NULL;
    fc->f = f;
    f = &fc->f[fc->n];
    memset(f, 0, sizeof *f);
    size_t n = strlen(path) + 2; /* the name is never longer than the path plus '/' */
    if (!(f->id = malloc(n)))
        return NULL;
    spec_files_rel(root, path, f->id, n);
    fc->n++;
    return f;
}

static row *find_row(table *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->rows[i].name, name) == 0)
            return &t->rows[i];
    }
    if (t->n == sizeof t->rows / sizeof t->rows[0])
        return NULL;
    row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    return r;
}

/* The row of a file: its first directory below the root, or "(top)". */
static void row_name(const char *root, const char *path, char *out, size_t size)
{
    const char *rel = path + strlen(root);
    while (*rel == '/')
        rel++;
    const char *slash = strchr(rel, '/');
    if (!slash)
        snprintf(out, size, "(top)");
    else
        snprintf(out, size, "%.*s", (int)(slash - rel), rel);
}

static void print_row(const row *r)
{
    printf("%s", r->name);
    for (size_t i = 0; i < NCOLS; i++)
        printf(" %lu", r->v[i]);
    printf("\n");
}

/* Counts the corpus. Files that fail to parse and module definitions that do not start with the
 * binary header are reported and counted in *bad. */
static int count_corpus(const char *root, table *t, file_counts *fc, unsigned long *empty,
                        unsigned long *bad)
{
    spec_files files = {0};
    if (!spec_files_find(root, ".bin.wast", &files)) {
        fprintf(stderr, "wast-count: %s: %s\n", root, strerror(errno));
        spec_files_free(&files);
        return -1;
    }
    row *total = find_row(t, "total");
    for (size_t i = 0; i < files.n; i++) {
        char name[64];
        size_t len;
        row_name(root, files.paths[i], name, sizeof name);
        row *r = find_row(t, name);
        char *text = wast_read_file(files.paths[i], &len);
        if (!r || !text) {
            fprintf(stderr, "wast-count: %s: %s\n", files.paths[i],
                    r ? strerror(errno) : "too many directories");
            free(text);
            ++*bad;
            continue;
        }
        wast_script s;
        wast_error err;
        file_count *fcount = add_file(fc, root, files.paths[i]);
        if (!fcount) {
            fprintf(stderr, "wast-count: out of memory\n");
            ++*bad;
        } else if (!wast_parse(text, len, &s, &err)) {
            fprintf(stderr, "%s:%u: %s\n", files.paths[i], err.line, err.msg);
            ++*bad;
        } else {
            r->v[0]++;
            total->v[0]++;
            *empty += s.ncmds == 0;
            for (size_t c = 0; c < s.ncmds; c++) {
                const wast_cmd *cmd = &s.cmds[c];
                fcount->n[cmd->kind]++;
                /* the converter only writes modules the reference interpreter decoded: a
                 * definition without the header means the strings were misread */
                if (cmd->kind == WAST_MODULE_DEF &&
                    (cmd->bin.len < 8 || memcmp(cmd->bin.data, "\0asm\1\0\0\0", 8) != 0)) {
                    fprintf(stderr, "%s:%u: module definition without the Wasm header\n",
                            files.paths[i], cmd->line);
                    ++*bad;
                }
                for (size_t k = 0; k + 1 < NCOLS; k++) {
                    if (columns[k] == cmd->kind) {
                        r->v[k + 1]++;
                        total->v[k + 1]++;
                    }
                }
            }
            wast_script_free(&s);
        }
        free(text);
    }
    spec_files_free(&files);
    /* the total row goes last */
    row tot = *total;
    memmove(total, total + 1, (size_t)(t->rows + t->n - (total + 1)) * sizeof *total);
    t->rows[t->n - 1] = tot;
    return 0;
}

/* Reads the expected table: lines "name v1 v2 ...", `#` comments; "empty N" is the number of
 * files without commands. */
static int read_expected(const char *path, table *t, long *empty)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "wast-count: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char name[64];
        int pos;
        if (line[0] == '#' || sscanf(line, "%63s%n", name, &pos) != 1)
            continue;
        if (strcmp(name, "empty") == 0) {
            *empty = strtol(line + pos, NULL, 10);
            continue;
        }
        row *r = find_row(t, name);
        if (!r)
            break;
        char *p = line + pos;
        for (size_t i = 0; i < NCOLS; i++)
            r->v[i] = strtoul(p, &p, 10);
    }
    fclose(f);
    return 0;
}

/* Short column names, as in the README's header. */
static const char *const col_names[NCOLS] = {
    "files",
    "mod.def",
    "mod.inst",
    "register",
    "invoke",
    "assert_return",
    "assert_trap",
    "assert_invalid",
    "assert_malformed",
    "assert_unlinkable",
    "assert_exhaustion",
    "assert_exception",
};

static const char *col_name(size_t i)
{
    return col_names[i];
}

/* The count columns of MANIFEST.tsv (after path, bin_path and 8 other fields), in order. */
static const wast_cmd_kind manifest_cols[] = {
    WAST_ASSERT_RETURN,     WAST_ASSERT_TRAP,       WAST_ASSERT_INVALID,   WAST_ASSERT_MALFORMED,
    WAST_ASSERT_UNLINKABLE, WAST_ASSERT_EXHAUSTION, WAST_ASSERT_EXCEPTION, WAST_MODULE_DEF,
};
#define MANIFEST_FIRST_COUNT 10

/* Compares each file's counts with its MANIFEST.tsv row: one check per file. */
static void check_manifest(const file_counts *fc, const char *path, int *passed, int *failed)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("count mismatch: %s: %s\n", path, strerror(errno));
        ++*failed;
        return;
    }
    char line[2048];
    size_t rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *field[32];
        size_t nf = 0;
        for (char *p = line, *tab; nf < 32; p = tab + 1) {
            field[nf++] = p;
            if (!(tab = strchr(p, '\t')))
                break;
            *tab = 0;
        }
        if (nf < MANIFEST_FIRST_COUNT + 8)
            continue;
        rows++;
        const file_count *fcount = NULL;
        for (size_t i = 0; i < fc->n && !fcount; i++) {
            if (strcmp(fc->f[i].id, field[1]) == 0)
                fcount = &fc->f[i];
        }
        bool ok = fcount != NULL;
        if (!fcount)
            printf("count mismatch: %s is not in the corpus\n", field[1]);
        for (size_t k = 0; fcount && k < 8; k++) {
            unsigned long want = strtoul(field[MANIFEST_FIRST_COUNT + k], NULL, 10);
            if (fcount->n[manifest_cols[k]] != want) {
                printf("count mismatch: %s %s: expected %lu, got %lu\n", field[1],
                       wast_cmd_name(manifest_cols[k]), want, fcount->n[manifest_cols[k]]);
                ok = false;
            }
        }
        ok ? ++*passed : ++*failed;
    }
    fclose(f);
    if (rows != fc->n) {
        printf("count mismatch: %zu files in %s, %zu in the corpus\n", rows, path, fc->n);
        ++*failed;
    }
}

static int check(const table *got, const file_counts *fc, unsigned long empty, unsigned long bad,
                 const char *expected_path, const char *manifest)
{
    static table want;
    long want_empty = -1;
    int passed = 0, failed = (int)bad; /* a file the reader rejects fails the check */
    if (read_expected(expected_path, &want, &want_empty) != 0)
        return 1;
    for (size_t i = 0; i < want.n; i++) {
        const row *w = &want.rows[i], *g = NULL;
        for (size_t j = 0; j < got->n; j++) {
            if (strcmp(got->rows[j].name, w->name) == 0)
                g = &got->rows[j];
        }
        bool ok = g != NULL;
        for (size_t c = 0; g && c < NCOLS; c++) {
            if (g->v[c] != w->v[c]) {
                printf("count mismatch: %s %s: expected %lu, got %lu\n", w->name, col_name(c),
                       w->v[c], g->v[c]);
                ok = false;
            }
        }
        if (!g)
            printf("count mismatch: no files in directory %s\n", w->name);
        ok ? passed++ : failed++;
    }
    for (size_t j = 0; j < got->n; j++) {
        bool known = false;
        for (size_t i = 0; i < want.n; i++)
            known = known || strcmp(got->rows[j].name, want.rows[i].name) == 0;
        if (!known) {
            printf("count mismatch: directory %s is not in %s\n", got->rows[j].name, expected_path);
            failed++;
        }
    }
    if (want_empty >= 0) {
        if ((unsigned long)want_empty == empty) {
            passed++;
        } else {
            printf("count mismatch: expected %ld files without commands, got %lu\n", want_empty,
                   empty);
            failed++;
        }
    }
    if (manifest)
        check_manifest(fc, manifest, &passed, &failed);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: wast-count DIR [--check EXPECTED [--manifest MANIFEST.tsv]]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *root = NULL, *expected = NULL, *manifest = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0 && i + 1 < argc)
            expected = argv[++i];
        else if (strcmp(argv[i], "--manifest") == 0 && i + 1 < argc)
            manifest = argv[++i];
        else if (argv[i][0] != '-' && !root)
            root = argv[i];
        else
            return usage();
    }
    if (!root || (manifest && !expected))
        return usage();
    static table got;
    file_counts fc = {0};
    unsigned long empty = 0, bad = 0;
    if (count_corpus(root, &got, &fc, &empty, &bad) != 0) {
        file_counts_free(&fc);
        return 1;
    }
    printf("# dir files");
    for (size_t i = 1; i < NCOLS; i++)
        printf(" %s", col_name(i));
    printf("\n");
    for (size_t i = 0; i < got.n; i++)
        print_row(&got.rows[i]);
    printf("empty %lu\n", empty);
    if (bad)
        printf("%lu files or modules misread\n", bad);
    int rc = bad ? 1 : 0;
    if (expected)
        rc = check(&got, &fc, empty, bad, expected, manifest);
    file_counts_free(&fc);
    return rc;
}
