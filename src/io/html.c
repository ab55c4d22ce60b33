/* html.c — the article text of a saved web page (see html.h). gumbo builds the tree a browser
 * would; one pass lays it out in document order in a table (no recursion: pages nest
 * thousands deep), a second pass sums the text and link text of every subtree, and the text
 * of the chosen body is then written with paragraph breaks. */
#include "io/html.h"

#include "feit.h"

#include <gumbo.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- gumbo's memory ----
 * Every block gumbo allocates is on a list: the tree is freed by walking the list
 * (gumbo_destroy_output recurses once per level of nesting, which a deep page turns into a
 * stack overflow), and running out of memory, or past the limit, leaves gumbo by longjmp
 * (gumbo does not check what its allocator returns). */
typedef struct ghdr {
    struct ghdr *prev, *next;
    size_t size, pad; /* pad: keeps the block after the header 16-byte aligned */
} ghdr;

typedef struct gmem {
    ghdr *head;
    size_t bytes, limit;
    int why; /* FEIT_ENOMEM or FEIT_ETOOBIG after a longjmp */
    jmp_buf jb;
} gmem;

static void *g_alloc(void *ud, size_t n)
{
    gmem *g = ud;
    if (n > g->limit - g->bytes) {
        g->why = FEIT_ETOOBIG;
        longjmp(g->jb, 1);
    }
    ghdr *h = malloc(sizeof *h + n);
    if (!h) {
        g->why = FEIT_ENOMEM;
        longjmp(g->jb, 1);
    }
    h->size = n;
    h->prev = NULL, h->next = g->head;
    if (g->head)
        g->head->prev = h;
    g->head = h;
    g->bytes += n;
    return h + 1;
}

static void g_free(void *ud, void *p)
{
    if (!p)
        return;
    gmem *g = ud;
    ghdr *h = (ghdr *)p - 1;
    if (h->prev)
        h->prev->next = h->next;
    else
        g->head = h->next;
    if (h->next)
        h->next->prev = h->prev;
    g->bytes -= h->size;
    free(h);
}

static void g_free_all(gmem *g)
{
    while (g->head) {
        ghdr *n = g->head->next;
        free(g->head);
        g->head = n;
    }
    g->bytes = 0;
}

static GumboOutput *g_parse(gmem *g, const GumboOptions *o, const char *p, size_t n)
{
    if (setjmp(g->jb))
        return NULL;
    return gumbo_parse_with_options(o, p, n);
}

/* ---- the tree as a table, in document order ---- */
typedef struct hn {
    const GumboNode *n;
    uint32_t parent; /* UINT32_MAX for the document */
    uint32_t end;    /* one past the last node of the subtree */
    uint32_t text;   /* bytes of text (not white space) in the subtree, dropped parts left out */
    uint32_t link;   /* of those, inside links */
    uint32_t score;  /* paragraph text of the children (and half of the grandchildren's) */
    uint8_t drop;    /* the element or one above it is never text (script, nav, hidden ...) */
    uint8_t in_article;
} hn;

typedef struct tbl {
    hn *t;
    size_t n, cap;
} tbl;

static int is_element(const GumboNode *n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
static GumboTag tag_of(const GumboNode *n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_LAST; }

static const char *attr(const GumboNode *n, const char *name)
{
    if (!is_element(n))
        return NULL;
    GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* a space-separated attribute value holds word (class="a b", itemprop="articleBody") */
static int has_token(const char *v, const char *word)
{
    size_t k = strlen(word);
    for (const char *p = v; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n')
            e++;
        if ((size_t)(e - p) == k && !strncasecmp(p, word, k))
            return 1;
        p = e;
    }
    return 0;
}

/* Elements that are never article text. */
static int never_text(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_TEMPLATE)
        return 1;
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
        return 1; /* svg, math */
    switch (n->v.element.tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MENU: case GUMBO_TAG_TITLE: case GUMBO_TAG_LABEL:
        return 1;
    default:
        break;
    }
    if (attr(n, "hidden"))
        return 1;
    const char *v = attr(n, "aria-hidden");
    if (v && !strcasecmp(v, "true"))
        return 1;
    if ((v = attr(n, "style"))) { /* display:none, with or without blanks */
        char s[64];
        size_t k = 0;
        for (const char *p = v; *p && k + 1 < sizeof s; p++)
            if (*p != ' ' && *p != '\t')
                s[k++] = *p;
        s[k] = '\0';
        if (strcasestr(s, "display:none") || strcasestr(s, "visibility:hidden"))
            return 1;
    }
    return 0;
}

/* white space as HTML has it */
static int html_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static uint32_t text_bytes(const char *s)
{
    uint32_t k = 0;
    for (; *s; s++)
        k += !html_space((unsigned char)*s);
    return k;
}

static GumboVector *children(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT)
        return (GumboVector *)&n->v.document.children;
    if (is_element(n))
        return (GumboVector *)&n->v.element.children;
    return NULL;
}

/* Lays the tree out in document order (pre-order), then sums text, link text and paragraph
 * scores from the leaves up. 0 or FEIT_ENOMEM. */
static int build(tbl *tb, const GumboNode *doc)
{
    typedef struct frame {
        uint32_t idx;
        unsigned next;
    } frame;
    frame *st = NULL;
    size_t nst = 0, cst = 0;
    int rc = FEIT_ENOMEM;
    const GumboNode *n = doc;
    uint32_t parent = UINT32_MAX;
    for (;;) {
        if (n) {
            if (tb->n == tb->cap) {
                size_t c = tb->cap ? tb->cap * 2 : 256;
                hn *p = realloc(tb->t, c * sizeof *p);
                if (!p)
                    goto out;
                tb->t = p, tb->cap = c;
            }
            hn *h = &tb->t[tb->n];
            memset(h, 0, sizeof *h);
            h->n = n, h->parent = parent;
            if (parent != UINT32_MAX) {
                h->drop = tb->t[parent].drop;
                h->in_article = tb->t[parent].in_article;
            }
            if (is_element(n)) {
                h->drop |= never_text(n);
                if (n->v.element.tag == GUMBO_TAG_ARTICLE)
                    h->in_article = h->in_article < 255 ? h->in_article + 1 : 255;
            } else if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
                h->text = text_bytes(n->v.text.text);
            }
            uint32_t idx = (uint32_t)tb->n++;
            GumboVector *ch = children(n);
            if (ch && ch->length) {
                if (nst == cst) {
                    size_t c = cst ? cst * 2 : 64;
                    frame *p = realloc(st, c * sizeof *p);
                    if (!p)
                        goto out;
                    st = p, cst = c;
                }
                st[nst++] = (frame){idx, 0};
            } else {
                tb->t[idx].end = idx + 1;
            }
        }
        if (!nst)
            break;
        frame *f = &st[nst - 1];
        GumboVector *ch = children(tb->t[f->idx].n);
        if (f->next < ch->length) {
            n = ch->data[f->next++];
            parent = f->idx;
        } else {
            tb->t[f->idx].end = (uint32_t)tb->n;
            nst--;
            n = NULL;
        }
    }
    /* children come after their parent: summing backwards adds each subtree before its root */
    for (size_t i = tb->n; i-- > 1;) {
        hn *h = &tb->t[i];
        if (h->drop)
            continue;
        GumboTag tag = tag_of(h->n);
        if (tag == GUMBO_TAG_A)
            h->link = h->text;
        hn *p = &tb->t[h->parent];
        p->text += h->text, p->link += h->link;
        if (tag == GUMBO_TAG_P) {
            uint32_t prose = h->text - h->link;
            p->score += prose;
            if (p->parent != UINT32_MAX)
                tb->t[p->parent].score += prose / 2;
        }
    }
    rc = 0;
out:
    free(st);
    return rc;
}

/* ---- writing text ---- */
typedef struct out {
    char *p;
    size_t len, cap;
    int space; /* white space seen since the last character */
    int brk;   /* line breaks owed before the next character: 1 newline, 2 a blank line */
    int oom;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t c = o->cap ? o->cap : 4096;
        while (c < o->len + n + 1)
            c *= 2;
        char *p = realloc(o->p, c);
        if (!p) {
            o->oom = 1;
            return;
        }
        o->p = p, o->cap = c;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void brk(out *o, int k)
{
    if (k > o->brk)
        o->brk = k;
}

/* Text with white space collapsed; no-break and narrow spaces count as spaces, soft hyphens
 * and zero-width characters are left out. */
static void put_text(out *o, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        size_t k = 0;
        int sp = 0;
        if (html_space(*u))
            sp = 1, k = 1;
        else if (u[0] == 0xC2 && u[1] == 0xA0)
            sp = 1, k = 2;
        else if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || (u[2] >= 0x80 && u[2] <= 0x8A)))
            sp = 1, k = 3; /* U+202F, U+2000..U+200A */
        else if (u[0] == 0xC2 && u[1] == 0xAD)
            k = 2; /* soft hyphen */
        else if ((u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8D) || (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0) ||
                 (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
            k = 3; /* zero-width space, joiners, word joiner, BOM */
        if (k) {
            o->space |= sp;
            u += k;
            continue;
        }
        const unsigned char *e = u + 1;
        while (*e && !html_space(*e) && *e != 0xC2 && *e != 0xE2 && *e != 0xEF)
            e++;
        if (o->len && o->brk) {
            put(o, "\n\n", (size_t)o->brk);
        } else if (o->len && o->space && o->p[o->len - 1] != '\n') {
            put(o, " ", 1);
        }
        o->brk = o->space = 0;
        put(o, (const char *)u, (size_t)(e - u));
        u = e;
    }
}

static int is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

/* Elements that end a line: paragraphs, list items, headings and other blocks. */
static int block_break(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_BR: return 1;
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HEADER: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CENTER:
        return 2;
    default:
        return is_heading(t) ? 2 : 0;
    }
}

/* Blocks that may be lists of links rather than text. */
static int may_be_links(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
        return 1;
    default:
        return 0;
    }
}

static int link_dense(const hn *h) { return h->text > 0 && h->link * 2 >= h->text; }

/* The text of the subtree at root into o. */
static void write_subtree(out *o, const tbl *tb, uint32_t root)
{
    typedef struct open {
        uint32_t end;
        int brk;
    } open;
    open *st = NULL;
    size_t nst = 0, cst = 0;
    uint32_t end = tb->t[root].end;
    uint32_t hdr_end = 0, head_end = 0; /* inside a <header>: only its headings are text */
    /* the last short heading or label written, to take back when a list of links follows it */
    size_t label_from = (size_t)-1, label_to = (size_t)-1;
    int label_brk = 0;
    for (uint32_t i = root; i < end && !o->oom;) {
        while (nst && i >= st[nst - 1].end)
            brk(o, st[--nst].brk);
        const hn *h = &tb->t[i];
        const GumboNode *n = h->n;
        if (!is_element(n)) {
            if ((n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) && (i >= hdr_end || i < head_end))
                put_text(o, n->v.text.text);
            else if (n->type == GUMBO_NODE_WHITESPACE)
                o->space = 1;
            i++;
            continue;
        }
        GumboTag t = n->v.element.tag;
        if (h->drop && i != root) {
            i = h->end;
            continue;
        }
        if (i != root && may_be_links(t) && link_dense(h)) {
            if (o->len == label_to) { /* "Lees ook" or "Meer uit ..." just before it goes too */
                o->len = label_from;
                if (o->p)
                    o->p[o->len] = '\0';
                o->brk = label_brk;
            }
            brk(o, 2);
            i = h->end;
            continue;
        }
        if (t == GUMBO_TAG_HEADER && i != root && i >= hdr_end)
            hdr_end = h->end;
        if (is_heading(t) && i < hdr_end)
            head_end = h->end;
        if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH)
            o->space = 1;
        int b = block_break(t);
        if (b) {
            brk(o, b);
            if (h->end > i + 1) {
                if (nst == cst) {
                    size_t c = cst ? cst * 2 : 64;
                    open *p = realloc(st, c * sizeof *p);
                    if (!p) {
                        o->oom = 1;
                        break;
                    }
                    st = p, cst = c;
                }
                st[nst++] = (open){h->end, b};
            }
        }
        if ((is_heading(t) || ((t == GUMBO_TAG_P || t == GUMBO_TAG_DIV) && i >= hdr_end)) && h->text &&
            h->text <= (is_heading(t) ? 120u : 40u) && !h->link) {
            /* a short heading or label, written here, and remembered until something else is
             * written after it */
            label_from = o->len, label_brk = o->brk;
            size_t before = o->len;
            uint32_t stop = h->end;
            for (i++; i < stop && !o->oom; i++) {
                const hn *c = &tb->t[i];
                if (c->drop) {
                    i = c->end - 1;
                    continue;
                }
                if (c->n->type == GUMBO_NODE_TEXT || c->n->type == GUMBO_NODE_CDATA)
                    put_text(o, c->n->v.text.text);
                else if (c->n->type == GUMBO_NODE_WHITESPACE)
                    o->space = 1;
                else if (is_element(c->n) && (tag_of(c->n) == GUMBO_TAG_TD || tag_of(c->n) == GUMBO_TAG_TH))
                    o->space = 1;
                else if (is_element(c->n) && block_break(tag_of(c->n)))
                    brk(o, block_break(tag_of(c->n)));
            }
            label_to = o->len > before ? o->len : (size_t)-1;
            continue;
        }
        i++;
    }
    free(st);
}

/* The text of a subtree with white space collapsed, at most cap - 1 bytes, into buf. */
static void subtree_text(const tbl *tb, uint32_t root, char *buf, size_t cap)
{
    out o = {0};
    for (uint32_t i = root; i < tb->t[root].end && o.len < cap; i++) {
        const GumboNode *n = tb->t[i].n;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA)
            put_text(&o, n->v.text.text);
        else if (n->type == GUMBO_NODE_WHITESPACE || (is_element(n) && block_break(n->v.element.tag)))
            o.space = 1;
    }
    snprintf(buf, cap, "%s", o.p ? o.p : "");
    free(o.p);
}

/* ---- what the page says about itself ---- */
enum { M_TITLE, M_DATE, M_AUTHOR, M_DESCRIPTION, M_URL, M_SITE, M_N };
static const char *const meta_keys[M_N] = {"title", "date", "author", "description", "url", "site"};

typedef struct pmeta {
    char *v[M_N];
    int rank[M_N]; /* the rank of the source each value came from: lower wins */
} pmeta;

static void meta_set(pmeta *m, int key, int rank, const char *v)
{
    if (!v)
        return;
    while (html_space((unsigned char)*v))
        v++;
    if (!*v || (m->v[key] && m->rank[key] <= rank))
        return;
    /* white space collapsed, at most 1000 bytes */
    out o = {0};
    put_text(&o, v);
    if (!o.p)
        return;
    if (o.len > 1000) {
        size_t k = 1000;
        while (k > 0 && ((unsigned char)o.p[k] & 0xC0) == 0x80)
            k--; /* not inside a character */
        o.p[k] = '\0';
    }
    free(m->v[key]);
    m->v[key] = o.p, m->rank[key] = rank;
}

/* <meta name|property|itemprop=K content=V>: which field and how good a source it is. */
static void meta_tag(pmeta *m, const GumboNode *n)
{
    static const struct {
        const char *name;
        int key, rank;
    } map[] = {
        {"og:title", M_TITLE, 1},           {"twitter:title", M_TITLE, 2},
        {"article:published_time", M_DATE, 1}, {"datePublished", M_DATE, 2}, {"date", M_DATE, 3},
        {"pubdate", M_DATE, 3},             {"publishdate", M_DATE, 3},     {"publish-date", M_DATE, 3},
        {"dcterms.date", M_DATE, 4},        {"dc.date", M_DATE, 4},         {"dc.date.issued", M_DATE, 4},
        {"dcterms.created", M_DATE, 5},     {"author", M_AUTHOR, 1},        {"article:author", M_AUTHOR, 2},
        {"dc.creator", M_AUTHOR, 3},        {"description", M_DESCRIPTION, 1}, {"og:description", M_DESCRIPTION, 2},
        {"twitter:description", M_DESCRIPTION, 3}, {"og:url", M_URL, 2},  {"og:site_name", M_SITE, 1},
    };
    const char *content = attr(n, "content");
    if (!content)
        return;
    const char *names[3] = {attr(n, "property"), attr(n, "name"), attr(n, "itemprop")};
    for (int k = 0; k < 3; k++) {
        if (!names[k])
            continue;
        for (size_t j = 0; j < sizeof map / sizeof map[0]; j++)
            if (!strcasecmp(names[k], map[j].name)) {
                /* an author given as a profile URL is no name */
                if (map[j].key == M_AUTHOR && !strncasecmp(content, "http", 4))
                    continue;
                meta_set(m, map[j].key, map[j].rank, content);
            }
    }
}

/* A JSON-LD author: a string, {"name": ...}, or a list of them joined by ", ". */
static void ld_author(pmeta *m, json_t *a)
{
    char buf[512] = "";
    size_t k = 0;
    json_t *one = a;
    for (size_t i = 0; i < (json_is_array(a) ? json_array_size(a) : 1); i++) {
        if (json_is_array(a))
            one = json_array_get(a, i);
        const char *s = json_is_string(one) ? json_string_value(one) : json_string_value(json_object_get(one, "name"));
        if (s && *s && k + strlen(s) + 3 < sizeof buf)
            k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", k ? ", " : "", s);
    }
    meta_set(m, M_AUTHOR, 4, buf);
}

/* <script type="application/ld+json">: the first object that has a datePublished (an
 * article), also inside a list or an @graph. */
static void json_ld(pmeta *m, const char *s)
{
    json_error_t je;
    json_t *root = json_loads(s, JSON_DECODE_ANY, &je);
    if (!root)
        return;
    json_t *cands[64];
    size_t nc = 0;
    json_t *graph = json_is_object(root) ? json_object_get(root, "@graph") : NULL;
    json_t *lists[2] = {json_is_array(root) ? root : NULL, json_is_array(graph) ? graph : NULL};
    if (json_is_object(root))
        cands[nc++] = root;
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; lists[l] && i < json_array_size(lists[l]) && nc < 64; i++)
            if (json_is_object(json_array_get(lists[l], i)))
                cands[nc++] = json_array_get(lists[l], i);
    for (size_t i = 0; i < nc; i++) {
        json_t *o = cands[i];
        if (!json_is_string(json_object_get(o, "datePublished")))
            continue;
        meta_set(m, M_DATE, 3, json_string_value(json_object_get(o, "datePublished")));
        meta_set(m, M_TITLE, 4, json_string_value(json_object_get(o, "headline")));
        if (json_object_get(o, "author"))
            ld_author(m, json_object_get(o, "author"));
        break;
    }
    json_decref(root);
}

static char *meta_json(const pmeta *m)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    for (int k = 0; k < M_N; k++)
        if (m->v[k] && json_object_set_new(o, meta_keys[k], json_string(m->v[k]))) {
            json_decref(o);
            return NULL;
        }
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s;
}

/* The text children of an element (a <title>, a <script>), joined. */
static char *own_text(const GumboNode *n)
{
    out o = {0};
    GumboVector *ch = children(n);
    for (unsigned i = 0; ch && i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA || c->type == GUMBO_NODE_WHITESPACE)
            put(&o, c->v.text.text, strlen(c->v.text.text));
    }
    return o.p;
}

/* ---- nesting deeper than any real page ----
 * gumbo's tree construction takes time that grows with the cube of the nesting depth (it
 * searches the stack of open elements for each new one): 200,000 nested elements take minutes.
 * No page nests more than a few hundred elements, so elements deeper than HTML_MAX_DEPTH are
 * left out (their tags, not their text) before gumbo reads the page. The count is by tags as
 * written: void elements (br, img ...), self-closing tags, comments, declarations and the
 * contents of script, style, textarea and title do not nest. */
#define HTML_MAX_DEPTH 2048

static int void_tag(const char *p, size_t n)
{
    switch (gumbo_tagn_enum(p, (unsigned)n)) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_KEYGEN:
        return 1;
    default:
        return 0;
    }
}

static int raw_tag(const char *p, size_t n)
{
    GumboTag t = gumbo_tagn_enum(p, (unsigned)n);
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEXTAREA || t == GUMBO_TAG_TITLE;
}

/* the end of the tag that starts at p (one past its '>'), quoted attribute values skipped */
static size_t tag_end(const char *h, size_t n, size_t p)
{
    char q = 0;
    for (size_t i = p + 1; i < n; i++) {
        if (q) {
            if (h[i] == q)
                q = 0;
        } else if (h[i] == '"' || h[i] == '\'') {
            q = h[i];
        } else if (h[i] == '>') {
            return i + 1;
        }
    }
    return n;
}

/* A copy of the page without the tags nested deeper than HTML_MAX_DEPTH, or NULL when it has
 * none (or on no memory: the page is then read as it is). */
static char *flatten_deep(const char *h, size_t n, size_t *out_n)
{
    char *o = NULL;
    size_t on = 0, copied = 0; /* h[copied ..) is not yet in o */
    long depth = 0;
    for (size_t i = 0; i < n;) {
        const char *lt = memchr(h + i, '<', n - i);
        if (!lt)
            break;
        size_t p = (size_t)(lt - h);
        if (p + 3 < n && !memcmp(h + p, "<!--", 4)) {
            const char *e = memmem(h + p + 4, n - p - 4, "-->", 3);
            i = e ? (size_t)(e - h) + 3 : n;
            continue;
        }
        size_t e = tag_end(h, n, p);
        int closing = p + 1 < n && h[p + 1] == '/';
        size_t ns = p + 1 + (size_t)closing, ne = ns;
        while (ne < n && ((h[ne] >= 'a' && h[ne] <= 'z') || (h[ne] >= 'A' && h[ne] <= 'Z') || (h[ne] >= '0' && h[ne] <= '9')))
            ne++;
        if (ne == ns || !((h[ns] >= 'a' && h[ns] <= 'z') || (h[ns] >= 'A' && h[ns] <= 'Z'))) {
            i = p + 1; /* "<!DOCTYPE", "<?xml", "a < b": no element */
            if (ns < n && (h[ns] == '!' || h[ns] == '?'))
                i = e;
            continue;
        }
        bool drop = false;
        if (closing) {
            drop = depth > HTML_MAX_DEPTH;
            if (depth > 0)
                depth--;
        } else if (raw_tag(h + ns, ne - ns)) {
            /* its contents up to its end tag are text, whatever they look like */
            size_t k = e;
            while (k < n) {
                const char *c = memchr(h + k, '<', n - k);
                if (!c)
                    break;
                k = (size_t)(c - h);
                if (k + 2 + (ne - ns) <= n && h[k + 1] == '/' && !strncasecmp(h + k + 2, h + ns, ne - ns))
                    break;
                k++;
            }
            i = k < n ? k : n;
            continue;
        } else if (!void_tag(h + ns, ne - ns) && !(e >= 2 && h[e - 2] == '/')) {
            depth++;
            drop = depth > HTML_MAX_DEPTH;
        }
        if (drop) {
            if (!o && !(o = malloc(n + 1)))
                return NULL;
            memcpy(o + on, h + copied, p - copied);
            on += p - copied;
            copied = e;
        }
        i = e;
    }
    if (!o)
        return NULL;
    memcpy(o + on, h + copied, n - copied);
    on += n - copied;
    o[on] = '\0';
    *out_n = on;
    return o;
}

/* ---- the article ---- */
int html_extract(const char *html, size_t n, char **text, size_t *len, char **meta)
{
    *text = NULL, *meta = NULL, *len = 0;
    gmem g = {0};
    g.limit = n > (SIZE_MAX - (64u << 20)) / 64 ? SIZE_MAX : n * 64 + (64u << 20);
    GumboOptions opt = kGumboDefaultOptions;
    opt.allocator = g_alloc, opt.deallocator = g_free, opt.userdata = &g;
    opt.max_errors = 0; /* parse errors are not kept: a broken page is read as a browser would */
    tbl tb = {0};
    pmeta pm;
    memset(&pm, 0, sizeof pm);
    out o = {0};
    int rc = FEIT_ENOMEM;
    size_t fn = 0;
    char *flat = flatten_deep(html, n, &fn);
    if (flat)
        html = flat, n = fn;
    GumboOutput *go = g_parse(&g, &opt, html, n);
    if (!go) {
        rc = g.why ? g.why : FEIT_ENOMEM;
        goto done;
    }
    if (build(&tb, go->document))
        goto done;
    /* the page's own description, and the candidates for its body */
    uint32_t body_prop = UINT32_MAX, main_el = UINT32_MAX, body_el = UINT32_MAX, best = UINT32_MAX;
    const char *time_dt = NULL;
    for (uint32_t i = 0; i < tb.n; i++) {
        const hn *h = &tb.t[i];
        const GumboNode *e = h->n;
        if (!is_element(e))
            continue;
        GumboTag t = e->v.element.tag;
        int html_ns = e->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
        if (t == GUMBO_TAG_TITLE && html_ns && !pm.v[M_TITLE]) {
            char *s = own_text(e);
            meta_set(&pm, M_TITLE, 3, s);
            free(s);
        } else if (t == GUMBO_TAG_META) {
            meta_tag(&pm, e);
        } else if (t == GUMBO_TAG_LINK && attr(e, "rel") && has_token(attr(e, "rel"), "canonical")) {
            meta_set(&pm, M_URL, 1, attr(e, "href"));
        } else if (t == GUMBO_TAG_SCRIPT && attr(e, "type") && !strcasecmp(attr(e, "type"), "application/ld+json")) {
            char *s = own_text(e);
            if (s)
                json_ld(&pm, s);
            free(s);
        } else if (t == GUMBO_TAG_BODY && body_el == UINT32_MAX) {
            body_el = i;
        }
        if (h->drop)
            continue;
        if (t == GUMBO_TAG_TIME && !time_dt)
            time_dt = attr(e, "datetime");
        if (is_heading(t) && t == GUMBO_TAG_H1 && !pm.v[M_TITLE]) {
            char buf[1024];
            subtree_text(&tb, i, buf, sizeof buf);
            meta_set(&pm, M_TITLE, 5, buf);
        }
        const char *ip = attr(e, "itemprop");
        if (body_prop == UINT32_MAX && ip && has_token(ip, "articleBody"))
            body_prop = i;
        if (t == GUMBO_TAG_MAIN && main_el == UINT32_MAX)
            main_el = i;
        if (h->score && (best == UINT32_MAX || h->score > tb.t[best].score))
            best = i;
    }
    if (time_dt)
        meta_set(&pm, M_DATE, 6, time_dt);
    /* the body: itemprop=articleBody; else the <article> elements (not nested, not mostly
     * links) that hold at least a third of the prose of the largest one — a page of news items
     * gives them all, an article with teasers of others only itself; else <main>; else the
     * block with the most paragraph text; else <body> */
    if (body_prop != UINT32_MAX) {
        write_subtree(&o, &tb, body_prop);
    } else {
        uint32_t most = 0;
        int any = 0;
        for (uint32_t i = 0; i < tb.n; i++) {
            const hn *h = &tb.t[i];
            if (tag_of(h->n) == GUMBO_TAG_ARTICLE && !h->drop && h->in_article == 1 && !link_dense(h) && h->text - h->link > most)
                most = h->text - h->link;
        }
        for (uint32_t i = 0; most && i < tb.n; i++) {
            const hn *h = &tb.t[i];
            if (tag_of(h->n) == GUMBO_TAG_ARTICLE && !h->drop && h->in_article == 1 && !link_dense(h) && (h->text - h->link) * 3 >= most) {
                brk(&o, 2);
                write_subtree(&o, &tb, i);
                any = 1;
                i = h->end - 1;
            }
        }
        if (!any) {
            uint32_t root = main_el != UINT32_MAX ? main_el : best != UINT32_MAX ? best : body_el != UINT32_MAX ? body_el : 0;
            write_subtree(&o, &tb, root);
        }
    }
    if (o.oom)
        goto done;
    if (o.len)
        put(&o, "\n", 1);
    *meta = meta_json(&pm);
    if (o.oom || !*meta)
        goto done;
    *text = o.p ? o.p : strdup("");
    *len = o.len;
    if (!*text)
        goto done;
    o.p = NULL;
    rc = 0;
done:
    if (rc) {
        free(*meta);
        *meta = NULL;
    }
    free(o.p);
    for (int k = 0; k < M_N; k++)
        free(pm.v[k]);
    free(tb.t);
    g_free_all(&g); /* the whole parse tree, without gumbo_destroy_output's recursion */
    free(flat);
    return rc;
}

/* ---- sniffing ---- */
static size_t skip_ws(const char *p, size_t i, size_t n)
{
    while (i < n && html_space((unsigned char)p[i]))
        i++;
    return i;
}

int html_sniff(const char *p, size_t n)
{
    size_t i = skip_ws(p, 0, n);
    for (int guard = 0; guard < 16; guard++) {
        if (i + 4 < n && !memcmp(p + i, "<!--", 4)) {
            const char *e = memmem(p + i + 4, n - i - 4, "-->", 3);
            if (!e)
                return 0;
            i = skip_ws(p, (size_t)(e - p) + 3, n);
        } else if (i + 5 < n && !memcmp(p + i, "<?xml", 5)) {
            const char *e = memmem(p + i, n - i, "?>", 2);
            if (!e)
                return 0;
            i = skip_ws(p, (size_t)(e - p) + 2, n);
        } else {
            break;
        }
    }
    if (i + 14 <= n && !strncasecmp(p + i, "<!doctype html", 14))
        return 1;
    return i + 5 <= n && !strncasecmp(p + i, "<html", 5) && (i + 5 == n || strchr(" \t\r\n>", p[i + 5]));
}

const char *html_declared_charset(const char *p, size_t n, char *buf, size_t cap)
{
    size_t lim = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < lim; i++) {
        if (strncasecmp(p + i, "charset", 7))
            continue;
        /* inside a <meta ...> tag */
        size_t lt = i;
        while (lt > 0 && p[lt] != '<' && p[lt] != '>')
            lt--;
        if (p[lt] != '<' || lt + 5 > lim || strncasecmp(p + lt, "<meta", 5))
            continue;
        size_t j = skip_ws(p, i + 7, lim);
        if (j >= lim || p[j] != '=')
            continue;
        j = skip_ws(p, j + 1, lim);
        if (j < lim && (p[j] == '"' || p[j] == '\''))
            j++;
        size_t k = 0;
        while (j < lim && k + 1 < cap && (strchr("-_.:", p[j]) || (p[j] >= '0' && p[j] <= '9') || ((p[j] | 32) >= 'a' && (p[j] | 32) <= 'z')))
            buf[k++] = p[j++];
        buf[k] = '\0';
        return k ? buf : NULL;
    }
    return NULL;
}
