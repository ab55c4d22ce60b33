/*
 * web.c — renders the fact index as pages for `feit serve` (contract in web.h): HTML
 * escaping, the page frame, the fact and entity tables, the SVG neighbourhood picture and
 * the JSON bodies of /api/search and /api/entity. No SQL here: the index is asked through
 * factdb.h (src/factdb_query.c).
 */
#include "feit_index.h"

#include "core/types.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "store/web_page.h"

#define PAGE_FACTS 200  /* facts on a search page */
#define GROUP_FACTS 100 /* facts per predicate on an entity page */
#define NEIGHBOURS 12   /* nodes around an entity in its picture */

#define HTTP_OK 200
#define HTTP_BAD_REQUEST 400
#define HTTP_NOT_FOUND 404
#define HTTP_INTERNAL_ERROR 500
#define HTTP_UNAVAILABLE 503

/* ---- a growing output buffer ---------------------------------------------------------- */

typedef struct sbuf {
    char *d;
    size_t len, cap;
    int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 8192;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        char *nd = realloc(b->d, ncap);
        if (!nd) {
            b->oom = 1;
            return;
        }
        b->d = nd;
        b->cap = ncap;
    }
    memcpy(b->d + b->len, s, n);
    b->len += n;
    b->d[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sb_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* HTML text and attribute values (always written inside double quotes): the first n bytes
 * of s, or up to its NUL if that comes first */
static void sb_esc_n(sbuf *b, const char *s, size_t n)
{
    const char *run = s, *p = s;
    for (; p < s + n && *p; p++) {
        const char *ent;
        switch (*p) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&#39;"; break;
        default: continue;
        }
        sb_add(b, run, (size_t)(p - run));
        sb_puts(b, ent);
        run = p + 1;
    }
    sb_add(b, run, (size_t)(p - run));
}

static void sb_esc(sbuf *b, const char *s)
{
    if (s)
        sb_esc_n(b, s, strlen(s));
}

/* evidence with FTS5 highlight markers (\x01 match \x02): escaped, matches in <mark> */
static void sb_esc_marked(sbuf *b, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\x01\x02");
        sb_esc_n(b, s, n);
        s += n;
        if (*s)
            sb_puts(b, *s++ == '\x01' ? "<mark>" : "</mark>");
    }
}

/* a query-string value: everything but unreserved characters percent-encoded */
static void sb_url(sbuf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            sb_add(b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sb_add(b, e, 3);
        }
    }
}

/* s cut to at most max code points, "…" added when cut, HTML-escaped */
static void sb_esc_clip(sbuf *b, const char *s, size_t max)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = 0;
    while (p[n] && max) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + n, -1, &c);
        n += k > 0 ? (size_t)k : 1;
        max--;
    }
    sb_esc_n(b, s, n);
    if (s[n])
        sb_puts(b, "\xe2\x80\xa6");
}

/* ---- the result ----------------------------------------------------------------------- */

#define TEXT_PLAIN "text/plain; charset=utf-8"
#define TEXT_HTML "text/html; charset=utf-8"

/* hands b's buffer to out; out of memory becomes an empty 500 (web.h) */
static void page_out(sbuf *b, unsigned status, const char *type, feit_web_page *out)
{
    if (b->oom) {
        free(b->d);
        b->d = NULL;
        b->len = 0;
        status = HTTP_INTERNAL_ERROR;
        type = TEXT_PLAIN;
    }
    *out = (feit_web_page){.body = b->d, .len = b->len, .status = status, .type = type};
}

/* the JSON body of o (stolen; NULL means out of memory), one line */
static void json_out(json_t *o, unsigned status, feit_web_page *out)
{
    sbuf b = {0};
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(o);
    if (!s)
        b.oom = 1;
    else {
        sb_puts(&b, s);
        sb_puts(&b, "\n");
        free(s);
    }
    page_out(&b, status, "application/json; charset=utf-8", out);
}

/* ---- page frame ----------------------------------------------------------------------- */

static void page_head(sbuf *b, const char *title, const feit_web_search_form *f)
{
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
    sb_esc(b, title);
    sb_puts(b, " \xe2\x80\x93 feit</title><style>");
    sb_puts(b, web_css);
    for (int t = 0; t < FEIT_NTYPES; t++)
        sb_printf(b, ".t-%s{background:%s}", feit_types[t].name, feit_types[t].colour);
    sb_puts(b, "</style></head><body><header><a href=\"/\">feit</a>"
               "<form method=\"get\" action=\"/\" role=\"search\">"
               "<input name=\"q\" placeholder=\"naam, bijv. Poetin, of woorden\" value=\"");
    sb_esc(b, f->q);
    sb_puts(b, "\" aria-label=\"zoek\"><input name=\"predicate\" class=\"d\" placeholder=\"relatie\" "
               "value=\"");
    sb_esc(b, f->predicate);
    sb_puts(b, "\" aria-label=\"relatie\"><input name=\"from\" class=\"d\" placeholder=\"van "
               "JJJJ-MM-DD\" value=\"");
    sb_esc(b, f->from);
    sb_puts(b, "\" aria-label=\"van datum\"><input name=\"to\" class=\"d\" placeholder=\"tot "
               "JJJJ-MM-DD\" value=\"");
    sb_esc(b, f->to);
    sb_puts(b, "\" aria-label=\"tot datum\"><select name=\"time\" aria-label=\"tijd\">"
               "<option value=\"\">alle tijden</option>");
    for (size_t i = 0; i < sizeof web_times / sizeof web_times[0]; i++)
        sb_printf(b, "<option value=\"%s\"%s>%s</option>", web_times[i].time,
                  f->time && !strcmp(f->time, web_times[i].time) ? " selected" : "",
                  web_times[i].label);
    sb_puts(b, "</select><button type=\"submit\">Zoek</button></form></header><main>\n");
}

/* The badge of a fact that is former or designate (none for current or unknown): the class
 * and text come from web_times, never from the index. */
static void time_badge(sbuf *b, const char *time)
{
    for (size_t i = 1; time && i < sizeof web_times / sizeof web_times[0]; i++)
        if (!strcmp(time, web_times[i].time))
            sb_printf(b, " <span class=\"tijd tijd-%s\" title=\"%s\">%s</span>", web_times[i].time,
                      web_times[i].title, web_times[i].label);
}

static void page_foot(sbuf *b)
{
    sb_puts(b, "</main></body></html>\n");
}

/* a page that only says what went wrong: {"error": error} for the API, else a sentence (text,
 * then detail escaped, if any) under the title */
static void error_page(int api, unsigned status, const char *error, const char *title,
                       const char *text, const char *detail, feit_web_page *out)
{
    if (api) {
        json_out(json_pack("{s:s}", "error", error), status, out);
        return;
    }
    sbuf b = {0};
    feit_web_search_form f = {0};
    page_head(&b, title, &f);
    sb_puts(&b, "<p class=\"empty\">");
    sb_puts(&b, text);
    sb_esc(&b, detail);
    sb_puts(&b, "</p>");
    page_foot(&b);
    page_out(&b, status, TEXT_HTML, out);
}

/* A query past the time limit (FEIT_ETIME): a 503 that says what to do. */
static void too_slow(int api, feit_web_page *out)
{
    error_page(api, HTTP_UNAVAILABLE, "query took too long and was stopped: narrow it down", "te traag",
               "Deze zoekvraag duurde te lang en is afgebroken. Maak haar nauwer: een naam, een "
               "relatie of een periode.",
               NULL, out);
}

static void type_tag(sbuf *b, const char *type)
{
    sb_printf(b, " <span class=\"tag t-%s\">", type_class(type));
    sb_esc(b, type);
    sb_puts(b, "</span>");
}

static void entity_link(sbuf *b, const feit_fact_entity *e)
{
    sb_printf(b, "<a href=\"/entity?id=%lld\">", (long long)e->id);
    sb_esc(b, e->canonical);
    sb_puts(b, "</a>");
}

/* ---- fact tables ---------------------------------------------------------------------- */

typedef struct facts_out {
    sbuf *b;
    json_t *arr; /* JSON mode when not NULL */
    long n;
    int show_pred;
} facts_out;

static void facts_table_open(sbuf *b, int show_pred)
{
    sb_printf(b, "<table class=\"facts\"><thead><tr><th>Onderwerp</th>%s<th>Object</th>"
                 "<th>Bewijs</th><th>Bron</th><th>Zekerheid</th></tr></thead><tbody>\n",
              show_pred ? "<th>Relatie</th>" : "");
}

static int on_fact(void *ud, const feit_fact *f)
{
    facts_out *o = ud;
    o->n++;
    if (o->arr) {
        json_t *j = feit_fact_to_json(f);
        if (!j)
            return FEIT_ENOMEM;
        json_object_set_new(j, "subject_id", json_integer(f->subject.id));
        json_object_set_new(j, "object_id", json_integer(f->object.id));
        return json_array_append_new(o->arr, j) ? FEIT_ENOMEM : 0;
    }
    sbuf *b = o->b;
    /* a former or designate fact is marked on its row (a class to find it by) and with a
     * badge next to the relation, or on the entity page (which heads the relation) next to
     * the subject */
    int marked = f->time && strcmp(f->time, "current") && feit_factdb_valid_time(f->time);
    sb_printf(b, "<tr%s%s%s><td>", marked ? " class=\"fact-" : "", marked ? f->time : "",
              marked ? "\"" : "");
    entity_link(b, &f->subject);
    if (!o->show_pred)
        time_badge(b, f->time);
    sb_puts(b, "</td>");
    if (o->show_pred) {
        sb_puts(b, "<td class=\"pred\">");
        sb_esc(b, f->predicate);
        if (f->qualifier) {
            sb_puts(b, " <span class=\"meta\">(");
            sb_esc(b, f->qualifier);
            sb_puts(b, ")</span>");
        }
        time_badge(b, f->time);
        sb_puts(b, "</td>");
    }
    sb_puts(b, "<td>");
    entity_link(b, &f->object);
    sb_puts(b, "</td><td class=\"ev\">");
    if (f->marked)
        sb_esc_marked(b, f->marked);
    else
        sb_esc(b, f->evidence);
    sb_puts(b, "</td><td class=\"src\">");
    int link = f->url && (!strncmp(f->url, "https://", 8) || !strncmp(f->url, "http://", 7));
    if (link) {
        sb_puts(b, "<a rel=\"noreferrer noopener\" href=\"");
        sb_esc(b, f->url);
        sb_puts(b, "\">");
    }
    sb_esc_clip(b, f->title ? f->title : f->doc, 40);
    if (link)
        sb_puts(b, "</a>");
    sb_puts(b, "<br>");
    if (f->date) {
        sb_esc(b, f->date);
        sb_puts(b, " \xc2\xb7 ");
    }
    sb_puts(b, "<span class=\"doc\">");
    sb_esc(b, f->doc);
    sb_puts(b, "</span>");
    if (f->count > 1)
        sb_printf(b, " \xc2\xb7 %lld\xc3\x97", (long long)f->count);
    sb_printf(b, "</td><td class=\"n\">%.2f</td></tr>\n", f->confidence);
    return b->oom ? FEIT_ENOMEM : 0;
}

/* ---- JSON of entities ----------------------------------------------------------------- */

static json_t *entity_json(const feit_fact_entity *e)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "canonical", json_string(e->canonical));
    json_object_set_new(o, "type", json_string(e->type));
    if (e->kb)
        json_object_set_new(o, "kb", json_string(e->kb));
    json_object_set_new(o, "facts", json_integer(e->facts));
    json_object_set_new(o, "documents", json_integer(e->documents));
    return o;
}

typedef struct ents_out {
    sbuf *b;
    json_t *arr;
    long n;
} ents_out;

static int on_entity(void *ud, const feit_fact_entity *e)
{
    ents_out *o = ud;
    o->n++;
    if (o->arr) {
        json_t *j = entity_json(e);
        return !j || json_array_append_new(o->arr, j) ? FEIT_ENOMEM : 0;
    }
    sbuf *b = o->b;
    sb_puts(b, "<li>");
    entity_link(b, e);
    type_tag(b, e->type);
    if (e->kb) {
        sb_puts(b, " <span class=\"meta\">");
        sb_esc(b, e->kb);
        sb_puts(b, "</span>");
    }
    sb_printf(b, " <span class=\"meta\">\xe2\x80\x93 %lld feiten in %lld documenten</span></li>\n",
              (long long)e->facts, (long long)e->documents);
    return b->oom ? FEIT_ENOMEM : 0;
}

/* ---- /  and  /api/search -------------------------------------------------------------- */

int feit_web_search(feit_factdb *db, const feit_web_search_form *form, int api,
                    feit_web_page *out)
{
    feit_web_search_form f = *form;
    const char *text = f.text;
    const char *notice = NULL;
    feit_fact_query q = {.predicate = f.predicate, .text = text, .limit = PAGE_FACTS};
    if (f.from && feit_factdb_valid_date(f.from))
        q.from = f.from;
    if (f.to && feit_factdb_valid_date(f.to))
        q.to = f.to;
    if ((f.from && !q.from) || (f.to && !q.to))
        notice = "Datums zijn JJJJ-MM-DD; de ongeldige datum is genegeerd.";
    if (f.time && feit_factdb_valid_time(f.time))
        q.time = f.time;
    else if (f.time) {
        notice = "Tijd is huidig, voormalig of beoogd; de ongeldige waarde is genegeerd.";
        f.time = NULL; /* the form shows "alle tijden" */
    }

    sbuf b = {0};
    json_t *root = api ? json_object() : NULL, *ents = api ? json_array() : NULL;
    json_t *facts = api ? json_array() : NULL;
    if (api && (!root || !ents || !facts)) {
        json_decref(root), json_decref(ents), json_decref(facts);
        json_out(NULL, HTTP_INTERNAL_ERROR, out);
        return 0;
    }
    if (!api)
        page_head(&b, f.q ? f.q : "zoeken", &f);
    if (notice && !api) {
        sb_puts(&b, "<p class=\"empty\">");
        sb_esc(&b, notice);
        sb_puts(&b, "</p>");
    }
    int searching = f.q || q.predicate || q.from || q.to || q.text || q.time;
    const char *mode = "none";
    int rc = 0;
    if (!searching && !api) {
        feit_factdb_counts n;
        if (!feit_factdb_counts_cached(db, 60, &n)) /* (counting a big index takes a while) */
            sb_printf(&b,
                      "<h1>Feitenindex</h1><p>De index bevat %lld documenten, %lld entiteiten "
                      "en %lld feiten.</p>",
                      (long long)n.documents, (long long)n.entities, (long long)n.facts);
        sb_puts(&b, "<p>Zoek een persoon, land, plaats of organisatie bij een naam zoals die in "
                    "het nieuws staat (<a href=\"/?q=Poetin\">Poetin</a>), of op woorden uit de "
                    "zinnen; beperk met een relatie (overleg, sancties, president ...) of een "
                    "periode.</p>");
    } else if (searching) {
        ents_out eo = {.b = &b, .arr = ents};
        if (f.q) {
            if (!api)
                sb_puts(&b, "<h2>Entiteiten</h2><ul class=\"ents\">\n");
            rc = feit_factdb_find(db, f.q, on_entity, &eo);
            if (!api)
                sb_puts(&b, "</ul>");
            if (!rc && !eo.n && !api)
                sb_puts(&b, "<p class=\"empty\">Geen entiteit met die naam; hieronder de zinnen "
                            "met die woorden.</p>");
        }
        /* a known name asks for its facts; other words are searched in the evidence */
        if (f.q && eo.n) {
            q.term = f.q;
            mode = "entity";
        } else if (f.q) {
            q.text = text ? text : f.q;
            if (text) /* both given: the q words must occur too */
                q.term = NULL;
            mode = "text";
        } else {
            mode = "filter";
        }
        facts_out fo = {.b = &b, .arr = facts, .show_pred = 1};
        if (!rc) {
            if (!api) {
                sb_puts(&b, "<h2>");
                if (!strcmp(mode, "entity")) {
                    sb_puts(&b, "Feiten over \xe2\x80\x9c");
                    sb_esc(&b, f.q);
                    sb_puts(&b, "\xe2\x80\x9d");
                } else if (!strcmp(mode, "text")) {
                    sb_puts(&b, "Zinnen met \xe2\x80\x9c");
                    sb_esc(&b, q.text);
                    sb_puts(&b, "\xe2\x80\x9d");
                } else {
                    sb_puts(&b, "Feiten");
                }
                sb_puts(&b, "</h2>");
                facts_table_open(&b, 1);
            }
            rc = feit_factdb_facts(db, &q, on_fact, &fo);
            if (!api) {
                sb_puts(&b, "</tbody></table>");
                if (!fo.n)
                    sb_puts(&b, "<p class=\"empty\">Geen feiten gevonden.</p>");
                else if (fo.n >= PAGE_FACTS)
                    sb_printf(&b, "<p class=\"meta\">De eerste %d feiten.</p>", PAGE_FACTS);
            }
        }
    }
    if (rc == FEIT_ETIME) {
        free(b.d);
        json_decref(root), json_decref(ents), json_decref(facts);
        too_slow(api, out);
        return rc;
    }
    if (rc) {
        if (api) {
            json_decref(root), json_decref(ents), json_decref(facts);
            json_out(NULL, HTTP_INTERNAL_ERROR, out);
            return rc;
        }
        sb_puts(&b, "<p class=\"empty\">De index gaf een fout.</p>");
    }
    if (api) {
        json_object_set_new(root, "query", f.q ? json_string(f.q) : json_null());
        json_object_set_new(root, "mode", json_string(mode));
        json_object_set_new(root, "entities", ents);
        json_object_set_new(root, "facts", facts);
        if (notice)
            json_object_set_new(root, "notice", json_string(notice));
        json_out(root, HTTP_OK, out);
        return 0;
    }
    page_foot(&b);
    page_out(&b, rc ? HTTP_INTERNAL_ERROR : HTTP_OK, TEXT_HTML, out);
    return rc;
}

/* ---- /entity  and  /api/entity -------------------------------------------------------- */

typedef struct entity_copy {
    feit_fact_entity e;
    char *canonical, *type, *kb;
    int found;
} entity_copy;

static int copy_entity(void *ud, const feit_fact_entity *e)
{
    entity_copy *c = ud;
    c->e = *e;
    c->canonical = strdup(e->canonical);
    c->type = strdup(e->type);
    c->kb = e->kb ? strdup(e->kb) : NULL;
    if (!c->canonical || !c->type || (e->kb && !c->kb))
        return FEIT_ENOMEM;
    c->e.canonical = c->canonical, c->e.type = c->type, c->e.kb = c->kb;
    c->found = 1;
    return 0;
}

/* the neighbourhood: up to NEIGHBOURS connections, copied out of the callback */
typedef struct hood {
    size_t n;
    struct {
        int64_t id, facts, documents;
        char *name, *type, *preds;
    } node[NEIGHBOURS];
    json_t *arr;
} hood;

static int on_connection(void *ud, const feit_connection *c)
{
    hood *h = ud;
    if (h->arr) {
        json_t *j = entity_json(&c->entity);
        if (!j || json_array_append_new(h->arr, j))
            return FEIT_ENOMEM;
        json_object_set_new(j, "predicates", json_string(c->predicates));
    }
    if (h->n < NEIGHBOURS) {
        size_t i = h->n++;
        h->node[i].id = c->entity.id;
        h->node[i].facts = c->entity.facts;
        h->node[i].documents = c->entity.documents;
        h->node[i].name = strdup(c->entity.canonical);
        h->node[i].type = strdup(c->entity.type);
        h->node[i].preds = strdup(c->predicates);
        if (!h->node[i].name || !h->node[i].type || !h->node[i].preds)
            return FEIT_ENOMEM;
    }
    return 0;
}

static void hood_free(hood *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->node[i].name), free(h->node[i].type), free(h->node[i].preds);
}

/* The entity in the middle, its connections on a circle, edges labelled with predicates.
 * Nodes are links to their own entity page (plain SVG <a>: no script). */
static void draw_hood(sbuf *b, const feit_fact_entity *e, const hood *h)
{
    const double W = 760, H = 420, cx = W / 2, cy = H / 2, R = 175;
    sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"buurt\" viewBox=\"0 0 %.0f %.0f\" "
                 "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"verbanden van ",
              W, H, W, H);
    sb_esc(b, e->canonical);
    sb_puts(b, "\"><title>Verbanden van ");
    sb_esc(b, e->canonical);
    sb_puts(b, "</title>\n");
    const double pi = 3.14159265358979323846;
    /* the first node on top, except for an even count: then they sit around the vertical, so
     * no edge runs through the centre's label (two: left and right) */
    const double a0 = -pi / 2 + (h->n % 2 == 0 && h->n ? pi / (double)h->n : 0);
    for (size_t i = 0; i < h->n; i++) { /* edges first, so nodes are drawn over them */
        double a = a0 + 2 * pi * (double)i / (double)h->n;
        double x = cx + R * cos(a), y = cy + R * 0.78 * sin(a);
        int w = 1 + (int)(h->node[i].facts < 6 ? h->node[i].facts : 6);
        sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9aa5b5\" "
                     "stroke-width=\"%d\"/>\n",
                  cx, cy, x, y, w);
        double lx = cx + (x - cx) * 0.55, ly = cy + (y - cy) * 0.55;
        sb_printf(b, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                     "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">",
                  lx, ly - 3);
        sb_esc_clip(b, h->node[i].preds, 30);
        sb_puts(b, "</text>\n");
    }
    for (size_t i = 0; i < h->n; i++) {
        double a = a0 + 2 * pi * (double)i / (double)h->n;
        double x = cx + R * cos(a), y = cy + R * 0.78 * sin(a);
        sb_printf(b, "<a href=\"/entity?id=%lld\" class=\"node\"><title>",
                  (long long)h->node[i].id);
        sb_esc(b, h->node[i].name);
        sb_printf(b, " (%s): ", type_class(h->node[i].type));
        sb_esc(b, h->node[i].preds);
        sb_printf(b, ", %lld feiten</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"10\" fill=\"%s\"/>",
                  (long long)h->node[i].facts, x, y, type_colour(h->node[i].type));
        sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#1d2330\">", x,
                  y + (sin(a) < -0.3 ? -16 : 25));
        sb_esc_clip(b, h->node[i].name, 24);
        sb_puts(b, "</text></a>\n");
    }
    sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"16\" fill=\"%s\" stroke=\"#1d2330\" "
                 "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                 "font-weight=\"700\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">",
              cx, cy, type_colour(e->type), cx, cy + 34);
    sb_esc_clip(b, e->canonical, 30);
    sb_puts(b, "</text>\n");
    if (!h->n)
        sb_printf(b, "<text x=\"%.1f\" y=\"40\" text-anchor=\"middle\" fill=\"#777\">"
                     "geen verbanden</text>",
                  cx);
    sb_puts(b, "</svg>\n");
}

typedef struct preds {
    char *p[64];
    size_t n;
} preds;

/* copies the predicates of an entity's facts (they come sorted) */
static int on_pred(void *ud, const char *predicate, int64_t facts)
{
    (void)facts;
    preds *ps = ud;
    char *d = strdup(predicate);
    if (!d)
        return FEIT_ENOMEM;
    ps->p[ps->n++] = d;
    return 0;
}

typedef struct names_out {
    sbuf *b;
    json_t *arr;
    long n;
    const char *skip;
} names_out;

static int on_name(void *ud, const char *name, int64_t times)
{
    names_out *o = ud;
    if (o->arr) {
        json_t *j = json_pack("{s:s,s:I}", "text", name, "times", (json_int_t)times);
        return !j || json_array_append_new(o->arr, j) ? FEIT_ENOMEM : 0;
    }
    if (!strcmp(name, o->skip))
        return 0;
    sb_puts(o->b, o->n++ ? ", " : "<p class=\"meta\">Ook geschreven als: ");
    sb_esc(o->b, name);
    sb_printf(o->b, " (%lld\xc3\x97)", (long long)times);
    return 0;
}

/* A 500: an empty JSON body for the API, a line of text for the page. */
static void internal_error(int api, feit_web_page *out)
{
    if (api) {
        json_out(NULL, HTTP_INTERNAL_ERROR, out);
        return;
    }
    sbuf eb = {0};
    sb_puts(&eb, "internal error\n");
    page_out(&eb, HTTP_INTERNAL_ERROR, TEXT_PLAIN, out);
}

int feit_web_entity(feit_factdb *db, int64_t id, int api, feit_web_page *out)
{
    if (id <= 0) {
        error_page(api, HTTP_BAD_REQUEST, "bad id", "ongeldige vraag",
                   "Geen geldige entiteit-id.", NULL, out);
        return 0;
    }
    entity_copy ec = {.found = 0};
    int rc = feit_factdb_entity(db, id, copy_entity, &ec);
    if (rc < 0) { /* the index failed: a 500, as web.h promises, not a "not found" */
        free(ec.canonical), free(ec.type), free(ec.kb);
        if (rc == FEIT_ETIME)
            too_slow(api, out);
        else
            internal_error(api, out);
        return rc;
    }
    if (rc || !ec.found) {
        free(ec.canonical), free(ec.type), free(ec.kb);
        error_page(api, HTTP_NOT_FOUND, "no such entity", "niet gevonden",
                   "Deze entiteit staat niet in de index.", NULL, out);
        return 0;
    }
    sbuf b = {0};
    feit_web_search_form f = {0};
    const feit_fact_entity *e = &ec.e;
    json_t *root = NULL, *jnames = NULL, *jconn = NULL, *jfacts = NULL;
    if (api) {
        root = json_object(), jnames = json_array(), jconn = json_array(), jfacts = json_array();
        json_object_set_new(root, "entity", entity_json(e));
        json_object_set_new(root, "names", jnames);
        json_object_set_new(root, "connections", jconn);
        json_object_set_new(root, "facts", jfacts);
    } else {
        f.q = e->canonical;
        page_head(&b, e->canonical, &f);
        sb_puts(&b, "<h1>");
        sb_esc(&b, e->canonical);
        type_tag(&b, e->type);
        sb_puts(&b, "</h1><p class=\"meta\">");
        if (e->kb) {
            sb_puts(&b, "Wikidata ");
            sb_esc(&b, e->kb);
            sb_puts(&b, " \xc2\xb7 ");
        }
        sb_printf(&b, "%lld feiten in %lld documenten</p>", (long long)e->facts,
                  (long long)e->documents);
    }
    names_out no = {.b = &b, .arr = jnames, .skip = e->canonical};
    rc = feit_factdb_names(db, e->id, on_name, &no);
    if (!api && no.n)
        sb_puts(&b, "</p>");

    hood h = {.arr = jconn};
    feit_fact_query q = {.entity_id = e->id};
    if (!rc)
        rc = feit_factdb_top(db, &q, on_connection, &h);
    if (!rc && !api) {
        sb_puts(&b, "<h2>Verbanden</h2>");
        draw_hood(&b, e, &h);
    }
    preds ps = {.n = 0};
    feit_fact_query pq = {.entity_id = e->id, .limit = sizeof ps.p / sizeof ps.p[0]};
    if (!rc) /* at most as many kinds as a page shows */
        rc = feit_factdb_predicates(db, &pq, on_pred, &ps);
    for (size_t i = 0; i < ps.n && !rc; i++) {
        facts_out fo = {.b = &b, .arr = jfacts, .show_pred = 0};
        pq = (feit_fact_query){.entity_id = e->id, .predicate = ps.p[i], .limit = GROUP_FACTS};
        if (!api) {
            /* the heading links to the same facts on the search page, to filter by date */
            sb_printf(&b, "<h2 class=\"pred\" id=\"p-%zu\"><a href=\"/?q=", i);
            sb_url(&b, e->canonical);
            sb_puts(&b, "&amp;predicate=");
            sb_url(&b, ps.p[i]);
            sb_puts(&b, "\">");
            sb_esc(&b, ps.p[i]);
            sb_puts(&b, "</a></h2>");
            facts_table_open(&b, 0);
        }
        rc = feit_factdb_facts(db, &pq, on_fact, &fo);
        if (!api)
            sb_puts(&b, "</tbody></table>");
    }
    if (!api && !ps.n && !rc)
        sb_puts(&b, "<p class=\"empty\">Geen feiten over deze entiteit.</p>");
    for (size_t i = 0; i < ps.n; i++)
        free(ps.p[i]);
    hood_free(&h);
    free(ec.canonical), free(ec.type), free(ec.kb);
    if (rc) {
        free(b.d);
        json_decref(root);
        if (rc == FEIT_ETIME)
            too_slow(api, out);
        else
            internal_error(api, out);
        return rc;
    }
    if (api) {
        json_out(root, HTTP_OK, out);
        return 0;
    }
    page_foot(&b);
    page_out(&b, HTTP_OK, TEXT_HTML, out);
    return 0;
}

/* ---- any other path ------------------------------------------------------------------- */

void feit_web_not_found(const char *path, feit_web_page *out)
{
    error_page(0, HTTP_NOT_FOUND, NULL, "niet gevonden", "Deze pagina bestaat niet: ", path, out);
}
