/* test_path.c: host_path_normalize (src/host/path.c), the lexical normal form that names modules.
 */
#include "../unit/check.h"
#include "host.h"

#include <stdlib.h>

static void check_norm(const char *in, const char *want)
{
    char *got = host_path_normalize(in);
    CHECK(got != NULL);
    if (got && strcmp(got, want) != 0) {
        check_failed++;
        fprintf(stderr, "normalize(\"%s\") = \"%s\", expected \"%s\"\n", in, got, want);
    } else if (got) {
        check_passed++;
    }
    free(got);
}

static void test_plain_paths_are_kept(void)
{
    check_norm("a.mjs", "a.mjs");
    check_norm("dir/a.mjs", "dir/a.mjs");
    check_norm("/abs/a.mjs", "/abs/a.mjs");
}

static void test_dot_and_empty_components_go(void)
{
    check_norm("./a.mjs", "a.mjs");
    check_norm("dir/./a.mjs", "dir/a.mjs");
    check_norm("dir//a.mjs", "dir/a.mjs");
    check_norm("dir/a/", "dir/a");
    check_norm(".", ".");
    check_norm("./", ".");
    check_norm("", ".");
}

static void test_dotdot_folds_a_component(void)
{
    check_norm("dir/../a.mjs", "a.mjs");
    check_norm("a/b/../../c.mjs", "c.mjs");
    check_norm("a/b/../c/./../d.mjs", "a/d.mjs");
    check_norm("/x/y/../z.mjs", "/x/z.mjs");
    check_norm("dir/..", ".");
}

static void test_leading_dotdot_is_kept_when_relative(void)
{
    check_norm("../a.mjs", "../a.mjs");
    check_norm("../../a.mjs", "../../a.mjs");
    check_norm("dir/../../a.mjs", "../a.mjs");
    check_norm("../dir/../a.mjs", "../a.mjs");
}

static void test_dotdot_stops_at_the_root(void)
{
    check_norm("/../a.mjs", "/a.mjs");
    check_norm("/x/../../a.mjs", "/a.mjs");
    check_norm("/..", "/");
    check_norm("/", "/");
}

static void test_dots_inside_names_are_names(void)
{
    check_norm("a/..b/c.mjs", "a/..b/c.mjs");
    check_norm("a/.b/../c.mjs", "a/c.mjs");
    check_norm("a/.../c.mjs", "a/.../c.mjs");
}

int main(void)
{
    RUN(test_plain_paths_are_kept);
    RUN(test_dot_and_empty_components_go);
    RUN(test_dotdot_folds_a_component);
    RUN(test_leading_dotdot_is_kept_when_relative);
    RUN(test_dotdot_stops_at_the_root);
    RUN(test_dots_inside_names_are_names);
    return check_summary();
}
