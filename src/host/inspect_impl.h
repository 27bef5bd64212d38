/* inspect_impl.h: what the two halves of the formatter share: inspect.c (layout, primitives,
 * properties, the walk over objects) and inspect_kinds.c (recognising built-in objects and
 * formatting what is particular to each kind). Private to those two files. */
#ifndef HOST_INSPECT_IMPL_H
#define HOST_INSPECT_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "inspect.h"
#include "quickjs.h"

#define MAX_STRING_LENGTH 10000 /* characters of a string shown (Node's maxStringLength) */
/* Listing the keys of a typed array lists every index: above this length only its symbol keys
 * are looked for, so that inspecting a big buffer stays cheap. */
#define MAX_TYPED_KEYS         65536
#define MAX_NESTING            1000 /* a C-stack guard when the depth is unlimited */
#define MAX_PROTO_CHAIN        1000 /* proxies can make endless prototype chains */
#define STACK_RESERVE          (256 * 1024)
#define MAX_PROTO_DESCRIPTIONS 16 /* nested "Object <...>" descriptions of prototypes */

/* The kinds of objects the formatter tells apart (Node's formatRaw branches). */
enum kind {
    K_OBJECT,
    K_ARRAY,
    K_FUNCTION,
    K_ERROR,
    K_MAP,
    K_SET,
    K_WEAKMAP,
    K_WEAKSET,
    K_TYPED_ARRAY,
    K_ARRAY_BUFFER,
    K_SHARED_ARRAY_BUFFER,
    K_DATAVIEW,
    K_PROMISE,
    K_REGEXP,
    K_DATE,
    K_NUMBER,
    K_STRING,
    K_BOOLEAN,
    K_SYMBOL,
    K_BIGINT,
};

/* One inspection: options, layout state and what is being formatted. */
typedef struct inspector {
    JSContext *ctx;
    host_inspect_opts o;
    int indent;    /* Node's indentationLvl */
    int cur_depth; /* Node's currentDepth: the level whose entries were formatted last */
    void **seen;   /* the objects being formatted, outermost first */
    int nseen, cap_seen;
    void **circ; /* objects found to be circular; [Circular *i+1] */
    int ncirc, cap_circ;
    bool oom;
    JSAtom a_constructor, a_name, a_prototype, a_message, a_stack, a_tag, a_length;
} inspector;

/* A list of formatted entries of one object. */
typedef struct entries {
    host_buf *v;
    int n, cap;
} entries;

/* The own keys shown for an object (atoms to free with keylist_free). */
typedef struct keylist {
    JSPropertyEnum *tab;
    uint32_t n;
} keylist;

/* What the formatter learnt about an object before formatting it. */
typedef struct objinfo {
    enum kind kind;
    const char *ctor;  /* NULL: no constructor found (null prototype) */
    const char *tag;   /* "" unless a Symbol.toStringTag differs from the constructor's name */
    const char *typed; /* a typed array's class name */
} objinfo;

/* The part of an object's text before its entries, and whether it is complete by itself. */
typedef struct shape {
    host_buf base; /* "[Function: f]", an error's stack, "<ref *1>" ... */
    host_buf open; /* "{", "[", "Map(2) {" ... */
    const char *close;
    bool array_like; /* items may be grouped in columns */
    bool done;       /* base alone is the whole text (no entries to show) */
} shape;

/* inspect.c */
int host_inspect_oom(inspector *in);
host_buf *host_inspect_entry(inspector *in, entries *e);
int host_inspect_value(inspector *in, JSValueConst v, int level, host_buf *out);
int host_inspect_primitive(inspector *in, JSValueConst v, host_buf *b);
int host_inspect_property(inspector *in, JSValueConst obj, JSAtom atom, bool with_key, int level,
                          host_buf *b);
int host_inspect_data_prop(inspector *in, JSValueConst obj, JSAtom atom, JSValue *out);
const char *host_inspect_own_string(inspector *in, JSValueConst obj, JSAtom atom);
void host_inspect_prefix(host_buf *b, const objinfo *info, const char *fallback, const char *size);

/* inspect_kinds.c */
/* True when less than STACK_RESERVE bytes of C stack are left: the formatter then cuts the
 * structure as at the depth limit. JS code may have used all the stack QuickJS allows it, which
 * leaves only the host's margin for the formatter's own recursion. */
bool host_inspect_stack_low(void);
/* A typed array's length in items (0 when detached). */
uint32_t host_inspect_typed_length(JSContext *ctx, JSValueConst obj);
/* Whether a property key is an array index, without making a string of the common ones. */
bool host_inspect_atom_index(JSContext *ctx, JSAtom a, uint32_t *idx);
int host_inspect_classify(inspector *in, JSValueConst obj, objinfo *info);
void host_inspect_classify_boxes(inspector *in, JSValueConst obj, objinfo *info);
int host_inspect_shape(inspector *in, JSValueConst obj, objinfo *info, keylist *keys, uint32_t *len,
                       shape *sh);
int host_inspect_kind_entries(inspector *in, JSValueConst obj, const objinfo *info, uint32_t len,
                              int level, entries *e, bool *numeric);

#endif
