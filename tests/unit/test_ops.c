/* Unit tests of ops.def / ops.c: the generated tables agree with each other, every instruction
 * has a distinct name, and signatures are well formed. */
#include "check.h"
#include "ops.h"

#include <string.h>

static void test_tables_round_trip(void)
{
    int seen = 0;
#define OP(id, code, text, imm, sig, arg)                                                          \
    CHECK(qw_op_byte[code] == QW_OP_##id + 1);                                                     \
    seen++;
#define FB(id, code, text, imm, sig, arg)                                                          \
    CHECK(qw_op_fb[code] == QW_OP_##id + 1);                                                       \
    seen++;
#define FC(id, code, text, imm, sig, arg)                                                          \
    CHECK(qw_op_fc[code] == QW_OP_##id + 1);                                                       \
    seen++;
#define FD(id, code, text, imm, sig, arg)                                                          \
    CHECK(qw_op_fd[code] == QW_OP_##id + 1);                                                       \
    seen++;
#define FE(id, code, text, imm, sig, arg)                                                          \
    CHECK(qw_op_fe[code] == QW_OP_##id + 1 && qw_op_prefixed(0xFE, code) == QW_OP_##id + 1);       \
    seen++;
#include "ops.def"
    CHECK(seen == QW_OP_COUNT);
    /* spot checks against the binary format */
    CHECK(qw_op_byte[0x6A] == QW_OP_I32_ADD + 1 && qw_op_byte[0xFF] == 0);
    CHECK(qw_op_fc[17] == QW_OP_TABLE_FILL + 1 && qw_op_fb[30] == QW_OP_I31_GET_U + 1);
    CHECK(qw_op_fd[0x113] == QW_OP_I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S + 1);
    CHECK(qw_op_fd[154] == 0); /* a hole in the SIMD opcode space */
    CHECK(qw_op_fe[0x4E] == QW_OP_I64_ATOMIC_RMW32_CMPXCHG_U + 1 && qw_op_fe[0x04] == 0);
    CHECK(qw_op_prefixed(0xFE, 0x4F) == 0 && qw_op_prefixed(0xFC, 0x12) == 0);
    CHECK(qw_op_is_prefix(0xFE) && !qw_op_is_prefix(0xFF) && !qw_op_is_prefix(0xFA));
}

static void test_names_distinct(void)
{
    int dups = 0;
    for (int a = 0; a < QW_OP_COUNT; a++) {
        for (int b = a + 1; b < QW_OP_COUNT; b++) {
            /* select and select t share their text name */
            if (strcmp(qw_op_infos[a].text, qw_op_infos[b].text) == 0 && a != QW_OP_SELECT)
                dups++;
        }
    }
    CHECK(dups == 0);
    CHECK(strcmp(qw_op_infos[QW_OP_I64_EXTEND32_S].text, "i64.extend32_s") == 0);
}

static void test_signatures_well_formed(void)
{
    for (int op = 0; op < QW_OP_COUNT; op++) {
        const char *sig = qw_op_infos[op].sig;
        if (strcmp(sig, "X") == 0)
            continue;
        const char *u = strchr(sig, '_');
        CHECK(u != NULL && u - sig <= 1 && strlen(u + 1) <= 3);
        CHECK(strspn(sig, "ilfdva_") == strlen(sig));
        /* the address type `a` only where a memory immediate says which memory */
        if (strchr(sig, 'a'))
            CHECK(qw_op_infos[op].imm == QW_IMM_MEMARG || qw_op_infos[op].imm == QW_IMM_MEMORY ||
                  qw_op_infos[op].imm == QW_IMM_MEMARG_LANE ||
                  qw_op_infos[op].imm == QW_IMM_MEMARG_ATOMIC);
    }
}

int main(void)
{
    RUN(test_tables_round_trip);
    RUN(test_names_distinct);
    RUN(test_signatures_well_formed);
    return check_summary();
}
