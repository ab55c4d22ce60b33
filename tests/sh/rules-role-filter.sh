# A rule whose own sequence needs a role (not optional, not in a group) is not listed for a
# sentence where no role can start (rules.h: rlater.role; relate.c: role_may): a free role word,
# a word or another free token with a hyphenated compound glued on. Here the role anywhere but
# first: a role word, a compound of the lexicon (minister-president), compounds whose first part
# is a number ("2e-man", "7-man": a variant added for this test), and a sentence with no role
# (no triple). The rule file and sentences are written for this test; fixture gazetteers.
. tests/patho/lib.sh
cp models/predicates.tsv models/roles.tsv "$T/"
printf '2e-man\tminister\n7-man\tminister\n' >>"$T/roles.tsv"
cat >"$T/g.rules" <<'R'
predicates predicates.tsv
roles roles.tsv
rule appos 0.9
    A:PERSON "," R:ROLE van B:COUNTRY
    -> A $R B
R
printf '%s\n' \
    '{"id":"word","text":"Vladimir Poetin, minister van Iran, sprak."}' \
    '{"id":"none","text":"Vladimir Poetin, vriend van Iran, sprak."}' \
    '{"id":"compound","text":"Vladimir Poetin, minister-president van Iran, sprak."}' \
    '{"id":"ordinal","text":"Vladimir Poetin, 2e-man van Iran, sprak."}' \
    '{"id":"digit","text":"Vladimir Poetin, 7-man van Iran, sprak."}' >"$T/in.jsonl"
"$FEIT" extract --gazetteers tests/rules/gaz --rules "$T/g.rules" --input-format jsonl --emit triples \
    "$T/in.jsonl" >"$T/out" 2>"$T/err"
got=$(triple_keys "$T/out" ' ' 't["doc"] + ":" + t["predicate"]' 't["rule"] == "appos" and t["object"] == "Iran"' 2>&1)
want="compound:premier digit:minister ordinal:minister word:minister"
if [ "$got" = "$want" ]; then echo "PASS rules-role-filter: a rule that needs a role runs where one can start"
else echo "FAIL rules-role-filter: got '$got', want '$want' $(head -c 300 "$T/err")"; fi
