#!/bin/sh
# feit export --format ntriples|nquads: rapper (raptor2-utils) parses the output with zero errors,
# rdflib (python3-rdflib) loads it, answers SPARQL over labels and finds every fact with its
# provenance; output is deterministic and the same for file, stdin, gzip and documents input.
fx=tests/export
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }

# rapper NAME SYNTAX FILE: parses with no error or warning and reads one statement per line
rapper_check() {
    if ! command -v rapper >/dev/null; then no "$1" "rapper not installed (Debian raptor2-utils)"; return; fi
    rapper -i "$2" -c "$3" >"$tmp/rapper.out" 2>&1; rc=$?
    n=$(sed -n 's/.*Parsing returned \([0-9]*\) triples.*/\1/p' "$tmp/rapper.out")
    lines=$(wc -l <"$3")
    if [ "$rc" -ne 0 ] || grep -qE 'Error|Warning' "$tmp/rapper.out"; then
        no "$1" "rapper exit $rc: $(grep -E 'Error|Warning' "$tmp/rapper.out" | head -3 | tr '\n' ' ')"
    elif [ "$n" != "$lines" ] || [ "$lines" -eq 0 ]; then
        no "$1" "rapper read '$n' statements from $lines lines"
    else
        ok "$1"
    fi
}

run() { # NAME EXPECTED-STATUS OUTFILE ARGS...: runs feit export, checks its exit status
    name=$1 want=$2 outf=$3; shift 3
    "$FEIT" export "$@" >"$outf" 2>"$tmp/err"; rc=$?
    [ "$rc" -eq "$want" ] && ok "$name" || no "$name" "exit $rc, want $want: $(head -3 "$tmp/err" | tr '\n' ' ')"
}

run export-ntriples 0 "$tmp/t.nt" --format ntriples "$fx/triples.jsonl"
run export-nquads 0 "$tmp/t.nq" --format nquads "$fx/triples.jsonl"
run export-odd-ntriples 0 "$tmp/odd.nt" "$fx/odd-names.jsonl"
run export-odd-nquads 0 "$tmp/odd.nq" --format=nquads "$fx/odd-names.jsonl"
rapper_check rapper-ntriples ntriples "$tmp/t.nt"
rapper_check rapper-nquads nquads "$tmp/t.nq"
rapper_check rapper-odd-names-ntriples ntriples "$tmp/odd.nt"
rapper_check rapper-odd-names-nquads nquads "$tmp/odd.nq"

# deterministic, and the same whatever the input's packaging
"$FEIT" export "$fx/triples.jsonl" >"$tmp/again.nt" 2>/dev/null
cmp -s "$tmp/t.nt" "$tmp/again.nt" && ok deterministic || no deterministic "two runs differ"
"$FEIT" export - <"$fx/triples.jsonl" >"$tmp/stdin.nt" 2>/dev/null
cmp -s "$tmp/t.nt" "$tmp/stdin.nt" && ok stdin-input || no stdin-input "stdin output differs from file output"
gzip -c "$fx/triples.jsonl" >"$tmp/t.jsonl.gz"
"$FEIT" export "$tmp/t.jsonl.gz" >"$tmp/gz.nt" 2>/dev/null
cmp -s "$tmp/t.nt" "$tmp/gz.nt" && ok gzip-input || no gzip-input "gzip output differs from file output"
"$FEIT" export "$fx/documents.jsonl" >"$tmp/docs.nt" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 0 ] && cmp -s "$tmp/t.nt" "$tmp/docs.nt" && ok documents-input ||
    no documents-input "exit $rc or output differs from the triples records' export"

# each entity's label and type once per run, even though Rusland is in four facts
n=$(grep -c '^<http://www.wikidata.org/entity/Q159> <http://www.w3.org/2000/01/rdf-schema#label> ' "$tmp/t.nt")
[ "$n" -eq 1 ] && ok label-once || no label-once "Rusland labelled $n times"

PY=
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import rdflib' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
    no rdflib "no python3 with rdflib (Debian python3-rdflib)"
    exit 1
fi
"$PY" "$fx/check.py" rdf "$tmp/t.nt" "$tmp/t.nq" "$fx/triples.jsonl"
"$PY" "$fx/check.py" odd "$tmp/odd.nt" "$fx/odd-names.jsonl"
exit 0
