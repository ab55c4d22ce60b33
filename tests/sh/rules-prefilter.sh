# The relation stage skips a rule unless the sentence holds a word each of its needed elements
# asks for (a literal, a word set, or a group each of whose alternatives needs one), and tries
# a rule whose first element is a group only where one of its alternatives can start. Any
# alternative must do: the second literal of a group, a word set in it, an entity first. Both
# ways of testing the words are checked (the rule bitsets, and rule by rule with 64 more word
# sets). The rule file and sentences are written for this test; fixture gazetteers.
. tests/patho/lib.sh
cp models/predicates.tsv "$T/"
cat >"$T/p.rules" <<'R'
predicates predicates.tsv
words reis = reis
rule tour 0.9
    A:PERSON _3 (rondreis | tournee | @reis | stapt uit) door (het)? B:COUNTRY
    -> A bezoek B
rule groupfirst 0.9
    ((hoge)? gezant | ORG | @reis) "," A:PERSON "," bezoekt B:COUNTRY
    -> A bezoek B
R
cp "$T/p.rules" "$T/many.rules"
for i in $(seq 1 64); do echo "words unused$i = zzqx${i}a zzqx${i}b"; done >>"$T/many.rules"
printf '%s\n' \
    '{"id":"lit1","text":"Vladimir Poetin maakt een rondreis door Iran."}' \
    '{"id":"lit2","text":"Vladimir Poetin maakt een tournee door Iran."}' \
    '{"id":"set","text":"Vladimir Poetin maakt een reis door Iran."}' \
    '{"id":"multi","text":"Vladimir Poetin stapt uit door Iran."}' \
    '{"id":"none","text":"Vladimir Poetin reist door Iran."}' \
    '{"id":"first-lit","text":"De gezant, Vladimir Poetin, bezoekt Iran."}' \
    '{"id":"first-opt","text":"De hoge gezant, Vladimir Poetin, bezoekt Iran."}' \
    '{"id":"first-ent","text":"Het Kremlin, Vladimir Poetin, bezoekt Iran."}' \
    '{"id":"first-none","text":"De minister, Vladimir Poetin, bezoekt Iran."}' >"$T/in.jsonl"
want="first-ent:groupfirst first-lit:groupfirst first-opt:groupfirst lit1:tour lit2:tour multi:tour set:tour"
for rules in p many; do
    "$FEIT" extract --gazetteers tests/rules/gaz --rules "$T/$rules.rules" --input-format jsonl --emit triples \
        "$T/in.jsonl" >"$T/out" 2>"$T/err"
    got=$(triple_keys "$T/out" ' ' 't["doc"] + ":" + t["rule"]' 't["subject"] == "Vladimir Poetin" and t["predicate"] == "bezoek" and t["object"] == "Iran"' 2>&1)
    if [ "$got" = "$want" ]; then echo "PASS rules-prefilter ($rules): every alternative of a needed or first group counts"
    else echo "FAIL rules-prefilter ($rules): got '$got', want '$want' $(head -c 300 "$T/err")"; fi
done
