/* files.c: recursive search for the spec corpus's test files, in a stable order. */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool push(spec_files *f, char *path)
{
    char **p = realloc(f->paths, (f->n + 1) * sizeof *p);
    if (!p) {
        free(path);
        return false;
    }
    f->paths = p;
    f->paths[f->n++] = path;
    return true;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool walk(const char *dir, const char *suffix, spec_files *out, int depth)
{
    if (depth > 32) { /* a symlink loop */
        errno = ELOOP;
        return false;
    }
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(n);
        if (!path) {
            ok = false;
            break;
        }
        snprintf(path, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) {
            free(path);
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            ok = walk(path, suffix, out, depth + 1);
            free(path);
        } else if (S_ISREG(st.st_mode) && ends_with(e->d_name, suffix)) {
            ok = push(out, path);
        } else {
            free(path);
        }
    }
    int saved = errno;
    closedir(d);
    errno = saved;
    return ok;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool spec_files_find(const char *root, const char *suffix, spec_files *out)
{
    size_t len = strlen(root);
    char *base = malloc(len + 1);
    if (!base)
        return false;
    memcpy(base, root, len + 1);
    while (len > 1 && base[len - 1] == '/') /* "dir/" and "dir" name files alike */
        base[--len] = 0;
    bool ok = walk(base, suffix, out, 0);
    free(base);
    if (ok)
        qsort(out->paths, out->n, sizeof *out->paths, cmp_path);
    return ok;
}

void spec_files_free(spec_files *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->paths[i]);
    free(f->paths);
    f->paths = NULL;
    f->n = 0;
}

void spec_files_rel(const char *root, const char *path, char *out, size_t size)
{
    size_t rl = strlen(root);
    while (rl > 1 && root[rl - 1] == '/')
        rl--;
    size_t b = rl;
    while (b > 0 && root[b - 1] != '/')
        b--;
    const char *rel = path + rl;
    while (*rel == '/')
        rel++;
    snprintf(out, size, "%.*s/%s", (int)(rl - b), root + b, rel);
}
