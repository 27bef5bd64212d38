/* ops.c: the opcode tables, generated from ops.def with X-macros. */
#include "ops.h"

const qw_op_info qw_op_infos[QW_OP_COUNT] = {
#define INFO(id, code, text, imm, sig, arg) [QW_OP_##id] = {text, #sig, QW_IMM_##imm, arg},
#define OP                                  INFO
#define FB                                  INFO
#define FC                                  INFO
#define FD                                  INFO
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
