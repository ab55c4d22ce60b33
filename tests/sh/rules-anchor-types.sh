# A rule that starts with an entity is tried in a sentence only when the sentence has a mention
# of one of its types, or (for a person) a description that stands for a person named nearby
# (relate.c run_rule: sent_ctx.ment_types); a rule that starts with a group only when the
# sentence has something its first token can be (first_in_sentence: a mention of its types, a
# described person, a literal, a word of its sets). The description's person must still count:
# "De Venezolaanse oppositieleider" has no person mention, the describe rule makes it María
# Corina Machado. The rule file and sentences are written for this test; bundled gazetteers.
. tests/patho/lib.sh
cp models/predicates.tsv models/roles.tsv "$T/"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
rule role-describe 0.6 nocue describe
    <(de|het) C:COUNTRY/adj R:ROLE !(","? PERSON | PERSON | van | bij | in | voor | ROLE | "-")
    -> WHO $R C
words reis = reis
rule visit 0.9
    A:PERSON bezoekt B:COUNTRY
    -> A bezoek B
rule grp 0.9
    (officieel | @reis) A:PERSON begroet B:COUNTRY
    -> A bezoek B
rule grpv 0.9
    (ooit)? A:PERSON groet B:COUNTRY
    -> A bezoek B
R
printf '%s\n' \
    '{"id":"virt","text":"De Venezolaanse oppositieleider bezoekt Brazilië. Dat zei María Corina Machado."}' \
    '{"id":"none","text":"Het Venezolaanse leger bezoekt Brazilië. Dat zei María Corina Machado."}' \
    '{"id":"name","text":"Mark Rutte bezoekt Brazilië."}' \
    '{"id":"lit","text":"Officieel Mark Rutte begroet Brazilië."}' \
    '{"id":"set","text":"Reis Mark Rutte begroet Brazilië."}' \
    '{"id":"nofirst","text":"Gisteren Mark Rutte begroet Brazilië."}' \
    '{"id":"gvirt","text":"De Venezolaanse oppositieleider groet Brazilië. Dat zei María Corina Machado."}' \
    '{"id":"gname","text":"Ooit Mark Rutte groet Brazilië."}' >"$T/in.jsonl"
"$FEIT" extract --rules "$T/g.rules" --input-format jsonl --emit triples "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" '/' 't["doc"] + ":" + t["rule"] + ":" + t["subject"]' 't["object"] == "Brazilië" and t["predicate"] == "bezoek"' 2>&1)
want="gname:grpv:Mark Rutte/gvirt:grpv:María Corina Machado/lit:grp:Mark Rutte/name:visit:Mark Rutte/set:grp:Mark Rutte/virt:visit:María Corina Machado"
if [ "$got" = "$want" ]; then echo "PASS rules-anchor-types: entity and group rules run where their first token can be"
else echo "FAIL rules-anchor-types: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
