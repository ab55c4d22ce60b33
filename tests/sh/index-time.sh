# index-time.sh — time status and date through the fact index: `$FEIT extract` on news texts
# written for this test (tests/index/time-article.jsonl: a designate, two former and several
# current facts; dates from "date", from an ISO "published" and a "published" that is not
# ISO), then `feit index` and `feit query` must give back each triple's `time` and `date`
# exactly as extract wrote them; the --time and --since/--until filters; a bad `time` in a
# record; and a version-1 index (built here from tests/index/schema-v1.sql, no binary checked
# in) read as it is when read-only and upgraded in place by `feit index`.
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
ok() { echo "PASS $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else echo "FAIL $name: check failed: $*"; fi; }
has() { grep -qF -- "$2" "$1"; }
row() { grep -Eq -- "^$2 {2,}$3 {2,}$4 {2,}$5 {2,}" "$1"; }
in=tests/index/time-article.jsonl
db=$t/facts.db

# ---- extract -> index -> query: the same time and date -----------------------------------
"$FEIT" extract "$in" >"$t/triples.jsonl" 2>"$t/x1.err"; rc1=$?
"$FEIT" extract --emit documents "$in" >"$t/docs.jsonl" 2>"$t/x2.err"; rc2=$?
check "extract exits 0" [ "$rc1.$rc2" = 0.0 ]
check "extract finds current, former and designate facts" python3 - "$t/triples.jsonl" <<'PY'
import json, sys
times = {json.loads(l)["time"] for l in open(sys.argv[1])}
assert times == {"current", "former", "designate"}, times
PY
"$FEIT" index -d "$db" "$t/docs.jsonl" 2>"$t/index.err"; rc=$?
check "index exits 0" [ "$rc" -eq 0 ]
check "a new index is not 'upgraded'" sh -c "! grep -q upgraded '$t/index.err'"
for tm in current former designate; do
    "$FEIT" query -d "$db" --json --time $tm >"$t/q-$tm.jsonl" 2>"$t/q-$tm.err"
done
check "--time: each query gives only facts of that status" python3 - "$t" <<'PY'
import json, sys
for tm in ("current", "former", "designate"):
    rows = [json.loads(l) for l in open(f"{sys.argv[1]}/q-{tm}.jsonl")]
    assert rows and all(r["time"] == tm for r in rows), (tm, rows)
PY
check "extract -> index -> query: every triple with the same time and date" python3 - "$t" <<'PY'
import json, sys
t = sys.argv[1]
key = lambda r: (r["doc"], r["subject"], r["predicate"], r["object"], r["evidence"], r["time"], r.get("date"))
want = sorted(key(json.loads(l)) for l in open(f"{t}/triples.jsonl"))
got = sorted(key(json.loads(l)) for tm in ("current", "former", "designate") for l in open(f"{t}/q-{tm}.jsonl"))
assert got == want, (got, want)
# the dates as extract wrote them: a timestamp's day, an ISO "published", a "published" as given
dates = {r[0]: r[6] for r in want}
assert dates == {"test-rutte-navo": "2024-06-26", "test-groningen": "2 mei 2024",
                 "test-oud-minister": "2023-11-02"}, dates
PY

# ---- the table marks what is not current ---------------------------------------------------
"$FEIT" query -d "$db" --predicate trainer >"$t/tr" 2>&1
check "table: TIME column" grep -Eq "^SUBJECT +PREDICATE +OBJECT +TIME +N " "$t/tr"
check "table: former fact marked" row "$t/tr" "Jan Peters" trainer "FC Groningen" former
check "table: current fact not marked" grep -Eq "^Dick Lukkien +trainer +FC Groningen +1 " "$t/tr"
check "table: the date as extract gave it" grep -q "2 mei 2024  test-groningen" "$t/tr"
"$FEIT" query -d "$db" Rutte >"$t/ru" 2>&1
check "table: designate fact marked" row "$t/ru" "Mark Rutte" secretaris-generaal NAVO designate
"$FEIT" query -d "$db" --time designate --json Macron >"$t/none" 2>"$t/none.err"; rc=$?
check "--time with a term: nothing designate about Macron, exit 1" [ "$rc" -eq 1 ]
"$FEIT" query -d "$db" --time former Nederland >"$t/nl" 2>&1
check "--time former with a term" row "$t/nl" "Hugo de Jonge" minister Nederland former
check "--time former with a term: not the current premier" sh -c "! grep -q 'Mark Rutte' '$t/nl'"
"$FEIT" query -d "$db" --time formr Rutte >"$t/bad" 2>&1; rc=$?
check "bad --time: exit 2 naming the values" sh -c "[ $rc -eq 2 ] && grep -q \"bad --time 'formr': current, former or designate\" '$t/bad'"

# ---- --since / --until on the document date --------------------------------------------------
"$FEIT" query -d "$db" --json --since 2024-01-01 --predicate secretaris-generaal >"$t/s1" 2>&1
check "--since 2024-01-01 keeps the 2024 article" grep -q '"doc":"test-rutte-navo"' "$t/s1"
"$FEIT" query -d "$db" --json --until 2023-12-31 Nederland >"$t/s2" 2>&1
check "--until: a document dated by its ISO 'published'" python3 - "$t/s2" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and {r["doc"] for r in rows} == {"test-oud-minister"}, rows
PY
"$FEIT" query -d "$db" --since 2024-05-01 --until 2024-05-31 --predicate trainer >"$t/s3" 2>&1; rc=$?
check "a 'published' that is not a date gives the document no date: left out" [ "$rc" -eq 1 ]
"$FEIT" query -d "$db" --since 2024-06-26 --until 2024-06-26 --time designate >"$t/s4" 2>&1
check "--since/--until and --time combine" row "$t/s4" "Mark Rutte" secretaris-generaal NAVO designate
"$FEIT" query -d "$db" --since 2024-13-01 Rutte >"$t/s5" 2>&1; rc=$?
check "--since with a bad date: exit 2" sh -c "[ $rc -eq 2 ] && grep -q \"'2024-13-01' is not a date\" '$t/s5'"

# ---- a bad time in a record: the line is skipped, with file:line -----------------------------
python3 - "$t/docs.jsonl" "$t/badtime.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
recs[1]["triples"][0]["time"] = "vroeger"
with open(sys.argv[2], "w") as f:
    for r in recs:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
"$FEIT" index -d "$t/bad.db" "$t/badtime.jsonl" 2>"$t/bad.err"; rc=$?
check "bad time: exit 1" [ "$rc" -eq 1 ]
check "bad time: reported with file:line" has "$t/bad.err" 'badtime.jsonl:2: triple 1: "time" is "vroeger", not current, former or designate (line skipped)'
check "bad time: the other documents loaded" has "$t/bad.err" "2 documents loaded, 1 lines skipped"

# ---- a version-1 index ---------------------------------------------------------------------
# built from the frozen schema, holding the facts of tests/index/docs.jsonl (indexed by this
# feit into a version-2 index and copied), and one document dated only by meta.published
"$FEIT" index -q -d "$t/v2.db" tests/index/docs.jsonl
make_v1() {
    python3 - "$1" "$t/v2.db" <<'PY'
import sqlite3, sys
v1 = sqlite3.connect(sys.argv[1])
v1.executescript(open("tests/index/schema-v1.sql").read())
v1.execute("ATTACH ? AS v2", (sys.argv[2],))
for table, cols in [("documents", "id, doc, date, title, url, publisher, meta, datelines, sentences"),
                    ("entities", "id, canonical, type, kb, fold, last_fold"),
                    ("mentions", "id, doc_id, entity_id, text, fold, start, end, sentence, form, source"),
                    ("evidence", "id, doc_id, sentence, text"),
                    ("facts", "id, doc_id, subject_id, predicate, object_id, evidence_id, confidence,"
                              " count, sentence, rule, wikidata, qualifier")]:
    v1.execute(f"INSERT INTO main.{table}({cols}) SELECT {cols} FROM v2.{table}")
v1.execute("""INSERT INTO documents(id, doc, date, meta) VALUES
              (100, 'oud-gepubliceerd', NULL, '{"published":"2022-05-01T10:00:00Z"}')""")
v1.execute("""INSERT INTO facts(doc_id, subject_id, predicate, object_id, confidence)
              SELECT 100, s.id, 'overleg', o.id, 0.5 FROM entities s, entities o
              WHERE s.canonical = 'Rusland' AND o.canonical = 'Iran'""")
v1.commit()
PY
}
make_v1 "$t/v1.db"
check "version-1 index built" python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute(\"SELECT value FROM feit_index WHERE key='schema'\").fetchone() == ('1',)
assert 'time' not in [r[1] for r in c.execute('PRAGMA table_info(facts)')]" "$t/v1.db"
sum_before=$(cat "$t/v1.db" | md5sum)
"$FEIT" query -d "$t/v1.db" --json Poetin >"$t/v1-poetin" 2>"$t/v1-poetin.err"; rc=$?
"$FEIT" query -d "$t/v2.db" --json Poetin >"$t/v2-poetin" 2>/dev/null
check "version 1 read-only: query answers" [ "$rc" -eq 0 ]
check "version 1 read-only: the same facts as version 2" cmp -s "$t/v1-poetin" "$t/v2-poetin"
check "version 1 read-only: no time, the document's date" python3 - "$t/v1-poetin" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and all("time" not in r for r in rows), rows
assert {r.get("date") for r in rows if r["doc"] == "anp-2024-10-11-poetin"} == {"2024-10-11"}, rows
PY
check "version 1 read-only: a note says how to upgrade" has "$t/v1-poetin.err" "an index of schema version 1: its facts have no time status; \`feit index -d $t/v1.db FILE...\` upgrades it"
"$FEIT" query -d "$t/v1.db" --time former Poetin >/dev/null 2>"$t/v1-time.err"; rc=$?
check "version 1 read-only: --time finds nothing, and says why" sh -c "[ $rc -eq 1 ] && grep -q -- '(--time finds nothing)' '$t/v1-time.err'"
"$FEIT" query -d "$t/v1.db" Poetin >"$t/v1-table" 2>/dev/null
check "version 1 read-only: the table has no TIME column" sh -c "! grep -q TIME '$t/v1-table'"
check "version 1 read-only: the file is not changed" [ "$(cat "$t/v1.db" | md5sum)" = "$sum_before" ]

"$FEIT" index -d "$t/v1.db" "$t/docs.jsonl" 2>"$t/up.err"; rc=$?
check "version 1 for writing: upgraded, exit 0" [ "$rc" -eq 0 ]
check "version 1 for writing: says so" has "$t/up.err" "feit index: $t/v1.db: upgraded the index from schema version 1 to 2; the facts it held have no time status until their documents are indexed again"
check "upgraded: schema 2, time and date columns, old facts unknown, new ones known" python3 - "$t/v1.db" "$t/triples.jsonl" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
# the facts extract found in the test documents (their number follows the rules: not written here)
want = sum(1 for line in open(sys.argv[2], encoding="utf-8") if json.loads(line)["doc"].startswith("test-"))
assert c.execute("SELECT value FROM feit_index WHERE key='schema'").fetchone() == ("2",)
cols = [r[1] for r in c.execute("PRAGMA table_info(facts)")]
assert cols[-2:] == ["time", "date"], cols
old = c.execute("SELECT count(*) FROM facts f JOIN documents d ON d.id = f.doc_id"
                " WHERE d.doc NOT LIKE 'test-%' AND f.time IS NULL").fetchone()[0]
new = c.execute("SELECT count(*) FROM facts f JOIN documents d ON d.id = f.doc_id"
                " WHERE d.doc LIKE 'test-%' AND f.time IS NOT NULL").fetchone()[0]
assert old == 15 and new == want and want > 0, (old, new, want)
assert c.execute("SELECT name FROM sqlite_master WHERE name = 'facts_time'").fetchone()
PY
"$FEIT" query -d "$t/v1.db" --json Poetin >"$t/up-poetin" 2>"$t/up-poetin.err"
check "upgraded: the old facts answer as before" cmp -s "$t/up-poetin" "$t/v2-poetin"
check "upgraded: no more note" sh -c "! grep -q 'schema version' '$t/up-poetin.err'"
"$FEIT" query -d "$t/v1.db" --time former --predicate trainer >"$t/up-former" 2>&1
check "upgraded: new facts carry their time" row "$t/up-former" "Jan Peters" trainer "FC Groningen" former
"$FEIT" query -d "$t/v1.db" --json --since 2022-05-01 --until 2022-05-01 Rusland >"$t/up-pub" 2>&1
check "upgraded: a document dated only by meta.published gets its date" grep -q '"date":"2022-05-01","doc":"oud-gepubliceerd"' "$t/up-pub"
"$FEIT" index -q -d "$t/v1.db" tests/index/docs.jsonl 2>"$t/up2.err"
"$FEIT" query -d "$t/v1.db" --json Poetin >"$t/up2-poetin" 2>/dev/null
check "upgraded, then indexed again: as a new index" cmp -s "$t/up2-poetin" "$t/v2-poetin"

# ---- versions and files it does not know ------------------------------------------------------
make_v1 "$t/v3.db"
python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE feit_index SET value = '3'\"); c.commit()" "$t/v3.db"
"$FEIT" query -d "$t/v3.db" Poetin >/dev/null 2>"$t/v3q.err"; rcq=$?
"$FEIT" index -d "$t/v3.db" "$t/docs.jsonl" 2>"$t/v3i.err"; rci=$?
check "a newer version: query exit 2 with the reason" sh -c "[ $rcq -eq 2 ] && grep -q 'schema version 3 is newer than this feit knows (1 to 2)' '$t/v3q.err'"
check "a newer version: index exit 2" sh -c "[ $rci -eq 2 ] && grep -q 'schema version 3 is newer' '$t/v3i.err'"
check "a newer version: left as it was" python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute(\"SELECT value FROM feit_index WHERE key='schema'\").fetchone() == ('3',)
assert 'time' not in [r[1] for r in c.execute('PRAGMA table_info(facts)')]" "$t/v3.db"
python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE orders(id INTEGER)'); c.commit()" "$t/other.db"
"$FEIT" index -d "$t/other.db" "$t/docs.jsonl" 2>"$t/other.err"; rc=$?
check "another SQLite database: index refuses it, exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'not a feit fact index: the file holds other tables' '$t/other.err'"
check "another SQLite database: left as it was" python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert [r[0] for r in c.execute(\"SELECT name FROM sqlite_master\")] == ['orders']
assert c.execute('PRAGMA journal_mode').fetchone() == ('delete',)" "$t/other.db"
exit 0
