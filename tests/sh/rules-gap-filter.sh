# A gap (_n, ...n) tries what follows it only at the tokens that rest can start at (rules.h:
# gap_next, rfollow: literals by hash bit, entity types, word sets): a literal right after the
# gap or a few tokens on, a literal after an optional word (either can end the gap), any
# alternative of a group of literals, a mention inside the gap, a gap whose sequence ends
# inside a group (the continuation is the group's: no filter), an entity, a word of a set as a
# stem or a compound's head, what follows a negative look-ahead, and a person a description
# stands for. The rule file and sentences are written for this test; fixture gazetteers, then
# the bundled ones (the description).
. tests/patho/lib.sh
cp models/predicates.tsv "$T/"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
words reis = reis bezoek
rule lit 0.9
    A:PERSON ...3 ontmoet B:COUNTRY
    -> A bezoek B
rule opt 0.9
    A:PERSON begroet _2 (zeer)? hartelijk B:COUNTRY
    -> A bezoek B
rule alts 0.9
    A:PERSON groet _2 (vandaag | morgen | gisteren) B:COUNTRY
    -> A bezoek B
rule ingroup 0.9
    A:PERSON (_2 | toen) bezocht B:COUNTRY
    -> A bezoek B
rule tail 0.9
    A:PERSON prijst B:COUNTRY _2 uitbundig
    -> A bezoek B
rule set 0.9
    A:PERSON looft _2 @reis B:COUNTRY
    -> A bezoek B
words tocht = *tocht
rule head 0.9
    A:PERSON roemt _2 @tocht B:COUNTRY
    -> A bezoek B
rule ent 0.9
    A:PERSON bewondert _2 B:COUNTRY
    -> A bezoek B
rule not 0.9
    A:PERSON eert _2 !(niet) graag B:COUNTRY
    -> A bezoek B
R
printf '%s\n' \
    '{"id":"lit-0","text":"Vladimir Poetin ontmoet Iran."}' \
    '{"id":"lit-3","text":"Vladimir Poetin zal morgen dan ontmoet Iran."}' \
    '{"id":"lit-4","text":"Vladimir Poetin zal morgen dan ook ontmoet Iran."}' \
    '{"id":"lit-ment","text":"Vladimir Poetin via het Kremlin ontmoet Iran."}' \
    '{"id":"opt-0","text":"Vladimir Poetin begroet hartelijk Iran."}' \
    '{"id":"opt-1","text":"Vladimir Poetin begroet zeer hartelijk Iran."}' \
    '{"id":"opt-2","text":"Vladimir Poetin begroet heel erg hartelijk Iran."}' \
    '{"id":"alts-1","text":"Vladimir Poetin groet morgen Iran."}' \
    '{"id":"alts-3","text":"Vladimir Poetin groet al sinds gisteren Iran."}' \
    '{"id":"ingroup","text":"Vladimir Poetin had al bezocht Iran."}' \
    '{"id":"tail","text":"Vladimir Poetin prijst Iran heel uitbundig"}' \
    '{"id":"tail-none","text":"Vladimir Poetin prijst Iran heel erg zeer uitbundig"}' \
    '{"id":"set","text":"Vladimir Poetin looft de lange reis Iran."}' \
    '{"id":"set-stem","text":"Vladimir Poetin looft de bezoeken Iran."}' \
    '{"id":"set-head","text":"Vladimir Poetin roemt de lange wandeltocht Iran."}' \
    '{"id":"ent-0","text":"Vladimir Poetin bewondert Iran."}' \
    '{"id":"ent-2","text":"Vladimir Poetin bewondert heel erg Iran."}' \
    '{"id":"ent-3","text":"Vladimir Poetin bewondert heel erg zeer Iran."}' \
    '{"id":"not","text":"Vladimir Poetin eert zeer graag Iran."}' >"$T/in.jsonl"
"$FEIT" extract --gazetteers tests/rules/gaz --rules "$T/g.rules" --input-format jsonl --emit triples \
    "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" ' ' 't["doc"] + ":" + t["rule"]' 't["subject"] == "Vladimir Poetin" and t["predicate"] == "bezoek" and t["object"] == "Iran"' 2>&1)
want="alts-1:alts alts-3:alts ent-0:ent ent-2:ent ingroup:ingroup lit-0:lit lit-3:lit lit-ment:lit not:not opt-0:opt opt-1:opt opt-2:opt set-head:head set-stem:set set:set tail:tail"
if [ "$got" = "$want" ]; then echo "PASS rules-gap-filter: a gap ends wherever the rest after it can start"
else echo "FAIL rules-gap-filter: got '$got', want '$want' $(head -c 300 "$T/err")"; fi

cp models/roles.tsv "$T/"
cat >"$T/d.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
rule role-describe 0.6 nocue describe
    <(de|het) C:COUNTRY/adj R:ROLE !(","? PERSON | PERSON | van | bij | in | voor | ROLE | "-")
    -> WHO $R C
rule gvirt 0.9
    vandaag _2 A:PERSON groet B:COUNTRY
    -> A bezoek B
R
printf '%s\n' \
    '{"id":"virt","text":"Vandaag de Venezolaanse oppositieleider groet Brazilië. Dat zei María Corina Machado."}' \
    '{"id":"name","text":"Vandaag zelfs Mark Rutte groet Brazilië."}' >"$T/d.jsonl"
"$FEIT" extract --rules "$T/d.rules" --input-format jsonl --emit triples "$T/d.jsonl" >"$T/dout" 2>"$T/derr"
got=$(triple_keys "$T/dout" '/' 't["doc"] + ":" + t["rule"] + ":" + t["subject"]' 't["object"] == "Brazilië" and t["predicate"] == "bezoek"' 2>&1)
want="name:gvirt:Mark Rutte/virt:gvirt:María Corina Machado"
if [ "$got" = "$want" ]; then echo "PASS rules-gap-filter (described): a gap ends where a description's person starts"
else echo "FAIL rules-gap-filter (described): got '$got', want '$want' $(head -c 300 "$T/derr")"; fi
