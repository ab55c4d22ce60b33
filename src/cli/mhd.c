/* mhd.c — libmicrohttpd loaded by `feit serve` when it starts (mhd.h). */
#include "mhd.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int mhd_load(mhd_api *m, char *why, size_t cap)
{
    memset(m, 0, sizeof *m);
    m->lib = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
    if (!m->lib)
        m->lib = dlopen("libmicrohttpd.so", RTLD_NOW | RTLD_LOCAL);
    if (!m->lib) {
        const char *e = dlerror();
        snprintf(why, cap, "cannot load libmicrohttpd (Debian: apt-get install libmicrohttpd12): %s", e ? e : "not found");
        return -1;
    }
    /* (a function pointer from dlsym: POSIX guarantees the conversion) */
#define LOAD(field, name)                                                                                              \
    do {                                                                                                               \
        void *p = dlsym(m->lib, name);                                                                                 \
        if (!p) {                                                                                                      \
            snprintf(why, cap, "libmicrohttpd has no %s (too old?)", name);                                             \
            mhd_unload(m);                                                                                             \
            return -1;                                                                                                 \
        }                                                                                                              \
        memcpy(&m->field, &p, sizeof p);                                                                               \
    } while (0)
    LOAD(start_daemon, "MHD_start_daemon");
    LOAD(stop_daemon, "MHD_stop_daemon");
    LOAD(get_daemon_info, "MHD_get_daemon_info");
    LOAD(get_connection_info, "MHD_get_connection_info");
    LOAD(lookup_connection_value, "MHD_lookup_connection_value");
    LOAD(create_response_from_buffer, "MHD_create_response_from_buffer");
    LOAD(add_response_header, "MHD_add_response_header");
    LOAD(queue_response, "MHD_queue_response");
    LOAD(destroy_response, "MHD_destroy_response");
#undef LOAD
    return 0;
}

void mhd_unload(mhd_api *m)
{
    if (m->lib)
        dlclose(m->lib);
    memset(m, 0, sizeof *m);
}
