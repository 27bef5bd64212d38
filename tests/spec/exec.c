/* exec.c: instantiating and running script modules through qw.h, and checking assert_return,
 * assert_trap, assert_exhaustion, assert_exception and assert_unlinkable the way the reference
 * interpreter does (trap and link messages: the script's text is a prefix of the engine's). */
#include "exec.h"

#include "match.h"
#include "registry.h"
#include "values.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A call or instantiation that runs longer than this (or than $SPEC_RUN_SECONDS) is interrupted
 * (QW_TRAP_INTERRUPTED) and fails, so an interpreter bug that loops cannot hang `make test`. */
#define SPEC_RUN_SECONDS 20

typedef struct named_instance {
    const char *id; /* in the script's arena; NULL when anonymous */
    qw_instance *inst;
} named_instance;

struct spec_exec {
    qw_store *store;
    spec_registry reg;
    spec_hostrefs hostrefs;
    named_instance *insts;
    size_t ninsts;
    qw_instance *current; /* the last instance made, NULL if its instantiation failed */
};

spec_exec *spec_exec_new(qw_engine *eng, qw_error *err)
{
    spec_exec *x = calloc(1, sizeof *x);
    if (!x || !(x->store = qw_store_new(eng, NULL))) {
        free(x);
        err->kind = QW_ERR_OOM;
        snprintf(err->msg, sizeof err->msg, "out of memory");
        return NULL;
    }
    x->hostrefs.store = x->store;
    if (!spec_registry_add_spectest(&x->reg, x->store, err)) {
        spec_exec_free(x);
        return NULL;
    }
    return x;
}

void spec_exec_free(spec_exec *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->ninsts; i++)
        qw_instance_unref(x->insts[i].inst);
    free(x->insts);
    spec_registry_free(&x->reg);
    spec_hostrefs_free(&x->hostrefs);
    /* instances kept alive only through objects the runner held (a failed instantiation's
     * functions stay in the spectest table) go now */
    qw_store_collect(x->store);
    qw_store_unref(x->store);
    free(x);
}

static bool say(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Writes the reason of a failure; returns false so callers can `return say(...)`. */
static bool say(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return false;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- Watchdog -------------------------------------------------------------------------------- */

/* The store running code, for the SIGALRM handler (qw_store_interrupt is signal-safe). */
static qw_store *volatile watched;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    qw_store *s = watched;
    timed_out = 1;
    if (s)
        qw_store_interrupt(s);
}

static unsigned run_seconds(void)
{
    const char *env = getenv("SPEC_RUN_SECONDS");
    long n = env ? strtol(env, NULL, 10) : 0;
    return n > 0 && n < 100000 ? (unsigned)n : SPEC_RUN_SECONDS;
}

static void watch(qw_store *store)
{
    static bool installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        installed = true;
    }
    watched = store;
    timed_out = 0;
    alarm(run_seconds());
}

/* Ends the watch; true if the time ran out. */
static bool unwatch(void)
{
    alarm(0);
    watched = NULL;
    return timed_out != 0;
}

/* ---- Instantiation --------------------------------------------------------------------------- */

typedef struct inst_result {
    qw_instance *inst;
    qw_error err; /* kind QW_ERR_NONE with a trap: initialisation trapped */
    qw_trap trap;
    char trap_msg[QW_TRAP_MESSAGE_MAX]; /* with its operand, as the suite words it */
    bool timed_out;
} inst_result;

/* Resolves mod's imports in the registry and instantiates it. An import the registry does not have
 * is a link error "unknown import", as in the reference interpreter. */
static inst_result instantiate(spec_exec *x, qw_module *mod)
{
    inst_result r = {0};
    uint32_t n = qw_module_import_count(mod);
    qw_extern *imports = n ? calloc(n, sizeof *imports) : NULL;
    if (n && !imports) {
        r.err.kind = QW_ERR_OOM;
        snprintf(r.err.msg, sizeof r.err.msg, "out of memory");
        return r;
    }
    for (uint32_t i = 0; i < n; i++) {
        qw_import_info info = qw_module_import(mod, i);
        const qw_extern *e =
            spec_registry_find(&x->reg, info.module, info.module_len, info.name, info.name_len);
        if (!e) {
            r.err.kind = QW_ERR_LINK;
            snprintf(r.err.msg, sizeof r.err.msg, "unknown import \"%.*s\".\"%.*s\"",
                     (int)info.module_len, info.module, (int)info.name_len, info.name);
            free(imports);
            return r;
        }
        imports[i] = *e;
    }
    watch(x->store);
    r.inst = qw_instance_new(x->store, mod, imports, n, &r.err, &r.trap);
    r.timed_out = unwatch();
    qw_store_trap_message(x->store, r.trap, r.trap_msg, sizeof r.trap_msg);
    free(imports);
    return r;
}

static const char *errkind_word(qw_errkind k)
{
    switch (k) {
    case QW_ERR_LINK:
        return "link error";
    case QW_ERR_OOM:
        return "out of memory";
    case QW_ERR_LIMIT:
        return "limit exceeded";
    case QW_ERR_INVALID:
        return "invalid";
    case QW_ERR_MALFORMED:
        return "malformed";
    default:
        return "error";
    }
}

/* Describes a failed instantiation. */
static void describe_failure(const inst_result *r, char *buf, size_t size)
{
    if (r->err.kind != QW_ERR_NONE)
        snprintf(buf, size, "%s: \"%s\"", errkind_word(r->err.kind), r->err.msg);
    else if (r->timed_out && r->trap == QW_TRAP_INTERRUPTED)
        snprintf(buf, size, "timed out after %u s", run_seconds());
    else
        snprintf(buf, size, "trap: \"%s\"", r->trap_msg);
}

static bool keep_instance(spec_exec *x, const char *id, qw_instance *inst)
{
    named_instance *p = realloc(x->insts, (x->ninsts + 1) * sizeof *p);
    if (!p) {
        qw_instance_unref(inst);
        return false;
    }
    x->insts = p;
    x->insts[x->ninsts++] = (named_instance){id, inst};
    return true;
}

static bool module_instance(spec_exec *x, const wast_cmd *c, qw_module *mod, char *why, size_t size)
{
    x->current = NULL;
    if (!mod)
        return say(why, size, "its module did not compile");
    inst_result r = instantiate(x, mod);
    if (!r.inst) {
        char what[256];
        describe_failure(&r, what, sizeof what);
        return say(why, size, "instantiation failed: %s", what);
    }
    if (!keep_instance(x, c->id, r.inst))
        return say(why, size, "runner out of memory");
    x->current = r.inst;
    return true;
}

/* assert_unlinkable / assert_trap on (module instance): instantiating must fail this way. */
static bool instance_fails(spec_exec *x, const wast_cmd *c, qw_module *mod, char *why, size_t size)
{
    if (!mod)
        return say(why, size, "its module did not compile");
    inst_result r = instantiate(x, mod);
    if (r.inst) {
        /* the spec keeps a successful instance; nothing names it, so it can go */
        qw_instance_unref(r.inst);
        return say(why, size, "instantiated, expected %s \"%s\"",
                   c->kind == WAST_ASSERT_UNLINKABLE ? "link error" : "trap", c->msg);
    }
    char what[256];
    describe_failure(&r, what, sizeof what);
    if (c->kind == WAST_ASSERT_UNLINKABLE) {
        if (r.err.kind != QW_ERR_LINK || !starts_with(r.err.msg, c->msg))
            return say(why, size, "expected link error \"%s\", got %s", c->msg, what);
        return true;
    }
    if (r.err.kind != QW_ERR_NONE || !starts_with(r.trap_msg, c->msg))
        return say(why, size, "expected trap \"%s\", got %s", c->msg, what);
    return true;
}

/* ---- Actions --------------------------------------------------------------------------------- */

static qw_instance *find_instance(spec_exec *x, const char *id)
{
    if (!id)
        return x->current;
    for (size_t i = x->ninsts; i-- > 0;) {
        if (x->insts[i].id && strcmp(x->insts[i].id, id) == 0)
            return x->insts[i].inst;
    }
    return NULL;
}

static bool find_export(qw_instance *inst, const wast_bytes *name, qw_extern *out)
{
    qw_module *mod = qw_instance_module(inst);
    uint32_t n = qw_module_export_count(mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info e = qw_module_export(mod, i);
        if (e.name_len == name->len && memcmp(e.name, name->data, name->len) == 0) {
            *out = qw_instance_export(inst, i);
            return true;
        }
    }
    return false;
}

/* The outcome of an action: a trap, or values. */
typedef struct action_result {
    qw_trap trap;
    char trap_msg[QW_TRAP_MESSAGE_MAX]; /* with its operand, as the suite words it */
    bool timed_out;
    spec_value *vals;
    size_t nvals;
} action_result;

static void action_result_fini(spec_exec *x, action_result *r)
{
    free(r->vals);
    if (r->trap == QW_TRAP_EXCEPTION)
        qw_exception_unref(qw_store_take_exception(x->store));
}

static bool call_func(spec_exec *x, qw_func *fn, const wast_action *a, action_result *out,
                      char *why, size_t size)
{
    uint32_t np, nr;
    const qw_valtype *params = qw_func_params(fn, &np);
    const qw_valtype *results = qw_func_results(fn, &nr);
    (void)params;
    if (np != a->nargs)
        return say(why, size, "export takes %u arguments, the script passes %zu", np, a->nargs);
    qw_val *args = calloc(np + 1, sizeof *args), *res = calloc(nr + 1, sizeof *res);
    out->vals = calloc(nr + 1, sizeof *out->vals);
    bool ok = args && res && out->vals;
    qw_error err = {0};
    for (uint32_t i = 0; ok && i < np; i++) {
        spec_value v = spec_value_from_const(&a->args[i]);
        ok = spec_value_to_qw(&x->hostrefs, &v, &args[i], &err);
    }
    if (ok) {
        watch(x->store);
        out->trap = qw_func_call(x->store, fn, args, res);
        out->timed_out = unwatch();
        qw_store_trap_message(x->store, out->trap, out->trap_msg, sizeof out->trap_msg);
        if (out->trap == QW_TRAP_NONE) {
            for (uint32_t i = 0; i < nr; i++) {
                out->vals[i] = spec_value_from_qw(results[i], &res[i]);
                if (QW_VT_IS_REF(results[i])) /* results carry a count for the caller */
                    qw_ref_release(res[i].ref);
            }
            out->nvals = nr;
        }
    }
    free(args);
    free(res);
    if (!ok)
        return say(why, size, "cannot pass the arguments: %s", err.msg[0] ? err.msg : "no memory");
    return true;
}

/* Runs an action. False when it could not run at all (no such instance or export, wrong
 * arguments); a trap is a normal outcome. */
static bool run_action(spec_exec *x, const wast_action *a, action_result *out, char *why,
                       size_t size)
{
    memset(out, 0, sizeof *out);
    qw_instance *inst = find_instance(x, a->inst);
    if (!inst)
        return say(why, size, "no instance %s", a->inst ? a->inst : "(current)");
    qw_extern e;
    if (!find_export(inst, &a->name, &e))
        return say(why, size, "no export \"%.*s\"", (int)a->name.len, (const char *)a->name.data);
    if (a->kind == WAST_GET) {
        if (e.kind != QW_EXTERN_GLOBAL)
            return say(why, size, "export \"%s\" is not a global", (const char *)a->name.data);
        qw_val v;
        qw_global_get(e.of.global, &v); /* a reference is borrowed */
        out->vals = malloc(sizeof *out->vals);
        if (!out->vals)
            return say(why, size, "runner out of memory");
        out->vals[0] = spec_value_from_qw(qw_global_type(e.of.global), &v);
        out->nvals = 1;
        return true;
    }
    if (e.kind != QW_EXTERN_FUNC)
        return say(why, size, "export \"%s\" is not a function", (const char *)a->name.data);
    return call_func(x, e.of.func, a, out, why, size);
}

static bool assert_return(spec_exec *x, const wast_cmd *c, const action_result *r, char *why,
                          size_t size)
{
    if (r->trap != QW_TRAP_NONE)
        return say(why, size, "trapped: \"%s\"", r->trap_msg);
    size_t bad;
    if (spec_match_all(c->results, c->nresults, r->vals, r->nvals, &bad))
        return true;
    if (r->nvals != c->nresults)
        return say(why, size, "expected %zu results, got %zu", c->nresults, r->nvals);
    char want[200], got[200];
    spec_result_str(&c->results[bad], want, sizeof want);
    spec_value_str(&r->vals[bad], got, sizeof got);
    (void)x;
    return say(why, size, "result %zu: expected %s, got %s", bad, want, got);
}

static bool assert_trap_like(const wast_cmd *c, const action_result *r, char *why, size_t size)
{
    const char *what = c->kind == WAST_ASSERT_EXHAUSTION  ? "exhaustion"
                       : c->kind == WAST_ASSERT_EXCEPTION ? "exception"
                                                          : "trap";
    if (r->trap == QW_TRAP_NONE && c->kind == WAST_ASSERT_EXCEPTION)
        return say(why, size, "returned, expected an exception");
    if (r->trap == QW_TRAP_NONE)
        return say(why, size, "returned, expected %s \"%s\"", what, c->msg);
    if (c->kind == WAST_ASSERT_EXCEPTION) {
        if (r->trap != QW_TRAP_EXCEPTION)
            return say(why, size, "expected an exception, got trap \"%s\"", r->trap_msg);
        return true;
    }
    if (c->kind == WAST_ASSERT_EXHAUSTION && r->trap != QW_TRAP_STACK_EXHAUSTED)
        return say(why, size, "expected exhaustion \"%s\", got trap \"%s\"", c->msg, r->trap_msg);
    if (!starts_with(r->trap_msg, c->msg))
        return say(why, size, "expected %s \"%s\", got \"%s\"", what, c->msg, r->trap_msg);
    return true;
}

static bool register_instance(spec_exec *x, const wast_cmd *c, char *why, size_t size)
{
    qw_instance *inst = find_instance(x, c->id);
    if (!inst)
        return say(why, size, "no instance %s", c->id ? c->id : "(current)");
    qw_module *mod = qw_instance_module(inst);
    uint32_t n = qw_module_export_count(mod);
    for (uint32_t i = 0; i < n; i++) {
        qw_export_info info = qw_module_export(mod, i);
        qw_extern e = qw_instance_export(inst, i);
        if (!spec_registry_add(&x->reg, (const char *)c->name.data, c->name.len, info.name,
                               info.name_len, &e))
            return say(why, size, "runner out of memory");
    }
    return true;
}

bool spec_exec_command(spec_exec *x, const wast_cmd *c, qw_module *mod, char *why, size_t size)
{
    why[0] = 0;
    switch (c->kind) {
    case WAST_MODULE_INST:
        return module_instance(x, c, mod, why, size);
    case WAST_REGISTER:
        return register_instance(x, c, why, size);
    case WAST_ASSERT_UNLINKABLE:
        return instance_fails(x, c, mod, why, size);
    case WAST_ASSERT_TRAP:
        if (!c->has_action)
            return instance_fails(x, c, mod, why, size);
        break;
    case WAST_ACTION:
    case WAST_ASSERT_RETURN:
    case WAST_ASSERT_EXHAUSTION:
    case WAST_ASSERT_EXCEPTION:
        break;
    default:
        return say(why, size, "not an execution command");
    }
    action_result r;
    bool ok = run_action(x, &c->action, &r, why, size);
    if (ok && r.timed_out && r.trap == QW_TRAP_INTERRUPTED)
        ok = say(why, size, "timed out after %u s", run_seconds());
    else if (ok) {
        if (c->kind == WAST_ASSERT_RETURN)
            ok = assert_return(x, c, &r, why, size);
        else if (c->kind == WAST_ACTION)
            ok = r.trap == QW_TRAP_NONE || say(why, size, "trapped: \"%s\"", r.trap_msg);
        else
            ok = assert_trap_like(c, &r, why, size);
    }
    action_result_fini(x, &r);
    return ok;
}
