# scripts/eval-relations on a small gold set written for this test (tests/eval/): symmetric
# predicates either way round, any role for a role, the share of emitted triples in the gold,
# recall per predicate and --domains.
. tests/patho/lib.sh
scripts/eval-relations --feit "$FEIT" tests/eval/news.jsonl tests/eval/gold.json >"$T/o" 2>&1
ok eval-runs test $? -eq 0
# t1: 4 of 5 entities (no Teheran), t2: 2 of 2; triples: samenwerking (reversed), president,
# overleg found; both steun facts missed; the levering emitted is no gold triple
ok eval-totals grep -q 'entities R=85.7 (6/7) triples R=60.0 (3/5) P=75.0 (3/4 emitted triples in the gold)' "$T/o"
ok eval-per-predicate grep -Eq '^steun +2 +0 +0.0%' "$T/o"
ok eval-roles-line grep -Eq '^roles +1 +1 +100.0%' "$T/o"
printf 't1\tinternational\nt2\tbusiness\n' >"$T/dom.tsv"
scripts/eval-relations --feit "$FEIT" --domains "$T/dom.tsv" --show tests/eval/news.jsonl tests/eval/gold.json >"$T/o2" 2>&1
ok eval-domains grep -Eq '^  business +1 +0 +0.0%' "$T/o2"
ok eval-show-missed grep -q 't2 missed (duitsland, steun, oekraïne)' "$T/o2"
ok eval-show-extra grep -q 't2 extra (duitsland, levering, oekraïne)' "$T/o2"
