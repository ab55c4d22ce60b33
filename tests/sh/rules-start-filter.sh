# A rule that starts with an entity or a role is listed for a sentence only where the token
# right after one of its entities (or after a word a role may open at: one token on, and three
# for "secretaris-generaal") can start the rest of it: a literal of its filter or the start of a
# mention of its types (relate.c: follow_scan, start_may; rules.h: rlater.start). Each rule
# below fires in its sentence and not in the one where that token is another; a description
# standing for a person still counts (the describe rule is listed there: no test then). The
# rule file and sentences are written for this test; bundled gazetteers.
. tests/patho/lib.sh
cp models/predicates.tsv models/roles.tsv "$T/"
cat >"$T/s.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
rule role-describe 0.6 nocue describe
    <(de|het) C:COUNTRY/adj R:ROLE !(","? PERSON | PERSON | van | bij | in | voor | ROLE | "-")
    -> WHO $R C
rule lit 0.9
    A:PERSON bezoekt B:COUNTRY
    -> A bezoek B
rule ent 0.9 nocue
    B:ORG A:PERSON/name
    -> A lid_van B
rule role 0.6 nocue
    R:ROLE P:PERSON van (de)? O:ORG
    -> P $R O
R
printf '%s\n' \
    '{"id":"lit","text":"Mark Rutte bezoekt Brazilië."}' \
    '{"id":"nolit","text":"Mark Rutte verlaat Brazilië."}' \
    '{"id":"ent","text":"Volgens het CDA Mark Rutte, zei men."}' \
    '{"id":"noent","text":"Volgens het CDA zei Mark Rutte niets."}' \
    '{"id":"role","text":"In Brussel sprak secretaris-generaal Mark Rutte van de NAVO."}' \
    '{"id":"norole","text":"In Brussel sprak de secretaris-generaal met Mark Rutte van de NAVO."}' \
    '{"id":"virt","text":"De Venezolaanse oppositieleider bezoekt Brazilië. Dat zei María Corina Machado."}' >"$T/in.jsonl"
"$FEIT" extract --rules "$T/s.rules" --input-format jsonl --emit triples "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" '/' 't["doc"] + ":" + t["rule"] + ":" + t["subject"]' 't["rule"] in ("lit", "ent", "role")' 2>&1)
want="ent:ent:Mark Rutte/lit:lit:Mark Rutte/role:role:Mark Rutte/virt:lit:María Corina Machado"
if [ "$got" = "$want" ]; then echo "PASS rules-start-filter: entity and role rules listed where the token after their start can go on"
else echo "FAIL rules-start-filter: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
