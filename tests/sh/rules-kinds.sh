# ORG.club|company in a rule: an organisation of either kind ("ORG.club|ORG.company" reads the
# same); an organisation of another kind, or a person, does not match. The rule file is made here
# from the bundled vocabulary and one rule; the fixture gazetteer gives the kinds (Ajax: club,
# ASML: company, VVD: party).
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cp models/predicates.tsv models/roles.tsv "$T/"
for spec in "ORG.club|company" "ORG.club|ORG.company"; do
    cat >"$T/k.rules" <<R
predicates predicates.tsv
rule kinds-test 0.9
    A:$spec werkt samen met B:ORG
    -> A samenwerking B
R
    printf '%s\n' '{"id":"a","text":"Ajax werkt samen met Feyenoord."}' \
        '{"id":"b","text":"ASML werkt samen met Feyenoord."}' \
        '{"id":"c","text":"VVD werkt samen met Feyenoord."}' >"$T/in.jsonl"
    "$FEIT" extract --gazetteers tests/rules/gaz --rules "$T/k.rules" --input-format jsonl \
        --emit triples "$T/in.jsonl" >"$T/out" 2>"$T/err"
    got=$(python3 -c 'import json,sys; print(" ".join(sorted(json.loads(l)["doc"] + ":" + json.loads(l)["subject"] for l in open(sys.argv[1]))))' "$T/out" 2>&1)
    if [ "$got" = "a:Ajax b:ASML" ]; then echo "PASS rules-kinds: $spec matches a club and a company, not a party"
    else echo "FAIL rules-kinds: $spec: got '$got' $(head -c 300 "$T/err")"; fi
done
# a kind list with an empty kind is an error naming the place
printf 'predicates predicates.tsv\nrule bad 0.9\n    A:ORG.club| werkt samen met B:ORG\n    -> A samenwerking B\n' >"$T/bad.rules"
if "$FEIT" lint "$T/bad.rules" >"$T/lint" 2>&1; then echo "FAIL rules-kinds-empty: lint accepted ORG.club|"
elif grep -q "bad.rules:3:.*a kind after" "$T/lint"; then echo "PASS rules-kinds-empty: lint names the place"
else echo "FAIL rules-kinds-empty: $(head -c 300 "$T/lint")"; fi
