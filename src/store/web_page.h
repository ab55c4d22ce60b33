/*
 * web_page.h — the fixed parts of the pages src/web.c renders for `feit serve`: the style
 * sheet and the colours of the entity types. Inline, so the page works offline and without
 * JavaScript. Included only by src/web.c.
 */
#ifndef FEIT_WEB_PAGE_H
#define FEIT_WEB_PAGE_H

static const char web_css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
    "color:#1d2330;background:#f6f7f9}"
    "header{background:#1d3557;color:#fff;padding:.7em 1.5em;display:flex;gap:1.5em;"
    "align-items:center;flex-wrap:wrap}"
    "header a{color:#fff;text-decoration:none;font-weight:700;font-size:1.25em}"
    "header form{display:flex;gap:.4em;flex-wrap:wrap;align-items:center}"
    "header input{font:inherit;padding:.3em .5em;border:0;border-radius:3px}"
    "header input[name=q]{width:18em}header input.d{width:8em}"
    "header button{font:inherit;padding:.3em .9em;border:0;border-radius:3px;background:#e63946;"
    "color:#fff;cursor:pointer}"
    "main{padding:1em 1.5em;max-width:78em}"
    "h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.15em;margin:1.3em 0 .4em;"
    "border-bottom:1px solid #d5d9e0;padding-bottom:.2em}"
    "table{border-collapse:collapse;width:100%;background:#fff}"
    "th,td{text-align:left;vertical-align:top;padding:.35em .6em;border-bottom:1px solid #e3e6eb}"
    "th{background:#eef1f5;font-weight:600}td.n{text-align:right}"
    "td.ev{color:#333;font-size:.93em}td.src{font-size:.85em;color:#555;white-space:nowrap}"
    "a{color:#1d4f91}.meta{color:#555}.pred{font-weight:600;color:#7a2e00}"
    ".tag{display:inline-block;font-size:.78em;padding:0 .45em;border-radius:8px;color:#fff}"
    ".t-other{background:#777}" /* the .t-<type> rules come from src/core/types.h: web_type_css */
    "ul.ents{list-style:none;padding:0}ul.ents li{margin:.25em 0}"
    "svg{background:#fff;border:1px solid #d5d9e0;max-width:100%;height:auto}"
    "svg text{font:12px system-ui,sans-serif}svg .lbl{fill:#7a2e00;font-size:11px}"
    ".empty{color:#777;font-style:italic}mark{background:#ffe08a;padding:0 .1em}"
    "header select{font:inherit;padding:.3em .4em;border:0;border-radius:3px}"
    /* the time status of a fact: former and designate stand out, current has no badge */
    ".tijd{display:inline-block;font-size:.75em;font-weight:700;padding:0 .45em;"
    "border-radius:3px;margin-left:.35em;text-transform:uppercase;letter-spacing:.03em;"
    "vertical-align:.1em}"
    ".tijd-former{background:#5c5c5c;color:#fff}.tijd-designate{background:#1d6fb8;color:#fff}"
    "tr.fact-former{background:#f3f3f3}tr.fact-designate{background:#f0f6fc}";

/* The time statuses the page shows, as the index stores them (feit_time_name) with the
 * badge and the filter's wording; current gets no badge. */
static const struct {
    const char *time, *label, *title;
} web_times[] = {
    {"current", "huidig", "geldt nu"},
    {"former", "voormalig", "former: gold vroeger (oud-, voormalig, eerder)"},
    {"designate", "beoogd", "designate: gaat gelden (beoogd, kandidaat-, wordt)"},
};

/* index of the entity type named type (src/core/types.h), or -1 */
static int web_type(const char *type) { return type ? types_find(type, strlen(type)) : -1; }

/* fill colour of a node per entity type */
static const char *type_colour(const char *type)
{
    int k = web_type(type);
    return k >= 0 ? feit_types[k].colour : "#777777";
}

/* the CSS class of a type tag; only the known names, so nothing from the data gets in */
static const char *type_class(const char *type)
{
    int k = web_type(type);
    return k >= 0 ? feit_types[k].name : "other";
}

#endif
