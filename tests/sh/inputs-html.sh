# Saved web pages (issue 14): three page layouts written for these tests (a national news site,
# a regional one in Windows-1252 with a table layout, a scraped news page with "Meer uit" and
# "Lees ook" lists) and malformed HTML. The article text comes out, with its datelines and
# paragraphs; markup, scripts, navigation, asides, footers and lists of links do not; the
# page's title, date, author and description go to meta; offsets index the extracted text.
. tests/patho/lib.sh
H=tests/inputs/html
fx() { "$FEIT" extract "$@"; } # the bundled gazetteer: the pages name real people

# doc_check NAME DOCUMENTS-FILE PYTHON: runs PYTHON with d = the first record, t = its text
doc_check() {
    if r=$(python3 - "$2" "$3" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").readline())
t = d["text"]
names = {e["canonical"] for e in d["entities"]}
facts = [(x["subject"], x["predicate"], x["object"]) for x in d["triples"]]
try:
    exec(sys.argv[2])
except AssertionError as e:
    sys.exit("%s | text: %r" % (e, t[:300]))
PY
    ); then pass "$1"; else fail "$1" "$r"; fi
}

# offsets index the text written by --with-text
offsets_ok() { doc_check "$1" "$2" '
b = t.encode("utf-8")
for e in d["entities"]:
    assert b[e["start"]:e["end"]].decode("utf-8") == e["text"], "entity %r not at %d-%d" % (e["text"], e["start"], e["end"])
for x in d["datelines"]:
    assert b[x["start"]:x["end"]].decode("utf-8").rstrip(" -").endswith(")"), "dateline span %r" % b[x["start"]:x["end"]]
'; }

# --- a national news site: <main><article>, header, nav, aside, footer, scripts, JSON-LD ---
fx --emit documents --with-text $H/nationaal.html >"$T/n.out" 2>"$T/n.err"
status national-exit "$?" 0
jsonl_valid national-output "$T/n.out"
ok national-no-report test ! -s "$T/n.err"
doc_check national-doc-id "$T/n.out" 'assert d["doc"] == "tests/inputs/html/nationaal.html"'
doc_check national-dateline "$T/n.out" 'assert any(x["place"] == "Kyiv" and x["agencies"] == ["ANP"] for x in d["datelines"]), d["datelines"]'
doc_check national-dateline-opens-paragraph "$T/n.out" 'assert "\n\nKYIV (ANP) - De Duitse bondskanselier Friedrich Merz en de Franse" in t'
doc_check national-entities-decoded "$T/n.out" 'assert "Oekraïense president Volodymyr Zelensky" in t and "Merz zegde Oekraïne" in t and "“Wij staan aan uw kant”" in t'
doc_check national-headline-first "$T/n.out" 'assert t.startswith("Merz en Zelensky in Kyiv over steun aan Oekraïne\n\n")'
doc_check national-paragraphs "$T/n.out" 'assert t.count("\n\n") == 3 and t.endswith("luchtverdediging.\n")'
doc_check national-no-markup "$T/n.out" 'assert "<" not in t and "&" not in t and "\xa0" not in t'
doc_check national-no-script-style-footer "$T/n.out" 'assert "samenwerken" not in t and "Nieuwsdienst" not in t and "Binnenland" not in t'
doc_check national-no-byline-caption-hidden "$T/n.out" 'assert "Door Redactie" not in t and "Foto ANP" not in t and "advertentie" not in t and "cookie" not in t'
doc_check national-lists-of-links-dropped "$T/n.out" 'assert "Lees ook" not in t and "Donald Trump" not in t and "Meer uit" not in t'
doc_check national-no-fact-from-lists "$T/n.out" 'assert "Donald Trump" not in names and not any("Vladimir Poetin" in f for f in facts), facts'
doc_check national-facts "$T/n.out" 'assert ("Emmanuel Macron", "overleg", "Volodymyr Zelensky") in facts and ("Volodymyr Zelensky", "president", "Oekraïne") in facts, facts'
doc_check national-meta "$T/n.out" 'assert d["meta"] == {"author": "Redactie Buitenland", "date": "2025-05-10T09:30:00+02:00", "description": "De Duitse bondskanselier bezocht de Oekraïense hoofdstad.", "site": "Nieuwsdienst", "title": "Merz en Zelensky in Kyiv over steun aan Oekraïne", "url": "https://nieuws.example/artikel/12345"}, d["meta"]'
offsets_ok national-offsets "$T/n.out"
# the same page as entities and triples: the same offsets, the text as evidence
fx --emit triples $H/nationaal.html >"$T/nt.out" 2>/dev/null
has national-evidence-is-text "$T/nt.out" '"evidence":"De Duitse bondskanselier Friedrich Merz en de Franse president Emmanuel Macron zijn zaterdag in Kyiv aangekomen'
ok national-evidence-no-markup test "$(grep -c '<p>\|&nbsp;' "$T/nt.out")" -eq 0

# --- a regional site: a table layout without <article> or <main>, Windows-1252 declared as
#     iso-8859-1, a sidebar of links, an inline "Lees ook:" link ---
fx --emit documents --with-text $H/regionaal.html >"$T/r.out" 2>"$T/r.err"
status regional-exit "$?" 0
has regional-one-note "$T/r.err" "regionaal.html: note: not UTF-8: read as WINDOWS-1252 (declared by the page)"
ok regional-note-once test "$(grep -c . "$T/r.err")" -eq 1
doc_check regional-decoded "$T/r.out" 'assert "naar België vertrokken. In Liège en Namen" in t and "café \"De Kroon\"" in t'
doc_check regional-body-block "$T/r.out" 'assert t.startswith("LEEUWARDEN - Een delegatie") and t.count("\n\n") == 2'
doc_check regional-no-menu-sidebar "$T/r.out" 'assert "Rubrieken" not in t and "Agenda" not in t and "Meest gelezen" not in t and "Donald Trump" not in t and "Copyright" not in t'
doc_check regional-inline-lees-ook-dropped "$T/r.out" 'assert "Lees ook" not in t and "Mark Rutte" not in t and "Mark Rutte" not in names'
doc_check regional-meta "$T/r.out" 'assert d["meta"] == {"date": "2024-03-14", "title": "Leeuwarder Nieuwsblad - Friese boeren naar België"}, d["meta"]'
doc_check regional-places "$T/r.out" 'assert {"België", "Brussel"} <= names, names'
offsets_ok regional-offsets "$T/r.out"

# --- a scraped news page: several items, each with its dateline; "Meer uit Buitenland" and
#     "Lees ook" lists of links to other articles, which must not become facts ---
fx --emit documents --with-text $H/nieuwspagina.html >"$T/p.out" 2>"$T/p.err"
status page-exit "$?" 0
doc_check page-both-items "$T/p.out" 'assert "MOSKOU (ANP/AFP) - De Russische president" in t and "WASHINGTON (ANP/AP) - De Oekraïense president" in t'
doc_check page-datelines "$T/p.out" 'assert [(x["place"], x["agencies"]) for x in d["datelines"]] == [("Moskou", ["ANP", "AFP"]), ("Washington", ["ANP", "AP"])], d["datelines"]'
doc_check page-items-in-order "$T/p.out" 'assert t.index("Poetin ontvangt") < t.index("MOSKOU") < t.index("Zelensky in Washington") < t.index("WASHINGTON")'
doc_check page-lists-dropped "$T/p.out" 'assert "Meer uit" not in t and "Lees ook" not in t and "Donald Trump" not in t and "gasdeal" not in t and "Home" not in t'
doc_check page-no-fact-from-lists "$T/p.out" 'assert "Donald Trump" not in names and "Xi Jinping" not in names and not any(f[1] == "overeenkomst" for f in facts), facts'
doc_check page-facts "$T/p.out" 'assert ("Rusland", "samenwerking", "Iran") in facts and ("Vladimir Poetin", "president", "Rusland") in facts, facts'
offsets_ok page-offsets "$T/p.out"

# --- malformed HTML: unclosed and misnested tags, stray end tags, unknown and bad character
#     references, a NUL byte, an unclosed comment, a table without ends ---
fx --emit documents --with-text $H/kapot.html >"$T/k.out" 2>"$T/k.err"
status malformed-exit "$?" 0
jsonl_valid malformed-output "$T/k.out"
doc_check malformed-text "$T/k.out" 'assert t.startswith("KYIV (ANP) - Oekraïne en Rusland\n\noverleggen in Istanbul"), t'
doc_check malformed-later-blocks "$T/k.out" 'assert "Zelensky bedankte Turkije voor de bemiddeling" in t and "Rusland en Iran gaan samenwerken." in t'
doc_check malformed-no-markup "$T/k.out" 'assert "<" not in t and "-->" not in t and "niet gesloten" not in t'
doc_check malformed-references-as-browsers "$T/k.out" 'assert "&foo;" in t and "&c." in t and "\ufffd" in t'
doc_check malformed-dateline "$T/k.out" 'assert d["datelines"] and d["datelines"][0]["place"] == "Kyiv"'
offsets_ok malformed-offsets "$T/k.out"
# a page that is all script: no article text, reported and skipped
fx $H/script-open.html >"$T/s.out" 2>"$T/s.err"
status script-only-exit "$?" 1
has script-only-report "$T/s.err" "script-open.html: no article text in the page: skipped"
# 200,000 nested elements: parsed and freed without recursion
python3 -c 'import sys; sys.stdout.write("<!DOCTYPE html><body>" + "<div>" * 200000 + "<p>KYIV (ANP) - Oekraïne en Rusland overleggen.</p>" + "</div>" * 200000)' >"$T/deep.html"
fx --emit documents --with-text "$T/deep.html" >"$T/d.out" 2>"$T/d.err"
status deep-nesting-exit "$?" 0
has deep-nesting-text "$T/d.out" '"text":"KYIV (ANP) - Oekraïne en Rusland overleggen.\n"'

# --- how a page is recognised: by extension (.html, .htm, also .gz), by content (a page in a
#     .txt file, on stdin), or by --input-format html; --input-format text reads the markup ---
cp $H/nationaal.html "$T/a.htm"; gzip -c $H/nationaal.html >"$T/b.html.gz"; cp $H/nationaal.html "$T/c.txt"
for f in a.htm b.html.gz c.txt; do
    fx --emit documents --with-text "$T/$f" >"$T/x.out" 2>/dev/null
    doc_check "recognised-$f" "$T/x.out" 'assert t.startswith("Merz en Zelensky") and "<" not in t'
done
fx --emit documents --with-text - <$H/nationaal.html >"$T/x.out" 2>/dev/null
doc_check recognised-stdin "$T/x.out" 'assert d["doc"] == "-" and t.startswith("Merz en Zelensky")'
printf '<p>KYIV (ANP) - Oekra&iuml;ne en Rusland overleggen.</p>\n' >"$T/fragment.txt"
fx --input-format html --emit documents --with-text "$T/fragment.txt" >"$T/x.out" 2>/dev/null
doc_check forced-html "$T/x.out" 'assert t == "KYIV (ANP) - Oekraïne en Rusland overleggen.\n"'
fx --input-format text --emit documents --with-text $H/nationaal.html >"$T/x.out" 2>/dev/null
doc_check forced-text-keeps-markup "$T/x.out" 'assert t.startswith("<!DOCTYPE html>")'
# the output of a page is the same on any number of threads
fx --threads 1 --emit documents $H/*.html >"$T/t1.out" 2>/dev/null
fx --threads 3 --emit documents $H/*.html >"$T/t3.out" 2>/dev/null
ok threads-same cmp -s "$T/t1.out" "$T/t3.out"
