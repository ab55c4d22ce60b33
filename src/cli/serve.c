/*
 * serve.c — `feit serve -d DB`: the fact index as a small local web site for journalists
 * (libmicrohttpd). This file is the HTTP side: options, the daemon, checking the request's
 * parameters, routing and the stop signals. The pages themselves (search, entity page with
 * its SVG picture, their JSON twins under /api/) are rendered by src/web.c.
 */
#include "cli.h"
#include "feit.h"
#include "feit_index.h"
#include "mhd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#define MAX_ARG 1000       /* longest query parameter accepted, bytes */
#define MAX_WORDS 16       /* words in a search (333 x "de" took 6-7 s of the index) */
#define MAX_CONNECTIONS 512
#define MAX_PER_ADDRESS 128 /* connections of one client address */
#define IDLE_TIMEOUT 10    /* seconds a connection may sit idle */
#define HEADER_DEADLINE 10 /* seconds to send a request's line and headers (trickling bytes keeps
                              a connection from being idle, not from this) */
#define POOL 4             /* index connections: queries that run at once */
#define POOL_WAIT 5        /* seconds a request waits for one before a 503 */
#define MAX_ALLOW 16       /* --allow-host names */

/* ---- the server's state --------------------------------------------------------------- */

/* One client connection, from accept to close: when it began waiting for a request's headers,
 * and whether a request is being answered (the header deadline does not apply then). */
typedef struct conn {
    int fd;
    double since;
    int in_request, reaped;
    struct conn *prev, *next;
} conn;

typedef struct server {
    /* POOL read-only index handles, each used by one request at a time: a slow query holds up
     * its own handle only (one handle shared by all threads would serialise every query) */
    feit_factdb *db[POOL];
    int busy[POOL];
    double time_limit;      /* seconds a request's queries may take */
    double header_deadline; /* seconds to send a request's line and headers */
    pthread_mutex_t mu;
    pthread_cond_t freed;
    /* connections, for the header deadline */
    conn *conns;
    pthread_mutex_t cmu;
    pthread_cond_t quit_cv;
    int quit;
    /* the Host header: IP literals, localhost, and these names */
    const char *allow[MAX_ALLOW];
    int nallow;
    mhd_api mhd; /* libmicrohttpd, loaded at start (mhd.h) */
} server;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* An index handle for one request, waiting up to POOL_WAIT seconds; -1 when none came free. */
static int pool_take(server *s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += POOL_WAIT;
    pthread_mutex_lock(&s->mu);
    int k = -1;
    for (;;) {
        for (int i = 0; i < POOL && k < 0; i++)
            if (!s->busy[i])
                k = i;
        if (k >= 0 || pthread_cond_timedwait(&s->freed, &s->mu, &until) == ETIMEDOUT)
            break;
    }
    if (k >= 0)
        s->busy[k] = 1;
    pthread_mutex_unlock(&s->mu);
    if (k >= 0) /* the request's time budget starts now */
        feit_factdb_set_time_limit(s->db[k], s->time_limit);
    return k;
}

static void pool_give(server *s, int k)
{
    pthread_mutex_lock(&s->mu);
    s->busy[k] = 0;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->mu);
}

/* libmicrohttpd's connection notices: a connection is tracked from accept to close. Closing
 * comes before its socket is closed, so the reaper (under cmu) never touches a reused one. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode what)
{
    server *s = cls;
    if (what == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = s->mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn *k = calloc(1, sizeof *k);
        if (!k || !ci) {
            free(k);
            return;
        }
        k->fd = ci->connect_fd;
        k->since = now();
        pthread_mutex_lock(&s->cmu);
        k->next = s->conns;
        if (s->conns)
            s->conns->prev = k;
        s->conns = k;
        pthread_mutex_unlock(&s->cmu);
        *socket_context = k;
    } else if (*socket_context) {
        conn *k = *socket_context;
        pthread_mutex_lock(&s->cmu);
        if (k->prev)
            k->prev->next = k->next;
        else
            s->conns = k->next;
        if (k->next)
            k->next->prev = k->prev;
        pthread_mutex_unlock(&s->cmu);
        free(k);
        *socket_context = NULL;
    }
}

static conn *conn_of(server *s, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = s->mhd.get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* A request is being answered / was answered: the deadline for the next one's headers starts
 * when this one ends. */
static void mark_request(server *s, struct MHD_Connection *c, int in)
{
    conn *k = conn_of(s, c);
    if (!k)
        return;
    pthread_mutex_lock(&s->cmu);
    k->in_request = in;
    if (!in)
        k->since = now();
    pthread_mutex_unlock(&s->cmu);
}

/* Once a second: a connection that has not sent a whole request line and headers within
 * HEADER_DEADLINE seconds is shut down (libmicrohttpd then closes it as a closed peer). */
static void *reaper(void *cls)
{
    server *s = cls;
    pthread_mutex_lock(&s->cmu);
    while (!s->quit) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&s->quit_cv, &s->cmu, &until);
        double t = now();
        for (conn *k = s->conns; k; k = k->next)
            if (!k->in_request && !k->reaped && t - k->since > s->header_deadline) {
                shutdown(k->fd, SHUT_RDWR);
                k->reaped = 1;
            }
    }
    pthread_mutex_unlock(&s->cmu);
    return NULL;
}

/* The request line as the client sent it (before percent-decoding), which becomes the
 * request's con_cls: "%00" would cut the decoded path and parameters short. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls, (void)c;
    return strdup(uri);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)why;
    free(*con_cls);
    *con_cls = NULL;
    mark_request(cls, c, 0);
}

/* Is the Host header one of ours? IP literals (v4, [v6]), localhost and the --allow-host names,
 * with any port. A name that is none of these is how DNS rebinding reaches a local server:
 * the attacker's name, made to resolve to this machine. */
static int host_ok(const server *s, const char *host)
{
    if (!host)
        return 1; /* HTTP/1.0 without Host: not a browser (libmicrohttpd requires it of 1.1) */
    char h[256];
    size_t n = strlen(host);
    if (n == 0 || n >= sizeof h)
        return 0;
    memcpy(h, host, n + 1);
    if (h[0] == '[') { /* [v6]:port */
        char *e = strchr(h, ']');
        if (!e || (e[1] && e[1] != ':'))
            return 0;
        *e = '\0';
        struct in6_addr a6;
        return inet_pton(AF_INET6, h + 1, &a6) == 1;
    }
    char *colon = strchr(h, ':');
    if (colon) {
        if (strchr(colon + 1, ':'))
            return 0;
        *colon = '\0';
    }
    struct in_addr a4;
    if (inet_pton(AF_INET, h, &a4) == 1 || !strcasecmp(h, "localhost"))
        return 1;
    for (int i = 0; i < s->nallow; i++)
        if (!strcasecmp(h, s->allow[i]))
            return 1;
    return 0;
}

static int words(const char *v)
{
    int n = 0;
    for (const char *p = v; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        n++;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
    }
    return n;
}

/* libmicrohttpd's messages (a client that went away, ...), as ours */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    fprintf(stderr, "feit serve: %s\n", msg);
}

/* ---- request helpers ------------------------------------------------------------------ */

/* A GET parameter: NULL when absent or empty; *bad set when it is too long or not UTF-8. */
static const char *arg(server *s, struct MHD_Connection *c, const char *key, int *bad)
{
    const char *v = s->mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
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
static enum MHD_Result reply(server *s, struct MHD_Connection *c, feit_web_page *p)
{
    struct MHD_Response *r =
        p->body ? s->mhd.create_response_from_buffer(p->len, p->body, MHD_RESPMEM_MUST_FREE)
                : s->mhd.create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(p->body);
        return MHD_NO;
    }
    s->mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, p->type);
    s->mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
    s->mhd.add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    s->mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
    enum MHD_Result ret = s->mhd.queue_response(c, p->status, r);
    s->mhd.destroy_response(r);
    return ret;
}

static enum MHD_Result reply_text(server *s, struct MHD_Connection *c, unsigned status, const char *text)
{
    feit_web_page p = {.body = strdup(text), .status = status,
                       .type = "text/plain; charset=utf-8"};
    if (p.body)
        p.len = strlen(p.body);
    else
        p.status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    return reply(s, c, &p);
}

static void report(int rc, feit_factdb *db, const char *url)
{
    if (rc == FEIT_ETIME)
        fprintf(stderr, "feit serve: %s: a query ran past its time limit and was stopped\n", url);
    else if (rc)
        fprintf(stderr, "feit serve: query failed: %s\n", feit_factdb_errmsg(db));
}

/* ---- the pages ------------------------------------------------------------------------ */

static enum MHD_Result search(server *s, struct MHD_Connection *c, const char *url, int api)
{
    int bad = 0;
    feit_web_search_form f = {arg(s, c, "q", &bad), arg(s, c, "predicate", &bad),
                              arg(s, c, "from", &bad), arg(s, c, "to", &bad), arg(s, c, "text", &bad),
                              arg(s, c, "time", &bad)};
    if (bad)
        return reply_text(s, c, MHD_HTTP_BAD_REQUEST,
                          "bad request: parameters must be UTF-8 and at most 1000 bytes\n");
    if (words(f.q) > MAX_WORDS || words(f.text) > MAX_WORDS)
        return reply_text(s, c, MHD_HTTP_BAD_REQUEST, "bad request: a search has at most 16 words\n");
    int k = pool_take(s);
    if (k < 0)
        return reply_text(s, c, MHD_HTTP_SERVICE_UNAVAILABLE, "busy: every index connection is in use; try again\n");
    feit_web_page p;
    report(feit_web_search(s->db[k], &f, api, &p), s->db[k], url);
    pool_give(s, k);
    return reply(s, c, &p);
}

static enum MHD_Result entity_page(server *s, struct MHD_Connection *c, const char *url, int api)
{
    const char *v = s->mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id");
    char *end = NULL;
    long long id = v ? strtoll(v, &end, 10) : 0;
    if (!v || !*v || *end || id <= 0)
        id = 0; /* not a valid id: the page says so */
    int k = pool_take(s);
    if (k < 0)
        return reply_text(s, c, MHD_HTTP_SERVICE_UNAVAILABLE, "busy: every index connection is in use; try again\n");
    feit_web_page p;
    report(feit_web_entity(s->db[k], id, api, &p), s->db[k], url);
    pool_give(s, k);
    return reply(s, c, &p);
}

/* ---- dispatch ------------------------------------------------------------------------- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version, (void)upload, (void)upload_size;
    server *s = cls;
    mark_request(s, c, 1);
    const char *raw = *con_cls;
    if (raw && strstr(raw, "%00"))
        return reply_text(s, c, MHD_HTTP_BAD_REQUEST, "bad request: %00 in the address\n");
    if (!host_ok(s, s->mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)))
        return reply_text(s, c, MHD_HTTP_FORBIDDEN,
                          "forbidden: the Host header names another server (start feit serve with "
                          "--allow-host NAME to allow a name)\n");
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return reply_text(s, c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n");
    if (!strcmp(url, "/"))
        return search(s, c, url, 0);
    if (!strcmp(url, "/api/search"))
        return search(s, c, url, 1);
    if (!strcmp(url, "/entity"))
        return entity_page(s, c, url, 0);
    if (!strcmp(url, "/api/entity"))
        return entity_page(s, c, url, 1);
    feit_web_page p;
    feit_web_not_found(url, &p);
    return reply(s, c, &p);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: feit serve -d DB [--port N] [--bind ADDR] [--allow-host NAME] [--time-limit S]\n"
               "                  [--header-timeout S]\n"
               "\n"
               "Serves the fact index DB as a local web page: / (search), /entity?id=N,\n"
               "/api/search?q=..., /api/entity?id=N. Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
               "  -d, --db DB       the index made by `feit index` (required)\n"
               "  --port N          TCP port (default 8080; 0 picks a free one, printed on stderr)\n"
               "  --bind ADDR       address to listen on (default 127.0.0.1: this machine only)\n"
               "  --allow-host NAME a host name the pages may be asked for, besides IP addresses and\n"
               "                    localhost (may be given %d times; other names are refused, as\n"
               "                    DNS rebinding would use them)\n"
               "  --time-limit S    seconds of processor time the queries of one request may take\n"
               "                    (default 2): a costlier search is stopped and answered 503\n"
               "  --header-timeout S  seconds a client has to send a request's line and headers\n"
               "                    (default %d; a connection idle for %d s is closed too)\n",
            MAX_ALLOW, HEADER_DEADLINE, IDLE_TIMEOUT);
}

/* 127.0.0.0/8 or ::1 */
static int loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
}

int cmd_serve(int argc, char **argv)
{
    const char *dbpath = NULL, *bind = "127.0.0.1";
    long port = 8080;
    server srv;
    memset(&srv, 0, sizeof srv);
    srv.time_limit = 2;
    srv.header_deadline = HEADER_DEADLINE;
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
        } else if (!strcmp(a, "--allow-host") && more) {
            if (srv.nallow == MAX_ALLOW) {
                fprintf(stderr, "feit serve: --allow-host at most %d times\n", MAX_ALLOW);
                return 2;
            }
            srv.allow[srv.nallow++] = argv[++i];
        } else if (!strcmp(a, "--header-timeout") && more) {
            char *end;
            srv.header_deadline = strtod(argv[++i], &end);
            if (*end || !*argv[i] || !(srv.header_deadline > 0) || srv.header_deadline > 3600) {
                fprintf(stderr, "feit serve: --header-timeout must be seconds, more than 0 and at most 3600\n");
                return 2;
            }
        } else if (!strcmp(a, "--time-limit") && more) {
            char *end;
            srv.time_limit = strtod(argv[++i], &end);
            if (*end || !*argv[i] || !(srv.time_limit > 0) || srv.time_limit > 3600) {
                fprintf(stderr, "feit serve: --time-limit must be seconds, more than 0 and at most 3600\n");
                return 2;
            }
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
    /* a thread per connection: an idle or slow client holds up only its own thread */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL | MHD_USE_ERROR_LOG;
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

    char why[512];
    if (mhd_load(&srv.mhd, why, sizeof why)) {
        fprintf(stderr, "feit serve: %s\n", why);
        return 2;
    }
    feit_error err;
    for (int k = 0; k < POOL; k++)
        if (!(srv.db[k] = feit_factdb_open(dbpath, FEIT_FACTDB_READONLY, &err))) {
            cli_print_error(stderr, "feit serve", &err);
            while (k--)
                feit_factdb_close(srv.db[k]);
            mhd_unload(&srv.mhd);
            return 2;
        }
    if (feit_factdb_schema_found(srv.db[0]) < FEIT_FACTDB_SCHEMA)
        fprintf(stderr,
                "feit serve: %s: an index of schema version %d: its facts have no time status; "
                "`feit index -d %s FILE...` upgrades it\n",
                dbpath, feit_factdb_schema_found(srv.db[0]), dbpath);
    pthread_mutex_init(&srv.mu, NULL);
    pthread_cond_init(&srv.freed, NULL);
    pthread_mutex_init(&srv.cmu, NULL);
    pthread_cond_init(&srv.quit_cv, NULL);
    /* Block the stop signals before the server threads start, so they inherit the mask and
     * only this thread receives them (in sigwait below). */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN); /* a client that goes away mid-answer is its connection's end */
    pthread_t reaper_tid;
    int reaping = pthread_create(&reaper_tid, NULL, reaper, &srv) == 0;
    struct MHD_Daemon *d =
        srv.mhd.start_daemon(flags, (uint16_t)port, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR,
                         sa, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)MAX_PER_ADDRESS,
                         MHD_OPTION_THREAD_STACK_SIZE, (size_t)(1u << 20),
                         MHD_OPTION_NOTIFY_CONNECTION, on_connection, &srv,
                         MHD_OPTION_URI_LOG_CALLBACK, on_uri, &srv,
                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
                         MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_END);
    int status = 0;
    if (!d) {
        fprintf(stderr, "feit serve: cannot listen on %s port %ld (in use?)\n", bind, port);
        status = 2;
    } else {
        const union MHD_DaemonInfo *info = srv.mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned real_port = info ? info->port : (unsigned)port;
        int v6 = sa->sa_family == AF_INET6;
        if (!loopback(sa))
            fprintf(stderr,
                    "feit serve: WARNING: listening on %s, not only on this machine: anyone who can reach it\n"
                    "feit serve: WARNING: can read the whole index, and there is no login. The default,\n"
                    "feit serve: WARNING: --bind 127.0.0.1, keeps it to this machine.\n",
                    bind);
        fprintf(stderr, "feit serve: serving %s on http://%s%s%s:%u/ (Ctrl-C stops)\n", dbpath,
                v6 ? "[" : "", bind, v6 ? "]" : "", real_port);
        fflush(stderr);
        int sig = 0;
        sigwait(&stop, &sig);
        srv.mhd.stop_daemon(d);
        fprintf(stderr, "feit serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    }
    if (reaping) {
        pthread_mutex_lock(&srv.cmu);
        srv.quit = 1;
        pthread_cond_signal(&srv.quit_cv);
        pthread_mutex_unlock(&srv.cmu);
        pthread_join(reaper_tid, NULL);
    }
    for (int k = 0; k < POOL; k++)
        feit_factdb_close(srv.db[k]);
    mhd_unload(&srv.mhd);
    return status;
}
