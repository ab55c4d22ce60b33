# A rule whose first element is a group of lone entities and words ("(lid | ORG) A:PERSON ...")
# is tried at a mention of one of those entities only where the token after it can start the
# rest (rules.c: lone_ents, rrule.after_anchor; relate.c: run_rule); its words start it at free
# words as before. Each case fires, in its own sentence, and the rule fires nowhere else. The rule file and sentences are written for this
# test; bundled gazetteers.
. tests/patho/lib.sh
cp models/predicates.tsv models/roles.tsv "$T/"
cat >"$T/s.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
rule grp 0.9 nocue
    (tweede kamerlid | ORG) A:PERSON namens B:ORG
    -> A lid_van B
R
printf '%s\n' \
    '{"id":"ent","text":"Volgens de VVD Mark Rutte namens D66 is het goed."}' \
    '{"id":"word","text":"Volgens tweede kamerlid Mark Rutte namens D66 is het goed."}' \
    '{"id":"none","text":"Volgens de VVD zei Mark Rutte namens D66 dat het goed is."}' >"$T/in.jsonl"
"$FEIT" extract --rules "$T/s.rules" --input-format jsonl --emit triples "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" '/' 't["doc"] + ":" + t["rule"] + ":" + t["subject"] + ">" + t["object"]' 't["rule"] == "grp"' 2>&1)
want="ent:grp:Mark Rutte>D66/word:grp:Mark Rutte>D66"
if [ "$got" = "$want" ]; then echo "PASS rules-group-lead: a group-led rule tried at its entities where the rest can follow, and at its words"
else echo "FAIL rules-group-lead: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
