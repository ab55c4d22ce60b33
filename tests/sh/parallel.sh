# Beyond one machine: `parallel --pipe` over chunks of a JSON Lines stream gives exactly the
# output of one process (stdin to stdout, no temp files, deterministic, input order kept).
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
python3 - >"$out/in.jsonl" <<'PY'
import json, os
texts = [open(os.path.join("examples/news", f), encoding="utf-8").read() for f in sorted(os.listdir("examples/news"))]
for i in range(60):
    print(json.dumps({"id": "doc-%03d" % i, "text": texts[i % len(texts)], "n": i}, ensure_ascii=False))
PY
"$FEIT" extract --emit documents --input-format jsonl - <"$out/in.jsonl" >"$out/one.jsonl"
parallel --pipe -N 7 --keep-order "$FEIT" extract --emit documents --input-format jsonl - \
    <"$out/in.jsonl" >"$out/many.jsonl" 2>"$out/err"
lines=$(wc -l <"$out/one.jsonl")
[ "$lines" -eq 60 ] && echo "PASS parallel: one process wrote 60 documents" || echo "FAIL parallel: one process wrote $lines documents, want 60"
if cmp -s "$out/one.jsonl" "$out/many.jsonl"; then echo "PASS parallel: parallel --pipe output equals one process"; else echo "FAIL parallel: outputs differ"; diff "$out/one.jsonl" "$out/many.jsonl" | head -5; fi
"$FEIT" extract --threads 1 --input-format jsonl - <"$out/in.jsonl" >"$out/t1.jsonl"
"$FEIT" extract --threads 2 --input-format jsonl - <"$out/in.jsonl" >"$out/t2.jsonl"
cmp -s "$out/t1.jsonl" "$out/t2.jsonl" && echo "PASS parallel: --threads 2 equals --threads 1" || echo "FAIL parallel: --threads 2 differs from --threads 1"
