# Time status and date of facts in every export: RDF (feit:time, feit:date as xsd:date on the
# statement node, parsed by rdflib), Neo4j relationships and flat CSV (columns time, date,
# parsed by Python's csv); a former fact is another statement than the current one.
. tests/patho/lib.sh
cat >"$T/in.jsonl" <<'JSON'
{"doc":"d1","date":"2024-05-01","subject":"Jan Peters","subject_type":"person","predicate":"trainer","object":"FC Groningen","object_type":"organisation","sentence":0,"confidence":0.8,"evidence":"Oud-trainer Jan Peters van FC Groningen.","rule":"r","time":"former"}
{"doc":"d1","date":"2024-05-01","subject":"Jan Peters","subject_type":"person","predicate":"trainer","object":"FC Groningen","object_type":"organisation","sentence":1,"confidence":0.8,"evidence":"Trainer Jan Peters van FC Groningen.","rule":"r","time":"current"}
JSON
"$FEIT" export --format ntriples -o "$T/out.nt" "$T/in.jsonl"
ok rdf-export-runs test -s "$T/out.nt"
PY=python3 # Debian's python3-rdflib lives in the system python
for p in /usr/bin/python3 python3; do "$p" -c 'import rdflib' 2>/dev/null && { PY=$p; break; }; done
if r=$($PY - "$T/out.nt" <<'PY' 2>&1
import sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
F = rdflib.Namespace("https://feit.example/ns#")
times = sorted(str(o) for o in g.objects(None, F.time))
dates = {(str(o), str(o.datatype)) for o in g.objects(None, F.date)}
assert times == ["current", "former"], times
assert dates == {("2024-05-01", "http://www.w3.org/2001/XMLSchema#date")}, dates
print("ok")
PY
); then pass "rdf-time-and-date"; else fail "rdf-time-and-date" "$r"; fi
mkdir -p "$T/neo"
"$FEIT" export --format neo4j -o "$T/neo" "$T/in.jsonl"
"$FEIT" export --format csv -o "$T/out.csv" "$T/in.jsonl"
if r=$(python3 - "$T/neo/relationships.csv" "$T/out.csv" <<'PY' 2>&1
import csv, sys
rels = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert [(r["time"], r["date"]) for r in rels] == [("former", "2024-05-01"), ("current", "2024-05-01")], rels
flat = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
assert [(r["time"], r["date"]) for r in flat] == [("former", "2024-05-01"), ("current", "2024-05-01")], flat
print("ok")
PY
); then pass "csv-time-and-date"; else fail "csv-time-and-date" "$r"; fi
