/* xfail.h: the expected-failures list (tests/expected-failures.txt): lines
 * "<test id>  # reason", where the id is a file ("core-bin/gc/array.bin.wast") or one command
 * of it ("core-bin/gc/array.bin.wast:123"). The list only shrinks: an entry that passes is an
 * error, so that it gets removed. */
#ifndef SPEC_XFAIL_H
#define SPEC_XFAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct xfail_entry {
    char *file;    /* test file id */
    uint32_t line; /* 0: the whole file */
    char *reason;
    unsigned lineno; /* line in the list, for reports */
    unsigned hits;   /* failures it excused */
    bool seen;       /* line entries: the command it names was run */
} xfail_entry;

typedef struct xfail_list {
    xfail_entry *e;
    size_t n;
} xfail_list;

/* Loads the list. A missing file is an empty list. Malformed lines (no reason, bad line number)
 * are reported on stderr and make the load fail. */
bool xfail_load(const char *path, xfail_list *out);
void xfail_free(xfail_list *l);

/* The entry for a command (line > 0) or for the whole file (line 0), or NULL. */
xfail_entry *xfail_find(xfail_list *l, const char *file, uint32_t line);

#endif
