#!/bin/sh
# feit export: bad input lines are reported as file:line and skipped (exit 1) while the good ones
# are exported; usage errors exit 2; --base changes the project IRIs; input is streamed.
fx=tests/export
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }

"$FEIT" export --format ntriples "$fx/bad.jsonl" >"$tmp/bad.nt" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && ok bad-lines-exit-1 || no bad-lines-exit-1 "exit $rc"
for where in 'bad.jsonl:1: not JSON' 'bad.jsonl:2: missing field "subject"' \
    'bad.jsonl:5: triple 0: field "sentence"' 'bad.jsonl:6: record is not a JSON object' \
    'bad.jsonl:7: field "confidence" must be a number'; do
    grep -qF "$where" "$tmp/err" && ok "reported($where)" || no "reported($where)" "not on stderr: $(tr '\n' '|' <"$tmp/err")"
done
n=$(grep -c 'skipped$' "$tmp/err")
[ "$n" -eq 5 ] && ok five-skips-reported || no five-skips-reported "$n skip lines"
# the two good facts (line 3, and the second triple of the documents record on line 5) survive
if command -v rapper >/dev/null && rapper -i ntriples -c "$tmp/bad.nt" >"$tmp/r" 2>&1 && ! grep -q Error "$tmp/r"; then
    ok bad-input-output-parses
else
    no bad-input-output-parses "$(grep -E 'Error|Warning' "$tmp/r" | head -2)"
fi
n=$(grep -c '#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> \.$' "$tmp/bad.nt")
[ "$n" -eq 2 ] && ok good-lines-exported || no good-lines-exported "$n statements, want 2"

usage() { # NAME ARGS...: must exit 2
    name=$1; shift
    "$FEIT" export "$@" </dev/null >/dev/null 2>"$tmp/uerr"; rc=$?
    [ "$rc" -eq 2 ] && [ -s "$tmp/uerr" ] && ok "$name" || no "$name" "exit $rc, stderr '$(head -1 "$tmp/uerr")'"
}
usage usage-unknown-format --format xml "$fx/triples.jsonl"
usage usage-unknown-option --frobnicate "$fx/triples.jsonl"
usage usage-neo4j-needs-dir --format neo4j "$fx/triples.jsonl"
usage usage-missing-value --format
usage usage-bad-base --base 'not an iri' "$fx/triples.jsonl"
usage missing-input-file "$tmp/no-such-file.jsonl"
"$FEIT" export --help >"$tmp/help" 2>&1 && grep -q ntriples "$tmp/help" && ok help || no help "no usage text"

"$FEIT" export --base 'http://example.org/kg/' "$fx/triples.jsonl" >"$tmp/base.nt" 2>/dev/null
if rapper -i ntriples -c "$tmp/base.nt" >"$tmp/r" 2>&1 && ! grep -q Error "$tmp/r" &&
    grep -q '^<http://example.org/kg/id/city/Bandar%20Abbas> ' "$tmp/base.nt" &&
    ! grep -q 'feit\.example' "$tmp/base.nt"; then
    ok custom-base-iri
else
    no custom-base-iri "base IRI not applied or output invalid"
fi

# entity records are not facts: said so
printf '%s\n' '{"canonical":"Rusland","doc":"d","end":7,"form":"name","kb":"Q159","sentence":0,"source":"gazetteer","start":0,"text":"Rusland","type":"country"}' >"$tmp/ent.jsonl"
"$FEIT" export "$tmp/ent.jsonl" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q 'ent.jsonl:1: an entity record' "$tmp/err" && ok entity-record-explained ||
    no entity-record-explained "exit $rc: $(head -1 "$tmp/err")"
# a NUL byte makes its line bad (reported), not a silently shorter line
printf '\000\000{"x":1}\n' >"$tmp/nul.jsonl"; head -n 3 "$fx/triples.jsonl" | tail -n 1 >>"$tmp/nul.jsonl"
"$FEIT" export --format csv "$tmp/nul.jsonl" >"$tmp/nul.csv" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q 'nul.jsonl:1: NUL byte' "$tmp/err" && [ "$(wc -l <"$tmp/nul.csv")" -eq 2 ] &&
    ok nul-byte-line-reported || no nul-byte-line-reported "exit $rc: $(head -1 "$tmp/err")"
# a truncated .gz is a read error (exit 2), reported with the file
gzip -c "$fx/triples.jsonl" | head -c 700 >"$tmp/cut.jsonl.gz"
"$FEIT" export "$tmp/cut.jsonl.gz" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q 'cut.jsonl.gz:[0-9]*: read error' "$tmp/err" && ok truncated-gzip ||
    no truncated-gzip "exit $rc: $(tr '\n' '|' <"$tmp/err")"

# streaming: 60 MB of input through a 40 MB address space (ASan needs a huge one: not there)
if [ -z "$ASAN_OPTIONS" ]; then
    line=$(head -n 1 "$fx/triples.jsonl")
    n=$(yes "$line" | head -n 200000 | (ulimit -v 40000 && "$FEIT" export --format csv) 2>"$tmp/serr" | wc -l)
    [ "$n" -eq 200001 ] && ok streaming-bounded-memory || no streaming-bounded-memory "$n lines out: $(head -1 "$tmp/serr")"
fi
exit 0
