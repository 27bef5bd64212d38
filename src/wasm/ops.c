/* ops.c: the opcode tables, generated from ops.def with X-macros, and reading past an
 * instruction's immediates by their class. */
#include "ops.h"

const qw_op_info qw_op_infos[QW_OP_COUNT] = {
#define INFO(id, code, text, imm, sig, arg) [QW_OP_##id] = {text, #sig, QW_IMM_##imm, arg},
#define OP                                  INFO
#define FB                                  INFO
#define FC                                  INFO
#define FD                                  INFO
#define FE                                  INFO
#include "ops.def"
#undef INFO
};

const uint16_t qw_op_byte[256] = {
#define OP(id, code, text, imm, sig, arg) [code] = QW_OP_##id + 1,
#include "ops.def"
};

const uint16_t qw_op_fb[QW_OP_FB_COUNT] = {
#define FB(id, code, text, imm, sig, arg) [code] = QW_OP_##id + 1,
#include "ops.def"
};

const uint16_t qw_op_fc[QW_OP_FC_COUNT] = {
#define FC(id, code, text, imm, sig, arg) [code] = QW_OP_##id + 1,
#include "ops.def"
};

const uint16_t qw_op_fd[QW_OP_FD_COUNT] = {
#define FD(id, code, text, imm, sig, arg) [code] = QW_OP_##id + 1,
#include "ops.def"
};

const uint16_t qw_op_fe[QW_OP_FE_COUNT] = {
#define FE(id, code, text, imm, sig, arg) [code] = QW_OP_##id + 1,
#include "ops.def"
};

/* ---- reading past immediates ---------------------------------------------------------------- */

static bool skip_u32s(qw_reader *r, int n)
{
    uint32_t x;
    for (int i = 0; i < n; i++) {
        if (!qw_read_u32(r, &x))
            return false;
    }
    return true;
}

static bool skip_heaptype(qw_reader *r)
{
    int64_t x;
    return qw_leb_read_s33(r, &x);
}

static bool skip_valtype(qw_reader *r)
{
    uint8_t b;
    if (!qw_read_u8(r, &b))
        return false;
    return b == QW_REF || b == QW_REF_NULL ? skip_heaptype(r) : true;
}

/* Reads past the immediates of op without checking what they refer to. */
bool qw_ops_skip_imm(qw_reader *r, uint32_t op)
{
    const uint8_t *b;
    uint32_t n, flags;
    int64_t x;
    switch (qw_op_infos[op].imm) {
    case QW_IMM_NONE:
        return true;
    case QW_IMM_BLOCK:
        if (r->p < r->end && (*r->p == 0x40 || *r->p == QW_REF || *r->p == QW_REF_NULL))
            return r->p[0] == 0x40 ? (r->p++, true) : skip_valtype(r);
        return qw_leb_read_s33(r, &x);
    case QW_IMM_I32:
    case QW_IMM_I64:
        return qw_leb_read_s64(r, &x);
    case QW_IMM_F32:
        return qw_read_bytes(r, 4, &b);
    case QW_IMM_F64:
        return qw_read_bytes(r, 8, &b);
    case QW_IMM_V128:
    case QW_IMM_SHUFFLE:
        return qw_read_bytes(r, 16, &b);
    case QW_IMM_LANE:
        return qw_read_bytes(r, 1, &b);
    case QW_IMM_ZERO_BYTE:
        return qw_read_bytes(r, 1, &b);
    case QW_IMM_MEMARG:
    case QW_IMM_MEMARG_ATOMIC:
    case QW_IMM_MEMARG_LANE: {
        uint64_t off;
        if (!qw_read_u32(r, &flags) || ((flags & 0x40) && !skip_u32s(r, 1)) ||
            !qw_leb_read_u64(r, &off))
            return false;
        return qw_op_infos[op].imm != QW_IMM_MEMARG_LANE || qw_read_bytes(r, 1, &b);
    }
    case QW_IMM_BRTABLE:
        return qw_read_u32(r, &n) && (n <= (size_t)(r->end - r->p) || qw_leb_fail_end(r)) &&
               skip_u32s(r, (int)n + 1);
    case QW_IMM_SELECT_T:
        if (!qw_read_u32(r, &n))
            return false;
        for (uint32_t i = 0; i < n; i++) {
            if (!skip_valtype(r))
                return false;
        }
        return true;
    case QW_IMM_HEAP:
        return skip_heaptype(r);
    case QW_IMM_BR_ON_CAST:
        return qw_read_bytes(r, 1, &b) && skip_u32s(r, 1) && skip_heaptype(r) && skip_heaptype(r);
    case QW_IMM_TRY_TABLE:
        if (!qw_ops_skip_imm(r, QW_OP_BLOCK) || !qw_read_u32(r, &n))
            return false;
        for (uint32_t i = 0; i < n; i++) {
            uint8_t kind;
            if (!qw_read_u8(r, &kind) || !skip_u32s(r, kind < 2 ? 2 : 1))
                return false;
        }
        return true;
    case QW_IMM_CALLIND:
    case QW_IMM_TYPE_FIELD:
    case QW_IMM_TYPE_COUNT:
    case QW_IMM_TYPE_DATA:
    case QW_IMM_TYPE_ELEM:
    case QW_IMM_TYPE_TYPE:
    case QW_IMM_DATA_MEMORY:
    case QW_IMM_ELEM_TABLE:
    case QW_IMM_TABLE_TABLE:
    case QW_IMM_MEMORY_MEMORY:
        return skip_u32s(r, 2);
    default: /* one index */
        return skip_u32s(r, 1);
    }
}
