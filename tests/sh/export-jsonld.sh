#!/bin/sh
# models/feit-context.jsonld: each triples record of `feit extract`, read with this @context by
# rdflib's JSON-LD parser, is an rdf:Statement-shaped node with the Wikidata subject and object,
# the feit: predicate and the provenance as in the N-Triples export.
fx=tests/export
PY=
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import rdflib' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "FAIL jsonld: no python3 with rdflib (Debian python3-rdflib)"; exit 1; }
"$PY" "$fx/check.py" jsonld models/feit-context.jsonld "$fx/triples.jsonl"
exit 0
