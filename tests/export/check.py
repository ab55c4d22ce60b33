"""Checks for `feit export` output, run by tests/sh/export-*.sh with Debian's python3-rdflib.

Each check loads the export with a real parser (rdflib's N-Triples / N-Quads / JSON-LD parsers,
and compares what it reads with the input records (the JSON Lines fixture),
printing one "PASS name" or "FAIL name: reason" line per check.

    python3 check.py rdf FILE.nt FILE.nq FIXTURE.jsonl   # graph model, SPARQL, provenance
    python3 check.py odd FILE.nt FIXTURE.jsonl            # IRI validity and literal round trip
    python3 check.py jsonld CONTEXT.jsonld FIXTURE.jsonl  # the JSON-LD @context
    python3 check.py extract FILE.nq TRIPLES.jsonl        # export of real extract output
"""
import json
import sys
import unicodedata

import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from checklib import check, records, run  # noqa: E402

FEIT = Namespace("https://feit.example/ns#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
CLASSES = {"person": "Person", "country": "Country", "city": "City", "location": "Location",
           "organisation": "Organisation"}


def entity(g, rec, side):
    """The node the export made for one side of a record, found through the graph only:
    the Wikidata IRI when the kb is known, else the node labelled with the name and typed."""
    kb = rec.get(side + "_kb")
    if kb and kb[1:].isdigit() and kb[0] == "Q":
        return WD[kb]
    label = Literal(rec[side], lang="nl")
    nodes = set(g.subjects(RDFS.label, label))
    cls = CLASSES.get(rec[side + "_type"])
    if cls:
        nodes = {n for n in nodes if (n, RDF.type, FEIT[cls]) in g}
    return nodes.pop() if len(nodes) == 1 else None


def facts_roundtrip(g, recs, prefix):
    """Every record is a reified statement with its exact provenance, and the fact itself."""
    stmts = set(g.subjects(RDF.type, RDF.Statement))
    check(prefix + "statement-count", len(stmts) == len(recs), "%d statements for %d records" % (len(stmts), len(recs)))
    for i, r in enumerate(recs):
        s, o = entity(g, r, "subject"), entity(g, r, "object")
        p = FEIT[r["predicate"]] if r["predicate"].isascii() else None
        name = "%sfact-%d(%s %s %s)" % (prefix, i, r["subject"][:12], r["predicate"], r["object"][:12])
        if s is None or o is None or p is None:
            check(name, False, "entities not found in graph (subject %r object %r)" % (s, o))
            continue
        if (s, p, o) not in g:
            check(name, False, "asserted triple missing")
            continue
        found = []
        for st in g.subjects(RDF.subject, s):
            if (st, RDF.predicate, p) not in g or (st, RDF.object, o) not in g:
                continue
            ev = g.value(st, FEIT.evidence)
            if ev is None or str(ev) != r["evidence"] or ev.language != "nl":
                continue
            if g.value(st, FEIT.sentence).toPython() != r["sentence"]:
                continue
            found.append(st)
        if len(found) != 1:
            check(name, False, "%d matching statements with evidence %r" % (len(found), r["evidence"]))
            continue
        st = found[0]
        conf = g.value(st, FEIT.confidence)
        doc = g.value(st, PROV.wasDerivedFrom)
        problems = []
        if conf is None or conf.datatype != XSD.double or abs(float(conf) - r["confidence"]) > 1e-6:
            problems.append("confidence %r" % conf)
        if doc is None or str(g.value(doc, FEIT.docId)) != r["doc"]:
            problems.append("document %r" % doc)
        if str(g.value(st, FEIT.rule)) != r["rule"]:
            problems.append("rule")
        q = g.value(st, FEIT.qualifier)
        if (q is None and "qualifier" in r) or (q is not None and str(q) != r.get("qualifier")):
            problems.append("qualifier %r" % q)
        c = g.value(st, FEIT["count"])
        if (c.toPython() if c is not None else 0) != r.get("count", 0):
            problems.append("count %r" % c)
        for side in ("subject", "object"):
            node = s if side == "subject" else o
            labels = {str(l) for l in g.objects(node, RDFS.label)}
            if r[side] not in labels:
                problems.append("%s label %r not in %r" % (side, r[side], labels))
        check(name, not problems, ", ".join(problems))


def rusland_partners(g):
    """SPARQL: the names of what Rusland cooperates with (samenwerking, either direction)."""
    q = """PREFIX feit: <https://feit.example/ns#>
           PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT DISTINCT ?name WHERE {
             ?r rdfs:label "Rusland"@nl .
             { ?r feit:samenwerking ?x } UNION { ?x feit:samenwerking ?r }
             ?x rdfs:label ?name }"""
    return sorted(str(row.name) for row in g.query(q))


def cmd_rdf(nt, nq, fixture):
    recs = records(fixture)
    g = rdflib.Graph()
    g.parse(nt, format="nt")
    check("rdflib-parses-ntriples", len(g) > 0, "empty graph")

    names = rusland_partners(g)
    check("sparql-rusland-samenwerking-iran", names == ["Iran"], "answer %r" % names)

    q = """PREFIX feit: <https://feit.example/ns#>
           PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           PREFIX prov: <http://www.w3.org/ns/prov#>
           PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
           SELECT ?conf ?doc ?ev WHERE {
             ?s rdf:subject ?r ; rdf:predicate feit:samenwerking ; rdf:object ?x ;
                feit:confidence ?conf ; feit:evidence ?ev ; prov:wasDerivedFrom ?d .
             ?d feit:docId ?doc .
             ?r rdfs:label "Rusland"@nl . ?x rdfs:label "Iran"@nl }"""
    rows = [(float(r.conf), str(r.doc), str(r.ev)) for r in g.query(q)]
    want = [(r["confidence"], r["doc"], r["evidence"]) for r in recs
            if (r["subject"], r["predicate"], r["object"]) == ("Rusland", "samenwerking", "Iran")]
    check("sparql-provenance", rows == want, "got %r want %r" % (rows, want))

    check("wikidata-iri-for-kb", (WD.Q159, RDFS.label, Literal("Rusland", lang="nl")) in g, "Q159 not labelled")
    check("wikidata-property-link", (FEIT.president, SKOS.relatedMatch, WDT.P35) in g, "no skos:relatedMatch wdt:P35")
    nokb = [r["subject"] for r in recs if "subject_kb" not in r]
    for n in nokb:
        node = entity(g, {"subject": n, "subject_type": [r for r in recs if r["subject"] == n][0]["subject_type"]},
                      "subject")
        check("project-iri(%s)" % n[:20], node is not None and str(node).startswith("https://feit.example/id/"),
              "node %r" % node)
    types = set(g.objects(WD.Q159, RDF.type))
    check("entity-types", {FEIT.Country, FEIT.Entity, URIRef("http://schema.org/Country")} <= types, "types %r" % types)
    facts_roundtrip(g, recs, "nt-")

    # N-Quads: the same triples; facts in one named graph per document, descriptions in the default graph
    ds = rdflib.Dataset()
    ds.parse(nq, format="nquads")
    merged = rdflib.Graph()
    for quad in ds.quads((None, None, None, None)):
        merged.add(quad[:3])
    check("nquads-same-triples", rdflib.compare.isomorphic(merged, g) if hasattr(rdflib, "compare") else
          set(merged) == set(g), "N-Quads and N-Triples differ (%d vs %d)" % (len(merged), len(g)))
    for r in recs:
        gname = URIRef("https://feit.example/doc/" + r["doc"])
        s, o = entity(g, r, "subject"), entity(g, r, "object")
        ok = s is not None and (s, FEIT[r["predicate"]], o, gname) in ds
        check("nquads-graph(%s %s %s)" % (r["doc"], r["subject"][:12], r["predicate"]), ok, "fact not in graph " + str(gname))
    where = [str(q[3].identifier if hasattr(q[3], "identifier") else q[3])
             for q in ds.quads((WD.Q159, RDFS.label, Literal("Rusland", lang="nl"), None))]
    check("nquads-label-once-in-default-graph", len(where) == 1 and "/doc/" not in where[0],
          "label of Q159 in graphs %r" % where)


def ucschar(c):
    """RFC 3987: the non-ASCII code points an IRI path may hold as they are."""
    if 0xA0 <= c <= 0xD7FF or 0xF900 <= c <= 0xFDCF or 0xFDF0 <= c <= 0xFFEF:
        return True
    return 0x10000 <= c <= 0xEFFFD and (c & 0xFFFF) <= 0xFFFD and not 0xE0000 <= c < 0xE1000


def cmd_odd(nt, fixture):
    recs = records(fixture)
    # rdflib 6.1's N-Triples parser decodes "\\b" (an escaped backslash, then b) as a backslash and
    # a backspace; its Turtle parser (N-Triples is a subset of Turtle) reads the grammar right,
    # so the round trip of the odd names uses that. rapper checks the grammar in the shell test.
    g = rdflib.Graph()
    g.parse(nt, format="turtle")
    check("rdflib-turtle-reads-ntriples", len(g) > 0, "empty graph")
    bad = [t for t in g.all_nodes() if isinstance(t, URIRef) and
           any(c in '<>"{}|^`\\ ' or ord(c) < 0x21 or (ord(c) >= 0x7F and not ucschar(ord(c))) for c in str(t))]
    check("iris-have-no-forbidden-characters", not bad, "bad IRIs %r" % bad[:3])
    facts_roundtrip(g, recs, "odd-")
    nfc = [r for r in recs if unicodedata.normalize("NFC", r["subject"]) == "Oekraïne"]
    a = entity(g, {"subject": "Oekraïne", "subject_type": "location"}, "subject")
    b = entity(g, {"subject": nfc[0]["subject"], "subject_type": "location"}, "subject") if nfc else None
    check("nfc-and-nfd-name-same-iri", a is not None and a == b, "%r vs %r" % (a, b))
    thing = entity(g, {"subject": "Mysterie", "subject_type": "thing"}, "subject")
    check("unknown-type-is-entity", thing is not None and (thing, RDF.type, FEIT.Entity) in g and
          str(thing).startswith("https://feit.example/id/thing/"), "node %r" % thing)


def cmd_jsonld(context, fixture):
    with open(context, encoding="utf-8") as f:
        ctx = json.load(f)
    recs = records(fixture)
    for i, r in enumerate(recs):
        doc = dict(r)
        doc["@context"] = ctx["@context"]
        g = rdflib.Graph()
        g.parse(data=json.dumps(doc), format="json-ld")
        nodes = set(g.subjects(RDF.predicate, FEIT[r["predicate"]]))
        name = "jsonld-record-%d(%s %s)" % (i, r["subject"][:12], r["predicate"])
        if len(nodes) != 1:
            check(name, False, "%d fact nodes" % len(nodes))
            continue
        f = nodes.pop()
        problems = []
        for side, prop in (("subject", RDF.subject), ("object", RDF.object)):
            kb = r.get(side + "_kb")
            if kb and g.value(f, prop) != WD[kb]:
                problems.append("%s %r" % (prop, g.value(f, prop)))
            lab = g.value(f, FEIT[side + "Label"])
            if lab != Literal(r[side], lang="nl"):
                problems.append("%sLabel %r" % (side, lab))
        if g.value(f, FEIT.evidence) != Literal(r["evidence"], lang="nl"):
            problems.append("evidence")
        conf = g.value(f, FEIT.confidence)
        if conf is None or conf.datatype != XSD.double or abs(float(conf) - r["confidence"]) > 1e-9:
            problems.append("confidence %r" % conf)
        if g.value(f, FEIT.sentence) is None or g.value(f, FEIT.sentence).toPython() != r["sentence"]:
            problems.append("sentence")
        if str(g.value(f, FEIT.docId)) != r["doc"]:
            problems.append("doc")
        if "wikidata" in r and g.value(f, FEIT.wikidataProperty) != WD[r["wikidata"]]:
            problems.append("wikidata")
        check(name, not problems, ", ".join(problems))
    # the example of SPEC: (Rusland samenwerking Iran) reads as the same reified triple as the N-Triples export
    first = [r for r in recs if r["predicate"] == "samenwerking" and r.get("subject_kb") == "Q159"][0]
    doc = dict(first)
    doc["@context"] = ctx["@context"]
    g = rdflib.Graph()
    g.parse(data=json.dumps(doc), format="json-ld")
    q = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
           SELECT ?s ?p ?o WHERE { ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"""
    rows = [(r.s, r.p, r.o) for r in g.query(q)]
    check("jsonld-sparql-reified-triple", rows == [(WD.Q159, FEIT.samenwerking, WD.Q794)], "rows %r" % rows)
    # a documents record: the triples list reads as facts of the document
    docrec = {"doc": "p02", "sentences": 2, "meta": {"title": "Test"}, "datelines": [], "entities": [],
              "triples": [first], "@context": ctx["@context"]}
    g = rdflib.Graph()
    g.parse(data=json.dumps(docrec), format="json-ld")
    facts = list(g.objects(None, FEIT.fact))
    check("jsonld-documents-record", len(facts) == 1 and (facts[0], RDF.subject, WD.Q159) in g,
          "facts %r" % facts)


def cmd_extract(nq, triples):
    """The export of real `feit extract` output: every record became a statement in its document's
    graph, and SPARQL over labels finds Iran as Rusland's partner in samenwerking."""
    recs = records(triples)
    ds = rdflib.Dataset()
    ds.parse(nq, format="nquads")
    stmts = {q[0] for q in ds.quads((None, RDF.type, RDF.Statement, None))}
    check("extract-statements", len(stmts) == len(recs) or len(stmts) == len({json.dumps(r, sort_keys=True) for r in recs}),
          "%d statements for %d records" % (len(stmts), len(recs)))
    g = rdflib.Graph()
    for q in ds.quads((None, None, None, None)):
        g.add(q[:3])
    names = rusland_partners(g)
    check("extract-sparql-rusland-samenwerking-iran", "Iran" in names, "answer %r" % names)


if __name__ == "__main__":
    import rdflib.compare  # noqa: F401  (isomorphism for the N-Quads check)

    cmds = {"rdf": cmd_rdf, "odd": cmd_odd, "jsonld": cmd_jsonld, "extract": cmd_extract}
    run(sys.argv[1], cmds[sys.argv[1]], sys.argv[2:])
