# index-extract.sh — the real pipeline into the index: `$FEIT extract --emit documents` on a
# short news text written for this test (tests/index/article.jsonl, with date and title), then
# `feit index` and `feit query` must give the answers a journalist expects. If extract finds
# nothing, the checks FAIL (they are not skipped).
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
ok() { echo "PASS $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else echo "FAIL $name: check failed: $*"; fi; }
row() { grep -Eq -- "^$2 {2,}$3 {2,}$4 {2,}" "$1"; }
db=$t/facts.db

"$FEIT" extract --emit documents tests/index/article.jsonl >"$t/docs.jsonl" 2>"$t/extract.err"; rc=$?
check "extract exits 0" [ "$rc" -eq 0 ]
check "extract emits both documents" [ "$(grep -c '^{' "$t/docs.jsonl")" -eq 2 ]
"$FEIT" index -d "$db" "$t/docs.jsonl" 2>"$t/index.err"; rc=$?
check "index of extract output exits 0" [ "$rc" -eq 0 ]
check "index loaded both documents" grep -q "2 documents loaded, 0 lines skipped" "$t/index.err"

"$FEIT" query -d "$db" Poetin >"$t/q1" 2>&1
# The Wikidata id shown is the gazetteer's (kb=, from a sourced table; none when unsourced).
kb=$(grep -P '^Vladimir Poetin\tperson\t' gazetteers/people.tsv | grep -o 'kb=Q[0-9]*' | cut -d= -f2)
check "Poetin is Vladimir Poetin" grep -q "^Vladimir Poetin (person${kb:+, $kb})" "$t/q1"
check "Poetin: president -> Rusland" row "$t/q1" "Vladimir Poetin" president Rusland
check "Poetin: overleg with Masoud Pezeshkian" row "$t/q1" "Vladimir Poetin" overleg "Masoud Pezeshkian"

"$FEIT" query -d "$db" Rusland >"$t/q2" 2>&1
kb=$(grep -P '^Rusland\tcountry\t' gazetteers/countries.tsv | grep -o 'kb=Q[0-9]*' | cut -d= -f2)
check "Rusland shows its Wikidata id" grep -q "^Rusland (country, ${kb:-no kb= in countries.tsv})" "$t/q2"
"$FEIT" query -d "$db" --json --between Rusland Iran >"$t/b" 2>&1
check "--between Rusland Iran: samenwerking" python3 - "$t/b" <<'PY'
import json, sys
got = {(r["subject"], r["predicate"], r["object"]) for r in map(json.loads, open(sys.argv[1]))}
assert ("Rusland", "samenwerking", "Iran") in got, got
r = [json.loads(l) for l in open(sys.argv[1])][0]
assert r["doc"] == "test-poetin-1" and r["date"] == "2024-10-11" and r["title"].startswith("Poetin ontmoet")
assert "samenwerken" in r["evidence"]
PY
"$FEIT" query -d "$db" --predicate sancties >"$t/p" 2>&1
check "--predicate sancties" row "$t/p" "Europese Unie" sancties Rusland
"$FEIT" query -d "$db" --from 2025-01-01 --to 2025-12-31 Rusland >"$t/d" 2>&1
check "date range from meta.date: 2025 keeps the sanctions" row "$t/d" "Europese Unie" sancties Rusland
check "date range from meta.date: 2025 drops the 2024 article" sh -c "! grep -q samenwerking '$t/d'"

"$FEIT" index -d "$db" "$t/docs.jsonl" 2>"$t/index2.err"
check "re-index of extract output: same counts" sh -c \
    "[ \"\$(sed 's/.*index holds//' '$t/index.err')\" = \"\$(sed 's/.*index holds//' '$t/index2.err')\" ]"

# the pipe: extract straight into index through stdin
"$FEIT" extract --emit documents tests/index/article.jsonl 2>/dev/null | "$FEIT" index -d "$t/pipe.db" - 2>/dev/null; rc=$?
check "extract | index -" [ "$rc" -eq 0 ]
"$FEIT" query -d "$t/pipe.db" --top Poetin >"$t/top" 2>&1
check "--top Poetin after the pipe" grep -Eq "^Masoud Pezeshkian +person +(Q[0-9]+ +)?[0-9]+ +[0-9]+ +.*overleg" "$t/top"
exit 0
