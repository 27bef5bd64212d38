/* file.c: reading a whole file for the CLI, the module loader and qwasm.readFile. */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Regular files are read in one allocation of their size; other files (pipes, /dev/stdin) grow
 * the buffer as they go. One byte more holds the NUL that JS_Eval requires after the source.
 * Nothing larger than an ArrayBuffer can hold (INT32_MAX bytes in QuickJS) is read: a device
 * such as /dev/zero ends in EFBIG instead of exhausting memory. */
#define MAX_FILE_SIZE ((size_t)INT32_MAX)

char *host_read_file(const char *path, size_t *len, int *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *err = errno;
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        *err = errno;
        close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        *err = EISDIR;
        close(fd);
        return NULL;
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096;
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > MAX_FILE_SIZE) {
        *err = EFBIG;
        close(fd);
        return NULL;
    }
    char *buf = malloc(cap);
    size_t n = 0;
    if (!buf)
        goto oom;
    for (;;) {
        /* A full buffer grows only if a probe byte shows the file goes on. */
        char probe;
        bool full = n + 1 == cap;
        ssize_t r = full ? read(fd, &probe, 1) : read(fd, buf + n, cap - 1 - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        if (full) {
            if (n >= MAX_FILE_SIZE) {
                free(buf);
                close(fd);
                *err = EFBIG;
                return NULL;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb)
                goto oom;
            buf = nb;
            cap *= 2;
            buf[n] = probe;
        }
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
oom:
    free(buf);
    close(fd);
    *err = ENOMEM;
    return NULL;
}
