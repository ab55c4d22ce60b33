# A rule is tried only at starts up to the last free place of a literal its body needs and the
# last start of an entity it needs (rules.h: rlater, the last word and the last entity of the
# body's own sequence that are neither optional, nor look-behinds, nor in a group; past the
# start when the body's first element consumes a token), and not at all in a sentence without
# them (relate.c: later_limit). Here: the word twice, a match at its second place only; the word
# as the rule's first element (a match starts at it); a look-behind word before the start, an
# optional word at the end, a group, a described person before the word, and the word only
# before the person (no match); the entity as the rule's first element, the entity after an
# optional first word (both: the match starts at the last person), a described person as the
# later entity. The rule files and sentences are written for this test; fixture gazetteers, then the
# bundled ones (the description).
. tests/patho/lib.sh
cp models/predicates.tsv models/roles.tsv "$T/"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
rule last 0.9
    A:PERSON ...3 ontmoet B:COUNTRY
    -> A bezoek B
rule self 0.9
    begroet A:PERSON B:COUNTRY
    -> A bezoek B
rule behind 0.9
    (de)? <prijst A:PERSON B:COUNTRY
    -> A bezoek B
rule opt 0.9
    A:PERSON roemt B:COUNTRY zeer?
    -> A bezoek B
rule group 0.9
    A:PERSON eert B:COUNTRY (nu | toen)
    -> A bezoek B
rule entfirst 0.9
    A:PERSON groet B:COUNTRY?
    -> A bezoek B
rule entopt 0.9
    (zelfs)? A:PERSON roept B:COUNTRY?
    -> A bezoek B
# (these make prijst and zeer requirement literals, numbered in lit_index)
rule prijst 0.9
    A:PERSON prijst B:COUNTRY
    -> A bezoek B
rule zeer 0.9
    A:PERSON zeer B:COUNTRY
    -> A bezoek B
R
printf '%s\n' \
    '{"id":"twice","text":"Vladimir Poetin ontmoet ook vandaag Mark Rutte en ontmoet Iran."}' \
    '{"id":"before","text":"Ontmoet Vladimir Poetin Iran?"}' \
    '{"id":"self","text":"Vandaag begroet Vladimir Poetin Iran."}' \
    '{"id":"behind","text":"Daarna prijst Vladimir Poetin Iran."}' \
    '{"id":"opt","text":"Vladimir Poetin roemt Iran."}' \
    '{"id":"group","text":"Vladimir Poetin eert Iran nu."}' \
    '{"id":"entfirst","text":"Vladimir Poetin groet Iran."}' \
    '{"id":"entopt","text":"Vladimir Poetin roept Iran."}' >"$T/in.jsonl"
"$FEIT" extract --gazetteers tests/rules/gaz --rules "$T/g.rules" --input-format jsonl --emit triples \
    "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" ' ' 't["doc"] + ":" + t["rule"] + ":" + t["subject"].split()[-1]' 't["predicate"] == "bezoek" and t["object"] == "Iran"' 2>&1)
want="behind:behind:Poetin entfirst:entfirst:Poetin entopt:entopt:Poetin group:group:Poetin opt:opt:Poetin self:self:Poetin twice:last:Rutte"
if [ "$got" = "$want" ]; then echo "PASS rules-later: a rule starts up to its needed word's last place"
else echo "FAIL rules-later: got '$got', want '$want' $(head -c 300 "$T/err")"; fi

cat >"$T/d.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
rule role-describe 0.6 nocue describe
    <(de|het) C:COUNTRY/adj R:ROLE !(","? PERSON | PERSON | van | bij | in | voor | ROLE | "-")
    -> WHO $R C
rule dlast 0.9
    A:PERSON _2 groet B:COUNTRY
    -> A bezoek B
rule dent 0.9
    B:COUNTRY begroet _1 A:PERSON
    -> A bezoek B
R
printf '%s\n' \
    '{"id":"virt","text":"Vandaag de Venezolaanse oppositieleider groet Brazilië. Dat zei María Corina Machado."}' \
    '{"id":"virt-before","text":"Groet de Venezolaanse oppositieleider Brazilië? Dat vroeg María Corina Machado."}' \
    '{"id":"virt-ent","text":"Brazilië begroet de Venezolaanse oppositieleider. Dat zei María Corina Machado."}' >"$T/d.jsonl"
"$FEIT" extract --rules "$T/d.rules" --input-format jsonl --emit triples "$T/d.jsonl" >"$T/dout" 2>"$T/derr"
got=$(triple_keys "$T/dout" '/' 't["doc"] + ":" + t["rule"] + ":" + t["subject"]' 't["object"] == "Brazilië" and t["predicate"] == "bezoek"' 2>&1)
want="virt-ent:dent:María Corina Machado/virt:dlast:María Corina Machado"
if [ "$got" = "$want" ]; then echo "PASS rules-later (described): a described person before the word, as the later entity"
else echo "FAIL rules-later (described): got '$got', want '$want' $(head -c 300 "$T/derr")"; fi
