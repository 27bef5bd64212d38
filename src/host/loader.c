/* loader.c: the ES module loader. A module is named by its path, normalised lexically, so that
 * every way of reaching a file gives one name and QuickJS's module map links cycles. Specifiers
 * must be relative ("./", "../") or absolute paths; they resolve against the importer's path. */
#include "host.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_path_specifier(const char *s)
{
    return s[0] == '/' || (s[0] == '.' && s[1] == '/') ||
           (s[0] == '.' && s[1] == '.' && s[2] == '/');
}

/* QuickJS asks this for every import: base is the importer's name. The file must exist here,
 * where the importer is known, so that the error can name both. */
static char *normalize(JSContext *ctx, const char *base, const char *spec, void *opaque)
{
    (void)opaque;
    if (!is_path_specifier(spec)) {
        JS_ThrowTypeError(ctx,
                          "Cannot find module '%s' imported from %s: only relative ('./', "
                          "'../') and absolute paths are supported",
                          spec, base);
        return NULL;
    }
    size_t dir_len = 0;
    const char *slash = strrchr(base, '/');
    if (spec[0] != '/' && slash)
        dir_len = (size_t)(slash - base) + 1;
    size_t spec_len = strlen(spec);
    char *joined = malloc(dir_len + spec_len + 1);
    if (!joined) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    memcpy(joined, base, dir_len);
    memcpy(joined + dir_len, spec, spec_len + 1);
    char *path = host_path_normalize(joined);
    free(joined);
    if (!path) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    struct stat st;
    if (stat(path, &st) < 0 || S_ISDIR(st.st_mode)) {
        int err = errno;
        JS_ThrowTypeError(ctx, "Cannot find module '%s' imported from %s: %s", path, base,
                          S_ISDIR(st.st_mode) ? "it is a directory" : strerror(err));
        free(path);
        return NULL;
    }
    /* QuickJS frees the name with js_free: hand it a copy from its own allocator. */
    char *name = js_strdup(ctx, path);
    free(path);
    return name;
}

static int set_import_meta(JSContext *ctx, JSModuleDef *m, const char *name)
{
    char *real = realpath(name, NULL);
    JSValue meta = JS_GetImportMeta(ctx, m);
    if (JS_IsException(meta)) {
        free(real);
        return -1;
    }
    /* A module from -e has no file: its URL names the working directory's pseudo file. */
    size_t n = strlen(real ? real : name) + 8;
    char *url = malloc(n);
    int ret = -1;
    if (url) {
        snprintf(url, n, "file://%s", real ? real : name);
        ret = JS_SetPropertyStr(ctx, meta, "url", JS_NewString(ctx, url));
    } else {
        JS_ThrowOutOfMemory(ctx);
    }
    free(url);
    free(real);
    JS_FreeValue(ctx, meta);
    return ret < 0 ? -1 : 0;
}

JSValue host_loader_compile(JSContext *ctx, const char *src, size_t len, const char *name)
{
    JSValue mod = JS_Eval(ctx, src, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    if (JS_IsException(mod))
        return mod;
    if (set_import_meta(ctx, JS_VALUE_GET_PTR(mod), name) < 0) {
        JS_FreeValue(ctx, mod);
        return JS_EXCEPTION;
    }
    return mod;
}

static JSModuleDef *load(JSContext *ctx, const char *name, void *opaque)
{
    (void)opaque;
    size_t len;
    int err;
    char *src = host_read_file(name, &len, &err);
    if (!src) {
        if (err == ENOMEM)
            JS_ThrowOutOfMemory(ctx);
        else
            JS_ThrowTypeError(ctx, "Cannot load module '%s': %s", name, strerror(err));
        return NULL;
    }
    JSValue mod = host_loader_compile(ctx, src, len, name);
    free(src);
    if (JS_IsException(mod))
        return NULL;
    /* The module stays in the context's module list, which owns it. */
    JSModuleDef *m = JS_VALUE_GET_PTR(mod);
    JS_FreeValue(ctx, mod);
    return m;
}

void host_loader_init(JSRuntime *rt)
{
    JS_SetModuleLoaderFunc(rt, normalize, load, NULL);
}
