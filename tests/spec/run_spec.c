/* run_spec.c: runs the spec suite's binary scripts (.bin.wast) against the engine through qw.h
 * only. Each command is one assertion: passed, failed (with file:line and expected vs got), or
 * skipped (what it needs is not there yet, or it is in tests/expected-failures.txt).
 *
 * usage: run-spec [-v] [--xfail LIST] PATH...   (PATH: a .bin.wast file or a directory) */
#include "exec.h"
#include "files.h"
#include "match.h"
#include "qw.h"
#include "wast.h"
#include "xfail.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum outcome { PASS, FAIL, SKIP } outcome;

typedef struct tally {
    unsigned long n[3]; /* indexed by outcome */
} tally;

/* Totals per command kind, plus one row for scripts that do not parse. */
#define ROW_SCRIPT WAST_CMD_KINDS

/* Totals per directory of the corpus ("core-bin", "core-bin/simd", ...). */
typedef struct dir_tally {
    char name[128];
    tally t;
} dir_tally;

typedef struct runner {
    qw_engine *eng;
    bool verbose;
    xfail_list xfail;
    tally kinds[WAST_CMD_KINDS + 1];
    tally total;
    dir_tally dirs[64];
    size_t ndirs;
} runner;

/* A module defined by the script, kept until the end of the file: later commands name it
 * ($id) or use the last one. */
typedef struct defined_module {
    const char *id; /* in the script's arena; NULL when anonymous */
    qw_module *mod; /* NULL when it did not compile */
} defined_module;

typedef struct file_run {
    runner *r;
    const char *name; /* test id of the file, e.g. "core-bin/i32.bin.wast" */
    tally t;
    defined_module *mods;
    size_t nmods;
    qw_module *last; /* the last module definition, NULL if it failed */
    spec_exec *exec; /* the file's store and registry, made at its first instantiation */
} file_run;

static const char *const outcome_names[] = {"passed", "failed", "skipped"};

static const char *errkind_name(qw_errkind k)
{
    switch (k) {
    case QW_ERR_NONE:
        return "no error";
    case QW_ERR_MALFORMED:
        return "malformed";
    case QW_ERR_INVALID:
        return "invalid";
    case QW_ERR_LINK:
        return "link error";
    case QW_ERR_OOM:
        return "out of memory";
    case QW_ERR_LIMIT:
        return "limit exceeded";
    }
    return "unknown error kind";
}

static void count(file_run *fr, unsigned row, outcome o)
{
    fr->t.n[o]++;
    fr->r->kinds[row].n[o]++;
    fr->r->total.n[o]++;
}

/* Records the outcome of a command, applying the expected-failures list, and reports it:
 * failures always, the rest with -v. `fmt` describes the failure (or the skip). */
static void record(file_run *fr, const wast_cmd *c, outcome o, const char *fmt, ...)
{
    char why[512] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, sizeof why, fmt, ap);
        va_end(ap);
    }
    xfail_entry *line_x = xfail_find(&fr->r->xfail, fr->name, c->line);
    xfail_entry *file_x = xfail_find(&fr->r->xfail, fr->name, 0);
    xfail_entry *x = line_x ? line_x : file_x;
    if (line_x)
        line_x->seen = true;
    if (o == FAIL && x) {
        x->hits++;
        if (fr->r->verbose || x == line_x)
            printf("%s:%u: %s: expected failure (%s): %s\n", fr->name, c->line,
                   wast_cmd_name(c->kind), x->reason, why);
        o = SKIP;
    } else if (o == PASS && line_x) {
        o = FAIL;
        snprintf(why, sizeof why,
                 "unexpectedly passed: remove it from tests/expected-failures.txt (%s)",
                 line_x->reason);
    }
    count(fr, c->kind, o);
    if (o == FAIL)
        printf("%s:%u: %s: %s\n", fr->name, c->line, wast_cmd_name(c->kind), why);
    else if (fr->r->verbose)
        printf("%s:%u: %s: %s%s%s\n", fr->name, c->line, wast_cmd_name(c->kind), outcome_names[o],
               why[0] ? ": " : "", why);
}

static bool keep_module(file_run *fr, const char *id, qw_module *mod)
{
    defined_module *m = realloc(fr->mods, (fr->nmods + 1) * sizeof *m);
    if (!m) {
        qw_module_unref(mod);
        return false;
    }
    fr->mods = m;
    fr->mods[fr->nmods++] = (defined_module){id, mod};
    return true;
}

/* At most 80 bytes of a message, so that a report stays one line. */
#define MSG_FMT "\"%.80s\""

static void run_module_def(file_run *fr, const wast_cmd *c)
{
    qw_error err = {0};
    qw_module *mod = qw_module_compile(fr->r->eng, c->bin.data, c->bin.len, &err);
    fr->last = mod;
    if (!keep_module(fr, c->id, mod)) {
        fr->last = NULL;
        record(fr, c, FAIL, "runner out of memory");
        return;
    }
    if (mod)
        record(fr, c, PASS, NULL);
    else
        record(fr, c, FAIL, "does not compile: %s: " MSG_FMT " (offset %u)", errkind_name(err.kind),
               err.msg, (unsigned)err.offset);
}

/* assert_invalid and assert_malformed: the module must be rejected with this kind of error and
 * a message that begins with the expected text (the reference interpreter's rule). */
static void run_assert_rejected(file_run *fr, const wast_cmd *c, qw_errkind want)
{
    qw_error err = {0};
    qw_module *mod = qw_module_compile(fr->r->eng, c->bin.data, c->bin.len, &err);
    if (mod) {
        qw_module_unref(mod);
        record(fr, c, FAIL, "module compiled, expected %s: " MSG_FMT, errkind_name(want), c->msg);
        return;
    }
    size_t n = strlen(c->msg);
    bool kind_ok = err.kind == want;
    bool msg_ok = strncmp(err.msg, c->msg, n) == 0;
    if (kind_ok && msg_ok)
        record(fr, c, PASS, NULL);
    else
        record(fr, c, FAIL, "expected %s: " MSG_FMT ", got %s: " MSG_FMT " (offset %u)%s",
               errkind_name(want), c->msg, errkind_name(err.kind), err.msg, (unsigned)err.offset,
               !kind_ok ? "" : " (message does not begin with the expected text)");
}

/* The module a command instantiates: the one named, else the last definition. */
static qw_module *module_named(file_run *fr, const char *id)
{
    if (!id)
        return fr->last;
    for (size_t i = fr->nmods; i-- > 0;) {
        if (fr->mods[i].id && strcmp(fr->mods[i].id, id) == 0)
            return fr->mods[i].mod;
    }
    return NULL;
}

static void run_exec(file_run *fr, const wast_cmd *c)
{
    char why[512];
    if (!fr->exec) {
        qw_error err = {0};
        if (!(fr->exec = spec_exec_new(fr->r->eng, &err))) {
            record(fr, c, FAIL, "cannot make the store and the spectest module: %s", err.msg);
            return;
        }
    }
    qw_module *mod = module_named(fr, c->mod);
    if (spec_exec_command(fr->exec, c, mod, why, sizeof why))
        record(fr, c, PASS, NULL);
    else
        record(fr, c, FAIL, "%s", why);
}

static void run_command(file_run *fr, const wast_cmd *c)
{
    switch (c->kind) {
    case WAST_MODULE_DEF:
        run_module_def(fr, c);
        break;
    case WAST_ASSERT_INVALID:
        run_assert_rejected(fr, c, QW_ERR_INVALID);
        break;
    case WAST_ASSERT_MALFORMED:
        run_assert_rejected(fr, c, QW_ERR_MALFORMED);
        break;
    case WAST_MODULE_INST:
    case WAST_REGISTER:
    case WAST_ACTION:
    case WAST_ASSERT_RETURN:
    case WAST_ASSERT_TRAP:
    case WAST_ASSERT_EXHAUSTION:
    case WAST_ASSERT_EXCEPTION:
    case WAST_ASSERT_UNLINKABLE:
    case WAST_CMD_KINDS:
        run_exec(fr, c);
        break;
    }
}

/* A script that does not parse fails as a whole (one failure), unless the list expects it. */
static void script_error(file_run *fr, uint32_t line, const char *what)
{
    xfail_entry *x = xfail_find(&fr->r->xfail, fr->name, 0);
    if (x) {
        x->hits++;
        printf("%s:%u: expected failure (%s): %s\n", fr->name, line, x->reason, what);
        count(fr, ROW_SCRIPT, SKIP);
    } else {
        printf("%s:%u: %s\n", fr->name, line, what);
        count(fr, ROW_SCRIPT, FAIL);
    }
}

/* Adds a file's tally to its directory (the test id without the file name). */
static void add_dir(runner *r, const char *name, const tally *t)
{
    const char *slash = strrchr(name, '/');
    int n = slash ? (int)(slash - name) : 1;
    const char *dir = slash ? name : ".";
    dir_tally *d = NULL;
    for (size_t i = 0; i < r->ndirs && !d; i++) {
        if ((int)strlen(r->dirs[i].name) == n && strncmp(r->dirs[i].name, dir, (size_t)n) == 0)
            d = &r->dirs[i];
    }
    if (!d) {
        if (r->ndirs == sizeof r->dirs / sizeof r->dirs[0])
            return; /* only the report loses detail */
        d = &r->dirs[r->ndirs++];
        snprintf(d->name, sizeof d->name, "%.*s", n, dir);
    }
    for (int o = 0; o < 3; o++)
        d->t.n[o] += t->n[o];
}

/* A line entry of this file that no command of the file reached is stale (the script changed):
 * the list must only hold real entries, so that is a failure. */
static void check_stale_lines(file_run *fr)
{
    xfail_list *l = &fr->r->xfail;
    for (size_t i = 0; i < l->n; i++) {
        xfail_entry *e = &l->e[i];
        if (e->line && !e->seen && strcmp(e->file, fr->name) == 0) {
            printf("%s:%u: no command at this line: remove it from tests/expected-failures.txt "
                   "(line %u)\n",
                   fr->name, e->line, e->lineno);
            count(fr, ROW_SCRIPT, FAIL);
        }
    }
}

static void run_file(runner *r, const char *path, const char *name)
{
    file_run fr = {.r = r, .name = name};
    size_t len;
    char *text = wast_read_file(path, &len);
    wast_script s;
    wast_error err;
    if (!text) {
        char what[300];
        snprintf(what, sizeof what, "cannot read: %s", strerror(errno));
        script_error(&fr, 0, what);
    } else if (!wast_parse(text, len, &s, &err)) {
        char what[300];
        snprintf(what, sizeof what, "syntax error: %s", err.msg);
        script_error(&fr, err.line, what);
    } else {
        xfail_entry *file_x = xfail_find(&r->xfail, name, 0);
        unsigned hits_before = file_x ? file_x->hits : 0;
        for (size_t i = 0; i < s.ncmds; i++)
            run_command(&fr, &s.cmds[i]);
        check_stale_lines(&fr);
        if (file_x && file_x->hits == hits_before) {
            printf("%s: unexpectedly passed: remove it from tests/expected-failures.txt (%s)\n",
                   name, file_x->reason);
            count(&fr, ROW_SCRIPT, FAIL);
        } else if (file_x) {
            printf("%s: %u expected failures (%s)\n", name, file_x->hits - hits_before,
                   file_x->reason);
        }
        spec_exec_free(fr.exec); /* instances first: they use the modules */
        for (size_t i = 0; i < fr.nmods; i++)
            qw_module_unref(fr.mods[i].mod);
        free(fr.mods);
        wast_script_free(&s);
    }
    free(text);
    printf("%s: %lu passed, %lu failed, %lu skipped\n", name, fr.t.n[PASS], fr.t.n[FAIL],
           fr.t.n[SKIP]);
    add_dir(r, name, &fr.t);
}

/* The test id of a file, which the expected-failures list uses: the path from the corpus
 * directory on ("core-bin/gc/array.bin.wast"), the corpus directory being the last component
 * ending in "-bin". Elsewhere: a directory argument's last component plus the relative path, or a
 * file argument as given. */
static void test_id(const char *root, const char *path, bool root_is_dir, char *out, size_t size)
{
    const char *start = NULL;
    for (const char *p = path; (p = strstr(p, "-bin/")) != NULL; p += 5) {
        const char *q = p;
        while (q > path && q[-1] != '/')
            q--;
        start = q;
    }
    if (start || !root_is_dir)
        snprintf(out, size, "%s", start ? start : path);
    else
        spec_files_rel(root, path, out, size);
}

static void run_path(runner *r, const char *path)
{
    struct stat st;
    char name[4096];
    if (stat(path, &st) != 0) {
        printf("%s: %s\n", path, strerror(errno));
        r->kinds[ROW_SCRIPT].n[FAIL]++;
        r->total.n[FAIL]++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        test_id(path, path, false, name, sizeof name);
        run_file(r, path, name);
        return;
    }
    spec_files files = {0};
    if (!spec_files_find(path, ".bin.wast", &files)) {
        printf("%s: %s\n", path, strerror(errno));
        r->kinds[ROW_SCRIPT].n[FAIL]++;
        r->total.n[FAIL]++;
    }
    for (size_t i = 0; i < files.n; i++) {
        test_id(path, files.paths[i], true, name, sizeof name);
        run_file(r, files.paths[i], name);
    }
    spec_files_free(&files);
}

static void print_totals(const runner *r)
{
    if (r->ndirs > 1) {
        printf("  by directory:\n");
        for (size_t i = 0; i < r->ndirs; i++)
            printf("  %-24s %7lu passed %7lu failed %7lu skipped\n", r->dirs[i].name,
                   r->dirs[i].t.n[PASS], r->dirs[i].t.n[FAIL], r->dirs[i].t.n[SKIP]);
    }
    printf("  by command:\n");
    for (unsigned k = 0; k <= WAST_CMD_KINDS; k++) {
        const tally *t = &r->kinds[k];
        if (t->n[PASS] + t->n[FAIL] + t->n[SKIP] == 0)
            continue;
        printf("  %-24s %7lu passed %7lu failed %7lu skipped\n",
               k == ROW_SCRIPT ? "(script)" : wast_cmd_name((wast_cmd_kind)k), t->n[PASS],
               t->n[FAIL], t->n[SKIP]);
    }
    if (r->total.n[SKIP])
        printf("%lu passed, %lu failed, %lu skipped\n", r->total.n[PASS], r->total.n[FAIL],
               r->total.n[SKIP]);
    else
        printf("%lu passed, %lu failed\n", r->total.n[PASS], r->total.n[FAIL]);
}

static int usage(void)
{
    fprintf(stderr, "usage: run-spec [-v] [--xfail LIST] PATH...\n");
    return 2;
}

int main(int argc, char **argv)
{
    runner r = {0};
    const char *xfail_path = "tests/expected-failures.txt";
    int first = argc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            r.verbose = true;
        } else if (strcmp(argv[i], "--xfail") == 0 && i + 1 < argc) {
            xfail_path = argv[++i];
        } else if (argv[i][0] == '-') {
            return usage();
        } else {
            first = i;
            break;
        }
    }
    if (first == argc)
        return usage();
    if (!xfail_load(xfail_path, &r.xfail)) {
        printf("%s: cannot load the expected-failures list\n", xfail_path);
        xfail_free(&r.xfail);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    r.eng = qw_engine_new(NULL);
    if (!r.eng) {
        xfail_free(&r.xfail);
        printf("out of memory\n0 passed, 1 failed\n");
        return 1;
    }
    for (int i = first; i < argc; i++)
        run_path(&r, argv[i]);
    print_totals(&r);
    qw_engine_free(r.eng);
    xfail_free(&r.xfail);
    return r.total.n[FAIL] ? 1 : 0;
}
