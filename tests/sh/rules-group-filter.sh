# Inside a pattern, the matcher tries a group's (or a negative look-ahead's) alternative only
# where its first token can start it (rules.h: alt_first, a filter of the first literals'
# hashes): an alternative that starts with a word set, an entity or an optional word still
# counts, a literal alternative is skipped only where the token cannot be it, and past the
# sentence's end only alternatives that need no token are tried. A rule that starts with an
# entity, or with a word, is tried only where the token after it can start the rest: a literal,
# an entity (after_anchor, after_types). The rule file and sentences
# are written for this test; fixture gazetteers.
. tests/patho/lib.sh
cp models/predicates.tsv "$T/"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
words reis = reis
rule mid 0.9
    A:PERSON _2 ((zeer)? hartelijk | bezoekt | @reis naar | ORG "," bezoekt) B:COUNTRY
    -> A bezoek B
rule notla 0.9
    A:PERSON !(niet | nooit | zeker niet) bezoekt officieel B:COUNTRY
    -> A bezoek B
rule tail 0.9
    A:PERSON groet B:COUNTRY (warm | hartelijk) (vandaag | morgen)?
    -> A bezoek B
rule after 0.9
    A:PERSON ((heel)? graag | @reis | B:COUNTRY) (reist | bezocht) C:COUNTRY
    -> A bezoek C
rule wordent 0.9
    gast (toen)? A:PERSON begroet C:COUNTRY
    -> A bezoek C
R
printf '%s\n' \
    '{"id":"lit","text":"Vladimir Poetin bezoekt Iran."}' \
    '{"id":"opt","text":"Vladimir Poetin zeer hartelijk Iran."}' \
    '{"id":"noopt","text":"Vladimir Poetin hartelijk Iran."}' \
    '{"id":"set","text":"Vladimir Poetin maakt een reis naar Iran."}' \
    '{"id":"ent","text":"Vladimir Poetin via het Kremlin, bezoekt Iran."}' \
    '{"id":"miss","text":"Vladimir Poetin groet Iran."}' \
    '{"id":"la-ok","text":"Vladimir Poetin bezoekt officieel Iran."}' \
    '{"id":"la-niet","text":"Vladimir Poetin niet bezoekt officieel Iran."}' \
    '{"id":"la-two","text":"Vladimir Poetin zeker niet bezoekt officieel Iran."}' \
    '{"id":"tail-end","text":"Vladimir Poetin groet Iran warm"}' \
    '{"id":"tail-opt","text":"Vladimir Poetin groet Iran hartelijk morgen"}' \
    '{"id":"after-lit","text":"Vladimir Poetin graag reist Iran."}' \
    '{"id":"after-opt","text":"Vladimir Poetin heel graag bezocht Iran."}' \
    '{"id":"after-set","text":"Vladimir Poetin reis bezocht Iran."}' \
    '{"id":"after-ent","text":"Vladimir Poetin Rusland bezocht Iran."}' \
    '{"id":"after-none","text":"Vladimir Poetin zeer graag bezocht Iran."}' \
    '{"id":"word-ent","text":"De gast Vladimir Poetin begroet Iran."}' \
    '{"id":"word-lit","text":"De gast toen Vladimir Poetin begroet Iran."}' \
    '{"id":"word-none","text":"De gast nu Vladimir Poetin begroet Iran."}' >"$T/in.jsonl"
"$FEIT" extract --gazetteers tests/rules/gaz --rules "$T/g.rules" --input-format jsonl --emit triples \
    "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" ' ' 't["doc"] + ":" + t["rule"]' 't["subject"] == "Vladimir Poetin" and t["predicate"] == "bezoek" and t["object"] == "Iran"' 2>&1)
want="after-ent:after after-lit:after after-opt:after after-set:after ent:mid la-ok:notla lit:mid noopt:mid opt:mid set:mid tail-end:tail tail-opt:tail word-ent:wordent word-lit:wordent"
if [ "$got" = "$want" ]; then echo "PASS rules-group-filter: groups try every alternative that can start at the token"
else echo "FAIL rules-group-filter: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
