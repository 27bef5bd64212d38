/* ops.h: opcode numbering and per-opcode facts, all generated from ops.def. */
#ifndef QW_OPS_H
#define QW_OPS_H

#include "leb.h"

#include <stdint.h>

typedef enum qw_op {
#define OP(id, code, text, imm, sig, arg) QW_OP_##id,
#define FB(id, code, text, imm, sig, arg) QW_OP_##id,
#define FC(id, code, text, imm, sig, arg) QW_OP_##id,
#define FD(id, code, text, imm, sig, arg) QW_OP_##id,
#define FE(id, code, text, imm, sig, arg) QW_OP_##id,
#include "ops.def"
    QW_OP_COUNT
} qw_op;

/* Immediate classes (the `imm` column). */
typedef enum qw_imm {
    QW_IMM_NONE,
    QW_IMM_BLOCK,
    QW_IMM_LABEL,
    QW_IMM_BRTABLE,
    QW_IMM_FUNC,
    QW_IMM_CALLIND,
    QW_IMM_LOCAL,
    QW_IMM_GLOBAL,
    QW_IMM_TABLE,
    QW_IMM_MEMARG,
    QW_IMM_MEMORY,
    QW_IMM_I32,
    QW_IMM_I64,
    QW_IMM_F32,
    QW_IMM_F64,
    QW_IMM_V128,
    QW_IMM_LANE,
    QW_IMM_MEMARG_LANE,
    QW_IMM_SHUFFLE,
    QW_IMM_SELECT_T,
    QW_IMM_HEAP,
    QW_IMM_TYPE,
    QW_IMM_TYPE_FIELD,
    QW_IMM_TYPE_COUNT,
    QW_IMM_TYPE_DATA,
    QW_IMM_TYPE_ELEM,
    QW_IMM_TYPE_TYPE,
    QW_IMM_DATA,
    QW_IMM_DATA_MEMORY,
    QW_IMM_ELEM,
    QW_IMM_ELEM_TABLE,
    QW_IMM_TABLE_TABLE,
    QW_IMM_MEMORY_MEMORY,
    QW_IMM_BR_ON_CAST,
    QW_IMM_TAG,
    QW_IMM_TRY_TABLE,
    QW_IMM_MEMARG_ATOMIC, /* a memarg whose alignment must be the natural one */
    QW_IMM_ZERO_BYTE,     /* atomic.fence's reserved 0x00 */
} qw_imm;

typedef struct qw_op_info {
    const char *text;
    const char *sig; /* see ops.def: "i_ii", "_", or "X" */
    uint8_t imm;     /* qw_imm */
    uint8_t arg;
} qw_op_info;

extern const qw_op_info qw_op_infos[QW_OP_COUNT];

/* Opcode -> qw_op + 1 (0: no such instruction), per prefix. */
#define QW_OP_FB_COUNT 0x1F
#define QW_OP_FC_COUNT 0x12
#define QW_OP_FD_COUNT 0x114
#define QW_OP_FE_COUNT 0x4F
extern const uint16_t qw_op_byte[256];
extern const uint16_t qw_op_fb[QW_OP_FB_COUNT];
extern const uint16_t qw_op_fc[QW_OP_FC_COUNT];
extern const uint16_t qw_op_fd[QW_OP_FD_COUNT];
extern const uint16_t qw_op_fe[QW_OP_FE_COUNT];

/* Whether b is a prefix byte: a u32 subopcode follows. */
static inline bool qw_op_is_prefix(uint8_t b)
{
    return b >= 0xFB && b <= 0xFE;
}

/* The instruction of prefix byte b and subopcode sub, as qw_op + 1 (0: no such instruction). */
static inline uint32_t qw_op_prefixed(uint8_t b, uint32_t sub)
{
    switch (b) {
    case 0xFB:
        return sub < QW_OP_FB_COUNT ? qw_op_fb[sub] : 0;
    case 0xFC:
        return sub < QW_OP_FC_COUNT ? qw_op_fc[sub] : 0;
    case 0xFD:
        return sub < QW_OP_FD_COUNT ? qw_op_fd[sub] : 0;
    default:
        return sub < QW_OP_FE_COUNT ? qw_op_fe[sub] : 0;
    }
}

/* Reads past the immediates of op (opcode already read) without checking what they refer to: for
 * decoding after a validation error, and for passes over already validated code. */
bool qw_ops_skip_imm(qw_reader *r, uint32_t op);

#endif
