# A gap (_n, ...n) tries what follows it only at the tokens that rest can start at (rules.h:
# gap_next, the filter of the first literals' hashes of the rest of its sequence): a literal
# right after the gap or a few tokens on, a literal after an optional word (either can end the
# gap), any alternative of a group of literals, a mention inside the gap, and a gap whose
# sequence ends inside a group (the continuation is the group's: no filter). The rule file
# and sentences are written for this test; fixture gazetteers.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cp models/predicates.tsv "$T/"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
words reis = reis
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
    '{"id":"set","text":"Vladimir Poetin looft de lange reis Iran."}' >"$T/in.jsonl"
"$FEIT" extract --gazetteers tests/rules/gaz --rules "$T/g.rules" --input-format jsonl --emit triples \
    "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(python3 -c 'import json,sys
print(" ".join(sorted(t["doc"] + ":" + t["rule"] for t in map(json.loads, open(sys.argv[1]))
                      if t["subject"] == "Vladimir Poetin" and t["predicate"] == "bezoek" and t["object"] == "Iran")))' "$T/out" 2>&1)
want="alts-1:alts alts-3:alts ingroup:ingroup lit-0:lit lit-3:lit lit-ment:lit opt-0:opt opt-1:opt opt-2:opt set:set tail:tail"
if [ "$got" = "$want" ]; then echo "PASS rules-gap-filter: a gap ends wherever the rest after it can start"
else echo "FAIL rules-gap-filter: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
