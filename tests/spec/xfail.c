/* xfail.c: reading and looking up the expected-failures list. */
#include "xfail.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_range(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = 0;
    }
    return s;
}

/* Parses one non-empty, non-comment line into *e. Returns false when malformed. */
static bool parse_line(char *line, xfail_entry *e, const char **why)
{
    char *hash = strchr(line, '#');
    if (!hash) {
        *why = "missing \"# reason\"";
        return false;
    }
    char *id = line, *id_end = hash;
    while (isspace((unsigned char)*id))
        id++;
    while (id_end > id && isspace((unsigned char)id_end[-1]))
        id_end--;
    char *reason = hash + 1, *reason_end = reason + strlen(reason);
    while (isspace((unsigned char)*reason))
        reason++;
    while (reason_end > reason && isspace((unsigned char)reason_end[-1]))
        reason_end--;
    if (reason == reason_end) {
        *why = "empty reason";
        return false;
    }
    for (char *p = id; p < id_end; p++) {
        if (isspace((unsigned char)*p)) {
            *why = "space in the test id";
            return false;
        }
    }
    e->line = 0;
    char *colon = memchr(id, ':', (size_t)(id_end - id));
    char *file_end = id_end;
    if (colon) {
        char *end;
        errno = 0;
        unsigned long n = strtoul(colon + 1, &end, 10);
        if (end != id_end || n == 0 || n > UINT32_MAX || colon + 1 == id_end) {
            *why = "bad line number";
            return false;
        }
        e->line = (uint32_t)n;
        file_end = colon;
    }
    e->file = dup_range(id, (size_t)(file_end - id));
    e->reason = dup_range(reason, (size_t)(reason_end - reason));
    if (!e->file || !e->reason) {
        free(e->file);
        free(e->reason);
        *why = "out of memory";
        return false;
    }
    return true;
}

bool xfail_load(const char *path, xfail_list *out)
{
    out->e = NULL;
    out->n = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT;
    char line[1024];
    unsigned lineno = 0;
    bool ok = true;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == 0 || *p == '#')
            continue;
        xfail_entry e = {0};
        const char *why = NULL;
        if (!parse_line(p, &e, &why)) {
            fprintf(stderr, "%s:%u: %s\n", path, lineno, why);
            ok = false;
            continue;
        }
        e.lineno = lineno;
        xfail_entry *grown = realloc(out->e, (out->n + 1) * sizeof *grown);
        if (!grown) {
            free(e.file);
            free(e.reason);
            ok = false;
            break;
        }
        out->e = grown;
        out->e[out->n++] = e;
    }
    fclose(f);
    return ok;
}

void xfail_free(xfail_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->e[i].file);
        free(l->e[i].reason);
    }
    free(l->e);
    l->e = NULL;
    l->n = 0;
}

xfail_entry *xfail_find(xfail_list *l, const char *file, uint32_t line)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->e[i].line == line && strcmp(l->e[i].file, file) == 0)
            return &l->e[i];
    }
    return NULL;
}
