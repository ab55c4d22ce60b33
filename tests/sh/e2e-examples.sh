# End to end with the real, bundled gazetteers and rules on the sample articles in examples/news/
# (texts the team wrote): the facts a reader finds in them must come out, with their types.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$FEIT" extract --threads 2 examples/news/ >"$out/t.jsonl" 2>"$out/err"
echo "extract exit $?" >"$out/rc"
python3 - "$out/t.jsonl" <<'PY'
import json, sys
got = set()
for line in open(sys.argv[1]):
    t = json.loads(line)
    got.add((t["subject"], t["subject_type"], t["predicate"], t["object"], t["object_type"]))
want = [
    ("Nederland", "country", "samenwerking", "België", "country"),
    ("Dick Schoof", "person", "premier", "Nederland", "country"),
    ("Duitsland", "country", "levering", "Oekraïne", "country"),
    ("Volodymyr Zelensky", "person", "president", "Oekraïne", "country"),
    ("Rusland", "country", "conflict", "Oekraïne", "country"),
    ("Europese Unie", "organisation", "sancties", "Rusland", "country"),
    ("Donald Trump", "person", "president", "Verenigde Staten", "country"),
    ("Washington", "city", "hoofdstad_van", "Verenigde Staten", "country"),
]
for w in want:
    print(("PASS " if w in got else "FAIL ") + "e2e-examples: (%s/%s, %s, %s/%s)" % w)
PY
