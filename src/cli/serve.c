/*
 * serve.c — `feit serve -d DB`: the fact index as a small local web site for journalists
 * (libmicrohttpd). This file is the HTTP side: options, the daemon, checking the request's
 * parameters, routing and the stop signals. The pages themselves (search, entity page with
 * its SVG picture, their JSON twins under /api/) are rendered by src/web.c.
 */
#include "cli.h"
#include "feit.h"
#include "feit_index.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define MAX_ARG 1000 /* longest query parameter accepted, bytes */

/* ---- request helpers ------------------------------------------------------------------ */

typedef struct server {
    feit_factdb *db;
} server;

/* A GET parameter: NULL when absent or empty; *bad set when it is too long or not UTF-8. */
static const char *arg(struct MHD_Connection *c, const char *key, int *bad)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
    if (!v)
        return NULL;
    while (*v == ' ')
        v++;
    if (!*v)
        return NULL;
    size_t n = strlen(v);
    if (n > MAX_ARG || !feit_utf8_valid(v, n)) {
        *bad = 1;
        return NULL;
    }
    return v;
}

/* sends a rendered page; its body passes to libmicrohttpd, which frees it */
static enum MHD_Result reply(struct MHD_Connection *c, feit_web_page *p)
{
    struct MHD_Response *r =
        p->body ? MHD_create_response_from_buffer(p->len, p->body, MHD_RESPMEM_MUST_FREE)
                : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(p->body);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, p->type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    enum MHD_Result ret = MHD_queue_response(c, p->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned status, const char *text)
{
    feit_web_page p = {.body = strdup(text), .status = status,
                       .type = "text/plain; charset=utf-8"};
    if (p.body)
        p.len = strlen(p.body);
    else
        p.status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    return reply(c, &p);
}

/* ---- the pages ------------------------------------------------------------------------ */

static enum MHD_Result search(server *s, struct MHD_Connection *c, int api)
{
    int bad = 0;
    feit_web_search_form f = {arg(c, "q", &bad), arg(c, "predicate", &bad),
                              arg(c, "from", &bad), arg(c, "to", &bad), arg(c, "text", &bad)};
    if (bad)
        return reply_text(c, MHD_HTTP_BAD_REQUEST,
                          "bad request: parameters must be UTF-8 and at most 1000 bytes\n");
    feit_web_page p;
    if (feit_web_search(s->db, &f, api, &p))
        fprintf(stderr, "feit serve: query failed: %s\n", feit_factdb_errmsg(s->db));
    return reply(c, &p);
}

static enum MHD_Result entity_page(server *s, struct MHD_Connection *c, int api)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id");
    char *end = NULL;
    long long id = v ? strtoll(v, &end, 10) : 0;
    if (!v || !*v || *end || id <= 0)
        id = 0; /* not a valid id: the page says so */
    feit_web_page p;
    if (feit_web_entity(s->db, id, api, &p))
        fprintf(stderr, "feit serve: query failed: %s\n", feit_factdb_errmsg(s->db));
    return reply(c, &p);
}

/* ---- dispatch ------------------------------------------------------------------------- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version, (void)upload, (void)upload_size, (void)con_cls;
    server *s = cls;
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n");
    if (!strcmp(url, "/"))
        return search(s, c, 0);
    if (!strcmp(url, "/api/search"))
        return search(s, c, 1);
    if (!strcmp(url, "/entity"))
        return entity_page(s, c, 0);
    if (!strcmp(url, "/api/entity"))
        return entity_page(s, c, 1);
    feit_web_page p;
    feit_web_not_found(url, &p);
    return reply(c, &p);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: feit serve -d DB [--port N] [--bind ADDR]\n"
               "\n"
               "Serves the fact index DB as a local web page: / (search), /entity?id=N,\n"
               "/api/search?q=..., /api/entity?id=N. Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
               "  -d, --db DB     the index made by `feit index` (required)\n"
               "  --port N        TCP port (default 8080; 0 picks a free one, printed on stderr)\n"
               "  --bind ADDR     address to listen on (default 127.0.0.1: this machine only)\n");
}

int cmd_serve(int argc, char **argv)
{
    const char *dbpath = NULL, *bind = "127.0.0.1";
    long port = 8080;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if ((!strcmp(a, "-d") || !strcmp(a, "--db")) && more) {
            dbpath = argv[++i];
        } else if ((!strcmp(a, "--port") || !strcmp(a, "-p")) && more) {
            char *end;
            port = strtol(argv[++i], &end, 10);
            if (*end || !*argv[i] || port < 0 || port > 65535) {
                fprintf(stderr, "feit serve: bad --port '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--bind") && more) {
            bind = argv[++i];
        } else {
            fprintf(stderr, "feit serve: unknown or incomplete argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!dbpath) {
        fprintf(stderr, "feit serve: -d DB is required\n");
        usage(stderr);
        return 2;
    }
    struct sockaddr_in sa4;
    struct sockaddr_in6 sa6;
    struct sockaddr *sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    memset(&sa4, 0, sizeof sa4);
    memset(&sa6, 0, sizeof sa6);
    if (inet_pton(AF_INET, bind, &sa4.sin_addr) == 1) {
        sa4.sin_family = AF_INET;
        sa4.sin_port = htons((uint16_t)port);
        sa = (struct sockaddr *)&sa4;
    } else if (inet_pton(AF_INET6, bind, &sa6.sin6_addr) == 1) {
        sa6.sin6_family = AF_INET6;
        sa6.sin6_port = htons((uint16_t)port);
        sa = (struct sockaddr *)&sa6;
        flags |= MHD_USE_IPv6;
    } else {
        fprintf(stderr, "feit serve: --bind needs a numeric IPv4 or IPv6 address, not '%s'\n",
                bind);
        return 2;
    }

    feit_error err;
    server srv = {0};
    srv.db = feit_factdb_open(dbpath, FEIT_FACTDB_READONLY, &err);
    if (!srv.db) {
        cli_print_error(stderr, "feit serve", &err);
        return 2;
    }
    /* Block the stop signals before the server thread starts, so it inherits the mask and
     * only this thread receives them (in sigwait below). */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    struct MHD_Daemon *d =
        MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR,
                         sa, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)64, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "feit serve: cannot listen on %s port %ld (in use?)\n", bind, port);
        feit_factdb_close(srv.db);
        return 2;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned real_port = info ? info->port : (unsigned)port;
    int v6 = sa->sa_family == AF_INET6;
    fprintf(stderr, "feit serve: serving %s on http://%s%s%s:%u/ (Ctrl-C stops)\n", dbpath,
            v6 ? "[" : "", bind, v6 ? "]" : "", real_port);
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    feit_factdb_close(srv.db);
    fprintf(stderr, "feit serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
}
