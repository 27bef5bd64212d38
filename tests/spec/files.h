/* files.h: the test files of a spec corpus, found recursively and sorted. */
#ifndef SPEC_FILES_H
#define SPEC_FILES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct spec_files {
    char **paths; /* full paths: root "/" relative path */
    size_t n;
} spec_files;

/* Appends every regular file under root whose name ends in suffix, sorted by path (byte order,
 * so the run order is the same on every machine). Returns false (with errno) on an I/O error. */
bool spec_files_find(const char *root, const char *suffix, spec_files *out);
void spec_files_free(spec_files *f);

#endif
