# The JSON Lines reader on the shapes archives really have: escapes (\n, \", \\, \u00e9,
# surrogate pairs), ids as strings, numbers or absent, nested meta, members in any order.
# Every document must come out with the id and meta Python's json module reads, and entity
# offsets must index the text as Python decodes it (so no escape shifts an offset).
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
python3 - "$out/in.jsonl" <<'PY'
import json, sys
texts = [
    "Rusland en Iran gaan samenwerken.",
    "Hij zei: \"Rusland\" en\nIran\ttekenden.",
    "Caf\u00e9 \u201cRusland\u201d \u2014 Iran \U0001F600 en Oekra\u00efne.",
    "Back\\slash / slash en Rusland.",
]
lines = []
for i, t in enumerate(texts):
    lines.append(json.dumps({"id": f"s{i}", "text": t, "title": f"T{i}"}, ensure_ascii=True))
    lines.append(json.dumps({"title": {"nl": "x", "n": [1, 2.5, None, True]}, "text": t, "id": 100 + i}, ensure_ascii=False))
    lines.append(json.dumps({"text": t, "url": "https://x.nl/a?b=1&c=\"2\""}))
lines.append('{"text":"Rusland \\ud83d\\ude00 Iran","id":"e\\u00e9"}')
lines.append('  {  "id" : -7 ,  "text" : "Iran en Rusland" , "z": {} }  ')
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
"$FEIT" extract --emit documents --input-format jsonl "$out/in.jsonl" >"$out/docs.jsonl" 2>"$out/err"
echo "exit $?" >>"$out/err"
python3 - "$out/in.jsonl" "$out/docs.jsonl" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
def check(ok, what):
    print(("PASS " if ok else "FAIL ") + "reader-jsonl: " + what)
check(len(got) == len(src), f"{len(src)} documents in, {len(got)} out")
for n, (s, g) in enumerate(zip(src, got), 1):
    want_id = str(s["id"]) if "id" in s else f"{sys.argv[1]}:{n}"
    meta = {k: v for k, v in s.items() if k not in ("id", "text")}
    check(g["doc"] == want_id, f"line {n}: id {g['doc']!r} == {want_id!r}")
    check(g["meta"] == meta, f"line {n}: meta")
    b = s["text"].encode("utf-8")
    spans = all(b[e["start"]:e["end"]].decode("utf-8") == e["text"] for e in g["entities"])
    names = {e["canonical"] for e in g["entities"]}
    check(spans and "Rusland" in names, f"line {n}: entity offsets index the decoded text ({len(g['entities'])} entities)")
PY
grep -q "exit 0" "$out/err" && echo "PASS reader-jsonl: exit 0" || { echo "FAIL reader-jsonl: stderr"; cat "$out/err"; }
