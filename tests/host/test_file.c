/* test_file.c: host_read_file (src/host/file.c): whole files, NUL-terminated, and its errors. */
#include "../unit/check.h"
#include "host.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/qwasm-test-file.XXXXXX";

static char *write_file(const char *name, const char *data, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, len, f) == len);
        fclose(f);
    }
    return path;
}

static void test_reads_a_regular_file(void)
{
    static const char data[] = "abc\0def\n";
    char *path = write_file("a.bin", data, sizeof data - 1);
    size_t len = 0;
    int err = 0;
    char *buf = host_read_file(path, &len, &err);
    CHECK(buf != NULL);
    CHECK(len == sizeof data - 1);
    CHECK(buf && memcmp(buf, data, len) == 0);
    CHECK(buf && buf[len] == '\0');
    free(buf);
}

static void test_reads_an_empty_file(void)
{
    char *path = write_file("empty", "", 0);
    size_t len = 99;
    int err = 0;
    char *buf = host_read_file(path, &len, &err);
    CHECK(buf != NULL);
    CHECK(len == 0);
    CHECK(buf && buf[0] == '\0');
    free(buf);
}

static void test_reads_a_file_whose_size_is_unknown(void)
{
    /* /proc files report size 0 but have content: the buffer must grow. */
    size_t len = 0;
    int err = 0;
    char *buf = host_read_file("/proc/self/status", &len, &err);
    CHECK(buf != NULL);
    CHECK(len > 100);
    CHECK(buf && strncmp(buf, "Name:", 5) == 0);
    CHECK(buf && strlen(buf) == len);
    free(buf);
}

static void test_missing_file_is_enoent(void)
{
    size_t len;
    int err = 0;
    CHECK(host_read_file("/tmp/qwasm-no-such-file/x", &len, &err) == NULL);
    CHECK(err == ENOENT);
}

static void test_directory_is_eisdir(void)
{
    size_t len;
    int err = 0;
    CHECK(host_read_file(dir, &len, &err) == NULL);
    CHECK(err == EISDIR);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_reads_a_regular_file);
    RUN(test_reads_an_empty_file);
    RUN(test_reads_a_file_whose_size_is_unknown);
    RUN(test_missing_file_is_enoent);
    RUN(test_directory_is_eisdir);
    char path[256];
    snprintf(path, sizeof path, "%s/a.bin", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/empty", dir);
    unlink(path);
    rmdir(dir);
    return check_summary();
}
