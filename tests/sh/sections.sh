# Sections: a document longer than --section-size goes through the pipeline a section at a
# time (docs/architecture.md, "Sections"); its record must read as the whole document's.
# The document here repeats five paragraphs of news that name every person in full and use
# no pronoun or description, so nothing of one section depends on another: its sectioned run
# (sections of 2 KiB) must give exactly the entities, sentences and triples of the whole run
# (--section-size 0): offsets and sentence indices the whole text's, a fact stated in every
# repeat one triple with the count of repeats. Also: a cut that would split "Oekraïne", a
# section with no white space, one record for --emit documents, errors for bad sizes; and
# short forms (a surname, an acronym) in a section after the one that names them in full.
. tests/patho/lib.sh

python3 - "$T" <<'EOF'
import sys
T = sys.argv[1]
paras = [
    "DEN HAAG - Premier Mark Rutte sprak woensdag in Kyiv met president Volodymyr Zelensky van Oekra\u00efne over de wederopbouw. Minister Wopke Hoekstra van Buitenlandse Zaken reisde mee.",
    "Het kabinet wil volgend jaar meer geld uittrekken voor defensie. Minister Kajsa Ollongren van Defensie presenteerde het plan in de Tweede Kamer.",
    "In Brussel vergaderden de ministers van Financi\u00ebn van de Europese Unie over de begroting. Christine Lagarde van de Europese Centrale Bank waarschuwde voor de inflatie in Duitsland en Frankrijk.",
    "Ajax won zondag in Amsterdam met 3-1 van Feyenoord. Trainer Erik ten Hag was tevreden over het spel van Dusan Tadic en Steven Berghuis.",
    "In Washington ontving president Joe Biden de Franse president Emmanuel Macron in het Witte Huis. Beide leiders spraken over de oorlog in Oekra\u00efne en de relatie met China.",
]
open(T + "/repeat.txt", "w").write("\n\n".join(paras * 8) + "\n")
# "Oekraïne" with its "ï" across byte 2048, in one long sentence (no better cut near it)
pad = "Volgens de woordvoerder"
while len(pad.encode()) < 2041 - 10:
    pad += ", en verder"
pad += " " * (2041 - len(pad.encode()))
text = pad + "Oekra\u00efne en Rusland praten.\n"
assert text.encode().index("Oekra\u00efne".encode()) == 2041, text.encode().index("Oekra\u00efne".encode())
open(T + "/cut.txt", "w").write(text)
# People and a body named in full in the first sections and by their short form only in the
# last one (sections of 2 KiB): the full names carry across the cuts (names_carry)
filler = "\n\n".join(["Het weer was woensdag zonnig en warm in het hele land, met temperaturen tot boven de twintig graden in het zuiden."] * 22)
open(T + "/carry.txt", "w").write(
    "Premier Boris Johnson sprak dinsdag met Ivanka Trump over de economie. Ook wethouder Dante Brogno was erbij, "
    "net als een econoom van het Congressional Budget Office.\n\n" + filler +
    "\n\nLater op de dag kwam ook Toni Brogno aan.\n\n" + filler +
    "\n\nJohnson zei na afloop dat hij tevreden was. Trump knikte. Brogno lachte, en het CBO rekent. Dante Brogno zweeg. "
    "Daarna lachte Brogno niet meer.\n")
# 3000 bytes with no white space, then news
open(T + "/nospace.txt", "w").write("\u00ef" * 1500 + "\n\n" + paras[0] + "\n\n" + paras[4] + "\n")
EOF

for f in repeat cut nospace carry; do
    "$FEIT" extract --no-progress --threads 1 --emit documents --section-size 0 "$T/$f.txt" >"$T/$f.0" 2>"$T/$f.err0"
    "$FEIT" extract --no-progress --threads 1 --emit documents --section-size 2K "$T/$f.txt" >"$T/$f.2k" 2>"$T/$f.err2"
    status "$f-status" $? 0
    ok "$f-one-record" test "$(wc -l <"$T/$f.2k")" -eq 1
done
# the default (1 MiB) takes these whole: the same bytes as --section-size 0
"$FEIT" extract --no-progress --threads 1 --emit documents "$T/repeat.txt" >"$T/repeat.def"
ok default-whole cmp -s "$T/repeat.def" "$T/repeat.0"

# compare NAME FILE WHAT: checks of the sectioned record against the whole one
check() {
    if r=$(python3 - "$1" "$2" "$3" <<'EOF'
import json, sys
base, what = sys.argv[2], sys.argv[3]
whole = json.loads(open(base + ".0").readline())
sect = json.loads(open(base + ".2k").readline())
text = open(base + ".txt", "rb").read()
def fail(msg):
    sys.exit(msg)
if what in ("slices", "slices-any"):
    # every entity's [start, end) is its surface text in the whole text
    for e in sect["entities"]:
        if text[e["start"]:e["end"]].decode() != e["text"]:
            fail("entity %r at %d..%d slices to %r" % (e["text"], e["start"], e["end"], text[e["start"]:e["end"]]))
    if what == "slices" and not any(e["start"] > 2 * 2048 for e in sect["entities"]):
        fail("no entity past the second section")
elif what == "entities":
    if sect["entities"] != whole["entities"]:
        a = {json.dumps(e, sort_keys=True) for e in whole["entities"]}
        b = {json.dumps(e, sort_keys=True) for e in sect["entities"]}
        fail("entities differ: %d whole, %d sectioned; only whole %s; only sectioned %s" % (len(a), len(b), sorted(a - b)[:2], sorted(b - a)[:2]))
elif what == "sentences":
    if sect["sentences"] != whole["sentences"]:
        fail("%d sentences sectioned, %d whole" % (sect["sentences"], whole["sentences"]))
elif what == "triples":
    if sect["triples"] != whole["triples"]:
        fail("triples differ:\n%s\n%s" % (whole["triples"][:3], sect["triples"][:3]))
elif what == "count":
    t = [t for t in sect["triples"] if t["predicate"] == "bezoek" and t["subject"] == "Mark Rutte" and t["object"] == "Kyiv"]
    if len(t) != 1 or t[0]["count"] != 8:
        fail("Mark Rutte bezoek Kyiv: %s" % t)
    ev = t[0]["evidence"]
    s = [x for x in sect["entities"] if x["canonical"] == "Mark Rutte"]
    if len(s) != 8 or s[-1]["start"] <= 2 * 2048: # (in the third section of 2 KiB or later)
        fail("Mark Rutte named %d times, last at %s" % (len(s), s[-1]["start"] if s else None))
elif what == "oekraine":
    w = [e for e in whole["entities"] if e["canonical"] == "Oekra\u00efne"]
    s = [e for e in sect["entities"] if e["canonical"] == "Oekra\u00efne"]
    key = lambda v: [(e["start"], e["end"], e["text"], e["kb"], e["type"]) for e in v]
    if not w or key(s) != key(w) or s[0]["start"] != 2041:
        fail("Oekraïne whole %s, sectioned %s" % (w, s))
elif what == "split-sentence":
    # a cut inside a sentence (at a space: no better point near) ends the sentence there
    if sect["sentences"] != whole["sentences"] + 1:
        fail("%d sentences sectioned, %d whole: a cut inside a sentence should add one" % (sect["sentences"], whole["sentences"]))
elif what == "carry":
    # each short form of the last section as in the whole run: the latest full naming before
    # it (in an earlier section), not the first after it in its own section, nor none
    # (the last Brogno follows Dante Brogno in its own section: the nearest naming before it;
    # the CBO is a name of form "name", its canonical the full name's)
    want = [("Johnson", "Boris Johnson", "Q180589"), ("Trump", "Ivanka Trump", None), ("Brogno", "Toni Brogno", None),
            ("CBO", "Congressional Budget Office", None), ("Brogno", "Dante Brogno", None)]
    last = text.rindex(b"Johnson zei")
    if last < 2 * 2048:
        fail("the short forms are not in the third section: %d" % last)
    for rec, name in ((whole, "whole"), (sect, "sectioned")):
        got = [(e["text"], e["canonical"], e.get("kb")) for e in rec["entities"] if e["start"] >= last and (e["form"] == "partial" or e["text"] == "CBO")]
        if got != want:
            fail("%s run: short forms %s, want %s" % (name, got, want))
elif what == "tail":
    # after the section with no white space: the news as in the whole run, at the same offsets
    w = [e for e in whole["entities"] if e["start"] >= 3000]
    s = [e for e in sect["entities"] if e["start"] >= 3000]
    if not w or [(e["start"], e["end"], e["canonical"]) for e in s] != [(e["start"], e["end"], e["canonical"]) for e in w]:
        fail("entities after the unbroken run differ: whole %d, sectioned %d" % (len(w), len(s)))
EOF
    ); then pass "$1"; else fail "$1" "$r"; fi
}
check repeat-slices "$T/repeat" slices
check repeat-entities "$T/repeat" entities
check repeat-sentences "$T/repeat" sentences
check repeat-triples "$T/repeat" triples
check repeat-count "$T/repeat" count
check cut-oekraine "$T/cut" oekraine
check cut-slices "$T/cut" slices-any
check cut-split-sentence "$T/cut" split-sentence
check nospace-tail "$T/nospace" tail
check carry-short-forms "$T/carry" carry
check carry-slices "$T/carry" slices

# the triples mode and the entities mode give the same records as the documents mode
"$FEIT" extract --no-progress --threads 1 --section-size 2K "$T/repeat.txt" >"$T/repeat.tri"
"$FEIT" extract --no-progress --threads 1 --section-size 0 "$T/repeat.txt" >"$T/repeat.tri0"
ok triples-mode cmp -s "$T/repeat.tri" "$T/repeat.tri0"

# bad sizes: exit 2, the message names the value
for v in 12X -1 K 3G 1.5M; do
    "$FEIT" extract --section-size "$v" "$T/cut.txt" >/dev/null 2>"$T/err"
    status "bad-size-$v" $? 2
    has "bad-size-$v-named" "$T/err" "--section-size must be a number of bytes from 0 to 2G (K, M and G: KiB, MiB, GiB; 0: whole documents), not '$v'"
done
