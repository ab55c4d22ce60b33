# index-query.sh — `feit index` and `feit query` on the hand-written fixture
# tests/index/docs.jsonl (SPEC `documents` records: five short Dutch news items).
# Prints PASS/FAIL lines; needs $FEIT and python3 (to read JSON output).
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
fix=tests/index/docs.jsonl
db=$t/facts.db

ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }
# check NAME CMD...: PASS when the command succeeds
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name" "check failed: $*"; fi; }
has() { grep -q -- "$2" "$1"; }
hasn() { ! grep -q -- "$2" "$1"; }
# a table row with these cells in this order (columns are separated by two or more spaces)
row() { grep -Eq -- "^$2 {2,}$3 {2,}$4 {2,}" "$1"; }

# ---- indexing --------------------------------------------------------------------------
"$FEIT" index -d "$db" "$fix" 2>"$t/idx1.err"; rc=$?
check "index exits 0" [ "$rc" -eq 0 ]
check "index reports counts" grep -q "5 documents loaded, 0 lines skipped; index holds 5 documents, 17 entities, 22 names, 34 mentions, 14 facts" "$t/idx1.err"

# ---- an entity by a name seen in the text ---------------------------------------------
"$FEIT" query -d "$db" Poetin >"$t/q1" 2>"$t/q1.err"; rc=$?
check "query Poetin exits 0" [ "$rc" -eq 0 ]
check "Poetin is taken to mean Vladimir Poetin" grep -q "^Vladimir Poetin (person, Q7747): 4 facts, 2 documents; also written Poetin" "$t/q1"
check "Poetin: president -> Rusland" row "$t/q1" "Vladimir Poetin" president Rusland
check "Poetin: overleg with Masoud Pezeshkian" row "$t/q1" "Vladimir Poetin" overleg "Masoud Pezeshkian"
check "Poetin: facts where he is the object" row "$t/q1" "Masoud Pezeshkian" overleg "Vladimir Poetin"
check "Poetin: evidence and document shown" grep -q "anp-2024-10-11-poetin  MOSKOU (ANP) - De Russische president Vladimir Poetin" "$t/q1"
check "Poetin: not the unrelated facts" hasn "$t/q1" "sancties"

# other ways to name him: case, canonical name, last word, Wikidata id
for term in POETIN "vladimir poetin" Q7747; do
    "$FEIT" query -d "$db" "$term" >"$t/q2" 2>&1
    check "query '$term' finds Vladimir Poetin" row "$t/q2" "Vladimir Poetin" president Rusland
done
"$FEIT" query -d "$db" oekraine >"$t/q3" 2>&1
check "accent-insensitive: oekraine finds Oekraïne" row "$t/q3" Rusland overleg "Oekraïne"
"$FEIT" query -d "$db" Russische >"$t/q3" 2>&1
check "adjective mention text finds Rusland" grep -q "^Rusland (country, Q159)" "$t/q3"

# a first name finds the entity only when no name matches exactly
"$FEIT" query -d "$db" vladimir >"$t/q5" 2>&1
check "a word of the canonical name as a fallback" row "$t/q5" "Vladimir Poetin" president Rusland
"$FEIT" query -d "$db" Unie >"$t/q5" 2>&1
check "fallback: Unie finds Europese Unie" grep -q "^Europese Unie (organisation, Q458)" "$t/q5"
"$FEIT" query -d "$db" "Poet" >"$t/q5" 2>&1; rc=$?
check "no prefix matching: Poet finds nothing" [ "$rc" -eq 1 ]

# UTF-8 aware column widths: every row's PREDICATE cell starts in the header's column
"$FEIT" query -d "$db" Rusland >"$t/q4" 2>&1
check "aligned table with multi-byte names" python3 - "$t/q4" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(n for n, l in enumerate(lines) if l.startswith("SUBJECT"))
rows = [l for l in lines[i:] if l]
col = rows[0].index("PREDICATE")
assert any("Oekraïne" in r for r in rows), rows
for r in rows:
    assert r[col - 2:col] == "  " and r[col] != " ", r
EOF

# long document ids are cut at the front; a DATE column with no dates is left out
printf '%s\n' '{"doc":"archief/2019/buitenland/nieuwsbrief/week-47/artikel-0001.txt","meta":{},"sentences":1,"entities":[],"triples":[{"subject":"Ankara","subject_type":"city","predicate":"hoofdstad_van","object":"Turkije","object_type":"country","evidence":"Ankara is de hoofdstad van Turkije.","sentence":0,"confidence":0.9}]}' >"$t/long.jsonl"
"$FEIT" index -q -d "$t/long.db" "$t/long.jsonl"
"$FEIT" query -d "$t/long.db" Ankara >"$t/long.out" 2>&1
check "long id cut at the front" grep -q "  …[^ ]*/week-47/artikel-0001.txt  Ankara is de hoofdstad" "$t/long.out"
check "no DATE column without dates" grep -Eq "^SUBJECT +PREDICATE +OBJECT +N +CONF +DOC +EVIDENCE$" "$t/long.out"
check "DATE column with dates" grep -Eq "^SUBJECT +PREDICATE +OBJECT +N +CONF +DATE +DOC +EVIDENCE$" "$t/q1"

# ---- JSON Lines ------------------------------------------------------------------------
"$FEIT" query -d "$db" --json Poetin >"$t/j1" 2>"$t/j1.err"
check "--json fields" python3 - "$t/j1" <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) == 4, len(recs)
for r in recs:
    for k in ("subject", "predicate", "object", "evidence", "doc", "confidence", "count"):
        assert k in r, (k, r)
    assert isinstance(r["confidence"], float) and isinstance(r["count"], int)
p = [r for r in recs if r["predicate"] == "president"]
assert len(p) == 1 and p[0]["subject"] == "Vladimir Poetin" and p[0]["object"] == "Rusland"
assert p[0]["doc"] == "anp-2024-10-11-poetin" and p[0]["confidence"] == 0.9
assert p[0]["evidence"].startswith("MOSKOU (ANP) - De Russische president Vladimir Poetin")
assert p[0]["subject_kb"] == "Q7747" and p[0]["wikidata"] == "P35"
EOF
check "--json keys are sorted, one object per line" python3 - "$t/j1" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    keys = list(json.loads(l).keys())
    assert keys == sorted(keys), keys
EOF

# ---- between, predicate, dates, text, top ---------------------------------------------
"$FEIT" query -d "$db" --json --between Rusland Iran >"$t/b" 2>&1
check "--between Rusland Iran: the three facts, both directions" python3 - "$t/b" <<'EOF'
import json, sys
got = sorted((r["subject"], r["predicate"], r["object"]) for r in map(json.loads, open(sys.argv[1])))
assert got == [("Iran", "levering", "Rusland"), ("Iran", "steun", "Rusland"),
               ("Rusland", "samenwerking", "Iran")], got
EOF
"$FEIT" query -d "$db" --between Poetin Pezeshkian >"$t/b2" 2>&1
check "--between by short names" row "$t/b2" "Vladimir Poetin" overleg "Masoud Pezeshkian"
check "--between leaves out other partners" hasn "$t/b2" "Rusland  "

"$FEIT" query -d "$db" --json --predicate sancties >"$t/p" 2>&1
check "--predicate sancties" python3 - "$t/p" <<'EOF'
import json, sys
got = [(r["subject"], r["predicate"], r["object"], r["doc"]) for r in map(json.loads, open(sys.argv[1]))]
assert got == [("Europese Unie", "sancties", "Rusland", "anp-2024-03-02-sancties")], got
EOF
"$FEIT" query -d "$db" --predicate overleg Rusland >"$t/p2" 2>&1
check "--predicate with a term" row "$t/p2" Rusland overleg "Oekraïne"
check "--predicate with a term: only that predicate" hasn "$t/p2" "samenwerking"

"$FEIT" query -d "$db" --json --from 2024-01-01 --to 2024-12-31 Poetin >"$t/d1" 2>&1
check "date range keeps dated 2024 facts, drops undated" python3 - "$t/d1" <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert {r["predicate"] for r in recs} == {"president", "overleg"}, recs
assert all(r["date"] == "2024-10-11" for r in recs)
EOF
"$FEIT" query -d "$db" --from 2024-03-02 --to 2024-03-02 --predicate sancties >"$t/d2" 2>&1
check "date range is inclusive; a datetime meta.date counts by its day" row "$t/d2" "Europese Unie" sancties Rusland
"$FEIT" query -d "$db" --from 2025-01-01 Poetin >"$t/d3" 2>"$t/d3.err"; rc=$?
check "no facts in range: exit 1, no rows" [ "$rc" -eq 1 ] && check "no facts in range: empty table" hasn "$t/d3" "SUBJECT"
"$FEIT" query -d "$db" --from 2024-13 Poetin >/dev/null 2>&1; rc=$?
check "bad date is a usage error" [ "$rc" -eq 2 ]

"$FEIT" query -d "$db" --json --text gas >"$t/x1" 2>&1
check "--text gas (FTS5 over evidence)" python3 - "$t/x1" <<'EOF'
import json, sys
got = sorted((r["subject"], r["predicate"], r["object"]) for r in map(json.loads, open(sys.argv[1])))
assert got == [("Nederland", "overeenkomst", "Noorwegen"), ("Noorwegen", "levering", "Nederland"),
               ("Rusland", "samenwerking", "Iran")], got
EOF
"$FEIT" query -d "$db" --text "Geneve krijgsgevangenen" >"$t/x2" 2>&1
check "--text: all words, diacritics ignored" row "$t/x2" Rusland overleg "Oekraïne"

"$FEIT" query -d "$db" --text krijgsgevangenen >"$t/x3" 2>&1
check "--text: the snippet starts near the match" grep -q "anp-2024-05-20-oekraine  …over de uitwisseling van krijgsgevangenen.$" "$t/x3"

"$FEIT" query -d "$db" --json --top Rusland >"$t/top" 2>&1
check "--top Rusland with counts" python3 - "$t/top" <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert recs[0] == {"documents": 2, "entity": "Iran", "facts": 3, "kb": "Q794",
                   "predicates": ["levering", "samenwerking", "steun"], "type": "country"}, recs[0]
assert {r["entity"] for r in recs} == {"Iran", "Europese Unie", "Oekraïne", "Vladimir Poetin"}
EOF
"$FEIT" query -d "$db" --top Poetin >"$t/top2" 2>&1
check "--top table" grep -Eq "^Masoud Pezeshkian +person +2 +1 +overleg$" "$t/top2"

# ---- hostile input: quotes and SQL/FTS syntax change nothing -------------------------------
for term in "Poetin' OR 1=1 --" '"' "Poetin\" OR \"1\"=\"1" "%" "*"; do
    "$FEIT" query -d "$db" "$term" >"$t/inj" 2>"$t/inj.err"; rc=$?
    check "term [$term]: no rows, exit 1" [ "$rc" -eq 1 ] && check "term [$term]: no output, no SQL error" \
        sh -c "[ ! -s '$t/inj' ] && grep -q 'no entity is known' '$t/inj.err' && ! grep -qi 'sql\|syntax' '$t/inj.err'"
done
for text in '"' 'gas"' 'gas OR' 'NEAR(gas' '*' "gas' OR 1=1 --" ':-)' '""'; do
    "$FEIT" query -d "$db" --text "$text" >"$t/inj" 2>"$t/inj.err"; rc=$?
    check "--text [$text]: no error" sh -c "[ $rc -le 1 ] && ! grep -qi 'sql\|syntax\|fts' '$t/inj.err'"
done
"$FEIT" query -d "$db" --text 'gas"' >"$t/inj" 2>&1
check "--text with a stray quote still searches its word" row "$t/inj" Rusland samenwerking Iran
"$FEIT" query -d "$db" --predicate "x' OR '1'='1" >"$t/inj" 2>"$t/inj.err"; rc=$?
check "--predicate injection: an unknown predicate (usage error)" [ "$rc" -eq 2 ] && check "--predicate injection: empty output" [ ! -s "$t/inj" ]
"$FEIT" query -d "$db" --between "Rusland' --" "Iran" >"$t/inj" 2>"$t/inj.err"; rc=$?
check "--between injection: nothing" [ "$rc" -eq 1 ]

# ---- idempotent re-index and replacement ---------------------------------------------------
"$FEIT" query -d "$db" --json Rusland >"$t/before" 2>&1
"$FEIT" index -d "$db" "$fix" 2>"$t/idx2.err"; rc=$?
check "re-index exits 0" [ "$rc" -eq 0 ]
check "re-index gives the same counts" grep -q "index holds 5 documents, 17 entities, 22 names, 34 mentions, 14 facts" "$t/idx2.err"
"$FEIT" query -d "$db" --json Rusland >"$t/after" 2>&1
check "re-index gives the same answers" cmp -s "$t/before" "$t/after"

# the same document id with other content replaces the old version (read from stdin)
python3 - "$fix" >"$t/new.jsonl" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)
    if d["doc"] == "anp-2024-03-02-sancties":
        d["triples"] = [t for t in d["triples"] if t["predicate"] != "sancties"]
        d["meta"]["title"] = "Bijgewerkt"
        print(json.dumps(d, ensure_ascii=False, sort_keys=True))
EOF
"$FEIT" index -d "$db" - <"$t/new.jsonl" 2>"$t/idx3.err"; rc=$?
check "index from stdin" [ "$rc" -eq 0 ]
check "replaced document: counts" grep -q "1 documents loaded, 0 lines skipped; index holds 5 documents, 17 entities, 22 names, 34 mentions, 13 facts" "$t/idx3.err"
"$FEIT" query -d "$db" --predicate sancties >"$t/r" 2>&1; rc=$?
check "replaced document: its old fact is gone" [ "$rc" -eq 1 ]
"$FEIT" query -d "$db" --json --between Iran Rusland >"$t/r" 2>&1
check "replaced document: its other facts stay, with the new title" grep -q '"title":"Bijgewerkt"' "$t/r"

# gzip-compressed input is read as is
gzip -c "$fix" >"$t/docs.jsonl.gz"
"$FEIT" index -d "$t/gz.db" "$t/docs.jsonl.gz" 2>"$t/gz.err"; rc=$?
check "gzip input" sh -c "[ $rc -eq 0 ] && grep -q 'index holds 5 documents, 17 entities, 22 names, 34 mentions, 14 facts' '$t/gz.err'"

# a truncated gzip file: the whole lines before the cut are kept, the cut is an error (exit 2)
head -c 2000 "$t/docs.jsonl.gz" >"$t/cut.jsonl.gz"
"$FEIT" index -d "$t/cut.db" "$t/cut.jsonl.gz" 2>"$t/cut.err"; rc=$?
check "truncated gzip: exit 2, reported with file:line" sh -c "[ $rc -eq 2 ] && grep -q 'cut.jsonl.gz:[0-9]*: read error: unexpected end of compressed data' '$t/cut.err'"
check "truncated gzip: earlier documents kept" grep -q "\([1-4]\) documents loaded, .*index holds \1 documents" "$t/cut.err"

# ---- bad lines and usage errors ----------------------------------------------------------
{ head -n 1 "$fix"; echo '{"doc": "kapot", "triples": [{"subject": "A"}'; echo '[1,2]';
  echo '{"doc":"halve","entities":[{"canonical":"X","type":"person"}],"triples":[{"subject":"X"}]}';
  sed -n 3p "$fix"; } >"$t/bad.jsonl"
db2=$t/bad.db
"$FEIT" index -d "$db2" "$t/bad.jsonl" 2>"$t/bad.err"; rc=$?
check "bad lines: exit 1" [ "$rc" -eq 1 ]
check "bad JSON reported with file:line" grep -q "bad.jsonl:2: invalid JSON" "$t/bad.err"
check "non-object reported with file:line" grep -q "bad.jsonl:3: not a JSON object" "$t/bad.err"
check "bad triple reported with file:line" grep -q "bad.jsonl:4: bad triple record" "$t/bad.err"
check "good lines around bad ones are loaded" grep -q "2 documents loaded, 3 lines skipped; index holds 2 documents" "$t/bad.err"
"$FEIT" query -d "$db2" X >/dev/null 2>&1; rc=$?
check "a skipped document leaves nothing behind" [ "$rc" -eq 1 ]

# pathological lines: invalid UTF-8, a NUL byte, a 4 MB line without spaces
python3 - "$t/odd.jsonl" <<'EOF'
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'{"doc":"utf8","meta":{"title":"\xff\xfe"}}\n')
    f.write(b'{"doc":"nul\x00","meta":{}}\n')
    f.write(b'{"doc":"lang","entities":[],"meta":{"title":"' + b"x" * (4 << 20) + b'"},"triples":[]}\n')
EOF
"$FEIT" index -d "$t/odd.db" "$t/odd.jsonl" 2>"$t/odd.err"; rc=$?
check "invalid UTF-8 line skipped with file:line" sh -c "[ $rc -eq 1 ] && grep -q 'odd.jsonl:1: invalid JSON' '$t/odd.err'"
check "NUL byte line skipped with file:line" grep -q "odd.jsonl:2: invalid JSON" "$t/odd.err"
check "a 4 MB line is loaded" grep -q "1 documents loaded, 2 lines skipped" "$t/odd.err"

"$FEIT" index "$fix" >/dev/null 2>&1; rc=$?
check "index without -d: exit 2" [ "$rc" -eq 2 ]
"$FEIT" index -d "$t/x.db" --bogus "$fix" >/dev/null 2>&1; rc=$?
check "index with a bad option: exit 2" [ "$rc" -eq 2 ]
"$FEIT" index -d "$t/x.db" "$t/missing.jsonl" >/dev/null 2>"$t/m.err"; rc=$?
check "index of a missing file: exit 2 with its name" sh -c "[ $rc -eq 2 ] && grep -q missing.jsonl '$t/m.err'"
"$FEIT" query -d "$db" >/dev/null 2>&1; rc=$?
check "query with nothing to look for: exit 2" [ "$rc" -eq 2 ]
"$FEIT" query -d "$t/nothere.db" Poetin >/dev/null 2>&1; rc=$?
check "query of a missing index: exit 2" [ "$rc" -eq 2 ]
echo "not a database" >"$t/junk.db"
"$FEIT" query -d "$t/junk.db" Poetin >/dev/null 2>&1; rc=$?
check "query of a file that is not an index: exit 2" [ "$rc" -eq 2 ]
exit 0
