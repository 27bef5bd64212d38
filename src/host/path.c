/* path.c: lexical path normalisation for module names (no file system access, no symlinks). */
#include "host.h"

#include <stdlib.h>
#include <string.h>

/* Builds the normal form of path: drops "." and empty components and folds "x/.." pairs. A relative
 * path keeps its leading ".." components; an absolute one drops those that would climb above "/".
 */
char *host_path_normalize(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(n + 2);
    if (!out)
        return NULL;
    bool abs = path[0] == '/';
    size_t o = 0, kept = 0; /* kept: components in out that a ".." may remove */
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - start);
        if (len == 0 || (len == 1 && start[0] == '.'))
            continue;
        if (len == 2 && start[0] == '.' && start[1] == '.') {
            if (kept) {
                while (o > 0 && out[o - 1] != '/')
                    o--;
                if (o > 0)
                    o--; /* the separator before the dropped component */
                kept--;
                continue;
            }
            if (abs)
                continue;
        } else {
            kept++;
        }
        if (o > 0 || abs)
            out[o++] = '/';
        memcpy(out + o, start, len);
        o += len;
    }
    if (o == 0) {
        if (abs)
            out[o++] = '/';
        else
            out[o++] = '.';
    }
    out[o] = '\0';
    return out;
}
