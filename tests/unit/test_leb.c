/* Unit tests of leb.c: LEB128 length and sign rules and the wording of truncation errors. */
#include "check.h"
#include "leb.h"

static qw_reader reader(const uint8_t *b, size_t n, qw_error *err)
{
    qw_reader r = {b, b + n, b, err, QW_NO_FUNC, false};
    err->kind = QW_ERR_NONE;
    err->msg[0] = 0;
    return r;
}

static void test_u32_values(void)
{
    static const uint8_t one[] = {0x05};
    static const uint8_t max[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
    static const uint8_t padded[] = {0x80, 0x80, 0x80, 0x80, 0x00};
    qw_error err;
    uint32_t v;
    qw_reader r = reader(one, sizeof one, &err);
    CHECK(qw_read_u32(&r, &v) && v == 5 && r.p == one + 1);
    r = reader(max, sizeof max, &err);
    CHECK(qw_read_u32(&r, &v) && v == UINT32_MAX);
    r = reader(padded, sizeof padded, &err);
    CHECK(qw_read_u32(&r, &v) && v == 0 && r.p == padded + 5);
}

static void test_u32_too_long(void)
{
    static const uint8_t bin[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    qw_error err;
    uint32_t v;
    qw_reader r = reader(bin, sizeof bin, &err);
    CHECK(!qw_read_u32(&r, &v));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "integer representation too long");
    CHECK(err.offset == 0);
}

static void test_u32_too_large(void)
{
    static const uint8_t bin[] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F};
    qw_error err;
    uint32_t v;
    qw_reader r = reader(bin, sizeof bin, &err);
    CHECK(qw_read_u32(&r, &v) && v == 0);
    CHECK(!qw_read_u32(&r, &v));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "integer too large");
    CHECK(err.offset == 1);
}

static void test_s32_sign_rules(void)
{
    static const uint8_t minus_one[] = {0x7F};
    static const uint8_t min[] = {0x80, 0x80, 0x80, 0x80, 0x78};
    static const uint8_t bad_sign[] = {0x80, 0x80, 0x80, 0x80, 0x70};
    static const uint8_t bad_pos[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
    qw_error err;
    int32_t v;
    qw_reader r = reader(minus_one, sizeof minus_one, &err);
    CHECK(qw_leb_read_s32(&r, &v) && v == -1);
    r = reader(min, sizeof min, &err);
    CHECK(qw_leb_read_s32(&r, &v) && v == INT32_MIN);
    r = reader(bad_sign, sizeof bad_sign, &err);
    CHECK(!qw_leb_read_s32(&r, &v));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "integer too large");
    r = reader(bad_pos, sizeof bad_pos, &err);
    CHECK(!qw_leb_read_s32(&r, &v));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "integer too large");
}

static void test_s33_block_type_index(void)
{
    static const uint8_t big[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F}; /* 2^32 - 1: fits in s33 */
    static const uint8_t neg[] = {0x40};
    qw_error err;
    int64_t v;
    qw_reader r = reader(big, sizeof big, &err);
    CHECK(qw_leb_read_s33(&r, &v) && v == 0xFFFFFFFFll);
    r = reader(neg, sizeof neg, &err);
    CHECK(qw_leb_read_s33(&r, &v) && v == -64);
}

static void test_64_bit(void)
{
    static const uint8_t umax[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
    static const uint8_t utoo_large[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0x03};
    static const uint8_t smin[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F};
    static const uint8_t stoo_long[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                        0x80, 0x80, 0x80, 0x80, 0x00};
    qw_error err;
    uint64_t u;
    int64_t s;
    qw_reader r = reader(umax, sizeof umax, &err);
    CHECK(qw_leb_read_u64(&r, &u) && u == UINT64_MAX);
    r = reader(utoo_large, sizeof utoo_large, &err);
    CHECK(!qw_leb_read_u64(&r, &u));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "integer too large");
    r = reader(smin, sizeof smin, &err);
    CHECK(qw_leb_read_s64(&r, &s) && s == INT64_MIN);
    r = reader(stoo_long, sizeof stoo_long, &err);
    CHECK(!qw_leb_read_s64(&r, &s));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "integer representation too long");
}

static void test_truncation_wording(void)
{
    static const uint8_t bin[] = {0x80, 0x80};
    qw_error err;
    uint32_t v;
    qw_reader r = reader(bin, sizeof bin, &err);
    CHECK(!qw_read_u32(&r, &v));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "unexpected end");
    CHECK(strcmp(err.msg, "unexpected end") == 0);
    r = reader(bin, sizeof bin, &err);
    r.section_eof = true;
    CHECK(!qw_read_u32(&r, &v));
    CHECK_ERR(&err, QW_ERR_MALFORMED, "unexpected end of section or function");
    CHECK(err.offset == 2);
}

static void test_first_error_wins(void)
{
    static const uint8_t bin[] = {0x80};
    qw_error err;
    uint32_t v;
    qw_reader r = reader(bin, sizeof bin, &err);
    CHECK(!qw_fail_at(&r, bin, QW_ERR_INVALID, "type mismatch"));
    CHECK(!qw_read_u32(&r, &v));
    CHECK_ERR(&err, QW_ERR_INVALID, "type mismatch");
}

int main(void)
{
    RUN(test_u32_values);
    RUN(test_u32_too_long);
    RUN(test_u32_too_large);
    RUN(test_s32_sign_rules);
    RUN(test_s33_block_type_index);
    RUN(test_64_bit);
    RUN(test_truncation_wording);
    RUN(test_first_error_wins);
    return check_summary();
}
