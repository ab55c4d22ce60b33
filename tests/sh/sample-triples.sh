# scripts/sample-triples: the same triples and seed give the same sample, N of them, in input
# order; another seed another sample; a line that is not a triple is an error naming file:line.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
printf 'Rusland en Iran gaan nauwer samenwerken. Poetin sprak met Pezeshkian. Duitsland steunt Oekraïne. Frankrijk steunt Polen.\n' >"$T/a.txt"
"$FEIT" extract --gazetteers tests/rules/gaz "$T/a.txt" >"$T/t.jsonl" 2>/dev/null
n=$(wc -l <"$T/t.jsonl")
scripts/sample-triples --seed 7 -n 2 "$T/t.jsonl" >"$T/s1"
scripts/sample-triples --seed 7 -n 2 "$T/t.jsonl" >"$T/s2"
if [ "$n" -ge 3 ] && cmp -s "$T/s1" "$T/s2" && [ "$(grep -c '^[0-9]*\. ' "$T/s1")" = 2 ]; then
    echo "PASS sample-triples-same-seed: 2 of $n, the same twice"
else echo "FAIL sample-triples-same-seed: $n triples; $(head -c 300 "$T/s1")"; fi
seeds=$(for s in 1 2 3 4 5 6; do scripts/sample-triples --seed $s -n 1 "$T/t.jsonl" | sed -n 2p; done | sort -u | wc -l)
if [ "$seeds" -ge 2 ]; then echo "PASS sample-triples-seeds: $seeds different picks over 6 seeds"
else echo "FAIL sample-triples-seeds: every seed picked the same triple"; fi
printf '{"doc":"x"}\n' >"$T/bad.jsonl"
if scripts/sample-triples "$T/bad.jsonl" 2>"$T/err"; then echo "FAIL sample-triples-bad: accepted"
elif grep -q "bad.jsonl:1: not a triple record" "$T/err"; then echo "PASS sample-triples-bad: names file:line"
else echo "FAIL sample-triples-bad: $(cat "$T/err")"; fi
