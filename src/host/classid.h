/* classid.h: finds the QuickJS class id of a built-in object. QuickJS 2021 has no public way to ask
 * an object's class, but JS_GetOpaque(obj, id) answers with the object's internal pointer when id
 * is its class and NULL otherwise, without side effects or exceptions. So probing the ids with a
 * sample object built at start-up tells the id of its class. This holds only for classes whose
 * internal pointer is never NULL: ArrayBuffer, SharedArrayBuffer, typed arrays, DataView, Map, Set,
 * WeakMap, WeakSet, RegExp, Promise, Proxy (not Date or boxed primitives, whose slot may be all
 * zero). */
#ifndef HOST_CLASSID_H
#define HOST_CLASSID_H

#include "quickjs.h"

/* Above every built-in class id of QuickJS 2021 (about 60), below the ids given to embedders. */
#define HOST_CLASS_PROBE_LIMIT 128

static inline JSClassID host_class_id_probe(JSValueConst obj)
{
    for (JSClassID id = 1; id < HOST_CLASS_PROBE_LIMIT; id++) {
        if (JS_GetOpaque(obj, id))
            return id;
    }
    return 0;
}

/* True when obj is an object of class id (a probed id; 0 never matches). */
static inline int host_class_is(JSValueConst obj, JSClassID id)
{
    return id != 0 && JS_GetOpaque(obj, id) != NULL;
}

#endif
