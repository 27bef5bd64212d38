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

/* The name of a file found under root, from root's last component on: root "../x/core-bin" and
 * path "../x/core-bin/gc/a.bin.wast" give "core-bin/gc/a.bin.wast". Always NUL-terminates. */
void spec_files_rel(const char *root, const char *path, char *out, size_t size);

#endif
