# A sentence with as few mentions as only a few rules need (one: rules.h gate_ments) is scanned
# for them only when a role may start in it or it holds a word one of them requires (a literal
# or a word of a set: gate_lits, gate_sets; relate.c gate_open). Here one-mention sentences with
# a role, a literal and a word of a set each state a fact, and one with none of them nothing.
# The rule file and sentences are written for this test; bundled gazetteers.
. tests/patho/lib.sh
cp models/predicates.tsv models/roles.tsv "$T/"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
words plaats = gemeente stad dorp
rule role1 0.6 nocue
    R:ROLE P:PERSON
    -> P $R DOC
rule lit1 0.7 nocue
    hoofdstad A:CITY
    -> A hoofdstad_van DOC
rule set1 0.7 nocue
    A:CITY _2 @plaats
    -> A ligt_in DOC
rule two 0.9
    A:PERSON bezoekt B:COUNTRY
    -> A bezoek B
R
printf '%s\n' \
    '{"id":"role","text":"Nederland is een land. Premier Dick Schoof zei iets."}' \
    '{"id":"lit","text":"Nederland is een land. De hoofdstad Amsterdam is groot."}' \
    '{"id":"set","text":"Nederland is een land. Amsterdam is een stad."}' \
    '{"id":"none","text":"Nederland is een land. Dick Schoof zei iets over Amsterdam."}' >"$T/in.jsonl"
"$FEIT" extract --rules "$T/g.rules" --input-format jsonl --emit triples "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" '/' 't["doc"] + ":" + t["rule"] + ":" + t["subject"] + ":" + t["object"]' 2>&1)
want="lit:lit1:Amsterdam:Nederland/role:role1:Dick Schoof:Nederland/set:set1:Amsterdam:Nederland"
if [ "$got" = "$want" ]; then echo "PASS rules-gate: one-mention sentences with a role, a literal or a word of a set are tried"
else echo "FAIL rules-gate: got '$got', want '$want' $(head -c 300 "$T/err")"; fi

# The same with more than 64 word sets, where a word's sets are a packed list and the lexicon
# answers the gate's question for the word (RELATE_PACK_GATE, relate_match.h): the rule file
# above after 70 sets of its own, so "@plaats" is set 70.
{
    sed -n '1,2p' "$T/g.rules"
    i=1; while [ $i -le 70 ]; do echo "words z$i = zzqx${i}a"; i=$((i + 1)); done
    sed '1,2d' "$T/g.rules"
} >"$T/p.rules"
"$FEIT" extract --rules "$T/p.rules" --input-format jsonl --emit triples "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" '/' 't["doc"] + ":" + t["rule"] + ":" + t["subject"] + ":" + t["object"]' 2>&1)
if [ "$got" = "$want" ]; then echo "PASS rules-gate: the same with packed word sets (71 sets)"
else echo "FAIL rules-gate: packed sets: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
