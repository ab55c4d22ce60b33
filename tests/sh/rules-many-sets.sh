# With fewer than 64 word sets, relate.c tests all rules against a sentence at once (bitsets)
# and keeps each word's sets as bits; with 64 or more it goes rule by rule and stem by stem.
# The bundled rules plus 64 unused word sets take the second way: the triples must be the same,
# byte for byte, on the relation test cases and the example articles.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cp models/relations.rules models/predicates.tsv models/roles.tsv "$out/"
for i in $(seq 1 64); do echo "words unused$i = zzqx${i}a zzqx${i}b"; done >>"$out/relations.rules"
python3 - >"$out/in.jsonl" <<'PY'
import glob, json, os
n = 0
for f in sorted(glob.glob("tests/rules/*.test")):
    for line in open(f, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#") and "|" not in line and line.strip() not in ("-", "+"):
            n += 1
            print(json.dumps({"id": "case-%d" % n, "text": line}, ensure_ascii=False))
for f in sorted(os.listdir("examples/news")):
    print(json.dumps({"id": f, "text": open(os.path.join("examples/news", f), encoding="utf-8").read()}, ensure_ascii=False))
PY
for g in tests/rules/gaz default; do
    ga=""; [ "$g" = default ] || ga="--gazetteers $g"
    "$FEIT" extract $ga --input-format jsonl "$out/in.jsonl" >"$out/bits.jsonl"
    "$FEIT" extract $ga --rules "$out/relations.rules" --input-format jsonl "$out/in.jsonl" >"$out/loop.jsonl" 2>"$out/err"
    n=$(wc -l <"$out/bits.jsonl")
    if [ "$n" -gt 20 ] && cmp -s "$out/bits.jsonl" "$out/loop.jsonl"; then
        echo "PASS rules-many-sets: 64 more word sets give the same $n triples ($g gazetteers)"
    else
        echo "FAIL rules-many-sets: $n triples with bitsets, $(wc -l <"$out/loop.jsonl") without ($g gazetteers)"
        diff "$out/bits.jsonl" "$out/loop.jsonl" | head -4; head -3 "$out/err"
    fi
done
# ... and lint says so: such a rule file is slow to run
mkdir -p "$out/nl" && cp models/nl/* "$out/nl/"
"$FEIT" lint "$out/relations.rules" >"$out/lint" 2>&1
if grep -q "word sets: 64 or more switch the word-set index off" "$out/lint"; then
    echo "PASS rules-many-sets: lint warns of 64 or more word sets"
else
    echo "FAIL rules-many-sets: lint does not warn: $(head -c 300 "$out/lint")"
fi
