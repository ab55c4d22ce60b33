# A rule that starts with an entity is tried in a sentence only when the sentence has a mention
# of one of its types, or (for a person) a description that stands for a person named nearby
# (relate.c run_rule: sent_ctx.ment_types). The description's person must still count: the
# first sentence has no person mention, only "De Venezolaanse oppositieleider", which the
# describe rule makes María Corina Machado. The rule file and sentences are written for this
# test; bundled gazetteers.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cp models/predicates.tsv models/roles.tsv "$T/"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
rule role-describe 0.6 nocue describe
    <(de|het) C:COUNTRY/adj R:ROLE !(","? PERSON | PERSON | van | bij | in | voor | ROLE | "-")
    -> WHO $R C
rule visit 0.9
    A:PERSON bezoekt B:COUNTRY
    -> A bezoek B
R
printf '%s\n' \
    '{"id":"virt","text":"De Venezolaanse oppositieleider bezoekt Brazilië. Dat zei María Corina Machado."}' \
    '{"id":"none","text":"Het Venezolaanse leger bezoekt Brazilië. Dat zei María Corina Machado."}' \
    '{"id":"name","text":"Mark Rutte bezoekt Brazilië."}' >"$T/in.jsonl"
"$FEIT" extract --rules "$T/g.rules" --input-format jsonl --emit triples "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(python3 -c 'import json,sys
print(" ".join(sorted(t["doc"] + ":" + t["subject"] for t in map(json.loads, open(sys.argv[1]))
                      if t["rule"] == "visit" and t["object"] == "Brazilië")))' "$T/out" 2>&1)
want="name:Mark Rutte virt:María Corina Machado"
if [ "$got" = "$want" ]; then echo "PASS rules-anchor-types: an entity rule runs where a mention of its type or a described person is"
else echo "FAIL rules-anchor-types: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
