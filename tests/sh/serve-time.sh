# serve-time.sh — the JSON API of `feit serve` gives each fact's `time` and `date` as
# `feit extract` wrote them (the index holds extract's output for tests/index/time-article.jsonl
# beside the fixture), filters by `time`, and answers a bad `time` with a notice.
serve_time=1
. tests/index/serve-lib.sh

ok() { echo "PASS $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else echo "FAIL $name: check failed: $*"; fi; }

for tm in current former designate; do
    get "/api/search?time=$tm" "$t/api-$tm"
done
check "API: --time filter alone, every status" sh -c "[ \"\$(cat '$t/api-current.status' '$t/api-former.status' '$t/api-designate.status')\" = 200200200 ]"
check "API: time and date of every fact as extract wrote them" python3 - "$t" <<'PY'
import json, sys
t = sys.argv[1]
key = lambda r: (r["doc"], r["subject"], r["predicate"], r["object"], r["evidence"], r["time"], r.get("date"))
want = sorted(key(json.loads(l)) for l in open(f"{t}/time-triples.jsonl"))
got = []
for tm in ("current", "former", "designate"):
    body = json.load(open(f"{t}/api-{tm}"))
    assert body["mode"] == "filter", body
    assert all(f["time"] == tm for f in body["facts"]), (tm, body["facts"])
    got += [key(f) for f in body["facts"]]
assert sorted(got) == want, (sorted(got), want)
PY

get "/api/search?q=Groningen" "$t/api-gr"
check "API: a search by name carries time and date" python3 - "$t/api-gr" <<'PY'
import json, sys
facts = json.load(open(sys.argv[1]))["facts"]
got = sorted((f["subject"], f["time"], f["date"]) for f in facts)
assert got == [("Dick Lukkien", "current", "2 mei 2024"), ("Jan Peters", "former", "2 mei 2024")], got
PY
get "/api/search?q=Groningen&time=former" "$t/api-gr-f"
check "API: name and time filter combine" python3 - "$t/api-gr-f" <<'PY'
import json, sys
facts = json.load(open(sys.argv[1]))["facts"]
assert [(f["subject"], f["time"]) for f in facts] == [("Jan Peters", "former")], facts
PY
get "/api/search?q=Poetin" "$t/api-poetin"
check "API: facts of a record without time have no time, and the document's date" python3 - "$t/api-poetin" <<'PY'
import json, sys
facts = json.load(open(sys.argv[1]))["facts"]
assert facts and all("time" not in f for f in facts), facts
assert {f.get("date") for f in facts if f["doc"] == "anp-2024-10-11-poetin"} == {"2024-10-11"}, facts
PY
get "/api/search?q=Rutte" "$t/api-rutte"
rid=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['entities'][0]['id'])" "$t/api-rutte")
get "/api/entity?id=$rid" "$t/api-ent"
check "API: entity facts carry time and date" python3 - "$t/api-ent" <<'PY'
import json, sys
facts = json.load(open(sys.argv[1]))["facts"]
got = sorted((f["predicate"], f["time"], f["date"]) for f in facts)
# these two among them (which other facts there are follows the rules), and every fact has both
assert ("premier", "current", "2023-11-02") in got and ("secretaris-generaal", "designate", "2024-06-26") in got, got
assert all(f["time"] in ("current", "former", "designate") and f["date"] for f in facts), got
PY

get "/api/search?q=Rutte&time=vroeger" "$t/api-bad"
get "/api/search?q=Rutte" "$t/api-all"
check "API: a bad time is ignored with a notice" python3 - "$t/api-bad" "$t/api-all" <<'PY'
import json, sys
body = json.load(open(sys.argv[1]))
assert "huidig, voormalig of beoogd" in body["notice"], body
# no filter: the same facts as the search without one, the designate one among them
every = json.load(open(sys.argv[2]))["facts"]
assert len(body["facts"]) == len(every) >= 2, (body["facts"], every)
assert any(f["time"] == "designate" for f in body["facts"]), body["facts"]
PY
get "/?q=Rutte&time=%22%3E%3Cscript%3E" "$t/html-bad"
check "page: a bad time is ignored with a notice, not echoed" sh -c "[ \"\$(cat '$t/html-bad.status')\" = 200 ] && grep -q 'Tijd is huidig, voormalig of beoogd' '$t/html-bad' && ! grep -q '<script' '$t/html-bad' && grep -q '<option value=\"\">alle tijden' '$t/html-bad'"
exit 0
