/*
 * mhd.h — libmicrohttpd for `feit serve`, loaded when the server starts (dlopen), not linked:
 * linked, it and the TLS libraries it pulls in (gnutls, nettle, hogweed, gmp, p11-kit, idn2,
 * unistring, tasn1, ffi) were loaded and relocated at every start of feit, a third of the
 * start-up of `feit extract` on a small input. The functions serve.c calls, with their
 * prototypes from <microhttpd.h>.
 */
#ifndef FEIT_CLI_MHD_H
#define FEIT_CLI_MHD_H

#include <microhttpd.h>
#include <stddef.h>

typedef struct mhd_api {
    void *lib; /* the dlopen handle (owned) */
    __typeof__(MHD_start_daemon) *start_daemon;
    __typeof__(MHD_stop_daemon) *stop_daemon;
    __typeof__(MHD_get_daemon_info) *get_daemon_info;
    __typeof__(MHD_get_connection_info) *get_connection_info;
    __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
    __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
    __typeof__(MHD_add_response_header) *add_response_header;
    __typeof__(MHD_queue_response) *queue_response;
    __typeof__(MHD_destroy_response) *destroy_response;
} mhd_api;

/* Loads libmicrohttpd (its Debian soname, libmicrohttpd.so.12, else libmicrohttpd.so) into
 * *m: 0, or -1 with why (cap bytes) saying what is missing. */
int mhd_load(mhd_api *m, char *why, size_t cap);
/* Unloads it (m may be one that failed to load). */
void mhd_unload(mhd_api *m);

#endif
